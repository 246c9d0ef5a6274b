// CORS, on by default (as in `prism mock`): a browser page on another origin (a users admin page on
// http://localhost:3000, a file:// page) may call the mock with the APIs' credentials. Every answer,
// errors included, allows the request's Origin; a preflight is answered here, before any API sees it.
// `--no-cors` (or `--cors=false`) leaves all of this out, for testing a client's behaviour without it.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What clients of the three APIs send beyond the CORS-safelisted headers: their credentials and the body's type. */
export const CORS_ALLOWED_HEADERS: readonly string[] = ['x-lxt-api-token', 'authorization', 'admin-auth', 'content-type', 'accept'];

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
/** Answer headers a page may read besides the safelisted ones (the mock sends these on some answers). */
const EXPOSED_HEADERS = 'allow, location, retry-after, www-authenticate';
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Sets the CORS headers of the answer to `request` (Node merges them with the ones the answer is written
 * with) and answers a preflight itself with 204. Returns true when it answered.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin;
  const requestedMethod = request.headers['access-control-request-method'];
  const preflight = request.method === 'OPTIONS' && origin !== undefined && requestedMethod !== undefined;
  response.setHeader('vary', preflight ? 'Origin, Access-Control-Request-Headers' : 'Origin');
  if (origin === undefined) return false;
  // The origin itself rather than '*': '*' is refused for requests that carry credentials.
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-allow-credentials', 'true');
  if (!preflight) {
    response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return false;
  }
  const requested = (request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  response.setHeader('access-control-allow-methods', ALLOWED_METHODS);
  response.setHeader('access-control-allow-headers', [...new Set([...CORS_ALLOWED_HEADERS, ...requested])].join(', '));
  response.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
  // Chrome asks before a public page may reach a loopback or private address.
  if (request.headers['access-control-request-private-network'] === 'true') response.setHeader('access-control-allow-private-network', 'true');
  response.writeHead(204).end();
  return true;
}

/** `--cors`, `--cors=true|false` and `--no-cors`, taken out of `args` (node:util's parseArgs takes no `--flag=false`). */
export function takeCorsFlag(args: readonly string[]): { cors: boolean | undefined; rest: string[] } | { error: string } {
  let cors: boolean | undefined;
  const rest: string[] = [];
  for (const arg of args) {
    const match = /^--(no-)?cors(?:=(.*))?$/.exec(arg);
    if (match === null) {
      rest.push(arg);
      continue;
    }
    const [, negated, value] = match;
    if (negated !== undefined && value !== undefined) return { error: `--no-cors takes no value, not '${arg}'` };
    if (value !== undefined && value !== 'true' && value !== 'false') return { error: `--cors must be --cors=true or --cors=false, not '${arg}'` };
    cors = negated === undefined && value !== 'false';
  }
  return { cors, rest };
}
