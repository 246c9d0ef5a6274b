// What the benchmark sends: each API's documented requests with the mock's default credentials, new
// users to create (a unique one per POST, so every POST measures a real create, never "already exists"),
// and the control requests that put a mock in the state a measurement starts from.
import { CONTROL_PREFIX, DEFAULT_SETTINGS } from '../mock/defaults.ts';
import type { ApiId } from '../specs/apis.ts';
import { nextSequence, runLoad, type LoadRequest } from './load.ts';
import type { Probe } from './servers.ts';

const { vaa, checkmarx, tyk } = DEFAULT_SETTINGS;

export const VAA_AUTH = { 'x-lxt-api-token': vaa.token };
export const TYK_AUTH = { authorization: tyk.accessKey };
export const CHECKMARX_MEDIA_TYPE = 'application/json;v=1.0';

/** A request every server of an API answers 2xx once it is up (Prism only checks that a credential is there). */
export const READY_PROBES: Record<ApiId, Probe> = {
  vaa: { path: '/api/v2/users', headers: VAA_AUTH },
  checkmarx: { path: '/cxrestapi/auth/Teams', headers: { authorization: 'Bearer benchmark' } },
  tyk: { path: '/api/users', headers: TYK_AUTH },
};

export type CreateVariant = 'vaa' | 'checkmarx' | 'tyk' | 'tyk-password';

/** POST create of a new user; `auth` carries the credential (Checkmarx's is a token from the mock). */
export function createRequest(variant: CreateVariant, auth: Record<string, string>): LoadRequest {
  switch (variant) {
    case 'vaa':
      return {
        method: 'POST',
        path: '/api/v2/users',
        headers: { ...auth, 'content-type': 'application/json' },
        body: (n) => JSON.stringify({ userId: `bench${n}`, email: `bench${n}@example.com`, firstName: 'Bench', lastName: 'User' }),
      };
    case 'checkmarx':
      return {
        method: 'POST',
        path: '/cxrestapi/auth/Users',
        headers: { ...auth, 'content-type': CHECKMARX_MEDIA_TYPE },
        body: (n) =>
          JSON.stringify({ username: `bench${n}`, firstName: 'Bench', lastName: 'User', email: `bench${n}@example.com`, roleIds: [2], teamIds: [1], authenticationProviderId: 1, active: 'true', localeId: 1 }),
      };
    case 'tyk':
    case 'tyk-password':
      return {
        method: 'POST',
        path: '/api/users',
        headers: { ...auth, 'content-type': 'application/json' },
        body: (n) =>
          JSON.stringify({
            first_name: 'Bench',
            last_name: 'User',
            email_address: `bench${n}@example.com`,
            active: true,
            user_permissions: { users: 'read' },
            ...(variant === 'tyk-password' ? { password: `bench-password-${n}` } : {}),
          }),
      };
  }
}

export async function resetApis(baseUrl: string, apis: ApiId[], seed: 'documents' | 'empty'): Promise<void> {
  const response = await fetch(`${baseUrl}${CONTROL_PREFIX}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api: apis, seed }) });
  if (!response.ok) throw new Error(`reset ${apis.join(',')} answered ${response.status}: ${await response.text()}`);
}

/** A bearer token of the mock's Checkmarx administrator (a user, or with seed 'empty' the service account). */
export async function checkmarxToken(baseUrl: string): Promise<Record<string, string>> {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: checkmarx.username,
    password: checkmarx.password,
    client_id: 'resource_owner_client',
    client_secret: '014DF517-39D1-4453-B7B3-9930C563627C',
    scope: 'sast_rest_api access_control_api',
  });
  const response = await fetch(`${baseUrl}/cxrestapi/auth/identity/connect/token`, { method: 'POST', body: form });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || body.access_token === undefined) throw new Error(`checkmarx token request answered ${response.status}`);
  return { authorization: `Bearer ${body.access_token}` };
}

/**
 * Adds `count` new users through the API (10 connections when there are many); throws unless all are
 * created. Resolves to the seconds it took.
 */
export async function createUsers(baseUrl: string, variant: CreateVariant, auth: Record<string, string>, count: number): Promise<number> {
  const request = createRequest(variant, auth);
  if (count >= 100) {
    const result = await runLoad(baseUrl, request, { amount: count });
    if (result.errors > 0 || result.responses !== count) throw new Error(`seeding ${count} ${variant} users: ${result.responses} answered, ${result.errors} errors ${JSON.stringify(result.statusCodes)}`);
    return result.seconds;
  }
  const started = performance.now();
  for (let created = 0; created < count; created += 1) {
    const response = await fetch(`${baseUrl}${request.path}`, { method: 'POST', headers: request.headers, body: request.body!(nextSequence()) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`creating a ${variant} user answered ${response.status}`);
  }
  return (performance.now() - started) / 1000;
}

export interface Scenario {
  /** Stable key, e.g. 'vaa-list-3'. */
  id: string;
  title: string;
  api: ApiId;
  method: 'GET' | 'POST';
  /** Puts a mock in the state the measurement starts from; returns the request to send it. */
  prepare(baseUrl: string): Promise<LoadRequest>;
}

function listScenario(api: 'vaa' | 'tyk', users: number): Scenario {
  const path = api === 'vaa' ? '/api/v2/users' : '/api/users';
  const auth = api === 'vaa' ? VAA_AUTH : TYK_AUTH;
  return {
    id: `${api}-list-${users}`,
    title: `${api} GET ${path} (${users} users)`,
    api,
    method: 'GET',
    async prepare(baseUrl) {
      await resetApis(baseUrl, [api], 'empty');
      await createUsers(baseUrl, api, auth, users);
      return { method: 'GET', path, headers: auth };
    },
  };
}

function createScenario(variant: CreateVariant, title: string): Scenario {
  const api: ApiId = variant === 'tyk-password' ? 'tyk' : variant;
  return {
    id: `${variant}-create`,
    title,
    api,
    method: 'POST',
    async prepare(baseUrl) {
      await resetApis(baseUrl, [api], 'documents');
      const auth = api === 'vaa' ? VAA_AUTH : api === 'tyk' ? TYK_AUTH : await checkmarxToken(baseUrl);
      return createRequest(variant, auth);
    },
  };
}

/** Section 1: the requests measured against our mock, `prism mock` and the bare server. */
export const THROUGHPUT_SCENARIOS: Scenario[] = [
  listScenario('vaa', 3),
  listScenario('vaa', 100),
  listScenario('tyk', 3),
  listScenario('tyk', 100),
  {
    id: 'checkmarx-get',
    title: 'checkmarx GET /cxrestapi/auth/Users/1 (documents seed)',
    api: 'checkmarx',
    method: 'GET',
    async prepare(baseUrl) {
      await resetApis(baseUrl, ['checkmarx'], 'documents');
      return { method: 'GET', path: '/cxrestapi/auth/Users/1', headers: { ...(await checkmarxToken(baseUrl)), accept: CHECKMARX_MEDIA_TYPE } };
    },
  },
  createScenario('vaa', 'vaa POST /api/v2/users (a new user each time)'),
  createScenario('checkmarx', 'checkmarx POST /cxrestapi/auth/Users (a new user each time, no password)'),
  createScenario('tyk', 'tyk POST /api/users (a new user each time, without a password)'),
  createScenario('tyk-password', 'tyk POST /api/users (a new user each time, with a password: PBKDF2-SHA256, off the event loop)'),
];
