// Dashboard-5.8-like Tyk targets (proxies in front of the bundled mock's tyk-5.8 profile): one that makes
// every choice the 5.8 facts leave open the other way from the mock, and ones that break one thing the
// facts state (a `password` in users, the document's create message, a second winner of concurrent
// duplicates, a search that answers everyone, `Meta` "" on Delete, 404 for an Update of an unknown user).
import { mapJson, type Rewrites } from './certify.ts';
import { pathOf } from './certify.ts';
import { Translation, isCreate, parsed, respell, rewriteUsers, userIdIn, uuidFor } from './tyk-targets.ts';

/** The facts' messages, which the mock follows with what was wrong ("User object validation failed: ..."). */
function factsMessage(message: string, path: string): string {
  const stem = message.split(': ')[0] ?? message;
  const exact: Record<string, string> = {
    'User object validation failed': 'User object validation failed.',
    'Request body malformed': path.startsWith('/admin/') ? 'Request body malformed' : 'Request body malformed.',
    'Could not extract search filter from request body': 'Could not extract search filter from request body.',
  };
  return exact[stem] ?? message;
}

/**
 * UUID ids and keys, lists in reverse order and every object's keys reversed, paging by default (no `p`
 * answers page 1 and the page count), the facts' error messages exactly (no details), an extra key in every
 * envelope, a charset parameter, capitalised header names.
 */
export function dashboard58Like(): Rewrites {
  const ids = new Translation((value) => uuidFor(value));
  const reversed = (value: any): any => {
    if (Array.isArray(value)) return [...value].reverse().map(reversed);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)]));
  };
  return {
    request: (request) => {
      const translated = ids.request(request);
      const query = new URLSearchParams(translated.url.split('?')[1] ?? '');
      const paged = translated.method === 'GET' && ['/api/users', '/api/users/search'].includes(pathOf(translated));
      if (paged && !(Number(query.get('p')) >= 1)) query.set('p', '1');
      return paged ? { ...translated, url: `${pathOf(translated)}?${query}` } : translated;
    },
    response: (response, request) => {
      const rewritten = mapJson(response, (body) => {
        if (typeof body !== 'object' || body === null) return body;
        const worded = body.Status === 'Error' && typeof body.Message === 'string' ? { ...body, Message: factsMessage(body.Message, pathOf(request)) } : body;
        return reversed(ids.deepOut('Status' in worded ? { RequestId: 'r-58', ...worded } : worded));
      });
      return respell(rewritten, true, 'application/json; charset=utf-8');
    },
  };
}

/** Concurrent Add Users of one address all succeed: the later ones are stored under another address, answered as the same. */
function concurrentDuplicatesAccepted(): Rewrites {
  const inFlight = new Set<string>();
  let renamed = 0;
  return {
    request: (request) => {
      if (!isCreate(request)) return request;
      const body = parsed(request.body);
      const email = String(body?.email_address ?? '').toLowerCase();
      if (!inFlight.has(email)) {
        inFlight.add(email);
        setTimeout(() => inFlight.delete(email), 2_000);
        return request;
      }
      return { ...request, body: Buffer.from(JSON.stringify({ ...body, email_address: `dup${(renamed += 1)}.${body.email_address}` })) };
    },
    response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, email_address: String(user.email_address).replace(/^dup\d+\./, '') }))),
  };
}

export interface Dashboard58Broken {
  name: string;
  intended: string[];
  proxy: () => Rewrites;
  strict?: boolean;
}

export const DASHBOARD_58_BROKEN: Dashboard58Broken[] = [
  { name: 'users carry a "password" hash', intended: ['tyk/responses/no-password-field', 'tyk/get-user/get-user'], proxy: () => ({ response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, password: '$2a$10$mRVfrAf72N66anVNhA1KVuYaOwOrXhFzxyg6bwgZemUeVo2MNOpIa' }))) }) },
  { name: 'Add User answers the document\'s "User created"', intended: ['tyk/create-user/add-user'], proxy: () => ({ response: (response, request) => (isCreate(request) ? mapJson(response, (body) => ({ ...body, Message: 'User created' })) : response) }) },
  { name: 'Delete User answers "Meta": ""', intended: ['tyk/envelope/meta-literals'], proxy: () => ({ response: (response, request) => (request.method === 'DELETE' && response.status === 200 ? mapJson(response, (body) => ({ ...body, Meta: '' })) : response) }) },
  { name: 'Update User of an unknown user answers 404', intended: ['tyk/unknown-user/facts-statuses'], proxy: () => ({ response: (response, request) => (request.method === 'PUT' && userIdIn(request) && response.status === 400 ? { ...response, status: 404 } : response) }) },
  { name: 'five concurrent Add Users of one address all succeed', intended: ['tyk/create-user/concurrent-duplicates-one-wins'], proxy: concurrentDuplicatesAccepted },
  { name: 'search answers every user', intended: ['tyk/search-users/only-matches'], strict: true, proxy: () => ({ request: (request) => (request.method === 'GET' && pathOf(request) === '/api/users/search' ? { ...request, url: '/api/users' } : request) }) },
];
