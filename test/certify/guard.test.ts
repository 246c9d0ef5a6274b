// The write guard, the redactor and the ledger, driven as certify drives them: real HttpClients against
// a real target (the mock behind a recording proxy), judged by what the target received. The per-API
// proofs (test/certify/<api>*.test.ts) run whole certifications against misbehaving targets.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, startMockServer, type MockServer } from '../../mock/server.ts';
import type { RunConfig } from '../../suites/harness/config.ts';
import { WriteGuard, WriteRefused } from '../../suites/harness/guard.ts';
import { HttpClient } from '../../suites/harness/http.ts';
import { Ledger } from '../../suites/harness/ledger.ts';
import { Redactor } from '../../suites/harness/redact.ts';
import { certification as tyk } from '../../suites/tyk/index.ts';
import { certification as vaa } from '../../suites/vaa/index.ts';
import { startRecordingTarget, writesNaming, type RecordingTarget } from '../support/safety.ts';

const PREFIX = 'uacfeed01';
const TOKEN = DEFAULT_SETTINGS.vaa.token;
const TYK_KEY = DEFAULT_SETTINGS.tyk.accessKey;

function configFor(api: typeof vaa, target: string, ledgerFile?: string): RunConfig {
  const secrets = new Redactor();
  return {
    api: api.api,
    target,
    profile: 'document',
    bundledMock: false,
    namePrefix: PREFIX,
    credentials: api.api === 'vaa' ? { token: TOKEN } : { token: TYK_KEY, adminSecret: DEFAULT_SETTINGS.tyk.adminSecret },
    strict: false,
    readOnly: false,
    seed: 1,
    runs: 1,
    timeoutMs: 5_000,
    insecure: false,
    maxResponseBytes: 1_000_000,
    guard: new WriteGuard(api.writeRules, new Ledger(PREFIX, { ...(ledgerFile ? { file: ledgerFile } : {}), redactor: secrets })),
    cleanup: api.cleanup,
    secrets,
  };
}

let mock: MockServer;
let target: RecordingTarget;
beforeAll(async () => {
  mock = await startMockServer({ apis: ['vaa', 'tyk'], port: 0 });
  target = await startRecordingTarget(mock.url);
});
afterAll(async () => {
  await target.close();
  await mock.close();
});

describe('the write guard', () => {
  it('refuses, before sending, every write to a user the run did not create (vaa: by userId or email in the body)', async () => {
    const config = configFor(vaa, target.url);
    const http = new HttpClient(config);
    const headers = { 'x-lxt-api-token': TOKEN };
    const attempts = [
      { method: 'DELETE', path: '/api/v2/users', headers, json: { userId: 'test', email: 'tset' } },
      { method: 'PUT', path: '/api/v2/users', headers, json: { userId: 'test', email: 'tset', firstName: 'Mallory' } },
      // One run identity does not cover a foreign one beside it.
      { method: 'PUT', path: '/api/v2/users/deactivate', headers, json: { userId: `${PREFIX}x1`, email: 'tset' } },
      // No identity at all: the write could act on anyone.
      { method: 'DELETE', path: '/api/v2/users', headers, body: '' },
      // Malformed JSON is read field by field: the foreign userId is still seen.
      { method: 'DELETE', path: '/api/v2/users', headers, body: '{"userId":"test","email":' },
      // A create may not take an existing user's identity.
      { method: 'POST', path: '/api/v2/users', headers, json: { userId: 'test', email: 'again@example.com' } },
      // Methods and paths the API declares no rule for.
      { method: 'PATCH', path: '/api/v2/users', headers, json: { userId: `${PREFIX}x1`, email: `${PREFIX}x1@example.com` } },
      { method: 'DELETE', path: '/api/v2/users/../users', headers, json: { userId: `${PREFIX}x1`, email: `${PREFIX}x1@example.com` } },
    ];
    const before = target.received.length;
    for (const attempt of attempts) await expect(http.send(attempt)).rejects.toBeInstanceOf(WriteRefused);
    expect(target.received.slice(before)).toEqual([]);
    expect(config.guard.refusals).toHaveLength(attempts.length);
    for (const refusal of config.guard.refusals) expect(refusal.reason).not.toBe('');
  });

  it("lets the run's own writes through, and an id only once an answer has shown it is the run's (tyk)", async () => {
    const config = configFor(tyk, target.url);
    const http = new HttpClient(config);
    const auth = { authorization: TYK_KEY };
    const email = `${PREFIX}guard@example.com`;
    const created = await http.send({ method: 'POST', path: '/api/users', headers: auth, json: { first_name: 'G', last_name: 'Uard', email_address: email, active: true } });
    expect(created.response.status).toBe(200);
    const list = await http.send({ method: 'GET', path: '/api/users', headers: auth });
    const users = (list.response.json as { users: Array<{ id: string; email_address: string }> }).users;
    const own = users.find((user) => user.email_address === email);
    const foreign = users.find((user) => !user.email_address.includes(PREFIX));
    expect(own && foreign).toBeTruthy();

    const before = target.received.length;
    await expect(http.send({ method: 'PUT', path: `/api/users/${foreign!.id}/actions/key/reset`, headers: auth })).rejects.toBeInstanceOf(WriteRefused);
    await expect(http.send({ method: 'DELETE', path: `/api/users/${foreign!.id}`, headers: auth })).rejects.toBeInstanceOf(WriteRefused);
    // An id nobody has shown: refused too, even though no user may have it.
    await expect(http.send({ method: 'DELETE', path: '/api/users/000000000000000000000000', headers: auth })).rejects.toBeInstanceOf(WriteRefused);
    expect(writesNaming(target.received.slice(before), [foreign!.id, '000000000000000000000000'], ['email_address'])).toEqual([]);

    const deleted = await http.send({ method: 'DELETE', path: `/api/users/${own!.id}`, headers: auth });
    expect(deleted.response.status).toBe(200);
    expect(config.guard.ledger.entryById(own!.id)?.state).toBe('delete-answered');
    // Deleted, so its id could be given again: a second DELETE is confirmed absent by a read first.
    const reads = config.guard.verificationReads;
    const again = await http.send({ method: 'DELETE', path: `/api/users/${own!.id}`, headers: auth });
    expect(again.response.status).toBe(404);
    expect(config.guard.verificationReads).toBe(reads + 1);
  });

  it('no check, clean-up or sweep can bypass it: only suites/harness/http.ts opens connections', () => {
    const root = fileURLToPath(new URL('../../suites/', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
    const network = /from '(undici|node:http|node:https|node:net|node:http2|node:tls)'|(?<![.\w]|async )fetch\(|new WebSocket\(/;
    const offenders = files.filter((file) => network.test(readFileSync(join(root, file), 'utf8'))).map((file) => relative(root, join(root, file)));
    expect(offenders).toEqual(['harness/http.ts']);
  });
});

describe('the redactor', () => {
  it('replaces a secret and its encodings, and keeps JSON valid for a numeric secret', () => {
    const redactor = new Redactor([{ value: 'S3cr3t/&"x y', placeholder: '$PASSWORD' }, { value: '12345', placeholder: '$ADMIN_SECRET' }]);
    redactor.addUsername('admin');
    const secret = 'S3cr3t/&"x y';
    const echoed = [secret, JSON.stringify(secret), encodeURIComponent(secret), new URLSearchParams({ p: secret }).toString(), Buffer.from(`admin:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')].join(' | ');
    const text = redactor.text(echoed);
    expect(text).not.toContain('S3cr3t');
    expect(text).not.toContain(Buffer.from(`admin:${secret}`).toString('base64'));
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    const report = redactor.deep({ requests: 12345, message: 'admin-auth: 12345', nested: [{ '12345': 'key' }] });
    expect(JSON.parse(JSON.stringify(report))).toEqual({ requests: 12345, message: 'admin-auth: $ADMIN_SECRET', nested: [{ $ADMIN_SECRET: 'key' }] });
  });

  it('learns credentials from what is sent and answered (headers, form fields, token answers)', () => {
    const redactor = new Redactor();
    redactor.discover({ authorization: 'Bearer abcdefgh12345678', 'x-lxt-api-token': 'eyJhbGciOi.payload.sig' });
    redactor.discover({ access_token: 'tok-0123456789', users: [{ access_key: '0cf5e6c37add465a406f19807c081765', password: '$2a$10$hash...hash' }] });
    const text = redactor.text('abcdefgh12345678 eyJhbGciOi.payload.sig tok-0123456789 0cf5e6c37add465a406f19807c081765 $2a$10$hash...hash');
    expect(text).not.toMatch(/abcdefgh|eyJhbGciOi|tok-0123|0cf5e6c3|\$2a\$10/);
  });
});

describe('the ledger', () => {
  it('is appended as the run goes and read back as it was (for userapi cleanup)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'userapi-ledger-'));
    try {
      const file = join(directory, 'ledger.jsonl');
      const ledger = new Ledger(PREFIX, { file });
      ledger.write({ event: 'run', api: 'tyk', target: 'http://x', namePrefix: PREFIX, profile: 'document', started: new Date().toISOString() });
      const entry = ledger.recordCreated({ email_address: `${PREFIX}a@example.com` }, undefined);
      ledger.observe('id-1', { email_address: `${PREFIX}a@example.com` }, 'read');
      ledger.observe('id-2', { email_address: 'someone@example.com' }, 'read');
      ledger.markDeleteAnswered(entry);
      const { header, ledger: read } = Ledger.read(file);
      expect(header.namePrefix).toBe(PREFIX);
      expect(read.all()).toEqual([{ ...entry }]);
      expect(read.entryById('id-1')?.key).toBe(entry.key);
      expect(read.foreignReason('id-2')).toContain('someone@example.com');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
