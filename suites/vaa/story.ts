// The document's story (add testuser1 from the add file, modify it with the modify file, deactivate,
// reactivate, delete), replayed with run-prefixed users standing in for the document's: every documented
// value that is not an identifier is kept (names, roles, the password), and how a user must look after
// each step. Used by the section files whose examples continue the story.
import { fixtureOf } from '../../fixtures/index.ts';
import type { User } from '../../specs/types/vaa.ts';
import type { CheckContext } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { FailureKind } from '../harness/failures.ts';
import { fieldMismatches } from '../harness/fields.ts';
import type { Exchange } from '../harness/http.ts';
import type { VaaOperation } from './answers.ts';
import { VaaDriver, newIdentity } from './driver.ts';

export const ADD_FILE = 'vaa/create-user/add-new-user-file';
export const ADD_INLINE = 'vaa/create-user/add-new-user-inline';
export const MODIFY_FILE = 'vaa/update-user/update-existing-user-file';
export const MODIFY_INLINE = 'vaa/update-user/update-existing-user-inline';
export const DEACTIVATE_INLINE = 'vaa/deactivate-user/deactivate-user-inline';
export const REACTIVATE_INLINE = 'vaa/reactivate-user/reactivate-user-inline';
export const DELETE_INLINE = 'vaa/delete-user/delete-existing-user-inline';

/** The identifiers a run uses in place of the document's `testuser1`, `1234` and `Customer B`. */
export interface StandIn {
  userId: string;
  /** For `testuser1@test.com`. */
  email: string;
  /** For `testuser1@Changed` (not an address any server must accept: a reserved-domain one instead). */
  changedEmail: string;
  /**
   * For customerId `1234`. Customers cannot be deleted through this API, so a run creates one for all
   * its examples: it carries the run prefix, as users do.
   */
  customerId: string;
  /** For customerName `Customer B`, which "should be unique": one per run, like the customer. */
  customerName: string;
  /** The id the server gave the user, once known: it replaces the document's placeholder "xxxxxxxxxxxxxxxxx". */
  id?: string;
}

export function newStandIn(context: CheckContext): StandIn {
  const { userId, email } = newIdentity(context, 'testuser1');
  const run = context.config.namePrefix;
  return { userId, email, changedEmail: `${userId}@changed.example.com`, customerId: `${run}cust1234`, customerName: `Customer B ${run}` };
}

/**
 * A documented request body with the document's identifiers replaced by the stand-in's. The placeholder
 * `id` becomes the user's real id (a server that reads it must find the same user), or is left out
 * while the id is not known.
 */
export function documentedBody(fixtureId: string, standIn: StandIn): Record<string, unknown> {
  const body = structuredClone(fixtureOf('vaa', fixtureId).request.body) as Record<string, unknown>;
  body['userId'] = standIn.userId;
  if (body['email'] === 'testuser1@test.com') body['email'] = standIn.email;
  else if (body['email'] === 'testuser1@Changed') body['email'] = standIn.changedEmail;
  if (body['customerId'] === '1234') body['customerId'] = standIn.customerId;
  if (typeof body['customerName'] === 'string' && body['customerName'] !== '') body['customerName'] = standIn.customerName;
  if ('id' in body) {
    if (standIn.id !== undefined) body['id'] = standIn.id;
    else delete body['id'];
  }
  return body;
}

/** The user as the document's outputs show it after the add file (ids aside). */
export function afterAddFile(standIn: StandIn): Record<string, unknown> {
  return { email: standIn.email, userId: standIn.userId, firstName: 'TFirst', lastName: 'TLast', status: 'active', customerId: standIn.customerId };
}

/** The user as the document's outputs show it after the modify file (ids aside). */
export function afterModifyFile(standIn: StandIn, status: 'active' | 'inactive' = 'active'): Record<string, unknown> {
  return { email: standIn.email, userId: standIn.userId, firstName: 'Firstname Changed', lastName: 'Last Name changed', status, customerId: standIn.customerId };
}

/** The story's first step as a prerequisite: POST the add file (deleted after the check); learns the user's id. */
export async function addFromFile(context: CheckContext, driver: VaaDriver, standIn: StandIn): Promise<User> {
  const created = await driver.createStandIn(context, documentedBody(ADD_FILE, standIn) as { userId: string; email: string }, "POST the add file (the story's first step)");
  if (typeof created.id === 'string') standIn.id = created.id;
  return created;
}

/** The story up to PUT Example 1: the user added from the add file, then modified with the modify file. */
export async function addAndModify(context: CheckContext, driver: VaaDriver, standIn: StandIn): Promise<User> {
  const created = await addFromFile(context, driver, standIn);
  await driver.prepare(context, 'updateUser', documentedBody(MODIFY_FILE, standIn), "PUT the modify file (the story's second step)");
  return created;
}

export interface Blame {
  /** The operation whose effect is wrong when the fields are (the write being verified). */
  operation: VaaOperation;
  kind?: FailureKind;
  exchange?: Exchange;
}

/** The user has (at least) these fields; anything else is free. */
export function expectUser(actual: unknown, expected: Record<string, unknown>, what: string, blame: Blame): void {
  const mismatches = fieldMismatches(actual, expected);
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expected, blame.exchange ? answerOf(blame.exchange) : actual, { kind: blame.kind ?? 'literal', operation: blame.operation });
}

/** GET ?userId= finds the user with these fields; a missing or different user is `operation`'s fault. */
export async function expectStored(driver: VaaDriver, userId: string, expected: Record<string, unknown>, what: string, operation: VaaOperation, kind: FailureKind = 'not-stored'): Promise<User> {
  const { user, exchange } = await driver.findUser(userId, what);
  if (!user) fail(`${what}: GET ?userId=${userId} finds no user`, expected, answerOf(exchange), { kind, operation });
  expectUser(user, expected, what, { operation, kind, exchange });
  return user;
}
