// The VAA users operations for the checks: one method per operation, the run's token on every call,
// one re-login on a refused token when the run has a username and password, and the users a check
// needs but does not verify (created inside context.prerequisite, so a broken create blocks instead
// of failing every check that needs a user).
import type { User } from '../../specs/types/vaa.ts';
import type { CheckContext } from '../harness/check.ts';
import { deleteRunUsers, isNamed } from '../harness/cleanup.ts';
import type { RunConfig } from '../harness/config.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { HttpClient, type Exchange, type HttpRequest } from '../harness/http.ts';
import { ANSWERS, expectAnswer, expectErrorEnvelope, expectSucceeded, findIn, usersOf, type VaaOperation } from './answers.ts';

export const USERS_PATH = '/api/v2/users';
export const DEACTIVATE_PATH = '/api/v2/users/deactivate';
export const REACTIVATE_PATH = '/api/v2/users/reactivate';
export const LOGIN_PATH = '/api/v2/login';
export const TOKEN_HEADER = 'x-lxt-api-token';
/** What `curl -d` puts on the wire for every documented command. */
export const CURL_FORM_TYPE = 'application/x-www-form-urlencoded';

/** Method and path of each operation. */
export const OPERATIONS: Record<VaaOperation, { method: string; path: string }> = {
  listUsers: { method: 'GET', path: USERS_PATH },
  createUser: { method: 'POST', path: USERS_PATH },
  updateUser: { method: 'PUT', path: USERS_PATH },
  deactivateUser: { method: 'PUT', path: DEACTIVATE_PATH },
  reactivateUser: { method: 'PUT', path: REACTIVATE_PATH },
  deleteUser: { method: 'DELETE', path: USERS_PATH },
};

/**
 * Logs in with form fields: urlencoded first (what the vendor's own curl example sends), then multipart
 * (what its documentation says). Throws a message fit for the report when neither gives a token.
 */
export async function login(http: HttpClient, username: string, password: string): Promise<string> {
  const urlencoded = await http.send({ method: 'POST', path: LOGIN_PATH, headers: { 'content-type': CURL_FORM_TYPE }, body: new URLSearchParams({ username, password }).toString() });
  const token = tokenOf(urlencoded);
  if (token !== undefined) return token;
  const form = new FormData();
  form.set('username', username);
  form.set('password', password);
  const encoded = new Response(form);
  const multipart = await http.send({ method: 'POST', path: LOGIN_PATH, headers: { 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' }, body: await encoded.text() });
  const multipartToken = tokenOf(multipart);
  if (multipartToken !== undefined) return multipartToken;
  throw new Error(`POST ${LOGIN_PATH} gave no token for user '${username}': ${answerOf(urlencoded)} (urlencoded), ${answerOf(multipart)} (multipart)`);
}

function tokenOf(exchange: Exchange): string | undefined {
  const token = (exchange.response.json as { token?: unknown } | undefined)?.token;
  return exchange.response.status === 200 && typeof token === 'string' && token !== '' ? token : undefined;
}

/** A run-prefixed user identity: a userId and a reserved-domain email made of it. */
export interface Identity {
  userId: string;
  email: string;
}

export function newIdentity(context: CheckContext, hint: string): Identity {
  const userId = context.uniqueName(hint);
  return { userId, email: `${userId}@example.com` };
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
    const token = this.config.credentials.token;
    return token === undefined ? request : { ...request, headers: { ...request.headers, [TOKEN_HEADER]: token } };
  }

  /** The request of an operation (no token): a JSON body, or a raw one, with an optional Content-Type. */
  static request(operation: VaaOperation, body?: unknown, options: { contentType?: string; query?: Record<string, string>; raw?: string } = {}): HttpRequest {
    const { method, path } = OPERATIONS[operation];
    const headers = options.contentType ? { 'content-type': options.contentType } : undefined;
    return {
      method,
      path,
      ...(options.query ? { query: options.query } : {}),
      ...(headers ? { headers } : {}),
      ...(body !== undefined ? { json: body } : {}),
      ...(options.raw !== undefined ? { body: options.raw } : {}),
    };
  }

  call(operation: VaaOperation, body?: unknown, options: { contentType?: string; query?: Record<string, string>; raw?: string } = {}): Promise<Exchange> {
    return this.send(VaaDriver.request(operation, body, options));
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

  /** Deletes the run's users with these userIds after the check (those it has not deleted itself). */
  static deleteAfter(context: CheckContext, userIds: readonly string[]): void {
    context.onCleanup(() => deleteRunUsers(context.config, (entry) => isNamed(entry, userIds)));
  }

  /**
   * Creates a user the check needs but does not verify, and deletes it after the check. Only what the
   * check relies on is required (a success, and the user in it when it is shown): the documented
   * answer is for the create checks to judge, so a wrong message there blocks none of the others.
   */
  async createStandIn(context: CheckContext, body: Identity & Record<string, unknown>, what: string): Promise<User> {
    VaaDriver.deleteAfter(context, [body.userId]);
    return context.prerequisite(what, async () => {
      const exchange = await this.create(body);
      const envelope = expectSucceeded(exchange, 'createUser', what);
      return (findIn(usersOf(envelope.data), body.userId) ?? { userId: body.userId, email: body.email }) as User;
    });
  }

  /** A step the check needs (a PUT, a deactivation) that must succeed; it blocks the check when it does not. */
  async prepare(context: CheckContext, operation: VaaOperation, body: unknown, what: string): Promise<void> {
    await context.prerequisite(what, async () => void expectSucceeded(await this.call(operation, body), operation, what));
  }

  /** Deletes a user the check needs gone, and confirms it is: a user still there blocks the check (deleteUser). */
  async deleteFirst(context: CheckContext, identity: Identity, what: string): Promise<void> {
    await context.prerequisite(what, async () => {
      expectSucceeded(await this.remove(identity), 'deleteUser', what);
      await this.expectGone(identity.userId, `${what}: GET ?userId=`);
    });
  }

  /** GET ?userId= finds no user: one still answered is the delete's fault. */
  async expectGone(userId: string, what: string): Promise<void> {
    const { user, exchange } = await this.findUser(userId, what);
    if (user) fail(`${what}: GET ?userId=${userId} still finds the user`, 'no such user: HTTP 400 {"status":400, "message":"User(s) not found.", "data":[]}', answerOf(exchange), { kind: 'use-after-delete', operation: 'deleteUser' });
  }

  /**
   * The user with this userId as a filtered GET answers it, or undefined when the answer is an error
   * (the document shows 400 "User(s) not found." for a filter that matches nobody; any 4xx in the
   * envelope is taken as "no such user").
   */
  async findUser(userId: string, what: string): Promise<{ user: User | undefined; exchange: Exchange }> {
    const exchange = await this.list({ userId });
    const { status } = exchange.response;
    if (status >= 400 && status < 500) {
      expectErrorEnvelope(exchange, 'listUsers', what);
      return { user: undefined, exchange };
    }
    const envelope = await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed);
    const users = usersOf(envelope.data);
    const others = users.filter((user) => user['userId'] !== userId);
    if (others.length > 0 || users.length > 1) {
      fail(`${what}: GET ?userId=${userId} answered ${users.length} users (${users.slice(0, 3).map((user) => String(user['userId'])).join(', ')})`, `only the user ${userId}`, answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
    }
    return { user: users[0] as User | undefined, exchange };
  }
}
