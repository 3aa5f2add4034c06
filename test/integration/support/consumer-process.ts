import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Config } from '../../../src/config/index.js'
import { compileFixture } from '../../bus/fixtures/child-process.js'

const CHILD_SOURCE = 'test/integration/support/consumer-child.ts'

/** The child's LOGPLAT_* variables for a configuration: the same settings, as a process sees them. */
function environmentOf(config: Config): Record<string, string> {
  return {
    LOGPLAT_DATA_DIR: config.dataDir,
    LOGPLAT_KAFKA_BROKERS: config.kafkaBrokers,
    LOGPLAT_KAFKA_CLIENT_ID: config.kafkaClientId,
    LOGPLAT_TOPIC_RAW_LOGS: config.topicRawLogs,
    LOGPLAT_TOPIC_RAW_LOGS_DLQ: config.topicRawLogsDlq,
    LOGPLAT_TOPIC_VECTORIZATION: config.topicVectorization,
    LOGPLAT_TOPIC_PARTITIONS: String(config.topicPartitions),
    LOGPLAT_CONSUMER_GROUP: config.consumerGroup,
    LOGPLAT_CLICKHOUSE_URL: '',
    LOGPLAT_CLICKHOUSE_DATABASE: config.clickhouseDatabase,
    LOGPLAT_BATCH_SIZE: String(config.batchSize),
    LOGPLAT_BATCH_TIMEOUT_MS: String(config.batchTimeoutMs),
    LOGPLAT_CONSUMER_PORT: '0',
    LOGPLAT_LOG_LEVEL: 'warn',
  }
}

/** A consumer daemon in a process of its own; its stdout lines are its markers. */
export class ConsumerProcess {
  private readonly lines: string[] = []
  private readonly waiters: (() => void)[] = []
  private stderr = ''

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(line)
      for (const wake of this.waiters.splice(0)) wake()
    })
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    child.once('exit', () => {
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  /** Compiles the child script once; call before starting processes. */
  static compile(): Promise<string> {
    return compileFixture(CHILD_SOURCE)
  }

  /** Starts the compiled child on `config`, normal or hanging at its first commit. */
  static start(
    script: string,
    config: Config,
    mode: 'normal' | 'hang-on-commit' = 'normal',
  ): ConsumerProcess {
    const child = spawn(process.execPath, [script, mode], {
      env: { ...process.env, ...environmentOf(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return new ConsumerProcess(child)
  }

  /** Resolves with the rest of the first line that starts with `marker`. */
  async waitForLine(marker: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const line = this.lines.find((candidate) => candidate.startsWith(marker))
      if (line !== undefined) return line.slice(marker.length).trim()
      if (this.hasExited() || Date.now() >= deadline) {
        throw new Error(`The consumer process never printed "${marker}":\n${this.stderr}`)
      }
      await this.nextLineOrTimeout(deadline - Date.now())
    }
  }

  /** Kills the process at once, as a crash would, and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.hasExited()) return
    const exited = once(this.child, 'exit')
    this.child.kill('SIGKILL')
    await exited
  }

  /** Sends SIGTERM and resolves with the exit code. */
  async terminate(): Promise<number | null> {
    if (this.hasExited()) return this.child.exitCode
    const exited = once(this.child, 'exit') as Promise<[number | null]>
    this.child.kill('SIGTERM')
    const [code] = await exited
    return code
  }

  /** What the process wrote to stderr, for failure messages. */
  diagnostics(): string {
    return this.stderr
  }

  private hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null
  }

  private nextLineOrTimeout(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      this.waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}
