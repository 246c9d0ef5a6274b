// report.md: a summary that fits a pull-request comment (at most MARKDOWN_BUDGET characters): verdict,
// safety, root causes, then failures with their reproductions until the budget is spent, then a
// pointer to report.html / report.json for the rest.
import type { Report, ReportCheck } from '../types.ts';
import { VERDICT_WORDS, countsLine, rootCausesLine, statementsLine } from './text.ts';

/** Under GitHub's 65,536-character comment limit, with room for a CI's own header. */
export const MARKDOWN_BUDGET = 60_000;

const ICON: Record<Report['verdict'], string> = { certified: '✅', 'not-certified': '❌', incomplete: '⚠️' };

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n... (${text.length - limit} more characters in report.json)`;
}

function failureBlock(check: ReportCheck): string {
  const lines = [`### ${check.status === 'errored' ? '⚠' : '✗'} \`${check.id}\` (${check.level}, ${check.status}${check.counts ? '' : ', not counted'}) ${check.title}`, ''];
  for (const statement of check.statements) lines.push(`> ${statement.id}: "${statement.text}"`);
  lines.push('');
  if (check.message) lines.push(cut(check.message, 1_000), '');
  if (check.expected !== undefined) lines.push('<details><summary>Expected / Actual</summary>', '', '**Expected**', '', fence(cut(check.expected, 2_000)), '', '**Actual**', '', fence(cut(check.actual ?? '', 2_000)), '', '</details>', '');
  if (check.reproduction) lines.push('<details><summary>Reproduction</summary>', '', fence(cut(check.reproduction, 4_000)), '', '</details>', '');
  return lines.join('\n');
}

export function safetyMarkdown(report: Report): string[] {
  const { safety, cleanup } = report;
  const proof = safety.proof === 'made' ? `pre-existing users untouched: ${safety.unchanged}/${safety.preExistingUsers} verified` : `pre-existing users: no proof (${safety.reason ?? ''})`;
  const lines = [`**Safety**: ${proof} · writes refused by the guard: ${safety.refusedWrites} · clean-up: ${cleanup.deleted.length} deleted (confirmed by a read), ${cleanup.leftBehind.length} left behind`];
  for (const id of safety.missing) lines.push(`- ❌ pre-existing user \`${id}\` is MISSING after the run`);
  for (const changed of safety.changed) lines.push(`- ❌ pre-existing user \`${changed.id}\` CHANGED: ${changed.fields.map((field) => `${field.field} ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`).join('; ')}`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const head = [
    `# ${ICON[report.verdict]} ${report.api}: ${VERDICT_WORDS[report.verdict]} (profile \`${report.profile}\`${report.settings.strict ? ', strict' : ''})`,
    '',
    ...safetyMarkdown(report),
    '',
    `${report.apiTitle}, target \`${report.target}\`, ${report.toolVersion}, spec sha256 \`${report.specSha256.slice(0, 12)}\`${report.settings.readOnly ? ', read-only' : ''}, seed ${report.settings.seed}, ${(report.durationMs / 1000).toFixed(1)} s, ${report.counts.totalRequests} requests.`,
    '',
    `${countsLine(report)}; ${statementsLine(report)}.`,
    '',
  ];
  if (report.reasons.length > 0) head.push('## Why not certified', '', ...report.reasons.slice(0, 30).map((reason) => `- ${cut(reason, 400)}`), ...(report.reasons.length > 30 ? [`- ... ${report.reasons.length - 30} more in report.json`] : []), '');
  if (report.notRun.length > 0) head.push('## Not run (the verdict is incomplete until they run)', '', ...report.notRun.map((group) => `- ${group.checks.length} deciding check${group.checks.length === 1 ? '' : 's'}: ${group.reason}`), '');
  if (report.rootCauses.length > 0) {
    head.push(`## Root causes (${rootCausesLine(report)})`, '', '| root cause | failed | blocked | first failure |', '|---|---:|---:|---|');
    for (const cause of report.rootCauses.slice(0, 40)) head.push(`| \`${cause.key}\` | ${cause.failed.length} | ${cause.blocked.length} | ${cut(cause.message, 300).replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    head.push('');
  }
  if (report.cleanup.leftBehind.length > 0) {
    const shown = report.cleanup.leftBehind.slice(0, 20);
    head.push(
      '## Left behind (delete by hand, or `userapi cleanup --report-dir <this folder>`)',
      '',
      ...shown.map((left) => `- ${Object.values(left.names).join(', ')}${left.id ? ` (${left.id})` : ''}: ${cut(left.why, 200).replace(/\n/g, ' ')}`),
      ...(report.cleanup.leftBehind.length > shown.length ? [`- ... ${report.cleanup.leftBehind.length - shown.length} more in report.json`] : []),
      '',
    );
  }

  const tail: string[] = [];
  const waived = report.checks.filter((check) => check.waiver);
  if (waived.length > 0) tail.push('## Waivers', '', ...waived.map((check) => `- \`${check.id}\` ${check.status === 'waived' ? `waived (ran as ${check.ranAs})` : `waiver expired ${check.waiver?.expires}`}: ${check.waiver?.reason}`), '');

  let text = head.join('\n');
  const footerRoom = 2_000 + tail.join('\n').length;
  // Deciding failures first (their root causes' first check leading), then the others.
  const failing = report.checks
    .filter((check) => check.status === 'failed' || check.status === 'errored' || check.status === 'blocked')
    .sort((a, b) => Number(b.counts) - Number(a.counts) || Number(a.status === 'blocked') - Number(b.status === 'blocked'));
  let shown = 0;
  if (failing.length > 0) text += '\n## Failures\n\n';
  for (const check of failing) {
    const block = `${failureBlock(check)}\n`;
    if (text.length + block.length > MARKDOWN_BUDGET - footerRoom) break;
    text += block;
    shown += 1;
  }
  if (shown < failing.length) text += `\n**${failing.length - shown} more failing checks** are in \`report.html\` and \`report.json\` beside this file.\n\n`;
  const skipped = report.checks.filter((check) => check.status === 'skipped');
  if (skipped.length > 0) text += `${skipped.length} checks did not run; \`report.html\` lists them with why.\n\n`;
  text += tail.join('\n');
  return `${text.slice(0, MARKDOWN_BUDGET - 1)}\n`;
}
