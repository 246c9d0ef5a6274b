// The VAA users operations for the checks: one method per operation, the run's token on every call,
// one re-login on a refused token when the run has a username and password, and the assertions every
// check shares (the documented envelope, the spec's response schemas, the stand-in users).
import type { User } from '../../specs/types/vaa.ts';
import type { CheckContext } from '../harness/check.ts';
import type { RunConfig } from '../harness/config.ts';
import { answerOf, expectConforms, expectJson, expectNoServerError, fail } from '../harness/expect.ts';
import { HttpClient, type Exchange, type HttpRequest } from '../harness/http.ts';

export { answerOf, expectClientError, expectNoServerError, fail } from '../harness/expect.ts';

export const USERS_PATH = '/api/v2/users';
export const DEACTIVATE_PATH = '/api/v2/users/deactivate';
export const REACTIVATE_PATH = '/api/v2/users/reactivate';
export const LOGIN_PATH = '/api/v2/login';
export const TOKEN_HEADER = 'x-lxt-api-token';
/** What `curl -d` puts on the wire for every documented command. */
export const CURL_FORM_TYPE = 'application/x-www-form-urlencoded';

export type VaaOperation = 'listUsers' | 'createUser' | 'updateUser' | 'deactivateUser' | 'reactivateUser' | 'deleteUser';

/** Method and path of each operation. */
export const OPERATIONS: Record<VaaOperation, { method: string; path: string }> = {
  listUsers: { method: 'GET', path: USERS_PATH },
  createUser: { method: 'POST', path: USERS_PATH },
  updateUser: { method: 'PUT', path: USERS_PATH },
  deactivateUser: { method: 'PUT', path: DEACTIVATE_PATH },
  reactivateUser: { method: 'PUT', path: REACTIVATE_PATH },
  deleteUser: { method: 'DELETE', path: USERS_PATH },
};

export interface Envelope {
  status: unknown;
  message: unknown;
  data: unknown;
}

/**
 * Logs in with form fields: urlencoded first (what the vendor's own curl example sends), then multipart
 * (what its documentation says). Throws a message fit for the report when neither gives a token.
 */
export async function login(http: HttpClient, username: string, password: string): Promise<string> {
  const urlencoded = await http.send({
    method: 'POST',
    path: LOGIN_PATH,
    headers: { 'content-type': CURL_FORM_TYPE },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const token = tokenOf(urlencoded);
  if (token !== undefined) return token;
  const form = new FormData();
  form.set('username', username);
  form.set('password', password);
  const encoded = new Response(form);
  const multipart = await http.send({
    method: 'POST',
    path: LOGIN_PATH,
    headers: { 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' },
    body: await encoded.text(),
  });
  const multipartToken = tokenOf(multipart);
  if (multipartToken !== undefined) return multipartToken;
  throw new Error(`POST ${LOGIN_PATH} gave no token for user '${username}': ${answerOf(urlencoded)} (urlencoded), ${answerOf(multipart)} (multipart)`);
}

function tokenOf(exchange: Exchange): string | undefined {
  const token = (exchange.response.json as { token?: unknown } | undefined)?.token;
  return exchange.response.status === 200 && typeof token === 'string' && token !== '' ? token : undefined;
}

export class VaaDriver {
  readonly http: HttpClient;
  private readonly config: RunConfig;

  constructor(http: HttpClient, config: RunConfig) {
    this.http = http;
    this.config = config;
  }

  static of(context: CheckContext): VaaDriver {
    return new VaaDriver(context.http, context.config);
  }

  get token(): string | undefined {
    return this.config.credentials.token;
  }

  /**
   * Sends with the run's token; on 401/403, logs in again once (when it can) and resends. The new token
   * replaces the run's for every later request in this process. The login itself is not recorded (its
   * answer is the new secret), and the resent request is recorded with the token the check started
   * with, which its reproduction redacts as "$TOKEN".
   */
  async send(request: HttpRequest): Promise<Exchange> {
    const first = await this.http.send(this.withToken(request));
    const { username, password, token: previous } = this.config.credentials;
    if ((first.response.status !== 401 && first.response.status !== 403) || !username || !password) return first;
    try {
      this.config.credentials.token = await login(new HttpClient(this.config), username, password);
    } catch {
      return first;
    }
    const resent = await this.http.send(this.withToken(request));
    if (previous !== undefined) resent.request.headers[TOKEN_HEADER] = previous;
    else delete resent.request.headers[TOKEN_HEADER];
    return resent;
  }

  /** Sends exactly what it is given: no token unless the request carries one (the auth checks). */
  sendRaw(request: HttpRequest): Promise<Exchange> {
    return this.http.send(request);
  }

  private withToken(request: HttpRequest): HttpRequest {
    const token = this.token;
    return token === undefined ? request : { ...request, headers: { ...request.headers, [TOKEN_HEADER]: token } };
  }

  call(operation: VaaOperation, body?: unknown, options: { contentType?: string; query?: Record<string, string> } = {}): Promise<Exchange> {
    const { method, path } = OPERATIONS[operation];
    const headers = options.contentType ? { 'content-type': options.contentType } : undefined;
    return this.send({ method, path, ...(options.query ? { query: options.query } : {}), ...(headers ? { headers } : {}), ...(body !== undefined ? { json: body } : {}) });
  }

  list(query: { email?: string; userId?: string } = {}): Promise<Exchange> {
    const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<string, string>;
    return this.call('listUsers', undefined, { query: defined });
  }

  create(body: unknown, contentType?: string): Promise<Exchange> {
    return this.call('createUser', body, contentType ? { contentType } : {});
  }

  update(body: unknown, contentType?: string): Promise<Exchange> {
    return this.call('updateUser', body, contentType ? { contentType } : {});
  }

  deactivate(body: unknown, contentType?: string): Promise<Exchange> {
    return this.call('deactivateUser', body, contentType ? { contentType } : {});
  }

  reactivate(body: unknown, contentType?: string): Promise<Exchange> {
    return this.call('reactivateUser', body, contentType ? { contentType } : {});
  }

  remove(body: unknown, contentType?: string): Promise<Exchange> {
    return this.call('deleteUser', body, contentType ? { contentType } : {});
  }

  /** Creates a user the check needs and registers its deletion; fails the check when the target refuses. */
  async createStandIn(context: CheckContext, body: { userId: string; email: string } & Record<string, unknown>, what: string): Promise<User> {
    context.onCleanup(() => this.remove({ userId: body.userId, email: body.email }));
    const exchange = await this.create(body);
    const envelope = await expectAnswer(exchange, 'createUser', what, ANSWERS.created);
    const created = (envelope.data as unknown[])[0] as User;
    return created;
  }

  /** The user with this userId as a filtered GET answers it, or undefined when the answer is "not found". */
  async findUser(userId: string, what: string): Promise<{ user: User | undefined; exchange: Exchange }> {
    const exchange = await this.list({ userId });
    expectNoServerError(exchange, what);
    if (exchange.response.status === 400) {
      await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound);
      return { user: undefined, exchange };
    }
    const envelope = await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed);
    const matching = (envelope.data as User[]).filter((user) => user.userId === userId);
    if (matching.length !== (envelope.data as unknown[]).length || matching.length > 1) {
      fail(`${what}: GET ?userId=${userId} answered users other than ${userId}`, `only the user ${userId}`, answerOf(exchange));
    }
    return { user: matching[0], exchange };
  }
}

// --- the documented answers ----------------------------------------------------------------------

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

/**
 * The answer is the documented one: HTTP status, the envelope's `status` and `message` literally, `data`
 * an array / object / `[]` as shown, and the body valid against the spec's schema for the operation
 * (field names and types; extra fields, order, ids and the Content-Type are free).
 */
export async function expectAnswer(exchange: Exchange, operationId: VaaOperation, what: string, shape: AnswerShape): Promise<Envelope> {
  expectNoServerError(exchange, what);
  const { response } = exchange;
  const expected = `HTTP ${shape.http} {"status":${shape.status}, "message":"${shape.message}", "data":${shape.data === 'user' ? '{...user}' : shape.data === 'users' ? '[...users]' : '[]'}}`;
  if (response.status !== shape.http) fail(`${what}: HTTP ${response.status}, the document shows ${shape.http}`, expected, answerOf(exchange));
  const body = expectJson(exchange, what);
  const envelope = expectEnvelope(body, exchange, what);
  if (envelope.status !== shape.status) fail(`${what}: body "status" is ${JSON.stringify(envelope.status)}, the document shows ${shape.status}`, expected, answerOf(exchange));
  if (envelope.message !== shape.message) fail(`${what}: body "message" is ${JSON.stringify(envelope.message)}, the document shows "${shape.message}"`, expected, answerOf(exchange));
  const data = envelope.data;
  if (shape.data === 'user' && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    fail(`${what}: "data" is ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}, the document shows the user object itself`, expected, answerOf(exchange));
  }
  if (shape.data === 'users' && !Array.isArray(data)) fail(`${what}: "data" is not an array of users, as the document shows it`, expected, answerOf(exchange));
  if (shape.data === 'empty' && !(Array.isArray(data) && data.length === 0)) fail(`${what}: "data" is ${JSON.stringify(data)}, the document shows []`, expected, answerOf(exchange));
  await expectConforms(exchange, 'vaa', operationId, what);
  return envelope;
}

export function expectEnvelope(body: unknown, exchange: Exchange, what: string): Envelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(`${what}: the body is not the {status, message, data} envelope`, '{"status":..., "message":..., "data":...}', answerOf(exchange));
  const missing = ['status', 'message', 'data'].filter((key) => !(key in body));
  if (missing.length > 0) fail(`${what}: the envelope lacks ${missing.join(', ')}`, '{"status":..., "message":..., "data":...}', answerOf(exchange));
  return body as Envelope;
}

/** An error answer in the envelope: body `status` the HTTP status, a string `message`, `data: []`. */
export function envelopeProblem(exchange: Exchange): string | undefined {
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not the {status, message, data} envelope';
  if (body.status !== exchange.response.status) return `body "status" ${JSON.stringify(body.status)} is not the HTTP status ${exchange.response.status}`;
  if (typeof body.message !== 'string') return '"message" is not a string';
  if (!(Array.isArray(body.data) && body.data.length === 0)) return `"data" is ${JSON.stringify(body.data)}, not []`;
  return undefined;
}

/** Compares the fields a check knows; every other field is free. Strings compare as Unicode text (NFC). */
export function userMismatches(actual: unknown, expected: Record<string, unknown>): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`the user is ${JSON.stringify(actual)}, not an object`];
  const record = actual as Record<string, unknown>;
  return Object.entries(expected).flatMap(([key, value]) => {
    if (!(key in record)) return [`${key} is missing`];
    return sameValue(record[key], value) ? [] : [`${key} is ${JSON.stringify(record[key])}, not ${JSON.stringify(value)}`];
  });
}

export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual === expected || actual.normalize('NFC') === expected.normalize('NFC');
  return actual === expected;
}

export function expectUser(actual: unknown, expected: Record<string, unknown>, what: string, exchange?: Exchange): void {
  const mismatches = userMismatches(actual, expected);
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expected, exchange ? answerOf(exchange) : actual);
}

/** A run-prefixed user standing in for one of the document's users, with a reserved-domain email. */
export function standInIdentity(context: CheckContext, documentedUserId: string): { userId: string; email: string } {
  const userId = context.uniqueName(documentedUserId);
  return { userId, email: `${userId}@example.com` };
}
