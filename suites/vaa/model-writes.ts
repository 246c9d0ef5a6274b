// The model-based checks' write commands, one small class per operation (fast-check's model-based
// testing): each runs against the target and against model.ts. What the document leaves open (refusing
// unusual data, a second user with an email, deactivating an inactive user) may be refused with a 4xx
// that changes nothing.
import { answerOf, fail } from '../harness/expect.ts';
import { ANSWERS, expectAnswer, expectErrorEnvelope, type VaaOperation } from './answers.ts';
import type { ModelUser, UserStatus } from './model.ts';
import { bodyFields, describeData, emailOf, expectModelUser, expectRefusalChangedNothing, expectUnchanged, isClientError, isUnusual, modelFields, type ModelSide, type RealSide, type UserData, type VaaCommand } from './model-steps.ts';

/** POST a new user (a slot never used in this sequence). */
export class CreateCommand implements VaaCommand {
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
    const exchange = await real.driver.create({ userId, email, ...bodyFields(this.data, real) });
    const what = `POST ${userId}`;
    // The document sets no limits and says nothing of two users sharing an email: a 4xx is a choice.
    if (isClientError(exchange) && (shared !== undefined || isUnusual(this.data))) return expectRefusalChangedNothing(side, real, exchange, userId, what, 'createUser');
    const data = (await expectAnswer(exchange, 'createUser', what, ANSWERS.created)).data as unknown[];
    if (data.length !== 1) fail(`${what}: "data" holds ${data.length} users`, '"data":[{...the added user}]', answerOf(exchange), { kind: 'literal', operation: 'createUser' });
    side.model.add({ userId, email, ...modelFields(this.data, real) });
    real.lastWrite.set(userId, 'createUser');
    // post-output-customer-id-null: the POST answer may show null for a customerId that was sent.
    const added = data[0] as Record<string, unknown>;
    const sentCustomer = this.data.customer !== undefined ? real.customerIds[this.data.customer] : undefined;
    expectModelUser(side, real, userId, sentCustomer !== undefined && added['customerId'] === null ? { ...added, customerId: sentCustomer } : added, what, exchange, 'createUser');
  }
  toString(): string {
    return `create(#${this.slot}${this.sharedEmailWith !== undefined ? `, email of #${this.sharedEmailWith}` : ''}${describeData(this.data)})`;
  }
}

/** POST a userId that exists: "User already exists.", and the user is unchanged. */
export class DuplicateCreateCommand implements VaaCommand {
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
    await expectAnswer(await real.driver.create({ userId, email: existing.email, ...bodyFields(this.data, real) }), 'createUser', `POST ${userId} again`, ANSWERS.exists);
    await expectUnchanged(side, real, userId, `POST ${userId} again`, 'createUser');
  }
  toString(): string {
    return `createAgain(#${this.slot}${describeData(this.data)})`;
  }
}

export type EmailChange = { kind: 'keep' } | { kind: 'new'; variant: number } | { kind: 'shared'; slot: number };

/** PUT some of the fields (email is required, so it is either kept, changed, or another user's). */
export class UpdateCommand implements VaaCommand {
  readonly slot: number;
  readonly emailChange: EmailChange;
  readonly data: UserData;
  /** Send the user's own id (the document's placeholder "id" field, filled in). */
  readonly withId: boolean;
  constructor(slot: number, emailChange: EmailChange, data: UserData, withId: boolean) {
    this.slot = slot;
    this.emailChange = emailChange;
    this.data = data;
    this.withId = withId;
  }
  check(side: Readonly<ModelSide>): boolean {
    return side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const existing = side.model.get(userId) as ModelUser;
    const sharedEmail = this.emailChange.kind === 'shared' ? side.model.get(side.names[this.emailChange.slot] as string)?.email : undefined;
    const email = this.emailChange.kind === 'new' ? emailOf(side.names, this.slot, this.emailChange.variant) : (sharedEmail ?? existing.email);
    const id = this.withId && existing.id !== undefined ? { id: existing.id } : {};
    const exchange = await real.driver.update({ ...id, userId, email, ...bodyFields(this.data, real) });
    const what = `PUT ${userId}`;
    if (isClientError(exchange) && ((sharedEmail !== undefined && sharedEmail !== existing.email) || isUnusual(this.data))) return expectRefusalChangedNothing(side, real, exchange, userId, what, 'updateUser');
    const envelope = await expectAnswer(exchange, 'updateUser', what, ANSWERS.modified);
    side.model.modify({ userId, email, ...modelFields(this.data, real) });
    real.lastWrite.set(userId, 'updateUser');
    expectModelUser(side, real, userId, envelope.data, what, exchange, 'updateUser');
  }
  toString(): string {
    const email = this.emailChange.kind === 'keep' ? 'same email' : this.emailChange.kind === 'new' ? `new email v${this.emailChange.variant}` : `email of #${this.emailChange.slot}`;
    return `update(#${this.slot}, ${email}${this.withId ? ', with its id' : ''}${describeData(this.data)})`;
  }
}

/** PUT /deactivate or /reactivate: only `status` changes. */
export class SetStatusCommand implements VaaCommand {
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
    if (existing.status === this.status && isClientError(exchange)) return expectRefusalChangedNothing(side, real, exchange, userId, what, operation);
    const envelope = await expectAnswer(exchange, operation, what, ANSWERS.modified);
    side.model.setStatus(userId, this.status);
    real.lastWrite.set(userId, operation);
    expectModelUser(side, real, userId, envelope.data, what, exchange, operation);
  }
  toString(): string {
    return `${this.status === 'inactive' ? 'deactivate' : 'reactivate'}(#${this.slot})`;
  }
}

/** DELETE with the add-file shape or the modify-shaped inline body (the user's id, another email). */
export class DeleteCommand implements VaaCommand {
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
    const body = this.modifyShaped ? { ...(existing.id !== undefined ? { id: existing.id } : {}), userId, email: `${userId}@changed.example.com`, lastName: 'Last Name changed' } : { userId, email: existing.email };
    await expectAnswer(await real.driver.remove(body), 'deleteUser', `DELETE ${userId}`, ANSWERS.deleted);
    side.model.remove(userId);
    real.lastWrite.set(userId, 'deleteUser');
  }
  toString(): string {
    return `delete(#${this.slot}${this.modifyShaped ? ', modify-shaped body' : ''})`;
  }
}

export type MissingOperation = 'updateUser' | 'deactivateUser' | 'reactivateUser' | 'deleteUser';

/**
 * PUT, deactivate, reactivate or DELETE of a user that does not exist: an error in the envelope ("An
 * error will be returned"), and for a DELETE of a deleted user the documented 404 "Invalid user".
 */
export class MissingUserCommand implements VaaCommand {
  readonly slot: number;
  readonly operation: MissingOperation;
  constructor(slot: number, operation: MissingOperation) {
    this.slot = slot;
    this.operation = operation;
  }
  check(side: Readonly<ModelSide>): boolean {
    return !side.model.has(side.names[this.slot] as string);
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    const exchange = await real.driver.call(this.operation, { userId, email: emailOf(side.names, this.slot), firstName: 'Firstname Changed' });
    const what = `${this.operation} of the missing user ${userId}`;
    if (this.operation === 'deleteUser' && side.model.wasEverAdded(userId)) await expectAnswer(exchange, 'deleteUser', what, ANSWERS.invalidUser);
    else expectErrorEnvelope(exchange, this.operation, what);
    await expectUnchanged(side, real, userId, what, this.operation);
  }
  toString(): string {
    return `${this.operation}(missing #${this.slot})`;
  }
}

