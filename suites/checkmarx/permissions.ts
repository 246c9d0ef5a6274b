// "The ‘Manage Users’ permission is required to execute this API." (create, update, delete, migrate)
// with "Code: 403 Forbidden": a valid token of a user without that permission (--limited-token; the
// bundled mock's Marci) is refused with 403 and changes nothing. The lists and reads name no permission,
// so their 403 cannot be provoked with the credentials certify is given.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { expectAnswer } from './assertions.ts';
import { CheckmarxDriver, deleteAfterwards } from './driver.ts';
import { MANAGE_USERS_NOTICE, MUST, ref, statement, type Part } from './document.ts';
import { installationOf } from './installation.ts';
import { userPath, type UserOperation } from './operations.ts';
import { expectNoUserNamed, expectStillStored } from './reads.ts';
import { createdUser, migrationBody, newUser, updateBody } from './users.ts';

const READ_403 = 'the document names no permission for this read, so no credential certify is given (a user-managing one, and --limited-token, which lacks only \'Manage Users\') is known to lack the right to it';

const statements = [
  statement('list-users', 'status-403', 'Error Response:', 'Code: 403 Forbidden', { untestable: READ_403 }),
  statement('get-user', 'status-403', 'Error Response:', 'Code: 403 Forbidden', { untestable: READ_403 }),
  ...(['create-user', 'update-user', 'delete-user', 'migrate-user'] as const).flatMap((part) => [
    statement(part, 'notice-manage-users', 'Notice', MANAGE_USERS_NOTICE),
    statement(part, 'status-403', 'Error Response:', 'Code: 403 Forbidden'),
  ]),
];

type Run = (context: CheckContext, driver: CheckmarxDriver, limited: CheckmarxDriver) => Promise<void>;

function permissionCheck(operation: UserOperation, part: Part, slug: string, title: string, run: Run): Check {
  return {
    id: `checkmarx/permissions/limited-user-${slug}-is-403`,
    api: 'checkmarx',
    title,
    levels: MUST,
    statements: [ref(part, 'notice-manage-users'), ref(part, 'status-403')],
    requires: ['limited-token', 'write'],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const limited = driver.as(context.config.credentials.limitedToken as string);
      // A token the target does not take at all is the run's mistake, not the target's.
      const probe = await limited.list();
      if (probe.response.status === 401) context.skip(`the --limited-token is not a valid token here (GET /Users answers 401): pass the token of a user without 'Manage Users' (${operation})`);
      await run(context, driver, limited);
    },
  };
}

const FORBIDDEN = 'HTTP 403 (the document\'s "Code: 403 Forbidden": \'Manage Users\' is required)';

const checks: Check[] = [
  permissionCheck('createUser', 'create-user', 'create', 'POST /Users by a user without \'Manage Users\' answers 403 and creates nobody', async (context, driver, limited) => {
    const body = await newUser(context, 'limited');
    deleteAfterwards(context, String(body['username']));
    expectAnswer(await limited.create(body), 'createUser', 403, 'POST /Users with a token lacking \'Manage Users\'', FORBIDDEN);
    await expectNoUserNamed(driver, String(body['username']), 'createUser', 'after the refused POST');
  }),
  permissionCheck('updateUser', 'update-user', 'update', 'PUT /Users/{id} by a user without \'Manage Users\' answers 403 and changes nothing', async (context, driver, limited) => {
    const { owned, body } = await createdUser(context, driver);
    expectAnswer(await limited.update(owned.id, updateBody(owned.userName, await installationOf(context))), 'updateUser', 403, `PUT ${userPath(owned.id)} with a token lacking 'Manage Users'`, FORBIDDEN);
    await expectStillStored(driver, owned.id, { firstName: body['firstName'], email: body['email'] }, 'updateUser', 'after the refused PUT');
  }),
  permissionCheck('deleteUser', 'delete-user', 'delete', 'DELETE /Users/{id} by a user without \'Manage Users\' answers 403 and deletes nothing', async (context, driver, limited) => {
    const { owned } = await createdUser(context, driver);
    expectAnswer(await limited.remove(owned.id), 'deleteUser', 403, `DELETE ${userPath(owned.id)} with a token lacking 'Manage Users'`, FORBIDDEN);
    await expectStillStored(driver, owned.id, { id: owned.id, userName: owned.userName }, 'deleteUser', 'after the refused DELETE');
  }),
  permissionCheck('migrateUser', 'migrate-user', 'migrate', 'POST /Users/migration by a user without \'Manage Users\' answers 403 and creates nobody', async (context, driver, limited) => {
    const body = migrationBody(context.uniqueName('limited'), await installationOf(context));
    deleteAfterwards(context, String(body['username']));
    expectAnswer(await limited.migrate(body), 'migrateUser', 403, 'POST /Users/migration with a token lacking \'Manage Users\'', FORBIDDEN);
    await expectNoUserNamed(driver, String(body['username']), 'migrateUser', 'after the refused migration');
  }),
];

export const section = defineSection({ title: 'Notice: the ‘Manage Users’ permission; Error Response: 403 Forbidden', statements, checks });
