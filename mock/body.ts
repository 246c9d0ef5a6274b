// Reading and decoding request bodies, tolerant where real clients need it and explicit where they err.
//
// What the documents and real clients send, and what we therefore accept:
// - JSON with `Content-Type: application/json` (with or without parameters such as `;v=1.0`);
// - JSON with NO Content-Type (Tyk's raw samples; checkmarx-python-sdk 1.8.1);
// - JSON under `application/x-www-form-urlencoded` (every VAA `curl -d` example: curl's default type);
// - real forms (urlencoded or multipart) for the operations whose spec declares them (login, token).
import type { IncomingMessage } from 'node:http';
import { parse as parseContentType } from 'content-type';

export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes.`);
    this.limit = limit;
  }
}

/** The client closed the connection before its body was complete: there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending the whole body.');
  }
}

/** Whether the request's declared Content-Length alone is over `limit`. */
export function declaresTooLargeBody(request: IncomingMessage, limit: number): boolean {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Collects the body, refusing as early as possible when it is larger than `limit` (by Content-Length
 * before reading, or while streaming). On refusal the rest of the body keeps flowing and is discarded,
 * never kept in memory: a client that writes its whole body before reading (curl, most SDKs) would
 * otherwise get a connection reset instead of the 413 that explains it.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaresTooLargeBody(request, limit)) {
      request.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle(() => reject(new BodyTooLargeError(limit)));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle(() => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))));
    // Node reports a client that hangs up mid-body as an 'error' (ECONNRESET "aborted") or, once the
    // stream is already torn down, only as 'close' without 'end'; either way the promise must settle.
    request.on('error', () => settle(() => reject(new ClientGoneError())));
    request.on('close', () => settle(() => reject(new ClientGoneError())));
  });
}

export type DecodedBody =
  | {
      ok: true;
      /** What the handler gets: a JSON value, form fields, or undefined. */
      value: unknown;
      /** What Prism validates: the JSON value, or the raw text for form media types. */
      validationValue: unknown;
      /** The spec media type the body was read as (sent to Prism as Content-Type), or undefined. */
      mediaType: string | undefined;
    }
  | { ok: false; status: 400 | 415; message: string };

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;
const FORM_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function essence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/**
 * Decodes `raw` for an operation whose spec accepts `acceptedMediaTypes` (empty when the operation
 * declares no body: a body sent anyway is ignored, as real servers do).
 */
export async function decodeBody(raw: Buffer, contentTypeHeader: string | undefined, acceptedMediaTypes: readonly string[]): Promise<DecodedBody> {
  if (raw.length === 0 || acceptedMediaTypes.length === 0) {
    return { ok: true, value: undefined, validationValue: undefined, mediaType: undefined };
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, status: 400, message: 'Request body is not valid UTF-8.' };
  }

  let sentType: string | undefined;
  if (contentTypeHeader !== undefined && contentTypeHeader.trim() !== '') {
    try {
      sentType = parseContentType(contentTypeHeader).type;
    } catch {
      return { ok: false, status: 415, message: `Malformed Content-Type header '${contentTypeHeader}': this operation accepts ${acceptedMediaTypes.join(', ')}.` };
    }
  }
  const jsonType = acceptedMediaTypes.find((type) => JSON_MEDIA_TYPE.test(essence(type)));
  const formType = sentType !== undefined && FORM_MEDIA_TYPES.has(sentType) ? acceptedMediaTypes.find((type) => essence(type) === sentType) : undefined;

  if (formType !== undefined && sentType !== undefined) {
    const fields = await decodeForm(raw, contentTypeHeader as string, sentType);
    if (fields === undefined) return { ok: false, status: 400, message: `Request body is not valid ${sentType}.` };
    // Prism re-parses forms itself from the text (and needs the boundary for multipart).
    return { ok: true, value: fields, validationValue: text, mediaType: sentType === 'multipart/form-data' ? (contentTypeHeader as string) : formType };
  }

  const sentJsonOrNothing = sentType === undefined || JSON_MEDIA_TYPE.test(sentType);
  // curl -d labels JSON as a form; text/plain is what some clients send for "just a string".
  const sentJsonUnderAnotherName = sentType === 'application/x-www-form-urlencoded' || sentType === 'text/plain';
  if (jsonType !== undefined && (sentJsonOrNothing || sentJsonUnderAnotherName)) {
    try {
      const value: unknown = JSON.parse(text);
      return { ok: true, value, validationValue: value, mediaType: jsonType };
    } catch (error) {
      // Under a form type this is still JSON that went wrong when the operation reads no forms (curl -d).
      const readsForms = acceptedMediaTypes.some((type) => FORM_MEDIA_TYPES.has(essence(type)));
      if (sentJsonOrNothing || !readsForms) {
        return { ok: false, status: 400, message: `Request body is not valid JSON: ${(error as Error).message}.` };
      }
    }
  }
  return {
    ok: false,
    status: 415,
    message: `Unsupported Content-Type '${contentTypeHeader ?? '(none)'}': this operation accepts ${acceptedMediaTypes.join(', ')}.`,
  };
}

async function decodeForm(raw: Buffer, contentTypeHeader: string, sentType: string): Promise<Record<string, string> | undefined> {
  try {
    if (sentType === 'application/x-www-form-urlencoded') {
      return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    }
    // The platform's own multipart parser (undici's), through the Fetch API.
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentTypeHeader } }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
    return fields;
  } catch {
    return undefined;
  }
}
