// Small pieces of HTTP the mock's front needs: reading the request target, writing replies (through
// Node's response, or straight to a socket Node gave up on), and the statuses of refusals.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { declaresTooLargeBody } from './body.ts';
import type { MockReply } from './module.ts';

/** A request target in absolute form (`GET http://host/path`, which servers must accept) as path and query. */
export function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  const match = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
  if (match === null) return target;
  const rest = match[1] ?? '';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The path and the query of a request target. */
export function splitTarget(url: string): { path: string; query: Record<string, string | string[]> } {
  const target = originForm(url);
  const queryStart = target.indexOf('?');
  return { path: queryStart === -1 ? target : target.slice(0, queryStart), query: parseQuery(queryStart === -1 ? '' : target.slice(queryStart + 1)) };
}

// Both build their records with Object.fromEntries: assigning client-chosen names (`__proto__`,
// `constructor`) to a plain object would run Object.prototype's setters and read its inherited members.
function parseQuery(queryString: string): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(queryString)) values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries([...values].map(([name, list]) => [name, list.length === 1 ? (list[0] as string) : list]));
}

export function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const entries = Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as const]));
  return Object.fromEntries(entries);
}

export function sendReply(response: ServerResponse, reply: MockReply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...reply.headers, ...extraHeaders };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  // Encoded once: a string would be scanned for its byte length, then encoded again by the socket.
  const bytes = Buffer.from(JSON.stringify(reply.body));
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(bytes.length);
  response.writeHead(reply.status, headers).end(bytes);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): number {
  sendReply(response, { status, headers: { 'content-type': 'application/json' }, body }, extraHeaders);
  return status;
}

/** Writes `reply` to a socket Node's HTTP server no longer handles (a parse error, CONNECT), and closes it. */
export function endSocketWithReply(socket: Duplex, reply: MockReply): void {
  const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body));
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) headers['content-type'] ??= 'application/json';
  const lines = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? 'Unknown'}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), `content-length: ${body.length}`, 'connection: close'];
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

/**
 * The headers of a 413. When the client is sending the body, the connection stays open while the rest
 * is drained, so a client that writes everything before reading still reads the answer (closing it
 * would reset the connection under the client's writes). When it waits for `100 Continue`, the body
 * will never come and the connection is closed, as RFC 9110 asks.
 */
export function bodyRefusalHeaders(request: IncomingMessage, limit: number): Record<string, string> {
  const waitsForContinue = /100-continue/i.test(request.headers.expect ?? '') && declaresTooLargeBody(request, limit);
  return waitsForContinue ? { connection: 'close' } : {};
}

/** The answer to a request Node's parser refused: Node's own choice of status, with a body saying why. */
export function clientErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}
