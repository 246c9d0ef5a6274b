// "Authorization: Bearer <access token value>" on every operation, and "Code: 401 Unauthorized" in
// every operation's Error Response: a call without a valid bearer token (none, made up, forged) is
// refused and changes nothing. The document lists both 401 and 403 for every operation without saying
// which answers what: a refusal with either passes (MUST); 401, which names a missing or bad
// credential (403 being the permission's, see permissions.ts), is what it implies (SHOULD). How a token
// is obtained is not in the document (facts.md): those checks are observations.
import { randomBytes } from 'node:crypto';
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { HttpRequest } from '../harness/http.ts';
import { expectEachRefused, sendWithEach, type BadCredential } from '../harness/refusals.ts';
import { expectAnswer } from './assertions.ts';
import { CheckmarxDriver, deleteAfterwards, passwordGrant, tokenOf } from './driver.ts';
import { AUTHORIZATION_HEADER, INFO, MUST, SHOULD, WRITES, ref, statement, type Part } from './document.ts';
import { installationOf } from './installation.ts';
import { MEDIA_TYPE, TOKEN_PATH, WRITE_OPERATIONS, type UserOperation } from './operations.ts';
import { expectNoUserNamed, expectStillStored } from './reads.ts';
import { createdUser, migrationBody, newUser, readableUser, strongPassword } from './users.ts';

const PARTS: Record<UserOperation, Part> = {
  listUsers: 'list-users',
  getUser: 'get-user',
  createUser: 'create-user',
  updateUser: 'update-user',
  deleteUser: 'delete-user',
  migrateUser: 'migrate-user',
};

const statements = Object.values(PARTS).flatMap((part) => [
  statement(part, 'header-authorization', 'Media Type (header):', AUTHORIZATION_HEADER),
  statement(part, 'status-401', 'Error Response:', 'Code: 401 Unauthorized'),
]);

/** A token shaped like IdentityServer's (an RS256 JWT) that no server issued. */
function forgedToken(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ sub: '1', iat: now, exp: now + 3600, scope: ['sast_rest_api', 'access_control_api'] })}.${randomBytes(32).toString('base64url')}`;
}

const BAD_CREDENTIALS: BadCredential[] = [
  { label: 'without an Authorization header', headers: { authorization: null } },
  { label: 'with a made-up bearer token', headers: { authorization: `Bearer ${randomBytes(20).toString('hex')}` } },
  { label: 'with a forged JWT', headers: { authorization: `Bearer ${forgedToken()}` } },
];

/** The request to send without a valid token, and what must hold afterwards (nothing changed). */
type Setup = (context: CheckContext, driver: CheckmarxDriver) => Promise<{ request: HttpRequest; afterwards?: () => Promise<void> }>;

const SETUPS: Record<UserOperation, { title: string; setup: Setup }> = {
  listUsers: { title: 'GET /Users', setup: async (_context, driver) => ({ request: driver.request('listUsers') }) },
  getUser: { title: 'GET /Users/{id}', setup: async (context, driver) => ({ request: driver.request('getUser', { id: (await readableUser(context, driver)).id }) }) },
  createUser: {
    title: 'POST /Users (and it creates nobody)',
    setup: async (context, driver) => {
      const body = await newUser(context, 'anon');
      deleteAfterwards(context, String(body['username']));
      return { request: driver.request('createUser', { body }), afterwards: () => expectNoUserNamed(driver, String(body['username']), 'createUser', 'after the refused POSTs') };
    },
  },
  updateUser: {
    title: 'PUT /Users/{id} (and it changes nothing)',
    setup: async (context, driver) => {
      const { owned, body } = await createdUser(context, driver);
      const request = driver.request('updateUser', { id: owned.id, body: { firstName: 'Changed', lastName: 'Without a token' } });
      return { request, afterwards: () => expectStillStored(driver, owned.id, { firstName: body['firstName'], lastName: body['lastName'] }, 'updateUser', 'after the refused PUTs') };
    },
  },
  deleteUser: {
    title: 'DELETE /Users/{id} (and it deletes nothing)',
    setup: async (context, driver) => {
      const { owned } = await createdUser(context, driver);
      return { request: driver.request('deleteUser', { id: owned.id }), afterwards: () => expectStillStored(driver, owned.id, { id: owned.id, userName: owned.userName }, 'deleteUser', 'after the refused DELETEs') };
    },
  },
  migrateUser: {
    title: 'POST /Users/migration (and it creates nobody)',
    setup: async (context, driver) => {
      const body = migrationBody(context.uniqueName('anon'), await installationOf(context));
      deleteAfterwards(context, String(body['username']));
      return { request: driver.request('migrateUser', { body }), afterwards: () => expectNoUserNamed(driver, String(body['username']), 'migrateUser', 'after the refused migrations') };
    },
  },
};

function withoutTokenCheck(operation: UserOperation): Check {
  const { title, setup } = SETUPS[operation];
  const part = PARTS[operation];
  return {
    id: `checkmarx/auth/${part}-without-token-is-401`,
    api: 'checkmarx',
    title: `${title} without a valid bearer token (none, made up, forged) is refused with 401 (or 403, also documented)`,
    levels: MUST,
    statements: [ref(part, 'header-authorization'), ref(part, 'status-401'), ...(operation === 'listUsers' ? [ref('list-users', 'notes-error')] : [])],
    ...(WRITE_OPERATIONS.includes(operation) ? { requires: WRITES } : {}),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { request, afterwards } = await setup(context, driver);
      const answers = await sendWithEach((sent) => driver.sendRaw(sent), request, BAD_CREDENTIALS);
      expectEachRefused(answers, `${request.method} ${request.path}`, { statuses: [401, 403], expected: 'HTTP 401 (the document\'s "Code: 401 Unauthorized"; 403 passes too)', operation });
      await afterwards?.();
    },
  };
}

const checks: Check[] = [
  ...(['listUsers', 'getUser', 'createUser', 'updateUser', 'deleteUser', 'migrateUser'] as const).map(withoutTokenCheck),
  {
    id: 'checkmarx/auth/missing-token-is-401',
    api: 'checkmarx',
    title: 'GET /Users and GET /Users/{id} without a valid bearer token answer 401 Unauthorized, not 403 (which the document keeps for a missing permission)',
    levels: SHOULD,
    statements: [ref('list-users', 'status-401'), ref('get-user', 'status-401')],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      for (const request of [driver.request('listUsers'), driver.request('getUser', { id: (await readableUser(context, driver)).id })]) {
        const answers = await sendWithEach((sent) => driver.sendRaw(sent), request, BAD_CREDENTIALS);
        expectEachRefused(answers, `${request.method} ${request.path}`, { statuses: [401], expected: 'HTTP 401 (the document\'s "Code: 401 Unauthorized")', operation: request.path.endsWith('/Users') ? 'listUsers' : 'getUser' });
      }
    },
  },
  {
    id: 'checkmarx/auth/lower-case-bearer-accepted',
    api: 'checkmarx',
    title: 'Observation (RFC 6750, RFC 7235): the Authorization scheme is case-insensitive, "bearer <token>" is accepted like "Bearer <token>"',
    levels: INFO,
    statements: [ref('list-users', 'header-authorization')],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      expectAnswer(await driver.list(), 'listUsers', 200, 'GET /Users with "Bearer <token>"');
      const exchange = await driver.sendRaw({ ...driver.request('listUsers'), headers: { accept: MEDIA_TYPE, authorization: `bearer ${driver.token ?? ''}` } });
      expectAnswer(exchange, 'listUsers', 200, 'GET /Users with "bearer <token>" (lower-case scheme)');
    },
  },
  {
    id: 'checkmarx/auth/refusals-have-no-body',
    api: 'checkmarx',
    title: 'Observation (facts): a 401 comes without a body, as on CxSAST',
    levels: INFO,
    statements: [ref('list-users', 'status-401')],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const exchange = await driver.sendRaw(driver.request('listUsers'));
      expectAnswer(exchange, 'listUsers', 401, 'GET /Users without a token');
      if (exchange.response.text.trim() !== '') fail('GET /Users without a token: the 401 has a body', 'HTTP 401 with no body', answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
    },
  },
  {
    id: 'checkmarx/token/password-grant-answers-bearer-token',
    api: 'checkmarx',
    title: 'Observation (facts): the password grant answers {"access_token", "token_type": "Bearer", "expires_in"} and the token works',
    levels: INFO,
    statements: [ref('list-users', 'header-authorization')],
    requires: ['login-credentials'],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { username, password } = context.config.credentials;
      const exchange = await driver.sendRaw(passwordGrant(username as string, password as string));
      expectAnswer(exchange, 'requestToken', 200, `POST ${TOKEN_PATH} (password grant)`);
      const body = exchange.response.json as { access_token?: unknown; token_type?: unknown; expires_in?: unknown } | undefined;
      if (typeof body?.access_token !== 'string' || body.access_token === '' || typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer' || !Number.isInteger(body.expires_in)) {
        fail('the token answer is not {"access_token": "<token>", "token_type": "Bearer", "expires_in": <seconds>}', '{"access_token": "...", "expires_in": 86400, "token_type": "Bearer"}', answerOf(exchange), { kind: 'schema', operation: 'requestToken' });
      }
      const token = tokenOf(exchange) as string;
      expectAnswer(await driver.sendRaw({ ...driver.request('listUsers'), headers: { accept: MEDIA_TYPE, authorization: `${body.token_type} ${token}` } }), 'requestToken', 200, 'GET /Users with the new token');
    },
  },
  {
    id: 'checkmarx/token/bad-credentials-invalid-grant',
    api: 'checkmarx',
    title: 'Observation (facts): the password grant with credentials nobody has answers 400 {"error": "invalid_grant"} and no token',
    levels: INFO,
    statements: [ref('list-users', 'header-authorization')],
    requires: ['login-credentials'],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      // An unknown user, never a wrong password for a real one: that could lock a real account out.
      const exchange = await driver.sendRaw(passwordGrant(context.uniqueName('nobody'), strongPassword()));
      expectAnswer(exchange, 'requestToken', 400, `POST ${TOKEN_PATH} with unknown credentials`);
      const body = exchange.response.json as { error?: unknown; access_token?: unknown } | undefined;
      if (body?.error !== 'invalid_grant' || body.access_token !== undefined) fail('the refusal is not {"error": "invalid_grant"}', '{"error":"invalid_grant","error_description":"invalid_username_or_password"}', answerOf(exchange), { kind: 'literal', operation: 'requestToken' });
    },
  },
];

export const section = defineSection({ title: 'Media Type (header): Authorization; Error Response: 401 Unauthorized', statements, checks });
