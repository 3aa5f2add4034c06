import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

/** A redis-server the test owns, so the test can stop and restart it. */
export interface RedisProcess {
  port: number
  url: string
  /** Starts the server on its port; resolves once it accepts connections. */
  start(): Promise<void>
  /** Stops the server; resolves once the process has exited. */
  stop(): Promise<void>
}

const READY_LINE = 'Ready to accept connections'

async function findFreePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('No TCP port was assigned.')
  return address.port
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(READY_LINE)) resolve()
    })
    child.once('error', (error) =>
      reject(
        new Error(`Cannot start redis-server (apt-get install redis-server): ${error.message}`),
      ),
    )
    child.once('exit', (code) =>
      reject(new Error(`redis-server on port ${port} exited with ${code}: ${output.slice(-500)}`)),
    )
  })
}

/** Picks a free port for a redis-server without persistence; call start() to run it. */
export async function createRedisProcess(): Promise<RedisProcess> {
  const port = await findFreePort()
  let child: ChildProcess | undefined

  return {
    port,
    url: `redis://127.0.0.1:${port}`,

    async start() {
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ]
      child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
      await waitUntilReady(child, port)
    },

    async stop() {
      if (child === undefined || child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
      child = undefined
    },
  }
}
