// One terminal line per check as it ends (stderr, unless --quiet).
import type { Level } from '../harness/check.ts';
import type { CheckOutcome } from '../harness/outcome.ts';

const SYMBOL: Record<CheckOutcome['status'], string> = { passed: 'ok  ', failed: 'FAIL', errored: 'ERR ', skipped: 'skip', blocked: 'BLKD' };

export function progressLine(id: string, level: Level, outcome: CheckOutcome): string {
  const detail = outcome.status === 'passed' ? '' : `  ${outcome.message ?? ''}`;
  return `  ${SYMBOL[outcome.status]} ${level.padEnd(6)} ${id}${detail}`;
}
