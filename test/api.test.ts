// The programmatic API (index.ts), as a client team's test suite uses it: startMock in beforeAll, real
// HTTP requests, the journal to assert what was sent, reset, close; and certify from code, against a
// running mock and against a broken target, silent unless given a progress callback. (The same API,
// installed from the packed tarball, is exercised by test/package.test.ts.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { certify, startMock, type RunningMock } from '../index.ts';

describe('startMock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ apis: ['vaa', 'tyk'] });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('listens on a free loopback port and serves the documents\' users with the documents\' credentials', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.urlOf('vaa')).toBe(mock.url);
    const answer = await request(`${mock.urlOf('vaa')}/api/v2/users`, { headers: { 'x-lxt-api-token': mock.credentials.vaa.token } });
    expect(answer.statusCode).toBe(200);
    expect(((await answer.body.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it('urlOf an API it does not serve throws, naming what it serves', () => {
    expect(() => mock.urlOf('checkmarx')).toThrow('this mock does not serve checkmarx: it serves vaa, tyk');
  });

  it('requests() shows what was sent, filtered; reset() restores the seed and clears the journal', async () => {
    await mock.reset();
    const created = await request(`${mock.url}/api/users`, {
      method: 'POST',
      headers: { authorization: mock.credentials.tyk.accessKey, 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Grace', last_name: 'Hopper', email_address: 'grace@example.com', active: true }),
    });
    expect(created.statusCode).toBe(200);
    await created.body.dump();
    const [entry, ...rest] = mock.requests({ api: 'tyk', operationId: 'createUser' });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ method: 'POST', path: '/api/users', status: 200, headers: { authorization: '[redacted]' } });
    expect(JSON.parse(entry!.body!)).toMatchObject({ first_name: 'Grace' });
    expect(mock.requests({ api: 'vaa' })).toEqual([]);

    await mock.reset({ api: 'tyk', seed: 'empty' });
    expect(mock.requests()).toEqual([]);
    const list = await request(`${mock.url}/api/users`, { headers: { authorization: mock.credentials.tyk.accessKey } });
    // Empty: even the user whose key we use is gone, so the key is refused or the list is empty.
    const body = (await list.body.json()) as { users?: unknown[] };
    expect(list.statusCode === 200 ? body.users ?? [] : []).toEqual([]);
    expect(mock.violations()).toEqual([]);
  });

  it('refuses options it cannot honour', async () => {
    await expect(startMock({ apis: ['soap' as 'vaa'] })).rejects.toThrow('startMock({ apis }): expected one or more of vaa, checkmarx, tyk');
    await expect(mock.reset({ api: 'checkmarx' })).rejects.toThrow('reset({ api }): this mock does not serve checkmarx: it serves vaa, tyk');
  });

  it('takes other credentials, a fixed port and CORS off', async () => {
    const other = await startMock({ apis: 'vaa', credentials: { vaa: { token: 'my-token' } }, cors: false });
    try {
      const refused = await request(`${other.url}/api/v2/users`, { headers: { 'x-lxt-api-token': mock.credentials.vaa.token, origin: 'http://localhost:3000' } });
      expect(refused.statusCode).not.toBe(200);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      await refused.body.dump();
      const accepted = await request(`${other.url}/api/v2/users`, { headers: { 'x-lxt-api-token': 'my-token' } });
      expect(accepted.statusCode).toBe(200);
      await accepted.body.dump();
    } finally {
      await other.close();
    }
  });
});

describe('certify', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'userapi-api-'));
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('certifies a running mock from code: the report object, the files, no output, no exit', async () => {
    const mock = await startMock({ apis: 'vaa' });
    const log = vi.spyOn(process.stdout, 'write');
    const errors = vi.spyOn(process.stderr, 'write');
    try {
      const report = await certify({
        api: 'vaa',
        target: mock.urlOf('vaa'),
        credentials: { token: mock.credentials.vaa.token },
        only: ['vaa/list-users/get-all-users', 'vaa/auth/refused-on-list-users'],
        reportDirectory: join(directory, 'run'),
      });
      expect(log).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      expect(report.api).toBe('vaa');
      const ran = report.checks.filter((check) => check.status !== 'skipped');
      expect(ran.map((check) => `${check.id} ${check.status}`).sort()).toEqual(['vaa/auth/refused-on-list-users passed', 'vaa/list-users/get-all-users passed']);
      // Only some checks ran: the verdict says the run is incomplete rather than certified.
      expect(report.verdict).toBe('incomplete');
      for (const file of ['report.json', 'junit.xml', 'report.md', 'report.html']) expect(existsSync(join(directory, 'run', file)), file).toBe(true);
      expect(JSON.parse(readFileSync(join(directory, 'run', 'report.json'), 'utf8')).verdict).toBe('incomplete');
    } finally {
      log.mockRestore();
      errors.mockRestore();
      await mock.close();
    }
  }, 60_000);

  it('an unreachable target is a verdict, not a rejection; progress lines go to the callback', async () => {
    const lines: string[] = [];
    const report = await certify({ api: 'tyk', target: 'http://127.0.0.1:9', credentials: { token: 'x' }, reportDirectory: join(directory, 'down'), progress: (line) => lines.push(line) });
    expect(report.verdict).toBe('not-certified');
    expect(report.problems.join('\n')).toMatch(/unreachable/);
    expect(lines.join('\n')).toMatch(/unreachable/);
  }, 60_000);

  it.each([
    [{ api: 'soap' }, /unknown --api 'soap'/],
    [{ api: 'vaa', target: 'ftp://x' }, /must be an http or https URL/],
    [{ api: 'vaa', target: 'http://127.0.0.1:9' }, /needs credentials: \{ token \} or \{ username, password \}/],
    [{ api: 'vaa', only: ['vaa/no/such'] }, /unknown check id\(s\) vaa\/no\/such/],
    [{ api: 'vaa', profile: 'nope' }, /unknown profile 'nope'/],
    [{ api: 'vaa', waivers: [{ id: 'vaa/no/such', reason: 'x' }] }, /certify\(\{ waivers \}\): waiver 1: unknown check id 'vaa\/no\/such'/],
  ])('rejects bad options %j before sending anything', async (options, message) => {
    await expect(certify(options as Parameters<typeof certify>[0])).rejects.toThrow(message);
  });
});
