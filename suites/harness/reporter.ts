// The vitest reporter certify runs the suites with: it turns each test back into a check result
// (metadata and outcome travel in the test's meta) and shows progress on the terminal.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CheckMetadata } from './register.ts';
import type { CheckOutcome } from './outcome.ts';

export interface CheckResult extends CheckMetadata {
  outcome: CheckOutcome;
}

export class CheckCollector implements Reporter {
  readonly results = new Map<string, CheckResult>();
  readonly problems: string[] = [];
  private readonly progress: ((line: string) => void) | undefined;

  constructor(progress?: (line: string) => void) {
    this.progress = progress;
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta();
    const check = meta.check;
    if (!check) return;
    const result = testCase.result();
    // A test that vitest itself ended (a timeout, a cancelled run) carries no outcome of ours.
    const outcome: CheckOutcome = meta.outcome ?? {
      status: result.state === 'skipped' ? 'skipped' : 'errored',
      message: result.state === 'skipped' ? 'not run' : (result.errors?.[0]?.message ?? `ended by the test runner (${result.state})`),
      requests: 0,
      durationMs: testCase.diagnostic()?.duration ?? 0,
    };
    this.results.set(check.id, { ...check, outcome });
    this.progress?.(progressLine(check, outcome));
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    for (const error of unhandledErrors) this.problems.push(error.message ?? String(error));
  }
}

const SYMBOL: Record<CheckOutcome['status'], string> = { passed: 'ok  ', failed: 'FAIL', errored: 'ERR ', skipped: 'skip' };

export function progressLine(check: CheckMetadata, outcome: CheckOutcome): string {
  const detail = outcome.status === 'passed' ? '' : `  ${outcome.message ?? ''}`;
  return `  ${SYMBOL[outcome.status]} ${check.level.padEnd(6)} ${check.id}${detail}`;
}
