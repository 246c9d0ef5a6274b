// The one place that decides whether certify may send a request that can change state. Every request
// of every check, clean-up and sweep passes through it (HttpClient.send calls it; nothing else in
// suites/ talks to a target). A write is sent only when every user it targets is one this run created
// (its id bound in the ledger by an answer) or a new or absent identity carrying the run's prefix;
// anything else is refused before it leaves the machine. What a write targets is read per API from a
// small declaration beside its driver (WriteRules); the guard itself knows no API.
import type { Exchange, HttpRequest } from './http.ts';
import type { Credentials } from './config.ts';
import type { Ledger, LedgerEntry } from './ledger.ts';

/** How to read what one write operation targets. */
export interface WriteRule {
  method: string;
  /** The spec's path template, e.g. '/api/users/{id}/actions/key/reset'. */
  path: string;
  /**
   * create: makes a new user (it must carry the run's prefix); change: updates, deletes or acts on an
   * existing user (it must be the run's); no-user: changes no user (a login, a token request).
   */
  kind: 'create' | 'change' | 'no-user';
  /** Path parameters holding a server-given user id. */
  idParameters?: string[];
  /** Body (or query) fields naming a user or what a user belongs to: their values must carry the run's prefix. */
  nameFields?: string[];
  /**
   * Of `nameFields`, those that identify one user (vaa's userId): the ledger knows the run's users by
   * them. A field several users may share (an e-mail, a customer) must carry the prefix too, but never
   * makes two users one. Default: every name field identifies.
   */
  identityFields?: string[];
  /** Body fields holding server-given user ids. */
  idFields?: string[];
}

/** A user as an answer shows it: its server id and the identities it carries, by field (userId, email, ...). */
export interface UserRecord {
  id?: string;
  names: Record<string, string>;
}

/** What the guard needs to know of one API: its writes, and how to see users in its answers. */
export interface WriteRules {
  rules: WriteRule[];
  /** Paths are matched without regard to case (Checkmarx). */
  caseInsensitivePaths?: boolean;
  /** Every user an answer shows (list, get, create answers). */
  usersIn(exchange: Exchange): UserRecord[];
  /** The id a successful create answer gives, where it gives one (a Location, a Meta, a body id). */
  createdId(exchange: Exchange): string | undefined;
  /**
   * A read that shows the run's user `entry` (by its id, or by its name where the API reads by name), to
   * confirm whose `id` is before writing to it; undefined where no read can.
   */
  confirmingRead(entry: LedgerEntry, id: string): HttpRequest | undefined;
  /** The request with the run's main credential on it (for the guard's reads and the clean-up). */
  authorize(request: HttpRequest, credentials: Credentials): HttpRequest;
}

export class WriteRefused extends Error {
  readonly request: HttpRequest;
  constructor(reason: string, request: HttpRequest) {
    super(`certify refused to write to a user it did not create: ${reason}`);
    this.name = 'WriteRefused';
    this.request = request;
  }
}

interface Target {
  rule: WriteRule;
  ids: string[];
  /** Values of name fields, as sent (strings, or anything else a check put there); `identifies`: an identity field's. */
  names: Array<{ field: string; value: unknown; identifies: boolean }>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class WriteGuard {
  private readonly declaration: WriteRules;
  readonly ledger: Ledger;
  private readonly compiled: Array<{ rule: WriteRule; pattern: RegExp; parameters: string[] }>;
  private readonly targets = new WeakMap<HttpRequest, Target | string>();
  /** Every refused request, for the report's count. */
  readonly refusals: Array<{ reason: string; request: HttpRequest }> = [];
  /** Reads the guard sent itself to confirm an id before a write. */
  verificationReads = 0;
  /** Every request the run sent and got an answer to: checks, inventory, clean-up, the guard's own reads. */
  answered = 0;

  constructor(declaration: WriteRules, ledger: Ledger) {
    this.declaration = declaration;
    this.ledger = ledger;
    this.compiled = declaration.rules.map((rule) => {
      const parameters: string[] = [];
      const source = rule.path.split(/(\{[^}]+\})/).map((part) => {
        const parameter = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (parameter === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        parameters.push(parameter);
        return '([^/]+)';
      });
      return { rule, pattern: new RegExp(`^${source.join('')}/?$`, declaration.caseInsensitivePaths ? 'i' : ''), parameters };
    });
  }

  /**
   * Allows the request or throws WriteRefused. `read` sends a confirming read (never a write) when an id
   * must be shown to be the run's before it is written to.
   */
  async admit(request: HttpRequest, read: (request: HttpRequest) => Promise<Exchange>): Promise<void> {
    if (READS.has(request.method.toUpperCase())) return;
    const target = this.targetOf(request);
    const refuse = (reason: string): never => {
      this.refusals.push({ reason, request });
      throw new WriteRefused(reason, request);
    };
    if (typeof target === 'string') return refuse(target);
    const { rule, ids, names } = target;
    if (rule.kind === 'no-user') return;
    const foreignNames = names.filter(({ value }) => !this.namesRunUser(value));
    if (foreignNames.length > 0) {
      return refuse(`${request.method} ${request.path} names ${foreignNames.map(({ field, value }) => `${field}=${JSON.stringify(value)}`).join(', ')}, which does not carry this run's prefix '${this.ledger.namePrefix}'`);
    }
    if (rule.kind === 'create') {
      if (!names.some(({ identifies }) => identifies)) return refuse(`${request.method} ${request.path} creates a user with no identity this run can recognise as its own (no ${(rule.identityFields ?? rule.nameFields ?? []).join(' / ') || 'name field'} carrying the prefix '${this.ledger.namePrefix}')`);
      if (ids.length > 0) return refuse(`${request.method} ${request.path} creates a user with a given id (${ids.join(', ')}), which may be another user's`);
      return;
    }
    if (ids.length === 0 && names.length === 0) return refuse(`${request.method} ${request.path} does not say which user it acts on, so it could act on any`);
    for (const id of ids) {
      const problem = await this.confirmId(id, read);
      if (problem) refuse(`${request.method} ${request.path} targets user id ${id}, ${problem}`);
    }
  }

  /** Learns from an answer: the run's new users, the ids answers show, deletes answered. */
  observe(request: HttpRequest, exchange: Exchange): void {
    this.answered += 1;
    const method = request.method.toUpperCase();
    const isRead = READS.has(method);
    const target = isRead ? undefined : this.targetOf(request);
    const { status } = exchange.response;
    const succeeded = typeof target === 'object' && status >= 200 && status < 300;
    // The new user first, so the user its answer shows is that one, not a second of the same name.
    if (succeeded && target.rule.kind === 'create') {
      const names = Object.fromEntries(target.names.filter(({ value, identifies }) => identifies && typeof value === 'string').map(({ field, value }) => [field, value as string]));
      if (Object.keys(names).length > 0) this.ledger.recordCreated(names, this.declaration.createdId(exchange));
    }
    for (const record of this.safeUsersIn(exchange)) this.ledger.observe(record.id, record.names, isRead ? 'read' : 'create-answer');
    if (succeeded && method === 'DELETE' && target.rule.kind === 'change') for (const entry of this.entriesOf(target)) this.ledger.markDeleteAnswered(entry);
  }

  authorize(request: HttpRequest, credentials: Credentials): HttpRequest {
    return this.declaration.authorize(request, credentials);
  }

  /** The ledger entries a write targets (by id, then by name). */
  entriesOf(target: Target): LedgerEntry[] {
    const entries = new Set<LedgerEntry>();
    for (const id of target.ids) {
      const entry = this.ledger.entryById(id);
      if (entry) entries.add(entry);
    }
    for (const { value, identifies } of target.names) {
      const entry = identifies && typeof value === 'string' ? this.ledger.entryByName(value) : undefined;
      if (entry) entries.add(entry);
    }
    return [...entries];
  }

  private safeUsersIn(exchange: Exchange): UserRecord[] {
    try {
      return this.declaration.usersIn(exchange);
    } catch {
      return [];
    }
  }

  /** Undefined when the id may be written to; otherwise why not. */
  private async confirmId(id: string, read: (request: HttpRequest) => Promise<Exchange>): Promise<string | undefined> {
    const known = this.ledger.foreignReason(id);
    if (known) return `which is not this run's (${known})`;
    const entry = this.ledger.entryById(id);
    if (!entry) return 'which no answer to this run has shown as a user it created';
    // An id learned from a create's answer, or of a user since deleted (ids can be reused), is confirmed
    // by a read first.
    if (entry.idVerified && entry.state !== 'delete-answered' && entry.state !== 'gone') return undefined;
    const request = this.declaration.confirmingRead(entry, id);
    if (!request) return 'which no read can confirm as this run\'s';
    this.verificationReads += 1;
    const exchange = await read(request);
    this.answered += 1;
    const records = this.safeUsersIn(exchange).filter((record) => record.id === id);
    for (const record of records) this.ledger.observe(id, record.names, 'read');
    const foreign = this.ledger.foreignReason(id);
    if (foreign) return `which is not this run's (${foreign})`;
    if (records.some((record) => Object.values(record.names).some((name) => this.ledger.isRunName(name)))) return undefined;
    const { status } = exchange.response;
    // Absent: no user can be harmed by writing to it (the "already deleted" checks).
    const deleted = entry.state === 'delete-answered' || entry.state === 'gone';
    if (records.length === 0 && (status === 404 || status === 410 || (deleted && status >= 400 && status < 500))) return undefined;
    return `which a read (${exchange.request.method} ${exchange.request.url} -> ${status}) did not confirm as this run's`;
  }

  private namesRunUser(value: unknown): boolean {
    if (Array.isArray(value)) return value.length > 0 && value.every((item) => this.namesRunUser(item));
    return this.ledger.isRunName(value);
  }

  /** The rule a request falls under and what it targets, or why it cannot be told (read once per request: admit and observe share it). */
  targetOf(request: HttpRequest): Target | string {
    let target = this.targets.get(request);
    if (target === undefined) this.targets.set(request, (target = this.readTarget(request)));
    return target;
  }

  private readTarget(request: HttpRequest): Target | string {
    const method = request.method.toUpperCase();
    const path = request.path;
    if (/(^|\/)\.\.?(\/|$)|\/\/|%2f|%5c|\\|%2e/i.test(path)) return `${method} ${path} is an ambiguous path (dot segments, encoded or doubled slashes)`;
    const match = this.compiled.map((compiled) => ({ compiled, groups: compiled.rule.method === method ? compiled.pattern.exec(path) : null })).find(({ groups }) => groups !== null);
    if (!match || !match.groups) return `${method} ${path} is not an operation certify knows how to keep to its own users`;
    const { rule, parameters } = match.compiled;
    const ids: string[] = [];
    for (const [index, parameter] of parameters.entries()) {
      if (!(rule.idParameters ?? []).includes(parameter)) continue;
      const raw = match.groups[index + 1] ?? '';
      try {
        ids.push(decodeURIComponent(raw));
      } catch {
        return `${method} ${path}: the id '${raw}' cannot be decoded`;
      }
    }
    const fields = fieldsOf(request);
    const names: Target['names'] = [];
    for (const field of rule.nameFields ?? []) {
      const identifies = rule.identityFields?.includes(field) ?? true;
      if (fields.has(field)) names.push({ field, value: fields.get(field), identifies });
      const queried = request.query?.[field];
      if (queried !== undefined) names.push({ field: `?${field}`, value: queried, identifies });
    }
    for (const field of rule.idFields ?? []) {
      const value = fields.get(field);
      if (value === undefined) continue;
      if (typeof value !== 'string' && typeof value !== 'number') return `${method} ${path}: ${field}=${JSON.stringify(value)} is not an id certify can confirm`;
      ids.push(String(value));
    }
    return { rule, ids, names };
  }
}

/**
 * The top-level fields of a request body: parsed JSON (whatever the Content-Type says, as the vaa
 * document's curl -d does), form fields, or, for a body that is not valid JSON (the malformed-body
 * checks), each `"field": value` the text holds, so a server that reads it partially can only act on them.
 */
function fieldsOf(request: HttpRequest): Map<string, unknown> {
  let value: unknown = request.json;
  if (value === undefined && request.body !== undefined) {
    try {
      value = JSON.parse(request.body);
    } catch {
      const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
      if (contentType.includes('x-www-form-urlencoded') && !request.body.trimStart().startsWith('{')) return new Map(new URLSearchParams(request.body));
      const fields = new Map<string, unknown>();
      for (const match of request.body.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*("(?:[^"\\]|\\.)*"?|-?[\d.eE+-]+|true|false|null|\[)/g)) {
        const [, key = '', raw = ''] = match;
        let parsed: unknown = raw;
        try {
          parsed = raw === '[' ? [] : JSON.parse(raw.endsWith('"') || !raw.startsWith('"') ? raw : `${raw}"`);
        } catch {
          parsed = raw;
        }
        // A repeated key: keep every value, so each one must pass.
        const previous = fields.get(key);
        fields.set(key, previous === undefined ? parsed : [previous, parsed].flat());
      }
      return fields;
    }
  }
  if (typeof value !== 'object' || value === null) return new Map();
  if (Array.isArray(value)) {
    // A list of users in one write: every element's fields must pass.
    const fields = new Map<string, unknown>();
    for (const item of value) {
      if (typeof item !== 'object' || item === null) continue;
      for (const [key, child] of Object.entries(item)) fields.set(key, fields.has(key) ? [fields.get(key), child].flat() : child);
    }
    return fields;
  }
  return new Map(Object.entries(value));
}
