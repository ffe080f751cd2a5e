import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in forks, each owning its database. vitest runs availableParallelism() - 1 of them at once:
    // on this 2-core machine that is one, so files run one after another (docs/testing.md).
    pool: 'forks',
  },
});
