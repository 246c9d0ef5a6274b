// Migrate Existing User - POST /Users/migration (v2.0 - v9.2.0): "Migrate an existing user." 201, no
// content, the Location of the newly created user, every documented field stored as given; creationDate
// taken as the document types it, an integer.
import { defineSection, type Check } from '../harness/check.ts';
import { expectAnswer, expectNoBody, expectUserValues } from './assertions.ts';
import { CREATE_PARAMETERS } from './create-user.ts';
import { CheckmarxDriver, deleteAfterwards } from './driver.ts';
import { COUNTRY_UNTESTABLE, frameStatements, INFO, MUST, parameterStatements, ref, SHOULD, statement, STORED_PARAMETERS, WRITES } from './document.ts';
import { installationOf } from './installation.ts';
import { userPath } from './operations.ts';
import { listUsers } from './reads.ts';
import { expectedFromBody, migrationBody } from './users.ts';

const PARAMETERS = ['migrationUserModel=[body]: Specifies the user details:', 'creationDate=[integer] – creation date', ...CREATE_PARAMETERS.slice(1)];

const statements = [
  ...frameStatements('migrate-user', 'Migrate an existing user.', 'Usage: 1. GET /Users and get details of all users 2. POST /Users/migration and migrate an existing user', '/cxrestapi/auth/Users/migration', 'POST'),
  statement('migrate-user', 'versions', undefined, 'Migrate Existing User - POST /Users/migration (v2.0 - v9.2.0)', {
    untestable: 'names the product versions that have the operation; a server does not tell its version through this API, so certify checks the operation on every target',
  }),
  // A date as an integer is unusual (and the python SDK sends a date string): implied, not stated firmly enough for a MUST.
  ...parameterStatements('migrate-user', PARAMETERS, {
    country: { untestable: COUNTRY_UNTESTABLE },
    active: { level: 'SHOULD' },
    creationdate: { level: 'SHOULD' },
  }),
  statement('migrate-user', 'status-201', 'Success Response:', 'Code: 201 Success'),
  statement('migrate-user', 'sample-no-content', 'Sample Response:', 'no content', { level: 'SHOULD' }),
  statement('migrate-user', 'notes-migrates', 'Notes:', 'Migrates an existing user.'),
  statement('migrate-user', 'notes-location', 'Notes:', 'Returns the location of the newly created user in the response header.'),
];

const checks: Check[] = [
  {
    id: 'checkmarx/migrate-user/migrate-existing-user',
    api: 'checkmarx',
    title: 'POST /Users/migration answers 201 with a Location that leads to the new user',
    levels: MUST,
    statements: [ref('migrate-user', 'url'), ref('migrate-user', 'status-201'), ref('migrate-user', 'notes-location'), ref('migrate-user', 'parameter-migrationusermodel'), ref('migrate-user', 'header-content-type')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = migrationBody(context.uniqueName('carol'), await installationOf(context));
      deleteAfterwards(context, String(body['username']));
      const exchange = await driver.migrate(body);
      expectAnswer(exchange, 'migrateUser', 201, 'POST /Users/migration');
      await driver.locate(exchange, String(body['username']), 'POST /Users/migration', 'migrateUser');
    },
  },
  {
    id: 'checkmarx/migrate-user/migrated-user-has-given-values',
    api: 'checkmarx',
    title: 'GET /Users/{id} and GET /Users answer a migrated user with every value POST /Users/migration gave it',
    levels: MUST,
    statements: [ref('migrate-user', 'summary'), ref('migrate-user', 'notes-migrates'), ...STORED_PARAMETERS.map((name) => ref('migrate-user', `parameter-${name}`))],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = migrationBody(context.uniqueName('carol'), await installationOf(context));
      const owned = await driver.createOwned(context, body, 'POST /Users/migration', 'migrateUser');
      const expected = { id: owned.id, ...expectedFromBody(body) };
      expectUserValues(owned.user, expected, 'migrateUser', `GET ${userPath(owned.id)} after POST /Users/migration`, owned.exchange);
      const { users, exchange } = await listUsers(driver, 'GET /Users after the migration');
      expectUserValues(users.find((user) => user['id'] === owned.id) ?? null, expected, 'listUsers', `GET /Users, user ${owned.userName}`, exchange, 'other');
    },
  },
  {
    id: 'checkmarx/migrate-user/answers-no-content',
    api: 'checkmarx',
    title: 'The 201 of POST /Users/migration has no body ("Sample Response: no content")',
    levels: SHOULD,
    statements: [ref('migrate-user', 'sample-no-content')],
    requires: WRITES,
    async run(context) {
      const body = migrationBody(context.uniqueName('carol'), await installationOf(context));
      deleteAfterwards(context, String(body['username']));
      const exchange = await CheckmarxDriver.of(context).migrate(body);
      expectAnswer(exchange, 'migrateUser', 201, 'POST /Users/migration');
      expectNoBody(exchange, 'migrateUser', 'POST /Users/migration');
    },
  },
  {
    id: 'checkmarx/migrate-user/integer-creation-date-accepted',
    api: 'checkmarx',
    title: 'POST /Users/migration takes creationDate as the document types it, an integer (a Unix timestamp)',
    levels: SHOULD,
    statements: [ref('migrate-user', 'parameter-creationdate')],
    requires: WRITES,
    async run(context) {
      const body = { creationDate: 1577836800, ...migrationBody(context.uniqueName('carol'), await installationOf(context)) };
      await CheckmarxDriver.of(context).createOwned(context, body, 'POST /Users/migration with "creationDate": 1577836800', 'migrateUser');
    },
  },
  {
    id: 'checkmarx/real-clients/migration-date-string-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): POST /Users/migration takes creationDate as the date string the python SDK sends ("2020-01-01")',
    levels: INFO,
    statements: [ref('migrate-user', 'parameter-creationdate')],
    requires: WRITES,
    async run(context) {
      const body = { creationDate: '2020-01-01', ...migrationBody(context.uniqueName('carol'), await installationOf(context)) };
      await CheckmarxDriver.of(context).createOwned(context, body, 'POST /Users/migration with "creationDate": "2020-01-01"', 'migrateUser');
    },
  },
];

export const section = defineSection({ title: 'Migrate Existing User - POST /Users/migration (v2.0 - v9.2.0)', statements, checks });
