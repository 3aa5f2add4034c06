import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/logplat-process.js'

const SOURCE_FOLDERS = ['src', 'commands', 'daemons']
const LITERAL = /^'([A-Z][A-Z_]*)'$/
const TERNARY = /^[\w.!]+\s*\?\s*'([A-Z_]+)'\s*:\s*'([A-Z_]+)'$/
// The first two arguments of each construction: the area and the problem.
const THROW_SITE = /new LogplatError\(\s*([^,]+?)\s*,\s*([^,]+?)\s*,/g
// A problem chosen at run time comes from tuples such as ['UNAVAILABLE', true].
const PROBLEM_TUPLE = /\[\s*'([A-Z][A-Z_]*)'\s*,\s*(?:true|false)\s*\]/g
const BREAKER_CALL = /createCircuitBreaker\(\{[^}]*?\barea:\s*'([A-Z]+)'/g
const BREAKER_AREA = 'options.area'
const DOCUMENTED_CODE = /^\|\s*`(LOGPLAT_[A-Z]+_[A-Z_]+)`\s*\|/gm

interface SourceFile {
  path: string
  text: string
}

function readSources(folder: string): SourceFile[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return readSources(path)
    if (!/\.tsx?$/.test(entry.name)) return []
    return [{ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }]
  })
}

function problemsOf(argument: string, file: SourceFile): string[] {
  const literal = LITERAL.exec(argument)
  if (literal) return [literal[1] as string]

  const ternary = TERNARY.exec(argument)
  if (ternary) return [ternary[1] as string, ternary[2] as string]

  if (/^\w+$/.test(argument)) {
    return [...file.text.matchAll(PROBLEM_TUPLE)].map((match) => match[1] as string)
  }
  return []
}

function areasOf(argument: string, breakerAreas: string[]): string[] {
  const literal = LITERAL.exec(argument)
  if (literal) return [literal[1] as string]
  return argument === BREAKER_AREA ? breakerAreas : []
}

/**
 * Every code the sources can raise. A throw site whose area or problem this
 * scan cannot read is returned as unreadable, so a new way of building a code
 * fails the test instead of slipping past it.
 */
function scanCodes(files: SourceFile[]): { codes: Set<string>; unreadable: string[] } {
  const breakerAreas = files.flatMap((file) =>
    [...file.text.matchAll(BREAKER_CALL)].map((match) => match[1] as string),
  )
  const codes = new Set<string>()
  const unreadable: string[] = []

  for (const file of files) {
    for (const match of file.text.matchAll(THROW_SITE)) {
      const areas = areasOf(match[1] as string, breakerAreas)
      const problems = problemsOf(match[2] as string, file)
      if (areas.length === 0 || problems.length === 0) {
        unreadable.push(`${file.path}: ${match[0]}`)
        continue
      }
      for (const area of areas)
        for (const problem of problems) codes.add(`LOGPLAT_${area}_${problem}`)
    }
  }
  return { codes, unreadable }
}

const sources = SOURCE_FOLDERS.flatMap((folder) => readSources(join(REPO_ROOT, folder)))
const catalogue = readFileSync(join(REPO_ROOT, 'docs', 'errors.md'), 'utf8')
const documented = new Set(
  [...catalogue.matchAll(DOCUMENTED_CODE)].map((match) => match[1] as string),
)

describe('docs/errors.md', () => {
  it('can read the area and problem of every throw site', () => {
    const { codes, unreadable } = scanCodes(sources)

    expect(unreadable).toEqual([])
    expect(codes.size).toBeGreaterThan(40)
  })

  it('has a row for every error code the sources raise', () => {
    const { codes } = scanCodes(sources)

    const missing = [...codes].filter((code) => !documented.has(code)).sort()

    expect(missing).toEqual([])
  })

  it('has no row for a code the sources no longer raise', () => {
    const { codes } = scanCodes(sources)

    const stale = [...documented].filter((code) => !codes.has(code)).sort()

    expect(stale).toEqual([])
  })
})
