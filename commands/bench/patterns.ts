import { Args, Flags } from '@oclif/core'
import { LogplatCommand } from '../../src/cli/base-command.js'
import { renderTable } from '../../src/cli/table.js'
import {
  benchmarkDataset,
  summarizeScores,
  type DatasetScore,
} from '../../src/patterns/benchmark.js'
import { defaultLoghubFolder } from '../../src/patterns/data-location.js'
import { findLabelledDatasets, readLabelledDataset } from '../../src/patterns/loghub.js'

export default class BenchPatternsCommand extends LogplatCommand {
  static override summary = 'Score the template miner on labelled logs.'

  static override description =
    'Score the template miner on labelled logs: every <System>/<System>_2k.log_structured.csv under the folder, with grouping accuracy, parsing accuracy and lines per second.'

  static override args = {
    dir: Args.string({
      description:
        'Folder of labelled data sets; defaults to LOGPLAT_LOGHUB_DIR or ../shared/data/loghub-2k.',
      required: false,
    }),
  }

  static override flags = {
    json: Flags.boolean({ description: 'Print JSON instead of a table.' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(BenchPatternsCommand)
    const folder = args.dir ?? defaultLoghubFolder()

    const scores = findLabelledDatasets(folder).map(({ name, file }) =>
      benchmarkDataset(readLabelledDataset(name, file)),
    )
    const report = summarizeScores(scores)

    if (flags.json) {
      this.printJson(report)
      return
    }
    const meanRow: DatasetScore = {
      name: 'mean',
      lines: scores.reduce((sum, score) => sum + score.lines, 0),
      templates_expected: Number.NaN,
      templates_found: Number.NaN,
      grouping_accuracy: report.mean.grouping_accuracy,
      parsing_accuracy: report.mean.parsing_accuracy,
      lines_per_second: Number.NaN,
    }
    this.log(renderTable([...scores, meanRow], COLUMNS))
  }
}

const showCount = (value: number) => (Number.isNaN(value) ? '' : value)

const COLUMNS = [
  { header: 'DATA SET', value: (row: DatasetScore) => row.name },
  { header: 'LINES', value: (row: DatasetScore) => row.lines, isNumeric: true },
  {
    header: 'TEMPLATES',
    value: (row: DatasetScore) => showCount(row.templates_expected),
    isNumeric: true,
  },
  {
    header: 'FOUND',
    value: (row: DatasetScore) => showCount(row.templates_found),
    isNumeric: true,
  },
  { header: 'GA', value: (row: DatasetScore) => row.grouping_accuracy.toFixed(4), isNumeric: true },
  { header: 'PA', value: (row: DatasetScore) => row.parsing_accuracy.toFixed(4), isNumeric: true },
  {
    header: 'LINES/S',
    value: (row: DatasetScore) => showCount(row.lines_per_second),
    isNumeric: true,
  },
]
