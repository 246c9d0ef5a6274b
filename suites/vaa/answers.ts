// The answers the VAA document shows, and the assertions that compare an answer with them. Every
// failure names the operation whose answer was wrong (the root-cause key). Free where the document is:
// ids, field order, extra fields, header case and media-type parameters.
import { answerOf, expectConforms, expectJson, expectNoServerError, fail } from '../harness/expect.ts';
import type { FailureKind } from '../harness/failures.ts';
import type { Exchange } from '../harness/http.ts';

export type VaaOperation = 'listUsers' | 'createUser' | 'updateUser' | 'deactivateUser' | 'reactivateUser' | 'deleteUser';

export interface Envelope {
  status: unknown;
  message: unknown;
  data: unknown;
}

export interface AnswerShape {
  /** The HTTP status (RESP_CODE). */
  http: number;
  /** The body's `status`. */
  status: number;
  message: string;
  /** `data`: an array of users, the user object, or `[]`. */
  data: 'users' | 'user' | 'empty';
}

/** Every answer the document shows (with the spec's x-doc-quirks readings). */
export const ANSWERS = {
  /** GET Examples 1-3. */
  listed: { http: 200, status: 200, message: 'Success', data: 'users' },
  /** GET Example 4 (get-not-found-is-http-400). */
  notFound: { http: 400, status: 400, message: 'User(s) not found.', data: 'empty' },
  /** POST Example 1 (post-data-array-put-data-object). */
  created: { http: 200, status: 200, message: 'Success', data: 'users' },
  /** POST Example 2. */
  exists: { http: 400, status: 400, message: 'User already exists.', data: 'empty' },
  /** PUT Examples 1-3 (put-answers-http-200-with-body-status-201). */
  modified: { http: 200, status: 201, message: 'Success', data: 'user' },
  /** DELETE Example 1 (delete-answers-http-200-with-body-status-201). */
  deleted: { http: 200, status: 201, message: 'Success', data: 'empty' },
  /** DELETE Example 2; PUT on an unknown user by the spec's reading (put-unknown-user-answers-404-invalid-user). */
  invalidUser: { http: 404, status: 404, message: 'Invalid user', data: 'empty' },
} as const satisfies Record<string, AnswerShape>;

function shown(shape: AnswerShape): string {
  return `HTTP ${shape.http} {"status":${shape.status}, "message":"${shape.message}", "data":${shape.data === 'user' ? '{...user}' : shape.data === 'users' ? '[...users]' : '[]'}}`;
}

/**
 * The answer is the documented one: HTTP status, the envelope's `status` and `message` literally, `data`
 * an array / object / `[]` as shown, and the body valid against the spec's schema for the operation.
 * `kind` says what a wrong answer means when the check knows better (a user still there after a delete).
 */
export async function expectAnswer(exchange: Exchange, operation: VaaOperation, what: string, shape: AnswerShape, kind?: FailureKind): Promise<Envelope> {
  const wrong = (message: string, defaultKind: FailureKind): never => fail(`${what}: ${message}`, shown(shape), answerOf(exchange), { kind: kind ?? defaultKind, operation, exchanges: [exchange] });
  if (exchange.response.status >= 500) wrong(`the server failed (HTTP ${exchange.response.status})`, 'server-error');
  if (exchange.response.status !== shape.http) wrong(`HTTP ${exchange.response.status}, the document shows ${shape.http}`, 'status');
  const envelope = envelopeOf(exchange, operation, what);
  if (envelope.status !== shape.status) wrong(`body "status" is ${JSON.stringify(envelope.status)}, the document shows ${shape.status}`, 'literal');
  if (envelope.message !== shape.message) wrong(`body "message" is ${JSON.stringify(envelope.message)}, the document shows "${shape.message}"`, 'literal');
  const { data } = envelope;
  if (shape.data === 'user' && (typeof data !== 'object' || data === null || Array.isArray(data))) wrong(`"data" is ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}, the document shows the user object itself`, 'schema');
  if (shape.data === 'users' && !Array.isArray(data)) wrong('"data" is not an array of users, as the document shows it', 'schema');
  if (shape.data === 'empty' && !(Array.isArray(data) && data.length === 0)) wrong(`"data" is ${JSON.stringify(data)}, the document shows []`, 'schema');
  await expectConforms(exchange, 'vaa', operation, what);
  return envelope;
}

/** A JSON body in the {status, message, data} envelope. */
export function envelopeOf(exchange: Exchange, operation: VaaOperation, what: string): Envelope {
  const body = expectJsonOf(exchange, operation, what);
  const expected = '{"status":..., "message":..., "data":...}';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(`${what}: the body is not the {status, message, data} envelope`, expected, answerOf(exchange), { kind: 'schema', operation });
  const missing = ['status', 'message', 'data'].filter((key) => !(key in body));
  if (missing.length > 0) fail(`${what}: the envelope lacks ${missing.join(', ')}`, expected, answerOf(exchange), { kind: 'schema', operation });
  return body as Envelope;
}

function expectJsonOf(exchange: Exchange, operation: VaaOperation, what: string): unknown {
  try {
    return expectJson(exchange, what);
  } catch (error) {
    return fail((error as Error).message, 'a JSON body', exchange.response.jsonError ?? answerOf(exchange), { kind: 'not-json', operation });
  }
}

/**
 * What a step the check relies on needs of a write's answer: a success (2xx, or the documented 200)
 * in the envelope. The exact documented answer is the business of the checks that verify that operation.
 */
export function expectSucceeded(exchange: Exchange, operation: VaaOperation, what: string): Envelope {
  const { status } = exchange.response;
  if (status < 200 || status >= 300) fail(`${what}: HTTP ${status}, expected a success`, 'HTTP 200', answerOf(exchange), { kind: status >= 500 ? 'server-error' : 'status', operation });
  return envelopeOf(exchange, operation, what);
}

/** An error answer in the envelope: body `status` the HTTP status, a string `message`, `data: []`; undefined when it is one. */
export function envelopeProblem(exchange: Exchange): string | undefined {
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not the {status, message, data} envelope';
  if (body.status !== exchange.response.status) return `body "status" ${JSON.stringify(body.status)} is not the HTTP status ${exchange.response.status}`;
  if (typeof body.message !== 'string') return '"message" is not a string';
  if (!(Array.isArray(body.data) && body.data.length === 0)) return `"data" is ${JSON.stringify(body.data)}, not []`;
  return undefined;
}

/**
 * A refusal where the document shows none for the case: any 4xx (one of `statuses` when given), as the
 * document's errors are, in the envelope ({"status":<the HTTP status>, "message":"...", "data":[]}).
 */
export function expectErrorEnvelope(exchange: Exchange, operation: VaaOperation, what: string, statuses?: readonly number[]): void {
  expectNoServerError(exchange, what);
  const { status } = exchange.response;
  const refused = statuses ? statuses.includes(status) : status >= 400 && status < 500;
  const expected = `${statuses ? `HTTP ${statuses.join(' or ')}` : 'a 4xx'} {"status":<the HTTP status>, "message":"...", "data":[]}`;
  if (!refused) fail(`${what}: HTTP ${status}, expected ${statuses ? statuses.join(' or ') : 'an error (4xx)'}`, expected, answerOf(exchange), { kind: status < 400 ? 'not-refused' : 'status', operation, exchanges: [exchange] });
  const problem = envelopeProblem(exchange);
  if (problem) fail(`${what}: ${problem}`, expected, answerOf(exchange), { kind: 'schema', operation, exchanges: [exchange] });
}

/** The user objects of a `data` (an array of users, or one user). */
export function usersOf(data: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? [data] : [];
  return list.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null && !Array.isArray(user));
}

export function findIn(users: ReadonlyArray<Record<string, unknown>>, userId: string): Record<string, unknown> | undefined {
  return users.find((user) => user['userId'] === userId);
}
