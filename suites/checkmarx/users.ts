// The users the checks create, and what they expect to read back. Bodies start from the fixtures (the
// project's create, update and migration requests: every documented field, as the python SDK sends
// them) and give every field a value, so that each documented field is written and read back: texts
// like the document's first sample, `active` a boolean and `expirationDate` a date-time as the samples
// show, and the role, team, provider and locale ids the target itself uses.
import { randomBytes, randomInt } from 'node:crypto';
import { fixtureOf } from '../../fixtures/index.ts';
import type { CheckContext } from '../harness/check.ts';
import type { CheckmarxDriver, OwnedUser } from './driver.ts';
import { installationOf, type Installation } from './installation.ts';
import { expectSuccess } from './assertions.ts';
import { expectGone, listUsers } from './reads.ts';

const CREATE = 'checkmarx/create-user/create-new-user';
const UPDATE = 'checkmarx/update-user/update-a-user';
const MIGRATE = 'checkmarx/migrate-user/migrate-existing-user';

/** Values for the fields the fixtures leave null: the document's first sample where it has one. */
const CREATED_TEXTS = { phoneNumber: '0501234567', cellPhoneNumber: '+972501234567', jobTitle: 'Admin', other: 'created by userapi certify', country: 'Algeria', allowedIpList: [] as string[] };
/** Different values for an update. allowedIpList names a documentation address (RFC 5737): the user is the run's. */
const UPDATED_TEXTS = { phoneNumber: '0507654321', cellPhoneNumber: '+972507654321', jobTitle: 'Team Lead', other: 'updated by userapi certify', country: 'Israel', allowedIpList: ['192.0.2.10'] };

/** A password any reasonable policy takes (facts: 8+ characters, upper, lower, special; here 16, and a digit). */
export function strongPassword(): string {
  return `Aa1!${randomBytes(9).toString('base64url')}`;
}

/** The address a run-prefixed user gets: a reserved domain. */
export function emailOf(userName: string, variant = 0): string {
  return variant === 0 ? `${userName}@example.com` : `${userName}.v${variant}@example.com`;
}

function documented(fixtureId: string, userName: string, found: Installation, texts: Record<string, unknown>, emailVariant: number, teamSet: number): Record<string, unknown> {
  const body = structuredClone(fixtureOf('checkmarx', fixtureId).request.body) as Record<string, unknown>;
  if ('username' in body) body['username'] = userName;
  if ('email' in body) body['email'] = emailOf(userName, emailVariant);
  if (typeof body['password'] === 'string') body['password'] = strongPassword();
  for (const [key, value] of Object.entries(texts)) if (body[key] === null) body[key] = value;
  mapIds(body, 'roleIds', found.roles);
  if (Array.isArray(body['teamIds'])) {
    if (found.teamSets.length === 0) delete body['teamIds'];
    else body['teamIds'] = found.teamSets[teamSet % found.teamSets.length];
  }
  mapId(body, 'authenticationProviderId', found.providerId);
  mapId(body, 'localeId', found.localeId);
  if (body['active'] === 'true' || body['active'] === 'false') body['active'] = body['active'] === 'true';
  if (typeof body['expirationDate'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body['expirationDate'])) body['expirationDate'] = `${body['expirationDate']}T00:00:00Z`;
  // "creationDate=[integer]" in the document, a date string from real clients: left to their own checks.
  delete body['creationDate'];
  return body;
}

/** The document's ids 1, 2, ... become the target's first, second, ... id of that kind. */
function mapIds(body: Record<string, unknown>, key: string, pool: number[]): void {
  const value = body[key];
  if (!Array.isArray(value)) return;
  if (pool.length === 0) {
    delete body[key];
    return;
  }
  const ranks = [...new Set(value as number[])].sort((a, b) => a - b);
  body[key] = [...new Set(ranks.map((_, rank) => pool[rank]).filter((id): id is number => id !== undefined))];
}

function mapId(body: Record<string, unknown>, key: string, id: number | undefined): void {
  if (!(key in body) || body[key] === null) return;
  if (id === undefined) delete body[key];
  else body[key] = id;
}

/** The documented create body for a new run-prefixed user: every field of createUserModel. */
export function createBody(userName: string, found: Installation): Record<string, unknown> {
  return documented(CREATE, userName, found, CREATED_TEXTS, 0, 0);
}

/** The documented update body for the user `userName`: every field of updateUserModel, each changed. */
export function updateBody(userName: string, found: Installation): Record<string, unknown> {
  return documented(UPDATE, userName, found, UPDATED_TEXTS, 1, 1);
}

/** The documented migration body (migrationUserModel without creationDate, which has its own checks). */
export function migrationBody(userName: string, found: Installation): Record<string, unknown> {
  return documented(MIGRATE, userName, found, CREATED_TEXTS, 0, 0);
}

/** A new run-prefixed user's documented create body (not yet sent). */
export async function newUser(context: CheckContext, hint = 'bob'): Promise<Record<string, unknown>> {
  return createBody(context.uniqueName(hint), await installationOf(context));
}

/** A user created with the documented body, as a step the check needs (its failure blocks the check). */
export async function createdUser(context: CheckContext, driver: CheckmarxDriver, hint = 'bob', body?: Record<string, unknown>): Promise<{ owned: OwnedUser; body: Record<string, unknown> }> {
  const sent = body ?? (await newUser(context, hint));
  const owned = await context.prerequisite('POST /Users (a user for this check)', () => driver.createOwned(context, sent, 'POST /Users (a user for this check)'));
  return { owned, body: sent };
}

/** The request's user fields as a GET should answer them: `username` read as `userName`, `active` as a boolean, nulls left out. */
export function expectedFromBody(body: Record<string, unknown>): Record<string, unknown> {
  const expected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined || key === 'password' || key === 'creationDate') continue;
    if (key === 'username') expected['userName'] = value;
    else if (key === 'active') expected['active'] = value === true || value === 'true';
    else expected[key] = value;
  }
  return expected;
}

/**
 * An id no user has, for reads only: far above every listed id (ids are only seen to grow), or a random
 * unused one when that would leave the 32-bit range real servers use.
 */
export function unusedId(users: ReadonlyArray<Record<string, unknown>>): number {
  const ids = new Set(users.map((user) => user['id']).filter((id): id is number => Number.isSafeInteger(id)));
  const candidate = Math.max(0, ...ids) + 1_000_000 + randomInt(1_000_000);
  if (candidate <= 2_147_483_647) return candidate;
  for (;;) {
    const random = randomInt(1, 2_147_483_647);
    if (!ids.has(random)) return random;
  }
}

/**
 * A user to read that no concurrent check will delete: one that existed before the run (the run's own
 * login user, typically), else one the check creates (skipped when the run may not write).
 */
export async function readableUser(context: CheckContext, driver: CheckmarxDriver): Promise<{ id: number; listed?: Record<string, unknown> }> {
  const { users } = await context.prerequisite('GET /Users (a user to read)', () => listUsers(driver, 'GET /Users (a user to read)'));
  const ledger = context.config.guard.ledger;
  const listed = users.find((user) => Number.isSafeInteger(user['id']) && !ledger.isRunName(user['userName']));
  if (listed) return { id: listed['id'] as number, listed };
  if (context.config.readOnly) context.skip('the target lists no user with an integer id to read, and --read-only creates none');
  return { id: (await createdUser(context, driver)).owned.id };
}

/**
 * A user of the run that was created and deleted (confirmed gone): its id is one no user has, and the
 * only kind certify writes to when a check needs an absent id.
 */
export async function deletedUser(context: CheckContext, driver: CheckmarxDriver): Promise<{ id: number; userName: string }> {
  const { owned } = await createdUser(context, driver, 'gone');
  const gone = await context.prerequisite(`DELETE /Users/${owned.id} (a user no longer there)`, async () => {
    expectSuccess(await driver.remove(owned.id), 'deleteUser', `DELETE /Users/${owned.id}`);
    return expectGone(driver, owned.id, owned.userName, `after DELETE /Users/${owned.id}`);
  });
  if (gone === 'reused') context.skip(`the target gave the deleted id ${owned.id} to another user at once: certify does not write to it`);
  return { id: owned.id, userName: owned.userName };
}
