import type { RelationalStore, SqlExecutor } from './relational-store.js'
import { migrations as allMigrations, type Migration } from './migrations/index.js'

// One fixed key for every logplat schema change, so two processes never migrate at once.
const MIGRATION_LOCK_KEY = 4_120_517_093

const CREATE_MIGRATIONS_TABLE = `create table if not exists schema_migrations (
  version integer primary key,
  name text not null,
  applied_at timestamptz not null default now()
)`

async function appliedVersions(tx: SqlExecutor): Promise<Set<number>> {
  const rows = await tx.query<{ version: number }>('select version from schema_migrations')
  return new Set(rows.map((row) => row.version))
}

async function applyMigration(tx: SqlExecutor, migration: Migration): Promise<void> {
  for (const statement of migration.statements) {
    await tx.execute(statement)
  }

  await tx.execute('insert into schema_migrations (version, name) values ($1, $2)', [
    migration.version,
    migration.name,
  ])
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order and
 * in one transaction. The transaction first takes an advisory lock, so a
 * second process waits, then finds everything applied and does nothing.
 */
export async function runMigrations(
  store: Pick<RelationalStore, 'transaction'>,
  migrations: readonly Migration[] = allMigrations,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await tx.execute(CREATE_MIGRATIONS_TABLE)

    const applied = await appliedVersions(tx)
    const pending = migrations.filter((migration) => !applied.has(migration.version))
    for (const migration of pending) {
      await applyMigration(tx, migration)
    }
  })
}
