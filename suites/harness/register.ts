// Registers checks as vitest tests. `userapi certify` runs the suites programmatically and reads each
// test's meta (the check's metadata and its outcome) in its own reporter.
import { inject, test } from 'vitest';
import type { Check } from './check.ts';
import { runCheck, type CheckOutcome } from './outcome.ts';

export interface CheckMetadata {
  id: string;
  level: Check['level'];
  title: string;
  family: Check['family'];
  doc: Check['doc'];
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckMetadata;
    outcome?: CheckOutcome;
  }
}

export function metadataOf(check: Check): CheckMetadata {
  return { id: check.id, level: check.level, title: check.title, family: check.family, doc: check.doc };
}

export function registerChecks(checks: readonly Check[]): void {
  const config = inject('certify');
  for (const check of checks) {
    if (config.only && !config.only.includes(check.id)) continue;
    test(check.id, { meta: { check: metadataOf(check) } }, async ({ task, skip }) => {
      const outcome = await runCheck(check, config);
      task.meta.outcome = outcome;
      if (outcome.status === 'skipped') skip(outcome.message);
      if (outcome.status === 'failed' || outcome.status === 'errored') throw new Error(`${check.id} ${outcome.status}: ${outcome.message ?? ''}`);
    });
  }
}
