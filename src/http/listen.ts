import type { FastifyInstance } from 'fastify'
import { LogplatError, describeError } from '../errors.js'

/**
 * Starts listening and returns the base URL (with the port the system chose
 * when asked for port 0); a busy port becomes an error naming its setting.
 */
export async function listen(
  app: FastifyInstance,
  options: { host: string; port: number; portSetting: string },
): Promise<string> {
  try {
    await app.listen({ host: options.host, port: options.port })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'EADDRINUSE' ? 'the port is already in use' : describeError(error)
    throw new LogplatError(
      'HTTP',
      'LISTEN_FAILED',
      `Cannot listen on ${options.host}:${options.port}: ${reason}. ` +
        `Stop whatever holds it or choose another port with ${options.portSetting}.`,
      { cause: error },
    )
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  return `http://${options.host}:${port}`
}
