import { describe, expect, it } from 'vitest'
import { describeConfig, loadConfig } from '../../src/config/index.js'

describe('loadConfig', () => {
  it('takes defaults when the environment says nothing', () => {
    const config = loadConfig({}, {})

    expect(config.gatewayPort).toBe(8005)
    expect(config.kafkaBrokers).toBe('')
  })

  it('lets the environment override a default and a flag override the environment', () => {
    const env = { LOGPLAT_GATEWAY_PORT: '9005', LOGPLAT_BATCH_SIZE: '42' }

    const config = loadConfig({ batchSize: 7 }, env)

    expect(config.gatewayPort).toBe(9005)
    expect(config.batchSize).toBe(7)
  })

  it('names the variable and the value when a setting is invalid', () => {
    const env = { LOGPLAT_GENERATOR_RATE: '20000' }

    expect(() => loadConfig({}, env)).toThrow(/LOGPLAT_GENERATOR_RATE.*"?20000"?/)
  })

  it('rejects a word where a number belongs', () => {
    expect(() => loadConfig({}, { LOGPLAT_BATCH_SIZE: 'lots' })).toThrow(/LOGPLAT_BATCH_SIZE/)
  })

  it('reads booleans written as words', () => {
    expect(loadConfig({}, { LOGPLAT_GENERATOR_AUTOSTART: 'no' }).generatorAutostart).toBe(false)
  })
})

describe('describeConfig', () => {
  it('redacts the password of a connection URL and keeps its host', () => {
    const env = { LOGPLAT_POSTGRES_URL: 'postgres://app:hunter2@db.internal:5432/logplat' }

    const entries = describeConfig(loadConfig({}, env), {}, env)
    const postgres = entries.find((entry) => entry.env === 'LOGPLAT_POSTGRES_URL')

    expect(postgres?.value).toBe('postgres://app:********@db.internal:5432/logplat')
    expect(postgres?.source).toBe('environment')
  })

  it('redacts a bare secret entirely', () => {
    const env = { LOGPLAT_QDRANT_API_KEY: 'qd-secret-key' }

    const entries = describeConfig(loadConfig({}, env), {}, env)

    expect(entries.find((entry) => entry.env === 'LOGPLAT_QDRANT_API_KEY')?.value).toBe('********')
  })
})
