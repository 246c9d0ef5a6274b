// Dashboard 5.8 > admin: create, get and update user, with `admin-auth`: POST /admin/users answers the new
// user's access_key in `Message` and the user in `Meta` (it has no password until one is set), GET
// /admin/users/{userId} the user, PUT /admin/users/{userId} the access_key and the changed user. Not in
// the document: Dashboard 5.8's profile only.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { errorProblem, errorShown, expectAnswer, expectNoServerError, expectRefusal, expectUserAnswer, expectUserShape, failOn, type Blame } from './answers.ts';
import { WRITE, WRITE_ADMIN, dashboard58, levels } from './catalogue.ts';
import { TykDriver, addSubject, userBody, type CallOptions } from './driver.ts';
import { lookalike, newPassword, sameEmail, userMismatches, type TykUser } from './values.ts';

const ROW = 'admin: create user';

const statements = [
  dashboard58('admin-users/create', ROW, '`POST /admin/users` with `admin-auth` | 200 `{"Status":"OK","Message":"<the new user\'s access_key>","Meta":<User>}`'),
  dashboard58('admin-users/create-no-password', ROW, 'a user made here has no password until one is set (no `current_password` needed)'),
  dashboard58('admin-users/create-duplicate', ROW, '403 `User email already exists for this Org`'),
  dashboard58('admin-users/get', 'admin: get user', '`GET /admin/users/{userId}` | 200 User'),
  dashboard58('admin-users/get-not-found', 'admin: get user', '404 `Could not retrieve user detail`'),
  dashboard58('admin-users/update', 'admin: update user', '`PUT /admin/users/{userId}` | 200 `{"Message":"<access_key>","Meta":<User>}`'),
  dashboard58('admin-users/update-malformed', 'admin: update user', '403 `Request body malformed`'),
  dashboard58('admin-users/update-not-found', 'admin: update user', '404 `User not found`'),
];

const DUPLICATE = 'User email already exists for this Org';

/** `Message` is the user's access_key and `Meta` the user (the admin create and update answers). */
function expectKeyAndUser(driver: TykDriver, exchange: Exchange, what: string): TykUser {
  expectNoServerError(exchange, what);
  if (exchange.response.status !== 200) failOn(exchange, `${what}: HTTP ${exchange.response.status}, expected 200`, '200 {"Message": "<access_key>", "Meta": {...user}}', 'status');
  const body = exchange.response.json as { Message?: unknown; Meta?: unknown } | undefined;
  const user = expectUserShape(body?.Meta, `${what}: "Meta"`, exchange, driver.profile);
  if (typeof body?.Message !== 'string' || body.Message === '' || body.Message !== user.access_key) failOn(exchange, `${what}: "Message" is not the user's access_key`, '"Message": the same access_key as "Meta".access_key', 'literal');
  return user;
}

/** Adds a user through POST /admin/users (deleted afterwards with the run's key). */
async function adminCreate(context: CheckContext, driver: TykDriver, hint: string): Promise<{ body: Record<string, unknown> & { email_address: string }; exchange: Exchange }> {
  const body = userBody(context, hint, { first_name: 'Admin', last_name: 'Made' });
  context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
  return { body, exchange: await driver.call('createAdminUser', { json: body }) };
}

const checks: Check[] = [
  {
    id: 'tyk/admin-users/create',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'POST /admin/users with admin-auth answers HTTP 200 {"Status": "OK", "Message": <its access_key>, "Meta": {...the user}}, and GET /api/users/{its id} answers it',
    statements: ['tyk-5.8:admin-users/create'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const { body, exchange } = await adminCreate(context, driver, 'admincreate');
      const status = (exchange.response.json as { Status?: unknown } | undefined)?.Status;
      if (status !== 'OK') failOn(exchange, `POST /admin/users: "Status" is ${JSON.stringify(status)}, not "OK"`, '"Status": "OK"', 'literal');
      const user = expectKeyAndUser(driver, exchange, 'POST /admin/users');
      const { user: stored, exchange: read } = await driver.fetch(user.id, `GET /api/users/${user.id}`, { operation: 'createAdminUser' });
      const mismatches = userMismatches(stored, { id: user.id, email_address: body.email_address, first_name: 'Admin', last_name: 'Made', user_permissions: { users: 'read' } });
      if (mismatches.length > 0) failOn(read, `the user POST /admin/users made: ${mismatches.join('; ')}`, body, 'not-stored', { operation: 'createAdminUser' });
    },
  },
  {
    id: 'tyk/admin-users/created-without-password',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'A user made by POST /admin/users gets its first password from Set User Password without current_password',
    statements: ['tyk-5.8:admin-users/create-no-password'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await context.prerequisite('POST /admin/users', async () => {
        const { exchange } = await adminCreate(context, driver, 'adminnopass');
        return expectKeyAndUser(driver, exchange, 'POST /admin/users');
      });
      expectAnswer(await driver.setPassword(user.id, { new_password: newPassword() }), driver.answers.passwordUpdated, `POST /api/users/${user.id}/actions/reset {new_password} for a user made by the admin API`, { operation: 'createAdminUser' });
    },
  },
  {
    id: 'tyk/admin-users/duplicate-email-refused',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: `POST /admin/users with an address the organisation has is refused with HTTP 403 "${DUPLICATE}"`,
    statements: ['tyk-5.8:admin-users/create-duplicate'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const original = await addSubject(context, driver);
      context.onCleanup(() => driver.deleteAllWithEmail(original.email_address));
      const exchange = await driver.call('createAdminUser', { json: userBody(context, 'again', { email_address: original.email_address }) });
      const problem = errorProblem(exchange, 403, DUPLICATE);
      if (problem) failOn(exchange, `POST /admin/users with an existing address: ${problem}`, errorShown(403, DUPLICATE), 'status');
    },
  },
  {
    id: 'tyk/admin-users/get',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'GET /admin/users/{userId} with admin-auth answers HTTP 200 and the user',
    statements: ['tyk-5.8:admin-users/get'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const exchange = await driver.call('getAdminUser', { id: user.id });
      const answered = expectUserAnswer(exchange, `GET /admin/users/${user.id}`, driver.profile);
      const mismatches = userMismatches(answered, { id: user.id, email_address: user.email_address, access_key: user.access_key as string });
      if (mismatches.length > 0) failOn(exchange, `GET /admin/users/${user.id}: ${mismatches.join('; ')}`, user, 'other');
    },
  },
  {
    id: 'tyk/admin-users/update',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'PUT /admin/users/{userId} with admin-auth answers HTTP 200 {"Message": <its access_key>, "Meta": {...the changed user}}, and the change is stored',
    statements: ['tyk-5.8:admin-users/update'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const exchange = await driver.call('updateAdminUser', { id: user.id, json: { first_name: 'Admin', last_name: 'Changed' } });
      const meta = expectKeyAndUser(driver, exchange, `PUT /admin/users/${user.id}`);
      const blame: Blame = { operation: 'updateAdminUser' };
      const { user: stored, exchange: got } = await driver.fetch(user.id, `GET /api/users/${user.id} after the admin update`, blame);
      for (const [label, answered, read] of [['"Meta"', meta, exchange], ['GET', stored, got]] as const) {
        const mismatches = userMismatches(answered, { id: user.id, email_address: user.email_address, first_name: 'Admin', last_name: 'Changed' });
        if (mismatches.length > 0) failOn(read, `${label} after PUT /admin/users/${user.id}: ${mismatches.join('; ')}`, 'first_name "Admin", last_name "Changed"', 'not-stored', blame);
      }
    },
  },
  {
    id: 'tyk/admin-users/update-malformed-refused',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'PUT /admin/users/{userId} with malformed JSON is refused with HTTP 403 "Request body malformed" and changes nothing',
    statements: ['tyk-5.8:admin-users/update-malformed'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const exchange = await driver.call('updateAdminUser', { id: user.id, raw: '{"first_name": "Malformed", "last_name": ' });
      const problem = errorProblem(exchange, 403, 'Request body malformed');
      if (problem) failOn(exchange, `PUT /admin/users/${user.id} with malformed JSON: ${problem}`, errorShown(403, 'Request body malformed'), 'status');
      const { user: after, exchange: read } = await driver.fetch(user.id, 'GET after the malformed admin update', { operation: 'updateAdminUser' });
      if (after.first_name !== user.first_name || after.last_name !== user.last_name) failOn(read, 'the malformed admin update changed the user', user, 'not-refused', { operation: 'updateAdminUser' });
    },
  },
  {
    id: 'tyk/admin-auth/refused-on-admin-users',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'POST /admin/users, GET and PUT /admin/users/{userId} without admin-auth, with a wrong one, or with only the run\'s access key are refused (401 or 403), adding and changing nothing',
    statements: ['tyk-5.8:admin-users/create', 'tyk-5.8:admin-users/get', 'tyk-5.8:admin-users/update'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const secret = context.config.credentials.adminSecret;
      const attempts: Array<[string, CallOptions]> = [
        ['without admin-auth', { adminSecret: null }],
        ['with a wrong admin-auth', { adminSecret: secret ? lookalike(secret, 'all') : 'not-the-admin-secret' }],
        ['with the run\'s access key and no admin-auth', { adminSecret: null, key: driver.token }],
      ];
      const fresh = userBody(context, 'noadmin');
      context.onCleanup(() => driver.deleteAllWithEmail(fresh.email_address));
      for (const [label, options] of attempts) {
        expectRefusal(await driver.call('createAdminUser', { ...options, json: fresh }), `POST /admin/users ${label}`);
        expectRefusal(await driver.call('getAdminUser', { ...options, id: user.id }), `GET /admin/users/${user.id} ${label}`);
        expectRefusal(await driver.call('updateAdminUser', { ...options, id: user.id, json: { first_name: 'Changed without the secret' } }), `PUT /admin/users/${user.id} ${label}`);
      }
      const { users, exchange } = await driver.findByEmail(fresh.email_address, 'GET /api/users after the refused admin creates');
      if (users.some((listed) => sameEmail(listed.email_address, fresh.email_address))) failOn(exchange, `a refused POST /admin/users added ${fresh.email_address}`, 'no user added', 'not-refused', { operation: 'createAdminUser' });
      const { user: after, exchange: read } = await driver.fetch(user.id, 'GET after the refused admin updates', { operation: 'updateAdminUser' });
      if (after.first_name !== user.first_name) failOn(read, 'a refused PUT /admin/users changed the user', user, 'not-refused', { operation: 'updateAdminUser' });
    },
  },
];

export const section = defineSection({ title: 'Dashboard 5.8: admin Users (create, get, update)', statements, checks });
