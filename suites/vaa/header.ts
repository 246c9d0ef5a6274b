// Header (required): every operation needs the x-lxt-api-token "token from login". Each operation is
// sent without one and with a forged one: refused (401 or 403: the document shows no refusal, so
// either is a choice), and nothing changed. How the refusal looks beyond its status is implied by the
// document's other errors (the envelope), and the vendor's 403 is an observation only.
import { answerOf, fail } from '../harness/expect.ts';
import { defineSection, type Check, type CheckContext, type Statement } from '../harness/check.ts';
import { expectEachRefused, sendWithEach, type Answer, type BadCredential } from '../harness/refusals.ts';
import { envelopeProblem, type VaaOperation } from './answers.ts';
import { OPERATIONS, TOKEN_HEADER, VaaDriver, newIdentity } from './driver.ts';
import { expectStored } from './story.ts';

const statements: Statement[] = [
  { id: 'vaa:header/token-required', section: 'Header (required)', text: '``x-lxt-api-token``: "token from login"', level: 'MUST' },
  {
    id: 'vaa:users/errors-in-envelope',
    section: 'GET > Example 4; POST > Example 2; DELETE > Example 2',
    text: '{ "status":400, "message":"User(s) not found.", "data":[] } RESP_CODE: ``400`` ... {"status":400, "message":"User already exists.", "data":[] } RESP_CODE: ``400`` ... {"status":404, "message":"Invalid user", "data":[] } RESP_CODE: ``404``',
    level: 'SHOULD',
  },
];

/** A token shaped like the vendor's (an RS256 JWT) that no server issued. */
function forgedToken(username: string | undefined): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ typ: 'JWT', alg: 'RS256' })}.${encode({ sub: username ?? 'lxt_api_user', iat: Math.floor(Date.now() / 1000) })}.${Buffer.from('not a signature of the server').toString('base64url')}`;
}

function badCredentials(context: CheckContext): BadCredential[] {
  return [
    { label: 'without x-lxt-api-token', headers: { [TOKEN_HEADER]: null } },
    { label: 'with a forged x-lxt-api-token', headers: { [TOKEN_HEADER]: forgedToken(context.config.credentials.username) } },
  ];
}

/** The operation's request sent once per bad credential, never with the run's token. */
function sendUnauthenticated(context: CheckContext, operation: VaaOperation, body?: unknown): Promise<Answer[]> {
  const driver = VaaDriver.of(context);
  return sendWithEach((request) => driver.sendRaw(request), VaaDriver.request(operation, body), badCredentials(context));
}

function expectRefused(answers: readonly Answer[], operation: VaaOperation): void {
  const { method, path } = OPERATIONS[operation];
  expectEachRefused(answers, `${method} ${path}`, { statuses: [401, 403], expected: 'HTTP 401 or 403 (the token is "required")', operation });
}

/** A user for the check (deleted afterwards), with the fields the refused request would change. */
async function standInUser(context: CheckContext, driver: VaaDriver): Promise<{ userId: string; email: string }> {
  const identity = newIdentity(context, 'testuser1');
  await driver.createStandIn(context, { ...identity, firstName: 'TFirst', lastName: 'TLast' }, 'POST a user for the check');
  return identity;
}

function authCheck(operation: VaaOperation, title: string, run: (context: CheckContext, driver: VaaDriver) => Promise<void>, writes: boolean): Check {
  const slug = operation.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return {
    id: `vaa/auth/refused-on-${slug}`,
    api: 'vaa',
    title,
    levels: { document: 'MUST' },
    statements: ['vaa:header/token-required'],
    ...(writes ? { requires: ['write'] as const } : {}),
    run: (context) => run(context, VaaDriver.of(context)),
  };
}

const checks: Check[] = [
  authCheck('listUsers', 'GET /api/v2/users without a valid token is refused (401 or 403)', async (context) => {
    expectRefused(await sendUnauthenticated(context, 'listUsers'), 'listUsers');
  }, false),
  authCheck('createUser', 'POST /api/v2/users without a valid token is refused (401 or 403) and adds no user', async (context, driver) => {
    const identity = newIdentity(context, 'testuser1');
    VaaDriver.deleteAfter(context, [identity.userId]);
    expectRefused(await sendUnauthenticated(context, 'createUser', { ...identity, firstName: 'TFirst' }), 'createUser');
    const { user, exchange } = await driver.findUser(identity.userId, 'GET ?userId= after the refused POSTs');
    if (user) fail('the refused POST created the user', 'no such user', answerOf(exchange), { kind: 'not-refused', operation: 'createUser' });
  }, true),
  authCheck('updateUser', 'PUT /api/v2/users without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, 'updateUser', { ...user, firstName: 'Changed without a token' }), 'updateUser');
    await expectStored(driver, user.userId, { firstName: 'TFirst' }, 'GET ?userId= after the refused PUTs', 'updateUser');
  }, true),
  authCheck('deactivateUser', 'PUT /api/v2/users/deactivate without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, 'deactivateUser', user), 'deactivateUser');
    await expectStored(driver, user.userId, { status: 'active' }, 'GET ?userId= after the refused deactivations', 'deactivateUser');
  }, true),
  authCheck('reactivateUser', 'PUT /api/v2/users/reactivate without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    await driver.prepare(context, 'deactivateUser', user, 'PUT /deactivate (with the token)');
    expectRefused(await sendUnauthenticated(context, 'reactivateUser', user), 'reactivateUser');
    await expectStored(driver, user.userId, { status: 'inactive' }, 'GET ?userId= after the refused reactivations', 'reactivateUser');
  }, true),
  authCheck('deleteUser', 'DELETE /api/v2/users without a valid token is refused (401 or 403) and deletes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, 'deleteUser', user), 'deleteUser');
    await expectStored(driver, user.userId, { userId: user.userId }, 'GET ?userId= after the refused DELETEs', 'deleteUser');
  }, true),
  {
    id: 'vaa/auth/refusal-in-envelope',
    api: 'vaa',
    title: 'A refused token is answered as the document answers errors: {"status":<the HTTP status>, "message":"...", "data":[]}',
    levels: { document: 'SHOULD' },
    statements: ['vaa:header/token-required', 'vaa:users/errors-in-envelope'],
    async run(context) {
      const answers = await sendUnauthenticated(context, 'listUsers');
      expectRefused(answers, 'listUsers');
      for (const { label, exchange } of answers) {
        const problem = envelopeProblem(exchange);
        if (problem) fail(`GET /api/v2/users ${label}: ${problem}`, `{"status":${exchange.response.status}, "message":"...", "data":[]}`, answerOf(exchange), { kind: 'schema', operation: 'listUsers' });
      }
    },
  },
  {
    id: 'vaa/auth/refusal-is-403',
    api: 'vaa',
    title: 'Observation: a missing or forged token is refused with 403 (the vendor lists no 401; the document shows no refusal)',
    levels: { document: 'INFO' },
    statements: ['vaa:header/token-required'],
    async run(context) {
      for (const { label, exchange } of await sendUnauthenticated(context, 'listUsers')) {
        if (exchange.response.status !== 403) fail(`GET /api/v2/users ${label}: HTTP ${exchange.response.status}`, 'HTTP 403', answerOf(exchange), { kind: 'status', operation: 'listUsers' });
      }
    },
  },
];

export const section = defineSection({ title: 'Header (required)', statements, checks });
