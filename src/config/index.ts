export { ConfigSchema, defaultDataDir, type Config, type ConfigKey } from './schema.js'
export {
  configKeys,
  describeConfig,
  loadConfig,
  redactSecret,
  unknownSettings,
  type ConfigEntry,
  type ConfigSource,
} from './load.js'
