import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { createBus } from '../../src/bus/index.js'
import { loadConfig } from '../../src/config/index.js'
import { describeBusBehaviour } from './bus-behaviour.js'

const dataDir = mkdtempSync(join(tmpdir(), 'logplat-bus-'))

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describeBusBehaviour('embedded', () => createBus(loadConfig({ dataDir, kafkaBrokers: '' }, {})))
