import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The examples import the package by name, as its users do; here that name is this source tree.
    alias: { 'user-api-conformance': fileURLToPath(new URL('./index.ts', import.meta.url)) },
  },
  test: {
    // Our own tests, and the examples'. The conformance suites under suites/ are run by `userapi certify`.
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
