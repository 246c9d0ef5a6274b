// Model-based checks: random sequences of the users operations (create, migrate, get, list, update with
// random subsets of fields including nulls, delete, a second user with the same name, calls on deleted
// and never-existing ids), each run against the target and against model.ts (the documented semantics),
// with generated user data. Every sequence uses fresh run-prefixed user names and deletes what it created
// before the next one starts. A divergence is shrunk to the shortest sequence and reported with curl
// commands and the seed/path that replay it.
//
// A target may refuse data the document does not oblige it to take (unusual text, nulls, empty id lists)
// with a 4xx that changes nothing; never with a 5xx. What it takes it must answer as given: text exactly
// (as Unicode text), id lists as sets, dates as the same instant.
import fc from 'fast-check';
import { defineChecks, type Check, type CheckContext } from '../harness/legacy.ts';
import { HttpClient, type Exchange } from '../harness/http.ts';
import { checkAgainstModel, unusualText } from '../harness/properties.ts';
import {
  CheckmarxDriver,
  answerOf,
  discover,
  emailOf,
  expectNoServerError,
  expectStatus,
  fail,
  isClientError,
  removeOwned,
  strongPassword,
  unusedId,
  userPath,
  userShapeProblems,
  type Directory,
  type Owned,
} from './driver.ts';
import { CheckmarxModel, OPTIONAL_TEXT_FIELDS, type Field, type FieldValues } from './model.ts';

const SLOTS = 4;


type Slot = { kind: 'fresh' } | { kind: 'live'; id: number } | { kind: 'deleted'; id: number };

/** The model side of a sequence: the model, and what each of the sequence's user names has become. */
interface ModelSide {
  model: CheckmarxModel;
  names: readonly string[];
  slots: Slot[];
}

interface RealSide {
  driver: CheckmarxDriver;
  found: Directory;
  /** An id no user has (checked once per check run). */
  unusedId: number;
  /** Users this sequence may have created, for the clean-up. */
  created: Owned[];
}

type Command = fc.AsyncCommand<ModelSide, RealSide>;

// --- generated data ------------------------------------------------------------------------------

type OptionalText = (typeof OPTIONAL_TEXT_FIELDS)[number];

/** The values a user is created or updated with; a key left out is not sent. */
interface UserData {
  firstName?: string;
  lastName?: string;
  /** An email variant: `<name>[.v<n>]@example.com`. */
  emailVariant?: number;
  texts: Partial<Record<OptionalText, string | null>>;
  active?: boolean;
  expirationDate?: string | null;
  allowedIpList?: string[] | null;
  /** How many of the target's roles (from `offset`), or which of its team sets; 0 sends [], null sends null. */
  roles?: { count: number | null; offset: number };
  teams?: { count: number | null; offset: number };
  locale?: boolean;
  /** Create only: false leaves the password out (the document does not say a user needs one). */
  withPassword?: boolean;
}

const PLAIN_NAME = /^[A-Za-z]{1,20}$/;
const PLAIN_TEXT: Record<OptionalText, RegExp> = {
  phoneNumber: /^\+?[0-9]{0,15}$/,
  cellPhoneNumber: /^\+?[0-9]{0,15}$/,
  jobTitle: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
  other: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
  country: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
};
const PLAIN_DATE = /^20[3-9]\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Data the document does not oblige a server to take: a 4xx is then a choice, not a deviation. Plain is
 * what the samples show (letters, digits, "" for the optional texts, [] for allowedIpList), a date-time
 * in UTC, and at least one role and team when the target has them.
 */
function isUnusual(data: UserData): boolean {
  if ([data.firstName, data.lastName].some((name) => name !== undefined && !PLAIN_NAME.test(name))) return true;
  if ((Object.entries(data.texts) as Array<[OptionalText, string | null]>).some(([field, value]) => value === null || !PLAIN_TEXT[field].test(value))) return true;
  if (data.expirationDate !== undefined && (data.expirationDate === null || !PLAIN_DATE.test(data.expirationDate))) return true;
  if (data.allowedIpList === null || data.withPassword === false) return true;
  return [data.roles, data.teams].some((pick) => pick !== undefined && (pick.count === null || pick.count === 0));
}

/** The request body for this data (the target's own role, team, provider and locale ids). */
function bodyOf(data: UserData, userName: string, found: Directory): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (data.firstName !== undefined) body['firstName'] = data.firstName;
  if (data.lastName !== undefined) body['lastName'] = data.lastName;
  if (data.emailVariant !== undefined) body['email'] = emailOf(userName, data.emailVariant);
  Object.assign(body, data.texts);
  if (data.active !== undefined) body['active'] = data.active;
  if (data.expirationDate !== undefined) body['expirationDate'] = data.expirationDate;
  if (data.allowedIpList !== undefined) body['allowedIpList'] = data.allowedIpList;
  const pick = (pool: number[], choice: { count: number | null; offset: number }): number[] | null =>
    choice.count === null ? null : Array.from({ length: Math.min(choice.count, pool.length) }, (_, index) => pool[(choice.offset + index) % pool.length] as number);
  if (data.roles !== undefined && found.roles.length > 0) body['roleIds'] = pick(found.roles, data.roles);
  if (data.teams !== undefined && found.teamSets.length > 0) {
    const { count, offset } = data.teams;
    body['teamIds'] = count === null ? null : count === 0 ? [] : found.teamSets[offset % found.teamSets.length];
  }
  if (data.locale && found.localeId !== undefined) body['localeId'] = found.localeId;
  return body;
}

/** A create body: username, email, password, the four fields every user has, the provider. */
function createBody(data: UserData, userName: string, found: Directory): Record<string, unknown> {
  return {
    username: userName,
    ...(data.withPassword === false ? {} : { password: strongPassword() }),
    email: emailOf(userName),
    firstName: 'Bob',
    lastName: 'B',
    ...(found.providerId !== undefined ? { authenticationProviderId: found.providerId } : {}),
    ...bodyOf(data, userName, found),
  };
}

/** The body's user fields as the model reads them (the fields it sent, nulls included). */
function givenFields(body: Record<string, unknown>): { given: FieldValues; sent: Field[] } {
  const given: FieldValues = {};
  const sent: Field[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'username' || key === 'password' || key === 'creationDate') continue;
    given[key as Field] = value;
    sent.push(key as Field);
  }
  return { given, sent };
}

function describeData(data: UserData): string {
  const show = (value: unknown): string => {
    const json = JSON.stringify(value) ?? 'undefined';
    return json.length > 34 ? `${json.slice(0, 30)}…"(${typeof value === 'string' ? value.length : json.length})` : json;
  };
  const parts: string[] = [];
  if (data.firstName !== undefined) parts.push(`firstName=${show(data.firstName)}`);
  if (data.lastName !== undefined) parts.push(`lastName=${show(data.lastName)}`);
  if (data.emailVariant !== undefined) parts.push(`email v${data.emailVariant}`);
  for (const [field, value] of Object.entries(data.texts)) parts.push(`${field}=${show(value)}`);
  if (data.active !== undefined) parts.push(`active=${data.active}`);
  if (data.expirationDate !== undefined) parts.push(`expirationDate=${show(data.expirationDate)}`);
  if (data.allowedIpList !== undefined) parts.push(`allowedIpList=${show(data.allowedIpList)}`);
  if (data.roles !== undefined) parts.push(`roles=${data.roles.count === null ? 'null' : `${data.roles.count}@${data.roles.offset}`}`);
  if (data.teams !== undefined) parts.push(`teams=${data.teams.count === null ? 'null' : `set ${data.teams.offset}`}`);
  if (data.locale) parts.push('localeId');
  if (data.withPassword === false) parts.push('no password');
  return parts.join(', ');
}

// --- shared steps --------------------------------------------------------------------------------

/** The user as the target answers it matches the model (shape first), and what was open is learned. */
function expectModelUser(side: ModelSide, id: number, actual: unknown, what: string, exchange: Exchange): void {
  const shape = userShapeProblems(actual);
  if (shape.length > 0) fail(`${what}: the user does not have the documented fields and types: ${shape.slice(0, 5).join('; ')}`, 'the sample\'s keys and types', answerOf(exchange));
  const problems = side.model.observe(id, actual);
  if (problems.length > 0) fail(`${what}: ${problems.join('; ')}`, describeModelUser(side, id), answerOf(exchange));
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

async function getAndCompare(side: ModelSide, real: RealSide, id: number, what: string): Promise<void> {
  const exchange = await real.driver.get(id);
  expectStatus(exchange, [200, 201], `${what}: GET ${userPath(id)}`);
  expectModelUser(side, id, exchange.response.json, `${what}: GET ${userPath(id)}`, exchange);
}

/** After DELETE: 404, or (a server that gives ids again) a user that is not the deleted one. */
async function expectGone(real: RealSide, id: number, userName: string, what: string): Promise<'gone' | 'reused'> {
  const exchange = await real.driver.get(id);
  if (exchange.response.status === 404) return 'gone';
  const user = exchange.response.json as { userName?: unknown } | undefined;
  if ((exchange.response.status === 200 || exchange.response.status === 201) && user?.userName !== userName) return 'reused';
  fail(`${what}: GET ${userPath(id)} answers HTTP ${exchange.response.status} for the deleted user ${userName}`, 'HTTP 404 (User not found)', answerOf(exchange));
}

/** After a refused create: no user with that name. */
async function expectNotCreated(real: RealSide, userName: string, what: string): Promise<void> {
  const { users, exchange } = await real.driver.listUsers(`${what}: GET /Users`);
  if (users.some((user) => user['userName'] === userName)) fail(`${what}: refused (4xx) but the user ${userName} exists`, `no user named ${userName}`, answerOf(exchange));
}

// --- commands: one small class per operation -----------------------------------------------------
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
class CreateCommand extends SlotCommand {
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
    const body = createBody(this.data, userName, real.found);
    const owned: Owned = { userName, id: undefined };
    real.created.push(owned);
    const exchange = await real.driver.call(this.via, { body });
    const what = `${this.via === 'createUser' ? 'POST /Users' : 'POST /Users/migration'} ${userName}`;
    expectNoServerError(exchange, what);
    if (isClientError(exchange) && isUnusual(this.data)) {
      await expectNotCreated(real, userName, what);
      return;
    }
    expectStatus(exchange, 201, what);
    const located = await real.driver.locate(exchange, userName, what);
    owned.id = located.id;
    if (side.model.has(located.id)) fail(`${what}: the Location names ${userPath(located.id)}, a user that already exists`, 'the location of a new user', answerOf(exchange));
    side.model.add(located.id, userName, givenFields(body).given);
    side.slots[slot] = { kind: 'live', id: located.id };
    expectModelUser(side, located.id, located.user, `${what}: GET ${userPath(located.id)} (its Location)`, located.exchange);
  }
  override toString(): string {
    return `${this.via === 'createUser' ? 'create' : 'migrate'}(${this.label}${describeData(this.data) ? `, ${describeData(this.data)}` : ''})`;
  }
}

/** POST /Users with the name of a user that exists: refused (a SHOULD elsewhere) or a second user. */
class DuplicateCommand extends SlotCommand {
  override readonly kinds = ['live'] as const;
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = this.slotOf(side);
    const existing = side.slots[slot] as { kind: 'live'; id: number };
    const userName = side.names[slot] as string;
    const body = { ...createBody({ texts: {} }, userName, real.found), email: emailOf(userName, 9), firstName: 'Second' };
    const owned: Owned = { userName, id: undefined };
    const exchange = await real.driver.create(body);
    const what = `POST /Users ${userName} again`;
    expectNoServerError(exchange, what);
    if (isClientError(exchange)) return;
    expectStatus(exchange, 201, `${what} (a 4xx refusal or a 201 for a second user)`);
    real.created.push(owned);
    const located = await real.driver.locate(exchange, userName, what);
    if (located.id === existing.id || side.model.has(located.id)) fail(`${what}: 201 with the Location of the existing user ${userPath(located.id)}`, 'a refusal (4xx), or a new user with a new id', answerOf(exchange));
    owned.id = located.id;
    side.model.add(located.id, userName, givenFields(body).given);
    expectModelUser(side, located.id, located.user, `${what}: GET ${userPath(located.id)}`, located.exchange);
  }
  override toString(): string {
    return `createAgain(${this.label})`;
  }
}

class GetCommand extends SlotCommand {
  override readonly kinds = ['live', 'deleted'] as const;
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const index = this.slotOf(side);
    const slot = side.slots[index] as Exclude<Slot, { kind: 'fresh' }>;
    if (slot.kind === 'live') await getAndCompare(side, real, slot.id, `get(#${index})`);
    else await expectGone(real, slot.id, side.names[index] as string, `get(deleted #${index})`);
  }
  override toString(): string {
    return `get(${this.label})`;
  }
}

/** GET /Users lists every user of the model once, as the model has it, and no deleted one. */
class ListCommand implements Command {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { users, exchange } = await real.driver.listUsers('list()');
    for (const user of side.model.all()) {
      const listed = users.filter((candidate) => candidate['id'] === user.id);
      if (listed.length !== 1) fail(`list(): the user ${user.userName} (id ${user.id}) is listed ${listed.length} times`, `the user ${user.id} once`, answerOf(exchange));
      expectModelUser(side, user.id, listed[0], `list(), user ${user.id}`, exchange);
    }
    for (const [index, slot] of side.slots.entries()) {
      if (slot.kind !== 'deleted') continue;
      const name = side.names[index] as string;
      if (users.some((user) => user['id'] === slot.id && user['userName'] === name)) fail(`list(): lists ${name} (id ${slot.id}), which was deleted`, 'no deleted user', answerOf(exchange));
    }
  }
  toString(): string {
    return 'list()';
  }
}

/** PUT /Users/{id} with some of the fields (values or null). */
class UpdateCommand extends SlotCommand {
  override readonly kinds = ['live'] as const;
  readonly data: UserData;
  constructor(pick: number, data: UserData) {
    super(pick);
    this.data = data;
  }
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = this.slotOf(side);
    const { id } = side.slots[slot] as { kind: 'live'; id: number };
    const body = bodyOf(this.data, side.names[slot] as string, real.found);
    const exchange = await real.driver.update(id, body);
    const what = `PUT ${userPath(id)}`;
    expectNoServerError(exchange, what);
    if (isClientError(exchange) && isUnusual(this.data)) {
      await getAndCompare(side, real, id, `${what} was refused (HTTP ${exchange.response.status}), so nothing changed`);
      return;
    }
    expectStatus(exchange, 204, what);
    const { given, sent } = givenFields(body);
    side.model.update(id, given, sent);
  }
  override toString(): string {
    return `update(${this.label}${describeData(this.data) ? `, ${describeData(this.data)}` : ', {}'})`;
  }
}

class DeleteCommand extends SlotCommand {
  override readonly kinds = ['live'] as const;
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = this.slotOf(side);
    const { id } = side.slots[slot] as { kind: 'live'; id: number };
    expectStatus(await real.driver.remove(id), 204, `DELETE ${userPath(id)}`);
    side.model.remove(id);
    side.slots[slot] = { kind: 'deleted', id };
  }
  override toString(): string {
    return `delete(${this.label})`;
  }
}

type MissingOperation = 'getUser' | 'updateUser' | 'deleteUser';

/** GET, PUT or DELETE of an id a user of this sequence had before it was deleted. */
class DeletedIdCommand extends SlotCommand {
  override readonly kinds = ['deleted'] as const;
  readonly operation: MissingOperation;
  constructor(pick: number, operation: MissingOperation) {
    super(pick);
    this.operation = operation;
  }
  override async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = this.slotOf(side);
    const { id } = side.slots[slot] as { kind: 'deleted'; id: number };
    const what = `${this.operation}(deleted #${slot}: ${id})`;
    // A server that gives ids again may have given this one to someone else: not ours to write to.
    if ((await expectGone(real, id, side.names[slot] as string, what)) === 'reused') return;
    await expectNotFound(real, this.operation, id, what);
  }
  override toString(): string {
    return `${this.operation}(deleted ${this.label})`;
  }
}

/** GET, PUT or DELETE of an id never given to anyone. */
class NeverGivenIdCommand implements Command {
  readonly operation: MissingOperation;
  constructor(operation: MissingOperation) {
    this.operation = operation;
  }
  check(): boolean {
    return true;
  }
  async run(_side: ModelSide, real: RealSide): Promise<void> {
    await expectNotFound(real, this.operation, real.unusedId, `${this.operation}(an id never given: ${real.unusedId})`);
  }
  toString(): string {
    return `${this.operation}(never-given id)`;
  }
}

async function expectNotFound(real: RealSide, operation: MissingOperation, id: number, what: string): Promise<void> {
  const exchange = operation === 'getUser' ? await real.driver.get(id) : operation === 'updateUser' ? await real.driver.update(id, { firstName: 'Nobody', jobTitle: 'none' }) : await real.driver.remove(id);
  expectStatus(exchange, 404, what);
}

// --- arbitraries ---------------------------------------------------------------------------------

const pick = fc.nat(SLOTS - 1);

const plainName = fc.oneof(fc.constantFrom('Inbal', 'Mon', 'Marci', 'Mar', 'Bob', 'B', 'Bobby', 'Carol', 'C', 'Ada'), fc.stringMatching(/^[A-Z][a-z]{0,11}$/));
const plainTexts: Record<OptionalText, fc.Arbitrary<string>> = {
  phoneNumber: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{7,12}$/)),
  cellPhoneNumber: fc.oneof(fc.constant(''), fc.stringMatching(/^\+[0-9]{8,12}$/)),
  jobTitle: fc.constantFrom('', 'Admin', 'Developer', 'Team Lead', 'QA'),
  other: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z]{1,12}$/)),
  country: fc.constantFrom('', 'Algeria', 'Israel', 'Germany', 'Japan', 'United States'),
};
const futureDate = fc
  .date({ min: new Date('2030-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => `${date.toISOString().slice(0, 19)}Z`);
const ipList = fc.constantFrom<string[]>([], ['10.0.0.1'], ['192.168.1.20', '203.0.113.7']);
const idPick = (withNull: boolean): fc.Arbitrary<{ count: number | null; offset: number }> =>
  fc.record({ count: withNull ? fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(null) }) : fc.integer({ min: 1, max: 3 }), offset: fc.nat(5) });

const edgeText = unusualText();
const edgeDate = fc.oneof(
  futureDate,
  fc.tuple(futureDate, fc.constantFrom('+05:30', '-08:00', '+00:00')).map(([date, offset]) => `${date.slice(0, 19)}${offset}`),
  fc.constantFrom('2030-02-28T23:59:59Z', '2096-02-29T12:00:00Z', '2038-01-19T03:14:08Z'),
);

type Optionality = 'create' | 'update';

/** Lifecycle data: plain values; on update, random subsets of fields, optional ones sometimes null. */
function plainData(mode: Optionality): fc.Arbitrary<UserData> {
  const maybeNull = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => (mode === 'update' ? fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }) : arbitrary);
  return fc.record(
    {
      firstName: plainName,
      lastName: plainName,
      emailVariant: fc.integer({ min: 0, max: 3 }),
      texts: fc.record(
        {
          phoneNumber: maybeNull(plainTexts.phoneNumber),
          cellPhoneNumber: maybeNull(plainTexts.cellPhoneNumber),
          jobTitle: maybeNull(plainTexts.jobTitle),
          other: maybeNull(plainTexts.other),
          country: maybeNull(plainTexts.country),
        },
        { requiredKeys: [] },
      ),
      active: fc.boolean(),
      expirationDate: maybeNull(futureDate),
      allowedIpList: maybeNull(ipList),
      roles: idPick(mode === 'update'),
      teams: idPick(mode === 'update'),
      locale: fc.boolean(),
      ...(mode === 'create' ? { withPassword: fc.boolean() } : {}),
    },
    { requiredKeys: ['texts'] },
  );
}

/** Edge data for the text fields (and dates with offsets), the rest left out. */
function edgeData(): fc.Arbitrary<UserData> {
  return fc.record(
    {
      firstName: edgeText,
      lastName: edgeText,
      texts: fc.record({ phoneNumber: edgeText, cellPhoneNumber: edgeText, jobTitle: edgeText, other: edgeText, country: edgeText }, { requiredKeys: [] }),
      expirationDate: edgeDate,
    },
    { requiredKeys: ['texts'] },
  );
}

function lifecycleCommands(): Array<fc.Arbitrary<Command>> {
  const operation = fc.constantFrom<MissingOperation>('getUser', 'updateUser', 'deleteUser');
  return [
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(pick, plainData('create'), fc.constantFrom<'createUser' | 'migrateUser'>('createUser', 'createUser', 'migrateUser')).map(([target, data, via]): Command => new CreateCommand(target, data, via)) },
      { weight: 1, arbitrary: pick.map((target): Command => new DuplicateCommand(target)) },
      { weight: 3, arbitrary: pick.map((target): Command => new GetCommand(target)) },
      { weight: 1, arbitrary: fc.constant<Command>(new ListCommand()) },
      { weight: 4, arbitrary: fc.tuple(pick, plainData('update')).map(([target, data]): Command => new UpdateCommand(target, data)) },
      { weight: 2, arbitrary: pick.map((target): Command => new DeleteCommand(target)) },
      { weight: 1, arbitrary: fc.tuple(pick, operation).map(([target, op]): Command => new DeletedIdCommand(target, op)) },
      { weight: 1, arbitrary: operation.map((op): Command => new NeverGivenIdCommand(op)) },
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

// --- running sequences ---------------------------------------------------------------------------

/** Runs the commands against the target and the model; each sequence cleans up after the previous one. */
async function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<Command>>, maxCommands: number): Promise<void> {
  const { config } = context;
  const found = await discover(config);
  // Clean-up requests are not part of any sequence's reproduction.
  const cleaner = new CheckmarxDriver(new HttpClient(config), config);
  const { users } = await cleaner.listUsers('GET /Users (to pick an id no user has)');
  const neverGiven = unusedId(users);
  let pending: Owned[] = [];
  const cleanUp = async (): Promise<void> => {
    const created = pending;
    pending = [];
    for (const owned of created) await removeOwned(cleaner, owned).catch(() => undefined);
  };
  context.onCleanup(cleanUp);
  await checkAgainstModel<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    setup: async (http) => {
      await cleanUp();
      const names = Array.from({ length: SLOTS }, (_, index) => context.uniqueName(`s${index}`));
      const created: Owned[] = [];
      pending = created;
      return {
        model: { model: new CheckmarxModel(), names, slots: names.map((): Slot => ({ kind: 'fresh' })) },
        real: { driver: new CheckmarxDriver(http, config), found, unusedId: neverGiven, created },
      };
    },
  });
}

const WRITE = ['write'] as Check['requires'];

export const propertyChecks: Check[] = defineChecks([
  {
    id: 'checkmarx/properties/lifecycle-matches-model',
    api: 'checkmarx',
    family: 'properties',
    level: 'MUST',
    title: 'Random sequences of create, migrate, get, list, update (random fields, nulls), delete, a second user with the same name and calls on deleted or never-given ids behave as documented',
    doc: { source: 'document', section: 'Access Control (REST) API - Users', quote: 'This section includes REST APIs for working with Access Control User tasks.' },
    requires: WRITE,
    run: (context) => runSequences(context, lifecycleCommands(), 20),
  },
  {
    id: 'checkmarx/properties/edge-case-data-round-trips',
    api: 'checkmarx',
    family: 'properties',
    level: 'MUST',
    title: 'Unicode, long, empty and special-character texts and dates with offsets are either refused with a 4xx or stored and answered exactly',
    doc: { source: 'document', section: 'Access Control (REST) API - Users > Create New User - POST /Users > Parameters', quote: 'firstName=[string] -User first name' },
    requires: WRITE,
    run: (context) => runSequences(context, edgeDataCommands(), 12),
  },
]);
