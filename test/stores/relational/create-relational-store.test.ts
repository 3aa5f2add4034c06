import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LogplatError } from '../../../src/errors.js'
import { createRelationalStore } from '../../../src/stores/relational/index.js'

// Nothing listens on port 1, so a connection there is refused at once.
const UNREACHABLE_URL = 'postgres://logplat:secret@127.0.0.1:1/logplat'

describe('createRelationalStore', () => {
  const dataDirs: string[] = []

  function newDataDir(): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'logplat-relational-'))
    dataDirs.push(dataDir)
    return dataDir
  }

  afterEach(() => {
    for (const dataDir of dataDirs.splice(0)) rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens PGlite under <dataDir>/pglite when no PostgreSQL URL is set, and keeps data across reopening', async () => {
    const dataDir = newDataDir()
    const first = await createRelationalStore({ postgresUrl: '', dataDir })
    await first.migrate()
    await first.execute(
      `insert into anomaly_baselines
       (service, environment, level, hour_of_day, day_of_week, mean_count, stddev_count, sample_count)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      ['api-gateway', 'production', 'ERROR', 14, 3, 12.5, 2.25, 30],
    )
    await first.close()

    const second = await createRelationalStore({ postgresUrl: '', dataDir })
    const rows = await second.query(
      'select service, mean_count, sample_count from anomaly_baselines',
    )
    await second.close()

    expect(first.kind).toBe('pglite')
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true)
    expect(rows).toEqual([{ service: 'api-gateway', mean_count: 12.5, sample_count: 30 }])
  })

  it('keeps PGlite in memory when the data directory is memory://', async () => {
    const store = await createRelationalStore({ postgresUrl: '', dataDir: 'memory://' })

    const rows = await store.query<{ answer: number }>('select 6 * 7 as answer')
    await store.close()

    expect(store.kind).toBe('pglite')
    expect(rows).toEqual([{ answer: 42 }])
  })

  it('uses PostgreSQL when a URL is set and reports an unreachable server as retryable', async () => {
    const store = await createRelationalStore({
      postgresUrl: UNREACHABLE_URL,
      dataDir: newDataDir(),
    })

    const isConnected = await store.isConnected()
    const error = await store.query('select 1').catch((reason: unknown) => reason)
    await store.close()

    expect(store.kind).toBe('postgres')
    expect(isConnected).toBe(false)
    expect(error).toBeInstanceOf(LogplatError)
    expect(error).toMatchObject({ code: 'LOGPLAT_STORE_UNAVAILABLE', isRetryable: true })
    expect((error as LogplatError).message).toMatch(/^PostgreSQL at 127\.0\.0\.1:1 could not run/)
    expect((error as LogplatError).message).not.toContain('secret')
  })
})
