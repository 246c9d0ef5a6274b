// report.html: self-contained, read offline, on a laptop or a phone (nothing overflows horizontally at
// 390 px: tables wrap their cells, and become one block per row on narrow screens). Verdict and safety
// first, then root causes, failures with their reproductions, the statements, every check.
import type { Report, ReportCheck } from '../types.ts';
import { VERDICT_WORDS, countsLine, rootCausesLine, statementsLine } from './text.ts';

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `*{box-sizing:border-box}body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1f23;overflow-wrap:anywhere}
h1.certified{color:#116329}h1.not-certified{color:#a40e26}h1.incomplete{color:#9a6700}
table{border-collapse:collapse;width:100%;margin:1rem 0;table-layout:fixed}td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
pre{background:#f6f8fa;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all;max-width:100%}code{overflow-wrap:anywhere;word-break:break-all}
.passed,.verified{color:#116329}.failed,.errored,.blocked{color:#a40e26;font-weight:600}.skipped,.waived,.not-run,.untestable{color:#6e7781}
blockquote{margin:.3rem 0;color:#57606a;border-left:3px solid #d0d7de;padding-left:.6rem}.safety{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem}
section.failure{border:1px solid #ffb3b8;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
col.status{width:7rem}col.level{width:6rem}
@media (max-width:640px){table,thead,tbody,tr,td,th,colgroup{display:block;width:100%}thead{display:none}tr{border-bottom:2px solid #d0d7de;padding:.3rem 0}td{border:none;padding:.15rem 0}}`;

const LEFT_BEHIND_SHOWN = 50;

function failureSection(check: ReportCheck): string {
  return `<section class="failure" id="${html(check.id)}"><h3 class="${check.status}">${html(check.status.toUpperCase())} ${html(check.level)}${check.counts ? '' : ' (not counted)'} <code>${html(check.id)}</code></h3>
<p>${html(check.title)}</p>${check.statements.map((statement) => `<blockquote><code>${html(statement.id)}</code>: “${html(statement.text)}”</blockquote>`).join('')}
${check.message ? `<p>${html(check.message)}</p>` : ''}${check.expected !== undefined ? `<h4>Expected</h4><pre>${html(check.expected)}</pre><h4>Actual</h4><pre>${html(check.actual ?? '')}</pre>` : ''}
${check.reproduction ? `<h4>Reproduction</h4><pre>${html(check.reproduction)}</pre>` : ''}</section>`;
}

function safetySection(report: Report): string {
  const { safety, cleanup } = report;
  const proof = safety.proof === 'made' ? `Pre-existing users untouched: <strong>${safety.unchanged}/${safety.preExistingUsers}</strong> verified` : `Pre-existing users: <strong>no proof</strong> (${html(safety.reason ?? '')})`;
  const problems = [
    ...safety.missing.map((id) => `<li class="failed">pre-existing user <code>${html(id)}</code> is MISSING after the run</li>`),
    ...safety.changed.map((changed) => `<li class="failed">pre-existing user <code>${html(changed.id)}</code> CHANGED: ${html(changed.fields.map((field) => `${field.field} ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`).join('; '))}</li>`),
    ...cleanup.residue.map((residue) => `<li>${html(residue)}</li>`),
  ];
  // The run's own users left behind can be hundreds: folded, each with the start of the answer that shows it.
  const shown = cleanup.leftBehind.slice(0, LEFT_BEHIND_SHOWN);
  const leftBehind = cleanup.leftBehind.length
    ? `<details><summary>${cleanup.leftBehind.length} of the run's users left behind (delete by hand, or <code>userapi cleanup --report-dir</code> this folder)</summary><ul>${shown
        .map((left) => `<li>${html(Object.values(left.names).join(', '))}${left.id ? ` (<code>${html(left.id)}</code>)` : ''}: ${html(left.why.length > 240 ? `${left.why.slice(0, 240)}…` : left.why)}</li>`)
        .join('')}</ul>${cleanup.leftBehind.length > shown.length ? `<p>… ${cleanup.leftBehind.length - shown.length} more in report.json</p>` : ''}</details>`
    : '';
  return `<div class="safety"><p>${proof} · writes refused by the guard: ${safety.refusedWrites} · clean-up: ${cleanup.deleted.length} of the run's users deleted (each confirmed by a read), ${cleanup.leftBehind.length} left behind</p>${problems.length ? `<ul>${problems.join('')}</ul>` : ''}${leftBehind}</div>`;
}

export function renderHtml(report: Report): string {
  const failing = report.checks.filter((check) => check.status === 'failed' || check.status === 'errored' || check.status === 'blocked');
  const causes = report.rootCauses.length
    ? `<h2>Root causes</h2><p>${html(rootCausesLine(report))}</p><table><colgroup><col><col class="level"><col class="level"><col></colgroup><thead><tr><th>root cause</th><th>failed</th><th>blocked</th><th>first failure</th></tr></thead><tbody>${report.rootCauses
        .map((cause) => `<tr><td><code>${html(cause.key)}</code></td><td>${cause.failed.length}</td><td>${cause.blocked.length}</td><td>${html(cause.message)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const statements = report.statements.list
    .map((statement) => `<tr><td class="${statement.status}">${html(statement.status)}</td><td>${html(statement.level)}</td><td><code>${html(statement.id)}</code><blockquote>${html(statement.text)}</blockquote>${statement.untestable ? `<small>${html(statement.untestable)}</small>` : ''}</td><td>${statement.checks.map((id) => `<code>${html(id)}</code>`).join(' ')}</td></tr>`)
    .join('\n');
  const rows = report.checks
    .map(
      (check) =>
        `<tr><td class="${check.status}">${html(check.status)}${check.ranAs ? ` (${html(check.ranAs)})` : ''}</td><td>${html(check.level)}</td><td><code>${failing.includes(check) ? `<a href="#${html(check.id)}">${html(check.id)}</a>` : html(check.id)}</code><br>${html(check.title)}</td><td>${html(check.section)}</td><td>${html(check.message ?? check.waiver?.reason ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(`${report.api} ${report.verdict}`)}</title><style>${STYLE}</style></head><body>
<h1 class="${report.verdict}">${html(VERDICT_WORDS[report.verdict])}: ${html(report.api)} <small>(profile ${html(report.profile)}${report.settings.strict ? ', strict' : ''})</small></h1>
${safetySection(report)}
<p>${html(report.apiTitle)}<br>Target <code>${html(report.target)}</code> · ${html(report.toolVersion)} · spec sha256 <code>${html(report.specSha256)}</code><br>
${html(report.started)} · ${(report.durationMs / 1000).toFixed(1)} s · ${report.counts.totalRequests} requests${report.settings.readOnly ? ' · read-only' : ''} · seed ${report.settings.seed}</p>
<p>${html(countsLine(report))}<br>${html(statementsLine(report))}</p>
${report.reasons.length ? `<h2>Why not certified</h2><ul>${report.reasons.map((reason) => `<li>${html(reason)}</li>`).join('')}</ul>` : ''}
${report.notRun.length ? `<h2>Not run</h2><ul>${report.notRun.map((group) => `<li>${group.checks.length} deciding checks: ${html(group.reason)}</li>`).join('')}</ul>` : ''}
${causes}
${failing.length ? `<h2>Failures</h2>${failing.map(failureSection).join('\n')}` : ''}
<h2>Statements</h2><table><colgroup><col class="status"><col class="level"><col><col></colgroup><thead><tr><th>status</th><th>level</th><th>statement</th><th>checks</th></tr></thead><tbody>
${statements}
</tbody></table>
<h2>All checks</h2><table><colgroup><col class="status"><col class="level"><col><col><col></colgroup><thead><tr><th>status</th><th>level</th><th>check</th><th>section</th><th>note</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
