import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { REPO_ROOT } from '../../support/logplat-process.js'

const STACK_SCRIPT = join(REPO_ROOT, 'compose', 'stack.sh')
const STACK_DIR = process.env['LOGPLAT_STACK_DIR'] ?? join(REPO_ROOT, '.stack')
const PID_FILE = join(STACK_DIR, 'pids', 'kafka.pid')
const STACK_ADDRESS = `127.0.0.1:${process.env['LOGPLAT_STACK_KAFKA_PORT'] ?? '19092'}`
const STOP_TIMEOUT_MS = 60_000
const START_TIMEOUT_MS = 180_000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The pid of the Kafka broker `compose/stack.sh up` started, or undefined
 * when no such broker runs. The process must still carry the stack's marker,
 * so a recycled pid is never taken for the broker.
 */
export function stackBrokerPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim())
  const cmdline = `/proc/${pid}/cmdline`
  if (!Number.isInteger(pid) || !existsSync(cmdline)) return undefined

  const command = readFileSync(cmdline, 'utf8').replaceAll('\0', ' ')
  return command.includes(`-Dlogplat.stack=${STACK_DIR} `) ? pid : undefined
}

/** True when the broker at `address` is the stack's own, which this process may restart. */
export function canRestartStackBroker(address: string): boolean {
  return address === STACK_ADDRESS && stackBrokerPid() !== undefined
}

/**
 * Restarts the stack's broker: SIGTERM, wait until the process has exited,
 * then `compose/stack.sh up`, which starts only what is not running and
 * returns once Kafka answers. The stack script has no command that restarts
 * one server, so stopping is done here through its pid file.
 */
export async function restartStackBroker(): Promise<void> {
  const pid = stackBrokerPid()
  if (pid === undefined) throw new Error(`No Kafka broker of the local stack runs (${PID_FILE}).`)

  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + STOP_TIMEOUT_MS
  while (isAlive(pid)) {
    if (Date.now() >= deadline) throw new Error(`Kafka (pid ${pid}) did not stop on SIGTERM.`)
    await sleep(100)
  }

  await promisify(execFile)('bash', [STACK_SCRIPT, 'up'], { timeout: START_TIMEOUT_MS })
}
