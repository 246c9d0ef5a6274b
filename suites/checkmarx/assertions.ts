// The assertions on one answer the Checkmarx checks share. Each names the operation whose answer (or effect) it
// judges, so that one broken operation is one root cause in the report however many checks meet it.
// Tolerant where the document is: field order, extra fields, header case, media-type parameters; ids
// as integers of any size and order; id lists as sets, dates as instants, text as Unicode text.
import { componentSchemaProblems } from '../../specs/schemas.ts';
import { answerOf, expectClientError, expectNoServerError as expectNoFailure, expectStatus, expectSuccess as expectDone, fail } from '../harness/expect.ts';
import type { FailureKind } from '../harness/failures.ts';
import { fieldMismatches } from '../harness/fields.ts';
import type { Exchange } from '../harness/http.ts';
import type { Operation } from './operations.ts';
import { FIELDS, sameFieldValue } from './model.ts';

// The harness's assertions, with the Checkmarx operation first (as every check here calls them).

/** The status is one of `statuses`; otherwise `operation` answered wrongly. */
export function expectAnswer(exchange: Exchange, operation: Operation, statuses: number | readonly number[], what: string, expectedText?: string): void {
  expectStatus(exchange, statuses, what, expectedText, operation);
}

export function expectSuccess(exchange: Exchange, operation: Operation, what: string): void {
  expectDone(exchange, what, operation);
}

export function expectRefusal(exchange: Exchange, operation: Operation, what: string): void {
  expectClientError(exchange, what, operation);
}

export function expectNoServerError(exchange: Exchange, operation: Operation, what: string): void {
  expectNoFailure(exchange, what, operation);
}

/** "Sample Response: no content" / "it does not return any content". */
export function expectNoBody(exchange: Exchange, operation: Operation, what: string): void {
  if (exchange.response.text.trim() !== '') fail(`${what}: the answer has a body, the document shows no content`, `HTTP ${exchange.response.status} with no body`, answerOf(exchange), { kind: 'literal', operation, exchanges: [exchange] });
}

/** What is wrong with a user object against the documented keys and types, or [] when nothing is. */
export function userShapeProblems(value: unknown): string[] {
  return componentSchemaProblems('checkmarx', 'User', value);
}

export function expectUserShape(value: unknown, operation: Operation, what: string, exchange: Exchange): void {
  const problems = userShapeProblems(value);
  if (problems.length > 0) {
    fail(`${what}: the user does not have the documented fields and types: ${problems.slice(0, 6).join('; ')}`, 'the sample\'s keys with their types: integer id, string userName, integer arrays roleIds/teamIds, boolean active, ...', answerOf(exchange), { kind: 'schema', operation, exchanges: [exchange] });
  }
}

/**
 * The fields a check knows match (id lists as sets, dates as instants, strings as Unicode text).
 * `operation` is the write whose effect is missing (kind 'not-stored'), or the read that answered wrong.
 */
export function expectUserValues(actual: unknown, expected: Record<string, unknown>, operation: Operation, what: string, exchange: Exchange, kind: FailureKind = 'not-stored'): void {
  const mismatches = fieldMismatches(actual, expected, sameFieldValue);
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expected, answerOf(exchange), { kind, operation, exchanges: [exchange] });
}

/**
 * The documented fields of a user as it is now, for comparing before and after a write that must not
 * change them: lastLoginDate left out (logins change it), and fields the document does not have (a
 * server may derive them from others, e.g. a full name).
 */
export function stableFields(user: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(['id', 'userName', ...FIELDS].filter((field) => field in user).map((field) => [field, user[field]]));
}
