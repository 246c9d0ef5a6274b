// What the tests of the shared mock machinery need to know of each API, so one test runs against all
// three: how to get a credential, what creates a user, how the API refuses a duplicate, where its
// error message lives, and which names it currently holds.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { APIS, type ApiId } from '../../specs/apis.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import type { CallOptions, CheckedResponse } from './mock.ts';

/** Sends one request to a mock (in process or a child) and checks the answer against the spec. */
export type Caller = (options: CallOptions) => Promise<CheckedResponse>;

export interface ApiProfile {
  api: ApiId;
  /** Headers of a caller allowed to create users. */
  login(call: Caller): Promise<Record<string, string>>;
  /** Where users are created (POST), and listed (GET). */
  usersPath: string;
  /** The JSON body that creates the user `name` (a letters-and-digits name). */
  newUser(name: string): Record<string, unknown>;
  /** A field of that body any string fits, for very long strings. */
  freeTextField: string;
  createdStatus: number;
  /** How the API refuses a second user of the same name (its documented answer). */
  duplicate: { status: number; message: RegExp };
  /** The names (as newUser takes them) of every user the mock holds. */
  listNames(call: Caller, auth: Record<string, string>): Promise<string[]>;
  /** The message of an error answer, in the API's own shape; undefined when it has none (Checkmarx 401/403). */
  errorMessage(body: unknown): string | undefined;
}

const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function expectOk(response: CheckedResponse, what: string): Promise<CheckedResponse> {
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${response.text.slice(0, 300)}`);
  return response;
}

export const PROFILES: Record<ApiId, ApiProfile> = {
  vaa: {
    api: 'vaa',
    login: async () => ({ 'x-lxt-api-token': DEFAULT_SETTINGS.vaa.token }),
    usersPath: '/api/v2/users',
    newUser: (name) => ({ userId: name, email: `${name}@example.com`, firstName: 'Ada', lastName: 'Lovelace' }),
    freeTextField: 'firstName',
    createdStatus: 200,
    duplicate: { status: 400, message: /^User already exists\.$/ },
    async listNames(call, auth) {
      const response = await call({ path: '/api/v2/users', headers: auth });
      // The document's quirk: an empty list is HTTP 400 "User(s) not found.".
      if (response.status === 400 && response.body.message === 'User(s) not found.') return [];
      return ((await expectOk(response, 'vaa listUsers')).body.data as Array<{ userId: string }>).map((user) => user.userId);
    },
    errorMessage: (body) => text(field(body, 'message')),
  },
  checkmarx: {
    api: 'checkmarx',
    async login(call) {
      const grant = {
        grant_type: 'password',
        username: DEFAULT_SETTINGS.checkmarx.username,
        password: DEFAULT_SETTINGS.checkmarx.password,
        scope: 'sast_rest_api access_control_api',
        client_id: 'resource_owner_client',
        client_secret: '014DF517-39D1-4453-B7B3-9930C563627C',
      };
      const response = await call({ method: 'POST', path: '/cxrestapi/auth/identity/connect/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(grant).toString() });
      return { authorization: `Bearer ${(await expectOk(response, 'checkmarx token')).body.access_token}` };
    },
    usersPath: '/cxrestapi/auth/Users',
    newUser: (name) => ({ username: name, firstName: 'Ada', lastName: 'Lovelace', email: `${name}@example.com` }),
    freeTextField: 'firstName',
    createdStatus: 201,
    duplicate: { status: 400, message: /already exists/ },
    async listNames(call, auth) {
      const response = await expectOk(await call({ path: '/cxrestapi/auth/Users', headers: auth }), 'checkmarx listUsers');
      return (response.body as Array<{ userName: string }>).map((user) => user.userName);
    },
    errorMessage: (body) => text(field(body, 'messageDetails')),
  },
  tyk: {
    api: 'tyk',
    login: async () => ({ authorization: DEFAULT_SETTINGS.tyk.accessKey }),
    usersPath: '/api/users',
    newUser: (name) => ({ email_address: `${name}@example.com`, first_name: 'Ada', last_name: 'Lovelace', active: true }),
    freeTextField: 'first_name',
    createdStatus: 200,
    duplicate: { status: 403, message: /^User email already exists for this org\.$/ },
    async listNames(call, auth) {
      const response = await expectOk(await call({ path: '/api/users', headers: auth }), 'tyk listUsers');
      return (response.body.users as Array<{ email_address: string }>).map((user) => user.email_address.replace(/@example\.com$/, ''));
    },
    errorMessage: (body) => text(field(body, 'Message')),
  },
};

const errorValidators = new Map<ApiId, (value: unknown) => string | undefined>();

/**
 * What is wrong with `body` as an error answer of `api` (its spec's error schema), or undefined; for
 * answers read off a raw socket, which `mock.call` never sees.
 */
export function errorShapeProblem(api: ApiId, status: number, body: unknown): string | undefined {
  if (body === undefined) return APIS[api].errorBodyOptional && (status === 401 || status === 403) ? undefined : 'no body';
  let validate = errorValidators.get(api);
  if (!validate) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(loadSpecDocument(api) as object, 'spec');
    const compiled = ajv.compile({ $ref: `spec#/components/schemas/${APIS[api].errorSchema}` });
    validate = (value) => (compiled(value) ? undefined : ajv.errorsText(compiled.errors));
    errorValidators.set(api, validate);
  }
  return validate(body);
}
