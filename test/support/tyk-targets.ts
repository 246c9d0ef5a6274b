// Tyk targets for the proof tests, built as proxies in front of the bundled mock (never from its
// internals): the pieces every Tyk target uses (users in any answer, ids and keys translated to another
// format, the upstream read with the admin key), and the two differently-correct targets that make every
// choice the document leaves open the other way from the mock and from each other.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import type { Profile } from '../../specs/apis.ts';
import { DEFAULT_SETTINGS, startMockServer, type MockServer } from '../../mock/server.ts';
import { mapJson, pathOf, type ProxiedRequest, type ProxiedResponse, type Rewrites } from './certify.ts';

export const KEY = DEFAULT_SETTINGS.tyk.accessKey;
export const ADMIN_SECRET = DEFAULT_SETTINGS.tyk.adminSecret;
export const CREDENTIALS = ['--token', KEY, '--admin-secret', ADMIN_SECRET];

export const isCreate = (request: ProxiedRequest): boolean => request.method === 'POST' && pathOf(request) === '/api/users';
export const userIdIn = (request: ProxiedRequest, suffix = ''): string | undefined => new RegExp(`^/api/users/([^/]+)${suffix.replace(/\//g, '\\/')}$`).exec(pathOf(request))?.[1];

export function parsed(body: Buffer | string): any {
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}

export type TykUserRecord = Record<string, any> & { id: string; email_address: string; access_key: string };

/** Applies `change` to every user object anywhere in a body (the list's, Get User's, the admin calls' Meta). */
export function rewriteUsers(value: any, change: (user: TykUserRecord) => Record<string, unknown>): any {
  if (Array.isArray(value)) return value.map((item) => rewriteUsers(item, change));
  if (typeof value !== 'object' || value === null) return value;
  const walked = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteUsers(item, change)]));
  return 'access_key' in walked && 'email_address' in walked ? change(walked as TykUserRecord) : walked;
}

export function ok(message: string, meta: unknown, status = 200): ProxiedResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ Status: 'OK', Message: message, Meta: meta })) };
}

export function refusal(status: number, message: string): ProxiedResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ Status: 'Error', Message: message, Meta: null })) };
}

/** The credentials of mocks started with others than the defaults (the safety proofs use long, unique ones). */
const upstreamCredentials = new Map<string, { accessKey: string; adminSecret: string }>();

/** A Tyk mock of its own (in `profile`), with `credentials` instead of the defaults when given. */
export async function startTykMock({ credentials, profile = 'document' }: { credentials?: { accessKey: string; adminSecret: string }; profile?: Profile } = {}): Promise<MockServer> {
  const mock = await startMockServer({ apis: ['tyk'], port: 0, strict: false, profile, ...(credentials ? { settings: { ...DEFAULT_SETTINGS, tyk: credentials } } : {}) });
  if (credentials) upstreamCredentials.set(mock.url, credentials);
  return mock;
}

/** A call to the upstream mock as its admin (the proxy's own view of the truth). */
export async function upstreamCall(upstream: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
  const credentials = upstreamCredentials.get(upstream) ?? { accessKey: KEY, adminSecret: ADMIN_SECRET };
  const headers: Record<string, string> = path.startsWith('/admin/') ? { 'admin-auth': credentials.adminSecret } : { authorization: credentials.accessKey };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const answer = await request(`${upstream}${path}`, { method: method as 'GET', headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  return { status: answer.statusCode, body: parsed(Buffer.from(await answer.body.arrayBuffer())) };
}

/** Every user the upstream holds. */
export async function upstreamUsers(upstream: string): Promise<TykUserRecord[]> {
  return ((await upstreamCall(upstream, 'GET', '/api/users')).body?.users ?? []) as TykUserRecord[];
}

/**
 * Ids and keys in another format: every 24-hex id and 32-hex key of an answer becomes `publicFor(...)`,
 * and requests (path segments, `authorization`, JSON string values) are translated back.
 */
export class Translation {
  private readonly toPublic = new Map<string, string>();
  private readonly toUpstream = new Map<string, string>();
  private readonly publicFor: (upstream: string, kind: 'id' | 'key', count: number) => string;
  constructor(publicFor: (upstream: string, kind: 'id' | 'key', count: number) => string) {
    this.publicFor = publicFor;
  }
  out(value: string): string {
    const kind = /^[0-9a-f]{24}$/.test(value) ? 'id' : /^[0-9a-f]{32}$/.test(value) ? 'key' : undefined;
    if (!kind) return value;
    let mapped = this.toPublic.get(value);
    if (!mapped) {
      mapped = this.publicFor(value, kind, this.toPublic.size + 1);
      this.toPublic.set(value, mapped);
      this.toUpstream.set(mapped, value);
    }
    return mapped;
  }
  back(value: string): string {
    return this.toUpstream.get(value) ?? value;
  }
  /** From now on `publicValue` stands for `upstream` (an id reused for another user). */
  alias(publicValue: string, upstream: string): void {
    this.toUpstream.set(publicValue, upstream);
    this.toPublic.set(upstream, publicValue);
  }
  deepOut(value: any): any {
    if (typeof value === 'string') return this.out(value);
    if (Array.isArray(value)) return value.map((item) => this.deepOut(item));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.deepOut(item)]));
    return value;
  }
  deepBack(value: any): any {
    if (typeof value === 'string') return this.back(value);
    if (Array.isArray(value)) return value.map((item) => this.deepBack(item));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.deepBack(item)]));
    return value;
  }
  request(incoming: ProxiedRequest): ProxiedRequest {
    const [path, query] = incoming.url.split('?');
    const url = `${(path ?? '').split('/').map((segment) => encodeURIComponent(this.back(decodeURIComponent(segment)))).join('/')}${query === undefined ? '' : `?${query}`}`;
    const headers = { ...incoming.headers };
    const authorization = headers['authorization'];
    if (authorization !== undefined) {
      const bearer = /^bearer\s+/i.exec(authorization)?.[0] ?? '';
      headers['authorization'] = `${bearer}${this.back(authorization.slice(bearer.length))}`;
    }
    const json = parsed(incoming.body);
    const body = json === undefined ? incoming.body : Buffer.from(JSON.stringify(this.deepBack(json)));
    return { ...incoming, url, headers, body };
  }
}

export function uuidFor(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Header names as another server spells them, and a JSON Content-Type with or without a charset. */
export function respell(response: ProxiedResponse, capitalise: boolean, contentType: string): ProxiedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
    headers[capitalise ? name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`) : name] = value;
  }
  if (response.body.length > 0) headers[capitalise ? 'Content-Type' : 'content-type'] = contentType;
  return { ...response, headers };
}

/** The caller's user, found by its key in the upstream's list (undefined for the run's admin key). */
async function callerOf(upstream: string, key: string | undefined): Promise<TykUserRecord | undefined> {
  if (key === undefined) return undefined;
  return (await upstreamUsers(upstream)).find((user) => user.access_key === key.replace(/^bearer\s+/i, ''));
}

/**
 * Target A: UUID ids and keys, 401 and 403 swapped, lists in reverse order, `pages` counted without `p`,
 * Dashboard 5.x's extra fields and no `password`, the new id in Add User's `Meta`, an extra key in every
 * envelope, errors in its own words, a charset parameter, capitalised header names, Bearer accepted, and
 * Set User Password needing users write even for one's own password.
 */
export function openChoicesA(upstream: string): Rewrites {
  const ids = new Translation((value) => uuidFor(value));
  return {
    request: async (incoming) => {
      const translated = ids.request(incoming);
      if (translated.method === 'POST' && userIdIn(translated, '/actions/reset')) {
        const caller = await callerOf(upstream, translated.headers['authorization']);
        const permissions = caller?.user_permissions ?? {};
        if (caller && permissions['IsAdmin'] !== 'admin' && permissions['users'] !== 'write') return { ...translated, url: '/__refused__/403' };
      }
      return translated;
    },
    response: async (response, forwarded) => {
      if (forwarded.url === '/__refused__/403') return respell(refusal(401, 'needs users write'), true, 'application/json; charset=utf-8');
      let { status } = response;
      if (status === 401) status = 403;
      else if (status === 403) status = 401;
      const listing = forwarded.method === 'GET' && pathOf(forwarded) === '/api/users' && !/[?&]p=/.test(forwarded.url);
      let meta: string | undefined;
      if (isCreate(forwarded) && response.status === 200) meta = (await upstreamUsers(upstream)).find((user) => user.email_address.toLowerCase() === String(parsed(forwarded.body)?.email_address).toLowerCase())?.id;
      const rewritten = mapJson(response, (body) => {
        const users = rewriteUsers(body, (user) => {
          const { password: _omitted, ...rest } = user;
          return { ...rest, group_id: '', created_at: '2024-01-01T00:00:00Z', last_login_date: '2024-06-01T00:00:00Z', password_max_days: 0 };
        });
        if (Array.isArray(users?.users)) return ids.deepOut({ ...users, users: [...users.users].reverse(), ...(listing ? { pages: Math.ceil(users.users.length / 10) } : {}) });
        if (typeof users !== 'object' || users === null) return users;
        const message = users.Status === 'Error' ? { Message: `request refused (${status})` } : {};
        return ids.deepOut({ RequestId: 'r-1', ...users, ...message, ...(meta ? { Meta: meta } : {}) });
      });
      return respell({ ...rewritten, status }, true, 'application/json; charset=utf-8');
    },
  };
}

/** Where target B's list of everyone pages by default: its page size. */
const B_PAGE = 10;

/**
 * Target B: numeric ids and `tyk-` keys, 403 for every refused credential, 404 for every unknown user,
 * 422 for every invalid body, 409 for a duplicate address, the raw key only (no Bearer), paging by default
 * (no `p` answers page 1 and the page count), lists sorted by address, every object's keys in reverse
 * order, `password` "" in every user, the user in Add User's `Meta` and {} in the others', extra keys,
 * an Update that replaces (fields not sent are reset), Reset User Session that needs its documented
 * body, no charset, lower-case header names.
 */
export function openChoicesB(upstream: string): Rewrites {
  const ids = new Translation((value, kind, count) => (kind === 'id' ? String(1000 + count) : `tyk-${createHash('sha1').update(value).digest('hex')}`));
  const reversed = (value: any): any => {
    if (Array.isArray(value)) return value.map(reversed);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)]));
  };
  return {
    request: async (incoming) => {
      if (/^bearer\s/i.test(incoming.headers['authorization'] ?? '')) return { ...incoming, url: '/__refused__/403' };
      const translated = ids.request(incoming);
      const body = parsed(translated.body);
      if (translated.method === 'PUT' && userIdIn(translated) && body && typeof body === 'object' && !Array.isArray(body)) {
        const replaced = { first_name: '', last_name: '', active: false, user_permissions: {}, ...body };
        return { ...translated, body: Buffer.from(JSON.stringify(replaced)) };
      }
      if (translated.method === 'PUT' && userIdIn(translated, '/actions/key/reset') && translated.body.length === 0) return { ...translated, url: '/__refused__/422' };
      if (translated.method === 'GET' && pathOf(translated) === '/api/users') {
        const page = Number(new URLSearchParams(translated.url.split('?')[1] ?? '').get('p') ?? '1');
        return { ...translated, url: '/api/users', headers: { ...translated.headers, 'x-b-page': String(Number.isInteger(page) && page >= 1 ? page : 1) } };
      }
      return translated;
    },
    response: async (response, forwarded) => {
      const refused = /^\/__refused__\/(\d+)$/.exec(forwarded.url)?.[1];
      if (refused) return respell(refusal(Number(refused), refused === '403' ? 'bad credentials' : 'a body is required'), false, 'application/json');
      let { status } = response;
      const message = parsed(response.body)?.Message;
      if (status === 401) status = 403;
      else if (status === 400 && message === 'user does not exist.') status = 404;
      else if (status === 400) status = 422;
      else if (status === 403 && typeof message === 'string' && message.startsWith('User email already exists')) status = 409;
      const page = Number(forwarded.headers['x-b-page'] ?? '0');
      let meta: unknown;
      if (isCreate(forwarded) && response.status === 200) meta = (await upstreamUsers(upstream)).find((user) => user.email_address.toLowerCase() === String(parsed(forwarded.body)?.email_address).toLowerCase());
      const rewritten = mapJson(response, (body) => {
        let shaped = rewriteUsers(body, (user) => ({ ...user, password: '', tenant: { region: 'eu' } }));
        if (Array.isArray(shaped?.users)) {
          const sorted = [...shaped.users].sort((a, b) => String(a.email_address).localeCompare(String(b.email_address)));
          shaped = page > 0 ? { users: sorted.slice((page - 1) * B_PAGE, page * B_PAGE), pages: Math.ceil(sorted.length / B_PAGE) } : shaped;
        } else if (shaped?.Status === 'OK' && !(typeof shaped.Meta === 'object' && shaped.Meta !== null)) {
          shaped = { ...shaped, Meta: meta ? { ...meta, password: '' } : {} };
        }
        return reversed(ids.deepOut(typeof shaped === 'object' && shaped !== null && !Array.isArray(shaped) ? { ...shaped, served_by: 'b' } : shaped));
      });
      return respell({ ...rewritten, status }, false, 'application/json');
    },
  };
}
