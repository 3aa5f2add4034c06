import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * Tests that disturb shared servers (a broker restart) run alone, one file at
 * a time, after the main suite.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/**/*.isolated.test.ts'],
    exclude: [],
    fileParallelism: false,
  },
})
