// The request journal over HTTP: what a client sent (method, path, query, headers with credentials
// redacted, body as sent), which API and operation it reached and what it was answered; the filters,
// DELETE, a reset clearing its APIs' entries, bad filters refused, and the bound on its size.
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { JOURNAL_BODY_LIMIT, JOURNAL_LIMIT, type JournalEntry } from '../../mock/journal.ts';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  expect((await call('DELETE', '/__userapi/requests')).status).toBe(200);
});

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const response = await request(`${mock.url}${path}`, { method: method as 'GET', headers, ...(body === undefined ? {} : { body }) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: text === '' ? undefined : (JSON.parse(text) as any) };
}

async function journal(query = ''): Promise<{ requests: JournalEntry[]; limit: number; dropped: number }> {
  const answer = await call('GET', `/__userapi/requests${query}`);
  expect(answer.status).toBe(200);
  return answer.json;
}

const vaaToken = { 'x-lxt-api-token': DEFAULT_SETTINGS.vaa.token };
const tykKey = { authorization: DEFAULT_SETTINGS.tyk.accessKey };

describe('GET /__userapi/requests', () => {
  it('lists what each client sent, oldest first, with the operation it reached and its answer; credentials redacted', async () => {
    expect((await call('GET', '/api/v2/users?email=tset', { ...vaaToken, 'x-trace': 'abc' })).status).toBe(200);
    const created = JSON.stringify({ first_name: 'Ada', last_name: 'Lovelace', email_address: 'ada@example.com', user_name: 'ada', password: 'Secret123!' });
    expect((await call('POST', '/api/users', { ...tykKey, 'content-type': 'application/json' }, created)).status).toBe(200);
    expect((await call('GET', '/cxrestapi/auth/Users', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const { requests, limit, dropped } = await journal();
    expect({ limit, dropped }).toEqual({ limit: JOURNAL_LIMIT, dropped: 0 });
    expect(requests).toHaveLength(3);
    const [list, create, refused] = requests as [JournalEntry, JournalEntry, JournalEntry];
    expect(list).toMatchObject({ api: 'vaa', operationId: 'listUsers', method: 'GET', path: '/api/v2/users', query: { email: 'tset' }, body: null, status: 200 });
    expect(list.headers).toMatchObject({ 'x-lxt-api-token': '[redacted]', 'x-trace': 'abc' });
    expect(create).toMatchObject({ api: 'tyk', operationId: 'createUser', method: 'POST', path: '/api/users', query: {}, body: created, status: 200 });
    expect(create.headers).toMatchObject({ authorization: '[redacted]', 'content-type': 'application/json' });
    expect(refused).toMatchObject({ api: 'checkmarx', method: 'GET', path: '/cxrestapi/auth/Users', status: 401 });
    expect(refused.headers['authorization']).toBe('Bearer [redacted]');
    expect(create.id).toBeGreaterThan(list.id);
    expect(Date.parse(list.time)).toBeLessThanOrEqual(Date.parse(create.time));
    expect(list.durationMs).toBeGreaterThanOrEqual(0);
    // No credential anywhere in the journal's own answer.
    const raw = (await call('GET', '/__userapi/requests')).text;
    for (const secret of [DEFAULT_SETTINGS.vaa.token, DEFAULT_SETTINGS.tyk.accessKey, 'not-a-token']) expect(raw).not.toContain(secret);
  });

  it('records requests no API owns (api null) but neither control requests nor CORS preflights', async () => {
    await call('GET', '/nowhere?x=1&x=2');
    await call('GET', '/__userapi/health');
    await call('OPTIONS', '/api/users', { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' });
    const { requests } = await journal();
    expect(requests.map(({ api, operationId, path, query, status }) => ({ api, operationId, path, query, status }))).toEqual([{ api: null, operationId: null, path: '/nowhere', query: { x: ['1', '2'] }, status: 404 }]);
  });

  it('filters by ?api= and ?operationId=, together too', async () => {
    await call('GET', '/api/v2/users', vaaToken);
    await call('GET', '/api/users', tykKey);
    await call('GET', '/api/users/nope', tykKey);
    expect((await journal('?api=tyk')).requests.map((entry) => entry.path)).toEqual(['/api/users', '/api/users/nope']);
    expect((await journal('?operationId=listUsers')).requests.map((entry) => entry.api)).toEqual(['vaa', 'tyk']);
    expect((await journal('?api=tyk&operationId=listUsers')).requests.map((entry) => entry.path)).toEqual(['/api/users']);
    expect((await journal('?api=checkmarx')).requests).toEqual([]);
  });

  it.each([
    ['?api=github', /Not served by this mock: github/],
    ['?method=GET', /Unknown query parameter method/],
    ['?api=vaa&api=tyk', /Give api once/],
  ])('refuses %s with 400, saying why', async (query, message) => {
    const answer = await call('GET', `/__userapi/requests${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(message);
  });

  it('takes GET and DELETE only', async () => {
    const answer = await call('POST', '/__userapi/requests');
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe('GET, DELETE');
  });

  it('keeps a body up to its limit, and says it cut a longer one', async () => {
    const long = JSON.stringify({ first_name: 'x'.repeat(JOURNAL_BODY_LIMIT) });
    await call('POST', '/api/users', { ...tykKey, 'content-type': 'application/json' }, long);
    const [entry] = (await journal()).requests;
    expect(entry?.body).toBe(long.slice(0, JOURNAL_BODY_LIMIT));
    expect(entry?.bodyTruncated).toBe(true);
  });
});

describe('clearing', () => {
  it('DELETE clears everything, or one API with ?api=', async () => {
    await call('GET', '/api/v2/users', vaaToken);
    await call('GET', '/api/users', tykKey);
    expect((await call('DELETE', '/__userapi/requests?api=vaa')).json).toEqual({ cleared: 1 });
    expect((await journal()).requests.map((entry) => entry.api)).toEqual(['tyk']);
    expect((await call('DELETE', '/__userapi/requests')).json).toEqual({ cleared: 1 });
    expect((await journal()).requests).toEqual([]);
  });

  it('a reset clears the entries of the APIs it resets (POST /__userapi/reset and MockServer.reset)', async () => {
    await call('GET', '/api/v2/users', vaaToken);
    await call('GET', '/api/users', tykKey);
    await call('GET', '/nowhere');
    expect((await call('POST', '/__userapi/reset', { 'content-type': 'application/json' }, JSON.stringify({ api: 'vaa' }))).status).toBe(200);
    expect((await journal()).requests.map((entry) => entry.api)).toEqual(['tyk', null]);
    await mock.reset();
    expect((await journal()).requests).toEqual([]);
  });
});

describe('its bound', () => {
  it(`keeps the last ${JOURNAL_LIMIT} requests and counts the ones it dropped`, async () => {
    const extra = 25;
    for (let sent = 0; sent < JOURNAL_LIMIT + extra; sent += 50) {
      await Promise.all(Array.from({ length: Math.min(50, JOURNAL_LIMIT + extra - sent) }, (_, index) => call('GET', `/nowhere?n=${sent + index}`)));
    }
    const { requests, dropped } = await journal();
    expect(requests).toHaveLength(JOURNAL_LIMIT);
    expect(dropped).toBe(extra);
    const ids = requests.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(mock.journal.list()).toHaveLength(JOURNAL_LIMIT);
  }, 60_000);
});
