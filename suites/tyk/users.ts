// Users (the page's head, and what every sample request shows): each call carries the caller's access key
// in `authorization`, and USER_ID stands for a user's id. Every operation refuses a call without a
// valid key (none, a wrong one, a wrong one as `Bearer`): 401 or 403 where the document gives no status,
// 401 "Not authorised" on Dashboard 5.8. Writes refused that way change nothing.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { expectEachRefused, type Answer, type BadCredential } from '../harness/refusals.ts';
import { errorEnvelopeProblem, errorProblem, errorShown, expectAnswer, expectUserList, failOn, isDashboard58, type Blame } from './answers.ts';
import { WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { TykDriver, addSubject, getListedUser, someUserId, userBody, type CallOptions } from './driver.ts';
import { describeCall, type TykOperation } from './operations.ts';
import { lookalike, newPassword, sameEmail, type TykUser } from './values.ts';

const statements = [
  documented('users/user-id-placeholder', 'Note', 'USER_ID is a placeholder for your User ID value.'),
  documented('users/authorization-header', 'List Users > Sample Request', 'authorization:7a7b140f-2480-4d5a-4e78-24049e3ba7f8'),
  dashboard58('list-users/not-authorised', 'list users', '401 `Not authorised`'),
];

const NOT_AUTHORISED = 'Not authorised';

/** The run's key replaced: none, a key the target never issued, and that key as `Bearer`. */
function badKeys(driver: TykDriver): BadCredential[] {
  const forged = lookalike(driver.token);
  return [
    { label: 'without authorization', headers: { authorization: null } },
    { label: 'with a wrong access key', headers: { authorization: forged } },
    { label: 'with "Bearer <wrong access key>"', headers: { authorization: `Bearer ${forged}` } },
  ];
}

/** The call once per bad key; each answer recorded as the operation's. */
async function sendWithBadKeys(driver: TykDriver, operation: TykOperation, options: CallOptions): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const credential of badKeys(driver)) {
    const key = credential.headers['authorization'];
    answers.push({ label: credential.label, exchange: await driver.call(operation, { ...options, key: key ?? null }) });
  }
  return answers;
}

/** Every answer a refusal: 401 or 403 (the document gives none), 401 on Dashboard 5.8. */
function expectAllRefused(driver: TykDriver, answers: Answer[], operation: TykOperation, what: string): void {
  const statuses = isDashboard58(driver.profile) ? [401] : [401, 403];
  expectEachRefused(answers, what, { statuses, expected: `HTTP ${statuses.join(' or ')}`, operation });
}

interface AuthCase {
  operation: TykOperation;
  title: string;
  statement: string;
  writes: boolean;
  run: (context: CheckContext, driver: TykDriver) => Promise<void>;
}

function authCheck(auth: AuthCase): Check {
  const slug = auth.operation.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return {
    id: `tyk/auth/refused-on-${slug}`,
    api: 'tyk',
    levels: both('MUST'),
    title: auth.title,
    statements: ['tyk:users/authorization-header', auth.statement],
    ...(auth.writes ? { requires: WRITE } : {}),
    run: (context) => auth.run(context, TykDriver.of(context)),
  };
}

/** The user as it was (GET answers it with the same names, address, active and key): `operation`'s refusal changed nothing. */
async function expectUnchanged(driver: TykDriver, before: TykUser, operation: TykOperation, what: string): Promise<void> {
  const blame: Blame = { operation, kind: 'not-refused' };
  const { user, exchange } = await driver.fetch(before.id, what, blame);
  const changed = (['email_address', 'first_name', 'last_name', 'active', 'access_key'] as const).filter((field) => user[field] !== before[field]);
  if (changed.length > 0) failOn(exchange, `${what}: ${changed.join(', ')} changed`, before, 'not-refused', blame);
}

const authChecks: Check[] = [
  authCheck({ operation: 'listUsers', title: 'GET /api/users without a valid access key (none, wrong, "Bearer <wrong>") is refused (401 or 403; 5.8: 401)', statement: 'tyk-5.8:list-users/not-authorised', writes: false, run: async (_context, driver) => {
    expectAllRefused(driver, await sendWithBadKeys(driver, 'listUsers', {}), 'listUsers', 'GET /api/users');
  } }),
  authCheck({ operation: 'getUser', title: 'GET /api/users/{USER_ID} without a valid access key is refused (401 or 403; 5.8: 401)', statement: 'tyk-5.8:get-user/refused', writes: false, run: async (_context, driver) => {
    const { id } = await someUserId(driver);
    expectAllRefused(driver, await sendWithBadKeys(driver, 'getUser', { id }), 'getUser', describeCall('getUser', id));
  } }),
  authCheck({ operation: 'createUser', title: 'POST /api/users without a valid access key is refused (401 or 403; 5.8: 401) and adds no user', statement: 'tyk-5.8:add-user/refused', writes: true, run: async (context, driver) => {
    const body = userBody(context, 'nokey', { first_name: 'No', last_name: 'Key' });
    context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
    expectAllRefused(driver, await sendWithBadKeys(driver, 'createUser', { json: body }), 'createUser', 'POST /api/users');
    const { users, exchange } = await driver.findByEmail(body.email_address, 'GET /api/users after the refused POSTs');
    if (users.some((user) => sameEmail(user.email_address, body.email_address))) failOn(exchange, `a refused POST added ${body.email_address}`, `no user with ${body.email_address}`, 'not-refused', { operation: 'createUser' });
  } }),
  authCheck({ operation: 'updateUser', title: 'PUT /api/users/{USER_ID} without a valid access key is refused (401 or 403; 5.8: 401) and changes nothing', statement: 'tyk-5.8:update-user/refused', writes: true, run: async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(driver, await sendWithBadKeys(driver, 'updateUser', { id: user.id, json: { first_name: 'Changed without a key', active: false } }), 'updateUser', describeCall('updateUser', user.id));
    await expectUnchanged(driver, user, 'updateUser', 'GET after the refused PUTs');
  } }),
  authCheck({ operation: 'deleteUser', title: 'DELETE /api/users/{USER_ID} without a valid access key is refused (401 or 403; 5.8: 401) and deletes nothing', statement: 'tyk-5.8:delete-user/refused', writes: true, run: async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(driver, await sendWithBadKeys(driver, 'deleteUser', { id: user.id }), 'deleteUser', describeCall('deleteUser', user.id));
    await expectUnchanged(driver, user, 'deleteUser', 'GET after the refused DELETEs');
  } }),
  authCheck({ operation: 'setUserPassword', title: 'POST /api/users/{USER_ID}/actions/reset without a valid access key is refused (401 or 403; 5.8: 401) and changes no password', statement: 'tyk-5.8:set-password/refused', writes: true, run: async (context, driver) => {
    const current = newPassword();
    const user = await addSubject(context, driver, { password: current });
    expectAllRefused(driver, await sendWithBadKeys(driver, 'setUserPassword', { id: user.id, json: { current_password: current, new_password: newPassword('Pw2') } }), 'setUserPassword', describeCall('setUserPassword', user.id));
    expectAnswer(await driver.setPassword(user.id, { current_password: current, new_password: newPassword('Pw3') }), driver.answers.passwordUpdated, 'POST .../actions/reset with the run\'s key and the unchanged current_password', { operation: 'setUserPassword', kind: 'not-refused' });
  } }),
  authCheck({ operation: 'resetUserSession', title: 'PUT /api/users/{USER_ID}/actions/key/reset without a valid access key is refused (401 or 403; 5.8: 401) and keeps the user\'s key', statement: 'tyk-5.8:reset-key/refused', writes: true, run: async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(driver, await sendWithBadKeys(driver, 'resetUserSession', { id: user.id, json: { userId: user.id } }), 'resetUserSession', describeCall('resetUserSession', user.id));
    await expectUnchanged(driver, user, 'resetUserSession', 'GET after the refused key resets');
  } }),
];

const answerChecks: Check[] = [
  {
    id: 'tyk/auth/bearer-accepted',
    api: 'tyk',
    levels: both('INFO'),
    title: 'Observation: the access key is also accepted as "Authorization: Bearer <key>" (List Users, Get User), as the Go SDK sends it; the document sends it raw',
    statements: ['tyk:users/authorization-header'],
    async run(context) {
      const driver = TykDriver.of(context);
      expectUserList(await driver.list(undefined, { bearer: true }), 'GET /api/users with "Bearer <key>"', driver.profile);
      const found = await getListedUser(driver, { bearer: true });
      if (found && found.exchange.response.status !== 200) failOn(found.exchange, `GET /api/users/${found.listed.id} with "Bearer <key>": HTTP ${found.exchange.response.status}`, 'HTTP 200', 'status');
    },
  },
  {
    id: 'tyk/auth/refusal-in-envelope',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'A refused access key is answered in the error envelope {"Status": "Error", "Message": "...", "Meta": null} (document: an observation, it shows no error)',
    statements: ['tyk:users/authorization-header', 'tyk-5.8:users/error-envelope'],
    async run(context) {
      for (const { label, exchange } of await sendWithBadKeys(TykDriver.of(context), 'listUsers', {})) {
        const problem = errorEnvelopeProblem(exchange);
        if (problem) failOn(exchange, `GET /api/users ${label}: ${problem}`, '{"Status": "Error", "Message": "...", "Meta": null}', 'schema');
      }
    },
  },
  {
    id: 'tyk/auth/refusal-is-401-not-authorised',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: `A missing or wrong access key gets HTTP 401 "${NOT_AUTHORISED}" (List Users, Get User; document: an observation, it gives no status)`,
    statements: ['tyk:users/authorization-header', 'tyk-5.8:list-users/not-authorised', 'tyk-5.8:get-user/refused'],
    async run(context) {
      const driver = TykDriver.of(context);
      const { id } = await someUserId(driver);
      const answers = [...(await sendWithBadKeys(driver, 'listUsers', {})), ...(await sendWithBadKeys(driver, 'getUser', { id }))];
      for (const { label, exchange } of answers) {
        const problem = errorProblem(exchange, 401, NOT_AUTHORISED);
        if (problem) failOn(exchange, `${exchange.request.method} ${exchange.request.url} ${label}: ${problem}`, errorShown(401, NOT_AUTHORISED), 'literal');
      }
    },
  },
];

export const section = defineSection({ title: 'Users', statements, checks: [...authChecks, ...answerChecks] });
