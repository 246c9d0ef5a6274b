// Users > Allow Reset Password and Disallow Reset Password: PUT /admin/users/{USER_ID}/actions/
// allow_reset_passwords and .../disallow_reset_passwords, authenticated by `admin-auth` (the secret, not a
// user's key), answer "User updated" with the user in `Meta`.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { expectAnswer, expectRefusal, failOn, type Blame } from './answers.ts';
import { WRITE, WRITE_ADMIN, both, dashboard58, documented } from './catalogue.ts';
import { TykDriver, addSubject, userBody, type CallOptions } from './driver.ts';
import { describeCall } from './operations.ts';
import { lookalike, userMismatches, type TykUser } from './values.ts';

const ALLOW = 'Allow Reset Password';
const DISALLOW = 'Disallow Reset Password';

const statements = [
  documented('allow-reset-password/request', ALLOW, 'Resource URL /admin/users/{USER_ID}/actions/allow_reset_passwords | Method PUT | Type None | Body None | Param None'),
  documented('allow-reset-password/sample-request', `${ALLOW} > Sample Request`, 'PUT -H "admin-auth: <your secret>" http://<dashboard>/admin/users/{USER_ID}/actions/allow_reset_passwords'),
  documented('allow-reset-password/answer', `${ALLOW} > Sample Response`, '{ "Status": "OK", "Message": "User updated", "Meta": { …user object payload …} }'),
  documented('disallow-reset-password/request', DISALLOW, 'Resource URL /admin/users/{USER_ID}/actions/disallow_reset_passwords | Method PUT | Type None | Body None | Param None'),
  documented('disallow-reset-password/sample-request', `${DISALLOW} > Sample Request`, 'PUT -H "admin-auth: <your secret>" http://<dashboard>/admin/users/{USER_ID}/actions/disallow_reset_passwords'),
  documented('disallow-reset-password/answer', `${DISALLOW} > Sample Response`, '{ "Status": "OK", "Message": "User updated", "Meta": { …user object payload …} }'),
  dashboard58('admin-reset-passwords/request', 'admin: allow / disallow reset passwords', '`PUT /admin/users/{userId}/actions/allow_reset_passwords`, `.../disallow_reset_passwords`'),
  dashboard58('admin-reset-passwords/answer', 'admin: allow / disallow reset passwords', '200 `{"Status":"OK","Message":"User updated","Meta":<User>}`'),
  dashboard58('admin-reset-passwords/db-failure', 'admin: allow / disallow reset passwords', '403 `Failed to update User object to DB`', 'MUST', 'answered when the Dashboard cannot write to its database: no request makes a working server fail so'),
  dashboard58('admin-reset-passwords/not-found', 'admin: allow / disallow reset passwords', '404 `Could not retrieve user detail`'),
];

/** The user in `Meta` is the one in the path. */
function expectMetaUser(driver: TykDriver, exchange: Awaited<ReturnType<TykDriver['allow']>>, user: TykUser, what: string): unknown {
  const meta = expectAnswer(exchange, driver.answers.adminUpdated, what).Meta;
  const mismatches = userMismatches(meta, { id: user.id, email_address: user.email_address, first_name: user.first_name as string, last_name: user.last_name as string });
  if (mismatches.length > 0) failOn(exchange, `${what}: "Meta" is not the user: ${mismatches.join('; ')}`, user, 'other');
  return meta;
}

/** The calls refused (401 or 403), and the user unchanged afterwards. */
async function adminRefusals(context: CheckContext, operation: 'allowResetPasswords' | 'disallowResetPasswords', attempts: Array<[string, CallOptions]>): Promise<void> {
  const driver = TykDriver.of(context);
  const user = await addSubject(context, driver);
  // With the secret, disallow is tried on a user that has the permission, so a wrongly accepted call shows.
  if (operation === 'disallowResetPasswords' && context.config.credentials.adminSecret) await context.prerequisite('allow_reset_passwords first', async () => void (await driver.allow(user.id)));
  const before = await context.prerequisite('GET the user before the refused calls', async () => (await driver.fetch(user.id, 'GET before the refused calls')).user);
  for (const [label, options] of attempts) expectRefusal(await driver.call(operation, { ...options, id: user.id }), `${describeCall(operation, user.id)} ${label}`);
  const blame: Blame = { operation };
  const { user: after, exchange } = await driver.fetch(user.id, 'GET after the refused admin calls', blame);
  const changed = JSON.stringify(Object.entries(before.user_permissions ?? {}).sort()) !== JSON.stringify(Object.entries(after.user_permissions ?? {}).sort());
  if (changed) failOn(exchange, 'GET after the refused admin calls: user_permissions changed', before.user_permissions, 'not-refused', blame);
}

function badSecrets(context: CheckContext): Array<[string, CallOptions]> {
  const secret = context.config.credentials.adminSecret;
  return [
    ['without admin-auth', { adminSecret: null }],
    ['with a wrong admin-auth', { adminSecret: secret ? lookalike(secret, 'all') : 'not-the-admin-secret' }],
  ];
}

const resetPasswordOf = (value: unknown): unknown => ((value as { user_permissions?: Record<string, unknown> } | null)?.user_permissions ?? {})['ResetPassword'];

const checks: Check[] = [
  {
    id: 'tyk/allow-reset-passwords/allow-reset-password',
    api: 'tyk',
    levels: both('MUST'),
    title: 'PUT /admin/users/{USER_ID}/actions/allow_reset_passwords with admin-auth answers HTTP 200 {"Status": "OK", "Message": "User updated", "Meta": {...that user}} (Allow Reset Password sample)',
    statements: ['tyk:allow-reset-password/request', 'tyk:allow-reset-password/sample-request', 'tyk:allow-reset-password/answer', 'tyk-5.8:admin-reset-passwords/request', 'tyk-5.8:admin-reset-passwords/answer'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'allowreset', { first_name: 'Test', last_name: 'User', user_permissions: { user_groups: 'read', users: 'read' } }), 'POST a stand-in for Test User');
      expectMetaUser(driver, await driver.allow(user.id), user, `PUT /admin/users/${user.id}/actions/allow_reset_passwords`);
    },
  },
  {
    id: 'tyk/disallow-reset-passwords/disallow-reset-password',
    api: 'tyk',
    levels: both('MUST'),
    title: 'PUT /admin/users/{USER_ID}/actions/disallow_reset_passwords with admin-auth answers HTTP 200 {"Status": "OK", "Message": "User updated", "Meta": {...that user}} (Disallow Reset Password sample)',
    statements: ['tyk:disallow-reset-password/request', 'tyk:disallow-reset-password/sample-request', 'tyk:disallow-reset-password/answer', 'tyk-5.8:admin-reset-passwords/request', 'tyk-5.8:admin-reset-passwords/answer'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'disallowreset', { first_name: 'Test', last_name: 'User', user_permissions: { user_groups: 'read', users: 'read' } }), 'POST a stand-in for Test User');
      await context.prerequisite('allow_reset_passwords first', async () => void expectAnswer(await driver.allow(user.id), driver.answers.adminUpdated, 'allow_reset_passwords first'));
      expectMetaUser(driver, await driver.disallow(user.id), user, `PUT /admin/users/${user.id}/actions/disallow_reset_passwords`);
    },
  },
  {
    id: 'tyk/allow-reset-passwords/grants-reset-password',
    api: 'tyk',
    levels: both('INFO'),
    title: 'Observation: Allow Reset Password grants the ResetPassword permission (in Meta and on GET) and Disallow withdraws it, as the older facts describe',
    statements: ['tyk:allow-reset-password/answer', 'tyk:disallow-reset-password/answer'],
    requires: WRITE_ADMIN,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const allowed = await driver.allow(user.id);
      const granted = resetPasswordOf(expectMetaUser(driver, allowed, user, 'allow_reset_passwords'));
      if (typeof granted !== 'string' || granted === '') failOn(allowed, 'allow_reset_passwords: "Meta" has no user_permissions.ResetPassword', '"user_permissions": {..., "ResetPassword": "admin"}', 'other');
      const afterAllow = await driver.fetch(user.id, 'GET after allow_reset_passwords', { operation: 'allowResetPasswords' });
      if (resetPasswordOf(afterAllow.user) !== granted) failOn(afterAllow.exchange, 'GET after allow_reset_passwords: user_permissions.ResetPassword is not stored', `"ResetPassword": ${JSON.stringify(granted)}`, 'not-stored', { operation: 'allowResetPasswords' });
      const disallowed = await driver.disallow(user.id);
      if (resetPasswordOf(expectMetaUser(driver, disallowed, user, 'disallow_reset_passwords')) === granted) failOn(disallowed, 'disallow_reset_passwords: "Meta" still has user_permissions.ResetPassword', 'no ResetPassword', 'other');
      const afterDisallow = await driver.fetch(user.id, 'GET after disallow_reset_passwords', { operation: 'disallowResetPasswords' });
      if (resetPasswordOf(afterDisallow.user) === granted) failOn(afterDisallow.exchange, 'GET after disallow_reset_passwords: user_permissions.ResetPassword is still there', 'no ResetPassword', 'not-stored', { operation: 'disallowResetPasswords' });
    },
  },
  {
    id: 'tyk/admin-auth/refused-on-allow-reset-passwords',
    api: 'tyk',
    levels: both('MUST'),
    title: 'allow_reset_passwords without admin-auth, or with a wrong one, is refused (401 or 403) and changes nothing',
    statements: ['tyk:allow-reset-password/sample-request'],
    requires: WRITE,
    run: (context) => adminRefusals(context, 'allowResetPasswords', badSecrets(context)),
  },
  {
    id: 'tyk/admin-auth/refused-on-disallow-reset-passwords',
    api: 'tyk',
    levels: both('MUST'),
    title: 'disallow_reset_passwords without admin-auth, or with a wrong one, is refused (401 or 403) and changes nothing',
    statements: ['tyk:disallow-reset-password/sample-request'],
    requires: WRITE,
    run: (context) => adminRefusals(context, 'disallowResetPasswords', badSecrets(context)),
  },
  {
    id: 'tyk/admin-auth/access-key-not-enough',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'The admin endpoints refuse a user\'s access key without admin-auth (even the run\'s, which may write users)',
    statements: ['tyk:allow-reset-password/sample-request'],
    requires: WRITE,
    run: (context) => adminRefusals(context, 'allowResetPasswords', [['with the run\'s access key and no admin-auth', { key: context.config.credentials.token ?? '', adminSecret: null }]]),
  },
];

export const section = defineSection({ title: 'Allow Reset Password, Disallow Reset Password', statements, checks });
