import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { benchmarkDataset } from '../../src/patterns/benchmark.js'
import { defaultLoghubFolder } from '../../src/patterns/data-location.js'
import { findLabelledDatasets, readLabelledDataset } from '../../src/patterns/loghub.js'

// Published Drain grouping accuracy on these data sets: the floor for each.
const DRAIN_GA: Record<string, number> = {
  HDFS: 0.9975,
  Hadoop: 0.9475,
  Spark: 0.92,
  Zookeeper: 0.9665,
  BGL: 0.9625,
  Apache: 1.0,
  OpenSSH: 0.789,
  Linux: 0.69,
}

const folder = defaultLoghubFolder()
const hasData = existsSync(folder)
if (!hasData && process.env.CI) {
  throw new Error(`The labelled Loghub logs are missing from ${folder}; set LOGPLAT_LOGHUB_DIR.`)
}

describe.skipIf(!hasData)('the miner on labelled Loghub logs', () => {
  const scores = findLabelledDatasets(folder).map(({ name, file }) =>
    benchmarkDataset(readLabelledDataset(name, file)),
  )

  it.each(Object.keys(DRAIN_GA))('groups %s at least as well as Drain', (name) => {
    const score = scores.find((candidate) => candidate.name === name)

    expect(score?.lines).toBe(2000)
    expect(score?.grouping_accuracy).toBeGreaterThanOrEqual(DRAIN_GA[name] ?? 1)
  })

  it('reaches a mean grouping accuracy of 0.93 or more', () => {
    const mean = scores.reduce((sum, score) => sum + score.grouping_accuracy, 0) / scores.length

    expect(mean).toBeGreaterThanOrEqual(0.93)
  })
})

describe('reading labelled data sets', () => {
  it('fails with a clear error when the folder does not exist', () => {
    const find = () => findLabelledDatasets(join(tmpdir(), 'no-such-loghub-folder'))

    expect(find).toThrow(
      /Cannot read labelled logs from .*no-such-loghub-folder: it is not a folder\./,
    )
  })

  it('fails with a clear error when the folder holds no data set', () => {
    const empty = mkdtempSync(join(tmpdir(), 'loghub-'))

    const find = () => findLabelledDatasets(empty)

    expect(find).toThrow(/Found no <System>\/<System>_2k.log_structured.csv file/)
  })

  it('fails with a clear error on a CSV without the label columns or with a short row', () => {
    const root = mkdtempSync(join(tmpdir(), 'loghub-'))
    mkdirSync(join(root, 'Bad'))
    const file = join(root, 'Bad', 'Bad_2k.log_structured.csv')
    writeFileSync(file, 'LineId,Content\n1,hello\n')
    const short = join(root, 'Bad', 'short.csv')
    writeFileSync(short, 'LineId,Content,EventId,EventTemplate\n1,hello,E1\n')

    const readMissing = () => readLabelledDataset('Bad', file)
    const readShort = () => readLabelledDataset('Bad', short)

    expect(readMissing).toThrow(/its header lacks the column\(s\) EventId, EventTemplate/)
    expect(readShort).toThrow(/row 1 has 3 fields where the header has 4/)
  })
})
