// What the model-based checks' commands share (model-writes.ts, model-reads.ts): the two sides of a
// sequence, the generated user data, and the comparisons of an answer with the model, each failing with
// the operation whose answer or effect diverged (a field read back wrong is the last write's).
import type fc from 'fast-check';
import { answerOf, expectNoServerError, fail } from '../harness/expect.ts';
import { show } from '../harness/fields.ts';
import type { Exchange } from '../harness/http.ts';
import { STRONG_PASSWORD } from '../harness/properties.ts';
import type { VaaOperation } from './answers.ts';
import type { VaaDriver } from './driver.ts';
import { expectedFields, type VaaModel } from './model.ts';
import { expectUser } from './story.ts';

/** The model side of a sequence: the model, and the userIds this sequence uses (slot -> userId). */
export interface ModelSide {
  model: VaaModel;
  names: readonly string[];
}

export interface RealSide {
  driver: VaaDriver;
  names: readonly string[];
  customerIds: readonly string[];
  /** The last write each user had, to blame when it is later read back wrong. */
  lastWrite: Map<string, VaaOperation>;
}

export type VaaCommand = fc.AsyncCommand<ModelSide, RealSide>;

/** Letters, digits and single inner spaces, as in the document's own names ("Firstname Changed", ""). */
const PLAIN = /^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*)?$/;

export interface UserData {
  firstName?: string | undefined;
  lastName?: string | undefined;
  password?: string | undefined;
  /** Index into the run's customer ids. */
  customer?: number | undefined;
}

/** Longer than any name the document shows ("Firstname Changed"): a server may set a limit it does not. */
const LONGEST_PLAIN = 32;

/** Data the document does not oblige a server to take: a 4xx is then a choice, not a deviation. */
export function isUnusual(data: UserData): boolean {
  const names = [data.firstName, data.lastName].some((value) => value !== undefined && (!PLAIN.test(value) || value.length > LONGEST_PLAIN));
  return names || (data.password !== undefined && !STRONG_PASSWORD.test(data.password));
}

export function describeData(data: UserData): string {
  const parts = [
    data.firstName !== undefined ? `firstName=${show(data.firstName)}` : '',
    data.lastName !== undefined ? `lastName=${show(data.lastName)}` : '',
    data.password !== undefined ? `password=${show(data.password)}` : '',
    data.customer !== undefined ? `customer#${data.customer}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

export function bodyFields(data: UserData, real: RealSide): Record<string, string> {
  const fields: Record<string, string> = {};
  if (data.firstName !== undefined) fields['firstName'] = data.firstName;
  if (data.lastName !== undefined) fields['lastName'] = data.lastName;
  if (data.password !== undefined) fields['password'] = data.password;
  if (data.customer !== undefined) fields['customerId'] = real.customerIds[data.customer] as string;
  return fields;
}

/** The model's fields for what a write sends (a password is never shown, so never modelled). */
export function modelFields(data: UserData, real: RealSide): { firstName?: string; lastName?: string; customerId?: string } {
  const { password: _password, ...fields } = bodyFields(data, real);
  return fields;
}

export function emailOf(names: readonly string[], slot: number, variant = 0): string {
  return variant === 0 ? `${names[slot]}@example.com` : `${names[slot]}.v${variant}@example.com`;
}

export function isClientError(exchange: { response: { status: number } }): boolean {
  return exchange.response.status >= 400 && exchange.response.status < 500;
}

/** The user's fields as an answer shows them match the model (what is not known yet is learned). */
export function expectModelUser(side: ModelSide, real: RealSide, userId: string, actual: unknown, what: string, exchange: Exchange, operation?: VaaOperation): void {
  const expected = side.model.get(userId);
  if (!expected) fail(`${what}: the model has no user ${userId}`, 'a known user', answerOf(exchange), { operation: 'listUsers' });
  expectUser(actual, expectedFields(expected), what, { operation: operation ?? real.lastWrite.get(userId) ?? 'createUser', kind: 'model-divergence', exchange });
  side.model.learn(userId, actual as Record<string, unknown>);
}

/** GET ?userId= shows the user exactly as the model has it (or no user); a difference is `operation`'s. */
export async function expectUnchanged(side: ModelSide, real: RealSide, userId: string, what: string, operation: VaaOperation): Promise<void> {
  const { user, exchange } = await real.driver.findUser(userId, `${what}: GET ?userId=${userId}`);
  const stored = side.model.get(userId);
  if (!stored && user) fail(`${what}: GET ?userId=${userId} finds a user the model does not have`, 'no such user', answerOf(exchange), { kind: 'model-divergence', operation });
  if (stored && !user) fail(`${what}: GET ?userId=${userId} finds no user`, expectedFields(stored), answerOf(exchange), { kind: 'model-divergence', operation });
  if (user) expectModelUser(side, real, userId, user, `${what}: GET ?userId=${userId}`, exchange, operation);
}

/** A refusal of data the document does not require a server to take: a 4xx that changes nothing. */
export async function expectRefusalChangedNothing(side: ModelSide, real: RealSide, exchange: Exchange, userId: string, what: string, operation: VaaOperation): Promise<void> {
  expectNoServerError(exchange, what);
  await expectUnchanged(side, real, userId, `${what} was refused (HTTP ${exchange.response.status})`, operation);
}

