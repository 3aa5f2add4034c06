import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepHealth } from '../../src/client/health-sweep.js'
import { loadConfig } from '../../src/config/index.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform

beforeAll(async () => {
  platform = await startTestPlatform(['consumer', 'gateway', 'generator'])
})

afterAll(async () => {
  await platform.stop()
})

describe('sweepHealth', () => {
  it('reports running services healthy and a service that is not running as down', async () => {
    const closed = 'http://127.0.0.1:1'
    const config = loadConfig(
      {
        generatorUrl: platform.urls.generator ?? '',
        consumerUrl: platform.urls.consumer ?? '',
        gatewayUrl: platform.urls.gateway ?? '',
        analyzerUrl: closed,
        embeddingsUrl: closed,
        vectorizerUrl: closed,
      },
      {},
    )

    const results = await sweepHealth(config)
    const statusOf = Object.fromEntries(results.map((result) => [result.service, result.status]))

    expect(statusOf).toEqual({
      generator: 'healthy',
      consumer: 'healthy',
      gateway: 'healthy',
      analyzer: 'down',
      embeddings: 'down',
      vectorizer: 'down',
    })
    expect(results.find((result) => result.service === 'analyzer')?.error).toContain('ECONNREFUSED')
  })
})
