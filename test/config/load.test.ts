import { describe, expect, it } from 'vitest'
import {
  describeConfig,
  loadConfig,
  redactSecret,
  unknownSettings,
} from '../../src/config/index.js'

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

describe('validation', () => {
  it.each([
    ['LOGPLAT_HOST', '', 'non-empty'],
    ['LOGPLAT_TOPIC_RAW_LOGS', '', 'non-empty'],
    ['LOGPLAT_GATEWAY_URL', 'notaurl', 'http'],
    ['LOGPLAT_CLICKHOUSE_URL', 'ftp://x', 'http://127.0.0.1:8123'],
    ['LOGPLAT_POSTGRES_URL', 'mysql://db/x', 'postgres://'],
    ['LOGPLAT_REDIS_URL', 'localhost:6379', 'redis://'],
    ['LOGPLAT_KAFKA_BROKERS', 'localhost', 'host:port'],
    ['LOGPLAT_LOG_LEVEL', 'loud', 'one of fatal, error, warn, info'],
  ])('refuses %s=%j and says what it expects', (variable, value, expected) => {
    expect(() => loadConfig({}, { [variable]: value })).toThrow(expected)
  })

  it('accepts empty backend URLs, which select the embedded backends', () => {
    const env = { LOGPLAT_CLICKHOUSE_URL: '', LOGPLAT_KAFKA_BROKERS: '', LOGPLAT_REDIS_URL: '' }

    expect(loadConfig({}, env).clickhouseUrl).toBe('')
  })

  it('accepts several brokers', () => {
    const brokers = 'kafka-1:9092,kafka-2.internal:9093,10.0.0.7:9092,[::1]:9092'

    expect(loadConfig({}, { LOGPLAT_KAFKA_BROKERS: brokers }).kafkaBrokers).toBe(brokers)
  })
})

describe('redactSecret', () => {
  it.each([
    ['http://bob:churlpw@ch:8123', 'http://bob:********@ch:8123/'],
    [
      'postgresql://alice:pw@db/logs?password=qpw&sslpassword=zz&sslmode=require',
      'postgresql://alice:********@db/logs?password=********&sslpassword=********&sslmode=require',
    ],
    ['redis://:hunter2@cache:6379', 'redis://:********@cache:6379'],
    ['http://qdrant:6333?api_key=abc', 'http://qdrant:6333/?api_key=********'],
    ['plain-token', '********'],
  ])('hides the credentials of %s', (value, expected) => {
    expect(redactSecret(value)).toBe(expected)
  })
})

describe('unknownSettings', () => {
  it('names a misspelled setting and leaves test and stack variables alone', () => {
    const env = {
      LOGPLAT_GATEWAY_PROT: '1',
      LOGPLAT_GATEWAY_PORT: '8005',
      LOGPLAT_TEST_KAFKA_BROKERS: 'x',
      LOGPLAT_STACK_DIR: 'y',
      HOME: '/',
    }

    expect(unknownSettings(env)).toEqual(['LOGPLAT_GATEWAY_PROT'])
  })
})
