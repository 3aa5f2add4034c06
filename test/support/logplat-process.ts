import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, found from this file whether it runs from source or from dist. */
export const REPO_ROOT = (() => {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder)
  return folder
})()

const BIN = join(REPO_ROOT, 'bin', 'logplat.js')
const SERVICES = ['generator', 'consumer', 'analyzer', 'embeddings', 'vectorizer', 'gateway']

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface LogplatUp {
  /** Environment that points commands at this platform's ports. */
  env: Record<string, string>
  gatewayUrl: string
  child: ChildProcess
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  output(): string
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Environment giving every service a free port, and commands the matching URLs. */
export async function isolatedEnvironment(dataDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = { LOGPLAT_DATA_DIR: dataDir, LOGPLAT_LOG_LEVEL: 'warn' }
  for (const service of SERVICES) {
    const port = await freePort()
    env[`LOGPLAT_${service.toUpperCase()}_PORT`] = String(port)
    env[`LOGPLAT_${service.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`
  }
  return env
}

/** Runs `logplat <args>` to completion. */
export function runLogplat(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`logplat up exited with ${child.exitCode}:\n${output()}`)
    }
    try {
      const response = await fetch(`${url}/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`logplat up did not become healthy within 60 s:\n${output()}`)
}

/** Starts `logplat up` as its own process on free ports and waits for the gateway. */
export async function startLogplatUp(
  dataDir: string,
  options: { generate?: boolean; env?: Record<string, string>; args?: string[] } = {},
): Promise<LogplatUp> {
  const env = { ...(await isolatedEnvironment(dataDir)), ...options.env }
  const args = [
    'up',
    ...(options.generate === true ? [] : ['--no-generate']),
    ...(options.args ?? []),
  ]
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const gatewayUrl = env['LOGPLAT_GATEWAY_URL'] as string

  await waitUntilHealthy(gatewayUrl, child, () => output)
  return {
    env,
    gatewayUrl,
    child,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode)
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code))
        child.kill(signal)
      })
    },
  }
}

/** How many logs of a service the gateway can serve. */
export async function countLogs(gatewayUrl: string, service: string): Promise<number> {
  const response = await fetch(
    `${gatewayUrl}/api/logs?limit=1&service=${encodeURIComponent(service)}`,
  )
  const body = (await response.json()) as { total: number }
  return body.total
}
