// The four forms of a certification's result: report.json (the record; schema in
// reports/report.schema.json), junit.xml (for CI), report.md (a pull-request summary) and report.html
// (self-contained, read offline: verdict first, then failures with their reproductions).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiId } from '../../specs/apis.ts';
import { APIS } from '../../specs/apis.ts';
import type { Level } from '../harness/check.ts';
import type { CheckStatus } from '../harness/outcome.ts';
import type { SweepResult } from '../harness/api.ts';
import { redact } from '../harness/http.ts';
import type { WaivedResult } from './waivers.ts';
import type { CertifyOptions } from './run.ts';

export const REPORT_FORMAT = 'userapi-certification-report/1';

export interface ReportCheck {
  id: string;
  level: Level;
  title: string;
  family: string;
  doc: { source: string; section: string; quote: string };
  status: CheckStatus;
  /** For a waived check: what it would have been. */
  ranAs?: Exclude<CheckStatus, 'waived'>;
  /** Whether this result decides the verdict (MUST always; SHOULD only with --strict; never INFO or waived). */
  counts: boolean;
  message?: string;
  expected?: string;
  actual?: string;
  reproduction?: string;
  waiver?: { reason: string; expires?: string; expired: boolean };
  cleanupProblems?: string[];
  requests: number;
  durationMs: number;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  api: ApiId;
  apiTitle: string;
  target: string;
  toolVersion: string;
  specSha256: string;
  profile: { strict: boolean; readOnly: boolean; seed: number; runs: number; only: string[] | null; timeoutMs: number; deadlineMs: number };
  started: string;
  durationMs: number;
  verdict: 'certified' | 'not-certified';
  /** Why not certified, one line each (failed MUST checks, run problems). */
  reasons: string[];
  counts: Record<CheckStatus, number> & { total: number; requests: number };
  problems: string[];
  cleanup: SweepResult;
  checks: ReportCheck[];
}

function toolVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${manifest.name}@${manifest.version}`;
}

export function buildReport(input: {
  options: CertifyOptions;
  target: string;
  started: Date;
  checks: WaivedResult[];
  problems: string[];
  sweep: SweepResult;
  specSha256: string;
  secrets: ReadonlyArray<{ value: string; placeholder: string }>;
}): Report {
  const { options } = input;
  const checks: ReportCheck[] = input.checks.map((result) => {
    const ranAs = result.outcome.status;
    const waived = result.waiver !== undefined && !result.waiver.expired && ranAs !== 'skipped';
    const status: CheckStatus = waived ? 'waived' : ranAs;
    const counts = !waived && (result.level === 'MUST' || (result.level === 'SHOULD' && options.strict));
    const { outcome } = result;
    return {
      id: result.id,
      level: result.level,
      title: result.title,
      family: result.family,
      doc: result.doc,
      status,
      ...(waived ? { ranAs } : {}),
      counts,
      ...(outcome.message !== undefined ? { message: outcome.message } : {}),
      ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
      ...(outcome.actual !== undefined ? { actual: outcome.actual } : {}),
      ...(outcome.reproduction !== undefined ? { reproduction: outcome.reproduction } : {}),
      ...(result.waiver ? { waiver: result.waiver } : {}),
      ...(outcome.cleanupProblems ? { cleanupProblems: outcome.cleanupProblems } : {}),
      requests: outcome.requests,
      durationMs: Math.round(outcome.durationMs),
    };
  });
  const counts = { total: checks.length, passed: 0, failed: 0, errored: 0, skipped: 0, waived: 0, requests: 0 };
  for (const check of checks) {
    counts[check.status] += 1;
    counts.requests += check.requests;
  }
  const reasons = [
    ...input.problems,
    // Checks that could not run because of a run problem are not separate reasons.
    ...checks
      .filter((check) => check.counts && (check.status === 'failed' || check.status === 'errored'))
      .filter((check) => !(input.problems.length > 0 && check.message?.startsWith('not run:')))
      .map((check) => `${check.level} ${check.id} ${check.status}: ${check.message ?? ''}`),
  ].map((reason) => redact(reason, input.secrets));
  return {
    format: REPORT_FORMAT,
    api: options.api,
    apiTitle: APIS[options.api].title,
    target: input.target,
    toolVersion: toolVersion(),
    specSha256: input.specSha256,
    profile: { strict: options.strict, readOnly: options.readOnly, seed: options.seed, runs: options.runs, only: options.only ?? null, timeoutMs: options.timeoutMs, deadlineMs: options.deadlineMs },
    started: input.started.toISOString(),
    durationMs: Date.now() - input.started.getTime(),
    verdict: reasons.length === 0 ? 'certified' : 'not-certified',
    reasons,
    counts,
    problems: input.problems.map((problem) => redact(problem, input.secrets)),
    cleanup: input.sweep,
    checks,
  };
}

export function writeReports(report: Report, directory: string): void {
  writeFileSync(join(directory, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(directory, 'junit.xml'), renderJunit(report));
  writeFileSync(join(directory, 'report.md'), renderMarkdown(report));
  writeFileSync(join(directory, 'report.html'), renderHtml(report));
}

// --- junit.xml -----------------------------------------------------------------------------------

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, escaped or not.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function details(check: ReportCheck): string {
  return [
    `${check.level} ${check.id}: ${check.title}`,
    `Document: ${check.doc.section}: "${check.doc.quote}" (${check.doc.source})`,
    check.message ? `Message: ${check.message}` : '',
    check.expected !== undefined ? `Expected:\n${check.expected}` : '',
    check.actual !== undefined ? `Actual:\n${check.actual}` : '',
    check.reproduction ? `Reproduction:\n${check.reproduction}` : '',
    check.waiver ? `Waiver${check.waiver.expired ? ' (EXPIRED)' : ''}: ${check.waiver.reason}${check.waiver.expires ? ` (until ${check.waiver.expires})` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Failing checks that do not decide the verdict (SHOULD without --strict, INFO, waived) are written as
 * skipped with the reason, so a CI test view agrees with the exit code while still showing them.
 */
export function renderJunit(report: Report): string {
  const families = [...new Set(report.checks.map((check) => check.family))];
  const suites = families.map((family) => {
    const cases = report.checks.filter((check) => check.family === family);
    const failures = cases.filter((check) => check.counts && check.status === 'failed').length;
    const errors = cases.filter((check) => check.counts && check.status === 'errored').length;
    const skipped = cases.length - failures - errors - cases.filter((check) => check.status === 'passed').length;
    const time = (cases.reduce((sum, check) => sum + check.durationMs, 0) / 1000).toFixed(3);
    const body = cases.map((check) => {
      const open = `    <testcase classname="${xml(`${report.api}.${family}`)}" name="${xml(`${check.id} [${check.level}] ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}">`;
      let inner = '';
      if (check.status === 'failed' && check.counts) inner = `\n      <failure message="${xml(check.message ?? 'failed')}" type="${check.level}">${xml(details(check))}</failure>`;
      else if (check.status === 'errored' && check.counts) inner = `\n      <error message="${xml(check.message ?? 'errored')}" type="${check.level}">${xml(details(check))}</error>`;
      else if (check.status === 'waived') inner = `\n      <skipped message="${xml(`waived: ${check.waiver?.reason ?? ''}`)}"/>\n      <system-out>${xml(details(check))}</system-out>`;
      else if (check.status === 'failed' || check.status === 'errored') inner = `\n      <skipped message="${xml(`${check.level} ${check.status}, not counted${check.level === 'SHOULD' ? ' without --strict' : ''}: ${check.message ?? ''}`)}"/>\n      <system-out>${xml(details(check))}</system-out>`;
      else if (check.status === 'skipped') inner = `\n      <skipped message="${xml(check.message ?? 'skipped')}"/>`;
      return `${open}${inner}${inner ? '\n    ' : ''}</testcase>`;
    });
    return `  <testsuite name="${xml(`${report.api}/${family}`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${report.started}">\n${body.join('\n')}\n  </testsuite>`;
  });
  const failures = report.checks.filter((check) => check.counts && check.status === 'failed').length;
  const errors = report.checks.filter((check) => check.counts && check.status === 'errored').length + report.problems.length;
  const runProblems = report.problems.length
    ? `\n  <testsuite name="${xml(`${report.api}/run`)}" tests="1" failures="0" errors="1">\n    <testcase classname="${xml(`${report.api}.run`)}" name="the run itself"><error message="${xml(report.problems[0] ?? '')}">${xml(report.problems.join('\n'))}</error></testcase>\n  </testsuite>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`userapi certify ${report.api} ${report.verdict}`)}" tests="${report.checks.length}" failures="${failures}" errors="${errors}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}${runProblems}\n</testsuites>\n`;
}

// --- report.md -----------------------------------------------------------------------------------

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}

export function renderMarkdown(report: Report): string {
  const icon = report.verdict === 'certified' ? '✅' : '❌';
  const lines = [
    `# ${icon} ${report.api}: ${report.verdict === 'certified' ? 'CERTIFIED' : 'NOT CERTIFIED'}`,
    '',
    `${report.apiTitle}, target \`${report.target}\`, ${report.toolVersion}, spec sha256 \`${report.specSha256.slice(0, 12)}\`, ${report.profile.strict ? 'strict' : 'default'} profile${report.profile.readOnly ? ', read-only' : ''}, seed ${report.profile.seed}, ${(report.durationMs / 1000).toFixed(1)} s, ${report.counts.requests} requests.`,
    '',
    '| passed | failed | errored | skipped | waived | total |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${report.counts.passed} | ${report.counts.failed} | ${report.counts.errored} | ${report.counts.skipped} | ${report.counts.waived} | ${report.counts.total} |`,
    '',
  ];
  if (report.reasons.length > 0) lines.push('## Why not certified', '', ...report.reasons.map((reason) => `- ${reason}`), '');
  const failing = report.checks.filter((check) => check.status === 'failed' || check.status === 'errored');
  if (failing.length > 0) {
    lines.push('## Failures', '');
    for (const check of failing) {
      lines.push(`### ${check.status === 'failed' ? '✗' : '⚠'} \`${check.id}\` (${check.level}${check.counts ? '' : ', not counted'}) ${check.title}`, '', `> ${check.doc.section}: "${check.doc.quote}"`, '');
      if (check.message) lines.push(check.message, '');
      if (check.expected !== undefined) lines.push('<details><summary>Expected / Actual</summary>', '', '**Expected**', '', fence(check.expected), '', '**Actual**', '', fence(check.actual ?? ''), '', '</details>', '');
      if (check.reproduction) lines.push('<details><summary>Reproduction</summary>', '', fence(check.reproduction), '', '</details>', '');
    }
  }
  const waived = report.checks.filter((check) => check.waiver);
  if (waived.length > 0) lines.push('## Waivers', '', ...waived.map((check) => `- \`${check.id}\` ${check.status === 'waived' ? `waived (ran as ${check.ranAs})` : `waiver expired ${check.waiver?.expires}`}: ${check.waiver?.reason}`), '');
  const skipped = report.checks.filter((check) => check.status === 'skipped');
  if (skipped.length > 0) lines.push('## Skipped', '', ...skipped.map((check) => `- \`${check.id}\`: ${check.message ?? ''}`), '');
  if (report.cleanup.remaining.length > 0) lines.push('## Left behind (clean up by hand)', '', ...report.cleanup.remaining.map((leftover) => `- ${leftover}`), '');
  return `${lines.join('\n')}\n`;
}

// --- report.html ---------------------------------------------------------------------------------

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f23}
h1.ok{color:#116329}h1.ko{color:#a40e26}table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-all}
.passed{color:#116329}.failed,.errored{color:#a40e26;font-weight:600}.skipped,.waived{color:#6e7781}
blockquote{margin:.3rem 0;color:#57606a;border-left:3px solid #d0d7de;padding-left:.6rem}
section.failure{border:1px solid #ffb3b8;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}`;

export function renderHtml(report: Report): string {
  const ok = report.verdict === 'certified';
  const failing = report.checks.filter((check) => check.status === 'failed' || check.status === 'errored');
  const failureSections = failing
    .map(
      (check) => `<section class="failure" id="${html(check.id)}"><h3 class="${check.status}">${html(check.status.toUpperCase())} ${html(check.level)}${check.counts ? '' : ' (not counted)'} <code>${html(check.id)}</code></h3>
<p>${html(check.title)}</p><blockquote>${html(check.doc.section)}: “${html(check.doc.quote)}” <small>(${html(check.doc.source)})</small></blockquote>
${check.message ? `<p>${html(check.message)}</p>` : ''}${check.expected !== undefined ? `<h4>Expected</h4><pre>${html(check.expected)}</pre><h4>Actual</h4><pre>${html(check.actual ?? '')}</pre>` : ''}
${check.reproduction ? `<h4>Reproduction</h4><pre>${html(check.reproduction)}</pre>` : ''}</section>`,
    )
    .join('\n');
  const rows = report.checks
    .map(
      (check) => `<tr><td class="${check.status}">${html(check.status)}${check.ranAs ? ` (${html(check.ranAs)})` : ''}</td><td>${html(check.level)}</td><td><code>${failing.includes(check) ? `<a href="#${html(check.id)}">${html(check.id)}</a>` : html(check.id)}</code><br>${html(check.title)}</td><td>${html(check.doc.section)}<blockquote>${html(check.doc.quote)}</blockquote></td><td>${html(check.message ?? check.waiver?.reason ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(`${report.api} ${report.verdict}`)}</title><style>${STYLE}</style></head><body>
<h1 class="${ok ? 'ok' : 'ko'}">${ok ? '✔ CERTIFIED' : '✘ NOT CERTIFIED'}: ${html(report.api)}</h1>
<p>${html(report.apiTitle)}<br>Target <code>${html(report.target)}</code> · ${html(report.toolVersion)} · spec sha256 <code>${html(report.specSha256)}</code><br>
${html(report.started)} · ${(report.durationMs / 1000).toFixed(1)} s · ${report.counts.requests} requests · ${report.profile.strict ? 'strict' : 'default'} profile${report.profile.readOnly ? ' · read-only' : ''} · seed ${report.profile.seed}</p>
<p>${report.counts.passed} passed · ${report.counts.failed} failed · ${report.counts.errored} errored · ${report.counts.skipped} skipped · ${report.counts.waived} waived · ${report.counts.total} checks</p>
${report.reasons.length ? `<h2>Why not certified</h2><ul>${report.reasons.map((reason) => `<li>${html(reason)}</li>`).join('')}</ul>` : ''}
${failing.length ? `<h2>Failures</h2>${failureSections}` : ''}
${report.cleanup.remaining.length ? `<h2>Left behind</h2><ul>${report.cleanup.remaining.map((leftover) => `<li>${html(leftover)}</li>`).join('')}</ul>` : ''}
<h2>All checks</h2><table><thead><tr><th>status</th><th>level</th><th>check</th><th>document</th><th>note</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
