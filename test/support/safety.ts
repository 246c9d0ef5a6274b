// What the safety proofs need: a target that keeps its own record of every request it received (the
// judge of what certify sent, not certify's view of itself), the writes in that record that name a
// given user, and a scan of every output of a run for a secret in any encoding it could travel in.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertifyRun, ProxiedRequest, Rewrites, RunningTarget } from './certify.ts';
import { startRewritingProxy } from './certify.ts';

export interface Received {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RecordingTarget extends RunningTarget {
  /** Every request the target received, in order, before any rewrite. */
  received: Received[];
}

/** A proxy in front of `upstream` that misbehaves as `rewrites` say and records what it received. */
export async function startRecordingTarget(upstream: string, rewrites: Rewrites = {}): Promise<RecordingTarget> {
  const received: Received[] = [];
  const target = await startRewritingProxy(upstream, {
    ...rewrites,
    request: (request: ProxiedRequest) => {
      received.push({ method: request.method, url: request.url, headers: { ...request.headers }, body: request.body.toString('utf8') });
      return rewrites.request ? rewrites.request(request) : request;
    },
  });
  return { ...target, received };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The identity values a request carries: each path segment, and the values of `fields` in its query and
 * body (JSON, also inside arrays; a form; or each "field": value pair of a body that is not JSON).
 */
function identitiesIn(request: Received, fields: readonly string[]): string[] {
  const values: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
  };
  const [path = '', query = ''] = request.url.split('?');
  for (const segment of path.split('/')) {
    try {
      values.push(decodeURIComponent(segment));
    } catch {
      values.push(segment);
    }
  }
  for (const [name, value] of new URLSearchParams(query)) if (fields.includes(name)) values.push(value);
  const text = request.body.trim();
  try {
    const body = JSON.parse(text) as unknown;
    for (const item of [body].flat()) if (typeof item === 'object' && item !== null) for (const field of fields) collect((item as Record<string, unknown>)[field]);
  } catch {
    if (text.startsWith('{') || text.startsWith('[')) {
      for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*("((?:[^"\\]|\\.)*)"?|-?\d+)/g)) if (fields.includes(match[1] ?? '')) values.push(match[3] ?? match[2] ?? '');
    } else for (const [name, value] of new URLSearchParams(text)) if (fields.includes(name)) values.push(value);
  }
  return values;
}

/**
 * The writes (not GET/HEAD/OPTIONS) the target received that name any of `identities`: in a path
 * segment, or as the value of one of `fields` (the API's identity fields) in the query or the body.
 * Compared without regard to case (e-mails and Tyk addresses are case-insensitive).
 */
export function writesNaming(received: readonly Received[], identities: ReadonlyArray<string | number>, fields: readonly string[]): Received[] {
  const wanted = new Set(identities.map((identity) => String(identity).toLowerCase()));
  return received.filter((request) => !READS.has(request.method.toUpperCase()) && identitiesIn(request, fields).some((value) => wanted.has(value.toLowerCase())));
}

/** The forms a secret can take on its way into a file: raw, JSON-escaped, percent/form-encoded, HTML-escaped, base64. */
export function encodingsOf(secret: string, usernames: readonly string[] = []): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    base64,
    base64.replace(/=+$/, ''),
    ...usernames.map((username) => Buffer.from(`${username}:${secret}`).toString('base64').replace(/=+$/, '')),
  ].filter((form, index, all) => all.indexOf(form) === index);
}

/** Every output of a run: each file of its report directory, its stdout and its stderr. */
export function outputsOf(run: CertifyRun): Array<{ name: string; text: string }> {
  const files = readdirSync(run.reportDirectory).map((name) => ({ name, text: readFileSync(join(run.reportDirectory, name), 'utf8') }));
  return [...files, { name: 'stdout', text: run.stdout }, { name: 'stderr', text: run.stderr }];
}

/** Where any secret appears in any output, in any of its encodings: "report.md: $TOKEN (base64)". */
export function leaksIn(outputs: ReadonlyArray<{ name: string; text: string }>, secrets: ReadonlyArray<{ label: string; value: string }>, usernames: readonly string[] = []): string[] {
  const leaks: string[] = [];
  for (const { name, text } of outputs) {
    for (const secret of secrets) {
      for (const form of encodingsOf(secret.value, usernames)) if (text.includes(form)) leaks.push(`${name}: ${secret.label}${form === secret.value ? '' : ` (encoded as ${form.slice(0, 12)}...)`}`);
    }
  }
  return leaks;
}
