// Fault injection, to test clients' timeouts and retries: --latency delays every API answer, --fail-rate
// answers a share of API requests 503 in the API's own shape with Retry-After. The control endpoints
// are never delayed or failed: a test harness must always be able to reset the mock.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { call, startTestMock, type TestMock } from '../support/mock.ts';
import { PROFILES } from '../support/apis.ts';
import { killAll, startMockProcess, type MockProcess } from '../support/cli.ts';

const LATENCY_MS = 300;

/** One authenticated list request; the login itself is also faulted, so it is tried until it passes. */
async function listUsers(url: string, api: ApiId) {
  const profile = PROFILES[api];
  const send = (options: Parameters<typeof call>[2]) => call(url, api, { ...options, allowServiceUnavailable: true });
  let auth: Record<string, string> | undefined;
  for (let attempt = 0; auth === undefined && attempt < 50; attempt += 1) auth = await profile.login(send).catch(() => undefined);
  return send({ path: profile.usersPath, headers: auth ?? {} });
}

async function control(url: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<number> {
  const response = await request(`${url}/__userapi${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  await response.body.dump();
  return response.statusCode;
}

describe('--fail-rate 1 --latency MS, from the CLI', () => {
  let mock: MockProcess;
  beforeAll(async () => {
    mock = await startMockProcess(['--port', '0', '--quiet', '--fail-rate', '1', '--latency', String(LATENCY_MS)]);
  }, 60_000);
  afterAll(killAll);

  it.each(API_IDS)('%s: answers 503 in the API\'s own shape, with Retry-After, after at least the latency', async (api) => {
    const started = performance.now();
    // No credential needed: the failure is injected before anything else is looked at.
    const response = await call(mock.url, api, { path: PROFILES[api].usersPath, allowServiceUnavailable: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(PROFILES[api].errorMessage(response.body)).toMatch(/Injected failure \(--fail-rate\)/);
  });

  it('never faults the control endpoints', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await control(mock.url, 'GET', '/health')).toBe(200);
      expect(await control(mock.url, 'GET', '/violations')).toBe(200);
      expect(await control(mock.url, 'POST', '/reset', { seed: 'empty' })).toBe(200);
    }
    expect((await mock.stop('SIGTERM')).code).toBe(0);
  });
});

describe('--latency alone', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock({ latencyMs: LATENCY_MS });
  });
  afterAll(() => mock.close());

  it.each(API_IDS)('%s: serves normally, each answer after at least the latency', async (api) => {
    const auth = await PROFILES[api].login((options) => mock.call(api, options));
    const started = performance.now();
    const response = await mock.call(api, { path: PROFILES[api].usersPath, headers: auth });
    expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(response.status).toBe(200);
  });
});

describe('--fail-rate 0.5', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock({ failRate: 0.5 });
  });
  afterAll(() => mock.close());

  it.each(API_IDS)('%s: gives a mix of real answers and 503s', async (api) => {
    // 60 requests all alike by chance: 2^-59.
    const statuses = new Set<number>();
    for (let index = 0; index < 60; index += 1) statuses.add((await listUsers(mock.url, api)).status);
    expect(statuses).toEqual(new Set([200, 503]));
  });

  it('never faults the control endpoints', async () => {
    for (let attempt = 0; attempt < 30; attempt += 1) expect(await control(mock.url, 'GET', '/health')).toBe(200);
  });
});
