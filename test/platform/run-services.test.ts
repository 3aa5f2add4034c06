import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.js'
import { runServices } from '../../src/platform/run-services.js'

const dataDir = mkdtempSync(join(tmpdir(), 'logplat-run-services-'))
let blocker: Server
let blockedPort = 0

beforeAll(async () => {
  blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  const address = blocker.address()
  blockedPort = typeof address === 'object' && address !== null ? address.port : 0
})

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve))
  rmSync(dataDir, { recursive: true, force: true })
})

function configWithGatewayPort(gatewayPort: number) {
  return loadConfig(
    { dataDir, consumerPort: 0, generatorPort: 0, gatewayPort, generatorAutostart: false },
    {},
  )
}

describe('runServices', () => {
  it('names the busy port, and the same services start on the same data once the port is free', async () => {
    const logger = pino({ level: 'silent' })

    const failure = runServices(['consumer', 'gateway'], configWithGatewayPort(blockedPort), logger)
    await expect(failure).rejects.toMatchObject({ code: 'LOGPLAT_HTTP_LISTEN_FAILED' })
    await expect(failure).rejects.toThrow(`${blockedPort}`)
    const retry = await runServices(['consumer', 'gateway'], configWithGatewayPort(0), logger)

    expect(retry.handles.map((handle) => handle.name)).toEqual(['consumer', 'gateway'])
    await retry.stop()
  })
})
