import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isolatedEnvironment, REPO_ROOT, runLogplat } from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'
import { findServer } from '../support/servers.js'

const kafka = await findServer('kafka')

describe('logplat serve', () => {
  it('names the missing server setting in one line and exits 1', async () => {
    const env = { LOGPLAT_KAFKA_BROKERS: '', LOGPLAT_CLICKHOUSE_URL: '' }

    const result = await runLogplat(['serve', 'consumer'], env)

    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('LOGPLAT_KAFKA_BROKERS')
  })

  it('refuses a service that does not exist', async () => {
    const result = await runLogplat(['serve', 'teapot'], {})

    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Expected teapot to be one of')
  })

  it.skipIf(!kafka.isAvailable)(
    'runs the generator against Kafka as a foreground daemon and stops on SIGTERM with exit 0',
    async () => {
      const env: Record<string, string> = {
        ...(await isolatedEnvironment('unused')),
        LOGPLAT_KAFKA_BROKERS: kafka.address,
        LOGPLAT_TOPIC_RAW_LOGS: `serve-test-${Date.now()}`,
      }
      const child = spawn(
        process.execPath,
        [join(REPO_ROOT, 'bin', 'logplat.js'), 'serve', 'generator'],
        {
          env: { ...process.env, ...env },
          stdio: 'ignore',
        },
      )
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      const healthUrl = `${env['LOGPLAT_GENERATOR_URL'] ?? ''}/health`

      await waitFor(
        'the generator to produce',
        async () => {
          const body = (await (await fetch(healthUrl).catch(() => null))?.json()) as
            { logs_sent?: number } | undefined
          return (body?.logs_sent ?? 0) > 0
        },
        60_000,
      )
      child.kill('SIGTERM')

      expect(await exited).toBe(0)
    },
    90_000,
  )
})
