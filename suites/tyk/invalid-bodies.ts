// Bodies that are not a User Object or a Password Object (wrong types, malformed JSON, a missing
// new_password; on Dashboard 5.8 a missing required field) are refused with a 4xx, never a 5xx or a
// success, and change nothing. Every invalid Add User still carries a run-prefixed address (a server that
// took one anyway adds a user the run can recognise and delete); an Add User without any address cannot
// be sent safely and is not. The statuses and messages are the older facts' (document: an observation)
// and Dashboard 5.8's (a requirement there).
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { errorEnvelopeProblem, errorProblem, errorShown, expectAnswer, expectClientError, expectNoServerError, failOn, isDashboard58 } from './answers.ts';
import { WRITE, both, levels } from './catalogue.ts';
import { TykDriver, addSubject, standIn, type CallOptions } from './driver.ts';
import { describeCall } from './operations.ts';
import { newPassword, sameEmail, type TykUser } from './values.ts';

interface InvalidRequest {
  label: string;
  operation: 'createUser' | 'updateUser' | 'setUserPassword';
  json?: unknown;
  raw?: string;
}

type InvalidKind = 'wrongTypes' | 'malformed' | 'missingNewPassword' | 'missingRequired';

function invalidRequests(fresh: readonly string[]): Record<InvalidKind, InvalidRequest[]> {
  const [first, second, third, fourth, fifth, sixth, seventh] = fresh as [string, string, string, string, string, string, string];
  const user = (email: string): Record<string, unknown> => ({ first_name: 'Wrong', last_name: 'Types', email_address: email, active: true, user_permissions: { users: 'read' } });
  return {
    wrongTypes: [
      { label: 'with active a string', operation: 'createUser', json: { ...user(first), active: 'yes' } },
      { label: 'with user_permissions a string', operation: 'createUser', json: { ...user(second), user_permissions: 'admin' } },
      // An array holding the run's address: the wrong type, on the field that names the user.
      { label: 'with email_address an array', operation: 'createUser', json: { ...user(third), email_address: [third] } },
      { label: 'with active a string', operation: 'updateUser', json: { active: 'no' } },
      { label: 'with user_permissions an array', operation: 'updateUser', json: { user_permissions: ['users', 'write'] } },
      { label: 'with new_password a number', operation: 'setUserPassword', json: { new_password: 123456789012 } },
    ],
    malformed: [
      // Cut short after the address, so that a server reading it partially can only act on the run's user.
      { label: 'with malformed JSON', operation: 'createUser', raw: `{"first_name": "Mal", "last_name": "Formed", "email_address": "${fourth}", "active": tru` },
      { label: 'with malformed JSON', operation: 'updateUser', raw: '{"first_name": "Malformed", "last_name": ' },
      { label: 'with malformed JSON', operation: 'setUserPassword', raw: '{"new_password": "Pw1-malformed' },
    ],
    missingNewPassword: [{ label: 'without new_password', operation: 'setUserPassword', json: { user_permissions: { IsAdmin: 'admin' } } }],
    missingRequired: [
      { label: 'without first_name', operation: 'createUser', json: { last_name: 'Missing', email_address: fifth, active: true, user_permissions: { users: 'read' } } },
      { label: 'without last_name', operation: 'createUser', json: { first_name: 'Missing', email_address: sixth, active: true, user_permissions: { users: 'read' } } },
      { label: 'without user_permissions', operation: 'createUser', json: { first_name: 'Missing', last_name: 'Permissions', email_address: seventh, active: true } },
    ],
  };
}

interface InvalidAnswer {
  what: string;
  request: InvalidRequest;
  exchange: Exchange;
}

/** Sends each invalid request around a subject user (without a password), then checks nothing was created or changed. */
async function runInvalid(context: CheckContext, kinds: InvalidKind[]): Promise<InvalidAnswer[]> {
  const driver = TykDriver.of(context);
  const subject = await addSubject(context, driver);
  const fresh = Array.from({ length: 7 }, () => standIn(context, 'invalid'));
  context.onCleanup(async () => {
    for (const email of fresh) await driver.deleteAllWithEmail(email);
  });
  const requests = invalidRequests(fresh);
  const answers: InvalidAnswer[] = [];
  for (const kind of kinds) {
    for (const request of requests[kind]) {
      const options: CallOptions = request.operation === 'createUser' ? {} : { id: subject.id };
      const exchange = await driver.call(request.operation, request.raw !== undefined ? { ...options, raw: request.raw } : { ...options, json: request.json });
      answers.push({ what: `${describeCall(request.operation, request.operation === 'createUser' ? undefined : subject.id)} ${request.label}`, request, exchange });
    }
  }
  for (const { what, exchange } of answers) {
    expectNoServerError(exchange, what);
    expectClientError(exchange, what);
  }
  const { users, exchanges } = await driver.listAll('GET /api/users after the refused requests', false);
  const created = users.filter((user) => fresh.some((email) => sameEmail(user.email_address, email)));
  if (created.length > 0) failOn(exchanges[0] as Exchange, `GET /api/users: a refused Add User added ${created.map((user) => user.email_address).join(', ')}`, 'no user from a refused request', 'not-refused', { operation: 'createUser' });
  await expectSubjectUnchanged(driver, subject);
  // A refused Set User Password set nothing: a first password still needs no current_password.
  if (answers.some(({ request }) => request.operation === 'setUserPassword')) {
    expectAnswer(await driver.setPassword(subject.id, { new_password: newPassword() }), driver.answers.passwordUpdated, 'POST .../actions/reset {new_password} after the refused ones (the user still has no password)', { operation: 'setUserPassword', kind: 'not-refused' });
  }
  return answers;
}

async function expectSubjectUnchanged(driver: TykDriver, subject: TykUser): Promise<void> {
  const { user, exchange } = await driver.fetch(subject.id, 'GET the subject of the refused updates', { operation: 'updateUser' });
  const changed = (['email_address', 'first_name', 'last_name', 'active'] as const).filter((field) => user[field] !== subject[field]);
  if (changed.length > 0) failOn(exchange, `a refused Update User changed ${changed.join(', ')}`, subject, 'not-refused', { operation: 'updateUser' });
}

/** Dashboard 5.8's answer to each invalid request: Add User's 400, Set User Password's 403; Update User's is not given. */
function dashboard58Answer(request: InvalidRequest): { status: number; message: string } | undefined {
  if (request.operation === 'createUser') return { status: 400, message: 'User object validation failed.' };
  if (request.operation === 'setUserPassword' && request.raw !== undefined) return { status: 403, message: 'Request body malformed.' };
  return undefined;
}

const BODY_STATEMENTS = ['tyk:add-user/request', 'tyk:update-user/request', 'tyk:set-user-password/request'];

const checks: Check[] = [
  {
    id: 'tyk/invalid-body/wrong-types-refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Add User, Update User and Set User Password with wrongly typed fields (active a string, user_permissions not an object, email_address an array, new_password a number) are refused with a 4xx, changing nothing',
    statements: [...BODY_STATEMENTS, 'tyk:add-user/sample-request', 'tyk-5.8:add-user/invalid'],
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['wrongTypes'])),
  },
  {
    id: 'tyk/invalid-body/malformed-json-refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Malformed JSON to Add User, Update User and Set User Password is refused with a 4xx (never a 5xx), changing nothing',
    statements: [...BODY_STATEMENTS, 'tyk-5.8:add-user/invalid', 'tyk-5.8:set-password/malformed'],
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['malformed'])),
  },
  {
    id: 'tyk/invalid-body/missing-new-password-refused',
    api: 'tyk',
    levels: levels('SHOULD', 'MUST'),
    title: 'Set User Password without new_password is refused with a 4xx and sets no password',
    statements: ['tyk:set-user-password/request', 'tyk-5.8:set-password/request'],
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['missingNewPassword'])),
  },
  {
    id: 'tyk/invalid-body/missing-required-fields-refused',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'Add User without first_name, last_name or user_permissions is refused with HTTP 400 "User object validation failed." and adds no user (without email_address is not sent: it could add a user no run can tell as its own)',
    statements: ['tyk-5.8:add-user/request', 'tyk-5.8:add-user/invalid'],
    requires: WRITE,
    async run(context) {
      for (const { what, request, exchange } of await runInvalid(context, ['missingRequired'])) {
        const documented = dashboard58Answer(request);
        const problem = documented && errorProblem(exchange, documented.status, documented.message);
        if (documented && problem) failOn(exchange, `${what}: ${problem}`, errorShown(documented.status, documented.message), 'literal');
      }
    },
  },
  {
    id: 'tyk/invalid-body/answers-400-in-envelope',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'Invalid bodies are answered in the error envelope: HTTP 400 (document: an observation of the older facts); on 5.8 Add User 400 "User object validation failed.", malformed Set User Password 403 "Request body malformed."',
    statements: [...BODY_STATEMENTS, 'tyk-5.8:add-user/invalid', 'tyk-5.8:set-password/malformed', 'tyk-5.8:users/error-envelope'],
    requires: WRITE,
    async run(context) {
      const dashboard = isDashboard58(context.profile);
      for (const { what, request, exchange } of await runInvalid(context, ['wrongTypes', 'malformed', 'missingNewPassword'])) {
        const documented = dashboard ? dashboard58Answer(request) : { status: 400, message: undefined };
        const problem = documented ? errorProblem(exchange, documented.status, documented.message) : errorEnvelopeProblem(exchange);
        if (problem) failOn(exchange, `${what}: ${problem}`, documented ? errorShown(documented.status, documented.message) : '{"Status": "Error", "Message": "...", "Meta": null}', documented ? 'status' : 'schema');
      }
    },
  },
];

export const section = defineSection({ title: 'User Object and Password Object (invalid bodies)', statements: [], checks });
