export { createRelationalStore } from './create-relational-store.js'
export { IN_MEMORY, openPgliteStore } from './pglite-store.js'
export { createPostgresStore, type PostgresStoreOptions } from './postgres-store.js'
export type {
  RelationalKind,
  RelationalStore,
  SqlExecutor,
  SqlParams,
  SqlValue,
} from './relational-store.js'
