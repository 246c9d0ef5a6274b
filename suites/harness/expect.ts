// Assertions for checks. Each failure says what the document expects, what came back, and carries the
// exchanges that show it. Tolerant exactly where the documents leave things open: header-name case,
// field order, extra fields, a charset (or other) media-type parameter, JSON number formatting.
import { isDeepStrictEqual } from 'node:util';
import type { ApiId } from '../../specs/apis.ts';
import { responseProblems } from '../../specs/schemas.ts';
import type { SpecValidator } from '../../specs/validation.ts';
import { CheckFailure, type FailureKind } from './failures.ts';
import type { Exchange } from './http.ts';

export interface FailOptions {
  kind?: FailureKind;
  /** The operation whose answer was wrong: the root-cause key. */
  operation?: string;
  exchanges?: Exchange[];
}

export function fail(message: string, expected: unknown, actual: unknown, options?: Exchange[] | FailOptions): never {
  const { kind, operation, exchanges } = Array.isArray(options) ? { exchanges: options, kind: undefined, operation: undefined } : (options ?? {});
  throw new CheckFailure(message, { expected, actual, ...(kind ? { kind } : {}), ...(operation ? { operation } : {}), ...(exchanges ? { exchanges } : {}) });
}

/** What came back, for Expected/Actual: status and body (or the text when it is not JSON). */
export function answerOf(exchange: Exchange): string {
  const { response } = exchange;
  const body = response.json !== undefined ? JSON.stringify(response.json) : response.text === '' ? '(no body)' : response.text.slice(0, 500);
  const location = response.headers['location'] !== undefined ? ` (Location: ${response.headers['location']})` : '';
  return `HTTP ${response.status}${location} ${body.length > 800 ? `${body.slice(0, 800)}...` : body}`;
}

// Each assertion below takes the operation whose answer it judges (`operation`, the root-cause key),
// so that one broken operation is one root cause however many checks meet it.

/** `expectedText` replaces the plain "HTTP 201" in Expected when the check can say more. */
export function expectStatus(exchange: Exchange, expected: number | readonly number[], what: string, expectedText?: string, operation?: string): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  const { status } = exchange.response;
  if (!allowed.includes(status)) {
    fail(`${what}: HTTP ${status}, expected ${allowed.join(' or ')}`, expectedText ?? `HTTP ${allowed.join(' or ')}`, answerOf(exchange), { kind: status >= 500 ? 'server-error' : 'status', ...(operation ? { operation } : {}) });
  }
}

/** A 2xx: the operation did what was asked (its exact status is another check's business). */
export function expectSuccess(exchange: Exchange, what: string, operation?: string): void {
  const { status } = exchange.response;
  if (status >= 200 && status < 300) return;
  fail(`${what}: HTTP ${status}, ${operation ? `the ${operation} was not done` : 'not a success'}`, 'a 2xx answer', answerOf(exchange), { kind: status >= 500 ? 'server-error' : 'status', ...(operation ? { operation } : {}) });
}

/** 2xx and 4xx are answers; a 5xx to a well-formed or malformed request is never conformant. */
export function expectNoServerError(exchange: Exchange, what: string, operation?: string): void {
  if (exchange.response.status >= 500) fail(`${what}: the server failed (HTTP ${exchange.response.status})`, 'a 2xx or 4xx answer', answerOf(exchange), { kind: 'server-error', ...(operation ? { operation } : {}) });
}

/** A 4xx refusal: never a success, never a 5xx. */
export function expectClientError(exchange: Exchange, what: string, operation?: string): void {
  const { status } = exchange.response;
  if (status < 400 || status >= 500) fail(`${what}: HTTP ${status}, expected a 4xx refusal`, 'HTTP 4xx', answerOf(exchange), { kind: status >= 500 ? 'server-error' : 'not-refused', ...(operation ? { operation } : {}) });
}

export function expectJson(exchange: Exchange, what: string): unknown {
  if (exchange.response.json === undefined) {
    fail(`${what}: the body is not JSON`, 'a JSON body', exchange.response.jsonError ?? answerOf(exchange), { kind: 'not-json' });
  }
  return exchange.response.json;
}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) fail(`${what}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`, expected, actual);
}

/** `subset` holds for `actual`: every key of `subset` is in `actual` with an equal value (recursively for objects). */
export function expectSubset(actual: unknown, subset: Record<string, unknown>, what: string): void {
  const mismatches = subsetMismatches(actual, subset, '');
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, subset, actual);
}

function subsetMismatches(actual: unknown, subset: Record<string, unknown>, path: string): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path || 'the value'} is not an object`];
  const record = actual as Record<string, unknown>;
  return Object.entries(subset).flatMap(([key, expected]) => {
    const here = path ? `${path}.${key}` : key;
    if (!(key in record)) return [`${here} is missing`];
    if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) return subsetMismatches(record[key], expected as Record<string, unknown>, here);
    return isDeepStrictEqual(record[key], expected) ? [] : [`${here} is ${JSON.stringify(record[key])}, not ${JSON.stringify(expected)}`];
  });
}

const validators = new Map<ApiId, Promise<SpecValidator>>();
/** Prism's full validator, loaded on first use only (it costs a second or two of start-up per worker). */
export function specValidator(api: ApiId): Promise<SpecValidator> {
  let validator = validators.get(api);
  if (!validator) validators.set(api, (validator = import('../../specs/validation.ts').then(({ SpecValidator: Validator }) => Validator.load(api))));
  return validator;
}

/**
 * The response is one the spec declares for the operation, with its required headers and a conforming
 * body (types, required keys, literal consts). Extra fields, key order, header-name case and media-type
 * parameters are free: no document fixes them.
 */
export async function expectConforms(exchange: Exchange, api: ApiId, operationId: string, what: string): Promise<void> {
  const { response } = exchange;
  const problems = responseProblems(api, operationId, {
    status: response.status,
    headers: response.headers,
    body: response.json ?? (response.text === '' ? undefined : response.text),
  });
  if (problems.length > 0) {
    fail(`${what}: the answer does not match specs/${api}.openapi.yaml (${operationId}): ${problems.join('; ')}`, `an answer the spec declares for ${operationId}`, answerOf(exchange), { kind: 'schema', operation: operationId });
  }
}
