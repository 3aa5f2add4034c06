import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import type { Config } from '../../config/index.js'

export type ClickHouseKind = 'clickhouse' | 'chdb'

/** A ClickHouse client and which engine answers it; the SQL is the same on both. */
export interface ClickHouseHandle {
  client: ClickHouseClient
  kind: ClickHouseKind
  database: string
}

// chdb declares its connection against @clickhouse/client-common, of which
// @clickhouse/client now bundles a private copy: the runtime contract is the
// same, the type declarations are distinct.
type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

type ClickHouseSettings = Pick<
  Config,
  'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'clickhouseDatabase' | 'dataDir'
>

/**
 * Connects to the ClickHouse server at `clickhouseUrl`, or, when it is empty,
 * to embedded chDB under the data directory. chDB allows one on-disk session
 * per process, so a process opens this once and shares the handle.
 */
export function connectClickHouse(settings: ClickHouseSettings): ClickHouseHandle {
  const database = settings.clickhouseDatabase
  if (settings.clickhouseUrl.length > 0) {
    const client = createClient({
      url: settings.clickhouseUrl,
      username: settings.clickhouseUser,
      password: settings.clickhousePassword,
      request_timeout: 30_000,
    })
    return { client, kind: 'clickhouse', database }
  }

  const path = join(settings.dataDir, 'chdb')
  mkdirSync(path, { recursive: true })
  const connection = createChdbConnection({ path }) as unknown as ClientConnection
  const client = createClient({ connection })
  return { client, kind: 'chdb', database }
}
