/** Identifiers cannot be bound as parameters, so they are checked before they reach SQL. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`"${name}" is not a valid ClickHouse identifier.`)
  }
  return `\`${name}\``
}

/**
 * The log table. ReplacingMergeTree collapses rows with the same sorting key,
 * and every query reads it with FINAL, so a batch the consumer stores twice
 * (a retry after a crash before its offsets were committed) shows up once.
 * A later row with a higher `version` (the vectorizer marking a log
 * vectorized) replaces the earlier one.
 */
export function logsTableDdl(table: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${table} (
  log_id String,
  timestamp DateTime64(3, 'UTC'),
  service LowCardinality(String),
  environment LowCardinality(String),
  level LowCardinality(String),
  message String,
  stack_trace Nullable(String),
  trace_id Nullable(String),
  host Nullable(String),
  pod_name Nullable(String),
  user_id Nullable(String),
  ingested_at DateTime64(3, 'UTC') DEFAULT now64(3),
  is_vectorized UInt8 DEFAULT 0,
  version UInt64 DEFAULT 0,
  source_topic LowCardinality(String) DEFAULT '',
  source_partition UInt32 DEFAULT 0,
  source_offset UInt64 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (service, timestamp, log_id)`
}
