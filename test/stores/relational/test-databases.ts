import { randomUUID } from 'node:crypto'
import { findServer } from '../../support/servers.js'
import {
  createPostgresStore,
  openPgliteStore,
  IN_MEMORY,
} from '../../../src/stores/relational/index.js'
import type { RelationalStore } from '../../../src/stores/relational/index.js'

/** A fresh, empty database for one test, and how to throw it away. */
export interface TestDatabase {
  /** Opens a store on the database, a new one each time, except PGlite's single instance. */
  open(): Promise<RelationalStore>
  dispose(): Promise<void>
}

/** One engine the relational suite runs against. */
export interface TestBackend {
  name: string
  isAvailable: boolean
  createDatabase(): Promise<TestDatabase>
}

function withSearchPath(url: string, schema: string): string {
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  return scoped.toString()
}

/** PGlite in memory: every test gets its own instance, which is its own database. */
export const pgliteBackend: TestBackend = {
  name: 'PGlite',
  isAvailable: true,
  createDatabase() {
    const opened: RelationalStore[] = []
    const database: TestDatabase = {
      async open() {
        if (opened[0] !== undefined) return opened[0]
        const store = await openPgliteStore(IN_MEMORY)
        opened.push(store)
        return store
      },
      async dispose() {
        await Promise.all(opened.map((store) => store.close()))
      },
    }
    return Promise.resolve(database)
  },
}

/**
 * The real PostgreSQL server: every test gets a schema of its own, selected
 * through the connection's search_path, so runs never see each other's tables.
 */
export async function postgresBackend(): Promise<TestBackend> {
  const server = await findServer('postgres')
  return {
    name: 'PostgreSQL',
    isAvailable: server.isAvailable,
    async createDatabase() {
      const schema = `logplat_test_${randomUUID().replaceAll('-', '')}`
      const admin = createPostgresStore(server.address, { maxConnections: 1 })
      await admin.execute(`create schema ${schema}`)
      const opened: RelationalStore[] = []

      return {
        open() {
          const store = createPostgresStore(withSearchPath(server.address, schema))
          opened.push(store)
          return Promise.resolve(store)
        },
        async dispose() {
          await Promise.all(opened.map((store) => store.close()))
          await admin.execute(`drop schema ${schema} cascade`)
          await admin.close()
        },
      }
    },
  }
}
