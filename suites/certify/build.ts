// From what the checks found to the report: each check's status in the profile, whether it decides the
// verdict, the verdict itself, failures grouped by root cause, and the per-statement view.
import { APIS } from '../../specs/apis.ts';
import type { ApiCertification } from '../harness/api.ts';
import { levelIn, type Check, type Statement } from '../harness/check.ts';
import type { CleanupReport } from '../harness/cleanup.ts';
import { safetyHolds, safetyLine, type Safety } from '../harness/inventory.ts';
import type { CheckOutcome, CheckStatus } from '../harness/outcome.ts';
import type { Redactor } from '../harness/redact.ts';
import { profileCatalogue } from '../harness/statements.ts';
import type { Profile } from '../../specs/apis.ts';
import { REPORT_FORMAT, type CertifyOptions, type Report, type ReportCheck, type ReportStatement, type RootCause, type Verdict } from './types.ts';
import { waiverFor } from './waivers.ts';

export interface BuildInput {
  options: CertifyOptions;
  certification: ApiCertification;
  profile: Profile;
  namePrefix: string;
  target: string;
  started: Date;
  /** Every check of the profile, in order; those absent from `outcomes` did not run. */
  checks: readonly Check[];
  outcomes: ReadonlyMap<string, CheckOutcome>;
  problems: string[];
  safety: Safety;
  cleanup: CleanupReport;
  specSha256: string;
  toolVersion: string;
  totalRequests: number;
  secrets: Redactor;
}

function reportCheck(check: Check, input: BuildInput, statements: ReadonlyMap<string, Statement>): ReportCheck {
  const level = levelIn(check, input.profile) ?? 'INFO';
  const outcome: CheckOutcome = input.outcomes.get(check.id) ?? {
    status: 'skipped',
    message: input.options.only && !input.options.only.includes(check.id) ? 'not selected by --only' : `not run: ${input.problems[0] ?? 'the run ended before it'}`,
    requests: 0,
    durationMs: 0,
  };
  const waiver = waiverFor(check.id, input.options.waivers, input.started);
  const waived = waiver !== undefined && !waiver.expired && outcome.status !== 'skipped';
  const status: CheckStatus = waived ? 'waived' : outcome.status;
  const { requests, durationMs, status: _ranAs, ...details } = outcome;
  return {
    id: check.id,
    level,
    levels: { ...check.levels },
    title: check.title,
    section: sectionOf(check, input.certification),
    statements: check.statements.map((id) => ({ id, text: statements.get(id)?.text ?? '' })),
    status,
    ...(waived ? { ranAs: outcome.status } : {}),
    counts: !waived && (level === 'MUST' || (level === 'SHOULD' && input.options.strict)),
    ...details,
    ...(waiver ? { waiver } : {}),
    requests,
    durationMs: Math.round(durationMs),
  };
}

function sectionOf(check: Check, certification: ApiCertification): string {
  return certification.sections.find((section) => section.checks.includes(check))?.title ?? '';
}

/** Failed and blocked checks grouped by the operation whose answer was wrong; the largest group first. */
export function rootCauses(checks: readonly ReportCheck[]): RootCause[] {
  const causes = new Map<string, RootCause>();
  for (const check of checks) {
    if (check.status !== 'failed' && check.status !== 'blocked') continue;
    const key = check.operation ?? check.id;
    const cause = causes.get(key) ?? { key, message: '', failed: [], blocked: [] };
    if (check.status === 'failed') {
      cause.failed.push(check.id);
      if (cause.failed.length === 1) cause.message = check.message ?? '';
    } else {
      cause.blocked.push(check.id);
      if (cause.message === '') cause.message = check.message ?? '';
    }
    causes.set(key, cause);
  }
  return [...causes.values()].sort((a, b) => b.failed.length + b.blocked.length - (a.failed.length + a.blocked.length));
}

function statementView(input: BuildInput, checks: readonly ReportCheck[]): Report['statements'] {
  const catalogue = profileCatalogue(input.certification.api, input.profile);
  const list: ReportStatement[] = input.certification.sections
    .flatMap((section) => section.statements)
    .filter((statement) => statement.id.startsWith(`${catalogue}:`))
    .map((statement) => {
      const verifying = checks.filter((check) => check.statements.some((reference) => reference.id === statement.id));
      // An INFO check observes a choice; it verifies a statement only where no MUST or SHOULD check does.
      const judging = verifying.some((check) => check.level !== 'INFO') ? verifying.filter((check) => check.level !== 'INFO') : verifying;
      const outcome = (check: ReportCheck): string => (check.status === 'waived' ? (check.ranAs ?? 'passed') : check.status);
      // Failed: a check of it found the server wrong. Verified: every check of it ran and passed. A check
      // that was blocked, errored or skipped verified nothing either way.
      const status: ReportStatement['status'] = statement.untestable
        ? 'untestable'
        : judging.some((check) => outcome(check) === 'failed')
          ? 'failed'
          : judging.length > 0 && judging.every((check) => outcome(check) === 'passed')
            ? 'verified'
            : 'not-run';
      return { id: statement.id, section: statement.section, text: statement.text, level: statement.level, status, ...(statement.untestable ? { untestable: statement.untestable } : {}), checks: verifying.map((check) => check.id) };
    });
  const count = (status: ReportStatement['status']): number => list.filter((statement) => statement.status === status).length;
  return { catalogue, total: list.length, testable: list.length - count('untestable'), verified: count('verified'), failed: count('failed'), notRun: count('not-run'), list };
}

export function buildReport(input: BuildInput): Report {
  const statements = new Map(input.certification.sections.flatMap((section) => section.statements).map((statement) => [statement.id, statement]));
  const checks = input.checks.map((check) => reportCheck(check, input, statements));
  const counts = { total: checks.length, passed: 0, failed: 0, errored: 0, skipped: 0, blocked: 0, waived: 0, requests: 0, totalRequests: input.totalRequests };
  for (const check of checks) {
    counts[check.status] += 1;
    counts.requests += check.requests;
  }
  const causes = rootCauses(checks.filter((check) => check.counts));
  const deciding = checks.filter((check) => check.counts);
  const errored = deciding.filter((check) => check.status === 'errored');
  const safe = safetyHolds(input.safety);
  const reasons = [
    ...input.problems,
    ...(safe ? [] : [`SAFETY: ${safetyLine(input.safety)}: ${[...input.safety.missing.map((id) => `${id} missing`), ...input.safety.changed.map((changed) => `${changed.id} changed (${changed.fields.map((field) => field.field).join(', ')})`)].join('; ')}`]),
    ...causes.map((cause) => `root cause ${cause.key}: ${cause.message}${cause.failed.length + cause.blocked.length > 1 ? ` (${cause.failed.length} failed, ${cause.blocked.length} blocked)` : ''}`),
    ...errored.filter((check) => !(input.problems.length > 0 && check.message?.startsWith('not run:'))).map((check) => `${check.level} ${check.id} errored: ${check.message ?? ''}`),
  ];
  const notRunChecks = deciding.filter((check) => check.status === 'skipped');
  const notRun = [...Map.groupBy(notRunChecks, (check) => check.message ?? 'not run')].map(([reason, skipped]) => ({ reason, checks: skipped.map((check) => check.id) }));
  // Nothing deciding means nothing was certified: never a vacuous CERTIFIED.
  if (deciding.length === 0) notRun.push({ reason: `the profile ${input.profile} has no check that decides its verdict${input.options.strict ? '' : ' (without --strict)'}`, checks: [] });
  const verdict: Verdict = reasons.length > 0 ? 'not-certified' : notRun.length > 0 ? 'incomplete' : 'certified';
  const { options } = input;
  return input.secrets.deep({
    format: REPORT_FORMAT,
    api: options.api,
    apiTitle: APIS[options.api].title,
    target: input.target,
    toolVersion: input.toolVersion,
    specSha256: input.specSha256,
    profile: input.profile,
    settings: { strict: options.strict, readOnly: options.readOnly, seed: options.seed, runs: options.runs, only: options.only ?? null, timeoutMs: options.timeoutMs, deadlineMs: options.deadlineMs, namePrefix: input.namePrefix },
    started: input.started.toISOString(),
    durationMs: Date.now() - input.started.getTime(),
    verdict,
    reasons,
    notRun,
    safety: input.safety,
    cleanup: input.cleanup,
    rootCauses: causes,
    counts,
    statements: statementView(input, checks),
    problems: input.problems,
    checks,
  } satisfies Report);
}
