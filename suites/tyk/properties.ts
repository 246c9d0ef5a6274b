// Model-based checks: random sequences of the users operations, each run against the target and against
// model.ts (the documented semantics), with generated user data. Every sequence uses fresh run-prefixed
// addresses and deletes what it created before the next one starts. A divergence is shrunk to the
// shortest sequence and reported with curl commands and the seed/path that replay it.
//
// What the document leaves open stays open here: ids and keys are learned, never predicted; a field the
// target was never sent is learned from its first answer; a target that replaces rather than merges on
// Update User, or refuses a partial User Object (a SHOULD, judged by tyk/update-user/keeps-omitted-fields),
// is sent whole User Objects; an Add User without one of the sample's fields may be refused; a duplicate
// address may be refused or not (tyk/create-user/duplicate-email-refused); whether a new password renews
// the access key is learned; unusual data (unicode, long, empty, odd passwords) may be refused with a 4xx,
// never a 5xx, and what is taken must come back as sent.
import fc from 'fast-check';
import { defineChecks, type Check, type CheckContext } from '../harness/legacy.ts';
import { HttpClient, type Exchange } from '../harness/http.ts';
import { ModelDivergence, STRONG_PASSWORD, checkAgainstModel, strongPasswords, unusualText } from '../harness/properties.ts';
import type { User, UserPermissions } from '../../specs/types/tyk.ts';
import {
  ANSWERS,
  TykDriver,
  answerOf,
  emailFor,
  expectAnswer,
  expectClientError,
  expectNoServerError,
  expectUserAnswer,
  isClientError,
  neverIssuedId,
  userMismatches,
  wrongPassword,
  type ExpectedUser,
  type TykOperation,
} from './driver.ts';
import { TykModel, expectedFields, type ModelUser, type UserFields } from './model.ts';

const SLOTS = 4;
const LIFECYCLE_COMMANDS = 24;
const EDGE_COMMANDS = 16;

interface ModelSide {
  model: TykModel;
  /** slot -> the run-prefixed name of the user in that slot (its address is `<name>@example.com`). */
  names: readonly string[];
  /** An id shaped like the target's that no user has. */
  neverId: string;
}

interface RealSide {
  driver: TykDriver;
  /** Every address this sequence used, for the clean-up. */
  emails: Set<string>;
}

type TykCommand = fc.AsyncCommand<ModelSide, RealSide>;

// --- generated data ------------------------------------------------------------------------------

const plainText = fc.oneof(
  fc.constantFrom('Jason', 'Jasonson', 'File', 'John', 'Smith', 'Test', 'User', 'Pat', 'Sample', 'Firstname Changed', 'Bobby'),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
);

/** Letters, digits and single inner spaces, as the document's own names ("John", "Jasonson"). */
const PLAIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

const edgeText = unusualText(plainText);
const edgePassword = fc.oneof(strongPasswords, edgeText.filter((text) => text !== ''));

const permissionSets: fc.Arbitrary<UserPermissions> = fc.constantFrom<UserPermissions>(
  { users: 'read' },
  { users: 'read', user_groups: 'read' },
  { users: 'read', analytics: 'read', portal: 'read' },
);

interface UserData {
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  permissions?: UserPermissions | undefined;
  password?: string | undefined;
}

function isUnusual(data: UserData): boolean {
  const names = [data.firstName, data.lastName].some((value) => value !== undefined && !PLAIN.test(value));
  return names || (data.password !== undefined && !STRONG_PASSWORD.test(data.password));
}

/**
 * Add User may refuse a body that leaves out a field the sample sends (the document marks none
 * required, but says so only of `password`: "You can add a user via the API without a password").
 */
function mayRefuseCreate(data: UserData): boolean {
  return isUnusual(data) || data.firstName === undefined || data.lastName === undefined || data.active === undefined || data.permissions === undefined;
}

function show(value: unknown): string {
  if (value === undefined) return '-';
  const json = JSON.stringify(value);
  return json.length > 42 ? `${json.slice(0, 38)}…"(${typeof value === 'string' ? value.length : '?'})` : json;
}

function describeData(data: UserData): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(', ');
}

function userBody(data: UserData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (data.firstName !== undefined) body['first_name'] = data.firstName;
  if (data.lastName !== undefined) body['last_name'] = data.lastName;
  if (data.active !== undefined) body['active'] = data.active;
  if (data.permissions !== undefined) body['user_permissions'] = data.permissions;
  if (data.password !== undefined) body['password'] = data.password;
  return body;
}

function definedOnly(data: UserData): UserData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as UserData;
}

function modelFields(data: UserData): UserFields {
  const fields: UserFields = {};
  if (data.firstName !== undefined) fields.firstName = data.firstName;
  if (data.lastName !== undefined) fields.lastName = data.lastName;
  if (data.active !== undefined) fields.active = data.active;
  if (data.permissions !== undefined) fields.permissions = data.permissions;
  return fields;
}

// --- shared steps --------------------------------------------------------------------------------

function nameOf(side: Readonly<ModelSide>, slot: number): string {
  return side.names[slot] as string;
}

/**
 * The user a command acts on: the `pick`-th (modulo) of the users that exist and whose id is known, in
 * slot order, so that most generated commands apply once one user exists (deterministic, so shrinking
 * and replay work). `filter` narrows the candidates (e.g. users with a password).
 */
function pickUser(side: Readonly<ModelSide>, pick: number, filter: (user: ModelUser) => boolean = () => true): { slot: number; name: string; user: ModelUser & { id: string } } | undefined {
  const candidates = side.names.flatMap((name, slot) => {
    const user = side.model.get(name);
    return user?.id !== undefined && filter(user) ? [{ slot, name, user: user as ModelUser & { id: string } }] : [];
  });
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}

/** The first slot no user of this sequence has used yet: Add User always adds a new address. */
function freeSlot(side: Readonly<ModelSide>): number | undefined {
  const index = side.names.findIndex((name) => !side.model.wasEverAdded(name));
  return index === -1 ? undefined : index;
}

/** The user as answered matches the model (what the model does not know yet is learned). */
function expectModelUser(side: ModelSide, name: string, actual: unknown, what: string, exchange?: Exchange): void {
  const expected = side.model.get(name);
  if (!expected) throw new ModelDivergence(`${what}: the model has no user ${name}`, 'a known user', actual);
  let fields: ExpectedUser = expectedFields(expected);
  // The Get User sample shows a user without user_permissions (quirk get-sample-lacks-user-permissions).
  if (typeof actual === 'object' && actual !== null && !('user_permissions' in actual)) {
    const { user_permissions: _absent, ...rest } = fields;
    fields = rest;
  }
  const mismatches = userMismatches(actual, fields);
  if (mismatches.length > 0) throw new ModelDivergence(`${what}: ${mismatches.join('; ')}`, fields, exchange ? answerOf(exchange) : actual);
  side.model.learn(name, actual as Record<string, unknown>);
}

async function expectStoredAsModel(side: ModelSide, real: RealSide, name: string, what: string): Promise<User> {
  const id = side.model.get(name)?.id as string;
  const exchange = await real.driver.get(id);
  const user = expectUserAnswer(exchange, `${what}: GET /api/users/${id}`);
  expectModelUser(side, name, user, `${what}: GET /api/users/${id}`, exchange);
  return user;
}

async function expectNoUserWith(real: RealSide, email: string, what: string): Promise<void> {
  const { users, exchange } = await real.driver.findByEmail(email, what);
  if (users.length > 0) throw new ModelDivergence(`${what}: the refused Add User added ${email} anyway`, `no user with ${email}`, answerOf(exchange));
}

// --- commands: one small class per operation -----------------------------------------------------

/** Add User at the next free slot, with generated fields. */
class CreateCommand implements TykCommand {
  readonly data: UserData;
  constructor(data: UserData) {
    this.data = data;
  }
  check(side: Readonly<ModelSide>): boolean {
    return freeSlot(side) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = freeSlot(side) as number;
    const name = nameOf(side, slot);
    const email = emailFor(name);
    real.emails.add(email);
    const what = `Add User #${slot}`;
    const exchange = await real.driver.create({ email_address: email, ...userBody(this.data) });
    if (isClientError(exchange) && mayRefuseCreate(this.data)) {
      // Refused: the slot stays used (a new address per attempt), and nothing may have been added.
      side.model.markUsed(name);
      await expectNoUserWith(real, email, `${what} was refused (HTTP ${exchange.response.status})`);
      return;
    }
    const envelope = expectAnswer(exchange, ANSWERS.created, what);
    side.model.add(name, { email, ...modelFields(this.data), ...(this.data.password !== undefined ? { password: this.data.password } : {}) });
    const user = await real.driver.findCreated(envelope, email, what);
    expectModelUser(side, name, user, `${what}: the new user`);
  }
  toString(): string {
    const described = describeData(this.data);
    return `create(${described})`;
  }
}

/** Add User with the address a user of the sequence has. */
class DuplicateEmailCommand implements TykCommand {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user: holder } = pickUser(side, this.pick) as NonNullable<ReturnType<typeof pickUser>>;
    const what = `Add User with #${slot}'s address`;
    const exchange = await real.driver.create({ email_address: holder.email, first_name: 'Duplicate', last_name: 'Address', active: true });
    expectNoServerError(exchange, what);
    if (!isClientError(exchange)) {
      // Accepted: not this check's verdict (a SHOULD judges it); the second user must go, the first stay.
      const { users } = await real.driver.findByEmail(holder.email, `${what}: GET /api/users`);
      for (const extra of users.filter((user) => user.id !== holder.id)) await real.driver.remove(extra.id);
    }
    await expectStoredAsModel(side, real, name, `after ${what}`);
  }
  toString(): string {
    return `duplicateEmail(pick ${this.pick})`;
  }
}

class GetCommand implements TykCommand {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name } = pickUser(side, this.pick) as NonNullable<ReturnType<typeof pickUser>>;
    await expectStoredAsModel(side, real, name, `Get User #${slot}`);
  }
  toString(): string {
    return `get(pick ${this.pick})`;
  }
}

/** The list (with or without `p`, as the target pages) has every user of the model once, and no deleted one. */
class ListCommand implements TykCommand {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { users, exchanges } = await real.driver.listAll('List Users');
    const exchange = exchanges[0] as Exchange;
    for (const [name, user] of side.model.all()) {
      if (user.id === undefined) continue;
      const listed = users.filter((candidate) => candidate.id === user.id);
      if (listed.length !== 1) throw new ModelDivergence(`List Users: the user ${user.id} (${user.email}) is not listed`, expectedFields(user), answerOf(exchange));
      expectModelUser(side, name, listed[0], `List Users, user ${user.email}`, exchange);
    }
    const gone = users.filter((user) => side.model.deleted().includes(user.id));
    if (gone.length > 0) throw new ModelDivergence(`List Users: lists ${gone.map((user) => user.id).join(', ')}, deleted in this sequence`, 'no deleted user', answerOf(exchange));
  }
  toString(): string {
    return 'list()';
  }
}

/** Update User with a random subset of the fields (and sometimes a new address). */
class UpdateCommand implements TykCommand {
  readonly pick: number;
  readonly data: UserData;
  readonly emailVariant: number | undefined;
  constructor(pick: number, data: UserData, emailVariant: number | undefined) {
    this.pick = pick;
    this.data = data;
    this.emailVariant = emailVariant;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick) as NonNullable<ReturnType<typeof pickUser>>;
    const email = this.emailVariant === undefined ? undefined : `${name}.v${this.emailVariant}@example.com`;
    if (email) real.emails.add(email);
    // A target that replaces rather than merges (or refuses a partial User Object) gets whole ones:
    // the fields not drawn keep the values the model knows.
    const full: UserData = side.model.updateKeepsOmitted
      ? this.data
      : { firstName: user.firstName, lastName: user.lastName, active: user.active, permissions: user.permissions, ...definedOnly(this.data) };
    const body = userBody(full);
    if (email !== undefined) body['email_address'] = email;
    else if (!side.model.updateKeepsOmitted) body['email_address'] = user.email;
    const what = `Update User #${slot}`;
    const exchange = await real.driver.update(user.id, body);
    if (isClientError(exchange) && isUnusual(this.data)) {
      await expectStoredAsModel(side, real, name, `${what} was refused (HTTP ${exchange.response.status})`);
      return;
    }
    expectAnswer(exchange, ANSWERS.updated, what);
    side.model.update(name, { ...modelFields(full), ...(typeof body['email_address'] === 'string' ? { email: body['email_address'] } : {}) });
    await expectStoredAsModel(side, real, name, `after ${what}`);
  }
  toString(): string {
    const parts = [describeData(this.data), this.emailVariant !== undefined ? `email=v${this.emailVariant}` : ''].filter(Boolean);
    return `update(pick ${this.pick}, ${parts.length ? parts.join(', ') : '{}'})`;
  }
}

type PasswordVariant = 'right' | 'wrong' | 'missing';

/** Set User Password with the right, a wrong, or no current_password. */
class SetPasswordCommand implements TykCommand {
  readonly pick: number;
  readonly variant: PasswordVariant;
  readonly next: string;
  constructor(pick: number, variant: PasswordVariant, next: string) {
    this.pick = pick;
    this.variant = variant;
    this.next = next;
  }
  /** Without a password, "the current_password field is not required": wrong / missing say nothing then. */
  private candidates(user: ModelUser): boolean {
    return this.variant === 'right' || user.password !== null;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick, (user) => this.candidates(user)) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick, (candidate) => this.candidates(candidate)) as NonNullable<ReturnType<typeof pickUser>>;
    const current = this.variant === 'right' ? (user.password ?? undefined) : this.variant === 'wrong' ? wrongPassword(user.password ?? 'Pw1-none') : undefined;
    const body = { ...(current !== undefined ? { current_password: current } : {}), new_password: this.next };
    const what = `Set User Password #${slot} (${this.variant === 'right' ? (current === undefined ? 'first password' : 'right current_password') : `${this.variant} current_password`})`;
    const exchange = await real.driver.setPassword(user.id, body);
    const accepted = user.password === null || current === user.password;
    if (!accepted) {
      expectClientError(exchange, what);
      return;
    }
    if (isClientError(exchange) && !STRONG_PASSWORD.test(this.next)) return;
    expectAnswer(exchange, ANSWERS.passwordUpdated, what);
    side.model.setPassword(name, { ...(current !== undefined ? { current } : {}), next: this.next });
  }
  toString(): string {
    return `setPassword(pick ${this.pick}, ${this.variant}, new=${show(this.next)})`;
  }
}

/** Reset User Session (with the documented body): a new key that works as the old one did; the old one refused. */
class KeyResetCommand implements TykCommand {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name } = pickUser(side, this.pick) as NonNullable<ReturnType<typeof pickUser>>;
    if (side.model.get(name)?.accessKey === undefined) await expectStoredAsModel(side, real, name, 'before Reset User Session');
    const user = side.model.get(name);
    if (!user?.id || user.accessKey === undefined) return;
    const oldKey = user.accessKey;
    const before = await real.driver.get(user.id, { key: oldKey });
    const what = `Reset User Session #${slot}`;
    expectAnswer(await real.driver.resetKey(user.id, { userId: user.id }), ANSWERS.sessionRenewed, what);
    side.model.resetKey(name);
    const after = await expectStoredAsModel(side, real, name, `after ${what}`);
    const revoked = side.model.get(name)?.revokedKeys ?? [];
    if (typeof after.access_key !== 'string' || after.access_key === '' || revoked.includes(after.access_key)) {
      throw new ModelDivergence(`after ${what}: access_key is ${JSON.stringify(after.access_key)}, not a new key`, 'a new access_key', after.access_key);
    }
    await real.driver.expectKeyRefused(user.id, oldKey, `after ${what}: GET /api/users/${user.id} with the old access_key`);
    if (before.response.status === 200) {
      const now = await real.driver.get(user.id, { key: after.access_key });
      if (now.response.status !== 200) throw new ModelDivergence(`after ${what}: the new access_key gets HTTP ${now.response.status}, the old one got 200`, 'HTTP 200 with the new key', answerOf(now));
    }
  }
  toString(): string {
    return `keyReset(pick ${this.pick})`;
  }
}

class DeleteCommand implements TykCommand {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick) as NonNullable<ReturnType<typeof pickUser>>;
    expectAnswer(await real.driver.remove(user.id), ANSWERS.deleted, `Delete User #${slot}`);
    side.model.remove(name);
    expectClientError(await real.driver.get(user.id), `GET /api/users/${user.id} after Delete User #${slot}`);
  }
  toString(): string {
    return `delete(pick ${this.pick})`;
  }
}

type MissingOperation = Extract<TykOperation, 'getUser' | 'updateUser' | 'deleteUser' | 'setUserPassword' | 'resetUserSession'>;

/** Any call on a user deleted in this sequence, or on an id never issued: a 4xx, and no user appears. */
class MissingUserCommand implements TykCommand {
  readonly which: 'deleted' | 'never';
  readonly operation: MissingOperation;
  constructor(which: 'deleted' | 'never', operation: MissingOperation) {
    this.which = which;
    this.operation = operation;
  }
  check(side: Readonly<ModelSide>): boolean {
    return this.which === 'never' || side.model.deleted().length > 0;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const id = this.which === 'never' ? side.neverId : (side.model.deleted()[0] as string);
    const bodies: Partial<Record<MissingOperation, unknown>> = {
      updateUser: { first_name: 'Firstname Changed' },
      setUserPassword: { new_password: 'Pw1-missinguser' },
      resetUserSession: { userId: id },
    };
    const body = bodies[this.operation];
    const what = `${this.operation} of the ${this.which === 'never' ? 'never-issued' : 'deleted'} id ${id}`;
    expectClientError(await real.driver.call(this.operation, { id, ...(body !== undefined ? { json: body } : {}) }), what);
    if (this.operation !== 'getUser') expectClientError(await real.driver.get(id), `GET /api/users/${id} after ${what}`);
  }
  toString(): string {
    return `${this.operation}(${this.which} id)`;
  }
}

// --- arbitraries ---------------------------------------------------------------------------------

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

// --- running sequences ---------------------------------------------------------------------------

/**
 * Once per check: whether Update User takes a partial User Object and keeps the fields it is not sent
 * (then the model insists on it; otherwise sequences send whole objects, and the SHOULD check
 * tyk/update-user/keeps-omitted-fields judges it), and an id shaped like the target's that no user has
 * (a probe user's, deleted, then altered).
 */
async function probe(context: CheckContext): Promise<{ updateKeepsOmitted: boolean; deletedId: string }> {
  const driver = TykDriver.of(context);
  const email = emailFor(context.uniqueName('probe'));
  const original = { first_name: 'Probe', last_name: 'Semantics', email_address: email, active: true, user_permissions: { users: 'read', user_groups: 'read' } };
  const user = await driver.addUser(context, original, 'POST a probe user');
  const partial = await driver.update(user.id, { first_name: 'Probed' });
  expectNoServerError(partial, 'PUT {"first_name"} to the probe user');
  let updateKeepsOmitted = false;
  if (!isClientError(partial)) {
    expectAnswer(partial, ANSWERS.updated, 'PUT {"first_name"} to the probe user');
    const { user: after } = await driver.fetch(user.id, 'GET the probe user');
    updateKeepsOmitted = userMismatches(after, { first_name: 'Probed', last_name: original.last_name, email_address: email, active: true, user_permissions: original.user_permissions }).length === 0;
  }
  expectAnswer(await driver.remove(user.id), ANSWERS.deleted, 'DELETE the probe user');
  return { updateKeepsOmitted, deletedId: user.id };
}

async function runSequences(context: CheckContext, commands: Array<fc.Arbitrary<TykCommand>>, maxCommands: number): Promise<void> {
  const { config } = context;
  const { updateKeepsOmitted, deletedId } = await probe(context);
  const neverId = neverIssuedId(deletedId, [deletedId]);
  // Clean-up requests are not part of any sequence's reproduction.
  const cleaner = new TykDriver(new HttpClient(config), config);
  let pending = new Set<string>();
  const cleanUp = async (): Promise<void> => {
    const emails = [...pending];
    pending = new Set();
    await cleaner.deleteByEmail(emails);
  };
  context.onCleanup(cleanUp);
  await checkAgainstModel<ModelSide, RealSide>({
    context,
    commands,
    maxCommands,
    setup: async (http) => {
      await cleanUp();
      const names = Array.from({ length: SLOTS }, (_, index) => context.uniqueName(`s${index}`));
      const emails = new Set<string>();
      pending = emails;
      return { model: { model: new TykModel(updateKeepsOmitted), names, neverId }, real: { driver: new TykDriver(http, config), emails } };
    },
  });
}

const WRITE: Check['requires'] = ['write'];

export const propertyChecks: Check[] = defineChecks([
  {
    id: 'tyk/properties/lifecycle-matches-model',
    api: 'tyk',
    family: 'properties',
    level: 'MUST',
    title: 'Random sequences of Add User (and with a taken address), Get, List, Update (random fields), Set User Password (right, wrong, missing current), Reset User Session, Delete and calls on deleted or never-issued ids behave as documented',
    doc: { source: 'document', section: 'Users > Set User Password', quote: 'To change an current password, you need to know the existing password set in Add User.' },
    requires: WRITE,
    run: (context) => runSequences(context, lifecycleCommands(), LIFECYCLE_COMMANDS),
  },
  {
    id: 'tyk/properties/edge-case-data-round-trips',
    api: 'tyk',
    family: 'properties',
    level: 'MUST',
    title: 'Unicode, long, empty and special-character names and passwords are either refused with a 4xx or stored and answered exactly as sent',
    doc: { source: 'document', section: 'Users > Add User > Sample Request', quote: '"last_name": "Jasonson",' },
    requires: WRITE,
    run: (context) => runSequences(context, edgeDataCommands(), EDGE_COMMANDS),
  },
]);
