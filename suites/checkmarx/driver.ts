// The Checkmarx Access Control users operations for the checks: one method per operation with the
// document's headers, the run's bearer token on every call (re-obtained once on a 401 when the run has
// login credentials), what the target's installation has (roles, teams, providers: discovered, never
// assumed), and the assertions the checks share. Users the checks create are only ever touched after the
// target has shown that the id is theirs (a Location is followed and its userName compared first).
import { randomBytes, randomInt } from 'node:crypto';
import { componentSchemaProblems } from '../../specs/schemas.ts';
import type { CheckContext } from '../harness/check.ts';
import { answerOf, expectJson, expectStatus, fail } from '../harness/expect.ts';
import type { RunConfig } from '../harness/config.ts';
import { HttpClient, type Exchange, type HttpRequest } from '../harness/http.ts';
import { fieldMismatches } from './model.ts';

// --- assertions ----------------------------------------------------------------------------------

export { answerOf, expectClientError, expectJson, expectNoServerError, expectStatus, fail } from '../harness/expect.ts';

export function describeRequest(exchange: Exchange): string {
  return `${exchange.request.method} ${new URL(exchange.request.url).pathname}`;
}

export function isClientError(exchange: Exchange): boolean {
  return exchange.response.status >= 400 && exchange.response.status < 500;
}

/** "Sample Response: no content" / "it does not return any content". */
export function expectNoBody(exchange: Exchange, what: string): void {
  if (exchange.response.text.trim() !== '') fail(`${what}: the answer has a body, the document shows no content`, `HTTP ${exchange.response.status} with no body`, answerOf(exchange));
}

// --- the documented user -------------------------------------------------------------------------

/** What is wrong with a user object against the documented keys and types, or [] when nothing is. */
export function userShapeProblems(value: unknown): string[] {
  return componentSchemaProblems('checkmarx', 'User', value);
}

export function expectUserShape(value: unknown, what: string, exchange: Exchange): void {
  const problems = userShapeProblems(value);
  if (problems.length > 0) {
    fail(`${what}: the user does not have the documented fields and types: ${problems.slice(0, 6).join('; ')}`, 'the sample\'s keys with their types: integer id, string userName, integer arrays roleIds/teamIds, boolean active, ...', answerOf(exchange));
  }
}

/** The fields a check knows match (id lists as sets, dates as instants, strings as Unicode text). */
export function expectUserValues(actual: unknown, expected: Record<string, unknown>, what: string, exchange: Exchange): void {
  const mismatches = fieldMismatches(actual, expected);
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expected, answerOf(exchange));
}

// --- requests ------------------------------------------------------------------------------------

export const USERS_PATH = '/cxrestapi/auth/Users';
export const MIGRATION_PATH = '/cxrestapi/auth/Users/migration';
export const TOKEN_PATH = '/cxrestapi/auth/identity/connect/token';
export const TEAMS_PATH = '/cxrestapi/auth/Teams';
export const PROVIDERS_PATH = '/cxrestapi/auth/AuthenticationProviders';
/** The document's `Accept` / `Content-Type`. */
export const MEDIA_TYPE = 'application/json;v=1.0';
/** facts.md: the client real tools use, with the secret every CxSAST installation ships with. */
export const CLIENT_ID = 'resource_owner_client';
export const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
export const SCOPE = 'sast_rest_api access_control_api';

export const userPath = (id: number | string): string => `${USERS_PATH}/${id}`;

export type Operation = 'listUsers' | 'getUser' | 'createUser' | 'updateUser' | 'deleteUser' | 'migrateUser';
export const WRITE_OPERATIONS: readonly Operation[] = ['createUser', 'updateUser', 'deleteUser', 'migrateUser'];

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

// A token re-obtained in this worker replaces the run's for every later check in it.
let renewedToken: string | undefined;

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
    return this.fixedToken ?? renewedToken ?? this.config.credentials.token;
  }

  /** Sends with the bearer token; on a 401, obtains a new token once (when it can) and resends. */
  async send(request: HttpRequest): Promise<Exchange> {
    const first = await this.http.send(this.withToken(request));
    const { username, password } = this.config.credentials;
    if (first.response.status !== 401 || this.fixedToken !== undefined || !username || !password) return first;
    try {
      renewedToken = await login(this.http, username, password);
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
  request(operation: Operation, args: { id?: number | string; body?: unknown; raw?: string }, options: SendOptions = {}): HttpRequest {
    const { method, path } = operationRoute(operation, args.id);
    const headers: Record<string, string> = { ...options.headers };
    const accept = options.accept === undefined ? (method === 'GET' ? MEDIA_TYPE : null) : options.accept;
    if (accept !== null) headers['accept'] = accept;
    const request: HttpRequest = { method, path: options.path ?? path, headers };
    const text = args.raw ?? (args.body !== undefined ? JSON.stringify(args.body) : undefined);
    if (text !== undefined) {
      request.body = text;
      const contentType = options.contentType === undefined ? MEDIA_TYPE : options.contentType;
      if (contentType !== null) headers['content-type'] = contentType;
    }
    return request;
  }

  call(operation: Operation, args: { id?: number | string; body?: unknown; raw?: string } = {}, options: SendOptions = {}): Promise<Exchange> {
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

  /** The users of GET /Users, or a failure naming what came back instead. */
  async listUsers(what: string): Promise<{ users: Array<Record<string, unknown>>; exchange: Exchange }> {
    const exchange = await this.list();
    expectStatus(exchange, 200, what);
    const body = expectJson(exchange, what);
    if (!Array.isArray(body)) fail(`${what}: the body is not a JSON array of users`, '[{...user}, ...]', answerOf(exchange));
    return { users: body.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null && !Array.isArray(user)), exchange };
  }

  /**
   * Follows a 201's Location (absolute or relative) to the user it names and checks it is the one just
   * created (by userName). Fails the check otherwise; the id it answers is then safe to write to.
   */
  async locate(created: Exchange, userName: string, what: string): Promise<{ id: number; user: Record<string, unknown>; exchange: Exchange }> {
    const location = created.response.headers['location'];
    if (location === undefined || location.trim() === '') fail(`${what}: the 201 has no Location header`, 'Location: .../cxrestapi/auth/Users/{id} of the created user', answerOf(created));
    const id = idOfLocation(location, created.request.url);
    if (id === undefined) fail(`${what}: the Location '${location}' does not name a user (.../cxrestapi/auth/Users/{id})`, 'Location: .../cxrestapi/auth/Users/{integer id}', answerOf(created));
    const exchange = await this.get(id);
    if (exchange.response.status !== 200 && exchange.response.status !== 201) {
      fail(`${what}: the Location '${location}' leads nowhere: GET ${userPath(id)} answers HTTP ${exchange.response.status}`, `HTTP 200 with the user '${userName}'`, answerOf(exchange));
    }
    const user = exchange.response.json as Record<string, unknown> | undefined;
    if (typeof user !== 'object' || user === null || user['userName'] !== userName) {
      fail(`${what}: the Location '${location}' leads to another user (userName ${JSON.stringify(user?.['userName'])}, not '${userName}')`, `GET ${userPath(id)} answers the user '${userName}'`, answerOf(exchange));
    }
    return { id, user, exchange };
  }

  /** Registers the deletion of a user the check is about to create: by name until its id is shown to be its. */
  own(context: CheckContext, userName: string): Owned {
    const owned: Owned = { userName, id: undefined };
    // Clean-up requests are not part of the check's reproduction.
    context.onCleanup(() => removeOwned(new CheckmarxDriver(new HttpClient(this.config), this.config), owned));
    return owned;
  }

  /**
   * Creates (or migrates) a user the check needs, registering its deletion first; fails the check unless
   * the target answers 201 with a Location leading to it.
   */
  async createOwned(context: CheckContext, body: Record<string, unknown>, what: string, via: 'createUser' | 'migrateUser' = 'createUser'): Promise<Owned> {
    const owned = this.own(context, String(body['username']));
    const exchange = await this.call(via, { body });
    expectStatus(exchange, 201, what);
    const located = await this.locate(exchange, owned.userName, what);
    owned.id = located.id;
    return owned;
  }
}

/** A user a check created: its id once the target has shown it is this user's. */
export interface Owned {
  userName: string;
  id: number | undefined;
}

function operationRoute(operation: Operation, id: number | string | undefined): { method: string; path: string } {
  switch (operation) {
    case 'listUsers':
      return { method: 'GET', path: USERS_PATH };
    case 'createUser':
      return { method: 'POST', path: USERS_PATH };
    case 'migrateUser':
      return { method: 'POST', path: MIGRATION_PATH };
    case 'getUser':
      return { method: 'GET', path: userPath(id ?? '') };
    case 'updateUser':
      return { method: 'PUT', path: userPath(id ?? '') };
    case 'deleteUser':
      return { method: 'DELETE', path: userPath(id ?? '') };
  }
}

/** The user id a Location names (resolved against the request URL), or undefined. */
export function idOfLocation(location: string, requestUrl: string): number | undefined {
  let url: URL;
  try {
    url = new URL(location.trim(), requestUrl);
  } catch {
    return undefined;
  }
  const match = /\/cxrestapi\/auth\/users\/(\d+)\/?$/i.exec(url.pathname);
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Deletes a user a check created. By id only when the id still answers that user (ids may be given
 * again by some servers); otherwise by its run-prefixed name, found by listing.
 */
export async function removeOwned(driver: CheckmarxDriver, owned: Owned): Promise<void> {
  if (owned.id !== undefined) {
    const current = await driver.get(owned.id);
    if (current.response.status === 404) return;
    const user = current.response.json as { userName?: unknown } | undefined;
    if ((current.response.status === 200 || current.response.status === 201) && user?.userName === owned.userName) {
      const deleted = await driver.remove(owned.id);
      if (deleted.response.status === 204 || deleted.response.status === 200 || deleted.response.status === 404) return;
      throw new Error(`could not delete ${owned.userName} (id ${owned.id}): ${answerOf(deleted)}`);
    }
  }
  await removeByName(driver, owned.userName);
}

/** Deletes every user named `userName` (it carries the run prefix, so it is this run's). */
export async function removeByName(driver: CheckmarxDriver, userName: string): Promise<void> {
  if (!userName.toLowerCase().startsWith(driver.config.namePrefix.toLowerCase())) return;
  const listed = await driver.list();
  if (!Array.isArray(listed.response.json)) throw new Error(`could not list the users to delete ${userName}: ${answerOf(listed)}`);
  for (const user of listed.response.json as Array<{ id?: unknown; userName?: unknown }>) {
    if (typeof user.userName !== 'string' || user.userName.toLowerCase() !== userName.toLowerCase()) continue;
    if (typeof user.id !== 'number' && typeof user.id !== 'string') continue;
    const deleted = await driver.remove(user.id);
    if (deleted.response.status >= 300 && deleted.response.status !== 404) throw new Error(`could not delete ${userName} (id ${String(user.id)}): ${answerOf(deleted)}`);
  }
}

/**
 * A user to read that no concurrent check will delete: one this run did not create (the run's own login
 * user, typically), else any with an integer id.
 */
export function stableUser(users: ReadonlyArray<Record<string, unknown>>, config: RunConfig): Record<string, unknown> | undefined {
  const readable = users.filter((user) => Number.isSafeInteger(user['id']));
  const prefix = config.namePrefix.toLowerCase();
  return readable.find((user) => !String(user['userName']).toLowerCase().startsWith(prefix)) ?? readable[0];
}

// --- what the installation has -------------------------------------------------------------------

/** Role, team, provider and locale ids the target already uses: created users only ever get these. */
export interface Directory {
  /** Roles held by some user other than the run's own (least privilege first); all roles when none is. */
  roles: number[];
  /**
   * Sets of team ids a user can have as they are: the root teams alone, and the sets existing users have.
   * (The document's samples show chains of a team and its parents, [1, 11, 12]: a server may keep a
   * user's teams closed under that; a set taken from an existing user already is.)
   */
  teamSets: number[][];
  /** The built-in (non-external) provider when the target lists providers; else the run's own user's. */
  providerId: number | undefined;
  localeId: number | undefined;
}

let directory: Promise<Directory> | undefined;

/** Discovers (once per worker) the ids a created user may refer to, from the target itself. */
export function discover(config: RunConfig): Promise<Directory> {
  directory ??= discoverNow(config).catch((error: unknown) => {
    directory = undefined;
    throw error;
  });
  return directory;
}

async function discoverNow(config: RunConfig): Promise<Directory> {
  const driver = new CheckmarxDriver(new HttpClient(config), config);
  const listed = await driver.list();
  const users = Array.isArray(listed.response.json) ? (listed.response.json as Array<Record<string, unknown>>) : [];
  const integers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((item): item is number => Number.isSafeInteger(item)) : []);
  const self = users.find((user) => typeof user['userName'] === 'string' && user['userName'].toLowerCase() === (config.credentials.username ?? '').toLowerCase());
  const ownRoles = new Set(integers(self?.['roleIds']));
  const allRoles = sortedUnique(users.flatMap((user) => integers(user['roleIds'])));
  const otherRoles = allRoles.filter((role) => !ownRoles.has(role));

  const observed = users.map((user) => sortedUnique(integers(user['teamIds']))).filter((set) => set.length > 0).sort((a, b) => a.length - b.length);
  const roots: number[][] = [];
  const teamList = await driver.send({ method: 'GET', path: TEAMS_PATH, headers: { accept: MEDIA_TYPE } });
  if (teamList.response.status === 200 && Array.isArray(teamList.response.json)) {
    const teams = (teamList.response.json as Array<{ id?: unknown; parentId?: unknown }>).filter((team) => Number.isSafeInteger(team.id));
    const known = new Set(teams.map((team) => team.id));
    for (const team of teams) if (!known.has(team.parentId)) roots.push([team.id as number]);
  }
  const teamSets = [...new Map([...roots, ...observed].map((set) => [set.join(','), set])).values()];

  let providerId: number | undefined;
  const providers = await driver.send({ method: 'GET', path: PROVIDERS_PATH, headers: { accept: MEDIA_TYPE } });
  if (providers.response.status === 200 && Array.isArray(providers.response.json)) {
    const builtIn = (providers.response.json as Array<{ id?: unknown; providerType?: unknown; isExternal?: unknown; name?: unknown }>).find(
      (provider) => Number.isSafeInteger(provider.id) && (String(provider.providerType).toLowerCase() === 'application' || provider.isExternal === false),
    );
    if (builtIn) providerId = builtIn.id as number;
  }
  if (providerId === undefined && Number.isSafeInteger(self?.['authenticationProviderId'])) providerId = self?.['authenticationProviderId'] as number;
  providerId ??= mostCommon(users.map((user) => user['authenticationProviderId']).filter((id): id is number => Number.isSafeInteger(id)));

  const localeId = mostCommon(users.map((user) => user['localeId']).filter((id): id is number => Number.isSafeInteger(id)));
  return { roles: otherRoles.length > 0 ? otherRoles : allRoles, teamSets, providerId, localeId };
}

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

// --- data ----------------------------------------------------------------------------------------

/** A password any reasonable policy takes (facts: 8+ characters, upper, lower, special; here 16, and a digit). */
export function strongPassword(): string {
  return `Aa1!${randomBytes(9).toString('base64url')}`;
}

/** The address a run-prefixed user gets: a reserved domain. */
export function emailOf(userName: string, variant = 0): string {
  return variant === 0 ? `${userName}@example.com` : `${userName}.v${variant}@example.com`;
}

/**
 * An id no user has: far above every listed id (ids are only seen to grow), or a random unused one when
 * that would leave the 32-bit range real servers use.
 */
export function unusedId(users: ReadonlyArray<Record<string, unknown>>): number {
  const ids = new Set(users.map((user) => user['id']).filter((id): id is number => Number.isSafeInteger(id)));
  const highest = Math.max(0, ...ids);
  const candidate = highest + 1_000_000 + randomInt(1_000_000);
  if (candidate <= 2_147_483_647) return candidate;
  for (;;) {
    const random = randomInt(1, 2_147_483_647);
    if (!ids.has(random)) return random;
  }
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
