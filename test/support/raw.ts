// HTTP over a bare TCP socket, for what no HTTP client will send: malformed requests, bodies that grow
// past the limit, clients that write their whole body before reading, clients that hang up mid-body.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: string;
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The first complete response in `data`, or undefined while it is still arriving. */
function parseResponse(data: Buffer, ended: boolean): RawResponse | undefined {
  const headerEnd = data.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const [statusLine = '', ...headerLines] = data.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = data.subarray(headerEnd + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (length === undefined ? !ended : body.length < length) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

/**
 * Writes `head` then every chunk of `body` (waiting for the socket to drain, as a client streaming a file
 * does, and without reading first), and resolves with the first response once it is complete and every
 * byte was written. A reset or a write error rejects: the client did not get its answer.
 */
export async function rawExchange(url: string, head: string | Buffer, body: Iterable<Buffer> = [], timeoutMs = 15_000): Promise<RawResponse> {
  const socket = await open(url);
  return new Promise<RawResponse>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let ended = false;
    let written = false;
    let response: RawResponse | undefined;
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${timeoutMs} ms; got ${JSON.stringify(received.toString('latin1').slice(0, 300))}`)), timeoutMs);
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(response as RawResponse);
    };
    const check = (): void => {
      response ??= parseResponse(received, ended);
      // A server that answers early and keeps the connection alive has to be waited for only until the
      // last byte is written; one that closes has said everything.
      if (response && (written || ended)) finish();
      else if (ended) finish(new Error(`connection closed before a complete answer: ${JSON.stringify(received.toString('latin1').slice(0, 300))}`));
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      check();
    });
    socket.on('end', () => {
      ended = true;
      check();
    });
    socket.on('error', (error) => finish(new Error(`socket error (${(error as NodeJS.ErrnoException).code}) after ${JSON.stringify(received.toString('latin1').slice(0, 300))}`)));

    const chunks = body[Symbol.iterator]();
    const pump = (): void => {
      if (!socket.write(head)) return void socket.once('drain', next);
      next();
    };
    const next = (): void => {
      for (let item = chunks.next(); !item.done; item = chunks.next()) {
        if (!socket.write(item.value)) return void socket.once('drain', next);
      }
      written = true;
      check();
    };
    pump();
  });
}

/** Sends `head` and the start of a body, then hangs up before the rest. */
export async function hangUpMidBody(url: string, head: string): Promise<void> {
  const socket = await open(url);
  await new Promise<void>((resolve) => socket.write(head, () => resolve()));
  // Let the server start reading the body before the connection goes.
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
}

/** `size` bytes of chunked transfer coding, in chunks of `chunkSize`, with the closing chunk. */
export function* chunked(size: number, chunkSize = 64 * 1024, fill = 0x20): Generator<Buffer> {
  for (let sent = 0; sent < size; sent += chunkSize) {
    const length = Math.min(chunkSize, size - sent);
    yield Buffer.concat([Buffer.from(`${length.toString(16)}\r\n`), Buffer.alloc(length, fill), Buffer.from('\r\n')]);
  }
  yield Buffer.from('0\r\n\r\n');
}

/** Exactly `size` bytes, in chunks of `chunkSize`. */
export function* plain(size: number, chunkSize = 64 * 1024, fill = 0x20): Generator<Buffer> {
  for (let sent = 0; sent < size; sent += chunkSize) yield Buffer.alloc(Math.min(chunkSize, size - sent), fill);
}
