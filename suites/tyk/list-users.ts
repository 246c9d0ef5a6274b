// Users > List Users: GET /api/users answers every user of the organisation, `{"users": [...], "pages": 0}`
// in the document's sample (each user with the documented fields, which this file's statements list
// once for every answer that shows a user), paged by `p` on Dashboard 5.8. The list is checked with the
// run's stand-ins for the sample's users, with more users than any plausible page or cap, and paged.
import { defineSection, type Check } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { expectRefusal, expectUserList, failOn, isDashboard58, sameMessage, messageOf } from './answers.ts';
import { WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { inPool } from '../harness/pool.ts';
import { TykDriver, standIn, userBody } from './driver.ts';
import { sameEmail, userMismatches, type ExpectedUser, type TykUser } from './values.ts';

const SAMPLE = 'List Users > Sample Response';

const statements = [
  documented('list-users/request', 'List Users', 'Resource URL /api/users | Method GET | Type None | Body None | Param None'),
  documented('list-users/lists-the-users', 'List Users', 'List Users'),
  documented('list-users/users-array', SAMPLE, '"users": ['),
  documented('list-users/pages', SAMPLE, '"pages": 0'),
  documented('list-users/field-api-model', SAMPLE, '"api_model": {},'),
  documented('list-users/field-first-name', SAMPLE, '"first_name": "John",'),
  documented('list-users/field-last-name', SAMPLE, '"last_name": "Smith",'),
  documented('list-users/field-email-address', SAMPLE, '"email_address": "[email protected]",'),
  documented('list-users/field-org-id', SAMPLE, '"org_id": "54b53d3aeba6db5c35000002",'),
  documented('list-users/field-active', SAMPLE, '"active": true,'),
  documented('list-users/field-id', SAMPLE, '"id": "54b53d4bf25b920f09361526",'),
  documented('list-users/field-access-key', SAMPLE, '"access_key": "0cf5e6c37add465a406f19807c081765",'),
  documented('list-users/field-user-permissions', SAMPLE, '"user_permissions": { "user_groups": "read", "users": "read" }'),
  dashboard58('list-users/request', 'list users', '`GET /api/users?p=N` (`p` optional, from 1)'),
  dashboard58('list-users/answer', 'list users', '200 `{"pages": <int>, "users": [User...]}` (`users` may be null)'),
  dashboard58('list-users/access-denied', 'list users', '403 `access denied: You do not have permission to access  /api/users`'),
  dashboard58('list-users/cannot-retrieve', 'list users', '404 `Could not retrieve users.`', 'MUST', 'answered when the Dashboard cannot read its user store: no request makes a working server fail so'),
];

const FIELDS = ['field-api-model', 'field-first-name', 'field-last-name', 'field-email-address', 'field-org-id', 'field-active', 'field-id', 'field-access-key', 'field-user-permissions'].map((slug) => `tyk:list-users/${slug}`);

/** More users than any plausible page or cap (100 is the usual one). */
const MANY_USERS = 105;

/** What is wrong with paging through the list with `p`, for users `own` that exist throughout. */
async function pagingProblem(driver: TykDriver, own: string[]): Promise<{ message: string; exchange: Exchange } | undefined> {
  const first = await driver.list({ p: '1' });
  const firstPage = expectUserList(first, 'GET /api/users?p=1', driver.profile);
  const { pages } = firstPage;
  if (pages < 1) return { message: `GET /api/users?p=1: "pages" is ${pages} although there are users`, exchange: first };
  if (firstPage.users.length === 0) return { message: 'GET /api/users?p=1 answers no users although there are some', exchange: first };
  const seen = new Map<string, number>();
  const count = (users: TykUser[]): void => users.forEach((user) => seen.set(user.id, (seen.get(user.id) ?? 0) + 1));
  count(firstPage.users);
  for (let page = 2; page <= Math.min(pages, 200); page += 1) {
    const exchange = await driver.list({ p: String(page) });
    const { users } = expectUserList(exchange, `GET /api/users?p=${page}`, driver.profile);
    if (users.length > firstPage.users.length) return { message: `GET /api/users?p=${page} has ${users.length} users, more than page 1 (${firstPage.users.length})`, exchange };
    count(users);
  }
  const misplaced = own.filter((id) => seen.get(id) !== 1);
  if (misplaced.length > 0) return { message: `p=1..${pages}: ${misplaced.map((id) => `${id} appears ${seen.get(id) ?? 0} times`).join(', ')}`, exchange: first };
  const beyond = await driver.list({ p: String(pages + 1) });
  const past = expectUserList(beyond, `GET /api/users?p=${pages + 1}`, driver.profile).users;
  if (past.length > 0) return { message: `GET /api/users?p=${pages + 1} (past "pages" ${pages}) answers ${past.length} users`, exchange: beyond };
  // The older facts: "`p` <= 0 or absent returns everything" (the 5.8 section does not say).
  for (const query of isDashboard58(driver.profile) ? [] : [{ p: '-1' }, undefined]) {
    const everyone = await driver.list(query);
    const label = `GET /api/users${query ? '?p=-1' : ''}`;
    const all = expectUserList(everyone, label, driver.profile).users;
    const missing = own.filter((id) => !all.some((user) => user.id === id));
    if (missing.length > 0) return { message: `${label} does not list ${missing.join(', ')} ("\`p\` <= 0 or absent returns everything")`, exchange: everyone };
  }
  return undefined;
}

/** Adds `count` users at once (a prerequisite), and deletes them afterwards; answers their addresses. */
async function addMany(context: Parameters<Check['run']>[0], driver: TykDriver, count: number, hint: string): Promise<string[]> {
  const emails = Array.from({ length: count }, () => standIn(context, hint));
  const ids = new Map<string, string>();
  context.onCleanup(async () => {
    const { users } = await driver.listAll('GET /api/users to delete the users added', false).catch(() => ({ users: [] as TykUser[] }));
    for (const user of users) if (emails.some((email) => sameEmail(user.email_address, email))) ids.set(user.email_address.toLowerCase(), user.id);
    await inPool([...ids.values()], 8, (id) => driver.remove(id).catch(() => undefined));
  });
  await context.prerequisite(`POST ${count} users`, () =>
    inPool(emails, 8, async (email) => {
      const exchange = await driver.create({ first_name: 'Listed', last_name: 'User', email_address: email, active: true, user_permissions: { users: 'read' } });
      if (exchange.response.status < 200 || exchange.response.status >= 300) failOn(exchange, `POST /api/users (${email}): HTTP ${exchange.response.status}`, 'a success (the user added)', 'status');
    }),
  );
  return emails;
}

const checks: Check[] = [
  {
    id: 'tyk/list-users/list-users',
    api: 'tyk',
    levels: both('MUST'),
    title: 'GET /api/users answers HTTP 200 {"users": [...], "pages": <integer>} with every user, each with the documented fields and types and the values it was added with (List Users sample)',
    statements: ['tyk:list-users/request', 'tyk:list-users/lists-the-users', 'tyk:list-users/users-array', 'tyk:list-users/pages', ...FIELDS, 'tyk-5.8:list-users/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const documented: Array<Record<string, unknown> & { email_address: string }> = [
        userBody(context, 'johnsmith', { first_name: 'John', last_name: 'Smith', user_permissions: { user_groups: 'read' } }),
        userBody(context, 'testuser', { first_name: 'Test', last_name: 'User', user_permissions: { user_groups: 'read', users: 'read' } }),
      ];
      const added: TykUser[] = [];
      for (const body of documented) added.push(await driver.addUser(context, body, `POST a stand-in for ${String(body['first_name'])} ${String(body['last_name'])}`));
      const { users, exchanges } = await driver.listAll('GET /api/users', true, (listed) => added.every((user) => listed.some((candidate) => candidate.id === user.id)));
      const exchange = exchanges[0] as Exchange;
      for (const [index, body] of documented.entries()) {
        const id = added[index]?.id as string;
        const listed = users.filter((user) => user.id === id);
        if (listed.length !== 1) failOn(exchange, `GET /api/users: the user ${id} (${body.email_address}) appears ${listed.length} times`, `the user ${id} once`, 'not-stored');
        const mismatches = userMismatches(listed[0], { ...(body as ExpectedUser), id });
        if (mismatches.length > 0) failOn(exchange, `GET /api/users, user ${body.email_address}: ${mismatches.join('; ')}`, body, 'not-stored');
      }
    },
  },
  {
    id: 'tyk/list-users/read-only-list',
    api: 'tyk',
    levels: both('MUST'),
    title: 'GET /api/users answers HTTP 200 {"users": [...], "pages": <integer>}, each user with the documented fields and types (writes nothing)',
    statements: ['tyk:list-users/request', 'tyk:list-users/users-array', 'tyk:list-users/pages', ...FIELDS, 'tyk-5.8:list-users/request', 'tyk-5.8:list-users/answer'],
    async run(context) {
      await TykDriver.of(context).listAll('GET /api/users');
    },
  },
  {
    id: 'tyk/list-users/all-users-listed',
    api: 'tyk',
    levels: both('MUST'),
    title: `With ${MANY_USERS} more users than before (more than any usual page or cap), GET /api/users (and its pages, when it pages) lists every one of them exactly once`,
    statements: ['tyk:list-users/lists-the-users', 'tyk-5.8:list-users/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const emails = await addMany(context, driver, MANY_USERS, 'many');
      const everyone = (listed: TykUser[]): boolean => emails.every((email) => listed.some((user) => sameEmail(user.email_address, email)));
      const { users, exchanges } = await driver.listAll('GET /api/users', true, everyone);
      const missing = emails.filter((email) => users.filter((user) => sameEmail(user.email_address, email)).length !== 1);
      if (missing.length > 0) {
        failOn(exchanges[exchanges.length - 1] as Exchange, `GET /api/users${exchanges.length > 1 ? ` and its ${exchanges.length - 1} pages` : ''}: ${missing.length} of the ${MANY_USERS} users added are not listed exactly once (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}); ${users.length} users listed`, `all ${MANY_USERS} users, each once`, 'not-stored');
      }
    },
  },
  {
    id: 'tyk/list-users/paging-with-p',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'GET /api/users?p=1..pages gives each user on one page, "pages" the page count and nothing past it (document: an observation; the older facts add that p=-1 and no p give everyone)',
    statements: ['tyk:list-users/pages', 'tyk-5.8:list-users/request', 'tyk-5.8:list-users/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      // One more user than the facts' default page size, so that no page 1 can pass for everyone.
      const emails = await addMany(context, driver, 11, 'paged');
      const { users, exchanges } = await driver.listAll('GET /api/users to find the new users', false, (listed) => emails.every((email) => listed.some((user) => sameEmail(user.email_address, email))));
      const own = users.filter((user) => emails.some((email) => sameEmail(user.email_address, email))).map((user) => user.id);
      if (own.length !== emails.length) failOn(exchanges[0] as Exchange, `GET /api/users finds ${own.length} of the ${emails.length} users just added`, `the ${emails.length} users`, 'not-stored');
      // Other clients may add or delete users between two pages: a consistent reading within three tries.
      let problem: { message: string; exchange: Exchange } | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        problem = await pagingProblem(driver, own);
        if (!problem) return;
      }
      if (problem) failOn(problem.exchange, problem.message, 'p=1..pages: every user once, at most as many per page as on page 1, "pages" >= 1, no users past the last page', 'other');
    },
  },
  {
    id: 'tyk/list-users/no-users-permission-refused',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'A caller with no users permission gets HTTP 403 "access denied: You do not have permission to access  /api/users" from List Users, and 403 from Get User',
    statements: ['tyk-5.8:list-users/access-denied', 'tyk-5.8:get-user/refused'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'nousers', { user_permissions: { analytics: 'read' } }), 'POST a user with no users permission');
      if (typeof user.access_key !== 'string' || user.access_key === '') context.skip('the user added has no access_key to call with');
      const message = 'access denied: You do not have permission to access  /api/users';
      const listed = await driver.list(undefined, { key: user.access_key });
      expectRefusal(listed, 'GET /api/users with the key of a user without users permission', [403]);
      if (!sameMessage(messageOf(listed), message)) failOn(listed, `GET /api/users without users permission: "Message" is ${JSON.stringify(messageOf(listed))}`, `HTTP 403 {"Status": "Error", "Message": "${message}", "Meta": null}`, 'literal');
      expectRefusal(await driver.get(user.id, { key: user.access_key }), `GET /api/users/${user.id} with the key of a user without users permission`, [403]);
    },
  },
];

export const section = defineSection({ title: 'List Users', statements, checks });
