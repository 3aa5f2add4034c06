import { randomUUID } from 'node:crypto'
import type { LogLevel } from '../../src/logs/levels.js'
import type { LogRecord } from '../../src/logs/record.js'
import {
  ENVIRONMENTS,
  EXCEPTION_TYPES,
  SERVICES,
  templatesFor,
  type MessageTemplate,
} from './catalog.js'

type Service = (typeof SERVICES)[number]

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T
}

function between(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low + 1))
}

function hex(length: number): string {
  let text = ''
  for (let index = 0; index < length; index += 1) text += between(0, 15).toString(16)
  return text
}

const PATHS = ['/api/v1/users', '/api/v1/orders', '/api/v1/cart', '/api/v2/search', '/api/v1/pay']
const DEPENDENCIES = ['postgres-primary', 'redis-cache', 'kafka', 'payments-api', 'elasticsearch']

/** Values for every `{hole}` the catalog uses. */
const FILLERS: Record<string, () => string> = {
  cacheKey: () => `session:${hex(8)}`,
  ms: () => String(between(1, 9000)),
  pool: () => pick(['primary', 'replica', 'analytics']),
  active: () => String(between(1, 50)),
  poolSize: () => '50',
  flag: () => pick(['new-checkout', 'dark-mode', 'fast-search']),
  bool: () => pick(['true', 'false']),
  userId: () => `user_${between(1, 99999)}`,
  path: () => pick(PATHS),
  method: () => pick(['GET', 'POST', 'PUT', 'DELETE']),
  dependency: () => pick(DEPENDENCIES),
  configPath: () => `/etc/app/${pick(['app', 'limits', 'routes'])}.yaml`,
  table: () => pick(['orders', 'users', 'payments', 'inventory']),
  attempt: () => String(between(1, 3)),
  percent: () => String(between(70, 99)),
  ip: () => `10.${between(0, 255)}.${between(0, 255)}.${between(1, 254)}`,
  port: () => String(pick([5432, 6379, 9092, 8080, 443])),
  count: () => String(between(0, 500)),
  requestId: () => `req-${hex(12)}`,
  field: () => pick(['email', 'address', 'phone', 'avatar']),
  email: () => `${pick(['ana', 'bo', 'chen', 'dev'])}${between(1, 999)}@example.com`,
  paymentId: () => `pay_${hex(10)}`,
  amount: () => (between(100, 99999) / 100).toFixed(2),
  currency: () => pick(['EUR', 'USD', 'GBP']),
  score: () => String(between(60, 99)),
  orderId: () => `ord-${between(100000, 999999)}`,
  carrier: () => pick(['DHL', 'UPS', 'FedEx']),
  sku: () => `SKU-${between(1000, 9999)}`,
  delta: () => String(between(-20, 20)),
  channel: () => pick(['email', 'sms', 'push']),
  sessionId: () => hex(16),
  query: () => pick(['red shoes', 'laptop bag', 'usb-c cable', 'coffee']),
  index: () => pick(['products', 'users', 'orders']),
  host: () => `search-${between(1, 6)}`,
  shard: () => String(between(0, 11)),
}

function fill(text: string): string {
  return text.replace(/\{(\w+)\}/g, (_match, name: string) => FILLERS[name]?.() ?? name)
}

/** Picks a name from `[name, share]` pairs whose shares add up to 1. */
function pickWeighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
  let roll = Math.random()
  for (const [choice, share] of choices) {
    roll -= share
    if (roll <= 0) return choice
  }
  return (choices[0] as readonly [T, number])[0]
}

const CALM_LEVELS: ReadonlyArray<readonly [LogLevel, number]> = [
  ['DEBUG', 0.15],
  ['INFO', 0.7],
  ['WARN', 0.15],
]
const SEVERE_LEVELS: ReadonlyArray<readonly [LogLevel, number]> = [
  ['ERROR', 0.95],
  ['FATAL', 0.05],
]

function isSevere(level: LogLevel): boolean {
  return level === 'ERROR' || level === 'FATAL'
}

function stackTraceFor(service: Service): string {
  const frames = between(3, 6)
  const lines = [`${pick(EXCEPTION_TYPES)}: ${pick(['timed out', 'refused', 'unexpected state'])}`]
  for (let depth = 0; depth < frames; depth += 1) {
    const className = service.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())
    lines.push(`    at com.shop.${className}.handler${depth}(Handler.java:${between(10, 400)})`)
  }
  return lines.join('\n')
}

function chooseTemplate(service: Service, errorRatePercentage: number): MessageTemplate {
  const isSevereLog = Math.random() * 100 < errorRatePercentage
  const level = pickWeighted(isSevereLog ? SEVERE_LEVELS : CALM_LEVELS)
  return pick(templatesFor(service).filter((template) => template.level === level))
}

/** Makes one realistic log; `errorRatePercentage` of them are ERROR or FATAL. */
export function createLog(errorRatePercentage: number, now = new Date()): LogRecord {
  const service = pick(SERVICES)
  const template = chooseTemplate(service, errorRatePercentage)
  const pod = `${service}-${hex(9)}-${hex(5)}`
  const severe = isSevere(template.level)

  return {
    log_id: randomUUID(),
    timestamp: now.toISOString(),
    service,
    environment: pickWeighted(ENVIRONMENTS),
    level: template.level,
    message: fill(template.text),
    stack_trace: severe ? stackTraceFor(service) : null,
    trace_id: randomUUID(),
    host: `${service}-node-${between(1, 4)}`,
    pod_name: pod,
    user_id: Math.random() < 0.7 ? (FILLERS['userId']?.() ?? null) : null,
  }
}
