import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ConfigSchema } from '../../src/config/schema.js'

interface ComposeService {
  command?: string[]
  environment?: Record<string, string | number> | string[]
  healthcheck?: { test?: string[] | string }
}

interface ComposeFile {
  services: Record<string, ComposeService>
}

const COMPOSE_PATH = new URL('../../compose/docker-compose.yml', import.meta.url)

const LOGPLAT_SERVICES = {
  generator: 'LOGPLAT_GENERATOR_PORT',
  consumer: 'LOGPLAT_CONSUMER_PORT',
  analyzer: 'LOGPLAT_ANALYZER_PORT',
  embeddings: 'LOGPLAT_EMBEDDINGS_PORT',
  vectorizer: 'LOGPLAT_VECTORIZER_PORT',
  gateway: 'LOGPLAT_GATEWAY_PORT',
} as const

interface SettingSchema {
  env: string
  default: unknown
}

function settingsByEnv(): Map<string, SettingSchema> {
  const settings = Object.values(ConfigSchema.properties) as unknown as SettingSchema[]
  return new Map(settings.map((setting) => [setting.env, setting]))
}

function variableNames(service: ComposeService): string[] {
  const { environment } = service
  if (environment === undefined) return []
  if (Array.isArray(environment)) return environment.map((entry) => entry.split('=')[0] ?? '')
  return Object.keys(environment)
}

function probeText(service: ComposeService): string {
  const probe = service.healthcheck?.test ?? []
  return Array.isArray(probe) ? probe.join(' ') : probe
}

describe('compose/docker-compose.yml', () => {
  let compose: ComposeFile
  const settings = settingsByEnv()

  beforeAll(async () => {
    const text = await readFile(COMPOSE_PATH, 'utf8')
    compose = parse(text, { merge: true }) as ComposeFile
  })

  it('sets only LOGPLAT_* variables that the configuration schema defines', () => {
    const unknown = Object.entries(compose.services).flatMap(([name, service]) =>
      variableNames(service)
        .filter((variable) => variable.startsWith('LOGPLAT_') && !settings.has(variable))
        .map((variable) => `${name}: ${variable}`),
    )

    expect(unknown).toEqual([])
  })

  it('gives every service a health check', () => {
    const withoutProbe = Object.entries(compose.services)
      .filter(([, service]) => probeText(service).trim() === '')
      .map(([name]) => name)

    expect(Object.keys(compose.services).length).toBeGreaterThan(0)
    expect(withoutProbe).toEqual([])
  })

  it('serves each logplat service and probes /health on its configured port', () => {
    for (const [name, portVariable] of Object.entries(LOGPLAT_SERVICES)) {
      const service = compose.services[name]
      const port = settings.get(portVariable)?.default

      expect(service?.command, name).toEqual(['serve', name])
      expect(probeText(service ?? {}), name).toContain(`127.0.0.1:${String(port)}/health`)
    }
  })

  it('points every logplat service at the server backends', () => {
    const backendVariables = [
      'LOGPLAT_KAFKA_BROKERS',
      'LOGPLAT_CLICKHOUSE_URL',
      'LOGPLAT_POSTGRES_URL',
      'LOGPLAT_REDIS_URL',
      'LOGPLAT_QDRANT_URL',
    ]

    for (const name of Object.keys(LOGPLAT_SERVICES)) {
      const variables = variableNames(compose.services[name] ?? {})

      expect(variables, name).toEqual(expect.arrayContaining(backendVariables))
      expect(variables, name).toContain('LOGPLAT_HOST')
    }
  })
})
