// POST > ``customerName`` and ``customerId`` (and PUT's "Please refer to POST section"): a user added or
// modified with a customer gets one, the customerName "will be returned with each subsequent API GET
// request", and the customerId decides whether a customer is new. Customers cannot be deleted through
// the API: every customer id and name a check uses carries the run prefix (the report lists them as
// residue). What the section says of the user interface and of clients' choices cannot be tested here.
import { defineSection, type Check, type CheckContext, type Statement } from '../harness/check.ts';
import { ANSWERS, expectAnswer, findIn, usersOf, type VaaOperation } from './answers.ts';
import { VaaDriver, newIdentity, type Identity } from './driver.ts';
import { expectStored, expectUser } from './story.ts';

const NAME = 'POST > ``customerName``';
const ID = 'POST > ``customerId``';
const CLIENT_ADVICE = 'advice to the API client on what to send; it states nothing a server does that a request could observe';

const statements: Statement[] = [
  { id: 'vaa:post/customer-name/creates-customer', section: NAME, text: 'The API will automatically create a customer for the user if ``customerName`` is provided.', level: 'MUST' },
  { id: 'vaa:post/customer-name/returned-by-get', section: NAME, text: 'The ``customerName`` will be returned with each subsequent API GET request.', level: 'MUST' },
  { id: 'vaa:post/customer-name/unique', section: NAME, text: 'The ``customerName`` should be unique.', level: 'SHOULD', untestable: `${CLIENT_ADVICE} (the document does not say what a server does with a name already in use)` },
  { id: 'vaa:post/customer-name/user-interface', section: NAME, text: 'New customers can be seen in the user interface under the **Access Controls-> Customer** area.', level: 'MUST', untestable: 'it concerns the user interface, which no request of this API reaches' },
  { id: 'vaa:post/customer-name/resource-filters', section: NAME, text: 'The admin user can then add, modify, or delete resource filters to control what data this user can see.', level: 'MUST', untestable: 'resource filters are managed in the user interface; this API has no operation for them' },
  { id: 'vaa:post/customer-id/supported', section: ID, text: 'The API also supports the use of a ``customerId``.', level: 'MUST' },
  { id: 'vaa:post/customer-id/meaning', section: ID, text: 'The ``customerId`` is usually a customer specific unique identifier that has meaning to the end user.', level: 'MUST', untestable: 'it describes what clients put in the field, not what the server does' },
  { id: 'vaa:post/customer-id/determines-customer', section: ID, text: 'If ``customerId`` is provided, the API will use the ``customerId`` as the determining factor on whether or not to create a new customer.', level: 'MUST' },
  { id: 'vaa:post/customer-id/creates-customer', section: ID, text: 'The API will automatically create a new customer for the user if ``customerId`` does not already exist in the system.', level: 'MUST' },
  { id: 'vaa:post/customer-name/optional', section: `${ID} > note`, text: '``customerName`` is still an optional field.', level: 'MUST' },
  { id: 'vaa:post/customer-name/user-friendly', section: `${ID} > note`, text: 'The system still needs something user friendly to display to the end user in the user interface. ``customerId`` is usually not very meaningful or useful to the end user.', level: 'MUST', untestable: 'it explains the user interface, which no request of this API reaches' },
  { id: 'vaa:post/customer-name/recommended', section: `${ID} > note`, text: 'It is recommended that the ``customerName`` is also used in conjuntion with ``customerId`` to provide a user friendly customer name.', level: 'SHOULD', untestable: CLIENT_ADVICE },
  { id: 'vaa:post/high-level/no-customer', section: 'POST > POST High Level (No customer information)', text: 'The following flow demonstrates the system behavior when ``customerId`` and ``customerName`` are not provided. |VAA-dashboard-API-high-level-no-cust-info|', level: 'MUST', untestable: 'the flow is an image (VAA-dashboard-API-high-level-no-cust-info.png) that is not part of the document\'s text' },
  { id: 'vaa:post/high-level/with-customer', section: 'POST > POST High Level (with customer information)', text: 'The following flow demonstrates the system behavior when ``customerId`` and ``customerName`` are provided. |VAA-dashboard-API-high-level-with-cust-info|', level: 'MUST', untestable: 'the flow is an image (VAA-dashboard-API-high-level-with-cust-info.png) that is not part of the document\'s text' },
  { id: 'vaa:put/customer-fields', section: 'PUT > ``customerName`` and ``customerId``', text: 'Please refer to POST section for ``customerName`` and ``customerId`` parameters.', level: 'MUST' },
];

/** A customer only this run uses: an id and a name carrying the run prefix. */
function newCustomer(context: CheckContext): { customerId: string; customerName: string } {
  const customerId = context.uniqueName('cust');
  return { customerId, customerName: `Customer ${customerId}` };
}

/** Every GET (by userId, by email, all users) shows the user with these customer fields. */
async function expectEveryGetShows(driver: VaaDriver, identity: Identity, expected: Record<string, unknown>, after: string, operation: VaaOperation): Promise<void> {
  await expectStored(driver, identity.userId, { ...identity, ...expected }, `GET ?userId= after ${after}`, operation);
  for (const [what, exchange] of [[`GET ?email= after ${after}`, await driver.list({ email: identity.email })], [`GET /api/v2/users after ${after}`, await driver.list()]] as const) {
    const user = findIn(usersOf((await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed)).data), identity.userId);
    expectUser(user ?? {}, { ...identity, ...expected }, what, { operation: user ? operation : 'listUsers', kind: 'not-stored', exchange });
  }
}

const checks: Check[] = [
  {
    id: 'vaa/customer/name-returned-by-get',
    api: 'vaa',
    title: 'The customerName a user is added or modified with is returned by every later GET (by userId, by email, all users), after PUT and deactivate too',
    levels: { document: 'MUST' },
    statements: ['vaa:post/customer-name/creates-customer', 'vaa:post/customer-name/returned-by-get', 'vaa:post/customer-id/creates-customer', 'vaa:put/customer-fields', 'vaa:post/input/customer-name'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const user = newIdentity(context, 'customer');
      const first = newCustomer(context);
      await driver.createStandIn(context, { ...user, firstName: 'TFirst', ...first }, 'POST a user with a new customerId and customerName');
      await expectEveryGetShows(driver, user, first, 'POST with a customer', 'createUser');

      const second = newCustomer(context);
      await driver.prepare(context, 'updateUser', { ...user, ...second }, 'PUT the user with another new customer');
      await expectEveryGetShows(driver, user, second, 'PUT with another customer', 'updateUser');
      await driver.prepare(context, 'deactivateUser', user, 'PUT /deactivate the user');
      await expectEveryGetShows(driver, user, second, 'PUT /deactivate', 'deactivateUser');

      // A customerName alone (no customerId) also creates the user's customer.
      const named = newIdentity(context, 'named');
      const { customerName } = newCustomer(context);
      await driver.createStandIn(context, { ...named, customerName }, 'POST a user with a customerName and no customerId');
      await expectEveryGetShows(driver, named, { customerName }, 'POST with a customerName alone', 'createUser');
    },
  },
  {
    id: 'vaa/customer/id-decides-the-customer',
    api: 'vaa',
    title: 'A user added with the customerId of an existing customer (and no customerName) belongs to that customer: GET shows its customerName',
    levels: { document: 'MUST' },
    statements: ['vaa:post/customer-id/determines-customer', 'vaa:post/customer-name/optional'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const customer = newCustomer(context);
      const first = newIdentity(context, 'first');
      const second = newIdentity(context, 'second');
      await driver.createStandIn(context, { ...first, ...customer }, 'POST a user with a new customer');
      await driver.createStandIn(context, { ...second, customerId: customer.customerId }, 'POST a second user with the same customerId and no customerName');
      await expectStored(driver, second.userId, { ...second, ...customer }, 'GET ?userId= (the second user)', 'createUser');
      await expectStored(driver, first.userId, { ...first, ...customer }, 'GET ?userId= (the first user)', 'createUser');
    },
  },
];

export const section = defineSection({ title: 'POST > ``customerName`` and ``customerId``', statements, checks });
