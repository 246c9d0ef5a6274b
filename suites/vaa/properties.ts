// Model-based checks: random sequences of the users operations, each run against the target and against
// model.ts (the documented semantics), with generated user data. Every sequence uses fresh run-prefixed
// userIds and emails, and deletes what it created before the next one starts. A divergence is shrunk
// to the shortest sequence and reported with curl commands and the seed/path that replay it.
import fc from 'fast-check';
import { defineChecks, type Check, type CheckContext } from '../harness/legacy.ts';
import { HttpClient, type Exchange } from '../harness/http.ts';
import { STRONG_PASSWORD, checkAgainstModel, strongPasswords, unusualText } from '../harness/properties.ts';
import type { User } from '../../specs/types/vaa.ts';
import { ANSWERS, VaaDriver, answerOf, expectAnswer, expectNoServerError, fail, userMismatches, type VaaOperation } from './driver.ts';
import { VaaModel, expectedFields, type ModelUser, type UserStatus } from './model.ts';

const SLOTS = 3;

// fast-check's default size gives sequences of about five commands, many of them refused by their
// preconditions at the start of a sequence; medium makes each sequence long enough to say something.

/** The model side of a sequence: the model, and the userIds this sequence uses (slot -> userId). */
interface ModelSide {
  model: VaaModel;
  names: readonly string[];
}

interface RealSide {
  driver: VaaDriver;
  names: readonly string[];
  customerIds: readonly string[];
  /** userIds this sequence wrote to, for the clean-up. */
  touched: Set<string>;
}

type VaaCommand = fc.AsyncCommand<ModelSide, RealSide>;

// --- generated data ------------------------------------------------------------------------------

/** Ordinary names; those matching PLAIN must be taken as they are (the document's users have "Bob", "Smith", ""). */
const plainText = fc.oneof(
  fc.constantFrom('', 'Bob', 'Smith', 'TFirst', 'TLast', 'Firstname Changed', 'Last Name changed', "O'Brien", 'Jean-Luc', 'Mary Ann'),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
);

/** Letters, digits and single inner spaces, as in the document's own names ("Firstname Changed", ""). */
const PLAIN = /^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*)?$/;

const edgeText = unusualText(plainText);

/** Data the document does not oblige a server to take: a 4xx is then a choice, not a deviation. */
function isUnusual(data: UserData): boolean {
  const names = [data.firstName, data.lastName].some((value) => value !== undefined && !PLAIN.test(value));
  return names || (data.password !== undefined && !STRONG_PASSWORD.test(data.password));
}

function show(value: string | undefined): string {
  if (value === undefined) return '-';
  const json = JSON.stringify(value);
  return json.length > 42 ? `${json.slice(0, 38)}…"(${value.length})` : json;
}

// --- shared steps --------------------------------------------------------------------------------

function emailOf(names: readonly string[], slot: number, variant = 0): string {
  return variant === 0 ? `${names[slot]}@example.com` : `${names[slot]}.v${variant}@example.com`;
}

/** The user's fields as the answer shows them match the model (what is not known yet is learned). */
function expectModelUser(model: VaaModel, userId: string, actual: unknown, what: string, exchange: Exchange): void {
  const expected = model.get(userId);
  if (!expected) fail(`${what}: the model has no user ${userId}`, 'a known user', answerOf(exchange));
  const mismatches = userMismatches(actual, expectedFields(expected));
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expectedFields(expected), answerOf(exchange));
  model.learn(userId, actual as Record<string, unknown>);
}

/** After a refusal, GET ?userId= shows the user exactly as the model has it (or no user). */
async function expectUnchanged(model: VaaModel, real: RealSide, userId: string, what: string): Promise<void> {
  const exchange = await real.driver.list({ userId });
  const stored = model.get(userId);
  if (!stored) {
    await expectAnswer(exchange, 'listUsers', `${what}: GET ?userId=${userId} (no such user expected)`, ANSWERS.notFound);
    return;
  }
  const envelope = await expectAnswer(exchange, 'listUsers', `${what}: GET ?userId=${userId}`, ANSWERS.listed);
  const users = envelope.data as User[];
  if (users.length !== 1) fail(`${what}: GET ?userId=${userId} answers ${users.length} users`, [expectedFields(stored)], answerOf(exchange));
  expectModelUser(model, userId, users[0], `${what}: GET ?userId=${userId}`, exchange);
}

/** A refusal of data the document does not require a server to take: a 4xx that changes nothing. */
async function expectRefusalChangedNothing(exchange: Exchange, model: VaaModel, real: RealSide, userId: string, what: string): Promise<void> {
  expectNoServerError(exchange, what);
  await expectUnchanged(model, real, userId, `${what} was refused (HTTP ${exchange.response.status})`);
}

function isClientError(exchange: Exchange): boolean {
  return exchange.response.status >= 400 && exchange.response.status < 500;
}

// --- commands: one small class per operation -----------------------------------------------------

interface UserData {
  firstName?: string | undefined;
  lastName?: string | undefined;
  password?: string | undefined;
  /** Index into the run's customer ids. */
  customer?: number | undefined;
}

function describeData(data: UserData): string {
  return [
    data.firstName !== undefined ? `firstName=${show(data.firstName)}` : '',
    data.lastName !== undefined ? `lastName=${show(data.lastName)}` : '',
    data.password !== undefined ? `password=${show(data.password)}` : '',
    data.customer !== undefined ? `customer#${data.customer}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function bodyFields(data: UserData, real: RealSide): Record<string, string> {
  const fields: Record<string, string> = {};
  if (data.firstName !== undefined) fields['firstName'] = data.firstName;
  if (data.lastName !== undefined) fields['lastName'] = data.lastName;
  if (data.password !== undefined) fields['password'] = data.password;
  if (data.customer !== undefined) fields['customerId'] = real.customerIds[data.customer] as string;
  return fields;
}

/** POST a new user (a slot never used in this sequence). */
class CreateCommand implements VaaCommand {
  readonly slot: number;
  readonly sharedEmailWith: number | undefined;
  readonly data: UserData;
  constructor(slot: number, sharedEmailWith: number | undefined, data: UserData) {
    this.slot = slot;
    this.sharedEmailWith = sharedEmailWith;
    this.data = data;
  }
  check(side: Readonly<ModelSide>): boolean {
    return !side.model.wasEverAdded(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const shared = this.sharedEmailWith !== undefined ? side.model.get(side.names[this.sharedEmailWith] as string)?.email : undefined;
    const email = shared ?? emailOf(side.names, this.slot);
    const body = { userId, email, ...bodyFields(this.data, real) };
    real.touched.add(userId);
    const exchange = await real.driver.create(body);
    const what = `POST ${userId}`;
    // The document sets no limits and says nothing of two users sharing an email: a 4xx is a choice.
    if (isClientError(exchange) && (shared !== undefined || isUnusual(this.data))) {
      await expectRefusalChangedNothing(exchange, side.model, real, userId, what);
      return;
    }
    const envelope = await expectAnswer(exchange, 'createUser', what, ANSWERS.created);
    const data = envelope.data as unknown[];
    if (data.length !== 1) fail(`${what}: "data" holds ${data.length} users`, '"data":[{...the added user}]', answerOf(exchange));
    side.model.add({ userId, email, ...(this.data.firstName !== undefined ? { firstName: this.data.firstName } : {}), ...(this.data.lastName !== undefined ? { lastName: this.data.lastName } : {}), ...(this.data.customer !== undefined ? { customerId: real.customerIds[this.data.customer] as string } : {}) });
    // post-output-customer-id-null: the POST answer may show null for a customerId that was sent.
    const added = data[0] as Record<string, unknown>;
    const answerView = this.data.customer !== undefined && added['customerId'] === null ? { ...added, customerId: real.customerIds[this.data.customer] } : added;
    expectModelUser(side.model, userId, answerView, what, exchange);
  }
  toString(): string {
    return `create(#${this.slot}${this.sharedEmailWith !== undefined ? `, email of #${this.sharedEmailWith}` : ''}${describeData(this.data) ? `, ${describeData(this.data)}` : ''})`;
  }
}

/** POST a userId that exists: "User already exists.", and the user is unchanged. */
class DuplicateCreateCommand implements VaaCommand {
  readonly slot: number;
  readonly data: UserData;
  constructor(slot: number, data: UserData) {
    this.slot = slot;
    this.data = data;
  }
  check(side: Readonly<ModelSide>): boolean {
    return side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const existing = side.model.get(userId) as ModelUser;
    const exchange = await real.driver.create({ userId, email: existing.email, ...bodyFields(this.data, real) });
    await expectAnswer(exchange, 'createUser', `POST ${userId} again`, ANSWERS.exists);
    await expectUnchanged(side.model, real, userId, `POST ${userId} again`);
  }
  toString(): string {
    return `createAgain(#${this.slot}${describeData(this.data) ? `, ${describeData(this.data)}` : ''})`;
  }
}

type EmailChange = { kind: 'keep' } | { kind: 'new'; variant: number } | { kind: 'shared'; slot: number };

/** PUT some of the fields (email is required, so it is either kept, changed, or another user's). */
class UpdateCommand implements VaaCommand {
  readonly slot: number;
  readonly emailChange: EmailChange;
  readonly data: UserData;
  readonly placeholderId: boolean;
  constructor(slot: number, emailChange: EmailChange, data: UserData, placeholderId: boolean) {
    this.slot = slot;
    this.emailChange = emailChange;
    this.data = data;
    this.placeholderId = placeholderId;
  }
  check(side: Readonly<ModelSide>): boolean {
    return side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const existing = side.model.get(userId) as ModelUser;
    const sharedEmail = this.emailChange.kind === 'shared' ? side.model.get(side.names[this.emailChange.slot] as string)?.email : undefined;
    const email = this.emailChange.kind === 'new' ? emailOf(side.names, this.slot, this.emailChange.variant) : (sharedEmail ?? existing.email);
    const body = { ...(this.placeholderId ? { id: 'xxxxxxxxxxxxxxxxx' } : {}), userId, email, ...bodyFields(this.data, real) };
    real.touched.add(userId);
    const exchange = await real.driver.update(body);
    const what = `PUT ${userId}`;
    if (isClientError(exchange) && ((sharedEmail !== undefined && sharedEmail !== existing.email) || isUnusual(this.data))) {
      await expectRefusalChangedNothing(exchange, side.model, real, userId, what);
      return;
    }
    const envelope = await expectAnswer(exchange, 'updateUser', what, ANSWERS.modified);
    side.model.modify({ userId, email, ...(this.data.firstName !== undefined ? { firstName: this.data.firstName } : {}), ...(this.data.lastName !== undefined ? { lastName: this.data.lastName } : {}), ...(this.data.customer !== undefined ? { customerId: real.customerIds[this.data.customer] as string } : {}) });
    expectModelUser(side.model, userId, envelope.data, what, exchange);
  }
  toString(): string {
    const email = this.emailChange.kind === 'keep' ? 'same email' : this.emailChange.kind === 'new' ? `new email v${this.emailChange.variant}` : `email of #${this.emailChange.slot}`;
    return `update(#${this.slot}, ${email}${this.placeholderId ? ', id placeholder' : ''}${describeData(this.data) ? `, ${describeData(this.data)}` : ''})`;
  }
}

/** PUT /deactivate or /reactivate: only `status` changes. */
class SetStatusCommand implements VaaCommand {
  readonly slot: number;
  readonly status: UserStatus;
  constructor(slot: number, status: UserStatus) {
    this.slot = slot;
    this.status = status;
  }
  check(side: Readonly<ModelSide>): boolean {
    return side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const existing = side.model.get(userId) as ModelUser;
    const operation: VaaOperation = this.status === 'inactive' ? 'deactivateUser' : 'reactivateUser';
    const exchange = await real.driver.call(operation, { userId, email: existing.email });
    const what = `PUT /${this.status === 'inactive' ? 'deactivate' : 'reactivate'} ${userId}`;
    // Deactivating an inactive user (or reactivating an active one) is not shown: an error is a choice.
    if (existing.status === this.status && isClientError(exchange)) {
      await expectRefusalChangedNothing(exchange, side.model, real, userId, what);
      return;
    }
    const envelope = await expectAnswer(exchange, operation, what, ANSWERS.modified);
    side.model.setStatus(userId, this.status);
    expectModelUser(side.model, userId, envelope.data, what, exchange);
  }
  toString(): string {
    return `${this.status === 'inactive' ? 'deactivate' : 'reactivate'}(#${this.slot})`;
  }
}

/** DELETE with the add-file shape or the modify-shaped inline body (placeholder id, another email). */
class DeleteCommand implements VaaCommand {
  readonly slot: number;
  readonly modifyShaped: boolean;
  constructor(slot: number, modifyShaped: boolean) {
    this.slot = slot;
    this.modifyShaped = modifyShaped;
  }
  check(side: Readonly<ModelSide>): boolean {
    return side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const existing = side.model.get(userId) as ModelUser;
    const body = this.modifyShaped ? { id: 'xxxxxxxxxxxxxxxxx', userId, email: `${userId}@changed.example.com`, lastName: 'Last Name changed' } : { userId, email: existing.email };
    await expectAnswer(await real.driver.remove(body), 'deleteUser', `DELETE ${userId}`, ANSWERS.deleted);
    side.model.remove(userId);
  }
  toString(): string {
    return `delete(#${this.slot}${this.modifyShaped ? ', modify-shaped body' : ''})`;
  }
}

/** PUT, deactivate, reactivate or DELETE of a user that does not exist (never created, or deleted). */
class MissingUserCommand implements VaaCommand {
  readonly slot: number;
  readonly operation: 'updateUser' | 'deactivateUser' | 'reactivateUser' | 'deleteUser';
  constructor(slot: number, operation: 'updateUser' | 'deactivateUser' | 'reactivateUser' | 'deleteUser') {
    this.slot = slot;
    this.operation = operation;
  }
  check(side: Readonly<ModelSide>): boolean {
    return !side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    real.touched.add(userId);
    const exchange = await real.driver.call(this.operation, { userId, email: emailOf(side.names, this.slot), firstName: 'Firstname Changed' });
    const what = `${this.operation} of the missing user ${userId}`;
    if (this.operation === 'deleteUser') {
      await expectAnswer(exchange, 'deleteUser', what, ANSWERS.invalidUser);
      return;
    }
    // "An error will be returned if the user does not exist": which error is the spec's reading (SHOULD).
    if (!isClientError(exchange)) fail(`${what}: HTTP ${exchange.response.status}, the document promises an error`, 'a 4xx (HTTP 404 "Invalid user" by the spec\'s reading)', answerOf(exchange));
    await expectUnchanged(side.model, real, userId, what);
  }
  toString(): string {
    return `${this.operation}(missing #${this.slot})`;
  }
}

class ListByUserIdCommand implements VaaCommand {
  readonly slot: number;
  constructor(slot: number) {
    this.slot = slot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    await expectUnchanged(side.model, real, side.names[this.slot] as string, 'list by userId');
  }
  toString(): string {
    return `listByUserId(#${this.slot})`;
  }
}

/** The users of an answer that this sequence knows, and the check that each matches the model. */
function expectListedUsers(model: VaaModel, users: User[], expected: ModelUser[], what: string, exchange: Exchange): void {
  for (const user of expected) {
    const listed = users.filter((candidate) => candidate.userId === user.userId);
    if (listed.length !== 1) fail(`${what}: the user ${user.userId} appears ${listed.length} times`, `the user ${user.userId} once`, answerOf(exchange));
    expectModelUser(model, user.userId, listed[0], `${what}, user ${user.userId}`, exchange);
  }
}

class ListByEmailCommand implements VaaCommand {
  readonly slot: number;
  constructor(slot: number) {
    this.slot = slot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const email = side.model.get(side.names[this.slot] as string)?.email ?? emailOf(side.names, this.slot);
    const expected = side.model.withEmail(email);
    const exchange = await real.driver.list({ email });
    const what = `GET ?email=${email}`;
    if (expected.length === 0) {
      await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound);
      return;
    }
    const envelope = await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed);
    const users = envelope.data as User[];
    const others = users.filter((user) => user.email !== email);
    if (others.length > 0) fail(`${what}: answers users with another email (${others.slice(0, 3).map((user) => user.userId).join(', ')})`, expected.map(expectedFields), answerOf(exchange));
    if (users.length !== expected.length) fail(`${what}: answers ${users.length} users, the model has ${expected.length}`, expected.map(expectedFields), answerOf(exchange));
    expectListedUsers(side.model, users, expected, what, exchange);
  }
  toString(): string {
    return `listByEmail(#${this.slot})`;
  }
}

/** GET without a filter lists every user of the model, and none of the sequence's deleted users. */
class ListAllCommand implements VaaCommand {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const expected = side.model.all();
    const exchange = await real.driver.list();
    const what = 'GET /api/v2/users';
    // An empty unfiltered list is not shown by the document: either answer is a choice.
    if (expected.length === 0 && exchange.response.status === 400) {
      await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound);
      return;
    }
    const envelope = await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed);
    const users = envelope.data as User[];
    expectListedUsers(side.model, users, expected, what, exchange);
    const gone = users.filter((user) => side.names.includes(user.userId) && !side.model.has(user.userId));
    if (gone.length > 0) fail(`${what}: lists ${gone.map((user) => user.userId).join(', ')}, which ${gone.length === 1 ? 'was' : 'were'} deleted or never created`, 'no deleted user', answerOf(exchange));
  }
  toString(): string {
    return 'listAll()';
  }
}

/** GET ?userId=A&email=B: how the two combine is open, but every user answered matches one of them. */
class ListBothCommand implements VaaCommand {
  readonly userSlot: number;
  readonly emailSlot: number;
  constructor(userSlot: number, emailSlot: number) {
    this.userSlot = userSlot;
    this.emailSlot = emailSlot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.userSlot] as string;
    const email = side.model.get(side.names[this.emailSlot] as string)?.email ?? emailOf(side.names, this.emailSlot);
    const exchange = await real.driver.list({ userId, email });
    const what = `GET ?userId=${userId}&email=${email}`;
    const candidates = side.model.all().filter((user) => user.userId === userId || user.email === email);
    if (candidates.length === 0) {
      await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound);
      return;
    }
    if (exchange.response.status === 400) {
      await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound);
      const both = candidates.filter((user) => user.userId === userId && user.email === email);
      if (both.length > 0) fail(`${what}: "User(s) not found." although ${userId} matches both filters`, [expectedFields(both[0] as ModelUser)], answerOf(exchange));
      return;
    }
    const envelope = await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed);
    const users = envelope.data as User[];
    // Only this sequence's users can carry its userIds and emails: anyone else matches neither filter.
    const strangers = users.filter((user) => !candidates.some((candidate) => candidate.userId === user.userId));
    if (strangers.length > 0) fail(`${what}: answers users that match neither filter or no longer exist (${strangers.slice(0, 3).map((user) => user.userId).join(', ')})`, candidates.map(expectedFields), answerOf(exchange));
    const known = candidates.filter((user) => users.some((listed) => listed.userId === user.userId));
    expectListedUsers(side.model, users, known, what, exchange);
    const both = candidates.filter((user) => user.userId === userId && user.email === email);
    if (both.length > 0 && known.length === 0) fail(`${what}: does not answer ${userId}, which matches both filters`, [expectedFields(both[0] as ModelUser)], answerOf(exchange));
  }
  toString(): string {
    return `listByUserIdAndEmail(#${this.userSlot}, email of #${this.emailSlot})`;
  }
}

// --- arbitraries ---------------------------------------------------------------------------------

const slot = fc.integer({ min: 0, max: SLOTS - 1 });

function userData(text: fc.Arbitrary<string>, password: fc.Arbitrary<string>, withCustomer: boolean): fc.Arbitrary<UserData> {
  return fc.record(
    {
      firstName: text,
      lastName: text,
      password,
      customer: withCustomer ? fc.integer({ min: 0, max: 1 }) : fc.constant(undefined),
    },
    { requiredKeys: [] },
  );
}

const emailChange: fc.Arbitrary<EmailChange> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'keep' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((variant) => ({ kind: 'new' as const, variant })) },
  { weight: 1, arbitrary: slot.map((other) => ({ kind: 'shared' as const, slot: other })) },
);

/** One weighted arbitrary: adding users is what makes every other command meaningful. */
function lifecycleCommands(): Array<fc.Arbitrary<VaaCommand>> {
  const data = userData(plainText, strongPasswords, true);
  const missingOperation = fc.constantFrom('updateUser', 'deactivateUser', 'reactivateUser', 'deleteUser') as fc.Arbitrary<MissingUserCommand['operation']>;
  return [
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(slot, fc.option(slot, { freq: 5, nil: undefined }), data).map(([target, shared, fields]): VaaCommand => new CreateCommand(target, shared, fields)) },
      { weight: 1, arbitrary: fc.tuple(slot, data).map(([target, fields]): VaaCommand => new DuplicateCreateCommand(target, fields)) },
      { weight: 3, arbitrary: fc.tuple(slot, emailChange, data, fc.boolean()).map(([target, email, fields, placeholder]): VaaCommand => new UpdateCommand(target, email, fields, placeholder)) },
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

// --- running sequences ---------------------------------------------------------------------------

/** Runs the commands against the target and the model; each sequence cleans up after the previous one. */
async function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<VaaCommand>>, maxCommands: number): Promise<void> {
  const { config } = context;
  // Customers cannot be deleted through this API: the property checks (one after another) share two,
  // carrying the run prefix.
  const customerIds = [`${config.namePrefix}cust1`, `${config.namePrefix}cust2`];
  // Clean-up requests are not part of any sequence's reproduction.
  const cleaner = new VaaDriver(new HttpClient(config), config);
  let pending = new Set<string>();
  const cleanUp = async (): Promise<void> => {
    const userIds = [...pending];
    pending = new Set();
    for (const userId of userIds) await cleaner.remove({ userId, email: `${userId}@example.com` }).catch(() => undefined);
  };
  context.onCleanup(cleanUp);
  await checkAgainstModel<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    setup: async (http) => {
      await cleanUp();
      const names = Array.from({ length: SLOTS }, (_, index) => context.uniqueName(`s${index}`));
      const touched = new Set<string>();
      pending = touched;
      return { model: { model: new VaaModel(), names }, real: { driver: new VaaDriver(http, config), names, customerIds, touched } };
    },
  });
}

const WRITE = ['write'] as Check['requires'];

export const propertyChecks: Check[] = defineChecks([
  {
    id: 'vaa/properties/lifecycle-matches-model',
    api: 'vaa',
    family: 'properties',
    level: 'MUST',
    title: 'Random sequences of add, add again, list (by userId, by email, both, all), modify, deactivate, reactivate, delete and calls on missing users behave as documented',
    doc: { source: 'document', section: '``/v2/users``', quote: '| GET | ``/v2/users`` | Retrieves current | | | | list of all users.' },
    requires: WRITE,
    run: (context) => runSequences(context, lifecycleCommands(), 20),
  },
  {
    id: 'vaa/properties/edge-case-data-round-trips',
    api: 'vaa',
    family: 'properties',
    level: 'MUST',
    title: 'Unicode, long, empty and special-character names and passwords are either refused with a 4xx or stored and answered exactly',
    doc: { source: 'document', section: 'POST > Example Input JSON', quote: '"firstName":"TFirst", (optional) "lastName":"TLast", (optional)' },
    requires: WRITE,
    run: (context) => runSequences(context, edgeDataCommands(), 12),
  },
]);
