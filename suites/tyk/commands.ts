// The model-based checks' commands, one small class per operation (fast-check's model-based testing):
// each runs its operation against the target and model.ts, and throws a ModelDivergence naming the
// operation at fault when they disagree. What the documents leave open is learned, never predicted
// (ids, keys, a field never sent); a User Object a target may refuse (unusual text, a missing field) may
// get a 4xx, never a 5xx, and whatever is taken must come back as sent.
import type { Exchange } from '../harness/http.ts';
import { ModelDivergence, STRONG_PASSWORD } from '../harness/properties.ts';
import { answerOf, expectAnswer, expectClientError, expectNoServerError, isClientError } from './answers.ts';
import {
  PickedCommand,
  describeData,
  expectModelUser,
  expectStoredAsModel,
  freeSlot,
  isUnusual,
  mayRefuseCreate,
  modelFields,
  pickUser,
  userBody,
  type ModelSide,
  type Picked,
  type RealSide,
  type TykCommand,
  type UserData,
} from './command-steps.ts';
import { expectedFields, type ModelUser } from './model.ts';
import type { TykOperation } from './operations.ts';
import { emailFor, show, wrongPassword } from './values.ts';

export type { ModelSide, RealSide, TykCommand, UserData } from './command-steps.ts';

/** Add User at the next free slot, with generated fields. */
export class CreateCommand implements TykCommand {
  readonly data: UserData;
  constructor(data: UserData) {
    this.data = data;
  }
  check(side: Readonly<ModelSide>): boolean {
    return freeSlot(side) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const slot = freeSlot(side) as number;
    const name = side.names[slot] as string;
    const email = emailFor(name);
    const what = `Add User #${slot}`;
    const exchange = await real.driver.create({ email_address: email, ...userBody(this.data) });
    if (isClientError(exchange) && mayRefuseCreate(this.data)) {
      // Refused: the slot stays used (a new address per attempt), and nothing may have been added.
      side.model.markUsed(name);
      const { users, exchange: listed } = await real.driver.findByEmail(email, `${what} was refused (HTTP ${exchange.response.status})`);
      if (users.length > 0) throw new ModelDivergence(`${what} was refused (HTTP ${exchange.response.status}) but added ${email} anyway`, `no user with ${email}`, answerOf(listed), 'createUser');
      return;
    }
    const envelope = expectAnswer(exchange, real.driver.answers.created, what);
    side.model.add(name, { email, ...modelFields(this.data), ...(this.data.password !== undefined ? { password: this.data.password } : {}) });
    const user = await real.driver.findCreated(envelope, email, what);
    expectModelUser(side, name, user, `${what}: the new user`, 'createUser');
  }
  toString(): string {
    return `create(${describeData(this.data)})`;
  }
}

/** Add User with the address a user of the sequence has: refused or not (judged elsewhere), the holder stays as it was. */
export class DuplicateEmailCommand extends PickedCommand implements TykCommand {
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user: holder } = pickUser(side, this.pick) as Picked;
    const what = `Add User with #${slot}'s address`;
    const exchange = await real.driver.create({ email_address: holder.email, first_name: 'Duplicate', last_name: 'Address', active: true, user_permissions: { users: 'read' } });
    expectNoServerError(exchange, what);
    if (!isClientError(exchange)) {
      // Accepted: the second user must go (read first, so the write guard sees whose id it is), the first stay.
      const { users } = await real.driver.findByEmail(holder.email, `${what}: GET /api/users`);
      for (const extra of users.filter((user) => user.id !== holder.id)) {
        await real.driver.get(extra.id);
        await real.driver.remove(extra.id);
      }
    }
    await expectStoredAsModel(side, real, name, `after ${what}`, 'createUser');
  }
  override toString(): string {
    return `duplicateEmail(pick ${this.pick})`;
  }
}

export class GetCommand extends PickedCommand implements TykCommand {
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name } = pickUser(side, this.pick) as Picked;
    await expectStoredAsModel(side, real, name, `Get User #${slot}`, 'getUser');
  }
  override toString(): string {
    return `get(pick ${this.pick})`;
  }
}

/** The list (with or without `p`, as the target pages) has every user of the model once, and no deleted one. */
export class ListCommand implements TykCommand {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const known = side.model.all().flatMap(([, user]) => (user.id === undefined ? [] : [user.id]));
    const { users, exchanges } = await real.driver.listAll('List Users', true, (listed) => known.every((id) => listed.some((user) => user.id === id)));
    const exchange = exchanges[0] as Exchange;
    for (const [name, user] of side.model.all()) {
      if (user.id === undefined) continue;
      const listed = users.filter((candidate) => candidate.id === user.id);
      if (listed.length !== 1) throw new ModelDivergence(`List Users: the user ${user.id} (${user.email}) is not listed`, expectedFields(user), answerOf(exchange), 'listUsers');
      expectModelUser(side, name, listed[0], `List Users, user ${user.email}`, 'listUsers', exchange);
    }
    const gone = users.filter((user) => side.model.deleted().includes(user.id));
    if (gone.length > 0) throw new ModelDivergence(`List Users: lists ${gone.map((user) => user.id).join(', ')}, deleted in this sequence`, 'no deleted user', answerOf(exchange), 'deleteUser');
  }
  toString(): string {
    return 'list()';
  }
}

/** Update User with a random subset of the fields (and sometimes a new address). */
export class UpdateCommand extends PickedCommand implements TykCommand {
  readonly data: UserData;
  readonly emailVariant: number | undefined;
  constructor(pick: number, data: UserData, emailVariant: number | undefined) {
    super(pick);
    this.data = data;
    this.emailVariant = emailVariant;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick) as Picked;
    const email = this.emailVariant === undefined ? undefined : `${name}.v${this.emailVariant}@example.com`;
    // A target that replaces rather than merges (or refuses a partial User Object) gets whole ones: the
    // fields not drawn keep the values the model knows.
    const defined = Object.fromEntries(Object.entries(this.data).filter(([, value]) => value !== undefined)) as UserData;
    const full: UserData = side.model.updateKeepsOmitted ? this.data : { firstName: user.firstName, lastName: user.lastName, active: user.active, permissions: user.permissions, ...defined };
    const body = userBody(full);
    if (email !== undefined) body['email_address'] = email;
    else if (!side.model.updateKeepsOmitted) body['email_address'] = user.email;
    const what = `Update User #${slot}`;
    const exchange = await real.driver.update(user.id, body);
    if (isClientError(exchange) && isUnusual(this.data)) {
      await expectStoredAsModel(side, real, name, `${what} was refused (HTTP ${exchange.response.status})`, 'updateUser');
      return;
    }
    expectAnswer(exchange, real.driver.answers.updated, what);
    side.model.update(name, { ...modelFields(full), ...(typeof body['email_address'] === 'string' ? { email: body['email_address'] } : {}) });
    await expectStoredAsModel(side, real, name, `after ${what}`, 'updateUser');
  }
  override toString(): string {
    const parts = [describeData(this.data), this.emailVariant !== undefined ? `email=v${this.emailVariant}` : ''].filter(Boolean);
    return `update(pick ${this.pick}, ${parts.length ? parts.join(', ') : '{}'})`;
  }
}

export type PasswordVariant = 'right' | 'wrong' | 'missing';

/** Set User Password with the right, a wrong, or no current_password. */
export class SetPasswordCommand extends PickedCommand implements TykCommand {
  readonly variant: PasswordVariant;
  readonly next: string;
  constructor(pick: number, variant: PasswordVariant, next: string) {
    super(pick);
    this.variant = variant;
    this.next = next;
  }
  /** Without a password, "the current_password field is not required": wrong / missing say nothing then. */
  private candidates(user: ModelUser): boolean {
    return this.variant === 'right' || user.password !== null;
  }
  override check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick, (user) => this.candidates(user)) !== undefined;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick, (candidate) => this.candidates(candidate)) as Picked;
    const current = this.variant === 'right' ? (user.password ?? undefined) : this.variant === 'wrong' ? wrongPassword(user.password ?? 'Pw1-none') : undefined;
    const body = { ...(current !== undefined ? { current_password: current } : {}), new_password: this.next };
    const what = `Set User Password #${slot} (${this.variant === 'right' ? (current === undefined ? 'first password' : 'right current_password') : `${this.variant} current_password`})`;
    const exchange = await real.driver.setPassword(user.id, body);
    if (user.password !== null && current !== user.password) {
      expectClientError(exchange, what);
      return;
    }
    if (isClientError(exchange) && !STRONG_PASSWORD.test(this.next)) return;
    expectAnswer(exchange, real.driver.answers.passwordUpdated, what);
    side.model.setPassword(name, { ...(current !== undefined ? { current } : {}), next: this.next });
  }
  override toString(): string {
    return `setPassword(pick ${this.pick}, ${this.variant}, new=${show(this.next)})`;
  }
}

/** Reset User Session (with the documented body): a new key that works as the old one did; the old one refused. */
export class KeyResetCommand extends PickedCommand implements TykCommand {
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name } = pickUser(side, this.pick) as Picked;
    if (side.model.get(name)?.accessKey === undefined) await expectStoredAsModel(side, real, name, 'before Reset User Session', 'getUser');
    const user = side.model.get(name);
    if (!user?.id || user.accessKey === undefined) return;
    const oldKey = user.accessKey;
    const before = await real.driver.get(user.id, { key: oldKey });
    const what = `Reset User Session #${slot}`;
    expectAnswer(await real.driver.resetKey(user.id, { userId: user.id }), real.driver.answers.sessionRenewed, what);
    side.model.resetKey(name);
    const after = await expectStoredAsModel(side, real, name, `after ${what}`, 'resetUserSession');
    const revoked = side.model.get(name)?.revokedKeys ?? [];
    if (typeof after.access_key !== 'string' || after.access_key === '' || revoked.includes(after.access_key)) {
      throw new ModelDivergence(`after ${what}: access_key is ${JSON.stringify(after.access_key)}, not a new key`, 'a new access_key', after.access_key, 'resetUserSession');
    }
    await real.driver.expectKeyRefused(user.id, oldKey, `after ${what}: GET /api/users/${user.id} with the old access_key`, { operation: 'resetUserSession' });
    if (before.response.status === 200) {
      const now = await real.driver.get(user.id, { key: after.access_key });
      if (now.response.status !== 200) throw new ModelDivergence(`after ${what}: the new access_key gets HTTP ${now.response.status}, the old one got 200`, 'HTTP 200 with the new key', answerOf(now), 'resetUserSession');
    }
  }
  override toString(): string {
    return `keyReset(pick ${this.pick})`;
  }
}

export class DeleteCommand extends PickedCommand implements TykCommand {
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const { slot, name, user } = pickUser(side, this.pick) as Picked;
    expectAnswer(await real.driver.remove(user.id), real.driver.answers.deleted, `Delete User #${slot}`);
    side.model.remove(name);
    expectClientError(await real.driver.get(user.id), `GET /api/users/${user.id} after Delete User #${slot}`, { operation: 'deleteUser', kind: 'use-after-delete' });
  }
  override toString(): string {
    return `delete(pick ${this.pick})`;
  }
}

export type MissingOperation = Extract<TykOperation, 'getUser' | 'updateUser' | 'deleteUser' | 'setUserPassword' | 'resetUserSession'>;

/**
 * Any call on a user deleted in this sequence, or Get User of an id never issued (a write to an id the
 * run never saw is one the write guard refuses to send): a 4xx, and the user does not come back.
 */
export class MissingUserCommand implements TykCommand {
  readonly which: 'deleted' | 'never';
  readonly operation: MissingOperation;
  constructor(which: 'deleted' | 'never', operation: MissingOperation) {
    this.which = which;
    this.operation = which === 'never' ? 'getUser' : operation;
  }
  check(side: Readonly<ModelSide>): boolean {
    return this.which === 'never' || side.model.deleted().length > 0;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const id = this.which === 'never' ? side.neverId : (side.model.deleted()[0] as string);
    const bodies: Partial<Record<MissingOperation, unknown>> = { updateUser: { first_name: 'Firstname Changed' }, setUserPassword: { new_password: 'Pw1-missinguser' }, resetUserSession: { userId: id } };
    const body = bodies[this.operation];
    const what = `${this.operation} of the ${this.which === 'never' ? 'never-issued' : 'deleted'} id ${id}`;
    expectClientError(await real.driver.call(this.operation, { id, ...(body !== undefined ? { json: body } : {}) }), what);
    if (this.operation !== 'getUser') expectClientError(await real.driver.get(id), `GET /api/users/${id} after ${what}`, { operation: this.operation, kind: 'use-after-delete' });
  }
  toString(): string {
    return `${this.operation}(${this.which} id)`;
  }
}
