// The model-based sequences' commands, one small class per operation (fast-check's model-based
// testing), each run against the target and against model.ts. A divergence names the operation whose
// answer or effect is wrong: a field read back wrong is the last write's to that user (create, migrate
// or update), a deleted user still answered is the delete's, a malformed user is the read's.
import type fc from 'fast-check';
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { expectAnswer, expectNoServerError, userShapeProblems } from './assertions.ts';
import type { CheckmarxDriver } from './driver.ts';
import type { Installation } from './installation.ts';
import type { CheckmarxModel } from './model.ts';
import { userPath, type Operation } from './operations.ts';
import { expectGone, listUsers } from './reads.ts';
import { describeData, givenFields, isUnusual, sequenceCreateBody, bodyOf, type UserData } from './sequence-data.ts';

type Writer = 'createUser' | 'migrateUser' | 'updateUser';
type Slot = { kind: 'fresh' } | { kind: 'live'; id: number; lastWrite: Writer } | { kind: 'deleted'; id: number };

/** The model side of a sequence: the model, and what each of the sequence's user names has become. */
export interface ModelSide {
  model: CheckmarxModel;
  names: readonly string[];
  slots: Slot[];
}

export interface RealSide {
  driver: CheckmarxDriver;
  found: Installation;
  /** An id no user has (read only). */
  unusedId: number;
}

export type Command = fc.AsyncCommand<ModelSide, RealSide>;

export function freshSlots(names: readonly string[]): Slot[] {
  return names.map((): Slot => ({ kind: 'fresh' }));
}

// --- shared steps --------------------------------------------------------------------------------

/** The user as `reader` answered it has the documented shape and matches the model (what `writer` stored); what was open is learned. */
function expectModelUser(side: ModelSide, id: number, actual: unknown, reader: Operation, writer: Operation, what: string, exchange: Exchange): void {
  const shape = userShapeProblems(actual);
  if (shape.length > 0) fail(`${what}: the user does not have the documented fields and types: ${shape.slice(0, 5).join('; ')}`, 'the sample\'s keys and types', answerOf(exchange), { kind: 'schema', operation: reader });
  const problems = side.model.observe(id, actual);
  if (problems.length > 0) fail(`${what}: ${problems.join('; ')}`, describeModelUser(side, id), answerOf(exchange), { kind: 'model-divergence', operation: writer });
}

function describeModelUser(side: ModelSide, id: number): Record<string, unknown> {
  const user = side.model.get(id);
  if (!user) return { id, note: 'no such user in the model' };
  const fields: Record<string, unknown> = { id, userName: user.userName };
  for (const [field, expectation] of Object.entries(user.fields)) {
    if (expectation.kind === 'known') fields[field] = expectation.value;
    else if (expectation.kind === 'one-of') fields[field] = `one of ${JSON.stringify(expectation.values)}`;
  }
  return fields;
}

async function getAndCompare(side: ModelSide, real: RealSide, id: number, writer: Writer, what: string): Promise<void> {
  const exchange = await real.driver.get(id);
  expectAnswer(exchange, 'getUser', [200, 201], `${what}: GET ${userPath(id)}`);
  expectModelUser(side, id, exchange.response.json, 'getUser', writer, `${what}: GET ${userPath(id)}`, exchange);
}

const isClientError = (exchange: Exchange): boolean => exchange.response.status >= 400 && exchange.response.status < 500;

// --- commands ------------------------------------------------------------------------------------
// Commands name the user they act on by position among the sequence's users that qualify (live ones for
// update, never-created ones for create, ...), so that few generated commands are skipped.

type SlotKind = Slot['kind'];

function qualifying(side: Readonly<ModelSide>, kinds: readonly SlotKind[]): number[] {
  return side.slots.flatMap((slot, index) => (kinds.includes(slot.kind) ? [index] : []));
}

/** One of the sequence's users in one of these states, by position (the last one resolved is shown). */
abstract class SlotCommand implements Command {
  readonly pick: number;
  resolved: number | undefined;
  abstract readonly kinds: readonly SlotKind[];
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return qualifying(side, this.kinds).length > 0;
  }
  protected slotOf(side: ModelSide): number {
    const candidates = qualifying(side, this.kinds);
    this.resolved = candidates[this.pick % candidates.length] as number;
    return this.resolved;
  }
  protected get label(): string {
    return this.resolved === undefined ? `pick ${this.pick}` : `#${this.resolved}`;
  }
  abstract run(side: ModelSide, real: RealSide): Promise<void>;
}

/** POST /Users (or /Users/migration) with a name this sequence has not used. */
export class CreateCommand extends SlotCommand {
  override readonly kinds = ['fresh'] as const;
  readonly data: UserData;
  readonly via: 'createUser' | 'migrateUser';
  constructor(pick: number, data: UserData, via: 'createUser' | 'migrateUser') {
    super(pick);
    this.data = data;
    this.via = via;
  }
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = this.slotOf(side);
    const userName = side.names[slot] as string;
    const body = sequenceCreateBody(this.data, userName, real.found);
    const exchange = await real.driver.call(this.via, { body });
    const what = `${this.via === 'createUser' ? 'POST /Users' : 'POST /Users/migration'} ${userName}`;
    expectNoServerError(exchange, this.via, what);
    if (isClientError(exchange) && isUnusual(this.data)) {
      const { users, exchange: listed } = await listUsers(real.driver, `${what}: GET /Users`);
      if (users.some((user) => user['userName'] === userName)) fail(`${what}: refused (4xx) but the user ${userName} exists`, `no user named ${userName}`, answerOf(listed), { kind: 'not-refused', operation: this.via });
      return;
    }
    expectAnswer(exchange, this.via, 201, what);
    const located = await real.driver.locate(exchange, userName, what, this.via);
    if (side.model.has(located.id)) fail(`${what}: the Location names ${userPath(located.id)}, a user that already exists`, 'the location of a new user', answerOf(exchange), { kind: 'other', operation: this.via });
    side.model.add(located.id, userName, givenFields(body).given);
    side.slots[slot] = { kind: 'live', id: located.id, lastWrite: this.via };
    expectModelUser(side, located.id, located.user, 'getUser', this.via, `${what}: GET ${userPath(located.id)} (its Location)`, located.exchange);
  }
  override toString(): string {
    return `${this.via === 'createUser' ? 'create' : 'migrate'}(${this.label}${describeData(this.data) ? `, ${describeData(this.data)}` : ''})`;
  }
}

export class GetCommand extends SlotCommand {
  override readonly kinds = ['live', 'deleted'] as const;
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const index = this.slotOf(side);
    const slot = side.slots[index] as Exclude<Slot, { kind: 'fresh' }>;
    if (slot.kind === 'live') await getAndCompare(side, real, slot.id, slot.lastWrite, `get(#${index})`);
    else await expectGone(real.driver, slot.id, side.names[index] as string, `get(deleted #${index})`);
  }
  override toString(): string {
    return `get(${this.label})`;
  }
}

/** GET /Users lists every user of the model once, as the model has it, and no deleted one. */
export class ListCommand implements Command {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { users, exchange } = await listUsers(real.driver, 'list()');
    for (const [index, slot] of side.slots.entries()) {
      const name = side.names[index] as string;
      if (slot.kind === 'deleted') {
        if (users.some((user) => user['id'] === slot.id && user['userName'] === name)) fail(`list(): lists ${name} (id ${slot.id}), which was deleted`, 'no deleted user', answerOf(exchange), { kind: 'use-after-delete', operation: 'deleteUser' });
        continue;
      }
      if (slot.kind !== 'live') continue;
      const listed = users.filter((candidate) => candidate['id'] === slot.id);
      if (listed.length !== 1) fail(`list(): the user ${name} (id ${slot.id}) is listed ${listed.length} times`, `the user ${slot.id} once`, answerOf(exchange), { kind: 'other', operation: 'listUsers' });
      expectModelUser(side, slot.id, listed[0], 'listUsers', slot.lastWrite, `list(), user ${slot.id}`, exchange);
    }
  }
  toString(): string {
    return 'list()';
  }
}

/** PUT /Users/{id} with some of the fields (values or null). */
export class UpdateCommand extends SlotCommand {
  override readonly kinds = ['live'] as const;
  readonly data: UserData;
  constructor(pick: number, data: UserData) {
    super(pick);
    this.data = data;
  }
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const index = this.slotOf(side);
    const slot = side.slots[index] as { kind: 'live'; id: number; lastWrite: Writer };
    const body = bodyOf(this.data, side.names[index] as string, real.found);
    const exchange = await real.driver.update(slot.id, body);
    const what = `PUT ${userPath(slot.id)}`;
    expectNoServerError(exchange, 'updateUser', what);
    if (isClientError(exchange) && isUnusual(this.data)) {
      // Refused: the user is as the last write left it.
      await getAndCompare(side, real, slot.id, 'updateUser', `${what} was refused (HTTP ${exchange.response.status}), so nothing changed`);
      return;
    }
    expectAnswer(exchange, 'updateUser', 204, what);
    const { given, sent } = givenFields(body);
    side.model.update(slot.id, given, sent);
    side.slots[index] = { ...slot, lastWrite: 'updateUser' };
  }
  override toString(): string {
    return `update(${this.label}${describeData(this.data) ? `, ${describeData(this.data)}` : ', {}'})`;
  }
}

export class DeleteCommand extends SlotCommand {
  override readonly kinds = ['live'] as const;
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const index = this.slotOf(side);
    const { id } = side.slots[index] as { kind: 'live'; id: number };
    expectAnswer(await real.driver.remove(id), 'deleteUser', 204, `DELETE ${userPath(id)}`);
    side.model.remove(id);
    side.slots[index] = { kind: 'deleted', id };
  }
  override toString(): string {
    return `delete(${this.label})`;
  }
}

export type MissingOperation = 'getUser' | 'updateUser' | 'deleteUser';

/** GET, PUT or DELETE of an id a user of this sequence had before it was deleted: 404. */
export class DeletedIdCommand extends SlotCommand {
  override readonly kinds = ['deleted'] as const;
  readonly operation: MissingOperation;
  constructor(pick: number, operation: MissingOperation) {
    super(pick);
    this.operation = operation;
  }
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const index = this.slotOf(side);
    const { id } = side.slots[index] as { kind: 'deleted'; id: number };
    const what = `${this.operation}(deleted #${index}: ${id})`;
    // A server that gives ids again may have given this one to someone else: not ours to write to.
    if ((await expectGone(real.driver, id, side.names[index] as string, what)) === 'reused') return;
    const { driver } = real;
    const exchange = this.operation === 'getUser' ? await driver.get(id) : this.operation === 'updateUser' ? await driver.update(id, { firstName: 'Nobody', jobTitle: 'none' }) : await driver.remove(id);
    expectAnswer(exchange, this.operation, 404, what);
  }
  override toString(): string {
    return `${this.operation}(deleted ${this.label})`;
  }
}

/** GET of an id never given to anyone: 404. (Written to, such an id could be another user's by then.) */
export class NeverGivenIdCommand implements Command {
  check(): boolean {
    return true;
  }
  async run(_side: ModelSide, real: RealSide): Promise<void> {
    expectAnswer(await real.driver.get(real.unusedId), 'getUser', 404, `getUser(an id never given: ${real.unusedId})`);
  }
  toString(): string {
    return 'getUser(never-given id)';
  }
}
