import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LogplatError } from '../../errors.js'

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8').trim())
  } catch {
    return Number.NaN
  }
}

/**
 * Takes the lock file of an embedded bus folder, so that two processes never
 * append to the same segments. A lock left by a process that no longer runs
 * (killed, crashed) is taken over. Returns a function that releases it.
 */
export function acquireProcessLock(folder: string): () => void {
  const path = join(folder, 'lock')

  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = readOwner(path)
    const isHeld = owner !== process.pid && Number.isInteger(owner) && isProcessAlive(owner)
    if (isHeld) {
      throw new LogplatError(
        'BUS',
        'LOCKED',
        `The embedded bus in ${folder} is in use by process ${owner}; stop that process, ` +
          'or point LOGPLAT_DATA_DIR at another folder.',
      )
    }
    writeFileSync(path, String(process.pid))
  }

  return () => rmSync(path, { force: true })
}
