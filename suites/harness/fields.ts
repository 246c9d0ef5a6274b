// Field matching every API's checks share: compare only the fields a check knows (extra fields, their
// order and key case are free), strings as Unicode text (NFC or NFD alike), with a per-field comparison
// where an API needs one (Checkmarx dates as instants and id lists as sets, Tyk permissions as a subset).
import { isDeepStrictEqual } from 'node:util';
import type { Exchange } from './http.ts';
import { answerOf, fail } from './expect.ts';

export type SameValue = (field: string, actual: unknown, expected: unknown) => boolean;

export function sameText(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual === expected || actual.normalize('NFC') === expected.normalize('NFC');
  return isDeepStrictEqual(actual, expected);
}

export function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 70)}…"(${typeof value === 'string' ? `${value.length} characters` : `${json.length} bytes of JSON`})` : json;
}

/** What differs between an answered object and the fields expected of it; [] when nothing does. */
export function fieldMismatches(actual: unknown, expected: Record<string, unknown>, same: SameValue = (_field, a, b) => sameText(a, b)): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`the user is ${show(actual)}, not an object`];
  const record = actual as Record<string, unknown>;
  return Object.entries(expected).flatMap(([key, value]) => {
    if (value === undefined) return [];
    if (!(key in record)) return [`${key} is missing`];
    return same(key, record[key], value) ? [] : [`${key} is ${show(record[key])}, not ${show(value)}`];
  });
}

/** Fails with kind 'not-stored' when a user read back lacks what was written. */
export function expectFields(actual: unknown, expected: Record<string, unknown>, what: string, options: { exchange?: Exchange; operation?: string; same?: SameValue } = {}): void {
  const mismatches = fieldMismatches(actual, expected, options.same);
  if (mismatches.length > 0) {
    fail(`${what}: ${mismatches.join('; ')}`, expected, options.exchange ? answerOf(options.exchange) : actual, { kind: 'not-stored', ...(options.operation ? { operation: options.operation } : {}) });
  }
}
