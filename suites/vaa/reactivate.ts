// PUT /api/v2/users/reactivate (PUT > Example 2: Reactivate user): a deactivated user is "active" again,
// and no other user changes (the neighbours, deactivated first, stay inactive).
import { defineSection, type Check, type Statement } from '../harness/check.ts';
import { ANSWERS, expectAnswer } from './answers.ts';
import { VaaDriver } from './driver.ts';
import { createNeighbourhood, expectNeighboursIntact } from './neighbours.ts';
import { DEACTIVATE_INLINE, MODIFY_FILE, REACTIVATE_INLINE, addAndModify, afterModifyFile, documentedBody, expectStored, expectUser, newStandIn } from './story.ts';

const EXAMPLE = 'PUT > Example 2: Reactivate user';

const statements: Statement[] = [
  { id: 'vaa:users/reactivate', section: '``/v2/users``', text: '| PUT | ``/v2/users/reactivate`` | Reactivate an existing user. |', level: 'MUST' },
  {
    id: 'vaa:put/reactivate/answer',
    section: EXAMPLE,
    text: '-d@test_data/v2users.modify.user1 -X PUT https:///api/v2/users/reactivate ... {"status":201, "message":"Success", "data":{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bbc[...]", "userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"active", "customerId":"1234"} } RESP_CODE: ``200``',
    level: 'MUST',
  },
  {
    id: 'vaa:put/reactivate/inline',
    section: EXAMPLE,
    text: `-d '{"id":"xxxxxxxxxxxxxxxxx", "userId":"testuser1", "password":"password1", "email":"testuser1@Changed", "lastName":"Last Name changed", "customerId":"1234", "roles":[{"name":"layerx_role1", "product":"Global SIP"}]}' -X PUT https:///api/v2/users/reactivate`,
    level: 'MUST',
  },
  { id: 'vaa:put/reactivate/status-only', section: EXAMPLE, text: '"data":{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bbc[...]", "userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"active", "customerId":"1234"}', level: 'SHOULD' },
];

const checks: Check[] = [
  {
    id: 'vaa/reactivate-user/reactivate-user',
    api: 'vaa',
    title: 'PUT /reactivate (modify file): HTTP 200, body status 201, the user "active" again (Example 2: Reactivate, file)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/reactivate', 'vaa:put/reactivate/answer', 'vaa:put/paths'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      await driver.prepare(context, 'deactivateUser', documentedBody(MODIFY_FILE, standIn), 'PUT /deactivate (modify file)');
      const exchange = await driver.reactivate(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'reactivateUser', 'PUT /reactivate (modify file)', ANSWERS.modified);
      expectUser(envelope.data, { ...afterModifyFile(standIn, 'active'), id: created.id }, 'PUT /reactivate (modify file)', { operation: 'reactivateUser', exchange });
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, 'active'), id: created.id }, 'GET ?userId= after /reactivate', 'reactivateUser');
    },
  },
  {
    id: 'vaa/reactivate-user/reactivate-user-inline',
    api: 'vaa',
    title: 'PUT /reactivate (inline body): HTTP 200, body status 201, the user "active" again (Example 2: Reactivate, inline)',
    levels: { document: 'MUST' },
    statements: ['vaa:put/reactivate/inline'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      await driver.prepare(context, 'deactivateUser', documentedBody(DEACTIVATE_INLINE, standIn), 'PUT /deactivate (inline)');
      const exchange = await driver.reactivate(documentedBody(REACTIVATE_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'reactivateUser', 'PUT /reactivate (inline)', ANSWERS.modified);
      expectUser(envelope.data, { userId: standIn.userId, status: 'active', id: created.id }, 'PUT /reactivate (inline)', { operation: 'reactivateUser', exchange });
      await expectStored(driver, standIn.userId, { status: 'active', id: created.id }, 'GET ?userId= after /reactivate', 'reactivateUser');
    },
  },
  {
    id: 'vaa/reactivate-user/neighbours-unchanged',
    api: 'vaa',
    title: 'PUT /reactivate reactivates exactly the named user: deactivated users sharing its email or customer, or whose userId extends it, stay inactive',
    levels: { document: 'MUST' },
    statements: ['vaa:users/reactivate'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { target, neighbours } = await createNeighbourhood(context, driver);
      for (const { identity } of neighbours) await driver.prepare(context, 'deactivateUser', identity, `PUT /deactivate a neighbour (${identity.userId})`);
      await driver.prepare(context, 'deactivateUser', target, `PUT /deactivate ${target.userId}`);
      await expectAnswer(await driver.reactivate(target), 'reactivateUser', `PUT /reactivate ${target.userId}`, ANSWERS.modified);
      await expectStored(driver, target.userId, { status: 'active' }, `GET ?userId=${target.userId} after /reactivate`, 'reactivateUser');
      const inactive = neighbours.map((neighbour) => ({ ...neighbour, fields: { ...neighbour.fields, status: 'inactive' } }));
      await expectNeighboursIntact(driver, inactive, `PUT /reactivate ${target.userId}`, 'reactivateUser');
    },
  },
];

export const section = defineSection({ title: 'PUT > Example 2: Reactivate user', statements, checks });
