// Across the operations (model-based): random sequences of Add, Get, List, Update, Set User Password,
// Reset User Session, Delete and calls on missing users, run against the target and against model.ts
// (the documented semantics), with generated user data. Each sequence uses fresh run-prefixed addresses
// and its users are deleted before the next starts. A divergence is shrunk to the shortest sequence and
// reported with curl commands and the seed/path that replay it; it names the operation at fault.
import fc from 'fast-check';
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { runModelSequences } from '../harness/sequences.ts';
import { strongPasswords, unusualText } from '../harness/properties.ts';
import { expectAnswer, expectNoServerError, isClientError } from './answers.ts';
import { WRITE, both } from './catalogue.ts';
import {
  CreateCommand,
  DeleteCommand,
  DuplicateEmailCommand,
  GetCommand,
  KeyResetCommand,
  ListCommand,
  MissingUserCommand,
  SetPasswordCommand,
  UpdateCommand,
  type MissingOperation,
  type ModelSide,
  type PasswordVariant,
  type RealSide,
  type TykCommand,
  type UserData,
} from './commands.ts';
import { TykDriver, userBody } from './driver.ts';
import { TykModel } from './model.ts';
import { neverIssuedId, userMismatches, type Permissions } from './values.ts';

const SLOTS = 4;
const LIFECYCLE_COMMANDS = 24;
const EDGE_COMMANDS = 16;

const plainText = fc.oneof(
  fc.constantFrom('Jason', 'Jasonson', 'File', 'John', 'Smith', 'Test', 'User', 'Pat', 'Sample', 'Firstname Changed', 'Bobby'),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
);
const edgeText = unusualText(plainText);
const edgePassword = fc.oneof(strongPasswords, edgeText.filter((text) => text !== ''));

const permissionSets: fc.Arbitrary<Permissions> = fc.constantFrom<Permissions>({ users: 'read' }, { users: 'read', user_groups: 'read' }, { users: 'read', analytics: 'read', portal: 'read' });

const pick = fc.integer({ min: 0, max: SLOTS - 1 });

function userData(text: fc.Arbitrary<string>, password: fc.Arbitrary<string> | undefined): fc.Arbitrary<UserData> {
  const fields = { firstName: text, lastName: text, active: fc.boolean(), permissions: permissionSets };
  return password ? fc.record({ ...fields, password }, { requiredKeys: [] }) : fc.record(fields, { requiredKeys: [] });
}

const missingOperation = fc.constantFrom<MissingOperation>('getUser', 'updateUser', 'deleteUser', 'setUserPassword', 'resetUserSession');
const passwordVariant = fc.constantFrom<PasswordVariant>('right', 'right', 'wrong', 'missing');

function lifecycleCommands(): Array<fc.Arbitrary<TykCommand>> {
  return [
    fc.oneof(
      { weight: 3, arbitrary: userData(plainText, strongPasswords).map((fields): TykCommand => new CreateCommand(fields)) },
      { weight: 1, arbitrary: pick.map((target): TykCommand => new DuplicateEmailCommand(target)) },
      { weight: 2, arbitrary: pick.map((target): TykCommand => new GetCommand(target)) },
      { weight: 1, arbitrary: fc.constant<TykCommand>(new ListCommand()) },
      { weight: 3, arbitrary: fc.tuple(pick, userData(plainText, undefined), fc.option(fc.integer({ min: 1, max: 3 }), { freq: 3, nil: undefined })).map(([target, fields, variant]): TykCommand => new UpdateCommand(target, fields, variant)) },
      { weight: 3, arbitrary: fc.tuple(pick, passwordVariant, strongPasswords).map(([target, variant, next]): TykCommand => new SetPasswordCommand(target, variant, next)) },
      { weight: 2, arbitrary: pick.map((target): TykCommand => new KeyResetCommand(target)) },
      { weight: 1, arbitrary: pick.map((target): TykCommand => new DeleteCommand(target)) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom<'deleted' | 'never'>('deleted', 'never'), missingOperation).map(([which, operation]): TykCommand => new MissingUserCommand(which, operation)) },
    ),
  ];
}

function edgeDataCommands(): Array<fc.Arbitrary<TykCommand>> {
  return [
    fc.oneof(
      { weight: 3, arbitrary: userData(edgeText, edgePassword).map((fields): TykCommand => new CreateCommand(fields)) },
      { weight: 3, arbitrary: fc.tuple(pick, userData(edgeText, undefined)).map(([target, fields]): TykCommand => new UpdateCommand(target, fields, undefined)) },
      { weight: 1, arbitrary: fc.tuple(pick, edgePassword).map(([target, next]): TykCommand => new SetPasswordCommand(target, 'right', next)) },
      { weight: 2, arbitrary: pick.map((target): TykCommand => new GetCommand(target)) },
      { weight: 1, arbitrary: fc.constant<TykCommand>(new ListCommand()) },
      { weight: 1, arbitrary: pick.map((target): TykCommand => new DeleteCommand(target)) },
    ),
  ];
}

/**
 * Once per check (set-up): whether Update User takes a partial User Object and keeps the fields it is
 * not sent (then the model insists on it; otherwise sequences send whole objects, and
 * tyk/update-user/keeps-omitted-fields judges it), and an id shaped like the target's that no user has.
 */
function probe(context: CheckContext): Promise<{ updateKeepsOmitted: boolean; neverId: string }> {
  return context.prerequisite('probe Update User with a partial User Object', async () => {
    const driver = TykDriver.of(context);
    const original = userBody(context, 'probe', { first_name: 'Probe', last_name: 'Semantics', user_permissions: { users: 'read', user_groups: 'read' } });
    const user = await driver.addUser(context, original, 'POST a probe user');
    const partial = await driver.update(user.id, { first_name: 'Probed' });
    expectNoServerError(partial, 'PUT {"first_name"} to the probe user');
    let updateKeepsOmitted = false;
    if (!isClientError(partial)) {
      expectAnswer(partial, driver.answers.updated, 'PUT {"first_name"} to the probe user');
      const { user: after } = await driver.fetch(user.id, 'GET the probe user');
      updateKeepsOmitted = userMismatches(after, { first_name: 'Probed', last_name: 'Semantics', email_address: original.email_address, active: true, user_permissions: { users: 'read', user_groups: 'read' } }).length === 0;
    }
    return { updateKeepsOmitted, neverId: neverIssuedId(user.id, [user.id]) };
  });
}

async function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<TykCommand>>, maxCommands: number): Promise<void> {
  const { updateKeepsOmitted, neverId } = await probe(context);
  await runModelSequences<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    slots: SLOTS,
    start: (http, names) => ({ model: { model: new TykModel(updateKeepsOmitted), names, neverId }, real: { driver: new TykDriver(http, context.config) } }),
  });
}

const checks: Check[] = [
  {
    id: 'tyk/properties/lifecycle-matches-model',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Random sequences of Add User (and with a taken address), Get, List, Update (random fields), Set User Password (right, wrong, missing current), Reset User Session, Delete and calls on deleted or never-issued ids behave as documented',
    statements: ['tyk:add-user/request', 'tyk:update-user/request', 'tyk:set-user-password/current-required', 'tyk:set-user-password/current-not-required', 'tyk:reset-user-session/resets-credentials', 'tyk:delete-user/message', 'tyk-5.8:update-user/request'],
    requires: WRITE,
    run: (context) => runSequences(context, lifecycleCommands(), LIFECYCLE_COMMANDS),
  },
  {
    id: 'tyk/properties/edge-case-data-round-trips',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Unicode, long, empty and special-character names and passwords are either refused with a 4xx or stored and answered exactly as sent',
    statements: ['tyk:add-user/sample-request', 'tyk:update-user/sample-request', 'tyk:get-user/answer'],
    requires: WRITE,
    run: (context) => runSequences(context, edgeDataCommands(), EDGE_COMMANDS),
  },
];

export const section = defineSection({ title: 'Across the operations (model-based)', statements: [], checks });
