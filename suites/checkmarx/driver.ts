// The Checkmarx Access Control users operations for the checks: one method per operation with the
// document's headers, the run's bearer token on every call (obtained again once on a 401 when the run
// has login credentials), and the two steps most checks share: following a create's Location to the
// user it names, and creating a user the check needs (its deletion registered first, by name, through
// the run's ledger).
import type { CheckContext } from '../harness/check.ts';
import { deleteRunUsers, isNamed } from '../harness/cleanup.ts';
import { registerCredentials, type RunConfig } from '../harness/config.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { HttpClient, type Exchange, type HttpRequest } from '../harness/http.ts';
import { expectSuccess } from './assertions.ts';
import { CLIENT_ID, idOfLocation, CLIENT_SECRET, MEDIA_TYPE, MIGRATION_PATH, SCOPE, TOKEN_PATH, USERS_PATH, userPath, type UserOperation } from './operations.ts';

export function passwordGrant(username: string, password: string): HttpRequest {
  return {
    method: 'POST',
    path: TOKEN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ username, password, grant_type: 'password', scope: SCOPE, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
  };
}

export function tokenOf(exchange: Exchange): string | undefined {
  const token = (exchange.response.json as { access_token?: unknown } | undefined)?.access_token;
  return exchange.response.status === 200 && typeof token === 'string' && token !== '' ? token : undefined;
}

/** The OAuth 2.0 password grant; throws a message fit for the report when it gives no token. */
export async function login(http: HttpClient, username: string, password: string): Promise<string> {
  const exchange = await http.send(passwordGrant(username, password));
  const token = tokenOf(exchange);
  if (token === undefined) throw new Error(`POST ${TOKEN_PATH} (password grant, client ${CLIENT_ID}) gave no token for user '${username}': ${answerOf(exchange)}`);
  return token;
}

export interface SendOptions {
  /** The body's Content-Type; null sends the JSON with none (what the python SDK 1.8.1 does). Default: the document's. */
  contentType?: string | null;
  /** Default: the document's on GET, none otherwise. */
  accept?: string | null;
  /** Extra headers (e.g. the document's Content-Type on a DELETE). */
  headers?: Record<string, string>;
  /** Replaces the path's spelling (case-insensitivity checks). */
  path?: string;
}

export interface OperationArguments {
  id?: number | string;
  body?: unknown;
  /** A body sent as this text (malformed JSON). */
  raw?: string;
}

const ROUTES: Record<UserOperation, { method: string; path: (id: string) => string }> = {
  listUsers: { method: 'GET', path: () => USERS_PATH },
  createUser: { method: 'POST', path: () => USERS_PATH },
  migrateUser: { method: 'POST', path: () => MIGRATION_PATH },
  getUser: { method: 'GET', path: userPath },
  updateUser: { method: 'PUT', path: userPath },
  deleteUser: { method: 'DELETE', path: userPath },
};

export class CheckmarxDriver {
  readonly http: HttpClient;
  readonly config: RunConfig;
  /** An explicit token (the limited one): used as is, never renewed. */
  private readonly fixedToken: string | undefined;

  constructor(http: HttpClient, config: RunConfig, fixedToken?: string) {
    this.http = http;
    this.config = config;
    this.fixedToken = fixedToken;
  }

  static of(context: CheckContext): CheckmarxDriver {
    return new CheckmarxDriver(context.http, context.config);
  }

  /** The same operations with another bearer token (the run's --limited-token). */
  as(token: string): CheckmarxDriver {
    return new CheckmarxDriver(this.http, this.config, token);
  }

  get token(): string | undefined {
    return this.fixedToken ?? this.config.credentials.token;
  }

  /** Sends with the bearer token; on a 401, obtains a new token for the run once (when it can) and resends. */
  async send(request: HttpRequest): Promise<Exchange> {
    const first = await this.http.send(this.withToken(request));
    const { username, password } = this.config.credentials;
    if (first.response.status !== 401 || this.fixedToken !== undefined || !username || !password) return first;
    try {
      this.config.credentials = { ...this.config.credentials, token: await login(this.http, username, password) };
      registerCredentials(this.config);
    } catch {
      return first;
    }
    return this.http.send(this.withToken(request));
  }

  /** Sends exactly what it is given: no token unless the request carries one (the auth checks). */
  sendRaw(request: HttpRequest): Promise<Exchange> {
    return this.http.send(request);
  }

  private withToken(request: HttpRequest): HttpRequest {
    const token = this.token;
    return token === undefined ? request : { ...request, headers: { authorization: `Bearer ${token}`, ...request.headers } };
  }

  /** The request an operation sends, without credentials. */
  request(operation: UserOperation, args: OperationArguments = {}, options: SendOptions = {}): HttpRequest {
    const route = ROUTES[operation];
    const headers: Record<string, string> = { ...options.headers };
    const accept = options.accept === undefined ? (route.method === 'GET' ? MEDIA_TYPE : null) : options.accept;
    if (accept !== null) headers['accept'] = accept;
    const request: HttpRequest = { method: route.method, path: options.path ?? route.path(String(args.id ?? '')), headers };
    const text = args.raw ?? (args.body !== undefined ? JSON.stringify(args.body) : undefined);
    if (text !== undefined) {
      request.body = text;
      const contentType = options.contentType === undefined ? MEDIA_TYPE : options.contentType;
      if (contentType !== null) headers['content-type'] = contentType;
    }
    return request;
  }

  call(operation: UserOperation, args: OperationArguments = {}, options: SendOptions = {}): Promise<Exchange> {
    return this.send(this.request(operation, args, options));
  }

  list(options?: SendOptions): Promise<Exchange> {
    return this.call('listUsers', {}, options);
  }

  get(id: number | string, options?: SendOptions): Promise<Exchange> {
    return this.call('getUser', { id }, options);
  }

  create(body: unknown, options?: SendOptions): Promise<Exchange> {
    return this.call('createUser', { body }, options);
  }

  migrate(body: unknown, options?: SendOptions): Promise<Exchange> {
    return this.call('migrateUser', { body }, options);
  }

  update(id: number | string, body: unknown, options?: SendOptions): Promise<Exchange> {
    return this.call('updateUser', { id, body }, options);
  }

  remove(id: number | string, options?: SendOptions): Promise<Exchange> {
    return this.call('deleteUser', { id }, options);
  }

  /**
   * Follows a create's Location (absolute or relative) to the user it names and checks it is the one
   * just created (by userName). A Location that is missing, names no user or another user is the
   * create's fault (`via`).
   */
  async locate(created: Exchange, userName: string, what: string, via: 'createUser' | 'migrateUser' = 'createUser'): Promise<{ id: number; user: Record<string, unknown>; exchange: Exchange }> {
    const blame = { kind: 'other' as const, operation: via, exchanges: [created] };
    const location = created.response.headers['location'];
    if (location === undefined || location.trim() === '') fail(`${what}: the answer has no Location header`, 'Location: .../cxrestapi/auth/Users/{id} of the created user', answerOf(created), blame);
    const id = idOfLocation(location, created.request.url);
    if (id === undefined) fail(`${what}: the Location '${location}' does not name a user (.../cxrestapi/auth/Users/{id})`, 'Location: .../cxrestapi/auth/Users/{integer id}', answerOf(created), blame);
    const exchange = await this.get(id);
    const user = exchange.response.json as Record<string, unknown> | undefined;
    if (exchange.response.status !== 200 && exchange.response.status !== 201) {
      fail(`${what}: the Location '${location}' leads nowhere: GET ${userPath(id)} answers HTTP ${exchange.response.status}`, `HTTP 200 with the user '${userName}'`, answerOf(exchange), { ...blame, exchanges: [created, exchange] });
    }
    if (typeof user !== 'object' || user === null || user['userName'] !== userName) {
      fail(`${what}: the Location '${location}' leads to another user (userName ${JSON.stringify(user?.['userName'])}, not '${userName}')`, `GET ${userPath(id)} answers the user '${userName}'`, answerOf(exchange), { ...blame, exchanges: [created, exchange] });
    }
    return { id, user, exchange };
  }

  /**
   * Creates (or migrates) a user the check needs, its deletion registered first; any 2xx whose Location
   * leads to it will do (the exact 201 is the create checks' business, not every check's).
   */
  async createOwned(context: CheckContext, body: Record<string, unknown>, what: string, via: 'createUser' | 'migrateUser' = 'createUser'): Promise<OwnedUser> {
    const userName = String(body['username']);
    deleteAfterwards(context, userName);
    const exchange = await this.call(via, { body });
    expectSuccess(exchange, via, what);
    const located = await this.locate(exchange, userName, what, via);
    return { id: located.id, userName, user: located.user, exchange: located.exchange };
  }
}

/** A user a check created, as its Location showed it. */
export interface OwnedUser {
  id: number;
  userName: string;
  user: Record<string, unknown>;
  /** The GET of its Location, which answered `user`. */
  exchange: Exchange;
}

/**
 * After the check, every user named `userName` is deleted, also where a target took two users with one
 * name (the ledger knows one id per name): each is read first, so the guard knows whose id it is.
 */
export function deleteEveryUserNamed(context: CheckContext, userName: string): void {
  context.onCleanup(async () => {
    const driver = new CheckmarxDriver(new HttpClient(context.config), context.config);
    const listed = await driver.list();
    if (!Array.isArray(listed.response.json)) return;
    for (const user of listed.response.json as Array<{ id?: unknown; userName?: unknown }>) {
      if (user.userName !== userName || !Number.isSafeInteger(user.id)) continue;
      await driver.get(user.id as number);
      await driver.remove(user.id as number);
    }
  });
}

/** After the check, the run's users named `userName` are deleted (through the ledger, so the guard knows them). */
export function deleteAfterwards(context: CheckContext, ...userNames: string[]): void {
  context.onCleanup(() => deleteRunUsers(context.config, (entry) => isNamed(entry, userNames)));
}
