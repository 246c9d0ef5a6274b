// Across the operations: random sequences of add, add again, list (by userId, by email, both, all),
// modify, deactivate, reactivate, delete and calls on missing users, run against the target and the
// independent model (model.ts), with generated user data; and unusual strings (non-ASCII, long, empty,
// special) that must be refused with a 4xx or stored and answered exactly. Each sequence uses fresh
// run-prefixed users and deletes them before the next starts; `--runs` sets how many sequences.
import fc from 'fast-check';
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { strongPasswords, unusualText } from '../harness/properties.ts';
import { runModelSequences } from '../harness/sequences.ts';
import { VaaDriver } from './driver.ts';
import { VaaModel, type UserStatus } from './model.ts';
import { ListAllCommand, ListBothCommand, ListByEmailCommand, ListByUserIdCommand } from './model-reads.ts';
import type { ModelSide, RealSide, UserData, VaaCommand } from './model-steps.ts';
import { CreateCommand, DeleteCommand, DuplicateCreateCommand, MissingUserCommand, SetStatusCommand, UpdateCommand, type EmailChange, type MissingOperation } from './model-writes.ts';

const SLOTS = 3;

/** Ordinary names; those matching the document's shape must be taken as they are ("Bob", "Smith", ""). */
const plainText = fc.oneof(
  fc.constantFrom('', 'Bob', 'Smith', 'TFirst', 'TLast', 'Firstname Changed', 'Last Name changed', "O'Brien", 'Jean-Luc', 'Mary Ann'),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
);

const slot = fc.integer({ min: 0, max: SLOTS - 1 });

function userData(text: fc.Arbitrary<string>, password: fc.Arbitrary<string>, withCustomer: boolean): fc.Arbitrary<UserData> {
  return fc.record({ firstName: text, lastName: text, password, customer: withCustomer ? fc.integer({ min: 0, max: 1 }) : fc.constant(undefined) }, { requiredKeys: [] });
}

const emailChange: fc.Arbitrary<EmailChange> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'keep' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((variant) => ({ kind: 'new' as const, variant })) },
  { weight: 1, arbitrary: slot.map((other) => ({ kind: 'shared' as const, slot: other })) },
);

/** One weighted arbitrary: adding users is what makes every other command meaningful. */
function lifecycleCommands(): Array<fc.Arbitrary<VaaCommand>> {
  const data = userData(plainText, strongPasswords, true);
  const missingOperation = fc.constantFrom<MissingOperation>('updateUser', 'deactivateUser', 'reactivateUser', 'deleteUser');
  return [
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(slot, fc.option(slot, { freq: 5, nil: undefined }), data).map(([target, shared, fields]): VaaCommand => new CreateCommand(target, shared, fields)) },
      { weight: 1, arbitrary: fc.tuple(slot, data).map(([target, fields]): VaaCommand => new DuplicateCreateCommand(target, fields)) },
      { weight: 3, arbitrary: fc.tuple(slot, emailChange, data, fc.boolean()).map(([target, email, fields, withId]): VaaCommand => new UpdateCommand(target, email, fields, withId)) },
      { weight: 2, arbitrary: fc.tuple(slot, fc.constantFrom<UserStatus>('inactive', 'active')).map(([target, status]): VaaCommand => new SetStatusCommand(target, status)) },
      { weight: 2, arbitrary: fc.tuple(slot, fc.boolean()).map(([target, modifyShaped]): VaaCommand => new DeleteCommand(target, modifyShaped)) },
      { weight: 1, arbitrary: fc.tuple(slot, missingOperation).map(([target, operation]): VaaCommand => new MissingUserCommand(target, operation)) },
      { weight: 2, arbitrary: slot.map((target): VaaCommand => new ListByUserIdCommand(target)) },
      { weight: 1, arbitrary: slot.map((target): VaaCommand => new ListByEmailCommand(target)) },
      { weight: 1, arbitrary: fc.constant<VaaCommand>(new ListAllCommand()) },
      { weight: 1, arbitrary: fc.tuple(slot, slot).map(([userSlot, emailSlot]): VaaCommand => new ListBothCommand(userSlot, emailSlot)) },
    ),
  ];
}

function edgeDataCommands(): Array<fc.Arbitrary<VaaCommand>> {
  const edgeText = unusualText(plainText);
  const data = userData(edgeText, edgeText, false);
  return [
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(slot, data).map(([target, fields]): VaaCommand => new CreateCommand(target, undefined, fields)) },
      { weight: 3, arbitrary: fc.tuple(slot, data).map(([target, fields]): VaaCommand => new UpdateCommand(target, { kind: 'keep' }, fields, false)) },
      { weight: 2, arbitrary: slot.map((target): VaaCommand => new ListByUserIdCommand(target)) },
      { weight: 1, arbitrary: slot.map((target): VaaCommand => new ListByEmailCommand(target)) },
      { weight: 1, arbitrary: fc.tuple(slot, fc.boolean()).map(([target, modifyShaped]): VaaCommand => new DeleteCommand(target, modifyShaped)) },
    ),
  ];
}

function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<VaaCommand>>, maxCommands: number): Promise<void> {
  const { config } = context;
  // Customers cannot be deleted through this API: the property checks share two, carrying the run prefix.
  const customerIds = [`${config.namePrefix}cust1`, `${config.namePrefix}cust2`];
  return runModelSequences<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    slots: SLOTS,
    start: (http, names) => ({ model: { model: new VaaModel(), names }, real: { driver: new VaaDriver(http, config), names, customerIds, lastWrite: new Map() } }),
  });
}

const checks: Check[] = [
  {
    id: 'vaa/properties/lifecycle-matches-model',
    api: 'vaa',
    title: 'Random sequences of add, add again, list (by userId, by email, both, all), modify, deactivate, reactivate, delete and calls on missing users behave as documented',
    levels: { document: 'MUST' },
    statements: [
      'vaa:users/get-lists-all-users',
      'vaa:users/post-adds-user',
      'vaa:users/put-modifies-user',
      'vaa:users/deactivate',
      'vaa:users/reactivate',
      'vaa:users/delete',
      'vaa:post/exists-error',
      'vaa:put/unknown-user-error',
      'vaa:delete/example-2/answer',
      'vaa:get/by-email/answer',
      'vaa:get/by-user-id/answer',
      'vaa:post/customer-name/optional',
    ],
    requires: ['write'],
    run: (context) => runSequences(context, lifecycleCommands(), 20),
  },
  {
    id: 'vaa/properties/edge-case-data-round-trips',
    api: 'vaa',
    title: 'Unicode, long, empty and special-character names and passwords are either refused with a 4xx or stored and answered exactly',
    levels: { document: 'MUST' },
    statements: ['vaa:post/input/first-name', 'vaa:post/input/last-name', 'vaa:post/input/password', 'vaa:put/input/optional-fields'],
    requires: ['write'],
    run: (context) => runSequences(context, edgeDataCommands(), 12),
  },
];

export const section = defineSection({ title: 'All operations together (model-based)', statements: [], checks });
