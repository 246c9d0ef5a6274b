// Bad input never hurts the mock: each kind of broken request gets a clear refusal in the API's own
// shape naming what is wrong, never a 5xx, a hang or a crash, and the server keeps serving. Runs for
// every API whose module has landed; the HTTP front's own defences (malformed HTTP) run once.
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { vaa } from '../../mock/apis/vaa.ts';
import { startTestMock, type CallOptions, type CheckedResponse, type TestMock } from '../support/mock.ts';
import { PROFILES, errorShapeProblem } from '../support/apis.ts';
import { chunked, hangUpMidBody, plain, rawExchange } from '../support/raw.ts';

const LIMIT = 1024 * 1024;
const logLines: string[] = [];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
let mock: TestMock;

beforeAll(async () => {
  // Strict (a reply that drifts from the spec would be a 500), every API on one port, the default limit.
  mock = await startTestMock({ log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await mock.close();
  // Every answer of the whole file, including those read off raw sockets, was below 500.
  expect(logLines.filter((line) => / -> 5\d\d /.test(line))).toEqual([]);
  expect(mock.server.violations).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
});

/** The request head a raw client sends, with `headers` after Host. */
function head(method: string, path: string, headers: Record<string, string>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

function expectApiShape(api: ApiId, status: number, text: string): unknown {
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  expect(errorShapeProblem(api, status, body), text.slice(0, 300)).toBeUndefined();
  return body;
}

describe.each(API_IDS)('%s: bad input', (api) => {
  const profile = PROFILES[api];
  const call = (options: CallOptions): Promise<CheckedResponse> => mock.call(api, options);
  let auth: Record<string, string>;
  const create = (body: string | Buffer, contentType = 'application/json'): Promise<CheckedResponse> =>
    call({ method: 'POST', path: profile.usersPath, headers: { ...auth, 'content-type': contentType }, body });

  /** Asserts a refusal: its status, and a message in the API's shape that says what is wrong. */
  function expectRefusal(response: CheckedResponse, status: number, says: RegExp): void {
    expect(response.status, response.text.slice(0, 300)).toBe(status);
    expect(profile.errorMessage(response.body)).toMatch(says);
  }

  beforeAll(async () => {
    await mock.reset([api], 'documents');
    auth = await profile.login(call);
  });
  // Whatever the previous test sent, the API still answers an ordinary request.
  afterEach(async () => {
    expect(await profile.listNames(call, auth)).toEqual(expect.any(Array));
  });

  it('answers malformed JSON 400, naming JSON', async () => {
    expectRefusal(await create('{"a": '), 400, /not valid JSON/);
    expectRefusal(await create('{"a": 1,}'), 400, /not valid JSON/);
  });

  it('answers a Content-Type it does not read 415, naming the media types it accepts', async () => {
    for (const contentType of ['text/xml', 'multipart/form-data; boundary=x', 'json', ';;;']) {
      expectRefusal(await create('<user/>', contentType), 415, /accepts application\/json/);
    }
  });

  it('answers a body over the limit with a declared Content-Length 413', async () => {
    expectRefusal(await create(Buffer.alloc(LIMIT + 1, 0x20)), 413, /exceeds the limit of 1048576 bytes/);
  });

  it('answers 413 on the same connection to a client that writes its whole oversized body before reading', async () => {
    // Closing the connection under such a client resets it, and it never reads the 413 that explains why.
    const headers = { ...auth, 'content-type': 'application/json' };
    const declared = await rawExchange(mock.url, head('POST', profile.usersPath, { ...headers, 'content-length': String(5 * LIMIT) }), plain(5 * LIMIT));
    const streamed = await rawExchange(mock.url, head('POST', profile.usersPath, { ...headers, 'transfer-encoding': 'chunked' }), chunked(5 * LIMIT));
    for (const response of [declared, streamed]) {
      expect([response.status, response.headers['connection']]).toEqual([413, 'keep-alive']);
      expect(profile.errorMessage(expectApiShape(api, 413, response.body))).toMatch(/exceeds the limit of 1048576 bytes/);
    }
  });

  it('refuses an oversized body announced with Expect: 100-continue without inviting it', async () => {
    const headers = { ...auth, 'content-type': 'application/json', 'content-length': String(5 * LIMIT), expect: '100-continue' };
    const response = await rawExchange(mock.url, head('POST', profile.usersPath, headers));
    // The first answer is the 413 itself, not "100 Continue"; the body will never come, so the connection closes.
    expect([response.status, response.headers['connection']]).toEqual([413, 'close']);
    expect(profile.errorMessage(expectApiShape(api, 413, response.body))).toMatch(/exceeds the limit/);
  });

  it('ignores unknown fields: the user is created, and the fields are neither stored nor returned', async () => {
    const created = await call({ method: 'POST', path: profile.usersPath, headers: auth, json: { ...profile.newUser('extra1'), surpriseField: 'surprise-value', nestedSurprise: { deep: ['surprise-value'] } } });
    expect(created.status, created.text).toBe(profile.createdStatus);
    expect(created.text).not.toContain('surprise');
    expect(await profile.listNames(call, auth)).toContain('extra1');
    const listed = await call({ path: profile.usersPath, headers: auth });
    expect(listed.text).not.toContain('surprise');
  });

  it('lets no __proto__, constructor or prototype key reach any prototype, nor any stored record', async () => {
    const poison = '"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}';
    const body = JSON.stringify(profile.newUser('proto1')).replace(/^\{/, `{${poison}, `);
    expect((await create(body)).status).toBe(profile.createdStatus);
    // The same names as query parameters (repeated, so a naive parser would build an array) and headers.
    const query = '__proto__=a&__proto__=b&constructor=c&constructor=d&prototype=e&__proto__[polluted]=yes';
    const listed = await request(`${mock.url}${profile.usersPath}?${query}`, { headers: { ...auth, __proto__: 'yes', constructor: 'yes' } });
    expect(listed.statusCode).toBeLessThan(500);
    expect(await listed.body.text()).not.toContain('polluted');

    // A user named after the prototype is an ordinary user: stored, listed, and refused a second time.
    expect((await call({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser('__proto__') })).status).toBe(profile.createdStatus);
    expectRefusal(await call({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser('__proto__') }), profile.duplicate.status, profile.duplicate.message);

    expect(await profile.listNames(call, auth)).toEqual(expect.arrayContaining(['proto1', '__proto__']));
    const all = await call({ path: profile.usersPath, headers: auth });
    expect(all.text).not.toContain('polluted');
    const records = JSON.parse(all.text, (key, value: unknown) => {
      // Own keys only: JSON.parse would make "__proto__" an own property, which is what we look for.
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error(`a returned record carries "${key}"`);
      return value;
    });
    expect(records).toBeTruthy();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it('reads a 900 KB string inside the limit', async () => {
    const long = 'x'.repeat(900_000);
    const created = await call({ method: 'POST', path: profile.usersPath, headers: auth, json: { ...profile.newUser('long1'), [profile.freeTextField]: long } });
    expect(created.status, created.text.slice(0, 300)).toBe(profile.createdStatus);
    expect(await profile.listNames(call, auth)).toContain('long1');
    expect((await call({ path: profile.usersPath, headers: auth })).text).toContain(long);
  });

  it('answers bytes that are not UTF-8 400, naming UTF-8', async () => {
    const body = Buffer.concat([Buffer.from(JSON.stringify(profile.newUser('bytes1')).replace(/}$/, ', "x": "')), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]);
    expectRefusal(await create(body), 400, /not valid UTF-8/);
    expect(await profile.listNames(call, auth)).not.toContain('bytes1');
  });

  it('survives JSON nested 100 000 deep: refused as the body, ignored as an unknown field', async () => {
    const depth = 100_000;
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expectRefusal(await create(arrays), 400, /object/);
    expectRefusal(await create(objects), 400, /required/);
    for (const [name, nested] of [['deep1', arrays], ['deep2', objects]] as const) {
      const created = await create(JSON.stringify(profile.newUser(name)).replace(/}$/, `, "nested": ${nested}}`));
      expect(created.status, created.text.slice(0, 300)).toBe(profile.createdStatus);
    }
  });

  it('answers an unknown path under the API 404, naming it', async () => {
    const path = `${profile.usersPath}/1/no-such-thing`;
    expectRefusal(await call({ path, headers: auth }), 404, new RegExp(path.replace(/\//g, '\\/')));
  });

  it('answers a method the path does not take 405, with Allow', async () => {
    const response = await call({ method: 'PATCH', path: profile.usersPath, headers: auth, json: {} });
    expectRefusal(response, 405, /PATCH is not allowed/);
    expect(response.headers['allow']).toMatch(/^(?:GET|POST|PUT|DELETE)(?:, (?:GET|POST|PUT|DELETE))*$/);
    expect(response.headers['allow']).toContain('POST');
  });

  it('answers malformed percent-encoding in the path and the query below 500, in the API\'s shape', async () => {
    const pathResponse = await call({ path: `${profile.usersPath}/%E0%A4%A`, headers: auth });
    expect([400, 404]).toContain(pathResponse.status);
    expect(profile.errorMessage(pathResponse.body)).toMatch(/percent-encoding|No such endpoint/);
    // Past every HTTP client's own encoding: the raw target as a broken client would send it.
    const queryResponse = await rawExchange(mock.url, head('GET', `${profile.usersPath}?email=%zz&p=%E0%A4%A&userId=%`, { ...auth, connection: 'close' }));
    expect(queryResponse.status).toBeLessThan(500);
    if (queryResponse.status >= 400) expectApiShape(api, queryResponse.status, queryResponse.body);
  });

  it('shrugs off a client that hangs up mid-body: nothing committed, nothing logged as a failure', async () => {
    const before = logLines.length;
    const body = JSON.stringify(profile.newUser('gone1'));
    await hangUpMidBody(mock.url, `${head('POST', profile.usersPath, { ...auth, 'content-type': 'application/json', 'content-length': String(body.length) })}${body.slice(0, 10)}`);
    await expect.poll(() => logLines.slice(before).some((line) => line.includes(`POST ${profile.usersPath} -> 499`))).toBe(true);
    expect(await profile.listNames(call, auth)).not.toContain('gone1');
  });
});

describe('the HTTP front, whatever the API', () => {
  let vaaAuth: Record<string, string>;
  beforeAll(async () => {
    await mock.reset(['vaa'], 'documents');
    vaaAuth = await PROFILES.vaa.login((options) => mock.call('vaa', options));
  });

  it('binds loopback only by default', async () => {
    expect(new URL(mock.url).hostname).toBe('127.0.0.1');
    const port = Number(new URL(mock.url).port);
    const outside = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside === undefined) return; // no other interface to try from
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, outside.address, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['a Content-Length that is not a number', 'POST /api/v2/users HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400],
    ['both Content-Length and chunked (request smuggling)', 'POST /api/v2/users HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
    ['a header line without a colon', 'GET /api/v2/users HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', 400],
    ['broken chunked coding', 'POST /api/v2/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
    ['headers over 16 KB', `GET /api/v2/users HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('answers %s with its status, JSON naming the parser error, and keeps serving', async (_name, text, status) => {
    const response = await rawExchange(mock.url, text);
    expect([response.status, response.headers['connection']]).toEqual([status, 'close']);
    expect(JSON.parse(response.body)).toEqual({ error: expect.any(String), detail: expect.stringMatching(/^HPE_/) });
    expect((await mock.call('vaa', { path: '/api/v2/users', headers: vaaAuth })).status).toBe(200);
  });

  it('answers a path no API owns 404, naming the APIs and their paths', async () => {
    const response = await request(`${mock.url}/no/such/api`);
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: expect.stringContaining('/no/such/api'), apis: expect.arrayContaining([expect.objectContaining({ api: 'vaa' })]) });
  });

  it('reads a request target in absolute form (GET http://host/path), as HTTP/1.1 servers must', async () => {
    const response = await rawExchange(mock.url, head('GET', `${mock.url}/api/v2/users?userId=test`, { ...vaaAuth, connection: 'close' }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).data[0].userId).toBe('test');
  });

  it('answers a bug in a handler 500 in the API\'s own shape, saying so, and keeps serving', async () => {
    // Only the mock's own bugs may give a 5xx; even then the client gets an answer it can parse.
    const broken = { ...vaa, handlers: { ...vaa.handlers, listUsers: () => { throw new Error('deliberate bug'); } } };
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    const buggy = await startTestMock({ apis: ['vaa'], modules: { vaa: broken } });
    try {
      const response = await request(`${buggy.url}/api/v2/users`, { headers: vaaAuth });
      expect(response.statusCode).toBe(500);
      expect(await response.body.json()).toEqual({ status: 500, message: 'The mock failed while handling listUsers: deliberate bug.', data: [] });
      expect(String(errors[0]?.[0])).toContain('vaa listUsers failed');
      const created = await buggy.call('vaa', { method: 'POST', path: '/api/v2/users', headers: vaaAuth, json: PROFILES.vaa.newUser('after1') });
      expect(created.status).toBe(200);
    } finally {
      console.error = original;
      await buggy.close();
    }
  });
});
