// CORS, as a browser page on another origin meets it: preflights answered before any API sees them
// (with the APIs' credential headers allowed), the Origin echoed on every answer, errors included, and
// nothing of it with --no-cors / --cors=false (in-process and through the CLI).
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { takeCorsFlag } from '../../mock/cors.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { killAll, runCli, startMockProcess } from '../support/cli.ts';

const ORIGIN = 'http://localhost:3000';

async function send(url: string, method: string, headers: Record<string, string> = {}, body?: string) {
  const response = await request(url, { method: method as 'GET', headers, ...(body === undefined ? {} : { body }) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers as Record<string, string | undefined>, text };
}

function preflight(url: string, method: string, requestHeaders: string) {
  return send(url, 'OPTIONS', { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders });
}

describe('CORS on (the default)', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0 });
  });
  afterAll(async () => {
    await mock.close();
  });

  it.each([
    ['vaa', '/api/v2/users', 'GET', 'x-lxt-api-token'],
    ['checkmarx', '/cxrestapi/auth/Users/1', 'PUT', 'authorization, content-type'],
    ['tyk', '/api/users', 'POST', 'authorization, content-type'],
    ['tyk admin', '/admin/users/5', 'DELETE', 'admin-auth'],
  ])('answers a %s preflight 204, allowing its method, its credential header and the origin', async (_name, path, method, requestHeaders) => {
    const answer = await preflight(`${mock.url}${path}`, method, requestHeaders);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-methods']?.split(', ')).toContain(method);
    const allowed = answer.headers['access-control-allow-headers']?.split(', ') ?? [];
    for (const header of ['x-lxt-api-token', 'authorization', 'admin-auth', 'content-type', 'accept', ...requestHeaders.split(', ')]) expect(allowed).toContain(header);
    expect(answer.headers['vary']).toMatch(/\bOrigin\b/);
    expect(Number(answer.headers['access-control-max-age'])).toBeGreaterThan(0);
  });

  it('allows a header the page asks for beyond the APIs\' own, and a private-network preflight', async () => {
    const answer = await send(`${mock.url}/api/users`, 'OPTIONS', {
      origin: 'https://admin.example.com',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'X-Request-Id',
      'access-control-request-private-network': 'true',
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']?.split(', ')).toContain('x-request-id');
    expect(answer.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    expect(answer.headers['access-control-allow-private-network']).toBe('true');
  });

  it('echoes the Origin on a served answer and exposes the headers a page may need', async () => {
    const answer = await send(`${mock.url}/api/v2/users?email=tset`, 'GET', { origin: ORIGIN, 'x-lxt-api-token': DEFAULT_SETTINGS.vaa.token });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 200, message: 'Success' });
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['access-control-expose-headers']).toContain('retry-after');
    expect(answer.headers['vary']).toBe('Origin');
  });

  it.each([
    ['a refused credential (401, the API\'s shape)', '/api/users', { authorization: 'wrong' }, 401],
    ['an unknown path (404)', '/nowhere', {}, 404],
    ['a method the path does not take (405)', '/api/v2/login', {}, 405],
    ['a control endpoint', '/__userapi/health', {}, 200],
  ])('echoes the Origin on %s too', async (_name, path, headers, status) => {
    const answer = await send(`${mock.url}${path}`, 'GET', { origin: ORIGIN, ...headers });
    expect(answer.status).toBe(status);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('a file:// page (Origin: null) is allowed as such; without an Origin there is no CORS header but Vary', async () => {
    const fromFile = await send(`${mock.url}/__userapi/health`, 'GET', { origin: 'null' });
    expect(fromFile.headers['access-control-allow-origin']).toBe('null');
    const plain = await send(`${mock.url}/__userapi/health`, 'GET');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Origin');
  });

  it('an OPTIONS that is not a preflight (no Access-Control-Request-Method) goes to the API, as without CORS', async () => {
    const answer = await send(`${mock.url}/api/users`, 'OPTIONS', { origin: ORIGIN, authorization: DEFAULT_SETTINGS.tyk.accessKey });
    expect(answer.status).not.toBe(204);
    expect(JSON.parse(answer.text)).toMatchObject({ Status: 'Error' });
  });
});

describe('CORS off', () => {
  it('startMockServer({ cors: false }): a preflight reaches the API and is refused there; no CORS header anywhere', async () => {
    const mock = await startMockServer({ port: 0, cors: false, apis: ['tyk'] });
    try {
      const answer = await preflight(`${mock.url}/api/users`, 'POST', 'authorization, content-type');
      expect(answer.status).toBe(405);
      expect(JSON.parse(answer.text)).toMatchObject({ Status: 'Error' });
      const served = await send(`${mock.url}/api/users`, 'GET', { origin: ORIGIN, authorization: DEFAULT_SETTINGS.tyk.accessKey });
      expect(served.status).toBe(200);
      for (const headers of [answer.headers, served.headers]) {
        expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(headers['vary']).toBeUndefined();
      }
    } finally {
      await mock.close();
    }
  });

  it.each([['--no-cors'], ['--cors=false']])('userapi mock %s serves without CORS', async (flag) => {
    const mock = await startMockProcess(['--port', '0', '--quiet', '--api', 'vaa', flag]);
    try {
      const answer = await preflight(`${mock.url}/api/v2/users`, 'GET', 'x-lxt-api-token');
      expect(answer.status).toBe(405);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await mock.stop();
      await killAll();
    }
  }, 60_000);

  it('--cors=true keeps it on; a --cors value that is not true or false is a usage error (exit 2)', async () => {
    expect(takeCorsFlag(['--port', '0', '--cors=true'])).toEqual({ cors: true, rest: ['--port', '0'] });
    expect(takeCorsFlag(['--cors'])).toEqual({ cors: true, rest: [] });
    expect(takeCorsFlag(['--quiet'])).toEqual({ cors: undefined, rest: ['--quiet'] });
    const exit = await runCli(['mock', '--cors=off']);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/^userapi mock: --cors must be --cors=true or --cors=false, not '--cors=off'/);
    const negated = await runCli(['mock', '--no-cors=true']);
    expect(negated.code).toBe(2);
    expect(negated.stderr).toMatch(/^userapi mock: --no-cors takes no value/);
  }, 60_000);
});
