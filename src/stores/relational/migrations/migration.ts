/** One numbered step of the schema, applied once and recorded in `schema_migrations`. */
export interface Migration {
  version: number
  name: string
  /** Statements run in order, one at a time, so both engines accept them. */
  statements: readonly string[]
}
