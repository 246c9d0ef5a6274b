// Plain-text pieces every report form shares: the verdict's words and one check's details.
import type { Report, ReportCheck } from '../types.ts';

export const VERDICT_WORDS: Record<Report['verdict'], string> = { certified: 'CERTIFIED', 'not-certified': 'NOT CERTIFIED', incomplete: 'INCOMPLETE' };

export function checkDetails(check: ReportCheck): string {
  return [
    `${check.level} ${check.id}: ${check.title}`,
    ...check.statements.map((statement) => `Statement ${statement.id}: "${statement.text}"`),
    check.message ? `Message: ${check.message}` : '',
    check.expected !== undefined ? `Expected:\n${check.expected}` : '',
    check.actual !== undefined ? `Actual:\n${check.actual}` : '',
    check.reproduction ? `Reproduction:\n${check.reproduction}` : '',
    check.waiver ? `Waiver${check.waiver.expired ? ' (EXPIRED)' : ''}: ${check.waiver.reason}${check.waiver.expires ? ` (until ${check.waiver.expires})` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The counts line: "31 passed, 2 failed, 5 blocked, ...". */
export function countsLine(report: Report): string {
  const { counts } = report;
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.blocked} blocked, ${counts.errored} errored, ${counts.skipped} skipped, ${counts.waived} waived of ${counts.total} checks`;
}

export function statementsLine(report: Report): string {
  const { statements } = report;
  return `${statements.verified}/${statements.testable} testable statements of ${statements.catalogue} verified (${statements.failed} failed, ${statements.notRun} not run${statements.total > statements.testable ? `, ${statements.total - statements.testable} not testable from outside` : ''})`;
}

export function rootCausesLine(report: Report): string {
  const blocked = report.rootCauses.reduce((sum, cause) => sum + cause.blocked.length, 0);
  return `${report.rootCauses.length} root cause${report.rootCauses.length === 1 ? '' : 's'}, ${blocked} check${blocked === 1 ? '' : 's'} blocked`;
}
