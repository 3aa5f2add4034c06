import { Type } from '@sinclair/typebox'
import type { Bus } from '../../src/bus/types.js'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import type { GenerationLoop } from './generation-loop.js'

export const GENERATOR_VERSION = '1.0.0'

const ControlBody = Type.Object(
  {
    rate_per_second: Type.Integer({ minimum: 1, maximum: 10000 }),
    error_rate_percentage: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
)

interface GeneratorRouteDeps {
  loop: GenerationLoop
  bus: Bus
  startedAt: number
}

/** The generator's API: health, stats, start, stop and control. */
export function registerGeneratorRoutes(app: ServiceApp, deps: GeneratorRouteDeps): void {
  const { loop, bus } = deps

  app.get('/health', async () => {
    const isConnected = await bus.isConnected()
    return {
      status: isConnected ? 'healthy' : 'degraded',
      service: 'log-generator',
      version: GENERATOR_VERSION,
      kafka_connected: isConnected,
      is_generating: loop.isRunning,
      logs_generated: loop.totals.generated,
      logs_sent: loop.totals.sent,
      current_rate: loop.currentSettings.ratePerSecond,
      uptime_seconds: (Date.now() - deps.startedAt) / 1000,
    }
  })

  app.get('/stats', async () => ({
    total_generated: loop.totals.generated,
    total_sent: loop.totals.sent,
    total_failed: loop.totals.failed,
    current_rate: loop.currentSettings.ratePerSecond,
    error_rate: loop.currentSettings.errorRatePercentage,
    is_running: loop.isRunning,
  }))

  app.post('/start', async () => {
    const hasStarted = loop.start()
    const rate = loop.currentSettings.ratePerSecond
    return { status: hasStarted ? 'started' : 'already_running', rate }
  })

  app.post('/stop', async () => {
    const hasStopped = await loop.stop()
    return { status: hasStopped ? 'stopped' : 'already_stopped' }
  })

  app.put('/control', { schema: { body: ControlBody } }, async (request) => {
    const body = request.body
    loop.update({
      ratePerSecond: body.rate_per_second,
      errorRatePercentage: body.error_rate_percentage,
    })
    return { status: 'updated', ...body }
  })
}
