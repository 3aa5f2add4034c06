import { readdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Runs every benchmark module beside this file (`*-bench.js` once built), or
 * only those whose names contain one of the words given on the command line.
 * Each module's default export runs it and prints its own table.
 */
const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)

const modules = (await readdir(here))
  .filter((file) => file.endsWith('-bench.js'))
  .filter((file) => wanted.length === 0 || wanted.some((word) => file.includes(word)))
  .sort()

for (const file of modules) {
  const benchmark = (await import(pathToFileURL(`${here}/${file}`).href)) as {
    default: () => Promise<void>
  }
  console.log(`\n## ${file.replace(/-bench\.js$/, '')}\n`)
  await benchmark.default()
}
