// junit.xml for CI test views: one <testsuite> per document section, one <testcase> per check of the
// profile. Only results that decide the verdict are <failure>/<error>; the rest (SHOULD without
// --strict, INFO, waived, not run) are <skipped> with the reason, so the test view agrees with the
// exit code. `tests` always equals the number of <testcase> elements.
import type { Report, ReportCheck } from '../types.ts';
import { checkDetails } from './text.ts';

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, escaped or not.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type CaseKind = 'passed' | 'failure' | 'error' | 'skipped';

function caseKind(check: ReportCheck): CaseKind {
  if (check.status === 'passed') return 'passed';
  if (check.counts && (check.status === 'failed' || check.status === 'blocked')) return 'failure';
  if (check.counts && check.status === 'errored') return 'error';
  return 'skipped';
}

function skipMessage(check: ReportCheck): string {
  if (check.status === 'waived') return `waived: ${check.waiver?.reason ?? ''}`;
  if (check.status === 'skipped') return check.message ?? 'not run';
  return `${check.level} ${check.status}, not counted${check.level === 'SHOULD' ? ' without --strict' : ''}: ${check.message ?? ''}`;
}

function testcase(report: Report, check: ReportCheck): string {
  const open = `    <testcase classname="${xml(`${report.api}.${check.section}`)}" name="${xml(`${check.id} [${check.level}] ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}">`;
  const kind = caseKind(check);
  const details = xml(checkDetails(check));
  const inner =
    kind === 'failure'
      ? `<failure message="${xml(check.message ?? check.status)}" type="${check.level} ${check.status}">${details}</failure>`
      : kind === 'error'
        ? `<error message="${xml(check.message ?? 'errored')}" type="${check.level}">${details}</error>`
        : kind === 'skipped'
          ? `<skipped message="${xml(skipMessage(check))}"/>${check.status === 'skipped' ? '' : `\n      <system-out>${details}</system-out>`}`
          : '';
  return inner ? `${open}\n      ${inner}\n    </testcase>` : `${open}</testcase>`;
}

export function renderJunit(report: Report): string {
  const sections = [...new Set(report.checks.map((check) => check.section))];
  const count = (checks: readonly ReportCheck[], kind: CaseKind): number => checks.filter((check) => caseKind(check) === kind).length;
  const suites = sections.map((section) => {
    const cases = report.checks.filter((check) => check.section === section);
    const time = (cases.reduce((sum, check) => sum + check.durationMs, 0) / 1000).toFixed(3);
    return `  <testsuite name="${xml(`${report.api}/${section}`)}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="${time}" timestamp="${report.started}">\n${cases.map((check) => testcase(report, check)).join('\n')}\n  </testsuite>`;
  });
  const runProblems = report.problems.length
    ? [`  <testsuite name="${xml(`${report.api}/run`)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="${xml(`${report.api}.run`)}" name="the run itself"><error message="${xml(report.problems[0] ?? '')}">${xml(report.problems.join('\n'))}</error></testcase>\n  </testsuite>`]
    : [];
  const safety = report.safety.changed.length + report.safety.missing.length > 0;
  const safetySuite = [
    `  <testsuite name="${xml(`${report.api}/safety`)}" tests="1" failures="${safety ? 1 : 0}" errors="0" skipped="${report.safety.proof === 'made' ? 0 : 1}">\n    <testcase classname="${xml(`${report.api}.safety`)}" name="pre-existing users untouched">${
      safety ? `<failure message="pre-existing users changed or missing">${xml(JSON.stringify({ changed: report.safety.changed, missing: report.safety.missing }, null, 2))}</failure>` : report.safety.proof === 'made' ? '' : `<skipped message="${xml(report.safety.reason ?? 'no proof')}"/>`
    }</testcase>\n  </testsuite>`,
  ];
  const all = [...suites, ...runProblems, ...safetySuite];
  const tests = report.checks.length + runProblems.length + 1;
  const failures = count(report.checks, 'failure') + (safety ? 1 : 0);
  const errors = count(report.checks, 'error') + runProblems.length;
  const skipped = count(report.checks, 'skipped') + (report.safety.proof === 'made' ? 0 : 1);
  const properties = [
    ['profile', report.profile],
    ['verdict', report.verdict],
    ['strict', String(report.settings.strict)],
    ['seed', String(report.settings.seed)],
    ['target', report.target],
    ['tool', report.toolVersion],
  ]
    .map(([name, value]) => `    <property name="${xml(name ?? '')}" value="${xml(value ?? '')}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`userapi certify ${report.api} ${report.profile} ${report.verdict}`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n  <properties>\n${properties}\n  </properties>\n${all.join('\n')}\n</testsuites>\n`;
}
