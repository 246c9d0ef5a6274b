// `userapi certify` as vendors and CI use it, whatever the API: invocation errors, dry runs, read-only
// runs, waivers, the reports and their schema, secrets kept out of them, cleanup after a failure or a
// Ctrl-C, and `userapi cleanup` finishing a run killed with SIGKILL. The VAA suites serve as the
// example; the per-API verdicts are in <api>.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { checksOf, loadApiCertification } from '../../suites/certify/run.ts';
import { fileURLToPath } from 'node:url';
import { listen, runCertify, startRewritingProxy, statusOf, type CertifyRun } from '../support/certify.ts';
import { runCli } from '../support/cli.ts';
import { startRecordingTarget, writesNaming } from '../support/safety.ts';
import { VAA_IDENTITY_FIELDS } from '../support/vaa-safety.ts';

const TOKEN = DEFAULT_SETTINGS.vaa.token;
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const reportSchema = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8')) as object;

async function usersOn(target: string): Promise<Array<{ userId: string; id: string }>> {
  const answer = await request(`${target}/api/v2/users`, { headers: { 'x-lxt-api-token': TOKEN } });
  const body = (await answer.body.json()) as { data: Array<{ userId: string; id: string }> };
  return Array.isArray(body.data) ? body.data : [];
}

/** Users a certification left behind: every name it creates starts with "uac". */
async function leftovers(target: string): Promise<string[]> {
  return (await usersOn(target)).map((user) => user.userId).filter((userId) => userId.startsWith('uac'));
}

/** The events of a run's ledger.jsonl (a killed run's last line may be cut short). */
type LedgerLine = { event: string; namePrefix?: string; entry?: { names: { userId?: string } } };

function ledgerEvents(directory: string): LedgerLine[] {
  return readFileSync(join(directory, 'ledger.jsonl'), 'utf8').trim().split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LedgerLine];
    } catch {
      return [];
    }
  });
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
      // The reasons name the root cause (the operation whose answer was wrong), and the cause its checks.
      expect(run.report!.reasons.join('\n')).toContain('root cause createUser');
      expect(run.report!.rootCauses).toEqual([expect.objectContaining({ key: 'createUser', failed: ['vaa/create-user/add-existing-user'] })]);

      const junit = readFileSync(join(run.reportDirectory, 'junit.xml'), 'utf8');
      // One testcase per check of the profile (those --only left out are skipped, with why) and one for the safety proof.
      expect(junit.match(/<testcase /g)).toHaveLength(run.report!.checks.length + 1);
      expect(junit.match(/<failure message=/g)).toHaveLength(1);
      expect(junit).toContain('<skipped message="not selected by --only"/>');
      const html = readFileSync(join(run.reportDirectory, 'report.html'), 'utf8');
      expect(html.indexOf('NOT CERTIFIED')).toBeLessThan(html.indexOf('vaa/create-user/add-existing-user'));
      expect(readFileSync(join(run.reportDirectory, 'report.md'), 'utf8')).toMatch(/^# ❌ vaa: NOT CERTIFIED/);

      const everything = reportFiles(run) + run.stdout + run.stderr;
      for (const secret of [TOKEN, 'lxt_api_password']) expect(everything).not.toContain(secret);
    } finally {
      await broken.close();
    }
  });

  it('reports a waived failure as waived with its reason, never as a failure (the --only run is then incomplete, not failed), and ignores an expired waiver', async () => {
    const broken = await startRewritingProxy(mock.url, {
      response: (answer) => ({ ...answer, body: Buffer.from(answer.body.toString().replace('User already exists.', 'User exists')) }),
    });
    const directory = mkdtempSync(join(tmpdir(), 'userapi-waivers-'));
    const waivers = join(directory, 'waivers.yaml');
    try {
      const only = ['--only', 'vaa/create-user/add-existing-user'];
      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n    reason: "Our gateway rewrites this message (TICKET-42)"\n    expires: 2999-12-31\n');
      const waived = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(waived.exitCode).toBe(3);
      expect(waived.report!.verdict).toBe('incomplete');
      const check = waived.report!.checks.find((candidate) => candidate.id === 'vaa/create-user/add-existing-user')!;
      expect(check).toMatchObject({ status: 'waived', ranAs: 'failed', counts: false, waiver: { reason: 'Our gateway rewrites this message (TICKET-42)', expired: false } });
      expect(waived.report!.counts).toMatchObject({ waived: 1, passed: 0 });
      expect(readFileSync(join(waived.reportDirectory, 'report.md'), 'utf8')).toContain('Our gateway rewrites this message (TICKET-42)');

      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n    reason: "was fixed in 2.1"\n    expires: 2001-01-01\n');
      const expired = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(expired.exitCode).toBe(1);
      expect(expired.report!.checks.find((candidate) => candidate.id === 'vaa/create-user/add-existing-user')).toMatchObject({ status: 'failed', waiver: { expired: true } });

      writeFileSync(waivers, 'waivers:\n  - id: vaa/create-user/add-existing-user\n');
      const unexplained = await runCertify(['--api', 'vaa', '--target', broken.url, '--token', TOKEN, '--waivers', waivers, ...only]);
      expect(unexplained.exitCode).toBe(2);
      expect(unexplained.stderr).toContain('a reason is required');
    } finally {
      await broken.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('deletes every user it created, also when checks fail, and reports as deleted only what a read confirmed', async () => {
    // Lookups ignore their filter: every read by userId answers every user, so none can confirm a deletion;
    // the listing of all users does, by the absence of each name.
    const filterIgnored = await startRewritingProxy(mock.url, { request: (sent) => ({ ...sent, url: sent.url.replace(/\?.*$/, '') }) });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', filterIgnored.url, '--token', TOKEN, '--runs', '5']);
      expect(run.exitCode).toBe(1);
      expect(statusOf(run, 'vaa/list-users/filter-by-email')).toBe('failed');
      expect(await leftovers(mock.url)).toEqual([]);
      expect(run.report!.cleanup.leftBehind).toEqual([]);
      expect(run.report!.cleanup.deleted.length).toBeGreaterThan(0);
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
      expect(readFileSync(join(run.reportDirectory, 'report.md'), 'utf8')).toContain('## Left behind (delete by hand, or `userapi cleanup --report-dir <this folder>`)');
    } finally {
      await noDeletes.close();
      await mock.reset(['vaa']);
    }
  });

  it('on Ctrl-C stops, cleans up what it created, writes its report and exits 130', async () => {
    // Every answer is slowed down so the run is still going when the user presses Ctrl-C.
    const slow = await startRewritingProxy(mock.url, {
      response: async (answer) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return answer;
      },
    });
    try {
      const run = await runCertify(['--api', 'vaa', '--target', slow.url, '--token', TOKEN], { interruptAfterMs: 6_000, killAfterMs: 90_000 });
      expect(run.exitCode).toBe(130);
      expect(run.report!.verdict).toBe('not-certified');
      expect(run.report!.problems.join('\n')).toContain('the run was stopped: interrupted');
      expect(run.report!.cleanup.leftBehind).toEqual([]);
      expect(await leftovers(mock.url)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('userapi cleanup --report-dir DIR: finishing a certify run killed with SIGKILL', () => {
  it('deletes what the killed run\'s ledger lists (and the users it created whose answer was lost), confirms each by a read, and touches nothing else', { timeout: 120_000 }, async () => {
    const mock = await startMockServer({ apis: ['vaa'], port: 0, strict: true });
    // Besides the document's two users: one that looks like another certify run's (prefix "uac" too).
    const decoy = { userId: 'uac000000decoy', email: 'uac000000decoy@example.com', firstName: 'Another', lastName: 'Run' };
    await (await request(`${mock.url}/api/v2/users`, { method: 'POST', headers: { 'x-lxt-api-token': TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(decoy) })).body.dump();
    const others = await usersOn(mock.url);
    // Slowed down so that the run is mid-way when it is killed; creates most, so one is answered only after the kill.
    const target = await startRecordingTarget(mock.url, {
      response: async (answer, sent) => {
        await new Promise((resolve) => setTimeout(resolve, sent.method === 'POST' ? 300 : 10));
        return answer;
      },
    });
    const directory = mkdtempSync(join(tmpdir(), 'userapi-killed-'));
    try {
      const child = spawn(process.execPath, ['bin/userapi.ts', 'certify', '--api', 'vaa', '--target', target.url, '--token', TOKEN, '--report-dir', directory, '--quiet'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      // Killed once it has created a good number of users (and deleted some of them).
      const created = (): number => target.received.filter((entry) => entry.method === 'POST' && entry.url === '/api/v2/users').length;
      for (let waited = 0; created() < 40 && waited < 60_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      // The 40th create has reached the server; its answer is still on the way when the run dies.
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(existsSync(join(directory, 'report.json'))).toBe(false);

      const prefix = ledgerEvents(directory)[0]?.namePrefix ?? '';
      expect(prefix).toMatch(/^uac[0-9a-f]{6}$/);
      const leftByTheRun = (await usersOn(mock.url)).filter((user) => user.userId.includes(prefix));
      expect(leftByTheRun.length).toBeGreaterThan(0);

      const sentBefore = target.received.length;
      const cleanup = await runCli(['cleanup', '--report-dir', directory, '--token', TOKEN]);
      expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(directory, 'cleanup.json'), 'utf8')) as { deleted: Array<{ names: { userId: string } }>; leftBehind: unknown[]; refusedWrites: number; found: number };
      expect(summary.leftBehind).toEqual([]);
      expect(summary.refusedWrites).toBe(0);
      // The create whose answer the killed run never saw: found by the run's prefix, then deleted.
      expect(summary.found).toBeGreaterThanOrEqual(1);
      console.log(`killed run: ${leftByTheRun.length} of its users on the target; userapi cleanup: ${summary.deleted.length} deleted (confirmed), ${summary.found} found by prefix, ${summary.leftBehind.length} left behind`);

      // What the target holds now: none of the run's users; every other user exactly as before.
      const after = await usersOn(mock.url);
      expect(after.filter((user) => user.userId.includes(prefix))).toEqual([]);
      expect(after).toEqual(others);
      for (const user of leftByTheRun) expect(summary.deleted.map((deleted) => deleted.names.userId)).toContain(user.userId);

      // Every write the clean-up sent names a user its ledger lists (created, or found by the run's prefix), and only them.
      const listed = new Set(ledgerEvents(directory).flatMap((event) => ((event.event === 'created' || event.event === 'found') && event.entry?.names.userId ? [event.entry.names.userId] : [])));
      const writes = target.received.slice(sentBefore).filter((entry) => entry.method !== 'GET');
      expect(writes.length).toBeGreaterThanOrEqual(leftByTheRun.length);
      for (const write of writes) expect(write.method).toBe('DELETE');
      expect(writes.map((write) => (JSON.parse(write.body) as { userId: string }).userId).filter((userId) => !listed.has(userId))).toEqual([]);
      expect(writesNaming(target.received.slice(sentBefore), others.flatMap((user) => [user.userId, user.id]), VAA_IDENTITY_FIELDS)).toEqual([]);
    } finally {
      await target.close();
      await mock.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
