// `userapi certify` as vendors and CI use it, whatever the API: invocation errors, dry runs, read-only
// runs, waivers, the reports and their schema, secrets kept out of them, and cleanup after a failure or
// a Ctrl-C. The VAA suites serve as the example; the per-API verdicts are in <api>.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { checksOf, loadApiCertification } from '../../suites/certify/run.ts';
import { listen, runCertify, startRewritingProxy, statusOf, type CertifyRun } from '../support/certify.ts';

const TOKEN = DEFAULT_SETTINGS.vaa.token;
const reportSchema = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8')) as object;

/** Users a certification left behind: every name it creates starts with "uac". */
async function leftovers(target: string): Promise<string[]> {
  const answer = await request(`${target}/api/v2/users`, { headers: { 'x-lxt-api-token': TOKEN } });
  const body = (await answer.body.json()) as { data: Array<{ userId: string }> };
  return Array.isArray(body.data) ? body.data.map((user) => user.userId).filter((userId) => userId.startsWith('uac')) : [];
}

function reportFiles(run: CertifyRun): string {
  return ['report.json', 'junit.xml', 'report.md', 'report.html'].map((name) => readFileSync(join(run.reportDirectory, name), 'utf8')).join('\n');
}

describe('userapi certify: invocation', () => {
  it.each([
    [[], '--api is required'],
    [['--api', 'soap'], "unknown --api 'soap'"],
    [['--api', 'vaa', '--target', 'not a url', '--token', 'x'], '--target must be a URL'],
    [['--api', 'vaa', '--target', 'ftp://example.com', '--token', 'x'], 'http or https'],
    [['--api', 'vaa', '--target', 'http://127.0.0.1:1'], '--target needs credentials'],
    [['--api', 'vaa', '--only', 'vaa/no/such-check'], 'unknown check id(s) vaa/no/such-check'],
    [['--api', 'vaa', '--username', 'u'], '--username and --password go together'],
    [['--api', 'tyk', '--username', 'u', '--password', 'p'], 'tyk has no login endpoint'],
    [['--api', 'vaa', '--runs', '0'], '--runs must be an integer'],
    [['--api', 'vaa', '--waivers', '/no/such/file.yaml'], 'cannot read waivers file'],
    [['--api', 'vaa', '--replay-path', 'x'], '--replay-path needs the --seed'],
    [['--api', 'vaa', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j exits 2 saying what is wrong', async (args, message) => {
    const run = await runCertify(args as string[]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.report).toBeUndefined();
  });

  it('--dry-run lists every check with its level and document section, and sends nothing', async () => {
    let requests = 0;
    const counter = await listen(createServer((_request, response) => {
      requests += 1;
      response.end();
    }));
    try {
      const run = await runCertify(['--api', 'vaa', '--dry-run', '--target', counter.url, '--token', 'secret']);
      const certification = await loadApiCertification('vaa');
      const checks = checksOf(certification, 'document');
      expect(run.exitCode).toBe(0);
      for (const check of checks) expect(run.stdout).toContain(`${check.levels['document']?.padEnd(6)} ${check.id}  ${check.title}  (`);
      expect(run.stdout).toContain(`${checks.length} checks`);
      expect(requests).toBe(0);
    } finally {
      await counter.close();
    }
  });
});

describe('userapi certify: against a separate target', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ apis: ['vaa'], port: 0, strict: true });
  });
  afterAll(() => mock.close());

  it('--read-only sends only reads, skips every writing check with the reason, and certifies', async () => {
    const methods = new Set<string>();
    const recorder = await startRewritingProxy(mock.url, { request: (sent) => (methods.add(sent.method), sent) });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', recorder.url, '--token', TOKEN, '--read-only']);
      // Checks that write did not run: the verdict is incomplete, never certified.
      expect(run.exitCode).toBe(3);
      expect(run.report!.verdict).toBe('incomplete');
      expect([...methods]).toEqual(['GET']);
      const skipped = run.report!.checks.filter((check) => check.status === 'skipped');
      expect(skipped.length).toBeGreaterThan(0);
      for (const check of skipped) expect(check.message).toBe('skipped by --read-only: this check writes');
      expect(run.report!.counts.passed).toBeGreaterThan(0);
      expect(run.report!.settings.readOnly).toBe(true);
    } finally {
      await recorder.close();
    }
  });

  it('writes report.json valid against reports/report.schema.json, junit.xml, report.md and report.html; no secret in any of them', async () => {
    // A duplicate create answered with another message: one MUST check fails, so the reports carry a reproduction.
    const broken = await startRewritingProxy(mock.url, {
      response: (answer) => ({ ...answer, body: Buffer.from(answer.body.toString().replace('User already exists.', 'User exists')) }),
    });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--username', 'lxt_api_user', '--password', 'lxt_api_password', '--only', 'vaa/create-user/add-existing-user,vaa/list-users/filter-matching-nothing']);
      expect(run.exitCode).toBe(1);
      const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
      const validate = ajv.compile(reportSchema);
      expect(validate(run.report), ajv.errorsText(validate.errors)).toBe(true);

      const failed = run.report!.checks.find((check) => check.id === 'vaa/create-user/add-existing-user')!;
      expect(failed).toMatchObject({ status: 'failed', level: 'MUST', counts: true });
      expect(failed.expected).toContain('User already exists.');
      expect(failed.actual).toContain('User exists');
      expect(failed.reproduction).toMatch(/^curl -sS -i -X POST '/m);
      expect(failed.reproduction).toContain('"$TOKEN"');
      expect(run.report!.verdict).toBe('not-certified');
      expect(run.report!.reasons.join('\n')).toContain('vaa/create-user/add-existing-user');

      const junit = readFileSync(join(run.reportDirectory, 'junit.xml'), 'utf8');
      expect(junit.match(/<testcase /g)).toHaveLength(2);
      expect(junit).toContain('<failure message=');
      const html = readFileSync(join(run.reportDirectory, 'report.html'), 'utf8');
      expect(html.indexOf('NOT CERTIFIED')).toBeLessThan(html.indexOf('vaa/create-user/add-existing-user'));
      expect(readFileSync(join(run.reportDirectory, 'report.md'), 'utf8')).toMatch(/^# ❌ vaa: NOT CERTIFIED/);

      const everything = reportFiles(run) + run.stdout + run.stderr;
      for (const secret of [TOKEN, 'lxt_api_password']) expect(everything).not.toContain(secret);
    } finally {
      await broken.close();
    }
  });

  it('reports a waived failure as waived with its reason, certifies when it was the only one, and ignores an expired waiver', async () => {
    const broken = await startRewritingProxy(mock.url, {
      response: (answer) => ({ ...answer, body: Buffer.from(answer.body.toString().replace('User already exists.', 'User exists')) }),
    });
    const directory = mkdtempSync(join(tmpdir(), 'userapi-waivers-'));
    const waivers = join(directory, 'waivers.yaml');
    try {
      const only = ['--only', 'vaa/create-user/add-existing-user'];
      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n    reason: "Our gateway rewrites this message (TICKET-42)"\n    expires: 2999-12-31\n');
      const waived = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(waived.exitCode).toBe(0);
      const check = waived.report!.checks[0]!;
      expect(check).toMatchObject({ status: 'waived', ranAs: 'failed', counts: false, waiver: { reason: 'Our gateway rewrites this message (TICKET-42)', expired: false } });
      expect(waived.report!.counts).toMatchObject({ waived: 1, passed: 0 });
      expect(readFileSync(join(waived.reportDirectory, 'report.md'), 'utf8')).toContain('Our gateway rewrites this message (TICKET-42)');

      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n    reason: "was fixed in 2.1"\n    expires: 2001-01-01\n');
      const expired = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(expired.exitCode).toBe(1);
      expect(expired.report!.checks[0]).toMatchObject({ status: 'failed', waiver: { expired: true } });

      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n');
      const unexplained = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(unexplained.exitCode).toBe(2);
      expect(unexplained.stderr).toContain('a reason is required');
    } finally {
      await broken.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('deletes every user it created, also when checks fail', async () => {
    const filterIgnored = await startRewritingProxy(mock.url, { request: (sent) => ({ ...sent, url: sent.url.replace(/\?.*$/, '') }) });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', filterIgnored.url, '--token', TOKEN]);
      expect(run.exitCode).toBe(1);
      expect(statusOf(run, 'vaa/list-users/filter-by-email')).toBe('failed');
      expect(run.report!.cleanup.leftBehind).toEqual([]);
      expect(await leftovers(mock.url)).toEqual([]);
    } finally {
      await filterIgnored.close();
    }
  });

  it('names every user it could not delete', async () => {
    // DELETE sent as PATCH: the target refuses every delete, the checks that delete fail, and so does the sweep.
    const noDeletes = await startRewritingProxy(mock.url, { request: (sent) => (sent.method === 'DELETE' ? { ...sent, method: 'PATCH' } : sent) });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', noDeletes.url, '--token', TOKEN, '--only', 'vaa/delete-user/delete-existing-user']);
      expect(run.exitCode).toBe(1);
      expect(statusOf(run, 'vaa/delete-user/delete-existing-user')).toBe('failed');
      const left = await leftovers(mock.url);
      expect(left.length).toBeGreaterThan(0);
      for (const userId of left) expect(run.report!.cleanup.leftBehind.map((left) => JSON.stringify(left)).join('\n')).toContain(userId);
      expect(readFileSync(join(run.reportDirectory, 'report.md'), 'utf8')).toContain('Left behind (clean up by hand)');
    } finally {
      await noDeletes.close();
      await mock.reset(['vaa']);
    }
  });

  it('on Ctrl-C stops, cleans up what it created, writes its report and exits 1', async () => {
    // Every answer is slowed down so the run is still going when the user presses Ctrl-C.
    const slow = await startRewritingProxy(mock.url, {
      response: async (answer) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return answer;
      },
    });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', slow.url, '--token', TOKEN], { interruptAfterMs: 6_000, killAfterMs: 90_000 });
      expect(run.exitCode).toBe(1);
      expect(run.report!.verdict).toBe('not-certified');
      expect(run.report!.problems.join('\n')).toContain('interrupted (Ctrl-C)');
      expect(run.report!.cleanup.leftBehind).toEqual([]);
      expect(await leftovers(mock.url)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

