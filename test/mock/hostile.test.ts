// The last hostile inputs: JSON nested 10,000 and 1,000,000 deep (in memory, with --state, and across
// workers), CONNECT and methods no API takes, and sockets that connect and say nothing, which under a low
// descriptor limit would otherwise lock every client out.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { call, startTestMock, type TestMock } from '../support/mock.ts';
import { PROFILES, errorShapeProblem, type Caller } from '../support/apis.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { killAll, startMockProcess, type MockProcess } from '../support/cli.ts';
import { rawExchange } from '../support/raw.ts';

afterAll(killAll);

const MAX_BODY_BYTES = 8_000_000;
const arrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A documented field of each API's create body that takes a structure, for the deep value to go into. */
const STRUCTURED_FIELD: Record<ApiId, (nested: string) => string> = {
  vaa: (nested) => `"roles": [${nested}]`,
  checkmarx: (nested) => `"roleIds": [${nested}]`,
  tyk: (nested) => `"user_permissions": {"users": ${nested}}`,
};

/** Sends creates carrying `nested` as an extra property, inside a documented field, and as the whole body. */
async function sendDeep(send: Caller, api: ApiId, name: string, nested: string, everywhere: boolean): Promise<number[]> {
  const profile = PROFILES[api];
  const auth = await profile.login(send);
  const base = JSON.stringify(profile.newUser(name));
  const bodies = [base.replace(/}$/, `, "nested": ${nested}}`), ...(everywhere ? [base.replace(/}$/, `, ${STRUCTURED_FIELD[api](nested)}}`), nested] : [])];
  const statuses: number[] = [];
  // mock.call checks every answer: a documented status with its schema, or a refusal in the API's shape.
  for (const body of bodies) statuses.push((await send({ method: 'POST', path: profile.usersPath, headers: { ...auth, 'content-type': 'application/json' }, body })).status);
  return statuses;
}

describe('JSON nested 10,000 and 1,000,000 deep', () => {
  const directory = mkdtempSync(join(tmpdir(), 'userapi-hostile-'));
  const mocks: Record<string, TestMock> = {};
  let workers: MockProcess;
  beforeAll(async () => {
    mocks['in memory'] = await startTestMock({ maxBodyBytes: MAX_BODY_BYTES });
    mocks['--state'] = await startTestMock({ maxBodyBytes: MAX_BODY_BYTES, stateFile: join(directory, 'state.db') });
    workers = await startMockProcess(['--port', '0', '--quiet', '--workers', '2', '--max-body-bytes', String(MAX_BODY_BYTES)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  describe.each(['in memory', '--state'])('%s', (mode) => {
    it.each(API_IDS)('%s: answers every create carrying it in the API\'s shape, never 500, and keeps serving', async (api) => {
      const mock = mocks[mode]!;
      const send: Caller = (options) => mock.call(api, options);
      for (const [index, nested] of [arrays(10_000), objects(10_000), arrays(1_000_000), objects(1_000_000)].entries()) {
        const [extra, ...refused] = await sendDeep(send, api, `deep${index}`, nested, true);
        // An unknown property is ignored (nothing of it is stored or answered); the others are refused.
        expect(extra).toBe(PROFILES[api].createdStatus);
        for (const status of refused) expect(status).toBe(400);
      }
      expect(await PROFILES[api].listNames(send, await PROFILES[api].login(send))).toEqual(expect.arrayContaining(['deep0', 'deep1', 'deep2', 'deep3']));
      expect(mock.server.violations).toEqual([]);
    }, 60_000);
  });

  it.each(API_IDS)('--workers 2, %s: accepts it as an unknown property, and keeps serving', async (api) => {
    const send: Caller = (options) => call(workers.url, api, options);
    for (const [index, nested] of [objects(10_000), arrays(1_000_000)].entries()) expect(await sendDeep(send, api, `deep${index}`, nested, false)).toEqual([PROFILES[api].createdStatus]);
    expect(await PROFILES[api].listNames(send, await PROFILES[api].login(send))).toEqual(expect.arrayContaining(['deep0', 'deep1']));
  }, 60_000);
});

describe('methods no API takes', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock();
  });
  afterAll(() => mock.close());

  const exchange = (requestLine: string): Promise<Awaited<ReturnType<typeof rawExchange>>> => rawExchange(mock.url, `${requestLine}\r\nHost: localhost\r\n\r\n`);

  it('answers CONNECT to a host (as to a proxy) 405 with Allow, and closes', async () => {
    const answer = await exchange('CONNECT example.com:443 HTTP/1.1');
    expect([answer.status, answer.headers['allow'], answer.headers['connection']]).toEqual([405, 'GET, POST, PUT, DELETE', 'close']);
    expect(JSON.parse(answer.body)).toEqual({ error: 'CONNECT example.com:443 is not supported: this server is a mock of the vaa, checkmarx, tyk APIs, not a proxy.' });
  });

  it.each([
    ['vaa', '/api/v2/users', 'GET, POST, PUT, DELETE'],
    ['checkmarx', '/cxrestapi/auth/Users/1', 'GET, PUT, DELETE'],
    ['tyk', '/api/users', 'GET, POST'],
  ] as const)('answers CONNECT to a %s path 405 in the API\'s shape, with the path\'s Allow', async (api, path, allow) => {
    const answer = await exchange(`CONNECT ${path} HTTP/1.1`);
    expect([answer.status, answer.headers['allow']]).toEqual([405, allow]);
    expect(errorShapeProblem(api, 405, answer.body === '' ? undefined : JSON.parse(answer.body))).toBeUndefined();
  });

  it.each([
    ['PROPFIND /api/users HTTP/1.1', 405, 'tyk'],
    ['TRACE /cxrestapi/auth/Users HTTP/1.1', 405, 'checkmarx'],
    ['SEARCH /api/v2/users HTTP/1.1', 405, 'vaa'],
    ['FOO /api/v2/users HTTP/1.1', 400, undefined],
  ] as const)('answers %s with %i', async (requestLine, status, api) => {
    const answer = await exchange(requestLine);
    expect(answer.status).toBe(status);
    if (api !== undefined) expect(errorShapeProblem(api, status, answer.body === '' ? undefined : JSON.parse(answer.body))).toBeUndefined();
  });
});

describe('idle sockets', () => {
  /** Opens `count` sockets that never send a byte; resolves with them and a count of those the server closed. */
  async function openIdle(url: string, count: number): Promise<{ sockets: Socket[]; closed: () => number }> {
    const { hostname, port } = new URL(url);
    const sockets: Socket[] = [];
    let closed = 0;
    for (let index = 0; index < count; index += 1) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => resolve());
        socket.on('error', () => resolve());
        socket.on('close', () => (closed += 1));
        sockets.push(socket);
      });
    }
    return { sockets, closed: () => closed };
  }

  const health = async (url: string): Promise<number | string> => {
    try {
      const response = await fetch(`${url}/__userapi/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      return `failed: ${(error as Error).message}`;
    }
  };

  // Under a limit of 100 descriptors, 300 silent sockets: at first they take every descriptor the
  // process has, and nobody else gets an answer; the idle timeout then frees them all.
  const limited = (idleTimeout: number): Promise<MockProcess> => startMockProcess(['--port', '0', '--quiet', '--api', 'vaa', '--idle-timeout', String(idleTimeout)], 60_000, { prefix: ['bash', '-c', 'ulimit -n 100 && exec "$0" "$@"'] });

  it('closes 300 sockets that never send a byte, under a limit of 100 descriptors, and serves again', async () => {
    const mock = await limited(500);
    const idle = await openIdle(mock.url, 300);
    try {
      await expect.poll(idle.closed, { timeout: 15_000 }).toBe(300);
      expect(await health(mock.url)).toBe(200);
    } finally {
      for (const socket of idle.sockets) socket.destroy();
    }
  }, 90_000);

  it('without the timeout (--idle-timeout 0), the same sockets lock every client out: what the timeout prevents', async () => {
    const mock = await limited(0);
    const idle = await openIdle(mock.url, 300);
    try {
      expect(await health(mock.url)).toMatch(/^failed/);
    } finally {
      for (const socket of idle.sockets) socket.destroy();
    }
    await expect.poll(() => health(mock.url), { timeout: 15_000 }).toBe(200);
  }, 90_000);

  it('closes a kept-alive connection left idle, and never one waiting for its answer (--latency beyond the timeout)', async () => {
    const mock = await startMockProcess(['--port', '0', '--quiet', '--api', 'vaa', '--idle-timeout', '300', '--latency', '1000']);
    const { hostname, port } = new URL(mock.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    let answeredAt = 0;
    socket.on('data', (chunk) => {
      answeredAt ||= performance.now();
      received += chunk.toString('latin1');
    });
    const closedAt = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
    socket.write(`GET /api/v2/users HTTP/1.1\r\nHost: ${hostname}\r\nx-lxt-api-token: ${DEFAULT_SETTINGS.vaa.token}\r\n\r\n`);
    // The answer came after the 1,000 ms latency, over a socket silent for longer than the 300 ms timeout.
    const idleFor = (await closedAt) - answeredAt;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    // Then, silent again, it was closed: long before Node's own keep-alive default (5 s) would have.
    expect(idleFor).toBeLessThan(3_000);
  }, 90_000);
});
