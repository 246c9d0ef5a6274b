// One strict test mock for a whole test file, for files split by topic that each need their own: the
// hooks every such file would otherwise repeat, in one place.
import { afterAll, beforeAll, expect } from 'vitest';
import type { MockOptions } from '../../mock/server.ts';
import { startTestMock, type TestMock } from './mock.ts';

/**
 * Call at the top level of a test file: the mock starts before the file's first test and, after its
 * last, must have seen no reply drift from the spec, then closes. What it answers is the started mock's,
 * so the file's tests use `mock.url`, `mock.call(...)`, `mock.reset(...)` as on a TestMock; outside a
 * test or hook (before the mock has started) it throws.
 */
export function mockForFile(options: Partial<MockOptions>): TestMock {
  let started: TestMock | undefined;
  beforeAll(async () => {
    started = await startTestMock(options);
  });
  afterAll(async () => {
    if (!started) return; // beforeAll failed, and said why.
    expect(started.server.violations).toEqual([]);
    await started.close();
  });
  const current = (): TestMock => {
    if (!started) throw new Error('mockForFile: the mock starts in beforeAll; use it inside a test or a hook');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get server() {
      return current().server;
    },
    call: (api, callOptions) => current().call(api, callOptions),
    reset: (apis, seed) => current().reset(apis, seed),
    close: () => current().close(),
  };
}
