// An independent model of what the Checkmarx document says the Users resource does (never the mock's
// code): POST /Users and POST /Users/migration add a user with a new integer id ("Returns the location of
// the created user"), GET /Users lists every user, GET /Users/{id} answers one, PUT /Users/{id} sets the
// fields it is sent, DELETE /Users/{id} removes the user; an id no user has is "404 Not Found".
//
// What the document leaves open is open here too, and learned from the target's first answer (after
// which it must stay stable): the value of a field a user was created without, what null does, whether
// PUT keeps or resets a field it was not sent.
// Values compare as the document's types mean them: id lists as sets, dates as instants, text as
// Unicode text.
import { isDeepStrictEqual } from 'node:util';
import { sameText, show } from '../harness/fields.ts';

export const OPTIONAL_TEXT_FIELDS = ['phoneNumber', 'cellPhoneNumber', 'jobTitle', 'other', 'country'] as const;
export const TEXT_FIELDS = ['firstName', 'lastName', 'email', ...OPTIONAL_TEXT_FIELDS] as const;
export const LIST_FIELDS = ['roleIds', 'teamIds', 'allowedIpList'] as const;
export const FIELDS = [...TEXT_FIELDS, ...LIST_FIELDS, 'active', 'expirationDate', 'localeId', 'authenticationProviderId'] as const;
export type Field = (typeof FIELDS)[number];

/** What a field of a model user must be: a known value, one of a few values, or anything of its type. */
export type Expectation = { kind: 'known'; value: unknown } | { kind: 'one-of'; values: unknown[] } | { kind: 'open' };

export interface ModelUser {
  id: number;
  userName: string;
  fields: Record<Field, Expectation>;
}

export type FieldValues = Partial<Record<Field, unknown>>;

const OPEN: Expectation = { kind: 'open' };

export class CheckmarxModel {
  private readonly users = new Map<number, ModelUser>();

  has(id: number): boolean {
    return this.users.has(id);
  }

  get(id: number): ModelUser | undefined {
    const user = this.users.get(id);
    return user && copy(user);
  }

  /**
   * POST /Users, POST /Users/migration: a new user with the values given. A field not given (or given
   * as null) takes the server's default, which the document does not name: open until seen.
   */
  add(id: number, userName: string, given: FieldValues): ModelUser {
    const fields = Object.fromEntries(FIELDS.map((field) => [field, OPEN])) as Record<Field, Expectation>;
    for (const [field, value] of Object.entries(given) as Array<[Field, unknown]>) {
      if (value !== null && value !== undefined) fields[field] = { kind: 'known', value: normalise(field, value) };
    }
    const user: ModelUser = { id, userName, fields };
    this.users.set(id, user);
    return copy(user);
  }

  /**
   * PUT /Users/{id}: "Update user details according to User Id." A value given is the new value. Null
   * (what real clients send for what they leave out) either clears an optional text or date, or leaves
   * it; for lists it is open. A field not sent is open: the document does not say whether PUT keeps it
   * (update-user.ts checks keeping it as a SHOULD).
   */
  update(id: number, given: FieldValues, sent: readonly Field[]): boolean {
    const user = this.users.get(id);
    if (!user) return false;
    const fields = { ...user.fields };
    for (const field of FIELDS) {
      if (!sent.includes(field)) {
        if (field !== 'authenticationProviderId') fields[field] = OPEN;
        continue;
      }
      const value = given[field];
      if (value !== null && value !== undefined) fields[field] = { kind: 'known', value: normalise(field, value) };
      else fields[field] = nullOutcome(field, user.fields[field]);
    }
    this.users.set(id, { ...user, fields });
    return true;
  }

  /** DELETE /Users/{id}: the user is gone; its id answers 404 from now on. */
  remove(id: number): boolean {
    return this.users.delete(id);
  }

  /**
   * Compares a user as the target answers it with the model; what was open becomes what was seen.
   * Answers the mismatches (none when it matches).
   */
  observe(id: number, actual: unknown): string[] {
    const user = this.users.get(id);
    if (!user) return [`the model has no user ${id}`];
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`the user is ${JSON.stringify(actual)}, not an object`];
    const record = actual as Record<string, unknown>;
    const problems: string[] = [];
    if (record['id'] !== id) problems.push(`id is ${JSON.stringify(record['id'])}, not ${id}`);
    if (!sameText(record['userName'], user.userName)) problems.push(`userName is ${JSON.stringify(record['userName'])}, not ${JSON.stringify(user.userName)}`);
    const learned = { ...user.fields };
    for (const field of FIELDS) {
      const expectation = user.fields[field];
      if (!(field in record)) {
        problems.push(`${field} is missing`);
        continue;
      }
      const value = record[field];
      if (expectation.kind === 'known' && !sameFieldValue(field, value, expectation.value)) problems.push(`${field} is ${show(value)}, not ${show(expectation.value)}`);
      if (expectation.kind === 'one-of' && !expectation.values.some((candidate) => sameFieldValue(field, value, candidate))) {
        problems.push(`${field} is ${show(value)}, not one of ${expectation.values.map(show).join(', ')}`);
      }
      if (expectation.kind !== 'known') learned[field] = { kind: 'known', value: normalise(field, value) };
    }
    if (problems.length === 0) this.users.set(id, { ...user, fields: learned });
    return problems;
  }
}

/** What null leaves a field as: cleared (null or "") or as it was; open for lists and ids. */
function nullOutcome(field: Field, before: Expectation): Expectation {
  const previous = before.kind === 'known' ? [before.value] : before.kind === 'one-of' ? before.values : undefined;
  if (previous === undefined) return OPEN;
  if ((OPTIONAL_TEXT_FIELDS as readonly string[]).includes(field)) return { kind: 'one-of', values: [null, '', ...previous] };
  if (field === 'expirationDate') return { kind: 'one-of', values: [null, ...previous] };
  if (field === 'firstName' || field === 'lastName' || field === 'email' || field === 'localeId' || field === 'active') return { kind: 'one-of', values: previous };
  return OPEN;
}

function copy(user: ModelUser): ModelUser {
  return { ...user, fields: { ...user.fields } };
}

/** A value as the documented type means it: `active` "true"/"false" is the boolean, lists are sets. */
export function normalise(field: string, value: unknown): unknown {
  if (field === 'active' && (value === 'true' || value === 'false')) return value === 'true';
  if ((LIST_FIELDS as readonly string[]).includes(field) && Array.isArray(value)) return [...value].sort(compareItems);
  return value;
}

function compareItems(a: unknown, b: unknown): number {
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

/** Equal as the document's types mean them (see normalise, sameInstant, sameText). */
export function sameFieldValue(field: string, actual: unknown, expected: unknown): boolean {
  if (field === 'expirationDate' || field === 'lastLoginDate') {
    if (actual === null || expected === null) return actual === expected;
    return typeof expected === 'string' && sameInstant(actual, expected);
  }
  if ((LIST_FIELDS as readonly string[]).includes(field)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return actual === expected;
    const a = normalise(field, actual) as unknown[];
    const e = normalise(field, expected) as unknown[];
    return a.length === e.length && a.every((item, index) => sameText(item, e[index]) || item === e[index]);
  }
  if (typeof expected === 'string') return sameText(actual, expected);
  return isDeepStrictEqual(actual, normalise(field, expected));
}

// --- dates ---------------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface DateParts {
  /** The wall-clock time, read as UTC, in epoch milliseconds. */
  wall: number;
  /** Offset from UTC in minutes, when the text gives one. */
  offsetMinutes: number | undefined;
}

function dateParts(text: string): DateParts | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = '', offset] = match as unknown as string[];
  const milliseconds = Number(`0.${fraction || '0'}`) * 1000;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds)) + Math.round(milliseconds);
  if (!Number.isFinite(wall)) return undefined;
  let offsetMinutes: number | undefined;
  if (offset !== undefined) {
    if (offset.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const digits = offset.slice(1).replace(':', '');
      offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
    }
  }
  return { wall, offsetMinutes };
}

/**
 * The same instant, whatever the formatting (fractional digits, offset). An answer without an offset may
 * also give the wall-clock time as it was sent.
 */
export function sameInstant(actual: unknown, expected: string): boolean {
  if (actual === expected) return true;
  if (typeof actual !== 'string') return false;
  const a = dateParts(actual);
  const e = dateParts(expected);
  if (!a || !e) return false;
  const expectedInstant = e.wall - (e.offsetMinutes ?? 0) * 60_000;
  if (a.offsetMinutes !== undefined) return a.wall - a.offsetMinutes * 60_000 === expectedInstant;
  return a.wall === expectedInstant || a.wall === e.wall;
}
