// The only way checks talk to a target: bounded in time and size, never following redirects, and
// recording every exchange so a failure can be replayed as curl commands with secrets redacted.
import { Agent, request } from 'undici';
import type { RunConfig } from './config.ts';
import type { Redactor, Secret } from './redact.ts';

export interface HttpRequest {
  method: string;
  /** Path from the server root, as in the spec (e.g. '/api/v2/users'). */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body; adds Content-Type: application/json unless `headers` has one. */
  json?: unknown;
  /** A raw body, sent verbatim. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, otherwise undefined (see `jsonError`). */
  json: unknown;
  /** Why the body is not JSON, when there is a body and it is not. */
  jsonError?: string;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Exchange {
  request: SentRequest;
  response: HttpResponse;
  durationMs: number;
}

/** The target did not give a usable answer at all (no connection, timeout, reset, endless body). */
export class TransportError extends Error {
  readonly request: SentRequest;
  constructor(message: string, sent: SentRequest) {
    super(message);
    this.name = 'TransportError';
    this.request = sent;
  }
}

const agents = new Map<string, Agent>();
function agentFor(insecure: boolean, timeoutMs: number): Agent {
  const key = `${insecure}:${timeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    // Bounded connections per origin: certification must not hammer a vendor's server.
    // A short keep-alive: reusing a socket the server is closing loses the request ("other side closed").
    agent = new Agent({ connections: 8, keepAliveTimeout: 1_000, keepAliveMaxTimeout: 2_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs, rejectUnauthorized: !insecure } });
    agents.set(key, agent);
  }
  return agent;
}

export class HttpClient {
  private readonly config: RunConfig;
  /** Everything sent through this client, in order; the reporter turns failures' exchanges into curl. */
  readonly exchanges: Exchange[] = [];

  constructor(config: RunConfig) {
    this.config = config;
  }

  /**
   * Sends one request: the run's write guard first (a refused write throws WriteRefused and is never
   * sent), then the wire, then the guard learns from the answer. Credentials on the way out and in are
   * registered as secrets, so no output shows them.
   */
  async send(input: HttpRequest): Promise<Exchange> {
    const { guard, secrets } = this.config;
    secrets.discover(input.headers ?? {});
    secrets.discover(bodyFields(input));
    await guard.admit(input, (read) => this.transport(guard.authorize(read, this.config.credentials)));
    const exchange = await this.transport(input);
    secrets.discover(exchange.response.json);
    guard.observe(input, exchange);
    this.exchanges.push(exchange);
    return exchange;
  }

  private async transport(input: HttpRequest): Promise<Exchange> {
    const sent = toSent(input, this.config.target);
    const { headers, body } = sent;
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = this.config.signal ? AbortSignal.any([timeout, this.config.signal]) : timeout;
    if (this.config.signal?.aborted) throw new TransportError(`${input.method} ${sent.url}: not sent, the run is stopping`, sent);
    let response: Awaited<ReturnType<typeof request>> | undefined;
    // An idempotent request whose kept-alive socket was closed under it is sent once more; a POST never
    // is, since the server may have acted on it.
    const attempts = ['GET', 'PUT', 'DELETE', 'HEAD'].includes(input.method.toUpperCase()) ? 2 : 1;
    for (let attempt = 1; response === undefined; attempt += 1) {
      try {
        response = await request(sent.url, {
          method: input.method as 'GET',
          headers,
          ...(body !== undefined ? { body } : {}),
          dispatcher: agentFor(this.config.insecure, this.config.timeoutMs),
          signal,
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt < attempts && !signal.aborted && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')) continue;
        throw new TransportError(`${input.method} ${sent.url}: ${transportMessage(error, this.config.timeoutMs, this.config.signal)}`, sent);
      }
    }
    const text = await readBounded(response.body, this.config.maxResponseBytes, signal).catch((error: unknown) => {
      throw new TransportError(`${input.method} ${sent.url}: ${response.statusCode} but the body could not be read: ${transportMessage(error, this.config.timeoutMs, this.config.signal)}`, sent);
    });
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const parsed = parseJson(text);
    return {
      request: sent,
      response: { status: response.statusCode, headers: responseHeaders, text, json: parsed.value, ...(parsed.error ? { jsonError: parsed.error } : {}) },
      durationMs: performance.now() - started,
    };
  }
}

/** The fields of a request body that may hold credentials (JSON or a form). */
function bodyFields(input: HttpRequest): unknown {
  if (input.json !== undefined) return input.json;
  if (input.body === undefined) return undefined;
  const parsed = parseJson(input.body);
  if (parsed.value !== undefined) return parsed.value;
  return Object.fromEntries(new URLSearchParams(input.body));
}

function parseJson(text: string): { value: unknown; error?: string } {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { value: undefined, error: `not JSON (${(error as Error).message}): ${text.slice(0, 120)}` };
  }
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy: (error?: Error) => unknown }, limit: number, signal: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new Error(`the response body exceeds ${limit} bytes`);
    }
    if (signal.aborted) throw new Error('timed out while reading the body');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportMessage(error: unknown, timeoutMs: number, runSignal?: AbortSignal): string {
  if (runSignal?.aborted) return 'stopped, the run is stopping';
  const cause = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError' || cause.code === 'UND_ERR_HEADERS_TIMEOUT' || cause.code === 'UND_ERR_BODY_TIMEOUT' || cause.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no answer within ${timeoutMs} ms`;
  }
  const code = cause.code ?? cause.cause?.code;
  return [code, cause.message ?? cause.cause?.message].filter(Boolean).join(': ') || String(error);
}

/** POSIX shell quoting, with secrets replaced by "$VARIABLE" placeholders left expandable. */
export function shellQuote(value: string, secrets: ReadonlyArray<Secret>): string {
  const quote = (text: string): string => (text === '' ? '' : `'${text.replace(/'/g, `'\\''`)}'`);
  let parts: Array<{ text: string; secret: boolean }> = [{ text: value, secret: false }];
  for (const secret of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    parts = parts.flatMap((part) => {
      if (part.secret || !part.text.includes(secret.value)) return [part];
      const pieces = part.text.split(secret.value);
      return pieces.flatMap((piece, index) => (index === 0 ? [{ text: piece, secret: false }] : [{ text: `"${secret.placeholder}"`, secret: true }, { text: piece, secret: false }]));
    });
  }
  const quoted = parts.map((part) => (part.secret ? part.text : quote(part.text))).join('');
  return quoted === '' ? "''" : quoted;
}

/** One curl command per exchange, secrets redacted, with what the target answered as a comment. */
export function toCurl(exchange: Pick<Exchange, 'request'> & { response?: HttpResponse }, redactor: Redactor): string {
  const { request: sent } = exchange;
  const secrets = redactor.list();
  const parts = ['curl -sS -i', '-X', sent.method, shellQuote(sent.url, secrets)];
  for (const [name, value] of Object.entries(sent.headers)) parts.push('-H', shellQuote(`${name}: ${value}`, secrets));
  if (sent.body !== undefined) parts.push('--data-raw', shellQuote(sent.body, secrets));
  const answer = exchange.response ? `# -> ${exchange.response.status} ${exchange.response.text.slice(0, 200).replace(/\s+/g, ' ')}` : '# -> no answer';
  // Encoded forms of a secret (percent-encoded in a URL, base64 in a header) are not split out above.
  return redactor.text(`${parts.join(' ')}\n${answer}`);
}

/** What goes on the wire for a request: header names lower-cased, a JSON body serialised with its Content-Type. */
function toSent(input: HttpRequest, target: string): SentRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  let body = input.body;
  if (input.json !== undefined) {
    body = JSON.stringify(input.json);
    headers['content-type'] ??= 'application/json';
  }
  const search = input.query && Object.keys(input.query).length > 0 ? `?${new URLSearchParams(input.query)}` : '';
  return { method: input.method, url: `${target.replace(/\/+$/, '')}${input.path}${search}`, headers, ...(body !== undefined ? { body } : {}) };
}

/** The request a check would have sent, as curl, for a refused write or a request with no answer. */
export function requestAsCurl(input: HttpRequest, target: string, redactor: Redactor): string {
  return toCurl({ request: toSent(input, target) }, redactor);
}
