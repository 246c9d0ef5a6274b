// The Tyk Dashboard users operations for the checks: one method per operation, the run's access key in
// `authorization` (raw, as the document sends it) and the admin secret in `admin-auth`, and the lookups
// the document makes necessary (its Add User answers no id: the new user is found by its address).
// Set-up steps (adding the users a check needs) run as the check's prerequisites: when they fail, the
// check is blocked by the operation at fault instead of failing for it.
import type { CheckContext } from '../harness/check.ts';
import { deleteRunUsers, isNamed } from '../harness/cleanup.ts';
import type { RunConfig } from '../harness/config.ts';
import { HttpClient, type Exchange, type HttpRequest } from '../harness/http.ts';
import { answersFor, expectNoServerError, expectUserAnswer, expectUserList, failOn, isRefusal, type AnswerName, type AnswerShape, type Blame, type Envelope } from './answers.ts';
import { ADMIN_OPERATIONS, recordOperation, route, type TykOperation } from './operations.ts';
import { emailFor, sameEmail, stableFirst, type TykUser } from './values.ts';

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
  readonly profile: string;
  readonly answers: Record<AnswerName, AnswerShape>;

  constructor(http: HttpClient, config: RunConfig) {
    this.http = http;
    this.config = config;
    this.profile = config.profile;
    this.answers = answersFor(config.profile);
  }

  static of(context: CheckContext): TykDriver {
    return new TykDriver(context.http, context.config);
  }

  get token(): string {
    return this.config.credentials.token ?? '';
  }

  async call(operation: TykOperation, options: CallOptions = {}): Promise<Exchange> {
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
    return recordOperation(await this.http.send(request), operation);
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
   * Every user of the organisation: without `p` first; a target that pages says so in `pages`, and
   * p = 1..pages are read too, duplicates removed. `strict` judges the list's shape and every user's
   * fields (the list checks); otherwise the list only has to be readable, so that a check looking a user
   * up fails for its own reason, not the list's. Users added or deleted by others between two pages move
   * the rest: a paged reading that is not `complete` (lacks users the caller knows exist) is read again,
   * a little later each time (others' bursts of writes end), up to five times.
   */
  async listAll(what: string, strict = true, complete: (users: TykUser[]) => boolean = () => true): Promise<{ users: TykUser[]; exchanges: Exchange[] }> {
    let reading = await this.readAllPages(what, strict);
    for (let attempt = 1; attempt < 5 && reading.exchanges.length > 1 && !complete(reading.users); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      reading = await this.readAllPages(`${what} (again)`, strict);
    }
    return reading;
  }

  private async readAllPages(what: string, strict: boolean): Promise<{ users: TykUser[]; exchanges: Exchange[] }> {
    const read = (exchange: Exchange, label: string): { users: TykUser[]; pages: number } => {
      if (strict) return expectUserList(exchange, label, this.profile);
      const body = exchange.response.json as { users?: unknown; pages?: unknown } | undefined;
      expectNoServerError(exchange, label);
      if (exchange.response.status !== 200 || !(Array.isArray(body?.users) || body?.users === null)) failOn(exchange, `${label}: no list of users to look in`, 'HTTP 200 {"users": [...], "pages": <integer>}', 'schema');
      const users = ((body.users ?? []) as unknown[]).filter((user): user is TykUser => typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string');
      return { users, pages: Number.isInteger(body.pages) ? (body.pages as number) : 0 };
    };
    const first = await this.list();
    const list = read(first, what);
    const exchanges = [first];
    const users = new Map<string, TykUser>(list.users.map((user) => [user.id, user]));
    const pages = Math.min(list.pages, 1_000);
    for (let page = 1; page <= pages && pages > 1; page += 1) {
      const exchange = await this.list({ p: String(page) });
      exchanges.push(exchange);
      for (const user of read(exchange, `${what} (p=${page})`).users) if (!users.has(user.id)) users.set(user.id, user);
    }
    return { users: [...users.values()], exchanges };
  }

  /** The users with this address (the list is only read, not judged). */
  async findByEmail(email: string, what: string): Promise<{ users: TykUser[]; exchange: Exchange }> {
    const { users, exchanges } = await this.listAll(what, false, (listed) => listed.some((user) => sameEmail(user.email_address, email)));
    return { users: users.filter((user) => sameEmail(user.email_address, email)), exchange: exchanges[exchanges.length - 1] as Exchange };
  }

  /**
   * The user an Add User just created: by the id in `Meta` (Dashboard 5.x answers it), else by its
   * address in the list (the document's Add User answers no id). Fails, as createUser's fault, when it
   * is not there exactly once.
   */
  async findCreated(envelope: Partial<Envelope> | undefined, email: string, what: string, blame: Blame = { operation: 'createUser' }): Promise<TykUser> {
    const meta = envelope?.Meta;
    const id = typeof meta === 'string' && meta !== '' ? meta : typeof meta === 'object' && meta !== null && typeof (meta as { id?: unknown }).id === 'string' ? (meta as { id: string }).id : undefined;
    if (id !== undefined) {
      const byId = await this.get(id);
      const body = byId.response.json as Partial<TykUser> | undefined;
      // Found, not judged: the user's fields are the checks' to judge, not a set-up's.
      if (byId.response.status === 200 && sameEmail(body?.email_address, email) && typeof body?.id === 'string') return body as TykUser;
    }
    let { users, exchange } = await this.findByEmail(email, `${what}: GET /api/users to find the new user`);
    // A target that pages the list may move users between pages while other runs write: look twice.
    if (users.length === 0) ({ users, exchange } = await this.findByEmail(email, `${what}: GET /api/users to find the new user (again)`));
    if (users.length !== 1) failOn(exchange, `${what}: the list has ${users.length} users with the address ${email} after Add User answered success`, `exactly one user with email_address ${email}`, 'not-stored', blame);
    return users[0] as TykUser;
  }

  /**
   * Adds a user the check needs but does not verify (its set-up, a prerequisite: a failure blocks the
   * check as createUser's), registers its deletion, and answers it as the target stores it. Only the
   * user's existence is required here: the answer's literals are the Add User checks' to judge.
   */
  addUser(context: CheckContext, body: Record<string, unknown> & { email_address: string }, what: string): Promise<TykUser> {
    return context.prerequisite(what, async () => {
      let id: string | undefined;
      context.onCleanup(() => this.deleteQuietly(id, body.email_address));
      const exchange = await this.create(body);
      expectNoServerError(exchange, what);
      if (exchange.response.status < 200 || exchange.response.status >= 300) failOn(exchange, `${what}: HTTP ${exchange.response.status}`, 'a success (the user added)', 'status');
      const user = await this.findCreated(exchange.response.json as Partial<Envelope> | undefined, body.email_address, what);
      id = user.id;
      return user;
    });
  }

  /** Deletes one of the run's users, outside the check's record (by id, else by what the ledger knows of its address). */
  async deleteQuietly(id: string | undefined, email: string): Promise<void> {
    if (id === undefined) return deleteRunUsers(this.config, (entry) => isNamed(entry, [email]));
    await new TykDriver(new HttpClient(this.config), this.config).remove(id).catch(() => undefined);
  }

  /**
   * Deletes every user listed with this address, outside the check's record: a target that took a
   * duplicate has two, and the run's ledger knows one id per address. Each id is read first, so that the
   * write guard sees it shown with the run's address before the DELETE.
   */
  async deleteAllWithEmail(email: string): Promise<void> {
    const cleaner = new TykDriver(new HttpClient(this.config), this.config);
    const { users } = await cleaner.findByEmail(email, 'GET /api/users to delete the users with the address').catch(() => ({ users: [] as TykUser[] }));
    for (const user of users) {
      await cleaner.get(user.id);
      await cleaner.remove(user.id).catch(() => undefined);
    }
  }

  /**
   * What the key is worth as a credential now: the answer to GET /api/users/{its user's id} with it, or
   * to GET /api/users when the user is gone (so a "no such user" cannot pass for a refusal).
   */
  probeKey(id: string | undefined, key: string): Promise<Exchange> {
    return id === undefined ? this.list(undefined, { key }) : this.get(id, { key });
  }

  /** A revoked key may take a moment to stop working behind a cache: a short grace, then it must be refused. */
  async expectKeyRefused(id: string | undefined, key: string, what: string, blame: Blame): Promise<void> {
    let exchange = await this.probeKey(id, key);
    for (let attempt = 1; attempt < 4 && !isRefusal(exchange); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      exchange = await this.probeKey(id, key);
    }
    if (!isRefusal(exchange)) failOn(exchange, `${what}: the key still works (HTTP ${exchange.response.status})`, 'HTTP 401 or 403: the key no longer works', 'not-refused', blame);
  }

  /** The user as Get User answers it now (`blame`: the operation whose effect is being read back). */
  async fetch(id: string, what: string, blame: Blame = {}): Promise<{ user: TykUser; exchange: Exchange }> {
    const exchange = await this.get(id);
    return { user: expectUserAnswer(exchange, what, this.profile, blame), exchange };
  }
}

/** `work` for every item, at most `size` at once (certify's client keeps 8 connections per target). */
/** A run-prefixed address standing in for one of the document's users. */
export function standIn(context: CheckContext, hint: string): string {
  return emailFor(context.uniqueName(hint));
}

/** A User Object every profile takes (Dashboard 5.8 requires names and permissions), with `extra` on top. */
export function userBody(context: CheckContext, hint: string, extra: Record<string, unknown> = {}): Record<string, unknown> & { email_address: string } {
  return { first_name: 'Pat', last_name: 'Sample', email_address: standIn(context, hint), active: true, user_permissions: { users: 'read' }, ...extra };
}

/** A users: read user, whose own key can read (so a key that stops working shows), added with the run's key. */
export function addReader(context: CheckContext, driver: TykDriver, hint: string): Promise<TykUser> {
  return driver.addUser(context, userBody(context, hint), 'POST a users: read user');
}

/** A user the check changes or deletes, added with the run's key (and deleted afterwards). */
export function addSubject(context: CheckContext, driver: TykDriver, extra: Record<string, unknown> = {}): Promise<TykUser> {
  return driver.addUser(context, userBody(context, 'subject', extra), 'POST a user for the check');
}

/**
 * An access key without users write permission: `--limited-token`, or the key of a `users: read` user the
 * check adds with the run's key (and deletes afterwards).
 */
export async function limitedKey(context: CheckContext, driver: TykDriver): Promise<{ key: string; selfMade: boolean; user?: TykUser }> {
  const given = context.config.credentials.limitedToken;
  if (given) return { key: given, selfMade: false };
  const user = await driver.addUser(context, userBody(context, 'readonly', { first_name: 'Read', last_name: 'Only' }), 'POST a users: read user (no --limited-token)');
  if (typeof user.access_key !== 'string' || user.access_key === '') context.skip('the users: read user added for this check has no access_key to call with');
  return { key: user.access_key, selfMade: true, user };
}

/**
 * GET /api/users/{id} of a listed user, for the checks that write nothing: a user no certification run
 * made is preferred, and one deleted between the list and the GET (by a concurrent run) is passed over.
 */
export async function getListedUser(driver: TykDriver, options: CallOptions = {}): Promise<{ listed: TykUser; exchange: Exchange } | undefined> {
  const ordered = stableFirst((await driver.listAll('GET /api/users', false)).users);
  let last: { listed: TykUser; exchange: Exchange } | undefined;
  for (const listed of ordered.slice(0, 3)) {
    last = { listed, exchange: await driver.get(listed.id, options) };
    if (last.exchange.response.status !== 404) return last;
  }
  return last;
}

/** Some user's id to address a read to (a listed one, else one shaped like the samples'), and every id listed. */
export async function someUserId(driver: TykDriver): Promise<{ id: string; known: string[] }> {
  const { users } = await driver.listAll('GET /api/users', false);
  return { id: stableFirst(users)[0]?.id ?? '54bd0ad9ff4329b88985aafb', known: users.map((user) => user.id) };
}
