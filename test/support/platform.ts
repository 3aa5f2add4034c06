import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { loadConfig, type Config } from '../../src/config/index.js'
import type { OpenBackends } from '../../src/platform/backends.js'
import type { ServiceName } from '../../src/platform/daemon.js'
import { runServices, type RunnableService } from '../../src/platform/run-services.js'

export interface TestPlatform {
  config: Config
  urls: Partial<Record<ServiceName, string>>
  backends: OpenBackends
  stop(): Promise<void>
}

/**
 * Runs services in this process on the embedded backends, in a fresh data
 * folder, on ports the system picks. `stop()` shuts them down and removes the
 * folder.
 */
export async function startTestPlatform(
  services: readonly RunnableService[],
  overrides: Partial<Config> = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logplat-test-'))
  const config = loadConfig(
    {
      dataDir,
      generatorPort: 0,
      consumerPort: 0,
      gatewayPort: 0,
      generatorAutostart: false,
      logLevel: 'silent',
      ...overrides,
    },
    {},
  )
  const running = await runServices(services, config, pino({ level: 'silent' }))
  const urls = Object.fromEntries(running.handles.map((handle) => [handle.name, handle.url]))

  return {
    config,
    urls,
    backends: running.backends,
    async stop() {
      await running.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Fetches JSON and returns the status with the parsed body. */
export async function fetchJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init)
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, body }
}

/** Polls `probe` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)
}
