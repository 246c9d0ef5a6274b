// POST, PUT and DELETE > Example Input JSON: the fields each body takes ("(required)", "(optional)") and
// "parameters should be in JSON only". Bodies that break one rule each are refused (a 4xx, never a 5xx)
// and change nothing; the documented commands are also sent as curl sends them (a JSON body labelled
// application/x-www-form-urlencoded), which the document shows succeeding. Every invalid body still
// names only the run's users, so a server that reads it partially can act on nothing else.
import { defineSection, type Check, type CheckContext, type Statement } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { expectEachRefused } from '../harness/refusals.ts';
import type { Exchange } from '../harness/http.ts';
import { ANSWERS, envelopeProblem, expectAnswer, type AnswerShape, type VaaOperation } from './answers.ts';
import { CURL_FORM_TYPE, OPERATIONS, VaaDriver, newIdentity, type Identity } from './driver.ts';
import { ADD_FILE, MODIFY_FILE, afterModifyFile, documentedBody, expectUser, newStandIn } from './story.ts';

const POST_INPUT = 'POST > Example Input JSON';
const PUT_INPUT = 'PUT > Example Input JSON';

const statements: Statement[] = [
  { id: 'vaa:post/input/json-only', section: POST_INPUT, text: 'The following JSON should be used when adding a new user to the system. POST parameters should be in JSON only.', level: 'MUST' },
  { id: 'vaa:post/input/user-id', section: POST_INPUT, text: '"userId":"testuser1", (required)', level: 'MUST' },
  { id: 'vaa:post/input/password', section: POST_INPUT, text: '"password":"password1", (optional)', level: 'MUST' },
  { id: 'vaa:post/input/email', section: POST_INPUT, text: '"email":"testuser1@test.com", (required)', level: 'MUST' },
  { id: 'vaa:post/input/first-name', section: POST_INPUT, text: '"firstName":"TFirst", (optional)', level: 'MUST' },
  { id: 'vaa:post/input/last-name', section: POST_INPUT, text: '"lastName":"TLast", (optional)', level: 'MUST' },
  { id: 'vaa:post/input/customer-id', section: POST_INPUT, text: '"customerId":"1234", (optional)', level: 'MUST' },
  { id: 'vaa:post/input/customer-name', section: POST_INPUT, text: '"customerName":"", (optional, recommended if customerId is provided)', level: 'MUST' },
  { id: 'vaa:post/input/roles', section: POST_INPUT, text: '"roles":[ (optional) { "name":"layerx_role1", (optional) "product":"Global SIP"(optional) }]', level: 'MUST' },
  { id: 'vaa:put/input/json-only', section: PUT_INPUT, text: 'The following JSON should be used when modifying a new user to the system. PUT parameters should be in JSON only.', level: 'MUST' },
  { id: 'vaa:put/input/id', section: PUT_INPUT, text: '{"id":"xxxxxxxxxxxxxxxxx", (optional)', level: 'MUST' },
  { id: 'vaa:put/input/user-id', section: PUT_INPUT, text: '"userId":"testuser1", (required)', level: 'MUST' },
  { id: 'vaa:put/input/email', section: PUT_INPUT, text: '"email":"testuser1@test.com", (required)', level: 'MUST' },
  {
    id: 'vaa:put/input/optional-fields',
    section: PUT_INPUT,
    text: '"password":"password1", (optional) ... "firstName":"Firstname Changed", (optional) "lastName":"Last Name changed", (optional) "customerId":"1234", (optional) "customerName":"Customer B", (optional, recommended if customerId is provided) "roles":[ (optional)',
    level: 'MUST',
  },
  { id: 'vaa:delete/input/json-only', section: 'DELETE > Example Input JSON', text: 'See POST and PUT section for example JSON. DELETE parameters should be in JSON only.', level: 'MUST' },
  {
    id: 'vaa:commands/curl-d',
    section: 'POST > Example 1: Add new user',
    text: 'curl -s -H x-lxt-api-token:eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[...] --insecure -w "RESP_CODE: %{response_code}" -d@test_data/v2users.add.user1 -X POST https:///api/v2/users',
    level: 'SHOULD',
  },
];

interface InvalidRequest {
  label: string;
  operation: VaaOperation;
  /** JSON to send, or `raw` text (with `query`, for the body-less requests). */
  json?: unknown;
  raw?: string;
  query?: Record<string, string>;
}

type InvalidKind = 'missingUserId' | 'missingEmail' | 'wrongTypes' | 'malformed' | 'empty';

/** Bodies that are wrong in one way each, around a user that exists (so only the body is at fault). */
function invalidBodies(user: Identity, fresh: Identity): Record<InvalidKind, InvalidRequest[]> {
  const truncated = `{"userId":"${user.userId}", "email":"${user.email}", "firstName":`;
  return {
    missingUserId: [
      // The run's userId rides in the query string (not a JSON parameter), so a server that takes it from there makes only the run's user.
      { label: 'without userId in the body', operation: 'createUser', json: { email: fresh.email, firstName: 'TFirst', lastName: 'TLast' }, query: { userId: fresh.userId } },
      { label: 'without userId', operation: 'updateUser', json: { email: user.email, firstName: 'Changed without userId' } },
      { label: 'without userId', operation: 'deactivateUser', json: { email: user.email } },
      { label: 'without userId', operation: 'reactivateUser', json: { email: user.email } },
      { label: 'without userId', operation: 'deleteUser', json: { email: user.email } },
    ],
    missingEmail: [
      { label: 'without email', operation: 'createUser', json: { userId: fresh.userId, firstName: 'TFirst', lastName: 'TLast' } },
      { label: 'without email', operation: 'updateUser', json: { userId: user.userId, firstName: 'Changed without email' } },
    ],
    // The wrong type is an array holding the identity: a server that takes it anyway can only reach the run's user.
    wrongTypes: [
      { label: 'with userId an array', operation: 'createUser', json: { userId: [fresh.userId], email: fresh.email } },
      { label: 'with email an array', operation: 'createUser', json: { userId: fresh.userId, email: [fresh.email] } },
      { label: 'with userId an array', operation: 'updateUser', json: { userId: [user.userId], email: user.email, firstName: 'Changed with an array' } },
      { label: 'with email an array', operation: 'updateUser', json: { userId: user.userId, email: [user.email], firstName: 'Changed with an array' } },
    ],
    // Cut after the identity fields: what a server could read of it names the run's user.
    malformed: (['createUser', 'updateUser', 'deactivateUser', 'reactivateUser', 'deleteUser'] as const).map((operation) => ({ label: 'with malformed JSON', operation, raw: operation === 'createUser' ? truncated.replace(user.userId, fresh.userId).replace(user.email, fresh.email) : truncated })),
    // No body at all; the user is named in the query only, so a server that falls back on it can reach nobody else.
    empty: (['createUser', 'updateUser', 'deleteUser'] as const).map((operation) => ({ label: 'with no body (the user named only in the query string)', operation, raw: '', query: operation === 'createUser' ? { ...fresh } : { ...user } })),
  };
}

function describe(invalid: InvalidRequest): string {
  const { method, path } = OPERATIONS[invalid.operation];
  return `${method} ${path} ${invalid.label}`;
}

/** Sends each invalid request of `kinds` around a stand-in user; checks each is a 4xx and that nothing changed. */
async function runInvalid(context: CheckContext, kinds: readonly InvalidKind[]): Promise<Array<[InvalidRequest, Exchange]>> {
  const driver = VaaDriver.of(context);
  const user = newIdentity(context, 'testuser1');
  await driver.createStandIn(context, { ...user, firstName: 'TFirst', lastName: 'TLast' }, 'POST a user for the check');
  const fresh = newIdentity(context, 'fresh');
  VaaDriver.deleteAfter(context, [fresh.userId]);
  const bodies = invalidBodies(user, fresh);
  const answers: Array<[InvalidRequest, Exchange]> = [];
  for (const kind of kinds) {
    for (const invalid of bodies[kind]) {
      const options = { contentType: 'application/json', ...(invalid.raw !== undefined ? { raw: invalid.raw } : {}), ...(invalid.query ? { query: invalid.query } : {}) };
      answers.push([invalid, await driver.call(invalid.operation, invalid.json, options)]);
    }
  }
  for (const [invalid, exchange] of answers) {
    const { method, path } = OPERATIONS[invalid.operation];
    expectEachRefused([{ label: invalid.label, exchange }], `${method} ${path}`, { operation: invalid.operation });
  }
  const added = await driver.findUser(fresh.userId, 'GET ?userId= (the userId of the refused POSTs)');
  if (added.user) fail('a refused POST created the user', 'no such user', answerOf(added.exchange), { kind: 'not-refused', operation: 'createUser' });
  const kept = await driver.findUser(user.userId, 'GET ?userId= (the user of the refused PUTs and DELETEs)');
  if (!kept.user) fail('a refused DELETE deleted the user', 'the user, unchanged', answerOf(kept.exchange), { kind: 'not-refused', operation: 'deleteUser' });
  const blame = kept.user.status !== 'active' ? 'deactivateUser' : 'updateUser';
  expectUser(kept.user, { ...user, firstName: 'TFirst', lastName: 'TLast', status: 'active' }, 'GET ?userId= (the user of the refused PUTs and DELETEs)', { operation: blame, kind: 'not-refused', exchange: kept.exchange });
  return answers;
}

function invalidCheck(id: string, title: string, kinds: readonly InvalidKind[], statementIds: string[]): Check {
  return { id, api: 'vaa', title, levels: { document: 'MUST' }, statements: statementIds, requires: ['write'], run: async (context) => void (await runInvalid(context, kinds)) };
}

const ALL_KINDS: readonly InvalidKind[] = ['missingUserId', 'missingEmail', 'wrongTypes', 'malformed', 'empty'];

const checks: Check[] = [
  invalidCheck('vaa/invalid-body/missing-user-id-refused', 'A body without the required userId is refused with a 4xx on every operation, changing nothing', ['missingUserId'], ['vaa:post/input/user-id', 'vaa:put/input/user-id']),
  invalidCheck('vaa/invalid-body/missing-email-refused', 'POST or PUT without the required email is refused with a 4xx, changing nothing', ['missingEmail'], ['vaa:post/input/email', 'vaa:put/input/email']),
  invalidCheck('vaa/invalid-body/wrong-types-refused', 'POST or PUT with userId or email not a string (an array holding it) is refused with a 4xx, changing nothing', ['wrongTypes'], ['vaa:post/input/user-id', 'vaa:post/input/email', 'vaa:put/input/user-id', 'vaa:put/input/email']),
  invalidCheck('vaa/invalid-body/malformed-json-refused', 'Malformed JSON is refused with a 4xx (never a 5xx) on every operation that takes a body', ['malformed'], ['vaa:post/input/json-only', 'vaa:put/input/json-only', 'vaa:delete/input/json-only']),
  invalidCheck('vaa/invalid-body/empty-body-refused', 'POST, PUT and DELETE without a body (the user named only in the query string) are refused with a 4xx, changing nothing', ['empty'], ['vaa:post/input/json-only', 'vaa:put/input/json-only', 'vaa:delete/input/json-only']),
  {
    id: 'vaa/invalid-body/refusal-in-envelope',
    api: 'vaa',
    title: 'Invalid bodies are refused as the document answers errors: {"status":<the HTTP status>, "message":"...", "data":[]}',
    levels: { document: 'SHOULD' },
    statements: ['vaa:users/errors-in-envelope'],
    requires: ['write'],
    async run(context) {
      for (const [invalid, exchange] of await runInvalid(context, ALL_KINDS)) {
        const problem = envelopeProblem(exchange);
        if (problem) fail(`${describe(invalid)}: ${problem}`, `{"status":${exchange.response.status}, "message":"...", "data":[]}`, answerOf(exchange), { kind: 'schema', operation: invalid.operation, exchanges: [exchange] });
      }
    },
  },
  {
    id: 'vaa/invalid-body/answers-400-in-envelope',
    api: 'vaa',
    title: 'Observation: invalid bodies are answered HTTP 400 (the status the vendor lists for bad requests; the document shows none)',
    levels: { document: 'INFO' },
    statements: ['vaa:users/errors-in-envelope'],
    requires: ['write'],
    async run(context) {
      for (const [invalid, exchange] of await runInvalid(context, ALL_KINDS)) {
        if (exchange.response.status !== 400) fail(`${describe(invalid)}: HTTP ${exchange.response.status}, not 400`, 'HTTP 400 {"status":400, "message":"...", "data":[]}', answerOf(exchange), { kind: 'status', operation: invalid.operation, exchanges: [exchange] });
      }
    },
  },
  {
    id: 'vaa/curl/form-content-type-accepted',
    api: 'vaa',
    title: 'The documented commands as sent (curl -d: Content-Type application/x-www-form-urlencoded, a JSON body) succeed',
    levels: { document: 'SHOULD' },
    statements: ['vaa:commands/curl-d', 'vaa:post/input/json-only', 'vaa:put/input/json-only', 'vaa:delete/input/json-only'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      VaaDriver.deleteAfter(context, [standIn.userId]);
      const steps: Array<[string, VaaOperation, string, AnswerShape]> = [
        ['POST -d@test_data/v2users.add.user1', 'createUser', ADD_FILE, ANSWERS.created],
        ['PUT -d@test_data/v2users.modify.user1', 'updateUser', MODIFY_FILE, ANSWERS.modified],
        ['PUT /deactivate -d@test_data/v2users.modify.user1', 'deactivateUser', MODIFY_FILE, ANSWERS.modified],
        ['PUT /reactivate -d@test_data/v2users.modify.user1', 'reactivateUser', MODIFY_FILE, ANSWERS.modified],
        ['DELETE -d@test_data/v2users.add.user1', 'deleteUser', ADD_FILE, ANSWERS.deleted],
        ['DELETE -d@test_data/v2users.add.user1 again', 'deleteUser', ADD_FILE, ANSWERS.invalidUser],
      ];
      for (const [what, operation, fixture, shape] of steps) {
        const exchange = await driver.call(operation, documentedBody(fixture, standIn), { contentType: CURL_FORM_TYPE });
        const envelope = await expectAnswer(exchange, operation, `${what} (as curl sends it)`, shape);
        if (operation === 'createUser') {
          const added = (envelope.data as Array<Record<string, unknown>>)[0];
          expectUser(added, { userId: standIn.userId, email: standIn.email, firstName: 'TFirst' }, `${what} (as curl sends it)`, { operation, exchange });
          if (typeof added?.['id'] === 'string') standIn.id = added['id'];
        }
        if (operation === 'updateUser') expectUser(envelope.data, afterModifyFile(standIn), `${what} (as curl sends it)`, { operation, exchange });
      }
    },
  },
];

export const section = defineSection({ title: 'Example Input JSON (POST, PUT, DELETE)', statements, checks });
