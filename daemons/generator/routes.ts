import { Type } from '@sinclair/typebox'
import type { Bus } from '../../src/bus/types.js'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import type { GenerationLoop } from './generation-loop.js'

export const GENERATOR_VERSION = '1.0.0'

// Either field may be left out to keep its current value.
const ControlBody = Type.Object(
  {
    rate_per_second: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    error_rate_percentage: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
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
    const current = loop.currentSettings
    const settings = {
      ratePerSecond: request.body.rate_per_second ?? current.ratePerSecond,
      errorRatePercentage: request.body.error_rate_percentage ?? current.errorRatePercentage,
    }
    loop.update(settings)
    return {
      status: 'updated',
      rate_per_second: settings.ratePerSecond,
      error_rate_percentage: settings.errorRatePercentage,
    }
  })
}
