// The Users resource as a whole ("This section includes REST APIs for working with Access Control User
// tasks."): random sequences of create, migrate, get, list, update (random fields, nulls), delete and
// calls on deleted or never-given ids, each run against the target and against model.ts, with plain
// data and with edge-case text. Each sequence uses fresh run-prefixed names and deletes its users before
// the next starts; a divergence is shrunk to the shortest sequence and reported with the seed and path
// that replay it. A target may refuse data the document does not oblige it to take (unusual text,
// nulls, empty id lists) with a 4xx that changes nothing; never with a 5xx.
import fc from 'fast-check';
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { runModelSequences } from '../harness/sequences.ts';
import { CheckmarxDriver } from './driver.ts';
import { MUST, WRITES, ref, statement } from './document.ts';
import { installationOf } from './installation.ts';
import { CheckmarxModel } from './model.ts';
import { listUsers } from './reads.ts';
import { CreateCommand, DeleteCommand, DeletedIdCommand, GetCommand, ListCommand, NeverGivenIdCommand, UpdateCommand, freshSlots, type Command, type MissingOperation, type ModelSide, type RealSide } from './commands.ts';
import { SLOTS, edgeData, pick, plainData } from './sequence-data.ts';
import { unusedId } from './users.ts';

const statements = [statement('users', 'overview', undefined, 'This section includes REST APIs for working with Access Control User tasks.')];

function lifecycleCommands(): Array<fc.Arbitrary<Command>> {
  const operation = fc.constantFrom<MissingOperation>('getUser', 'updateUser', 'deleteUser');
  const via = fc.constantFrom<'createUser' | 'migrateUser'>('createUser', 'createUser', 'migrateUser');
  return [
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(pick, plainData('create'), via).map(([target, data, route]): Command => new CreateCommand(target, data, route)) },
      { weight: 3, arbitrary: pick.map((target): Command => new GetCommand(target)) },
      { weight: 1, arbitrary: fc.constant<Command>(new ListCommand()) },
      { weight: 4, arbitrary: fc.tuple(pick, plainData('update')).map(([target, data]): Command => new UpdateCommand(target, data)) },
      { weight: 2, arbitrary: pick.map((target): Command => new DeleteCommand(target)) },
      { weight: 1, arbitrary: fc.tuple(pick, operation).map(([target, op]): Command => new DeletedIdCommand(target, op)) },
      { weight: 1, arbitrary: fc.constant<Command>(new NeverGivenIdCommand()) },
    ),
  ];
}

function edgeDataCommands(): Array<fc.Arbitrary<Command>> {
  return [
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(pick, edgeData()).map(([target, data]): Command => new CreateCommand(target, data, 'createUser')) },
      { weight: 4, arbitrary: fc.tuple(pick, edgeData()).map(([target, data]): Command => new UpdateCommand(target, data)) },
      { weight: 3, arbitrary: pick.map((target): Command => new GetCommand(target)) },
      { weight: 1, arbitrary: pick.map((target): Command => new DeleteCommand(target)) },
    ),
  ];
}

/** Runs the commands against the target and the model; `--runs` sequences of at most `maxCommands`. */
async function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<Command>>, maxCommands: number): Promise<void> {
  const found = await installationOf(context);
  const { users } = await context.prerequisite('GET /Users (an id no user has)', () => listUsers(new CheckmarxDriver(context.http, context.config), 'GET /Users (an id no user has)'));
  const neverGiven = unusedId(users);
  await runModelSequences<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    slots: SLOTS,
    start: (http, names) => ({
      model: { model: new CheckmarxModel(), names, slots: freshSlots(names) },
      real: { driver: new CheckmarxDriver(http, context.config), found, unusedId: neverGiven },
    }),
  });
}

const checks: Check[] = [
  {
    id: 'checkmarx/properties/lifecycle-matches-model',
    api: 'checkmarx',
    title: 'Random sequences of create, migrate, get, list, update (random fields, nulls), delete and calls on deleted or never-given ids behave as documented',
    levels: MUST,
    statements: [ref('users', 'overview'), ref('get-user', 'parameter-id'), ref('list-users', 'summary'), ref('update-user', 'summary'), ref('delete-user', 'summary'), ref('migrate-user', 'summary')],
    requires: WRITES,
    run: (context) => runSequences(context, lifecycleCommands(), 20),
  },
  {
    id: 'checkmarx/properties/edge-case-data-round-trips',
    api: 'checkmarx',
    title: 'Unicode, long, empty and special-character texts and dates with offsets are either refused with a 4xx or stored and answered exactly',
    levels: MUST,
    statements: [ref('users', 'overview'), ref('create-user', 'parameter-firstname'), ref('create-user', 'parameter-expirationdate'), ref('update-user', 'parameter-jobtitle')],
    requires: WRITES,
    run: (context) => runSequences(context, edgeDataCommands(), 12),
  },
];

export const section = defineSection({ title: 'Access Control (REST) API - Users', statements, checks });
