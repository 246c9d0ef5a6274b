// Dashboard 5.8 > search users: GET /api/users/search?q=.. and POST /api/users/search {"filters": {...}}
// answer `{"pages", "users"}` with the users that match (and only those: a search that answers everyone
// is a filter that answers the wrong users). Not in the document: Dashboard 5.8's profile only.
import { defineSection, type Check } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { errorProblem, errorShown, expectRefusal, expectUserList, failOn } from './answers.ts';
import { WRITE, dashboard58, levels } from './catalogue.ts';
import { TykDriver, userBody } from './driver.ts';
import { sameEmail, type TykUser } from './values.ts';

const statements = [
  dashboard58('search-users/query', 'search users', '`GET /api/users/search?q=..&p=N`'),
  dashboard58('search-users/filters', 'search users', '`POST /api/users/search?p=N` body `{"filters": {...}}`'),
  dashboard58('search-users/answer', 'search users', '200 `{"pages","users"}`'),
  dashboard58('search-users/no-filter', 'search users', '400 `Could not extract search filter from request body.`'),
  dashboard58('search-users/refused', 'search users', '401; 403'),
  dashboard58('search-users/cannot-search', 'search users', '404 `Could not search users.`', 'MUST', 'answered when the Dashboard cannot query its user store: no request makes a working server fail so'),
];

const NO_FILTER = 'Could not extract search filter from request body.';

/** Two users with one unusual word in common (in the address), and a third without it. */
async function addSearchable(context: Parameters<Check['run']>[0], driver: TykDriver): Promise<{ word: string; matching: TykUser[]; other: TykUser }> {
  const word = context.uniqueName('findme');
  const matching = [
    await driver.addUser(context, { ...userBody(context, 'a'), email_address: `${word}.a@example.com` }, 'POST a user to find'),
    await driver.addUser(context, { ...userBody(context, 'b'), email_address: `${word}.b@example.com` }, 'POST a second user to find'),
  ];
  const other = await driver.addUser(context, userBody(context, 'other'), 'POST a user not to find');
  return { word, matching, other };
}

/** The search found exactly `matching` (and every user it answered carries `word`). */
function expectFound(exchange: Exchange, what: string, profile: string, word: string, matching: TykUser[], other: TykUser, only: boolean): void {
  const { users } = expectUserList(exchange, what, profile);
  const missing = matching.filter((user) => !users.some((found) => found.id === user.id));
  if (missing.length > 0) failOn(exchange, `${what}: ${missing.map((user) => user.email_address).join(', ')} not found`, `the users whose address holds "${word}"`, 'other');
  if (!only) return;
  const wrong = users.filter((user) => !JSON.stringify([user.email_address, user.first_name, user.last_name]).toLowerCase().includes(word.toLowerCase()));
  if (wrong.length > 0 || users.some((user) => user.id === other.id)) failOn(exchange, `${what}: answers ${wrong.length} user(s) without "${word}" (${wrong.slice(0, 3).map((user) => user.email_address).join(', ')})`, `only users holding "${word}"`, 'other');
}

const checks: Check[] = [
  {
    id: 'tyk/search-users/by-query',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'GET /api/users/search?q=<a word in two users\' addresses> answers HTTP 200 {"users": [...], "pages": <integer>} with both users (p=1 too)',
    statements: ['tyk-5.8:search-users/query', 'tyk-5.8:search-users/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { word, matching, other } = await addSearchable(context, driver);
      expectFound(await driver.call('searchUsers', { query: { q: word } }), `GET /api/users/search?q=${word}`, driver.profile, word, matching, other, false);
      expectFound(await driver.call('searchUsers', { query: { q: word, p: '1' } }), `GET /api/users/search?q=${word}&p=1`, driver.profile, word, matching, other, false);
    },
  },
  {
    id: 'tyk/search-users/by-filters',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'POST /api/users/search {"filters": {"email_address": <a user\'s address>}} answers HTTP 200 {"users": [...], "pages": <integer>} with that user',
    statements: ['tyk-5.8:search-users/filters', 'tyk-5.8:search-users/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const target = (await addSearchable(context, driver)).matching[0] as TykUser;
      const exchange = await driver.call('searchUsersByFilters', { json: { filters: { email_address: target.email_address } } });
      const { users } = expectUserList(exchange, 'POST /api/users/search', driver.profile);
      if (!users.some((user) => user.id === target.id)) failOn(exchange, `POST /api/users/search by email_address: ${target.email_address} not found`, `the user ${target.email_address}`, 'other');
    },
  },
  {
    id: 'tyk/search-users/only-matches',
    api: 'tyk',
    levels: levels(undefined, 'SHOULD'),
    title: 'A search answers only the users that match: ?q=<word> only users holding it, {"filters": {"email_address": ...}} only users with that address',
    statements: ['tyk-5.8:search-users/query', 'tyk-5.8:search-users/filters'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { word, matching, other } = await addSearchable(context, driver);
      expectFound(await driver.call('searchUsers', { query: { q: word } }), `GET /api/users/search?q=${word}`, driver.profile, word, matching, other, true);
      const target = matching[0] as TykUser;
      const exchange = await driver.call('searchUsersByFilters', { json: { filters: { email_address: target.email_address } } });
      const { users } = expectUserList(exchange, 'POST /api/users/search', driver.profile);
      const wrong = users.filter((user) => !sameEmail(user.email_address, target.email_address) && !user.email_address.toLowerCase().includes(target.email_address.toLowerCase()));
      if (wrong.length > 0) failOn(exchange, `POST /api/users/search by email_address answers ${wrong.length} other user(s) (${wrong.slice(0, 3).map((user) => user.email_address).join(', ')})`, `only ${target.email_address}`, 'other');
    },
  },
  {
    id: 'tyk/search-users/no-filter-refused',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: `POST /api/users/search without "filters" is refused with HTTP 400 "${NO_FILTER}"`,
    statements: ['tyk-5.8:search-users/no-filter'],
    async run(context) {
      const driver = TykDriver.of(context);
      const exchange = await driver.call('searchUsersByFilters', { json: {} });
      const problem = errorProblem(exchange, 400, NO_FILTER);
      if (problem) failOn(exchange, `POST /api/users/search {}: ${problem}`, errorShown(400, NO_FILTER), 'status');
    },
  },
  {
    id: 'tyk/auth/refused-on-search-users',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'Search Users (GET and POST) without an access key is refused with HTTP 401 (writes nothing)',
    statements: ['tyk-5.8:search-users/refused'],
    async run(context) {
      const driver = TykDriver.of(context);
      expectRefusal(await driver.call('searchUsers', { query: { q: 'a' }, key: null }), 'GET /api/users/search without authorization', [401]);
      expectRefusal(await driver.call('searchUsersByFilters', { json: { filters: { first_name: 'a' } }, key: null }), 'POST /api/users/search without authorization', [401]);
    },
  },
];

export const section = defineSection({ title: 'Dashboard 5.8: Search Users', statements, checks });
