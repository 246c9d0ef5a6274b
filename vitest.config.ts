import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Our own tests. The conformance suites under suites/ are run by `userapi certify`, not here.
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
