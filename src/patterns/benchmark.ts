import type { LabelledDataset } from './loghub.js'
import { scoreGroupingAccuracy, scoreParsingAccuracy } from './scoring.js'
import { TemplateMiner } from './template-miner.js'

/** How the miner did on one labelled data set; snake_case because it is printed as JSON. */
export interface DatasetScore {
  name: string
  lines: number
  templates_expected: number
  templates_found: number
  grouping_accuracy: number
  parsing_accuracy: number
  lines_per_second: number
}

/** The per-data-set scores and their means. */
export interface BenchmarkReport {
  datasets: DatasetScore[]
  mean: { grouping_accuracy: number; parsing_accuracy: number }
}

/**
 * Mines a data set's messages in file order with a fresh miner and scores the
 * final grouping (ids resolved through later merges) against the labels.
 */
export function benchmarkDataset(dataset: LabelledDataset): DatasetScore {
  const miner = new TemplateMiner()

  const startedAt = process.hrtime.bigint()
  const firstIds = dataset.messages.map((message) => miner.add(message).templateId)
  const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9

  const templates = new Map(miner.templates().map((found) => [found.templateId, found.template]))
  const finalIds = firstIds.map((id) => miner.currentTemplateId(id))
  const predicted = finalIds.map((id) => templates.get(id) ?? '')
  return {
    name: dataset.name,
    lines: dataset.messages.length,
    templates_expected: new Set(dataset.eventIds).size,
    templates_found: templates.size,
    grouping_accuracy: scoreGroupingAccuracy(dataset.eventIds, finalIds),
    parsing_accuracy: scoreParsingAccuracy(dataset.templates, predicted),
    lines_per_second: Math.round(dataset.messages.length / Math.max(elapsedSeconds, 1e-9)),
  }
}

/** Averages the accuracies over the data sets, each counting once. */
export function summarizeScores(datasets: DatasetScore[]): BenchmarkReport {
  const mean = (pick: (score: DatasetScore) => number) =>
    datasets.length === 0
      ? 0
      : datasets.reduce((sum, score) => sum + pick(score), 0) / datasets.length
  return {
    datasets,
    mean: {
      grouping_accuracy: mean((score) => score.grouping_accuracy),
      parsing_accuracy: mean((score) => score.parsing_accuracy),
    },
  }
}
