// The Tyk Dashboard users operations for the checks: one method per operation, the run's access key in
// `authorization` (raw, as the document sends it) and the admin secret in `admin-auth`, the lookups the
// document makes necessary (Add User answers no id: the new user is found by its address), and the
// assertions every check shares (the documented envelope and literals, the spec's user schemas).
import { randomBytes } from 'node:crypto';
import { componentSchemaProblems } from '../../specs/schemas.ts';
import type { User, UserList, UserPermissions } from '../../specs/types/tyk.ts';
import type { CheckContext } from '../harness/check.ts';
import type { RunConfig } from '../harness/config.ts';
import { answerOf, expectJson, expectNoServerError, fail } from '../harness/expect.ts';
import type { Exchange, HttpClient, HttpRequest } from '../harness/http.ts';

export { answerOf, expectClientError, expectNoServerError, fail } from '../harness/expect.ts';

// --- assertions ----------------------------------------------------------------------------------

export function isClientError(exchange: Exchange): boolean {
  return exchange.response.status >= 400 && exchange.response.status < 500;
}

export function isRefusal(exchange: Exchange): boolean {
  return exchange.response.status === 401 || exchange.response.status === 403;
}

/** A refused credential or permission: the document gives no status, so 401 and 403 are both right. */
export function expectRefusal(exchange: Exchange, what: string): void {
  if (!isRefusal(exchange)) fail(`${what}: HTTP ${exchange.response.status}, expected a refusal (401 or 403)`, 'HTTP 401 or 403', answerOf(exchange));
}

function expectJsonObject(exchange: Exchange, what: string): Record<string, unknown> {
  const body = expectJson(exchange, what);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(`${what}: the body is not a JSON object`, 'a JSON object', answerOf(exchange));
  return body as Record<string, unknown>;
}

// --- the spec's schemas (field names, types, required keys; extra fields free) ---------------------

function schemaProblems(name: 'User' | 'UserList', value: unknown): string[] {
  return [...new Set(componentSchemaProblems('tyk', name, value))];
}

/** A user object with the documented field names and types (active boolean, user_permissions an object, ...). */
export function expectUserShape(user: unknown, what: string, exchange: Exchange): User {
  const problems = schemaProblems('User', user);
  if (problems.length > 0) {
    fail(`${what}: the user does not have the documented fields and types: ${problems.join('; ')}`, 'a user as the document shows it: api_model {}, first_name, last_name, email_address, org_id, id, access_key strings, active boolean, user_permissions an object', answerOf(exchange));
  }
  return user as User;
}

/** HTTP 200 and `{users: [user...], pages: integer}`. */
export function expectUserList(exchange: Exchange, what: string): UserList {
  expectNoServerError(exchange, what);
  if (exchange.response.status !== 200) fail(`${what}: HTTP ${exchange.response.status}, the document shows 200`, 'HTTP 200 {"users": [...], "pages": <integer>}', answerOf(exchange));
  const body = expectJsonObject(exchange, what);
  const problems = schemaProblems('UserList', body);
  if (problems.length > 0) fail(`${what}: the list does not have the documented shape: ${problems.join('; ')}`, '{"users": [{...user}, ...], "pages": <integer>}', answerOf(exchange));
  return body as unknown as UserList;
}

/** HTTP 200 and the user object itself (Get User). */
export function expectUserAnswer(exchange: Exchange, what: string): User {
  expectNoServerError(exchange, what);
  if (exchange.response.status !== 200) fail(`${what}: HTTP ${exchange.response.status}, the document shows 200`, 'HTTP 200 {...user}', answerOf(exchange));
  return expectUserShape(expectJsonObject(exchange, what), what, exchange);
}

// --- the documented answers ----------------------------------------------------------------------

export interface Envelope {
  Status: unknown;
  Message: unknown;
  Meta: unknown;
}

export interface AnswerShape {
  message: string;
  /** What `Meta` is in the document's sample: "", null, or the user object (the admin endpoints). */
  meta: '' | null | 'user';
}

/** Every success the document shows: HTTP 200, `Status` "OK", these messages, this `Meta`. */
export const ANSWERS = {
  created: { message: 'User created', meta: '' },
  passwordUpdated: { message: 'User password updated', meta: '' },
  updated: { message: 'User updated', meta: null },
  sessionRenewed: { message: 'User session renewed', meta: null },
  deleted: { message: 'User deleted', meta: '' },
  adminUpdated: { message: 'User updated', meta: 'user' },
} as const satisfies Record<string, AnswerShape>;

function shown(shape: AnswerShape): string {
  return `HTTP 200 {"Status": "OK", "Message": "${shape.message}", "Meta": ${shape.meta === 'user' ? '{...user object}' : JSON.stringify(shape.meta)}}`;
}

/**
 * The answer is the documented one: HTTP 200, the envelope's three keys, `Status` "OK" and the message
 * literally, and for the admin endpoints the user object in `Meta`. The literal "" / null of `Meta` is
 * judged separately (SHOULD: current Dashboards answer the new id on create). Extra keys are free.
 */
export function expectAnswer(exchange: Exchange, shape: AnswerShape, what: string): Envelope {
  expectNoServerError(exchange, what);
  const expected = shown(shape);
  if (exchange.response.status !== 200) fail(`${what}: HTTP ${exchange.response.status}, the document shows 200`, expected, answerOf(exchange));
  const body = expectJsonObject(exchange, what);
  const missing = ['Status', 'Message', 'Meta'].filter((key) => !(key in body));
  if (missing.length > 0) fail(`${what}: the envelope lacks ${missing.join(', ')}`, expected, answerOf(exchange));
  if (body['Status'] !== 'OK') fail(`${what}: "Status" is ${JSON.stringify(body['Status'])}, the document shows "OK"`, expected, answerOf(exchange));
  if (body['Message'] !== shape.message) fail(`${what}: "Message" is ${JSON.stringify(body['Message'])}, the document shows "${shape.message}"`, expected, answerOf(exchange));
  if (shape.meta === 'user') {
    const meta = body['Meta'];
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) fail(`${what}: "Meta" is ${JSON.stringify(meta)}, the document shows the user object`, expected, answerOf(exchange));
    expectUserShape(meta, `${what}: "Meta"`, exchange);
  }
  return body as unknown as Envelope;
}

/** Where `Meta` is not the document's literal ("" or null), what it is instead. */
export function metaProblem(exchange: Exchange, shape: AnswerShape): string | undefined {
  if (shape.meta === 'user') return undefined;
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || !('Meta' in body)) return 'no "Meta"';
  return body.Meta === shape.meta ? undefined : `"Meta" is ${JSON.stringify(body.Meta)}, the document shows ${JSON.stringify(shape.meta)}`;
}

/** An error answer in the facts' envelope: `{"Status": "Error", "Message": "...", "Meta": null}`. */
export function errorEnvelopeProblem(exchange: Exchange): string | undefined {
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not the {Status, Message, Meta} envelope';
  if (body.Status !== 'Error') return `"Status" is ${JSON.stringify(body.Status)}, not "Error"`;
  if (typeof body.Message !== 'string') return '"Message" is not a string';
  if (body.Meta !== null) return `"Meta" is ${JSON.stringify(body.Meta)}, not null`;
  return undefined;
}

export function messageOf(exchange: Exchange): unknown {
  return (exchange.response.json as Partial<Envelope> | undefined)?.Message;
}

// --- comparing users ------------------------------------------------------------------------------

/** What a check knows of a user; every other field (and every extra permission) is free. */
export interface ExpectedUser {
  id?: string;
  email_address?: string;
  first_name?: string;
  last_name?: string;
  active?: boolean;
  /** Compared as a subset: these permissions with these levels (a target may add defaults). */
  user_permissions?: UserPermissions;
  access_key?: string;
}

/** Strings compare as Unicode text (NFC or NFD alike); permissions as a subset. */
export function userMismatches(actual: unknown, expected: ExpectedUser): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`the user is ${JSON.stringify(actual)}, not an object`];
  const record = actual as Record<string, unknown>;
  return Object.entries(expected).flatMap(([key, value]) => {
    if (value === undefined) return [];
    if (!(key in record)) return [`${key} is missing`];
    if (key === 'user_permissions') {
      const granted = record[key];
      if (typeof granted !== 'object' || granted === null || Array.isArray(granted)) return [`user_permissions is ${JSON.stringify(granted)}, not an object`];
      return Object.entries(value as UserPermissions)
        .filter(([object, level]) => (granted as Record<string, unknown>)[object] !== level)
        .map(([object, level]) => `user_permissions.${object} is ${JSON.stringify((granted as Record<string, unknown>)[object])}, not ${JSON.stringify(level)}`);
    }
    return sameValue(record[key], value) ? [] : [`${key} is ${show(record[key])}, not ${show(value)}`];
  });
}

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 70)}…"(${typeof value === 'string' ? value.length : '?'} characters)` : json;
}

export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual === expected || actual.normalize('NFC') === expected.normalize('NFC');
  return actual === expected;
}

export function expectUserValues(actual: unknown, expected: ExpectedUser, what: string, exchange?: Exchange): void {
  const mismatches = userMismatches(actual, expected);
  if (mismatches.length > 0) fail(`${what}: ${mismatches.join('; ')}`, expected, exchange ? answerOf(exchange) : actual);
}

export function sameEmail(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

// --- identifiers ----------------------------------------------------------------------------------

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

/** An id shaped like `model` that none of `known` has: for "a user that never existed". */
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

export function emailFor(name: string): string {
  return `${name}@example.com`;
}

// --- the operations -------------------------------------------------------------------------------

export const USERS_PATH = '/api/users';

export type TykOperation =
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'setUserPassword'
  | 'resetUserSession'
  | 'allowResetPasswords'
  | 'disallowResetPasswords';

export const ADMIN_OPERATIONS: ReadonlySet<TykOperation> = new Set(['allowResetPasswords', 'disallowResetPasswords']);

/** Method and path of each operation (`id` percent-encoded into it). */
export function route(operation: TykOperation, id = ''): { method: string; path: string } {
  const user = `${USERS_PATH}/${encodeURIComponent(id)}`;
  switch (operation) {
    case 'listUsers':
      return { method: 'GET', path: USERS_PATH };
    case 'createUser':
      return { method: 'POST', path: USERS_PATH };
    case 'getUser':
      return { method: 'GET', path: user };
    case 'updateUser':
      return { method: 'PUT', path: user };
    case 'deleteUser':
      return { method: 'DELETE', path: user };
    case 'setUserPassword':
      return { method: 'POST', path: `${user}/actions/reset` };
    case 'resetUserSession':
      return { method: 'PUT', path: `${user}/actions/key/reset` };
    case 'allowResetPasswords':
      return { method: 'PUT', path: `/admin/users/${encodeURIComponent(id)}/actions/allow_reset_passwords` };
    case 'disallowResetPasswords':
      return { method: 'PUT', path: `/admin/users/${encodeURIComponent(id)}/actions/disallow_reset_passwords` };
  }
}

export interface CallOptions {
  id?: string;
  query?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body, sent verbatim. */
  raw?: string;
  /** The Content-Type of a body; null sends none (as the document's raw samples do). Default application/json. */
  contentType?: string | null;
  /** The access key for `authorization`; null sends none. Default: the run's key (not sent to /admin). */
  key?: string | null;
  /** Send the key as `Bearer <key>`. */
  bearer?: boolean;
  /** The secret for `admin-auth`; null sends none. Default: the run's secret on /admin, none elsewhere. */
  adminSecret?: string | null;
}

export class TykDriver {
  readonly http: HttpClient;
  readonly config: RunConfig;

  constructor(http: HttpClient, config: RunConfig) {
    this.http = http;
    this.config = config;
  }

  static of(context: CheckContext): TykDriver {
    return new TykDriver(context.http, context.config);
  }

  get token(): string {
    return this.config.credentials.token ?? '';
  }

  call(operation: TykOperation, options: CallOptions = {}): Promise<Exchange> {
    const { method, path } = route(operation, options.id);
    const headers: Record<string, string> = {};
    const admin = ADMIN_OPERATIONS.has(operation);
    const key = options.key === undefined ? (admin ? null : this.token) : options.key;
    if (key !== null) headers['authorization'] = options.bearer ? `Bearer ${key}` : key;
    const secret = options.adminSecret === undefined ? (admin ? (this.config.credentials.adminSecret ?? null) : null) : options.adminSecret;
    if (secret !== null) headers['admin-auth'] = secret;
    const request: HttpRequest = { method, path, headers, ...(options.query ? { query: options.query } : {}) };
    const text = options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
    if (text !== undefined) {
      request.body = text;
      const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
      if (contentType !== null) headers['content-type'] = contentType;
    }
    return this.http.send(request);
  }

  list(query?: Record<string, string>, options: CallOptions = {}): Promise<Exchange> {
    return this.call('listUsers', { ...options, ...(query ? { query } : {}) });
  }

  get(id: string, options: CallOptions = {}): Promise<Exchange> {
    return this.call('getUser', { ...options, id });
  }

  create(body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.call('createUser', { ...options, json: body });
  }

  update(id: string, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.call('updateUser', { ...options, id, json: body });
  }

  remove(id: string, options: CallOptions = {}): Promise<Exchange> {
    return this.call('deleteUser', { ...options, id });
  }

  setPassword(id: string, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.call('setUserPassword', { ...options, id, json: body });
  }

  /** Reset User Session; `body` undefined sends none (the Go SDK), otherwise `{"userId": ...}` as documented. */
  resetKey(id: string, body?: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.call('resetUserSession', { ...options, id, ...(body !== undefined ? { json: body } : {}) });
  }

  allow(id: string, options: CallOptions = {}): Promise<Exchange> {
    return this.call('allowResetPasswords', { ...options, id });
  }

  disallow(id: string, options: CallOptions = {}): Promise<Exchange> {
    return this.call('disallowResetPasswords', { ...options, id });
  }

  /**
   * Every user of the organisation. Without `p` the facts' Dashboard answers everyone; a target that pages
   * anyway says so in `pages`, and the other pages are read too (p = 1..pages), duplicates removed.
   * `strict` judges the list's shape and every user's fields and types (the list checks); otherwise the
   * list only has to be readable, so that a check looking a user up fails for its own reason, not the
   * list's.
   */
  async listAll(what: string, strict = true): Promise<{ users: User[]; exchanges: Exchange[] }> {
    const read = (exchange: Exchange, label: string): { users: User[]; pages: number } => {
      if (strict) {
        const list = expectUserList(exchange, label);
        list.users.forEach((user) => expectUserShape(user, `${label}: a listed user`, exchange));
        return list;
      }
      const body = exchange.response.json as { users?: unknown; pages?: unknown } | undefined;
      expectNoServerError(exchange, label);
      if (exchange.response.status !== 200 || !Array.isArray(body?.users)) fail(`${label}: no list of users to look in`, 'HTTP 200 {"users": [...], "pages": <integer>}', answerOf(exchange));
      const users = (body.users as unknown[]).filter((user): user is User => typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string');
      return { users, pages: Number.isInteger(body.pages) ? (body.pages as number) : 0 };
    };
    const first = await this.list();
    const list = read(first, what);
    const exchanges = [first];
    const users = new Map<string, User>(list.users.map((user) => [user.id, user]));
    const pages = Math.min(list.pages, 100);
    for (let page = 1; page <= pages && pages > 1; page += 1) {
      const exchange = await this.list({ p: String(page) });
      exchanges.push(exchange);
      for (const user of read(exchange, `${what} (p=${page})`).users) if (!users.has(user.id)) users.set(user.id, user);
    }
    return { users: [...users.values()], exchanges };
  }

  /** The users with this address (the list is only read, not judged). */
  async findByEmail(email: string, what: string): Promise<{ users: User[]; exchange: Exchange }> {
    const { users, exchanges } = await this.listAll(what, false);
    return { users: users.filter((user) => sameEmail(user.email_address, email)), exchange: exchanges[exchanges.length - 1] as Exchange };
  }

  /**
   * The user an Add User just created, found by its address (the document answers no id; current
   * Dashboards answer it in `Meta`, which is tried first). Fails when it is not there exactly once.
   */
  async findCreated(envelope: Envelope | undefined, email: string, what: string): Promise<User> {
    if (typeof envelope?.Meta === 'string' && envelope.Meta !== '') {
      const byId = await this.get(envelope.Meta);
      const body = byId.response.json as Partial<User> | undefined;
      if (byId.response.status === 200 && sameEmail(body?.email_address, email)) return expectUserShape(body, `${what}: GET the new id`, byId);
    }
    let { users, exchange } = await this.findByEmail(email, `${what}: GET /api/users to find the new user`);
    // A target that pages the list may move users between pages while other runs write: look twice.
    if (users.length === 0) ({ users, exchange } = await this.findByEmail(email, `${what}: GET /api/users to find the new user (again)`));
    if (users.length !== 1) fail(`${what}: the list has ${users.length} users with the address ${email} after Add User answered success`, `exactly one user with email_address ${email}`, answerOf(exchange));
    return users[0] as User;
  }

  /** Every user as listed (all pages), judging nothing: for clean-ups and the sweep. */
  async listQuietly(): Promise<Array<Partial<User>>> {
    const usersOf = (exchange: Exchange): Array<Partial<User>> => {
      const users = (exchange.response.json as { users?: unknown } | undefined)?.users;
      return Array.isArray(users) ? (users as Array<Partial<User>>) : [];
    };
    const first = await this.list();
    const users = usersOf(first);
    const pages = (first.response.json as { pages?: unknown } | undefined)?.pages;
    for (let page = 1; typeof pages === 'number' && pages > 1 && page <= Math.min(pages, 100); page += 1) users.push(...usersOf(await this.list({ p: String(page) })));
    return users;
  }

  /** Deletes users with these addresses; for clean-ups. */
  async deleteByEmail(emails: readonly string[]): Promise<void> {
    if (emails.length === 0) return;
    const ids = new Set<string>();
    for (const user of await this.listQuietly()) if (typeof user.id === 'string' && emails.some((email) => sameEmail(user.email_address, email))) ids.add(user.id);
    for (const id of ids) await this.remove(id);
  }

  /** Deletes this user (by id, or by address when the id was never learned); for clean-ups. */
  async deleteQuietly(id: string | undefined, email: string): Promise<void> {
    if (id !== undefined) await this.remove(id);
    else await this.deleteByEmail([email]);
  }

  /**
   * Adds a user the check needs (with the run's prefix in its address), registers its deletion, and
   * answers it as the target stores it. Fails the check when the target refuses or loses it.
   */
  async addUser(context: CheckContext, body: Record<string, unknown> & { email_address: string }, what: string): Promise<User> {
    let id: string | undefined;
    const cleaner = new TykDriver(this.http, this.config);
    context.onCleanup(() => cleaner.deleteQuietly(id, body.email_address));
    const exchange = await this.create(body);
    const envelope = expectAnswer(exchange, ANSWERS.created, what);
    const user = await this.findCreated(envelope, body.email_address, what);
    id = user.id;
    return user;
  }

  /**
   * What the key is worth as a credential now: the answer to GET /api/users/{its user's id} with it, or
   * to GET /api/users when the user is gone (so a "no such user" cannot pass for a refusal).
   */
  probeKey(id: string | undefined, key: string): Promise<Exchange> {
    return id === undefined ? this.list(undefined, { key }) : this.get(id, { key });
  }

  /** A revoked key may take a moment to stop working behind a cache: a short grace, then it must be refused. */
  async expectKeyRefused(id: string | undefined, key: string, what: string): Promise<void> {
    let exchange = await this.probeKey(id, key);
    for (let attempt = 1; attempt < 4 && !isRefusal(exchange); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      exchange = await this.probeKey(id, key);
    }
    if (!isRefusal(exchange)) fail(`${what}: the key still works (HTTP ${exchange.response.status})`, 'HTTP 401 or 403: the key no longer works', answerOf(exchange));
  }

  /** The user as Get User answers it now. */
  async fetch(id: string, what: string): Promise<{ user: User; exchange: Exchange }> {
    const exchange = await this.get(id);
    return { user: expectUserAnswer(exchange, what), exchange };
  }
}

/** Users of certification runs (`uac` + 6 hex digits, suites/certify/run.ts) come and go; others stay put. */
const CERTIFY_RUN_ADDRESS = /^uac[0-9a-f]{6}/i;

/** The users no certification run made first (they do not vanish while a check looks at them). */
export function stableFirst(users: readonly User[]): User[] {
  return [...users.filter((user) => !CERTIFY_RUN_ADDRESS.test(user.email_address)), ...users.filter((user) => CERTIFY_RUN_ADDRESS.test(user.email_address))];
}

/**
 * GET /api/users/{id} of a listed user, for the checks that write nothing: a user no certification run
 * made is preferred, and one deleted between the list and the GET (by a concurrent run) is passed over.
 */
export async function getListedUser(driver: TykDriver, options: CallOptions = {}): Promise<{ listed: User; exchange: Exchange } | undefined> {
  const ordered = stableFirst((await driver.listAll('GET /api/users', false)).users);
  let last: { listed: User; exchange: Exchange } | undefined;
  for (const listed of ordered.slice(0, 3)) {
    last = { listed, exchange: await driver.get(listed.id, options) };
    if (last.exchange.response.status !== 404) return last;
  }
  return last;
}

/** A run-prefixed address and names standing in for one of the document's users. */
export function standIn(context: CheckContext, hint: string): { email_address: string; name: string } {
  const name = context.uniqueName(hint);
  return { email_address: emailFor(name), name };
}

/**
 * An access key without users write permission: `--limited-token`, or the key of a `users: read` user the
 * check adds with the run's key (and deletes afterwards).
 */
export async function limitedKey(context: CheckContext, driver: TykDriver): Promise<{ key: string; selfMade: boolean }> {
  const given = context.config.credentials.limitedToken;
  if (given) return { key: given, selfMade: false };
  const identity = standIn(context, 'readonly');
  const user = await driver.addUser(context, { first_name: 'Read', last_name: 'Only', email_address: identity.email_address, active: true, user_permissions: { users: 'read' } }, 'POST a users: read user (no --limited-token)');
  if (typeof user.access_key !== 'string' || user.access_key === '') context.skip('the users: read user added for this check has no access_key to call with');
  return { key: user.access_key, selfMade: true };
}
