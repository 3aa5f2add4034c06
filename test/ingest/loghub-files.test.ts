import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { normalizeLevel } from '../../src/logs/levels.js'
import {
  findLoghubDir,
  LOGHUB_SYSTEMS,
  loghubLogPath,
  readCsvColumn,
  type LoghubSystem,
} from './support/loghub.js'
import { readAllLines, recordsOf } from './support/read-lines.js'

const loghubDir = findLoghubDir()
const now = new Date('2026-12-03T12:00:00Z')

// Systems whose header carries a level, and the CSV column that holds it.
const LEVEL_COLUMNS: Partial<Record<LoghubSystem, string>> = {
  HDFS: 'Level',
  Hadoop: 'Level',
  Spark: 'Level',
  Zookeeper: 'Level',
  BGL: 'Level',
  Apache: 'Level',
}

const FIRST_TIMESTAMPS: Record<LoghubSystem, string> = {
  HDFS: '2008-11-09T20:36:15.000Z',
  Hadoop: '2015-10-18T18:01:47.978Z',
  Spark: '2017-06-09T20:10:40.000Z',
  Zookeeper: '2015-07-29T17:41:44.747Z',
  BGL: '2005-06-03T22:42:50.675Z',
  Apache: '2005-12-04T04:47:44.000Z',
  OpenSSH: '2025-12-10T06:55:46.000Z',
  Linux: '2026-06-14T15:16:01.000Z',
}

async function readSystem(dir: string, system: LoghubSystem) {
  const path = loghubLogPath(dir, system)
  const { format, lines } = await readAllLines(createReadStream(path), { now })
  const rawLines = (await readFile(path, 'utf8')).split('\n')
  if (rawLines.at(-1) === '') rawLines.pop()
  return { format, lines, records: recordsOf(lines), rawLines }
}

describe.skipIf(loghubDir === undefined).each(LOGHUB_SYSTEMS)('the Loghub %s sample', (system) => {
  const dir = loghubDir ?? ''

  it('becomes 2,000 text records, each keeping its whole line as the message', async () => {
    const { format, lines, records, rawLines } = await readSystem(dir, system)

    expect(format).toBe('text')
    expect(lines).toHaveLength(2000)
    expect(records.map((record) => record.message)).toEqual(rawLines)
  })

  it('has a timestamp recognised on every line', async () => {
    const { records } = await readSystem(dir, system)

    const withoutTimestamp = records.filter((record) => record.timestamp === undefined)
    expect(withoutTimestamp.map((record) => record.message)).toEqual([])
    expect(records[0]?.timestamp).toBe(FIRST_TIMESTAMPS[system])
  })
})

const levelSystems = Object.entries(LEVEL_COLUMNS) as [LoghubSystem, string][]

describe.skipIf(loghubDir === undefined).each(levelSystems)(
  'the levels of the Loghub %s sample',
  (system, column) => {
    it('match the labelled level of every line', async () => {
      const { records } = await readSystem(loghubDir ?? '', system)
      const labelled = await readCsvColumn(loghubDir ?? '', system, column)

      const expected = labelled.map((word) => normalizeLevel(word))
      expect(expected).not.toContain(undefined)
      expect(records.map((record) => record.level)).toEqual(expected)
    })

    it('count as many warnings, errors and fatals as the labels', async () => {
      const { records } = await readSystem(loghubDir ?? '', system)
      const labelled = await readCsvColumn(loghubDir ?? '', system, column)

      for (const level of ['WARN', 'ERROR', 'FATAL']) {
        const expected = labelled.filter((word) => normalizeLevel(word) === level).length
        expect(records.filter((record) => record.level === level)).toHaveLength(expected)
      }
    })
  },
)

describe.skipIf(loghubDir === undefined)(
  'the Loghub samples without a level in their header',
  () => {
    it.each(['OpenSSH', 'Linux'] as const)('read every %s line as INFO', async (system) => {
      const { records } = await readSystem(loghubDir ?? '', system)

      expect(new Set(records.map((record) => record.level))).toEqual(new Set(['INFO']))
    })
  },
)
