// What holds for every answer (and every sample as written): JSON, no password in clear, the envelopes'
// `Meta` values, and on Dashboard 5.8 users without `password` and with its fields. The document shows
// `password` as a hash and `Meta` as "" or null: observations there, not requirements (a current
// Dashboard and its SDK do without `password`; `Meta` is shown only as a sample).
import { defineSection, type Check } from '../harness/check.ts';
import { fixtureOf } from '../../fixtures/index.ts';
import type { Exchange } from '../harness/http.ts';
import { DASHBOARD_58_FIELDS, answerOf, dashboard58UserProblems, expectAnswer, expectUserList, fail, failOn, metaProblem, type AnswerShape } from './answers.ts';
import { WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { TykDriver, addSubject, someUserId, standIn } from './driver.ts';
import { neverIssuedId, newPassword, userMismatches, type TykUser } from './values.ts';

const statements = [
  documented('list-users/field-password', 'List Users > Sample Response', '"password": "$2a$10$mRVfrAf72N66anVNhA1KVuYaOwOrXhFzxyg6bwgZemUeVo2MNOpIa",', 'SHOULD'),
  dashboard58('users/answers-json', 'Users endpoints in detail', 'Every answer is JSON'),
  dashboard58('users/error-envelope', 'Users endpoints in detail', 'errors are `{"Status":"Error","Message":...,"Meta":null}`'),
  dashboard58('user-object/fields', 'User object', 'User object fields in 5.8: `id`, `org_id`, `first_name`, `last_name`, `email_address`, `active` (boolean), `access_key`, `api_model` (object), `user_permissions` (string -> string map), `group_id`, `created_at`, `last_login_date`, `password_max_days` (integer), `password_updated`.'),
  dashboard58('user-object/no-password', 'User object', 'There is NO `password` field: a client generated from this OpenAPI (the Tyk Go SDK) rejects an answer that carries one (it decodes with unknown fields disallowed).'),
];

/** Every user an answer carries: the list's, a bare user, or the one in `Meta`. */
function usersIn(exchange: Exchange): unknown[] {
  const body = exchange.response.json as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return [];
  if (Array.isArray(body['users'])) return body['users'];
  if ('email_address' in body) return [body];
  return typeof body['Meta'] === 'object' && body['Meta'] !== null ? [body['Meta']] : [];
}

/** One user through every operation that answers users (and the admin ones when the run has the secret). */
async function answersWithUsers(context: Parameters<Check['run']>[0]): Promise<Exchange[]> {
  const driver = TykDriver.of(context);
  const user = await addSubject(context, driver, { password: newPassword() });
  const answers = [await driver.list(), await driver.get(user.id), await driver.call('getCurrentUser', { key: user.access_key as string })];
  answers.push(await driver.call('searchUsers', { query: { q: user.email_address } }));
  if (context.config.credentials.adminSecret) answers.push(await driver.call('getAdminUser', { id: user.id }), await driver.allow(user.id), await driver.disallow(user.id));
  return answers.filter((exchange) => exchange.response.status === 200);
}

const checks: Check[] = [
  {
    id: 'tyk/responses/no-password-in-clear',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'No answer contains a password in clear (Add, List, Get, Update, Set User Password, Reset User Session, the admin calls, Delete); a hash is allowed',
    statements: ['tyk:list-users/field-password'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const first = newPassword();
      const second = newPassword('Pw2');
      const start = context.http.exchanges.length;
      const user = await addSubject(context, driver, { password: first });
      await driver.get(user.id);
      await driver.update(user.id, { first_name: 'Pat', last_name: 'File', email_address: user.email_address, active: true, user_permissions: { users: 'read' } });
      await driver.setPassword(user.id, { current_password: first, new_password: second });
      await driver.get(user.id);
      await driver.listAll('GET /api/users after Set User Password', false);
      await driver.resetKey(user.id, { userId: user.id });
      if (context.config.credentials.adminSecret) {
        await driver.allow(user.id);
        await driver.disallow(user.id);
      }
      await driver.remove(user.id);
      for (const exchange of context.http.exchanges.slice(start)) {
        if ([first, second].some((password) => exchange.response.text.includes(password))) failOn(exchange, `${exchange.request.method} ${exchange.request.url}: the answer contains the password sent in clear`, 'no password in clear in any answer (a bcrypt hash or "" is allowed)', 'other');
      }
    },
  },
  {
    id: 'tyk/responses/password-field-present',
    api: 'tyk',
    levels: levels('INFO', undefined),
    title: 'Observation: users as answered carry "password" (a hash, or "" without one) as the document\'s Dashboard does; current Dashboards leave it out',
    statements: ['tyk:list-users/field-password'],
    async run(context) {
      const driver = TykDriver.of(context);
      const exchange = await driver.list();
      const { users } = expectUserList(exchange, 'GET /api/users', driver.profile);
      if (users.length === 0) context.skip('the organisation has no users to look at');
      const without = users.filter((user) => typeof user['password'] !== 'string');
      if (without.length > 0) failOn(exchange, `${without.length} of ${users.length} listed users have no "password"`, '"password": "$2a$..." or ""', 'other');
    },
  },
  {
    id: 'tyk/responses/no-password-field',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'No user in any answer has a "password" field (List, Get, Current User, Search; Get, Allow and Disallow of /admin/users with the admin secret)',
    statements: ['tyk-5.8:user-object/no-password', 'tyk-5.8:users/answers-json'],
    requires: WRITE,
    async run(context) {
      for (const exchange of await answersWithUsers(context)) {
        const carrying = usersIn(exchange).filter((user) => typeof user === 'object' && user !== null && 'password' in user);
        if (carrying.length > 0) failOn(exchange, `${exchange.request.method} ${exchange.request.url}: ${carrying.length} user(s) carry "password"`, 'users without a "password" field', 'schema');
      }
    },
  },
  {
    id: 'tyk/responses/user-fields',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'Every user answered has Dashboard 5.8\'s fields with their types (active boolean, api_model an object, user_permissions strings, password_max_days an integer, the others strings)',
    statements: ['tyk-5.8:user-object/fields'],
    requires: WRITE,
    async run(context) {
      for (const exchange of await answersWithUsers(context)) {
        for (const user of usersIn(exchange)) {
          const problems = dashboard58UserProblems(user);
          if (problems.length > 0) failOn(exchange, `${exchange.request.method} ${exchange.request.url}: ${problems.join('; ')}`, 'a Dashboard 5.8 user', 'schema');
        }
      }
    },
  },
  {
    id: 'tyk/responses/user-fields-complete',
    api: 'tyk',
    levels: levels(undefined, 'SHOULD'),
    title: 'Every user answered has all fourteen of Dashboard 5.8\'s fields and no other (its Go SDK refuses unknown fields)',
    statements: ['tyk-5.8:user-object/fields'],
    requires: WRITE,
    async run(context) {
      const known = Object.keys(DASHBOARD_58_FIELDS);
      for (const exchange of await answersWithUsers(context)) {
        for (const user of usersIn(exchange) as Array<Record<string, unknown>>) {
          const missing = known.filter((field) => !(field in user));
          const unknown = Object.keys(user).filter((field) => !known.includes(field));
          if (missing.length + unknown.length > 0) failOn(exchange, `${exchange.request.method} ${exchange.request.url}: ${[missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}`, known.join(', '), 'schema');
        }
      }
    },
  },
  {
    id: 'tyk/responses/json-media-type',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'Answers declare their JSON body as application/json (parameters such as charset are free)',
    statements: ['tyk:list-users/users-array', 'tyk-5.8:users/answers-json'],
    async run(context) {
      const driver = TykDriver.of(context);
      const { id, known } = await someUserId(driver);
      for (const exchange of [await driver.list(), await driver.get(neverIssuedId(id, known)), await driver.list(undefined, { key: null })]) {
        if (exchange.response.text.trim() === '') continue;
        const type = (exchange.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!/^application\/([\w.-]+\+)?json$/.test(type)) failOn(exchange, `${exchange.request.method} ${exchange.request.url}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json', 'other');
      }
    },
  },
  {
    id: 'tyk/envelope/meta-literals',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: '"Meta" is as shown: the document\'s "" (Add, Set Password, Delete) and null (Update, Reset Session), an observation there; on 5.8 the new id (Add) and null (the others)',
    statements: ['tyk:add-user/meta', 'tyk:set-user-password/meta', 'tyk:update-user/meta', 'tyk:reset-user-session/meta', 'tyk:delete-user/meta', 'tyk-5.8:add-user/answer', 'tyk-5.8:set-password/answer', 'tyk-5.8:update-user/answer', 'tyk-5.8:reset-key/answer', 'tyk-5.8:delete-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'metaliterals');
      const current = newPassword();
      context.onCleanup(() => driver.deleteAllWithEmail(email));
      const answers: Array<[string, Exchange, AnswerShape]> = [];
      const created = await driver.create({ first_name: 'Meta', last_name: 'Literals', email_address: email, active: true, password: current, user_permissions: { users: 'read' } });
      answers.push(['Add User', created, driver.answers.created]);
      const id = (await driver.findCreated(expectAnswer(created, driver.answers.created, 'POST /api/users'), email, 'POST /api/users')).id;
      const steps: Array<[string, () => Promise<Exchange>, AnswerShape]> = [
        ['Set User Password', () => driver.setPassword(id, { current_password: current, new_password: newPassword('Pw2') }), driver.answers.passwordUpdated],
        ['Update User', () => driver.update(id, { first_name: 'Meta', last_name: 'File', email_address: email, active: true, user_permissions: { users: 'read' } }), driver.answers.updated],
        ['Reset User Session', () => driver.resetKey(id, { userId: id }), driver.answers.sessionRenewed],
        ['Delete User', () => driver.remove(id), driver.answers.deleted],
      ];
      for (const [name, send, shape] of steps) {
        const exchange = await send();
        expectAnswer(exchange, shape, name);
        answers.push([name, exchange, shape]);
      }
      for (const [name, exchange, shape] of answers) {
        const problem = metaProblem(exchange, shape);
        if (problem) failOn(exchange, `${name}: ${problem}`, answers.map(([step, , expected]) => `${step}: ${String(expected.meta === 'new-id' ? '<the new id>' : JSON.stringify(expected.meta))}`).join(', '), 'literal');
      }
    },
  },
  {
    id: 'tyk/examples/bodies-without-content-type',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'The samples as written (JSON bodies without a Content-Type) get the documented answers: Add User, Set User Password, Update User, Reset User Session',
    statements: ['tyk:add-user/sample-request', 'tyk:set-user-password/sample-request', 'tyk:update-user/sample-request', 'tyk:reset-user-session/sample-request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'nocontenttype');
      context.onCleanup(() => driver.deleteAllWithEmail(email));
      const bare = { contentType: null } as const;
      const sample = (id: string): Record<string, unknown> => structuredClone(fixtureOf('tyk', id).request.body) as Record<string, unknown>;
      const created = await driver.create({ ...sample('tyk/create-user/add-user'), email_address: email, password: undefined, user_permissions: { users: 'read' } }, bare);
      const user: TykUser = await driver.findCreated(expectAnswer(created, driver.answers.created, 'POST /api/users without Content-Type'), email, 'POST /api/users without Content-Type');
      const mismatches = userMismatches(user, { first_name: 'Jason', last_name: 'Jasonson', user_permissions: { users: 'read' } });
      if (mismatches.length > 0) failOn(created, `the user added without Content-Type: ${mismatches.join('; ')}`, 'Jason Jasonson, users: read', 'not-stored');
      expectAnswer(await driver.setPassword(user.id, { new_password: newPassword() }, bare), driver.answers.passwordUpdated, 'POST .../actions/reset without Content-Type');
      expectAnswer(await driver.update(user.id, { ...sample('tyk/update-user/update-user'), email_address: email, user_permissions: { users: 'read' } }, bare), driver.answers.updated, 'PUT /api/users/{id} without Content-Type');
      const { user: updated, exchange } = await driver.fetch(user.id, 'GET after the update without Content-Type', { operation: 'updateUser' });
      if (updated.last_name !== 'File') fail(`GET after the update without Content-Type: last_name is ${JSON.stringify(updated.last_name)}`, 'last_name "File"', answerOf(exchange), { kind: 'not-stored', operation: 'updateUser' });
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }, bare), driver.answers.sessionRenewed, 'PUT .../actions/key/reset without Content-Type');
    },
  },
];

export const section = defineSection({ title: 'Users (every answer, every sample as written)', statements, checks });
