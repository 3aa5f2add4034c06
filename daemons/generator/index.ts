import { createServiceApp } from '../../src/http/create-service-app.js'
import { listen } from '../../src/http/listen.js'
import { requireBackend, type DaemonContext, type DaemonHandle } from '../../src/platform/daemon.js'
import { GenerationLoop } from './generation-loop.js'
import { createGeneratorMetrics } from './metrics.js'
import { GENERATOR_VERSION, registerGeneratorRoutes } from './routes.js'

/** Starts the log generator on its port; it produces at once when autostart is on. */
export async function start(context: DaemonContext): Promise<DaemonHandle> {
  const { config } = context
  const bus = requireBackend(context.backends, 'bus', 'generator')
  const log = context.logger.child({ service: 'generator' })
  const metrics = createGeneratorMetrics()

  await bus.ensureTopics([config.topicRawLogs], config.topicPartitions)
  const producer = await bus.createProducer()
  const settings = {
    ratePerSecond: config.generatorRate,
    errorRatePercentage: config.generatorErrorRate,
  }
  const loop = new GenerationLoop(producer, config.topicRawLogs, settings, metrics, log)

  const app = await createServiceApp({
    title: 'logplat generator',
    version: GENERATOR_VERSION,
    logger: log,
    registry: metrics.registry,
  })
  registerGeneratorRoutes(app, { loop, bus, startedAt: Date.now() })
  const url = await listen(app, {
    host: config.host,
    port: config.generatorPort,
    portSetting: 'LOGPLAT_GENERATOR_PORT',
  }).catch(async (error: unknown) => {
    await producer.close()
    throw error
  })
  if (config.generatorAutostart) loop.start()
  log.info({ url, rate: settings.ratePerSecond }, 'generator listening')

  return {
    name: 'generator',
    url,
    async stop() {
      await app.close()
      await loop.stop()
      await producer.close()
      log.info('generator stopped')
    },
  }
}
