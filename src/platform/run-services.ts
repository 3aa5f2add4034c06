import type { Logger } from 'pino'
import * as consumer from '../../daemons/consumer/index.js'
import * as gateway from '../../daemons/gateway/index.js'
import * as generator from '../../daemons/generator/index.js'
import type { Config } from '../config/index.js'
import { openBackends, type OpenBackends } from './backends.js'
import type { DaemonContext, DaemonHandle, ServiceName } from './daemon.js'

/** The services that exist so far, by name, each with its `start()`. */
export const DAEMONS = {
  consumer: consumer.start,
  gateway: gateway.start,
  generator: generator.start,
} satisfies Partial<Record<ServiceName, (context: DaemonContext) => Promise<DaemonHandle>>>

export type RunnableService = keyof typeof DAEMONS
export const RUNNABLE_SERVICES = Object.keys(DAEMONS) as RunnableService[]

/** Services started together, stopped together. */
export interface RunningServices {
  handles: DaemonHandle[]
  backends: OpenBackends
  stop(): Promise<void>
}

async function stopAll(handles: DaemonHandle[], backends: OpenBackends, log: Logger) {
  for (const handle of [...handles].reverse()) {
    try {
      await handle.stop()
    } catch (error) {
      log.error({ err: error, service: handle.name }, 'service did not stop cleanly')
    }
  }
  await backends.close()
}

/**
 * Starts services in order on shared backends. When one fails to start, those
 * already running are stopped before the error is thrown.
 */
export async function runServices(
  services: readonly RunnableService[],
  config: Config,
  logger: Logger,
): Promise<RunningServices> {
  const backends = await openBackends(config, services, logger)
  const context: DaemonContext = { config, logger, backends }
  const handles: DaemonHandle[] = []

  try {
    for (const service of services) handles.push(await DAEMONS[service](context))
  } catch (error) {
    await stopAll(handles, backends, logger)
    throw error
  }
  return { handles, backends, stop: () => stopAll(handles, backends, logger) }
}
