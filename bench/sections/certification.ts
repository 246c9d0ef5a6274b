// Section 3: how long `userapi certify` takes against the bundled mock, and how many requests it sends.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_IDS } from '../../specs/apis.ts';
import { log } from '../measure.ts';
import type { CertifyRow } from '../report.ts';
import { PROJECT_ROOT } from '../servers.ts';

export async function certification(): Promise<CertifyRow[]> {
  log('3. certification of each API against the bundled mock (default depth)');
  const rows: CertifyRow[] = [];
  for (const api of API_IDS) {
    if (!existsSync(join(PROJECT_ROOT, `suites/${api}/index.ts`))) {
      log(`  ${api}: suites/${api}/index.ts is missing: not measured`);
      rows.push({ api, missing: true });
      continue;
    }
    const reportDirectory = mkdtempSync(join(tmpdir(), `userapi-bench-certify-${api}-`));
    const started = performance.now();
    const exitCode = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/userapi.ts'), 'certify', '--api', api, '--report-dir', reportDirectory, '--quiet'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
      child.on('exit', (code) => done(code));
    });
    const wallSeconds = (performance.now() - started) / 1000;
    let row: CertifyRow = { api, missing: false, wallSeconds, exitCode };
    try {
      const report = JSON.parse(readFileSync(join(reportDirectory, 'report.json'), 'utf8')) as { verdict: string; counts: { requests: number; total: number; passed: number; failed: number; errored: number; skipped: number } };
      row = { ...row, requests: report.counts.requests, requestsPerSecond: report.counts.requests / wallSeconds, verdict: report.verdict, checks: report.counts };
    } catch {
      // No report: the row says so through its missing `verdict`.
    }
    rmSync(reportDirectory, { recursive: true, force: true });
    log(`  ${api}: ${wallSeconds.toFixed(1)} s, ${row.requests ?? '?'} requests, ${row.verdict ?? 'no report'} (exit ${exitCode})`);
    rows.push(row);
  }
  return rows;
}
