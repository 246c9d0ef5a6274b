// What the model-based checks' commands share: the two sides of a sequence (model.ts and the target),
// the generated user data and what a target may refuse of it, which user a command acts on, and how an
// answered user is compared with the model (a difference names the operation at fault).
import type fc from 'fast-check';
import type { Exchange } from '../harness/http.ts';
import { ModelDivergence, STRONG_PASSWORD } from '../harness/properties.ts';
import { answerOf, expectUserAnswer } from './answers.ts';
import type { TykDriver } from './driver.ts';
import { expectedFields, type ModelUser, type TykModel, type UserFields } from './model.ts';
import type { TykOperation } from './operations.ts';
import { show, userMismatches, type ExpectedUser, type Permissions, type TykUser } from './values.ts';

export interface ModelSide {
  model: TykModel;
  /** slot -> the run-prefixed name of the user in that slot (its address is `<name>@example.com`). */
  names: readonly string[];
  /** An id shaped like the target's that no user has (read only). */
  neverId: string;
}

export interface RealSide {
  driver: TykDriver;
}

export type TykCommand = fc.AsyncCommand<ModelSide, RealSide>;

export interface UserData {
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  permissions?: Permissions | undefined;
  password?: string | undefined;
}

/** Letters, digits and single inner spaces, as the document's own names ("John", "Jasonson"). */
const PLAIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

export function isUnusual(data: UserData): boolean {
  const names = [data.firstName, data.lastName].some((value) => value !== undefined && !PLAIN.test(value));
  return names || (data.password !== undefined && !STRONG_PASSWORD.test(data.password));
}

/** Add User may refuse unusual text, or a body without one of the fields the sample sends (5.8 requires them). */
export function mayRefuseCreate(data: UserData): boolean {
  return isUnusual(data) || data.firstName === undefined || data.lastName === undefined || data.active === undefined || data.permissions === undefined;
}

export function describeData(data: UserData): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(', ');
}

export function userBody(data: UserData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (data.firstName !== undefined) body['first_name'] = data.firstName;
  if (data.lastName !== undefined) body['last_name'] = data.lastName;
  if (data.active !== undefined) body['active'] = data.active;
  if (data.permissions !== undefined) body['user_permissions'] = data.permissions;
  if (data.password !== undefined) body['password'] = data.password;
  return body;
}

export function modelFields(data: UserData): UserFields {
  const fields: UserFields = {};
  if (data.firstName !== undefined) fields.firstName = data.firstName;
  if (data.lastName !== undefined) fields.lastName = data.lastName;
  if (data.active !== undefined) fields.active = data.active;
  if (data.permissions !== undefined) fields.permissions = data.permissions;
  return fields;
}

export type Picked = { slot: number; name: string; user: ModelUser & { id: string } };

/**
 * The user a command acts on: the `pick`-th (modulo) of the users that exist and whose id is known, in
 * slot order, so that most generated commands apply once one user exists (deterministic, so shrinking
 * and replay work). `filter` narrows the candidates (e.g. users with a password).
 */
export function pickUser(side: Readonly<ModelSide>, pick: number, filter: (user: ModelUser) => boolean = () => true): Picked | undefined {
  const candidates = side.names.flatMap((name, slot) => {
    const user = side.model.get(name);
    return user?.id !== undefined && filter(user) ? [{ slot, name, user: user as ModelUser & { id: string } }] : [];
  });
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}

/** The first slot no user of this sequence has used yet: Add User always adds a new address. */
export function freeSlot(side: Readonly<ModelSide>): number | undefined {
  const index = side.names.findIndex((name) => !side.model.wasEverAdded(name));
  return index === -1 ? undefined : index;
}

/** The user as answered matches the model (what the model does not know yet is learned). */
export function expectModelUser(side: ModelSide, name: string, actual: unknown, what: string, operation: TykOperation, exchange?: Exchange): void {
  const expected = side.model.get(name);
  if (!expected) throw new ModelDivergence(`${what}: the model has no user ${name}`, 'a known user', actual, operation);
  let fields: ExpectedUser = expectedFields(expected);
  // The Get User sample shows a user without user_permissions (quirk get-sample-lacks-user-permissions).
  if (typeof actual === 'object' && actual !== null && !('user_permissions' in actual)) {
    const { user_permissions: _absent, ...rest } = fields;
    fields = rest;
  }
  const mismatches = userMismatches(actual, fields);
  if (mismatches.length > 0) throw new ModelDivergence(`${what}: ${mismatches.join('; ')}`, fields, exchange ? answerOf(exchange) : actual, operation);
  side.model.learn(name, actual as Record<string, unknown>);
}

/** GET answers the user as the model has it; a difference is `operation`'s (the write just made). */
export async function expectStoredAsModel(side: ModelSide, real: RealSide, name: string, what: string, operation: TykOperation): Promise<TykUser> {
  const id = side.model.get(name)?.id as string;
  const exchange = await real.driver.get(id);
  const user = expectUserAnswer(exchange, `${what}: GET /api/users/${id}`, real.driver.profile, { operation });
  expectModelUser(side, name, user, `${what}: GET /api/users/${id}`, operation, exchange);
  return user;
}

/** A command on one of the sequence's users: the `pick`-th that exists (see pickUser). */
export class PickedCommand {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check(side: Readonly<ModelSide>): boolean {
    return pickUser(side, this.pick) !== undefined;
  }
}
