// What the target must refuse, and how: a missing, wrong or `Bearer`-wrapped wrong access key on every
// operation; the admin endpoints without (or with a wrong) admin-auth; a `users: read` caller on the
// calls that need write; bodies that are not a User or Password Object; users that do not exist; and
// what no answer may contain (a 5xx, a password in clear). The document shows none of these answers:
// the MUST is "refused (401 or 403 for a credential, a 4xx otherwise), never a 5xx, nothing changed";
// the facts' statuses and the error envelope are SHOULD; their exact messages are INFO.
import { defineChecks, type Check, type CheckContext, type CheckDoc } from '../harness/legacy.ts';
import type { Exchange } from '../harness/http.ts';
import type { User } from '../../specs/types/tyk.ts';
import {
  ANSWERS,
  TykDriver,
  answerOf,
  errorEnvelopeProblem,
  expectAnswer,
  expectClientError,
  expectNoServerError,
  expectRefusal,
  expectUserList,
  expectUserValues,
  fail,
  getListedUser,
  isClientError,
  limitedKey,
  lookalike,
  messageOf,
  neverIssuedId,
  newPassword,
  route,
  stableFirst,
  standIn,
  type CallOptions,
  type TykOperation,
} from './driver.ts';

const WRITE: Check['requires'] = ['write'];
const LIMITED: Check['requires'] = ['write', 'limited-token'];

const FACTS = 'Tyk Dashboard (seed 003)';
const AUTH_DOC: CheckDoc = { source: 'document', section: 'Users > List Users > Sample Request', quote: 'authorization:7a7b140f-2480-4d5a-4e78-24049e3ba7f8' };
const ADMIN_DOC: CheckDoc = { source: 'document', section: 'Users > Allow Reset Password > Sample Request', quote: 'PUT -H "admin-auth: <your secret>"' };

function describeCall(operation: TykOperation, id?: string): string {
  const { method, path } = route(operation, id);
  return `${method} ${path}`;
}

interface Attempt {
  label: string;
  exchange: Exchange;
}

/** The call three times: without `authorization`, with a key the target never issued, and that key as `Bearer`. */
async function sendWithBadKeys(driver: TykDriver, operation: TykOperation, options: CallOptions): Promise<Attempt[]> {
  const forged = lookalike(driver.token);
  return [
    { label: 'without authorization', exchange: await driver.call(operation, { ...options, key: null }) },
    { label: 'with a wrong access key', exchange: await driver.call(operation, { ...options, key: forged }) },
    { label: 'with "Bearer <wrong access key>"', exchange: await driver.call(operation, { ...options, key: forged, bearer: true }) },
  ];
}

function expectAllRefused(attempts: Attempt[], what: string): void {
  for (const { label, exchange } of attempts) expectRefusal(exchange, `${what} ${label}`);
}

/** A user the check changes or deletes, added with the run's key (and deleted afterwards). */
function addSubject(context: CheckContext, driver: TykDriver, extra: Record<string, unknown> = {}): Promise<User> {
  return driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'subject').email_address, active: true, user_permissions: { users: 'read' }, ...extra }, 'POST a user for the check');
}

/** The user is stored exactly as before (names, address, active, key, permissions). */
async function expectUnchanged(driver: TykDriver, before: User, what: string): Promise<void> {
  const { user, exchange } = await driver.fetch(before.id, what);
  const expected = { id: before.id, email_address: before.email_address, first_name: before.first_name, last_name: before.last_name, active: before.active, access_key: before.access_key };
  expectUserValues(user, expected, what, exchange);
  const permissionsBefore = JSON.stringify(Object.entries(before.user_permissions ?? {}).sort());
  const permissionsAfter = JSON.stringify(Object.entries(user.user_permissions ?? {}).sort());
  if (permissionsBefore !== permissionsAfter) fail(`${what}: user_permissions changed`, before.user_permissions, answerOf(exchange));
}

async function expectNoUserWithEmail(driver: TykDriver, email: string, what: string): Promise<void> {
  const { users, exchange } = await driver.findByEmail(email, what);
  if (users.length > 0) fail(`${what}: a user with ${email} exists (${users.map((user) => user.id).join(', ')})`, `no user with ${email}`, answerOf(exchange));
}

/** Some user's id to address a read to (a listed one, else one shaped like the samples'). */
async function someUserId(driver: TykDriver): Promise<{ id: string; known: string[] }> {
  const { users } = await driver.listAll('GET /api/users', false);
  return { id: stableFirst(users)[0]?.id ?? '54bd0ad9ff4329b88985aafb', known: users.map((user) => user.id) };
}

// --- a missing or wrong access key ------------------------------------------------------------------

function authCheck(operation: TykOperation, title: string, writes: boolean, run: (context: CheckContext, driver: TykDriver) => Promise<void>): Check {
  const slug = operation.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return { id: `tyk/auth/refused-on-${slug}`, api: 'tyk', family: 'negative', level: 'MUST', title, doc: AUTH_DOC, ...(writes ? { requires: WRITE } : {}), run: (context) => run(context, TykDriver.of(context)) };
}

const authChecks: Check[] = [
  authCheck('listUsers', 'GET /api/users without a valid access key (none, wrong, "Bearer <wrong>") is refused (401 or 403)', false, async (_context, driver) => {
    expectAllRefused(await sendWithBadKeys(driver, 'listUsers', {}), 'GET /api/users');
  }),
  authCheck('getUser', 'GET /api/users/{USER_ID} without a valid access key is refused (401 or 403)', false, async (_context, driver) => {
    const { id } = await someUserId(driver);
    expectAllRefused(await sendWithBadKeys(driver, 'getUser', { id }), describeCall('getUser', id));
  }),
  authCheck('createUser', 'POST /api/users without a valid access key is refused (401 or 403) and adds no user', true, async (context, driver) => {
    const email = standIn(context, 'nokey').email_address;
    context.onCleanup(() => driver.deleteQuietly(undefined, email));
    expectAllRefused(await sendWithBadKeys(driver, 'createUser', { json: { first_name: 'No', last_name: 'Key', email_address: email, active: true } }), 'POST /api/users');
    await expectNoUserWithEmail(driver, email, 'GET /api/users after the refused POSTs');
  }),
  authCheck('updateUser', 'PUT /api/users/{USER_ID} without a valid access key is refused (401 or 403) and changes nothing', true, async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(await sendWithBadKeys(driver, 'updateUser', { id: user.id, json: { first_name: 'Changed without a key', active: false } }), describeCall('updateUser', user.id));
    await expectUnchanged(driver, user, 'GET after the refused PUTs');
  }),
  authCheck('deleteUser', 'DELETE /api/users/{USER_ID} without a valid access key is refused (401 or 403) and deletes nothing', true, async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(await sendWithBadKeys(driver, 'deleteUser', { id: user.id }), describeCall('deleteUser', user.id));
    await expectUnchanged(driver, user, 'GET after the refused DELETEs');
  }),
  authCheck('setUserPassword', 'POST /api/users/{USER_ID}/actions/reset without a valid access key is refused (401 or 403) and changes no password', true, async (context, driver) => {
    const current = newPassword();
    const user = await addSubject(context, driver, { password: current });
    expectAllRefused(await sendWithBadKeys(driver, 'setUserPassword', { id: user.id, json: { current_password: current, new_password: newPassword('Pw2') } }), describeCall('setUserPassword', user.id));
    expectAnswer(await driver.setPassword(user.id, { current_password: current, new_password: newPassword('Pw3') }), ANSWERS.passwordUpdated, 'POST .../actions/reset with the run\'s key and the unchanged current_password');
  }),
  authCheck('resetUserSession', 'PUT /api/users/{USER_ID}/actions/key/reset without a valid access key is refused (401 or 403) and keeps the user\'s key', true, async (context, driver) => {
    const user = await addSubject(context, driver);
    expectAllRefused(await sendWithBadKeys(driver, 'resetUserSession', { id: user.id, json: { userId: user.id } }), describeCall('resetUserSession', user.id));
    await expectUnchanged(driver, user, 'GET after the refused key resets');
  }),
];

const authAnswerChecks: Check[] = [
  {
    id: 'tyk/auth/bearer-accepted',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'The access key is also accepted as "Authorization: Bearer <key>" (List Users, Get User)',
    doc: { source: 'facts', section: FACTS, quote: '`Authorization: Bearer <key>` is accepted besides the raw key.' },
    async run(context) {
      const driver = TykDriver.of(context);
      expectUserList(await driver.list(undefined, { bearer: true }), 'GET /api/users with "Bearer <key>"');
      const found = await getListedUser(driver, { bearer: true });
      if (found && found.exchange.response.status !== 200) fail(`GET /api/users/${found.listed.id} with "Bearer <key>": HTTP ${found.exchange.response.status}`, 'HTTP 200', answerOf(found.exchange));
    },
  },
  {
    id: 'tyk/auth/refusal-in-envelope',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'A refused access key is answered in the error envelope {"Status": "Error", "Message": "...", "Meta": null}',
    doc: { source: 'facts', section: FACTS, quote: 'Error bodies: `{"Status":"Error","Message":...,"Meta":null}`.' },
    async run(context) {
      for (const { label, exchange } of await sendWithBadKeys(TykDriver.of(context), 'listUsers', {})) {
        expectRefusal(exchange, `GET /api/users ${label}`);
        const problem = errorEnvelopeProblem(exchange);
        if (problem) fail(`GET /api/users ${label}: ${problem}`, '{"Status": "Error", "Message": "...", "Meta": null}', answerOf(exchange));
      }
    },
  },
  {
    id: 'tyk/auth/refusal-is-401-not-authorised',
    api: 'tyk',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: a missing or wrong access key gets 401 "Not authorised", as the facts show (the document gives no status)',
    doc: { source: 'facts', section: FACTS, quote: '401 `Not authorised` (missing or bad key)' },
    async run(context) {
      for (const { label, exchange } of await sendWithBadKeys(TykDriver.of(context), 'listUsers', {})) {
        if (exchange.response.status !== 401 || messageOf(exchange) !== 'Not authorised') fail(`GET /api/users ${label}: ${answerOf(exchange)}`, 'HTTP 401 {"Status": "Error", "Message": "Not authorised", "Meta": null}', answerOf(exchange));
      }
    },
  },
];

// --- the admin secret -------------------------------------------------------------------------------

async function adminRefusals(context: CheckContext, operation: 'allowResetPasswords' | 'disallowResetPasswords', attempts: Array<[string, CallOptions]>): Promise<void> {
  const driver = TykDriver.of(context);
  const user = await addSubject(context, driver);
  // With the secret, disallow is tried on a user that has the permission, so a wrongly accepted call shows.
  // (Whether allow works is another check's verdict: without it, disallow is tried on the user as added.)
  if (operation === 'disallowResetPasswords' && context.config.credentials.adminSecret) await driver.allow(user.id);
  const before = (await driver.fetch(user.id, 'GET before the refused calls')).user;
  for (const [label, options] of attempts) expectRefusal(await driver.call(operation, { ...options, id: user.id }), `${describeCall(operation, user.id)} ${label}`);
  await expectUnchanged(driver, before, 'GET after the refused admin calls');
}

function badSecrets(context: CheckContext): Array<[string, CallOptions]> {
  const secret = context.config.credentials.adminSecret;
  return [
    ['without admin-auth', { adminSecret: null }],
    ['with a wrong admin-auth', { adminSecret: secret ? lookalike(secret, 'all') : 'not-the-admin-secret' }],
  ];
}

const adminChecks: Check[] = [
  {
    id: 'tyk/admin-auth/refused-on-allow-reset-passwords',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'allow_reset_passwords without admin-auth, or with a wrong one, is refused (401 or 403) and changes nothing',
    doc: ADMIN_DOC,
    requires: WRITE,
    run: (context) => adminRefusals(context, 'allowResetPasswords', badSecrets(context)),
  },
  {
    id: 'tyk/admin-auth/refused-on-disallow-reset-passwords',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'disallow_reset_passwords without admin-auth, or with a wrong one, is refused (401 or 403) and changes nothing',
    doc: { source: 'document', section: 'Users > Disallow Reset Password > Sample Request', quote: 'PUT -H "admin-auth: <your secret>"' },
    requires: WRITE,
    run: (context) => adminRefusals(context, 'disallowResetPasswords', badSecrets(context)),
  },
  {
    id: 'tyk/admin-auth/access-key-not-enough',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'The admin endpoints refuse a user\'s access key without admin-auth (even the run\'s, which may write users)',
    doc: ADMIN_DOC,
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      await adminRefusals(context, 'allowResetPasswords', [['with the run\'s access key and no admin-auth', { key: driver.token, adminSecret: null }]]);
    },
  },
];

// --- a caller without users write ---------------------------------------------------------------------

const permissionChecks: Check[] = [
  {
    id: 'tyk/permissions/read-user-cannot-create',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Add User with the key of a users: read caller is refused (401 or 403) and adds no user',
    doc: { source: 'document', section: 'Users > Add User', quote: 'You need to have the users Permission object set to write to use Add User.' },
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const email = standIn(context, 'byreader').email_address;
      context.onCleanup(() => driver.deleteQuietly(undefined, email));
      expectRefusal(await driver.create({ first_name: 'Added', last_name: 'By Reader', email_address: email, active: true }, { key }), 'POST /api/users with a users: read key');
      await expectNoUserWithEmail(driver, email, 'GET /api/users after the refused POST');
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-update',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Update User with the key of a users: read caller is refused (401 or 403) and changes nothing',
    doc: { source: 'document', section: 'Users > Update User', quote: 'You need to have the users Permission object set to write to use Update User.' },
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.update(user.id, { first_name: 'Changed by a reader', user_permissions: { users: 'write' } }, { key }), `PUT /api/users/${user.id} with a users: read key`);
      await expectUnchanged(driver, user, 'GET after the refused PUT');
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-reset-key',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Reset User Session with the key of a users: read caller is refused (401 or 403) and keeps the user\'s key',
    doc: { source: 'document', section: 'Users > Reset User Session', quote: 'You need to have the users Permission object set to write to use this call.' },
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.resetKey(user.id, { userId: user.id }, { key }), `PUT /api/users/${user.id}/actions/key/reset with a users: read key`);
      await expectUnchanged(driver, user, 'GET after the refused key reset');
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-delete',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'Delete User with the key of a users: read caller is refused (401 or 403) and deletes nothing (the document names write for every other change)',
    doc: { source: 'document', section: 'Users > Update User', quote: 'You need to have the users Permission object set to write to use Update User.' },
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.remove(user.id, { key }), `DELETE /api/users/${user.id} with a users: read key`);
      await expectUnchanged(driver, user, 'GET after the refused DELETE');
    },
  },
  {
    id: 'tyk/permissions/read-user-may-set-password',
    api: 'tyk',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: Set User Password with the key of a users: read caller succeeds, as the document literally says (a target asking for write is not at fault)',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'You need to have the users Permission object set to read to use Set User Password.' },
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key, selfMade } = await limitedKey(context, driver);
      if (!selfMade) context.skip('the --limited-token caller\'s permissions are not known to be users: read');
      const user = await addSubject(context, driver);
      expectAnswer(await driver.setPassword(user.id, { new_password: newPassword() }, { key }), ANSWERS.passwordUpdated, `POST /api/users/${user.id}/actions/reset with a users: read key`);
    },
  },
];

// --- invalid bodies ----------------------------------------------------------------------------------

interface InvalidRequest {
  label: string;
  operation: 'createUser' | 'updateUser' | 'setUserPassword';
  json?: unknown;
  raw?: string;
}

type InvalidKind = 'missingEmail' | 'wrongTypes' | 'malformed' | 'missingNewPassword';

interface InvalidSetting {
  subject: User;
  /** Addresses the refused Add Users used: none of them may exist afterwards. */
  fresh: string[];
  /** The first_name the refused Add User without an address used, to find it if it was added. */
  marker: string;
}

function invalidRequests(setting: InvalidSetting): Record<InvalidKind, InvalidRequest[]> {
  const [first, second, third] = setting.fresh as [string, string, string];
  return {
    missingEmail: [{ label: 'without email_address', operation: 'createUser', json: { first_name: setting.marker, last_name: 'No Address', active: true } }],
    wrongTypes: [
      { label: 'with active a string', operation: 'createUser', json: { first_name: 'Wrong', last_name: 'Types', email_address: first, active: 'yes' } },
      { label: 'with user_permissions a string', operation: 'createUser', json: { first_name: 'Wrong', last_name: 'Types', email_address: second, active: true, user_permissions: 'admin' } },
      { label: 'with email_address a number', operation: 'createUser', json: { first_name: setting.marker, last_name: 'Types', email_address: 12345, active: true } },
      { label: 'with active a string', operation: 'updateUser', json: { active: 'no' } },
      { label: 'with user_permissions an array', operation: 'updateUser', json: { user_permissions: ['users', 'write'] } },
      { label: 'with new_password a number', operation: 'setUserPassword', json: { new_password: 123456789012 } },
    ],
    malformed: [
      { label: 'with malformed JSON', operation: 'createUser', raw: `{"first_name": "Mal", "email_address": "${third}", "active": tru` },
      { label: 'with malformed JSON', operation: 'updateUser', raw: '{"first_name": "Malformed", "last_name": ' },
      { label: 'with malformed JSON', operation: 'setUserPassword', raw: '{"new_password": "Pw1-malformed' },
    ],
    missingNewPassword: [{ label: 'without new_password', operation: 'setUserPassword', json: { user_permissions: { IsAdmin: 'admin' } } }],
  };
}

/** Sends each invalid request around a subject user (without a password), then checks nothing was created or changed. */
async function runInvalid(context: CheckContext, kinds: InvalidKind[]): Promise<Array<[string, Exchange]>> {
  const driver = TykDriver.of(context);
  const subject = await addSubject(context, driver);
  const setting: InvalidSetting = { subject, fresh: [0, 1, 2].map(() => standIn(context, 'invalid').email_address), marker: context.uniqueName('marker') };
  context.onCleanup(async () => {
    await driver.deleteByEmail(setting.fresh);
    for (const user of await driver.listQuietly()) if (user.first_name === setting.marker && typeof user.id === 'string') await driver.remove(user.id);
  });
  const requests = invalidRequests(setting);
  const answers: Array<[string, Exchange]> = [];
  for (const kind of kinds) {
    for (const invalid of requests[kind]) {
      const options: CallOptions = invalid.operation === 'createUser' ? {} : { id: subject.id };
      const exchange = await driver.call(invalid.operation, invalid.raw !== undefined ? { ...options, raw: invalid.raw } : { ...options, json: invalid.json });
      answers.push([`${describeCall(invalid.operation, invalid.operation === 'createUser' ? undefined : subject.id)} ${invalid.label}`, exchange]);
    }
  }
  for (const [what, exchange] of answers) {
    expectNoServerError(exchange, what);
    expectClientError(exchange, what);
  }
  const { users, exchanges } = await driver.listAll('GET /api/users after the refused requests', false);
  const created = users.filter((user) => user.first_name === setting.marker || setting.fresh.some((email) => email.toLowerCase() === user.email_address.toLowerCase()));
  if (created.length > 0) fail(`GET /api/users: a refused Add User added ${created.map((user) => user.email_address || user.id).join(', ')}`, 'no user from a refused request', answerOf(exchanges[0] as Exchange));
  await expectUnchanged(driver, subject, 'GET the subject of the refused updates');
  // A refused Set User Password set nothing: a first password still needs no current_password.
  if (kinds.some((kind) => requests[kind].some((invalid) => invalid.operation === 'setUserPassword'))) {
    expectAnswer(await driver.setPassword(subject.id, { new_password: newPassword() }), ANSWERS.passwordUpdated, 'POST .../actions/reset {new_password} after the refused ones (the user still has no password)');
  }
  return answers;
}

const invalidBodyChecks: Check[] = [
  {
    id: 'tyk/invalid-body/missing-email-refused',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Add User without email_address is refused with a 4xx and adds no user',
    doc: { source: 'facts', section: FACTS, quote: '400 `User object validation failed.`' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['missingEmail'])),
  },
  {
    id: 'tyk/invalid-body/wrong-types-refused',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Add User, Update User and Set User Password with wrongly typed fields (active a string, user_permissions not an object, email_address or new_password a number) are refused with a 4xx, changing nothing',
    doc: { source: 'document', section: 'Users > Add User > Sample Request', quote: '"user_permissions": { "IsAdmin": "admin" }' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['wrongTypes'])),
  },
  {
    id: 'tyk/invalid-body/malformed-json-refused',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Malformed JSON to Add User, Update User and Set User Password is refused with a 4xx (never a 5xx), changing nothing',
    doc: { source: 'document', section: 'Users > Add User', quote: 'Body User Object' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['malformed'])),
  },
  {
    id: 'tyk/invalid-body/missing-new-password-refused',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'Set User Password without new_password is refused with a 4xx and sets no password',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'Body Password Object' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['missingNewPassword'])),
  },
  {
    id: 'tyk/invalid-body/answers-400-in-envelope',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'Invalid bodies are answered HTTP 400 in the error envelope {"Status": "Error", "Message": "...", "Meta": null}',
    doc: { source: 'facts', section: FACTS, quote: '400 `User object validation failed.`' },
    requires: WRITE,
    async run(context) {
      for (const [what, exchange] of await runInvalid(context, ['missingEmail', 'wrongTypes', 'malformed', 'missingNewPassword'])) {
        if (exchange.response.status !== 400) fail(`${what}: HTTP ${exchange.response.status}, not 400`, 'HTTP 400 {"Status": "Error", "Message": "...", "Meta": null}', answerOf(exchange));
        const problem = errorEnvelopeProblem(exchange);
        if (problem) fail(`${what}: ${problem}`, '{"Status": "Error", "Message": "...", "Meta": null}', answerOf(exchange));
      }
    },
  },
];

// --- users that do not exist ------------------------------------------------------------------------

type UnknownOperation = Exclude<TykOperation, 'listUsers' | 'createUser'>;

interface UnknownAnswer {
  what: string;
  operation: UnknownOperation;
  exchange: Exchange;
}

/** Every call on a user id: one just deleted, and one never issued (shaped like a real one). */
async function callMissingUsers(context: CheckContext): Promise<{ driver: TykDriver; answers: UnknownAnswer[]; ids: string[] }> {
  const driver = TykDriver.of(context);
  const deleted = await addSubject(context, driver);
  expectAnswer(await driver.remove(deleted.id), ANSWERS.deleted, 'DELETE the user');
  const { known } = await someUserId(driver);
  const never = neverIssuedId(deleted.id, [...known, deleted.id]);
  const operations: UnknownOperation[] = ['getUser', 'updateUser', 'deleteUser', 'setUserPassword', 'resetUserSession'];
  if (context.config.credentials.adminSecret) operations.push('allowResetPasswords', 'disallowResetPasswords');
  const bodies: Partial<Record<UnknownOperation, unknown>> = { updateUser: { first_name: 'Firstname Changed' }, setUserPassword: { new_password: newPassword() } };
  const answers: UnknownAnswer[] = [];
  for (const [label, id] of [['deleted', deleted.id], ['never issued', never]] as const) {
    for (const operation of operations) {
      const body = operation === 'resetUserSession' ? { userId: id } : bodies[operation];
      const exchange = await driver.call(operation, { id, ...(body !== undefined ? { json: body } : {}) });
      answers.push({ what: `${describeCall(operation, id)} (a ${label} id)`, operation, exchange });
    }
  }
  return { driver, answers, ids: [deleted.id, never] };
}

/** The facts' answer for an unknown id: 404 "Could not retrieve user detail." (GET, DELETE), 400 "user does not exist." (PUT). */
const FACTS_UNKNOWN: Partial<Record<UnknownOperation, { status: number; message: string }>> = {
  getUser: { status: 404, message: 'Could not retrieve user detail.' },
  deleteUser: { status: 404, message: 'Could not retrieve user detail.' },
  updateUser: { status: 400, message: 'user does not exist.' },
};

const unknownUserChecks: Check[] = [
  {
    id: 'tyk/unknown-user/refused',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'Get, Update, Delete, Set User Password, Reset User Session (and the admin calls) on a deleted or never-issued id answer a 4xx (never 200 or 5xx) and create no user',
    doc: { source: 'facts', section: FACTS, quote: '404 `Could not retrieve user detail.` (GET/DELETE unknown id)' },
    requires: WRITE,
    async run(context) {
      const { driver, answers, ids } = await callMissingUsers(context);
      for (const { what, exchange } of answers) expectClientError(exchange, what);
      const { users, exchanges } = await driver.listAll('GET /api/users after the calls on missing users', false);
      const revived = users.filter((user) => ids.includes(user.id));
      if (revived.length > 0) fail(`GET /api/users lists ${revived.map((user) => user.id).join(', ')} after calls on missing users`, 'neither id listed', answerOf(exchanges[0] as Exchange));
    },
  },
  {
    id: 'tyk/unknown-user/get-never-issued-refused',
    api: 'tyk',
    family: 'negative',
    level: 'MUST',
    title: 'GET /api/users/{USER_ID} of an id no user has answers a 4xx, never 200 or a 5xx (writes nothing)',
    doc: { source: 'facts', section: FACTS, quote: '404 `Could not retrieve user detail.` (GET/DELETE unknown id)' },
    async run(context) {
      const driver = TykDriver.of(context);
      const { id, known } = await someUserId(driver);
      const never = neverIssuedId(id, known);
      expectClientError(await driver.get(never), `GET /api/users/${never} (no user has this id)`);
    },
  },
  {
    id: 'tyk/unknown-user/facts-statuses',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'An unknown id gets 404 on Get and Delete User and 400 on Update User, in the error envelope (facts)',
    doc: { source: 'facts', section: FACTS, quote: '400 `user does not exist.` (PUT unknown id)' },
    requires: WRITE,
    async run(context) {
      const { answers } = await callMissingUsers(context);
      for (const { what, operation, exchange } of answers) {
        const documented = FACTS_UNKNOWN[operation];
        if (!documented) continue;
        if (exchange.response.status !== documented.status) fail(`${what}: HTTP ${exchange.response.status}, the facts show ${documented.status}`, `HTTP ${documented.status} {"Status": "Error", ...}`, answerOf(exchange));
        const problem = errorEnvelopeProblem(exchange);
        if (problem) fail(`${what}: ${problem}`, '{"Status": "Error", "Message": "...", "Meta": null}', answerOf(exchange));
      }
    },
  },
  {
    id: 'tyk/unknown-user/facts-messages',
    api: 'tyk',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: an unknown id gets the facts\' messages, "Could not retrieve user detail." (Get, Delete) and "user does not exist." (Update)',
    doc: { source: 'facts', section: FACTS, quote: '404 `Could not retrieve user detail.` (GET/DELETE unknown id)' },
    requires: WRITE,
    async run(context) {
      const { answers } = await callMissingUsers(context);
      for (const { what, operation, exchange } of answers) {
        const documented = FACTS_UNKNOWN[operation];
        if (documented && messageOf(exchange) !== documented.message) fail(`${what}: "Message" is ${JSON.stringify(messageOf(exchange))}`, `"Message": "${documented.message}"`, answerOf(exchange));
      }
    },
  },
];

// --- duplicate addresses ------------------------------------------------------------------------------

async function addDuplicate(context: CheckContext): Promise<{ driver: TykDriver; original: User; exchange: Exchange }> {
  const driver = TykDriver.of(context);
  const original = await addSubject(context, driver);
  context.onCleanup(() => driver.deleteQuietly(undefined, original.email_address));
  const exchange = await driver.create({ first_name: 'Second', last_name: 'Holder', email_address: original.email_address, active: true });
  expectNoServerError(exchange, 'POST /api/users with an address another user has');
  return { driver, original, exchange };
}

const duplicateChecks: Check[] = [
  {
    id: 'tyk/create-user/duplicate-email-refused',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'Add User with an address the organisation already has is refused (4xx) and leaves one user with it, unchanged',
    doc: { source: 'facts', section: FACTS, quote: '403 `User email already exists for this org.`' },
    requires: WRITE,
    async run(context) {
      const { driver, original, exchange } = await addDuplicate(context);
      if (!isClientError(exchange)) fail(`POST /api/users with ${original.email_address} again: HTTP ${exchange.response.status}`, 'a 4xx refusal (HTTP 403 "User email already exists for this org.")', answerOf(exchange));
      const { users, exchange: listed } = await driver.findByEmail(original.email_address, 'GET /api/users after the duplicate');
      if (users.length !== 1) fail(`GET /api/users: ${users.length} users have ${original.email_address}`, 'exactly the original user', answerOf(listed));
      await expectUnchanged(driver, original, 'GET the original user after the duplicate');
    },
  },
  {
    id: 'tyk/create-user/duplicate-email-answer',
    api: 'tyk',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: a duplicate address gets HTTP 403 "User email already exists for this org.", as the facts show',
    doc: { source: 'facts', section: FACTS, quote: '403 `User email already exists for this org.`' },
    requires: WRITE,
    async run(context) {
      const { exchange } = await addDuplicate(context);
      if (exchange.response.status !== 403 || messageOf(exchange) !== 'User email already exists for this org.') {
        fail(`POST /api/users with an existing address: ${answerOf(exchange)}`, 'HTTP 403 {"Status": "Error", "Message": "User email already exists for this org.", "Meta": null}', answerOf(exchange));
      }
    },
  },
];

// --- what no answer may contain --------------------------------------------------------------------------

const answerChecks: Check[] = [
  {
    id: 'tyk/responses/no-password-in-clear',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'No answer contains a password in clear (Add, List, Get, Update, Set User Password, Reset User Session, the admin calls, Delete); a hash is allowed',
    doc: { source: 'document', section: 'Users > List Users > Sample Response', quote: '"password": "$2a$10$mRVfrAf72N66anVNhA1KVuYaOwOrXhFzxyg6bwgZemUeVo2MNOpIa",' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const first = newPassword();
      const second = newPassword('Pw2');
      const start = context.http.exchanges.length;
      const user = await addSubject(context, driver, { password: first });
      await driver.fetch(user.id, 'GET the user');
      expectAnswer(await driver.update(user.id, { first_name: 'Pat', last_name: 'File', email_address: user.email_address, active: true, user_permissions: { users: 'read' } }), ANSWERS.updated, 'PUT the user');
      expectAnswer(await driver.setPassword(user.id, { current_password: first, new_password: second }), ANSWERS.passwordUpdated, 'POST .../actions/reset');
      await driver.fetch(user.id, 'GET the user after Set User Password');
      await driver.listAll('GET /api/users after Set User Password', false);
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }), ANSWERS.sessionRenewed, 'PUT .../actions/key/reset');
      if (context.config.credentials.adminSecret) {
        await driver.allow(user.id);
        await driver.disallow(user.id);
      }
      await driver.remove(user.id);
      for (const exchange of context.http.exchanges.slice(start)) {
        const leaked = [first, second].filter((password) => exchange.response.text.includes(password));
        if (leaked.length > 0) fail(`${exchange.request.method} ${exchange.request.url}: the answer contains the password sent in clear`, 'no password in clear in any answer (a bcrypt hash or "" is allowed)', answerOf(exchange), [exchange]);
      }
    },
  },
  {
    id: 'tyk/responses/password-field-present',
    api: 'tyk',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: users as answered carry "password" (a hash, or "" without one) as the document\'s Dashboard does; current Dashboards leave it out',
    doc: { source: 'facts', section: FACTS, quote: 'GET no longer returns `password`' },
    async run(context) {
      const exchange = await TykDriver.of(context).list();
      const { users } = expectUserList(exchange, 'GET /api/users');
      if (users.length === 0) context.skip('the organisation has no users to look at');
      const without = users.filter((user) => typeof user.password !== 'string');
      if (without.length > 0) fail(`${without.length} of ${users.length} listed users have no "password"`, '"password": "$2a$..." or ""', answerOf(exchange));
    },
  },
  {
    id: 'tyk/responses/json-media-type',
    api: 'tyk',
    family: 'negative',
    level: 'SHOULD',
    title: 'Answers declare their JSON body as application/json (parameters such as charset are free)',
    doc: { source: 'document', section: 'Users > List Users > Sample Response', quote: '"pages": 0' },
    async run(context) {
      const driver = TykDriver.of(context);
      const { id, known } = await someUserId(driver);
      for (const exchange of [await driver.list(), await driver.get(neverIssuedId(id, known)), await driver.list(undefined, { key: null })]) {
        if (exchange.response.text.trim() === '') continue;
        const type = (exchange.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!/^application\/([\w.-]+\+)?json$/.test(type)) fail(`${exchange.request.method} ${exchange.request.url}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json', answerOf(exchange));
      }
    },
  },
];

export const negativeChecks: Check[] = defineChecks([...authChecks, ...authAnswerChecks, ...adminChecks, ...permissionChecks, ...invalidBodyChecks, ...unknownUserChecks, ...duplicateChecks, ...answerChecks]);
