import { homedir } from 'node:os'
import { join } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'

/** Extra keywords every setting carries beside its JSON schema. */
interface SettingOptions {
  env: string
  description: string
  secret?: boolean
  /** What a valid value looks like, for the error that names an invalid one. */
  expected?: string
}

function text(options: SettingOptions & { default: string; pattern?: string }) {
  return Type.String(options)
}

/** A setting that must not be empty. */
function name(options: SettingOptions & { default: string }) {
  return Type.String({
    ...options,
    minLength: 1,
    expected: options.expected ?? 'a non-empty value',
  })
}

/** A backend's URL: empty selects the embedded backend. */
function backendUrl(options: SettingOptions & { schemes: string; example: string }) {
  const { schemes, example, ...setting } = options
  return text({
    ...setting,
    default: '',
    pattern: `^$|^(${schemes})://[^\\s]+$`,
    expected: `empty, or a URL such as ${example}`,
  })
}

function integer(options: SettingOptions & { default: number; minimum: number; maximum: number }) {
  return Type.Integer(options)
}

function flag(options: SettingOptions & { default: boolean }) {
  return Type.Boolean(options)
}

// host:port, the host a name, an IPv4 address or a bracketed IPv6 address.
const BROKER = '(\\[[0-9A-Fa-f:.]+\\]|[^\\s,:\\[\\]]+):\\d+'

/** The user's data directory, following the XDG base directory convention. */
export function defaultDataDir(): string {
  const xdgData = process.env['XDG_DATA_HOME']
  const base = xdgData && xdgData.length > 0 ? xdgData : join(homedir(), '.local', 'share')
  return join(base, 'logplat')
}

function port(env: string, service: string, value: number) {
  return integer({
    env,
    description: `TCP port the ${service} service listens on (0 lets the system pick one).`,
    default: value,
    minimum: 0,
    maximum: 65535,
  })
}

function serviceUrl(env: string, service: string, portNumber: number) {
  return text({
    env,
    description: `Base URL where commands and other services reach the ${service} service.`,
    default: `http://127.0.0.1:${portNumber}`,
    pattern: '^https?://[^\\s/]+',
    expected: `an http or https URL such as http://127.0.0.1:${portNumber}`,
  })
}

/**
 * The single source of every setting's name, default and help text. An empty
 * string for a backend URL selects that role's embedded backend.
 */
export const ConfigSchema = Type.Object({
  dataDir: name({
    env: 'LOGPLAT_DATA_DIR',
    description: 'Folder for the embedded backends (bus log, chDB, PGlite).',
    default: defaultDataDir(),
  }),
  host: name({
    env: 'LOGPLAT_HOST',
    description: 'Address every service binds to.',
    default: '127.0.0.1',
  }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) =>
      Type.Literal(level),
    ),
    {
      env: 'LOGPLAT_LOG_LEVEL',
      description: 'Daemon log level (pino).',
      default: 'info',
      expected: 'one of fatal, error, warn, info, debug, trace, silent',
    },
  ),

  kafkaBrokers: text({
    env: 'LOGPLAT_KAFKA_BROKERS',
    description: 'Comma-separated Kafka bootstrap servers; empty uses the embedded bus.',
    default: '',
    pattern: `^$|^${BROKER}(,${BROKER})*$`,
    expected: 'empty, or host:port pairs separated by commas, such as 127.0.0.1:9092',
  }),
  kafkaClientId: name({
    env: 'LOGPLAT_KAFKA_CLIENT_ID',
    description: 'Client id logplat presents to Kafka.',
    default: 'logplat',
  }),
  topicRawLogs: name({
    env: 'LOGPLAT_TOPIC_RAW_LOGS',
    description: 'Topic that carries log records into the consumer.',
    default: 'raw-logs',
  }),
  topicRawLogsDlq: name({
    env: 'LOGPLAT_TOPIC_RAW_LOGS_DLQ',
    description: 'Dead-letter topic for records the consumer can never store.',
    default: 'raw-logs-dlq',
  }),
  topicVectorization: name({
    env: 'LOGPLAT_TOPIC_VECTORIZATION',
    description: 'Topic of WARN-and-above records waiting for an embedding.',
    default: 'vectorization-queue',
  }),
  topicVectorizationDlq: name({
    env: 'LOGPLAT_TOPIC_VECTORIZATION_DLQ',
    description: 'Dead-letter topic for records the vectorizer can never embed.',
    default: 'vectorization-queue-dlq',
  }),
  topicPartitions: integer({
    env: 'LOGPLAT_TOPIC_PARTITIONS',
    description: 'Partitions of each topic logplat creates.',
    default: 3,
    minimum: 1,
    maximum: 1024,
  }),
  consumerGroup: name({
    env: 'LOGPLAT_CONSUMER_GROUP',
    description: 'Consumer group of the ClickHouse consumer.',
    default: 'logplat-consumer',
  }),
  batchSize: integer({
    env: 'LOGPLAT_BATCH_SIZE',
    description: 'Records the consumer stores in one ClickHouse insert at most.',
    default: 10000,
    minimum: 1,
    maximum: 1_000_000,
  }),
  batchTimeoutMs: integer({
    env: 'LOGPLAT_BATCH_TIMEOUT_MS',
    description: 'Longest a partial batch waits before the consumer stores it.',
    default: 1000,
    minimum: 10,
    maximum: 600_000,
  }),
  maxMessageBytes: integer({
    env: 'LOGPLAT_MAX_MESSAGE_BYTES',
    description:
      'Largest record the pipeline accepts, in bytes; larger ones are refused or go to the DLQ. ' +
      "The default stays under Kafka's default message.max.bytes with room for its overhead.",
    default: 1_000_000,
    minimum: 1024,
    maximum: 16_777_216,
  }),

  breakerFailureThreshold: integer({
    env: 'LOGPLAT_BREAKER_FAILURE_THRESHOLD',
    description: 'Consecutive failures of a backend that open its circuit breaker.',
    default: 5,
    minimum: 1,
    maximum: 1000,
  }),
  breakerCoolDownMs: integer({
    env: 'LOGPLAT_BREAKER_COOL_DOWN_MS',
    description: 'How long an open circuit breaker waits before it lets a trial call through.',
    default: 10000,
    minimum: 10,
    maximum: 3_600_000,
  }),

  clickhouseUrl: backendUrl({
    env: 'LOGPLAT_CLICKHOUSE_URL',
    description: 'ClickHouse HTTP URL; empty uses embedded chDB under the data directory.',
    schemes: 'https?',
    example: 'http://127.0.0.1:8123',
    secret: true,
  }),
  clickhouseDatabase: name({
    env: 'LOGPLAT_CLICKHOUSE_DATABASE',
    description: 'ClickHouse database that holds the logs table.',
    default: 'logplat',
  }),
  clickhouseUser: name({
    env: 'LOGPLAT_CLICKHOUSE_USER',
    description: 'ClickHouse user name.',
    default: 'default',
  }),
  clickhousePassword: text({
    env: 'LOGPLAT_CLICKHOUSE_PASSWORD',
    description: 'ClickHouse password.',
    default: '',
    secret: true,
  }),
  postgresUrl: backendUrl({
    env: 'LOGPLAT_POSTGRES_URL',
    description: 'PostgreSQL connection URL; empty uses embedded PGlite under the data directory.',
    schemes: 'postgres|postgresql',
    example: 'postgres://logplat:secret@127.0.0.1:5432/logplat',
    secret: true,
  }),
  redisUrl: backendUrl({
    env: 'LOGPLAT_REDIS_URL',
    description: 'Redis URL for the cache; empty uses an in-process LRU.',
    schemes: 'redis|rediss',
    example: 'redis://127.0.0.1:6379',
    secret: true,
  }),
  qdrantUrl: backendUrl({
    env: 'LOGPLAT_QDRANT_URL',
    description: 'Qdrant URL; empty stores vectors in a ClickHouse table.',
    schemes: 'https?',
    example: 'http://127.0.0.1:6333',
    secret: true,
  }),
  qdrantApiKey: text({
    env: 'LOGPLAT_QDRANT_API_KEY',
    description: 'Qdrant API key.',
    default: '',
    secret: true,
  }),

  generatorRate: integer({
    env: 'LOGPLAT_GENERATOR_RATE',
    description: 'Logs per second the generator produces.',
    default: 50,
    minimum: 1,
    maximum: 10000,
  }),
  generatorErrorRate: integer({
    env: 'LOGPLAT_GENERATOR_ERROR_RATE',
    description: 'Percentage of generated logs at ERROR or FATAL.',
    default: 5,
    minimum: 0,
    maximum: 100,
  }),
  generatorAutostart: flag({
    env: 'LOGPLAT_GENERATOR_AUTOSTART',
    description: 'Whether the generator starts producing as soon as it runs.',
    default: true,
  }),

  ingestMaxBodyBytes: integer({
    env: 'LOGPLAT_INGEST_MAX_BODY_BYTES',
    description: 'Largest request body POST /api/ingest accepts.',
    default: 16_777_216,
    minimum: 1024,
    maximum: 268_435_456,
  }),
  ingestMaxLines: integer({
    env: 'LOGPLAT_INGEST_MAX_LINES',
    description: 'Most records one POST /api/ingest may carry.',
    default: 10000,
    minimum: 1,
    maximum: 1_000_000,
  }),

  generatorPort: port('LOGPLAT_GENERATOR_PORT', 'generator', 8000),
  consumerPort: port('LOGPLAT_CONSUMER_PORT', 'consumer', 8001),
  analyzerPort: port('LOGPLAT_ANALYZER_PORT', 'analyzer', 8002),
  embeddingsPort: port('LOGPLAT_EMBEDDINGS_PORT', 'embeddings', 8003),
  vectorizerPort: port('LOGPLAT_VECTORIZER_PORT', 'vectorizer', 8004),
  gatewayPort: port('LOGPLAT_GATEWAY_PORT', 'gateway', 8005),

  generatorUrl: serviceUrl('LOGPLAT_GENERATOR_URL', 'generator', 8000),
  consumerUrl: serviceUrl('LOGPLAT_CONSUMER_URL', 'consumer', 8001),
  analyzerUrl: serviceUrl('LOGPLAT_ANALYZER_URL', 'analyzer', 8002),
  embeddingsUrl: serviceUrl('LOGPLAT_EMBEDDINGS_URL', 'embeddings', 8003),
  vectorizerUrl: serviceUrl('LOGPLAT_VECTORIZER_URL', 'vectorizer', 8004),
  gatewayUrl: serviceUrl('LOGPLAT_GATEWAY_URL', 'gateway', 8005),
})

export type Config = Static<typeof ConfigSchema>
export type ConfigKey = keyof Config
