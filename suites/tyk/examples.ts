// The document's nine samples, replayed against the target, and what each operation does. The target
// does not have the document's users, so each check first adds run-prefixed users standing in for
// them (keeping every documented value that is not an identifier, an address or a password: addresses
// are `<name>@example.com`, passwords are generated and known to the check), then compares the answers
// with what the document shows: HTTP 200, the envelope's literal `Status` and `Message`, the list and
// user shapes and types, and the effect (the user is stored, changed, re-keyed, deleted). Ids, keys,
// field order, extra fields, header case and a charset parameter are free; so is `Meta`'s exact value,
// judged by its own SHOULD check. MUST checks send JSON as application/json; one SHOULD check replays the
// samples as they are written, without a Content-Type.
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import type { User } from '../../specs/types/tyk.ts';
import { defineChecks, type Check, type CheckDoc } from '../harness/legacy.ts';
import type { Exchange } from '../harness/http.ts';
import {
  ANSWERS,
  TykDriver,
  answerOf,
  expectAnswer,
  expectClientError,
  expectUserAnswer,
  expectUserList,
  expectUserShape,
  expectUserValues,
  fail,
  getListedUser,
  isRefusal,
  metaProblem,
  newPassword,
  sameEmail,
  standIn,
  wrongPassword,
  type AnswerShape,
  type ExpectedUser,
} from './driver.ts';

const FIXTURES = new Map(loadFixtures('tyk').map((fixture) => [fixture.operationId, fixture]));

function fixture(operationId: string): Fixture {
  const found = FIXTURES.get(operationId);
  if (!found) throw new Error(`no fixture for ${operationId} in fixtures/tyk`);
  return found;
}

/** The sample's request body, a fresh copy. */
function sampleBody(operationId: string): Record<string, unknown> {
  return structuredClone(fixture(operationId).request.body) as Record<string, unknown>;
}

function sampleDoc(operationId: string): CheckDoc {
  const { doc } = fixture(operationId);
  return { source: 'document', section: doc.section, quote: doc.quote };
}

const WRITE: Check['requires'] = ['write'];
const WRITE_ADMIN: Check['requires'] = ['write', 'admin-secret'];

/** Compares `user_permissions` only when the answer has them (the Get User sample shows none). */
function withoutAbsentPermissions(user: unknown, expected: ExpectedUser): ExpectedUser {
  const has = typeof user === 'object' && user !== null && 'user_permissions' in user;
  if (has) return expected;
  const { user_permissions: _absent, ...rest } = expected;
  return rest;
}

async function expectStored(driver: TykDriver, id: string, expected: ExpectedUser, what: string): Promise<User> {
  const exchange = await driver.get(id);
  const user = expectUserAnswer(exchange, what);
  expectUserValues(user, withoutAbsentPermissions(user, { ...expected, id }), what, exchange);
  return user;
}

/** What is wrong with paging through the list with `p`, for users `own` that exist throughout. */
async function pagingProblem(driver: TykDriver, own: string[]): Promise<{ message: string; exchange: Exchange } | undefined> {
  const first = await driver.list({ p: '1' });
  const firstPage = expectUserList(first, 'GET /api/users?p=1');
  const { pages } = firstPage;
  if (pages < 1) return { message: `GET /api/users?p=1: "pages" is ${pages} although there are users`, exchange: first };
  if (firstPage.users.length === 0) return { message: 'GET /api/users?p=1 answers no users although there are some', exchange: first };
  const seen = new Map<string, number>();
  const count = (users: User[]): void => users.forEach((user) => seen.set(user.id, (seen.get(user.id) ?? 0) + 1));
  count(firstPage.users);
  for (let page = 2; page <= Math.min(pages, 100); page += 1) {
    const exchange = await driver.list({ p: String(page) });
    const { users } = expectUserList(exchange, `GET /api/users?p=${page}`);
    if (users.length > firstPage.users.length) return { message: `GET /api/users?p=${page} has ${users.length} users, more than page 1 (${firstPage.users.length})`, exchange };
    count(users);
  }
  const misplaced = own.filter((id) => seen.get(id) !== 1);
  if (misplaced.length > 0) return { message: `p=1..${pages}: ${misplaced.map((id) => `${id} appears ${seen.get(id) ?? 0} times`).join(', ')}`, exchange: first };
  const beyond = await driver.list({ p: String(pages + 1) });
  const past = expectUserList(beyond, `GET /api/users?p=${pages + 1}`).users;
  if (past.length > 0) return { message: `GET /api/users?p=${pages + 1} (past "pages" ${pages}) answers ${past.length} users`, exchange: beyond };
  for (const query of [{ p: '-1' }, undefined]) {
    const everyone = await driver.list(query);
    const label = `GET /api/users${query ? '?p=-1' : ''}`;
    const all = expectUserList(everyone, label).users;
    const missing = own.filter((id) => !all.some((user) => user.id === id));
    if (missing.length > 0) return { message: `${label} does not list ${missing.join(', ')} ("\`p\` <= 0 or absent returns everything")`, exchange: everyone };
  }
  return undefined;
}

export const exampleChecks: Check[] = defineChecks([
  // --- List Users ----------------------------------------------------------------------------------
  {
    id: 'tyk/list-users/list-users',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/users answers HTTP 200 {"users": [...], "pages": <integer>} with every user, each with the documented fields and types (List Users sample)',
    doc: { source: 'document', section: 'Users > List Users > Sample Response', quote: '"pages": 0' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const john = standIn(context, 'johnsmith');
      const test = standIn(context, 'testuser');
      const documented: Array<[string, Record<string, unknown> & { email_address: string }]> = [
        [john.email_address, { first_name: 'John', last_name: 'Smith', email_address: john.email_address, active: true, password: newPassword(), user_permissions: { user_groups: 'read' } }],
        [test.email_address, { first_name: 'Test', last_name: 'User', email_address: test.email_address, active: true, user_permissions: { user_groups: 'read', users: 'read' } }],
      ];
      const added = new Map<string, User>();
      for (const [email, body] of documented) added.set(email, await driver.addUser(context, body, `POST a stand-in for ${String(body['first_name'])} ${String(body['last_name'])}`));
      const { users, exchanges } = await driver.listAll('GET /api/users');
      const exchange = exchanges[0] as Exchange;
      for (const [email, body] of documented) {
        const id = added.get(email)?.id as string;
        const listed = users.filter((user) => user.id === id);
        if (listed.length !== 1) fail(`GET /api/users: the user ${id} (${email}) appears ${listed.length} times`, `the user ${id} once`, answerOf(exchange));
        const { password: _password, ...fields } = body;
        expectUserValues(listed[0], { ...(fields as ExpectedUser), id }, `GET /api/users, user ${email}`, exchange);
      }
    },
  },
  {
    id: 'tyk/list-users/read-only-list',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/users answers HTTP 200 {"users": [...], "pages": <integer>}, each user with the documented fields and types (writes nothing)',
    doc: { source: 'document', section: 'Users > List Users > Sample Response', quote: '"users": [' },
    async run(context) {
      const exchange = await TykDriver.of(context).list();
      const list = expectUserList(exchange, 'GET /api/users');
      list.users.forEach((user) => expectUserShape(user, 'GET /api/users: a listed user', exchange));
    },
  },

  {
    id: 'tyk/list-users/paging-with-p',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'GET /api/users?p=1..pages gives each user on one page, "pages" the page count and nothing past it; p=-1 and no p give everyone',
    doc: { source: 'facts', section: 'Tyk Dashboard (seed 003)', quote: 'Paging: `p` starts at 1, default page size 10 (configurable), `p` <= 0 or absent returns everything.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      // One more user than the facts' default page size, so that no page 1 can pass for everyone.
      const emails = Array.from({ length: 11 }, () => standIn(context, 'paged').email_address);
      context.onCleanup(() => driver.deleteByEmail(emails));
      for (const email of emails) expectAnswer(await driver.create({ first_name: 'Paged', last_name: 'User', email_address: email, active: true, user_permissions: { users: 'read' } }), ANSWERS.created, 'POST a user');
      const { users, exchanges } = await driver.listAll('GET /api/users to find the new users', false);
      const own = users.filter((user) => emails.some((email) => sameEmail(user.email_address, email))).map((user) => user.id);
      if (own.length !== emails.length) fail(`GET /api/users finds ${own.length} of the ${emails.length} users just added`, `the ${emails.length} users`, answerOf(exchanges[0] as Exchange));
      // Other clients may add or delete users between two pages: a consistent reading within three tries.
      let problem: { message: string; exchange: Exchange } | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        problem = await pagingProblem(driver, own);
        if (!problem) return;
      }
      if (problem) fail(problem.message, 'p=1..pages: every user once, at most as many per page as on page 1, "pages" >= 1, no users past the last page; p=-1 and no p: everyone', answerOf(problem.exchange));
    },
  },

  // --- Get User ------------------------------------------------------------------------------------
  {
    id: 'tyk/get-user/get-user',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/users/{USER_ID} answers HTTP 200 and the user object with the stored values and the documented types (Get User sample)',
    doc: { source: 'document', section: 'Users > Get User > Sample Response', quote: '"id": "54bd0ad9ff4329b88985aafb",' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const test = standIn(context, 'testuser');
      const body = { first_name: 'Test', last_name: 'User', email_address: test.email_address, active: true, user_permissions: { user_groups: 'read', users: 'read' } };
      const added = await driver.addUser(context, body, 'POST a stand-in for Test User');
      const stored = await expectStored(driver, added.id, body, `GET /api/users/${added.id}`);
      if (stored.access_key !== added.access_key) fail(`GET /api/users/${added.id}: access_key ${JSON.stringify(stored.access_key)} differs from the list's ${JSON.stringify(added.access_key)}`, added.access_key, stored.access_key);
    },
  },
  {
    id: 'tyk/get-user/read-only-get',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/users/{USER_ID} of a listed user answers HTTP 200 and that user, with the documented fields and types (writes nothing)',
    doc: { source: 'document', section: 'Users > Get User > Sample Request', quote: 'GET /api/users/54bd0ad9ff4329b88985aafb HTTP/1.1' },
    async run(context) {
      const found = await getListedUser(TykDriver.of(context));
      if (!found) return context.skip('the organisation has no users to read');
      const { listed: first, exchange } = found;
      const user = expectUserAnswer(exchange, `GET /api/users/${first.id}`);
      expectUserValues(user, { id: first.id, email_address: first.email_address }, `GET /api/users/${first.id}`, exchange);
    },
  },

  // --- Add User ------------------------------------------------------------------------------------
  {
    id: 'tyk/create-user/add-user',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'POST /api/users with the sample User Object answers HTTP 200 {"Status": "OK", "Message": "User created"}, and the user is then listed with the values sent, an id and an access_key (Add User sample)',
    doc: sampleDoc('createUser'),
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const jason = standIn(context, 'jasonjasonson');
      const body = { ...sampleBody('createUser'), email_address: jason.email_address, password: newPassword() } as Record<string, unknown> & { email_address: string };
      const user = await driver.addUser(context, body, 'POST /api/users (the Add User sample)');
      const { password: _password, ...fields } = body;
      expectUserValues(user, fields as ExpectedUser, 'the added user, as listed');
      if (user.id === '' || user.access_key === '') fail('the added user has an empty id or access_key', 'a non-empty id and access_key', user);
    },
  },

  // --- Set User Password ---------------------------------------------------------------------------
  {
    id: 'tyk/set-user-password/set-user-password',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'POST /api/users/{USER_ID}/actions/reset with the current and a new password answers HTTP 200 {"Status": "OK", "Message": "User password updated"} (Set User Password sample)',
    doc: sampleDoc('setUserPassword'),
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const current = newPassword();
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'sampleuser').email_address, active: true, password: current }, 'POST a user with a known password');
      const body = { ...sampleBody('setUserPassword'), current_password: current, new_password: newPassword('Pw2') };
      expectAnswer(await driver.setPassword(user.id, body), ANSWERS.passwordUpdated, `POST /api/users/${user.id}/actions/reset (the sample's Password Object)`);
    },
  },
  {
    id: 'tyk/set-user-password/first-password-without-current',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'A user added without a password gets one from Set User Password without current_password, and it is then the current one',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'In this scenario, the current_password field is not required.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'No', last_name: 'Password', email_address: standIn(context, 'nopassword').email_address, active: true }, 'POST a user without a password');
      const first = newPassword();
      expectAnswer(await driver.setPassword(user.id, { new_password: first }), ANSWERS.passwordUpdated, 'POST .../actions/reset {new_password} for a user without a password');
      expectAnswer(await driver.setPassword(user.id, { current_password: first, new_password: newPassword('Pw2') }), ANSWERS.passwordUpdated, 'POST .../actions/reset with the password just set as current_password');
    },
  },
  {
    id: 'tyk/set-user-password/wrong-current-refused',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'Set User Password with a wrong current_password is refused (4xx) and leaves the password as it was',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'To change an current password, you need to know the existing password set in Add User.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const current = newPassword();
      const user = await driver.addUser(context, { first_name: 'Known', last_name: 'Password', email_address: standIn(context, 'wrongcurrent').email_address, active: true, password: current }, 'POST a user with a known password');
      expectClientError(await driver.setPassword(user.id, { current_password: wrongPassword(current), new_password: newPassword('Pw2') }), 'POST .../actions/reset with a wrong current_password');
      expectAnswer(await driver.setPassword(user.id, { current_password: current, new_password: newPassword('Pw3') }), ANSWERS.passwordUpdated, 'POST .../actions/reset with the right current_password after the refusal');
    },
  },
  {
    id: 'tyk/set-user-password/missing-current-refused',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'Set User Password without current_password, for a user that has a password, is refused (4xx) and leaves the password as it was',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'To change an current password, you need to know the existing password set in Add User.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const current = newPassword();
      const user = await driver.addUser(context, { first_name: 'Known', last_name: 'Password', email_address: standIn(context, 'missingcurrent').email_address, active: true, password: current }, 'POST a user with a known password');
      expectClientError(await driver.setPassword(user.id, { new_password: newPassword('Pw2') }), 'POST .../actions/reset without current_password');
      expectAnswer(await driver.setPassword(user.id, { current_password: current, new_password: newPassword('Pw3') }), ANSWERS.passwordUpdated, 'POST .../actions/reset with the right current_password after the refusal');
    },
  },
  {
    id: 'tyk/set-user-password/new-password-becomes-current',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'After Set User Password, the old password no longer counts as current_password and the new one does',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'To change an current password, you need to know the existing password set in Add User.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const first = newPassword();
      const second = newPassword('Pw2');
      const user = await driver.addUser(context, { first_name: 'Known', last_name: 'Password', email_address: standIn(context, 'newcurrent').email_address, active: true, password: first }, 'POST a user with a known password');
      expectAnswer(await driver.setPassword(user.id, { current_password: first, new_password: second }), ANSWERS.passwordUpdated, 'POST .../actions/reset (first to second)');
      expectClientError(await driver.setPassword(user.id, { current_password: first, new_password: newPassword('Pw3') }), 'POST .../actions/reset with the replaced password as current_password');
      expectAnswer(await driver.setPassword(user.id, { current_password: second, new_password: newPassword('Pw4') }), ANSWERS.passwordUpdated, 'POST .../actions/reset with the new password as current_password');
    },
  },

  // --- Allow / Disallow Reset Password --------------------------------------------------------------
  {
    id: 'tyk/allow-reset-passwords/allow-reset-password',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /admin/users/{USER_ID}/actions/allow_reset_passwords with admin-auth answers HTTP 200 {"Status": "OK", "Message": "User updated", "Meta": {...that user}} (Allow Reset Password sample)',
    doc: { source: 'document', section: 'Users > Allow Reset Password > Sample Response', quote: '"Message": "User updated",' },
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Test', last_name: 'User', email_address: standIn(context, 'allowreset').email_address, active: true, user_permissions: { user_groups: 'read', users: 'read' } }, 'POST a stand-in for Test User');
      const exchange = await driver.allow(user.id);
      const envelope = expectAnswer(exchange, ANSWERS.adminUpdated, `PUT /admin/users/${user.id}/actions/allow_reset_passwords`);
      expectUserValues(envelope.Meta, { id: user.id, email_address: user.email_address, first_name: 'Test', last_name: 'User' }, 'allow_reset_passwords: "Meta"', exchange);
    },
  },
  {
    id: 'tyk/disallow-reset-passwords/disallow-reset-password',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /admin/users/{USER_ID}/actions/disallow_reset_passwords with admin-auth answers HTTP 200 {"Status": "OK", "Message": "User updated", "Meta": {...that user}} (Disallow Reset Password sample)',
    doc: { source: 'document', section: 'Users > Disallow Reset Password > Sample Response', quote: '"Message": "User updated",' },
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Test', last_name: 'User', email_address: standIn(context, 'disallowreset').email_address, active: true, user_permissions: { user_groups: 'read', users: 'read' } }, 'POST a stand-in for Test User');
      expectAnswer(await driver.allow(user.id), ANSWERS.adminUpdated, 'allow_reset_passwords first');
      const exchange = await driver.disallow(user.id);
      const envelope = expectAnswer(exchange, ANSWERS.adminUpdated, `PUT /admin/users/${user.id}/actions/disallow_reset_passwords`);
      expectUserValues(envelope.Meta, { id: user.id, email_address: user.email_address, first_name: 'Test', last_name: 'User' }, 'disallow_reset_passwords: "Meta"', exchange);
    },
  },
  {
    id: 'tyk/allow-reset-passwords/grants-reset-password',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'Allow Reset Password grants the ResetPassword permission (in Meta and on GET) and Disallow withdraws it',
    doc: { source: 'facts', section: 'Tyk Dashboard (seed 003)', quote: '`ResetPassword` permission can only be granted through the admin API.' },
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Test', last_name: 'User', email_address: standIn(context, 'grantreset').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      const resetPasswordOf = (value: unknown): unknown => ((value as { user_permissions?: Record<string, unknown> } | null)?.user_permissions ?? {})['ResetPassword'];
      const allowed = await driver.allow(user.id);
      const granted = resetPasswordOf(expectAnswer(allowed, ANSWERS.adminUpdated, 'allow_reset_passwords').Meta);
      if (typeof granted !== 'string' || granted === '') fail('allow_reset_passwords: "Meta" has no user_permissions.ResetPassword', '"user_permissions": {..., "ResetPassword": "admin"}', answerOf(allowed));
      const afterAllow = await driver.fetch(user.id, 'GET after allow_reset_passwords');
      if (resetPasswordOf(afterAllow.user) !== granted) fail('GET after allow_reset_passwords: user_permissions.ResetPassword is not stored', `"ResetPassword": ${JSON.stringify(granted)}`, answerOf(afterAllow.exchange));
      const disallowed = await driver.disallow(user.id);
      if (resetPasswordOf(expectAnswer(disallowed, ANSWERS.adminUpdated, 'disallow_reset_passwords').Meta) === granted) fail('disallow_reset_passwords: "Meta" still has user_permissions.ResetPassword', 'no ResetPassword', answerOf(disallowed));
      const afterDisallow = await driver.fetch(user.id, 'GET after disallow_reset_passwords');
      if (resetPasswordOf(afterDisallow.user) === granted) fail('GET after disallow_reset_passwords: user_permissions.ResetPassword is still there', 'no ResetPassword', answerOf(afterDisallow.exchange));
    },
  },

  // --- Update User ---------------------------------------------------------------------------------
  {
    id: 'tyk/update-user/update-user',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /api/users/{USER_ID} with the sample User Object answers HTTP 200 {"Status": "OK", "Message": "User updated"} and the user then has last_name "File" (Update User sample)',
    doc: sampleDoc('updateUser'),
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const jason = standIn(context, 'jasonfile');
      const added = { ...sampleBody('createUser'), email_address: jason.email_address, password: newPassword() } as Record<string, unknown> & { email_address: string };
      const user = await driver.addUser(context, added, 'POST the Add User sample (the user the Update sample changes)');
      const body = { ...sampleBody('updateUser'), email_address: jason.email_address };
      expectAnswer(await driver.update(user.id, body), ANSWERS.updated, `PUT /api/users/${user.id} (the Update User sample)`);
      await expectStored(driver, user.id, body as ExpectedUser, `GET /api/users/${user.id} after the update`);
    },
  },
  {
    id: 'tyk/update-user/persists-given-fields',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'After Update User, GET answers the user with every field the update sent (names, address, active, user_permissions)',
    doc: { source: 'document', section: 'Users > Update User', quote: 'You need to have the users Permission object set to write to use Update User.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const before = standIn(context, 'persist');
      const user = await driver.addUser(context, { first_name: 'Jason', last_name: 'Jasonson', email_address: before.email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      const changes = { first_name: 'Firstname Changed', last_name: 'Last Name changed', email_address: standIn(context, 'persisted').email_address, active: false, user_permissions: { users: 'read', user_groups: 'read' } };
      context.onCleanup(() => driver.deleteQuietly(undefined, changes.email_address));
      expectAnswer(await driver.update(user.id, changes), ANSWERS.updated, `PUT /api/users/${user.id} (every field changed)`);
      await expectStored(driver, user.id, changes, `GET /api/users/${user.id} after the update`);
    },
  },
  {
    id: 'tyk/update-user/keeps-omitted-fields',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'Update User with some fields keeps the others (partial updates, as the Go SDK sends them)',
    doc: { source: 'real-clients', section: 'tyk_go_sdk', quote: '"body": "{\\"active\\":false,\\"first_name\\":\\"Bobby\\",\\"user_permissions\\":{\\"IsAdmin\\":\\"admin\\"}}\\n"' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'partial').email_address;
      const original = { first_name: 'Jason', last_name: 'Jasonson', email_address: email, active: true, user_permissions: { users: 'read', user_groups: 'read' } };
      const user = await driver.addUser(context, original, 'POST a user');
      expectAnswer(await driver.update(user.id, { first_name: 'Bobby' }), ANSWERS.updated, 'PUT {"first_name"} only');
      await expectStored(driver, user.id, { ...original, first_name: 'Bobby' }, 'GET after PUT {"first_name"}');
      expectAnswer(await driver.update(user.id, { last_name: 'File' }), ANSWERS.updated, 'PUT {"last_name"} only');
      await expectStored(driver, user.id, { ...original, first_name: 'Bobby', last_name: 'File' }, 'GET after PUT {"last_name"}');
    },
  },

  // --- Reset User Session --------------------------------------------------------------------------
  {
    id: 'tyk/reset-user-session/reset-user-session',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /api/users/{USER_ID}/actions/key/reset with {"userId": ...} answers HTTP 200 {"Status": "OK", "Message": "User session renewed"} (Reset User Session sample)',
    doc: sampleDoc('resetUserSession'),
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'keyreset').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      // The sample sends the placeholder "{USER_ID}" ("USER_ID is a placeholder for your User ID value").
      expectAnswer(await driver.resetKey(user.id, { ...sampleBody('resetUserSession'), userId: user.id }), ANSWERS.sessionRenewed, `PUT /api/users/${user.id}/actions/key/reset`);
    },
  },
  {
    id: 'tyk/reset-user-session/without-body',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'Reset User Session without a body (as Tyk\'s Go SDK sends it: the user is the one in the path) answers "User session renewed" and renews the key',
    doc: { source: 'real-clients', section: 'tyk_go_sdk', quote: '"path": "/api/users/u3/actions/key/reset",' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'keyresetbare').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      expectAnswer(await driver.resetKey(user.id), ANSWERS.sessionRenewed, `PUT /api/users/${user.id}/actions/key/reset without a body`);
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the key reset');
      if (after.access_key === user.access_key) fail('GET after the key reset without a body: access_key is unchanged', 'a new access_key', answerOf(exchange));
    },
  },
  {
    id: 'tyk/key-reset/new-key-issued',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'After Reset User Session the user has a new access_key, which works as the old one did',
    doc: { source: 'document', section: 'Users > Reset User Session > Note', quote: 'This also resets the user’s Dashboard API credentials.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'newkey').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      const oldKey = user.access_key;
      const before = await driver.probeKey(user.id, oldKey);
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }), ANSWERS.sessionRenewed, 'PUT .../actions/key/reset');
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the key reset');
      if (typeof after.access_key !== 'string' || after.access_key === '' || after.access_key === oldKey) {
        fail(`GET after the key reset: access_key is ${JSON.stringify(after.access_key)}, the same as before`, 'a new access_key', answerOf(exchange));
      }
      if (before.response.status === 200) {
        const now = await driver.probeKey(user.id, after.access_key);
        if (now.response.status !== 200) fail(`GET /api/users/${user.id} with the new access_key: HTTP ${now.response.status}, while the old key got 200 before the reset`, 'HTTP 200', answerOf(now));
      }
    },
  },
  {
    id: 'tyk/key-reset/old-key-revoked',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'After Reset User Session the old access_key is refused (401 or 403)',
    doc: { source: 'document', section: 'Users > Reset User Session > Note', quote: 'This also resets the user’s Dashboard API credentials.' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'oldkey').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      const before = await driver.probeKey(user.id, user.access_key);
      if (isRefusal(before)) context.skip(`the new users: read user's own key is refused before any reset (HTTP ${before.response.status}): a revocation cannot be told apart`);
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }), ANSWERS.sessionRenewed, 'PUT .../actions/key/reset');
      await driver.expectKeyRefused(user.id, user.access_key, `GET /api/users/${user.id} with the access_key from before the reset`);
    },
  },

  // --- Delete User ---------------------------------------------------------------------------------
  {
    id: 'tyk/delete-user/delete-user',
    api: 'tyk',
    family: 'examples',
    level: 'MUST',
    title: 'DELETE /api/users/{USER_ID} answers HTTP 200 {"Status": "OK", "Message": "User deleted"}, and the user is gone from GET and the list (Delete User sample)',
    doc: sampleDoc('deleteUser'),
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'deleteme').email_address, active: true }, 'POST a user');
      expectAnswer(await driver.remove(user.id), ANSWERS.deleted, `DELETE /api/users/${user.id}`);
      expectClientError(await driver.get(user.id), `GET /api/users/${user.id} after DELETE`);
      const { users, exchanges } = await driver.listAll('GET /api/users after DELETE', false);
      if (users.some((listed) => listed.id === user.id)) fail(`GET /api/users after DELETE still lists ${user.id}`, 'the deleted user is not listed', answerOf(exchanges[0] as Exchange));
    },
  },
  {
    id: 'tyk/delete-user/key-revoked',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'A deleted user\'s access_key is refused (401 or 403)',
    doc: { source: 'document', section: 'Users > Delete User > Sample Response', quote: '"Message": "User deleted",' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, 'deletedkey').email_address, active: true, user_permissions: { users: 'read' } }, 'POST a user');
      const before = await driver.probeKey(undefined, user.access_key);
      if (isRefusal(before)) context.skip(`the new users: read user's own key is refused even before the delete (HTTP ${before.response.status})`);
      expectAnswer(await driver.remove(user.id), ANSWERS.deleted, `DELETE /api/users/${user.id}`);
      await driver.expectKeyRefused(undefined, user.access_key, 'GET /api/users with the deleted user\'s access_key');
    },
  },

  // --- the literals and the samples as written ------------------------------------------------------
  {
    id: 'tyk/envelope/meta-literals',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: '"Meta" is "" on Add User, Set User Password and Delete User, and null on Update User and Reset User Session, as the samples show',
    doc: { source: 'document', section: 'Users > Update User > Sample Response', quote: '"Meta": null' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'metaliterals').email_address;
      const current = newPassword();
      let id: string | undefined;
      context.onCleanup(() => driver.deleteQuietly(id, email));
      const answers: Array<[string, Exchange, AnswerShape]> = [];
      const created = await driver.create({ first_name: 'Meta', last_name: 'Literals', email_address: email, active: true, password: current, user_permissions: { users: 'read' } });
      answers.push(['Add User', created, ANSWERS.created]);
      id = (await driver.findCreated(expectAnswer(created, ANSWERS.created, 'POST /api/users'), email, 'POST /api/users')).id;
      const steps: Array<[string, () => Promise<Exchange>, AnswerShape]> = [
        ['Set User Password', () => driver.setPassword(id as string, { current_password: current, new_password: newPassword('Pw2') }), ANSWERS.passwordUpdated],
        ['Update User', () => driver.update(id as string, { first_name: 'Meta', last_name: 'File', email_address: email, active: true, user_permissions: { users: 'read' } }), ANSWERS.updated],
        ['Reset User Session', () => driver.resetKey(id as string, { userId: id }), ANSWERS.sessionRenewed],
        ['Delete User', () => driver.remove(id as string), ANSWERS.deleted],
      ];
      for (const [name, send, shape] of steps) {
        const exchange = await send();
        expectAnswer(exchange, shape, name);
        answers.push([name, exchange, shape]);
      }
      const problems = answers.flatMap(([name, exchange, shape]) => {
        const problem = metaProblem(exchange, shape);
        return problem ? [`${name}: ${problem}`] : [];
      });
      if (problems.length > 0) fail(problems.join('; '), 'Meta "" (Add, Set Password, Delete) and null (Update, Reset Session)', answers.map(([name, exchange]) => `${name}: ${answerOf(exchange)}`).join('\n'));
    },
  },
  {
    id: 'tyk/examples/bodies-without-content-type',
    api: 'tyk',
    family: 'examples',
    level: 'SHOULD',
    title: 'The samples as written (JSON bodies without a Content-Type) get the documented answers: Add User, Set User Password, Update User, Reset User Session',
    doc: { source: 'document', section: 'Users > Add User > Sample Request', quote: 'POST /api/users HTTP/1.1' },
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'nocontenttype').email_address;
      let id: string | undefined;
      context.onCleanup(() => driver.deleteQuietly(id, email));
      const bare = { contentType: null } as const;
      const created = await driver.create({ ...sampleBody('createUser'), email_address: email, password: undefined, user_permissions: { users: 'read' } }, bare);
      const user = await driver.findCreated(expectAnswer(created, ANSWERS.created, 'POST /api/users without Content-Type'), email, 'POST /api/users without Content-Type');
      id = user.id;
      expectUserValues(user, { first_name: 'Jason', last_name: 'Jasonson', user_permissions: { users: 'read' } }, 'the user added without Content-Type', created);
      expectAnswer(await driver.setPassword(user.id, { new_password: newPassword() }, bare), ANSWERS.passwordUpdated, 'POST .../actions/reset without Content-Type');
      expectAnswer(await driver.update(user.id, { ...sampleBody('updateUser'), email_address: email, user_permissions: { users: 'read' } }, bare), ANSWERS.updated, 'PUT /api/users/{id} without Content-Type');
      await expectStored(driver, user.id, { last_name: 'File' }, 'GET after the update without Content-Type');
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }, bare), ANSWERS.sessionRenewed, 'PUT .../actions/key/reset without Content-Type');
    },
  },
]);
