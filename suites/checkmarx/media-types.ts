// "Media Type (header)": `Accept: application/json;v=1.0` on the reads, `Content-Type:
// application/json;v=1.0` on the writes. The checks of each operation send the document's headers;
// here, what the answers declare (JSON, SHOULD; the version, INFO) and what real clients send instead
// (plain application/json, no Content-Type, Accept: */*): observations, the document does not ask for them.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { expectAnswer, expectSuccess, expectUserValues } from './assertions.ts';
import { CheckmarxDriver, deleteAfterwards, type SendOptions } from './driver.ts';
import { INFO, SHOULD, WRITES, ref, statement } from './document.ts';
import { installationOf } from './installation.ts';
import { MEDIA_TYPE, userPath } from './operations.ts';
import { fetchUser } from './reads.ts';
import { expectedFromBody, migrationBody, newUser, readableUser, updateBody } from './users.ts';

const statements = [
  ...(['list-users', 'get-user'] as const).map((part) => statement(part, 'header-accept', 'Media Type (header):', `Accept: ${MEDIA_TYPE}`)),
  ...(['create-user', 'update-user', 'delete-user', 'migrate-user'] as const).map((part) => statement(part, 'header-content-type', 'Media Type (header):', `Content-Type: ${MEDIA_TYPE}`)),
];

function mediaTypeOf(exchange: Exchange): { type: string; parameters: Map<string, string> } {
  const [type = '', ...parameters] = (exchange.response.headers['content-type'] ?? '').split(';');
  return {
    type: type.trim().toLowerCase(),
    parameters: new Map(parameters.map((parameter) => {
      const [name = '', value = ''] = parameter.split('=');
      return [name.trim().toLowerCase(), value.trim().replace(/^"|"$/g, '')];
    })),
  };
}

/** GET /Users and GET /Users/{id} answered with the document's Accept. */
async function successAnswers(context: CheckContext, driver: CheckmarxDriver): Promise<Exchange[]> {
  const listed = await driver.list();
  expectAnswer(listed, 'listUsers', 200, 'GET /Users');
  const { id } = await readableUser(context, driver);
  const one = await driver.get(id);
  expectAnswer(one, 'getUser', [200, 201], `GET ${userPath(id)}`);
  return [listed, one];
}

const operationOf = (exchange: Exchange): 'listUsers' | 'getUser' => (/\/users$/i.test(new URL(exchange.request.url).pathname) ? 'listUsers' : 'getUser');

/** Create, update and migrate a user with these request headers (what a real client sends). */
async function writeAs(context: CheckContext, options: SendOptions, label: string): Promise<void> {
  const driver = CheckmarxDriver.of(context);
  const found = await installationOf(context);
  const body = await newUser(context);
  deleteAfterwards(context, String(body['username']));
  const created = await driver.create(body, options);
  expectSuccess(created, 'createUser', `POST /Users ${label}`);
  const { id } = await driver.locate(created, String(body['username']), `POST /Users ${label}`);
  const update = updateBody(String(body['username']), found);
  expectSuccess(await driver.update(id, update, options), 'updateUser', `PUT ${userPath(id)} ${label}`);
  const { user, exchange } = await fetchUser(driver, id, `GET ${userPath(id)}`);
  expectUserValues(user, expectedFromBody(update), 'updateUser', `GET ${userPath(id)} after the update sent ${label}`, exchange);
  const migration = migrationBody(context.uniqueName('carol'), found);
  deleteAfterwards(context, String(migration['username']));
  expectSuccess(await driver.migrate(migration, options), 'migrateUser', `POST /Users/migration ${label}`);
}

const checks: Check[] = [
  {
    id: 'checkmarx/responses/json-media-type',
    api: 'checkmarx',
    title: 'GET /Users and GET /Users/{id} asked for application/json;v=1.0 declare their JSON as application/json (parameters such as charset or v are free)',
    levels: SHOULD,
    statements: [ref('list-users', 'header-accept'), ref('get-user', 'header-accept')],
    async run(context) {
      for (const exchange of await successAnswers(context, CheckmarxDriver.of(context))) {
        if (!/^application\/([\w.-]+\+)?json$/.test(mediaTypeOf(exchange).type)) {
          fail(`${exchange.request.method} ${new URL(exchange.request.url).pathname}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json;v=1.0 (or application/json)', answerOf(exchange), { kind: 'literal', operation: operationOf(exchange), exchanges: [exchange] });
        }
      }
    },
  },
  {
    id: 'checkmarx/responses/versioned-media-type',
    api: 'checkmarx',
    title: 'Observation: answers name the API version the document asks for (Content-Type: application/json;v=1.0)',
    levels: INFO,
    statements: [ref('get-user', 'header-accept')],
    async run(context) {
      for (const exchange of await successAnswers(context, CheckmarxDriver.of(context))) {
        if (mediaTypeOf(exchange).parameters.get('v') !== '1.0') fail(`${exchange.request.method} ${new URL(exchange.request.url).pathname}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json;v=1.0', answerOf(exchange), { kind: 'literal', operation: operationOf(exchange), exchanges: [exchange] });
      }
    },
  },
  {
    id: 'checkmarx/real-clients/accept-any-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): GET /Users and GET /Users/{id} with Accept: */* answer 200 with JSON',
    levels: INFO,
    statements: [ref('list-users', 'header-accept'), ref('get-user', 'header-accept')],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const listed = await driver.list({ accept: '*/*' });
      expectAnswer(listed, 'listUsers', 200, 'GET /Users with Accept: */*');
      if (!Array.isArray(listed.response.json)) fail('GET /Users with Accept: */*: the body is not an array', '[{...user}, ...]', answerOf(listed), { kind: 'schema', operation: 'listUsers' });
      const { id } = await readableUser(context, driver);
      const one = await driver.get(id, { accept: '*/*' });
      expectAnswer(one, 'getUser', [200, 201], `GET ${userPath(id)} with Accept: */*`);
      if (one.response.json === undefined) fail(`GET ${userPath(id)} with Accept: */*: the body is not JSON`, 'a JSON user', answerOf(one), { kind: 'not-json', operation: 'getUser' });
    },
  },
  {
    id: 'checkmarx/real-clients/plain-json-content-type-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): POST /Users, PUT /Users/{id} and POST /Users/migration take bodies sent as plain application/json (without ;v=1.0)',
    levels: INFO,
    statements: [ref('create-user', 'header-content-type'), ref('update-user', 'header-content-type'), ref('migrate-user', 'header-content-type')],
    requires: WRITES,
    run: (context) => writeAs(context, { contentType: 'application/json', accept: '*/*' }, 'as application/json'),
  },
  {
    id: 'checkmarx/real-clients/json-without-content-type-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): POST /Users, PUT /Users/{id} and POST /Users/migration take JSON sent without a Content-Type (python SDK 1.8.1)',
    levels: INFO,
    statements: [ref('create-user', 'header-content-type'), ref('update-user', 'header-content-type'), ref('migrate-user', 'header-content-type')],
    requires: WRITES,
    run: (context) => writeAs(context, { contentType: null, accept: '*/*' }, 'without a Content-Type'),
  },
];

export const section = defineSection({ title: 'Media Type (header): Accept and Content-Type', statements, checks });
