import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the labelled Loghub-2k logs live: LOGPLAT_LOGHUB_DIR, or else
 * `../shared/data/loghub-2k` beside the repository.
 */
export function defaultLoghubFolder(): string {
  const configured = process.env.LOGPLAT_LOGHUB_DIR
  if (configured !== undefined && configured !== '') return configured
  return resolve(findRepositoryRoot(), '..', 'shared', 'data', 'loghub-2k')
}

// This file runs both from src/ and, once built, from dist/src/, so the root is
// found by its package.json rather than by a fixed number of steps up.
function findRepositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) {
    folder = dirname(folder)
  }
  return folder
}
