// "Code: 400 Bad Request" (create, update, migration) and "If the request fails, it returns an error
// response": bodies that are not the documented JSON (malformed, a field of the wrong type, no
// username) are refused with a 4xx, never a 5xx, and change nothing; 400 is the one client error the
// document lists for them (SHOULD). Every refused write still names only the run's users: malformed
// bodies keep the run's identity before the point where they break, wrong types are put on fields that
// are not the identity (or an array holding it).
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { expectEachRefused, type Answer } from '../harness/refusals.ts';
import { CheckmarxDriver, deleteAfterwards } from './driver.ts';
import { ERROR_NOTE, MUST, SHOULD, WRITES, ref, statement } from './document.ts';
import { userPath, type UserOperation } from './operations.ts';
import { expectStillStored, listUsers } from './reads.ts';
import { createdUser, emailOf, expectedFromBody, newUser } from './users.ts';

const statements = [
  ...(['create-user', 'update-user', 'migrate-user'] as const).map((part) => statement(part, 'status-400', 'Error Response:', 'Code: 400 Bad Request')),
  ...(['create-user', 'migrate-user'] as const).map((part) => statement(part, 'notes-error', 'Notes:', ERROR_NOTE)),
];

type Kind = 'malformed' | 'wrong-type' | 'missing-username';

interface InvalidRequest {
  kind: Kind;
  operation: UserOperation;
  label: string;
  send: () => Promise<Exchange>;
}

/** Values no JSON binder turns into the documented type: text for integers and lists, objects for text and booleans. */
const WRONG_TYPES: ReadonlyArray<readonly [string, (name: string) => unknown]> = [
  ['roleIds', () => 'admin'],
  ['teamIds', () => ['first']],
  ['authenticationProviderId', () => 'Application'],
  ['localeId', () => 'en-US'],
  ['firstName', () => ({ first: 'Bob' })],
  ['active', () => ({ value: true })],
  ['email', (name) => [emailOf(name)]],
];

/** Requests wrong in one way each, around a user of the run (so only the body is at fault); `fresh` names the users they would create. */
function invalidRequests(context: CheckContext, driver: CheckmarxDriver, id: number, fresh: Map<string, UserOperation>): InvalidRequest[] {
  const name = (hint: string, operation: UserOperation): string => {
    const userName = context.uniqueName(hint);
    fresh.set(userName, operation);
    deleteAfterwards(context, userName);
    return userName;
  };
  const path = userPath(id);
  return [
    { kind: 'malformed', operation: 'createUser', label: 'POST /Users with truncated JSON', send: async () => {
      const userName = name('broken', 'createUser');
      return driver.call('createUser', { raw: JSON.stringify({ username: userName, email: emailOf(userName), firstName: 'Broken' }).slice(0, -4) });
    } },
    { kind: 'malformed', operation: 'updateUser', label: `PUT ${path} with truncated JSON`, send: () => driver.call('updateUser', { id, raw: '{"firstName": "Broken", "lastName": ' }) },
    { kind: 'malformed', operation: 'migrateUser', label: 'POST /Users/migration with a body that is not JSON (a key without quotes)', send: async () => {
      const userName = name('broken', 'migrateUser');
      return driver.call('migrateUser', { raw: `{"username": "${userName}", "email": "${emailOf(userName)}", firstName: "Broken"}` });
    } },
    ...WRONG_TYPES.map(([field, value]): InvalidRequest => ({
      kind: 'wrong-type',
      operation: 'createUser',
      label: `POST /Users with "${field}" of the wrong type`,
      send: async () => {
        const body = await newUser(context, 'wrongtype');
        fresh.set(String(body['username']), 'createUser');
        deleteAfterwards(context, String(body['username']));
        return driver.create({ ...body, [field]: value(String(body['username'])) });
      },
    })),
    { kind: 'wrong-type', operation: 'updateUser', label: `PUT ${path} with "roleIds": "admin"`, send: () => driver.update(id, { roleIds: 'admin', firstName: 'Wrong' }) },
    { kind: 'wrong-type', operation: 'updateUser', label: `PUT ${path} with "localeId": "en-US"`, send: () => driver.update(id, { localeId: 'en-US', firstName: 'Wrong' }) },
    { kind: 'wrong-type', operation: 'updateUser', label: `PUT ${path} with "active": {"value": true}`, send: () => driver.update(id, { active: { value: true }, firstName: 'Wrong' }) },
    ...(['createUser', 'migrateUser'] as const).map((operation): InvalidRequest => ({
      kind: 'missing-username',
      operation,
      label: `${operation === 'createUser' ? 'POST /Users' : 'POST /Users/migration'} without username`,
      send: async () => {
        // The user's address carries the run's name: a server that creates it anyway makes a user of the run.
        const { username, password: _password, ...body } = await newUser(context, 'noname');
        fresh.set(String(username), operation);
        deleteAfterwards(context, String(username));
        return driver.call(operation, { body });
      },
    })),
  ];
}

/** Sends the invalid requests of these kinds: each refused (with one of `statuses`, or any 4xx); then nothing changed. */
async function runInvalid(context: CheckContext, kinds: readonly Kind[], statuses?: readonly number[]): Promise<void> {
  const driver = CheckmarxDriver.of(context);
  const { owned, body } = await createdUser(context, driver);
  const fresh = new Map<string, UserOperation>();
  const answers = new Map<UserOperation, Answer[]>();
  for (const invalid of invalidRequests(context, driver, owned.id, fresh)) {
    if (kinds.includes(invalid.kind)) answers.set(invalid.operation, [...(answers.get(invalid.operation) ?? []), { label: invalid.label, exchange: await invalid.send() }]);
  }
  for (const [operation, refused] of answers) expectEachRefused(refused, 'invalid body:', { ...(statuses ? { statuses } : {}), expected: statuses ? 'HTTP 400 (the document\'s "Code: 400 Bad Request")' : 'a 4xx refusal (never a 5xx)', operation });
  const { username: _name, password: _password, ...kept } = body;
  await expectStillStored(driver, owned.id, expectedFromBody(kept), 'updateUser', 'after the refused requests');
  const { users, exchange } = await listUsers(driver, 'GET /Users after the refused requests');
  for (const user of users) {
    const operation = fresh.get(String(user['userName'])) ?? [...fresh].find(([name]) => String(user['email']).startsWith(`${name}@`))?.[1];
    if (operation) fail(`${String(user['userName'] ?? user['email'])} exists: a refused ${operation} created it anyway`, 'no user made by a refused request', answerOf(exchange), { kind: 'not-refused', operation, exchanges: [exchange] });
  }
}

const WRITE_400 = ['create-user', 'update-user', 'migrate-user'] as const;

const checks: Check[] = [
  {
    id: 'checkmarx/invalid-body/malformed-json-refused',
    api: 'checkmarx',
    title: 'POST /Users, PUT /Users/{id} and POST /Users/migration with a body that is not JSON are refused with a 4xx (never a 5xx) and change nothing',
    levels: MUST,
    statements: [...WRITE_400.map((part) => ref(part, 'status-400')), ref('create-user', 'notes-error'), ref('migrate-user', 'notes-error')],
    requires: WRITES,
    run: (context) => runInvalid(context, ['malformed']),
  },
  {
    id: 'checkmarx/invalid-body/wrong-types-refused',
    api: 'checkmarx',
    title: 'Fields of the wrong type (text for integer ids and lists, objects for text and booleans) are refused with a 4xx and change nothing',
    levels: MUST,
    statements: [ref('create-user', 'parameter-roleids'), ref('create-user', 'parameter-localeid'), ref('update-user', 'parameter-roleids'), ref('create-user', 'status-400'), ref('update-user', 'status-400')],
    requires: WRITES,
    run: (context) => runInvalid(context, ['wrong-type']),
  },
  {
    id: 'checkmarx/invalid-body/missing-username-refused',
    api: 'checkmarx',
    title: 'POST /Users and POST /Users/migration without a username are refused with a 4xx (every user has a userName: both samples show it)',
    levels: MUST,
    statements: [ref('create-user', 'parameter-username'), ref('migrate-user', 'parameter-username')],
    requires: WRITES,
    run: (context) => runInvalid(context, ['missing-username']),
  },
  {
    id: 'checkmarx/invalid-body/refusals-are-400',
    api: 'checkmarx',
    title: 'Malformed JSON, wrong types and a missing username are answered 400 Bad Request, the client error the document lists for them',
    levels: SHOULD,
    statements: WRITE_400.map((part) => ref(part, 'status-400')),
    requires: WRITES,
    run: (context) => runInvalid(context, ['malformed', 'wrong-type', 'missing-username'], [400]),
  },
];

export const section = defineSection({ title: 'Error Response: 400 Bad Request', statements, checks });
