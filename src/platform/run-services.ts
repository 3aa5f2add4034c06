import type { Logger } from 'pino'
import * as consumer from '../../daemons/consumer/index.js'
import * as gateway from '../../daemons/gateway/index.js'
import * as generator from '../../daemons/generator/index.js'
import type { Config } from '../config/index.js'
import { openBackends, type OpenBackends } from './backends.js'
import { LogplatError } from '../errors.js'
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

/**
 * Stops every service, last started first, even when one of them fails, then
 * closes the backends. A failure is raised afterwards, so that the process
 * exits non-zero when a service could not store what it held.
 */
async function stopAll(handles: DaemonHandle[], backends: OpenBackends, log: Logger) {
  const failed: ServiceName[] = []
  for (const handle of [...handles].reverse()) {
    try {
      await handle.stop()
    } catch (error) {
      failed.push(handle.name)
      log.error({ err: error, service: handle.name }, 'service did not stop cleanly')
    }
  }
  await backends.close()
  if (failed.length === 0) return
  throw new LogplatError(
    'PLATFORM',
    'STOP_FAILED',
    `The ${failed.join(' and ')} service did not stop cleanly; what it held stays on the bus, ` +
      'uncommitted, and is read again on the next start.',
  )
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
    await stopAll(handles, backends, logger).catch(() => undefined)
    throw error
  }
  return { handles, backends, stop: () => stopAll(handles, backends, logger) }
}
