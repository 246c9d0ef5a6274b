// The control endpoints under /__userapi, outside every API: health, reset (to empty or to the
// documents' users, for all or some APIs), and the replies that did not match the spec.
import { request } from 'undici';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { mockForFile } from '../support/file-mock.ts';
import { PROFILES } from '../support/apis.ts';

const mock = mockForFile({});

interface ControlAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

async function control(method: string, path: string, body?: string | Buffer): Promise<ControlAnswer> {
  const response = await request(`${mock.url}/__userapi${path}`, { method: method as 'GET', ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
  return { status: response.statusCode, headers: response.headers, body: await response.body.json() };
}

const names = async (api: ApiId): Promise<string[]> => PROFILES[api].listNames((options) => mock.call(api, options), await PROFILES[api].login((options) => mock.call(api, options)));

async function createOn(api: ApiId, name: string): Promise<void> {
  const profile = PROFILES[api];
  const auth = await profile.login((options) => mock.call(api, options));
  expect((await mock.call(api, { method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser(name) })).status).toBe(profile.createdStatus);
}

describe('GET /__userapi/health', () => {
  it('says the mock is up, which APIs it serves, and how', async () => {
    expect(await control('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', apis: [...API_IDS], strict: true, persistent: false } });
  });
});

describe('POST /__userapi/reset', () => {
  let documents: Map<ApiId, string[]>;
  beforeAll(async () => {
    await mock.reset(API_IDS, 'documents');
    documents = new Map(await Promise.all(API_IDS.map(async (api) => [api, await names(api)] as const)));
  });
  beforeEach(async () => {
    await mock.reset(API_IDS, 'documents');
    for (const api of API_IDS) await createOn(api, 'added1');
  });

  it('with {"seed": "empty"} empties every API', async () => {
    expect(await control('POST', '/reset', JSON.stringify({ seed: 'empty' }))).toMatchObject({ status: 200, body: { reset: [...API_IDS], seed: 'empty' } });
    for (const api of API_IDS) expect(await names(api), api).toEqual([]);
  });

  it('without a body restores the documents\' users everywhere (the default seed)', async () => {
    expect((await control('POST', '/reset')).status).toBe(200);
    for (const api of API_IDS) expect(await names(api), api).toEqual(documents.get(api));
  });

  it.each(API_IDS)('with {"api": "%s"} resets that API only', async (api) => {
    expect(await control('POST', '/reset', JSON.stringify({ api, seed: 'empty' }))).toMatchObject({ status: 200, body: { reset: [api], seed: 'empty' } });
    expect(await names(api)).toEqual([]);
    for (const other of API_IDS.filter((candidate) => candidate !== api)) expect(await names(other), other).toContain('added1');
    expect(await control('POST', '/reset', JSON.stringify({ api: [api], seed: 'documents' }))).toMatchObject({ status: 200, body: { reset: [api], seed: 'documents' } });
    expect(await names(api)).toEqual(documents.get(api));
  });

  it('takes api and seed from the query string too', async () => {
    const api: ApiId = 'tyk';
    expect((await control('POST', `/reset?api=${api}&seed=empty`)).status).toBe(200);
    expect(await names(api)).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"api": ', /not valid JSON/],
    ['JSON null', 'null', /must be a JSON object/],
    ['a JSON array', '["vaa"]', /must be a JSON object/],
    ['an unknown API', '{"api": "nope"}', /Not served by this mock: nope/],
    ['an empty API list', '{"api": []}', /names no API/],
    ['an API that is not a string', '{"api": 5}', /"api" must be an API name or a list of them/],
    ['an unknown seed', '{"seed": "everything"}', /Unknown seed "everything"/],
    ['a seed that is not a string', '{"seed": null}', /Unknown seed null/],
  ])('answers %s 400, naming what is wrong, and resets nothing', async (_name, body, message) => {
    const answer = await control('POST', '/reset', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
    expect(answer.body.usage).toContain('"seed"');
    for (const api of API_IDS) expect(await names(api), api).toContain('added1');
  });

  it('answers a body over the limit 413, and resets nothing (an unread body is no empty body)', async () => {
    const answer = await control('POST', '/reset', Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/exceeds the limit/);
    for (const api of API_IDS) expect(await names(api), api).toContain('added1');
  });
});

describe('the control namespace', () => {
  it('answers a method an endpoint does not take 405, with Allow', async () => {
    for (const [method, path, allow] of [['GET', '/reset', 'POST'], ['POST', '/health', 'GET'], ['DELETE', '/violations', 'GET']] as const) {
      const answer = await control(method, path);
      expect([answer.status, answer.headers['allow']]).toEqual([405, allow]);
      expect(answer.body.error).toContain(`takes ${allow}`);
    }
  });

  it('answers an unknown control endpoint 404, listing the endpoints', async () => {
    const answer = await control('GET', '/nope');
    expect(answer.status).toBe(404);
    expect(answer.body.endpoints).toEqual(['GET /__userapi/health', 'POST /__userapi/reset', 'GET /__userapi/violations', 'GET, DELETE /__userapi/requests']);
  });

  it('answers GET /violations with the server\'s list of non-conforming replies (none so far)', async () => {
    const answer = await control('GET', '/violations');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(mock.server.violations);
    expect(answer.body).toEqual([]);
  });
});
