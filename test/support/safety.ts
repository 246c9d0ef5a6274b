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
 * The writes (not GET/HEAD/OPTIONS) the target received that name any of `identities` (a user's id in
 * the path, or a userId / e-mail / id anywhere in the body as a JSON string or number).
 */
export function writesNaming(received: readonly Received[], identities: ReadonlyArray<string | number>): Received[] {
  return received.filter((request) => {
    if (READS.has(request.method.toUpperCase())) return false;
    const path = decodeURIComponent(request.url.split('?')[0] ?? '');
    const segments = path.split('/');
    return identities.some((identity) => {
      const text = String(identity);
      if (segments.includes(text)) return true;
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      if ([...query.values()].includes(text)) return true;
      return request.body.includes(JSON.stringify(text)) || (typeof identity === 'number' && new RegExp(`[:\\[,]\\s*${text}\\s*[,\\]}]`).test(request.body));
    });
  });
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
