// PUT /api/v2/users/deactivate (PUT > Example 2: Deactivate user): the user becomes "inactive", and only
// its status changes (both documented bodies show the user as Example 1 left it); no other user changes.
import { defineSection, type Check, type Statement } from '../harness/check.ts';
import { ANSWERS, expectAnswer } from './answers.ts';
import { VaaDriver } from './driver.ts';
import { createNeighbourhood, expectNeighboursIntact } from './neighbours.ts';
import { DEACTIVATE_INLINE, MODIFY_FILE, REACTIVATE_INLINE, addAndModify, afterModifyFile, documentedBody, expectStored, expectUser, newStandIn } from './story.ts';

const EXAMPLE = 'PUT > Example 2: Deactivate user';

const statements: Statement[] = [
  { id: 'vaa:users/deactivate', section: '``/v2/users``', text: '| PUT | ``/v2/users/deactivate`` | Deactivate an existing user. |', level: 'MUST' },
  {
    id: 'vaa:put/deactivate/answer',
    section: EXAMPLE,
    text: '-d@test_data/v2users.modify.user1 -X PUT https:///api/v2/users/deactivate ... {"status":201, "message":"Success", "data":{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bb[...]", "userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"inactive", "customerId":"1234"} } RESP_CODE: ``200``',
    level: 'MUST',
  },
  {
    id: 'vaa:put/deactivate/inline',
    section: EXAMPLE,
    text: `-d '{"id":"xxxxxxxxxxxxxxxxx", "userId":"testuser1", "password":"password1", "email":"testuser1@Changed", "lastName":"Last Name changed", "customerId":"1234", "roles":[{"name":"layerx_role1", "product":"Global SIP"}]}' -X PUT https:///api/v2/users/deactivate`,
    level: 'MUST',
  },
  // The inline body sends another email and no firstName, and the output shows neither applied.
  { id: 'vaa:put/deactivate/status-only', section: EXAMPLE, text: '"data":{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bb[...]", "userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"inactive", "customerId":"1234"}', level: 'SHOULD' },
];

const checks: Check[] = [
  {
    id: 'vaa/deactivate-user/deactivate-user',
    api: 'vaa',
    title: 'PUT /deactivate (modify file): HTTP 200, body status 201, the user now "inactive" (Example 2, file)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/deactivate', 'vaa:put/deactivate/answer', 'vaa:put/paths'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      const exchange = await driver.deactivate(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'deactivateUser', 'PUT /deactivate (modify file)', ANSWERS.modified);
      expectUser(envelope.data, { ...afterModifyFile(standIn, 'inactive'), id: created.id }, 'PUT /deactivate (modify file)', { operation: 'deactivateUser', exchange });
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, 'inactive'), id: created.id }, 'GET ?userId= after /deactivate', 'deactivateUser');
    },
  },
  {
    id: 'vaa/deactivate-user/deactivate-user-inline',
    api: 'vaa',
    title: 'PUT /deactivate (inline body): HTTP 200, body status 201, the user now "inactive" (Example 2, inline)',
    levels: { document: 'MUST' },
    statements: ['vaa:put/deactivate/inline'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      const exchange = await driver.deactivate(documentedBody(DEACTIVATE_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'deactivateUser', 'PUT /deactivate (inline)', ANSWERS.modified);
      expectUser(envelope.data, { userId: standIn.userId, status: 'inactive', id: created.id }, 'PUT /deactivate (inline)', { operation: 'deactivateUser', exchange });
      await expectStored(driver, standIn.userId, { status: 'inactive', id: created.id }, 'GET ?userId= after /deactivate', 'deactivateUser');
    },
  },
  {
    id: 'vaa/activation/changes-status-only',
    api: 'vaa',
    title: 'Deactivate and reactivate change only "status": the inline body\'s other email is not applied',
    levels: { document: 'SHOULD' },
    statements: ['vaa:put/deactivate/status-only', 'vaa:put/reactivate/status-only'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      for (const [operation, fixtureId, status] of [['deactivateUser', DEACTIVATE_INLINE, 'inactive'], ['reactivateUser', REACTIVATE_INLINE, 'active']] as const) {
        const what = `PUT /${operation === 'deactivateUser' ? 'deactivate' : 'reactivate'} (inline, email ${standIn.changedEmail})`;
        const exchange = await driver.call(operation, documentedBody(fixtureId, standIn));
        const envelope = await expectAnswer(exchange, operation, what, ANSWERS.modified);
        expectUser(envelope.data, { ...afterModifyFile(standIn, status), id: created.id }, `${what}: the answer`, { operation, exchange });
        await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, status), id: created.id }, `GET ?userId= after ${what}`, operation);
      }
    },
  },
  {
    id: 'vaa/deactivate-user/neighbours-unchanged',
    api: 'vaa',
    title: 'PUT /deactivate deactivates exactly the named user: users sharing its email or customer, or whose userId extends it, stay active',
    levels: { document: 'MUST' },
    statements: ['vaa:users/deactivate'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { target, neighbours } = await createNeighbourhood(context, driver);
      await expectAnswer(await driver.deactivate(target), 'deactivateUser', `PUT /deactivate ${target.userId}`, ANSWERS.modified);
      await expectStored(driver, target.userId, { status: 'inactive' }, `GET ?userId=${target.userId} after /deactivate`, 'deactivateUser');
      await expectNeighboursIntact(driver, neighbours, `PUT /deactivate ${target.userId}`, 'deactivateUser');
    },
  },
];

export const section = defineSection({ title: 'PUT > Example 2: Deactivate user', statements, checks });
