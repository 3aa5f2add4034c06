export { maskMessage, maskToken, maskTokens, type MaskedMessage } from './masking.js'
export { type MinerState } from './miner-state.js'
export { patternHash } from './pattern-hash.js'
export { PLACEHOLDERS, toWildcards, type Placeholder } from './placeholders.js'
export { scoreGroupingAccuracy, scoreParsingAccuracy } from './scoring.js'
export {
  TemplateMiner,
  type MinedTemplate,
  type TemplateMatch,
  type TemplateMinerOptions,
} from './template-miner.js'
