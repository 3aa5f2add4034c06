import { type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { LogplatError } from '../errors.js'
import { ConfigSchema, type Config, type ConfigKey } from './schema.js'

type Environment = Record<string, string | undefined>

/** Where an effective value came from, for `logplat config`. */
export type ConfigSource = 'default' | 'environment' | 'flag'

export interface ConfigEntry {
  key: ConfigKey
  env: string
  value: string
  source: ConfigSource
  description: string
  isSecret: boolean
}

interface SettingSchema extends TSchema {
  env: string
  description: string
  secret?: boolean
  expected?: string
  default: unknown
}

const REDACTED = '********'

function settingOf(key: ConfigKey): SettingSchema {
  return ConfigSchema.properties[key] as unknown as SettingSchema
}

/** Every setting key, in the order the schema declares them. */
export function configKeys(): ConfigKey[] {
  return Object.keys(ConfigSchema.properties) as ConfigKey[]
}

function parseValue(key: ConfigKey, raw: string): unknown {
  const schema = settingOf(key)
  if (schema.type === 'integer') {
    if (!/^-?\d+$/.test(raw.trim())) return raw
    return Number(raw.trim())
  }
  if (schema.type === 'boolean') {
    const word = raw.trim().toLowerCase()
    if (['1', 'true', 'yes', 'on'].includes(word)) return true
    if (['0', 'false', 'no', 'off'].includes(word)) return false
    return raw
  }
  return raw
}

function rejectInvalid(key: ConfigKey, value: unknown, source: ConfigSource): void {
  const schema = settingOf(key)
  const firstError = Value.Errors(schema, value).First()
  if (firstError === undefined) return

  const origin = source === 'flag' ? `The flag for ${schema.env}` : `Setting ${schema.env}`
  const expected = schema.expected ?? firstError.message.toLowerCase()
  throw new LogplatError(
    'CONFIG',
    'INVALID',
    `${origin} has the invalid value ${JSON.stringify(value)}: expected ${expected.replace(/^expected /, '')}.`,
  )
}

/**
 * Builds the effective configuration: defaults, then the environment, then
 * overrides (command flags). Throws a LogplatError naming the variable when a
 * value does not fit its schema.
 */
export function loadConfig(
  overrides: Partial<Config> = {},
  env: Environment = process.env,
): Config {
  const config: Record<string, unknown> = {}

  for (const key of configKeys()) {
    const schema = settingOf(key)
    const raw = env[schema.env]
    const override = overrides[key]
    if (override !== undefined) {
      rejectInvalid(key, override, 'flag')
      config[key] = override
    } else if (raw !== undefined) {
      const value = parseValue(key, raw)
      rejectInvalid(key, value, 'environment')
      config[key] = value
    } else {
      config[key] = schema.default
    }
  }

  return config as Config
}

/** The effective configuration as rows, secrets redacted, for display. */
export function describeConfig(
  config: Config,
  overrides: Partial<Config> = {},
  env: Environment = process.env,
): ConfigEntry[] {
  return configKeys().map((key) => {
    const schema = settingOf(key)
    const isSecret = schema.secret === true
    const value = String(config[key])
    let source: ConfigSource = 'default'
    if (env[schema.env] !== undefined) source = 'environment'
    if (overrides[key] !== undefined) source = 'flag'

    return {
      key,
      env: schema.env,
      value: isSecret && value.length > 0 ? redactSecret(value) : value,
      source,
      description: schema.description,
      isSecret,
    }
  })
}

// Query parameters that carry credentials in connection URLs.
const SECRET_PARAMETER = /pass|pwd|secret|token|key|auth|credential/i

/**
 * Hides a secret. A URL keeps its scheme, user, host and path so it stays
 * recognisable; its password and any credential in its query are hidden.
 * Anything else is hidden whole.
 */
export function redactSecret(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return REDACTED
  }
  if (url.password !== '') url.password = REDACTED
  else if (url.username !== '') url.username = REDACTED
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(name)) url.searchParams.set(name, REDACTED)
  }
  return url.toString()
}

/** Variables named like settings that are not settings: most likely misspelled. */
export function unknownSettings(env: Environment = process.env): string[] {
  const known = new Set(configKeys().map((key) => settingOf(key).env))
  return Object.keys(env)
    .filter((name) => name.startsWith('LOGPLAT_') && !known.has(name))
    .filter((name) => !NOT_SETTINGS.test(name))
    .sort()
}

// Variables of the tests, the benchmarks and the local stack, read outside the schema.
const NOT_SETTINGS = /^LOGPLAT_(TEST|STACK|BENCH)_|^LOGPLAT_LOGHUB_DIR$/
