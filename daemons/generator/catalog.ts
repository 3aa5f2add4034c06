import type { LogLevel } from '../../src/logs/levels.js'

/** One log statement of a simulated service: `{name}` holes are filled per log. */
export interface MessageTemplate {
  level: LogLevel
  text: string
}

export const SERVICES = [
  'api-gateway',
  'user-service',
  'payment-service',
  'order-service',
  'inventory-service',
  'notification-service',
  'auth-service',
  'search-service',
] as const

/** Environments with their share of traffic, most of it production. */
export const ENVIRONMENTS: ReadonlyArray<readonly [string, number]> = [
  ['production', 0.8],
  ['staging', 0.15],
  ['development', 0.05],
]

const shared: MessageTemplate[] = [
  { level: 'DEBUG', text: 'Cache lookup for key {cacheKey} took {ms}ms' },
  { level: 'DEBUG', text: 'Acquired connection from pool {pool} ({active}/{poolSize} active)' },
  { level: 'DEBUG', text: 'Feature flag {flag} evaluated to {bool} for user {userId}' },
  { level: 'INFO', text: 'GET {path} completed with status 200 in {ms}ms' },
  { level: 'INFO', text: 'POST {path} completed with status 201 in {ms}ms' },
  { level: 'INFO', text: 'Health check passed for dependency {dependency}' },
  { level: 'INFO', text: 'Configuration reloaded from {configPath}' },
  { level: 'WARN', text: 'Slow query detected: {ms}ms for table {table}' },
  { level: 'WARN', text: 'Retrying request to {dependency} (attempt {attempt} of 3)' },
  { level: 'WARN', text: 'Connection pool {pool} is {percent}% utilised' },
  { level: 'WARN', text: 'Rate limit approaching for client {ip}: {count} requests in 60s' },
  { level: 'ERROR', text: 'Connection timeout to database after {ms}ms' },
  { level: 'ERROR', text: 'Failed to connect to {dependency} at {ip}:{port}: connection refused' },
  { level: 'ERROR', text: 'Unhandled exception while processing request {requestId}' },
  { level: 'ERROR', text: 'Circuit breaker opened for {dependency} after {attempt} failures' },
  { level: 'FATAL', text: 'Out of memory: heap usage {percent}% exceeds limit, shutting down' },
  { level: 'FATAL', text: 'Cannot bind to port {port}: address already in use' },
]

const byService: Record<(typeof SERVICES)[number], MessageTemplate[]> = {
  'api-gateway': [
    { level: 'INFO', text: 'Routed {method} {path} to {dependency} in {ms}ms' },
    { level: 'WARN', text: 'Upstream {dependency} responded with 429, backing off {ms}ms' },
    { level: 'ERROR', text: 'Upstream {dependency} returned 502 for {method} {path}' },
  ],
  'user-service': [
    { level: 'INFO', text: 'User {userId} updated profile field {field}' },
    { level: 'INFO', text: 'Created user {userId} with email {email}' },
    { level: 'ERROR', text: 'Failed to load profile for user {userId}: record not found' },
  ],
  'payment-service': [
    { level: 'INFO', text: 'Payment {paymentId} authorised for {amount} {currency}' },
    { level: 'WARN', text: 'Payment {paymentId} flagged for manual review (risk score {score})' },
    { level: 'ERROR', text: 'Payment {paymentId} declined by provider: insufficient funds' },
    { level: 'ERROR', text: 'Payment provider timeout after {ms}ms for order {orderId}' },
  ],
  'order-service': [
    { level: 'INFO', text: 'Order {orderId} placed by user {userId} with {count} items' },
    { level: 'INFO', text: 'Order {orderId} shipped via {carrier}' },
    { level: 'ERROR', text: 'Order {orderId} failed validation: item {sku} out of stock' },
  ],
  'inventory-service': [
    { level: 'INFO', text: 'Stock for {sku} adjusted by {delta} to {count}' },
    { level: 'WARN', text: 'Stock for {sku} below reorder threshold ({count} left)' },
    { level: 'ERROR', text: 'Deadlock detected while reserving {sku}, transaction rolled back' },
  ],
  'notification-service': [
    { level: 'INFO', text: 'Sent {channel} notification {requestId} to user {userId}' },
    { level: 'WARN', text: 'Notification {requestId} queued for retry: provider returned 503' },
    { level: 'ERROR', text: 'Failed to deliver email to {email}: mailbox unavailable' },
  ],
  'auth-service': [
    { level: 'INFO', text: 'User {userId} logged in from {ip}' },
    { level: 'WARN', text: 'Failed login attempt {attempt} for user {userId} from {ip}' },
    { level: 'ERROR', text: 'Token validation failed for session {sessionId}: signature expired' },
  ],
  'search-service': [
    { level: 'INFO', text: 'Query "{query}" returned {count} results in {ms}ms' },
    { level: 'WARN', text: 'Index {index} is {percent}% fragmented, scheduling merge' },
    { level: 'ERROR', text: 'Search cluster node {host} unreachable, shard {shard} unassigned' },
  ],
}

/** Every template a service can log, shared ones first. */
export function templatesFor(service: (typeof SERVICES)[number]): MessageTemplate[] {
  return [...shared, ...byService[service]]
}

export const EXCEPTION_TYPES = [
  'java.sql.SQLTimeoutException',
  'java.net.ConnectException',
  'java.lang.IllegalStateException',
  'java.lang.NullPointerException',
  'java.util.concurrent.TimeoutException',
]
