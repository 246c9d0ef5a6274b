// A USER_ID no user has: one the run added and deleted (every operation), and one never issued (reads
// only: a write to an id this run never saw is one the write guard refuses to send, since on a real
// system it could be somebody's). Every operation answers a 4xx, never a success or a 5xx, and creates
// nobody. The statuses and messages are the older facts' (document: an observation) and Dashboard 5.8's.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { errorEnvelopeProblem, errorShown, expectAnswer, expectClientError, failOn, isDashboard58, messageOf, sameMessage } from './answers.ts';
import { WRITE, both, levels } from './catalogue.ts';
import { TykDriver, addSubject, someUserId } from './driver.ts';
import { describeCall, type TykOperation } from './operations.ts';
import { neverIssuedId, newPassword } from './values.ts';

type UnknownOperation = Exclude<TykOperation, 'listUsers' | 'createUser' | 'getCurrentUser' | 'searchUsers' | 'searchUsersByFilters' | 'createAdminUser'>;

interface UnknownAnswer {
  what: string;
  operation: UnknownOperation;
  exchange: Exchange;
}

const READS: ReadonlySet<UnknownOperation> = new Set(['getUser', 'getAdminUser']);

const BODIES: Partial<Record<UnknownOperation, unknown>> = { updateUser: { first_name: 'Firstname Changed' }, setUserPassword: { new_password: newPassword() }, updateAdminUser: { first_name: 'Firstname Changed' } };

/** Every call on a user id: one just deleted (every operation), and one never issued (reads only). */
async function callMissingUsers(context: CheckContext): Promise<{ driver: TykDriver; answers: UnknownAnswer[]; ids: string[] }> {
  const driver = TykDriver.of(context);
  const deleted = await addSubject(context, driver);
  await context.prerequisite('DELETE the user, then GET it', async () => {
    expectAnswer(await driver.remove(deleted.id), driver.answers.deleted, 'DELETE the user');
    expectClientError(await driver.get(deleted.id), `GET /api/users/${deleted.id} after its DELETE`, { operation: 'deleteUser', kind: 'use-after-delete' });
  });
  const { known } = await someUserId(driver);
  const never = neverIssuedId(deleted.id, [...known, deleted.id]);
  const operations: UnknownOperation[] = ['getUser', 'updateUser', 'deleteUser', 'setUserPassword', 'resetUserSession'];
  if (isDashboard58(driver.profile)) operations.push('revokeUser');
  if (context.config.credentials.adminSecret) operations.push('allowResetPasswords', 'disallowResetPasswords', ...(isDashboard58(driver.profile) ? (['getAdminUser', 'updateAdminUser'] as const) : []));
  const answers: UnknownAnswer[] = [];
  for (const [label, id] of [['deleted', deleted.id], ['never issued', never]] as const) {
    for (const operation of operations) {
      if (label === 'never issued' && !READS.has(operation)) continue;
      const body = operation === 'resetUserSession' ? { userId: id } : BODIES[operation];
      const exchange = await driver.call(operation, { id, ...(body !== undefined ? { json: body } : {}) });
      answers.push({ what: `${describeCall(operation, id)} (a ${label} id)`, operation, exchange });
    }
  }
  return { driver, answers, ids: [deleted.id, never] };
}

/** The documented answer to an unknown id, per profile: the older facts' (document) or Dashboard 5.8's. */
function documentedAnswer(profile: string, operation: UnknownOperation): { status: number; message?: string } | undefined {
  const older: Partial<Record<UnknownOperation, { status: number; message?: string }>> = {
    getUser: { status: 404, message: 'Could not retrieve user detail.' },
    deleteUser: { status: 404, message: 'Could not retrieve user detail.' },
    updateUser: { status: 400, message: 'user does not exist.' },
  };
  if (!isDashboard58(profile)) return older[operation];
  const dashboard: Partial<Record<UnknownOperation, { status: number; message?: string }>> = {
    ...older,
    resetUserSession: { status: 404 },
    revokeUser: { status: 400, message: 'Could not retrieve user detail.' },
    getAdminUser: { status: 404, message: 'Could not retrieve user detail' },
    updateAdminUser: { status: 404, message: 'User not found' },
    allowResetPasswords: { status: 404, message: 'Could not retrieve user detail' },
    disallowResetPasswords: { status: 404, message: 'Could not retrieve user detail' },
  };
  return dashboard[operation];
}

const UNKNOWN_STATEMENTS = ['tyk:get-user/request', 'tyk:update-user/request', 'tyk:delete-user/request', 'tyk:set-user-password/request', 'tyk:reset-user-session/request'];
const DASHBOARD_STATEMENTS = [
  'tyk-5.8:get-user/not-found',
  'tyk-5.8:update-user/not-found',
  'tyk-5.8:delete-user/not-found',
  'tyk-5.8:reset-key/not-found',
  'tyk-5.8:revoke-user/not-found',
  'tyk-5.8:admin-users/get-not-found',
  'tyk-5.8:admin-users/update-not-found',
  'tyk-5.8:admin-reset-passwords/not-found',
];

const checks: Check[] = [
  {
    id: 'tyk/unknown-user/refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Get, Update, Delete, Set User Password, Reset User Session (and the admin calls) on a deleted id, and Get on a never-issued one, answer a 4xx (never 200 or 5xx) and bring no user back',
    statements: UNKNOWN_STATEMENTS,
    requires: WRITE,
    async run(context) {
      const { driver, answers, ids } = await callMissingUsers(context);
      for (const { what, exchange } of answers) expectClientError(exchange, what);
      const { users, exchanges } = await driver.listAll('GET /api/users after the calls on missing users', false);
      const revived = users.filter((user) => ids.includes(user.id));
      if (revived.length > 0) failOn(exchanges[0] as Exchange, `GET /api/users lists ${revived.map((user) => user.id).join(', ')} after calls on missing users`, 'neither id listed', 'use-after-delete', { operation: 'deleteUser' });
    },
  },
  {
    id: 'tyk/unknown-user/get-never-issued-refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'GET /api/users/{USER_ID} of an id no user has answers a 4xx, never 200 or a 5xx (writes nothing)',
    statements: ['tyk:get-user/request', 'tyk-5.8:get-user/not-found'],
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
    levels: levels('INFO', 'MUST'),
    title: 'An unknown id gets the documented status in the error envelope: 404 on Get and Delete User, 400 on Update User (the older facts: an observation under the document); on 5.8 also 404 on Reset Session and the admin calls, 400 on Revoke',
    statements: [...UNKNOWN_STATEMENTS, ...DASHBOARD_STATEMENTS, 'tyk-5.8:users/error-envelope'],
    requires: WRITE,
    async run(context) {
      const { answers } = await callMissingUsers(context);
      for (const { what, operation, exchange } of answers) {
        const documented = documentedAnswer(context.profile, operation);
        if (!documented) continue;
        if (exchange.response.status !== documented.status) failOn(exchange, `${what}: HTTP ${exchange.response.status}, not ${documented.status}`, errorShown(documented.status, documented.message), 'status');
        const problem = errorEnvelopeProblem(exchange);
        if (problem) failOn(exchange, `${what}: ${problem}`, errorShown(documented.status, documented.message), 'schema');
      }
    },
  },
  {
    id: 'tyk/unknown-user/facts-messages',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'An unknown id gets the documented message: "Could not retrieve user detail." (Get, Delete), "user does not exist." (Update) (the older facts: an observation under the document); on 5.8 also those of Revoke and the admin calls',
    statements: [...UNKNOWN_STATEMENTS, ...DASHBOARD_STATEMENTS],
    requires: WRITE,
    async run(context) {
      const { answers } = await callMissingUsers(context);
      for (const { what, operation, exchange } of answers) {
        const documented = documentedAnswer(context.profile, operation);
        if (documented?.message !== undefined && !sameMessage(messageOf(exchange), documented.message)) failOn(exchange, `${what}: "Message" is ${JSON.stringify(messageOf(exchange))}`, `"Message": "${documented.message}"`, 'literal');
      }
    },
  },
];

export const section = defineSection({ title: 'Users: a USER_ID no user has', statements: [], checks });
