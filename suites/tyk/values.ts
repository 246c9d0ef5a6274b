// Users as the checks know them, and the values the checks make up: comparisons that leave open what
// the documents leave open (extra fields, extra permissions, Unicode normal forms, address case), ids
// and keys the target never issued, passwords, run-prefixed addresses.
import { randomBytes } from 'node:crypto';
import { fieldMismatches, sameText } from '../harness/fields.ts';

export type Permissions = Record<string, string>;

/** A user as a target answers it: the fields every check relies on, and whatever else it carries. */
export interface TykUser {
  id: string;
  email_address: string;
  first_name?: string;
  last_name?: string;
  active?: boolean;
  access_key?: string;
  user_permissions?: Permissions;
  [field: string]: unknown;
}

/** What a check knows of a user; every other field (and every extra permission) is free. */
export interface ExpectedUser {
  id?: string;
  email_address?: string;
  first_name?: string;
  last_name?: string;
  active?: boolean;
  /** Compared as a subset: these permissions with these levels (a target may add defaults). */
  user_permissions?: Permissions;
  access_key?: string;
}

function sameUserValue(field: string, actual: unknown, expected: unknown): boolean {
  if (field === 'email_address' && typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  if (field !== 'user_permissions') return sameText(actual, expected);
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  return Object.entries(expected as Permissions).every(([object, level]) => (actual as Record<string, unknown>)[object] === level);
}

/** What differs between an answered user and what a check expects of it; [] when nothing does. */
export function userMismatches(actual: unknown, expected: ExpectedUser): string[] {
  return fieldMismatches(actual, { ...expected }, sameUserValue);
}

export function sameEmail(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

export function emailFor(name: string): string {
  return `${name}@example.com`;
}

/**
 * A value of the same length and character classes that differs: a key or id the target never issued
 * but whose format it cannot refuse for being malformed (hex stays hex, digits stay digits, case kept).
 */
export function lookalike(value: string, position: 'last' | 'all' = 'last'): string {
  const shift = (char: string): string => {
    if (/[0-9]/.test(char)) return String((Number(char) + 1) % 10);
    if (/[a-f]/.test(char)) return 'abcdef'[('abcdef'.indexOf(char) + 1) % 6] as string;
    if (/[A-F]/.test(char)) return 'ABCDEF'[('ABCDEF'.indexOf(char) + 1) % 6] as string;
    if (/[g-z]/.test(char)) return String.fromCharCode(((char.charCodeAt(0) - 103 + 1) % 20) + 103);
    if (/[G-Z]/.test(char)) return String.fromCharCode(((char.charCodeAt(0) - 71 + 1) % 20) + 71);
    return char;
  };
  const chars = [...value];
  if (position === 'all') {
    const shifted = chars.map(shift).join('');
    return shifted === value ? `${value}0` : shifted;
  }
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    if (/[0-9A-Za-z]/.test(chars[index] as string)) {
      chars[index] = shift(chars[index] as string);
      return chars.join('');
    }
  }
  return `${value}0`;
}

/** An id shaped like `model` that none of `known` has: for "a user that never existed" (reads only). */
export function neverIssuedId(model: string, known: Iterable<string>): string {
  const taken = new Set(known);
  // Sequential numeric ids: a neighbour may be issued during the run, so one far beyond.
  const numeric = /^\d{1,15}$/.test(model) ? [String(Number(model) + 1_000_000)] : [];
  const candidates = [...numeric, lookalike(model), lookalike(model, 'all'), lookalike(lookalike(model, 'all')), `${model}9`, `${model}90817`];
  return candidates.find((candidate) => candidate !== model && !taken.has(candidate)) ?? `${model}${randomBytes(4).toString('hex')}`;
}

/** A password that is not `password`: every character shifted (bcrypt compares only the first 72 bytes). */
export function wrongPassword(password: string): string {
  return lookalike(password, 'all');
}

/** A password any password policy takes (upper, lower, digit, symbol, 12+ characters) and no answer should echo. */
export function newPassword(tag = 'Pw1'): string {
  return `${tag}-${randomBytes(6).toString('hex')}`;
}

/** Users of certification runs (`uac` + 6 hex digits, suites/certify/run.ts) come and go; others stay put. */
const CERTIFY_RUN_ADDRESS = /^uac[0-9a-f]{6}/i;

/** The users no certification run made first (they do not vanish while a check looks at them). */
export function stableFirst<T extends { email_address?: unknown }>(users: readonly T[]): T[] {
  const isRun = (user: T): boolean => CERTIFY_RUN_ADDRESS.test(String(user.email_address ?? ''));
  return [...users.filter((user) => !isRun(user)), ...users.filter(isRun)];
}

/** A short, readable form of a value for a failure message. */
export function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 70)}…"(${typeof value === 'string' ? value.length : '?'} characters)` : json;
}
