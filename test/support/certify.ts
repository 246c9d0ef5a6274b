// Running `userapi certify` as a user would (a child process, real exit code, real report files), and
// building targets for it: the mock behind a proxy that changes one thing at a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { ApiId } from '../../specs/apis.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import type { Report } from '../../suites/certify/types.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CertifyRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** report.json, when the run wrote one. */
  report: Report | undefined;
  reportDirectory: string;
  /** Wall time of the whole process. */
  durationMs: number;
}

export interface RunCertifyOptions {
  /** SIGKILL after this long: a hung certify fails the test instead of hanging it. */
  killAfterMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Send SIGINT (a user's Ctrl-C) after this long. */
  interruptAfterMs?: number;
  /** Leave out --quiet (the progress lines go to stderr). */
  showProgress?: boolean;
}

/** Runs `node bin/userapi.ts certify <args> --report-dir <temp> --quiet`; kills it after `killAfterMs`. */
export function runCertify(args: string[], options: RunCertifyOptions = {}): Promise<CertifyRun> {
  const reportDirectory = mkdtempSync(join(tmpdir(), 'userapi-certify-'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/userapi.ts', 'certify', ...args, '--report-dir', reportDirectory, ...(options.showProgress ? [] : ['--quiet'])], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
    const interrupter = options.interruptAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGINT'), options.interruptAfterMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(killer);
      clearTimeout(interrupter);
      let report: Report | undefined;
      try {
        report = JSON.parse(readFileSync(join(reportDirectory, 'report.json'), 'utf8')) as Report;
      } catch {
        report = undefined;
      }
      resolve({ exitCode, stdout, stderr, report, reportDirectory, durationMs: performance.now() - started });
    });
  });
}

export function removeReport(run: CertifyRun): void {
  rmSync(run.reportDirectory, { recursive: true, force: true });
}

export function statusOf(run: CertifyRun, checkId: string): string | undefined {
  return run.report?.checks.find((check) => check.id === checkId)?.status;
}

export interface ProxiedRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Rewrites {
  /** Change (or replace) the request before it reaches the upstream. */
  request?: (request: ProxiedRequest) => ProxiedRequest | Promise<ProxiedRequest>;
  /** Change the upstream's answer; `request` is what was forwarded. */
  response?: (response: ProxiedResponse, request: ProxiedRequest) => ProxiedResponse | Promise<ProxiedResponse>;
}

export interface RunningTarget {
  url: string;
  close: () => Promise<void>;
}

/** An HTTP proxy in front of `upstream` applying `rewrites`: a target that differs in one controlled way. */
export async function startRewritingProxy(upstream: string, rewrites: Rewrites): Promise<RunningTarget> {
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const original: ProxiedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming), body: await readAll(incoming) };
      const forwarded = rewrites.request ? await rewrites.request(original) : original;
      const { host: _host, 'content-length': _length, connection: _connection, ...headers } = forwarded.headers;
      const answer = await request(`${upstream}${forwarded.url}`, {
        method: forwarded.method as 'GET',
        headers,
        ...(forwarded.body.length > 0 ? { body: forwarded.body } : {}),
      });
      const upstreamHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) upstreamHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      const received: ProxiedResponse = { status: answer.statusCode, headers: upstreamHeaders, body: Buffer.from(await answer.body.arrayBuffer()) };
      const final = rewrites.response ? await rewrites.response(received, forwarded) : received;
      const { 'content-length': _ignored, 'transfer-encoding': _encoding, connection: _keepAlive, 'keep-alive': _keepAliveParameters, ...finalHeaders } = final.headers;
      outgoing.writeHead(final.status, { ...finalHeaders, 'content-length': String(final.body.length) }).end(final.body);
    })().catch((error: unknown) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${String(error)}`);
    });
  });
  return listen(server);
}

/** A target whose JSON parser crashes: `reply` (a 500) to every write selected by `isWrite` whose body is not JSON. */
export function crashingOnMalformedJson(isWrite: (request: ProxiedRequest) => boolean, reply: ProxiedResponse): Rewrites {
  return {
    response: (response, request) => {
      if (!isWrite(request) || request.body.length === 0) return response;
      try {
        JSON.parse(request.body.toString('utf8'));
        return response;
      } catch {
        return reply;
      }
    },
  };
}

/** The path of a request a target received, without its query. */
export const pathOf = (request: { url: string }): string => request.url.split('?')[0] ?? '';

export type Handler = (request: MockRequest, context: any) => MockReply | Promise<MockReply>;

/** An API's mock module with some handlers (and its authentication, its seed, ...) replaced: a target that differs in one way. */
export function patchModule(module: AnyApiModule, replacements: Record<string, Handler>, extra: Partial<AnyApiModule> = {}): AnyApiModule {
  return { ...module, ...extra, handlers: { ...module.handlers, ...replacements } } as AnyApiModule;
}

/** Rewrites a JSON response body; leaves non-JSON bodies alone. */
export function mapJson(response: ProxiedResponse, change: (body: any) => unknown): ProxiedResponse {
  if (response.body.length === 0) return response;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch {
    return response;
  }
  return { ...response, body: Buffer.from(JSON.stringify(change(parsed))) };
}

export async function listen(server: Server): Promise<RunningTarget> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Failed or errored checks; with `countedOnly`, only those that decide the verdict (not INFO, not SHOULD without --strict). */
export function failedIds(run: CertifyRun, countedOnly = false): string[] {
  return (run.report?.checks ?? [])
    .filter((check) => (check.status === 'failed' || check.status === 'errored') && (!countedOnly || check.counts))
    .map((check) => `${check.id} (${check.status}: ${check.message ?? ''})`);
}

/** A target that breaks ONE documented behaviour, and the check(s) that must say so. */
export interface BrokenTarget {
  name: string;
  /** The check(s) that must fail: each names the behaviour that was broken. */
  intended: string[];
  /** A patched copy of the API's mock module ... */
  module?: AnyApiModule;
  /** ... or a proxy in front of the plain mock. */
  proxy?: Rewrites;
  /** Run every check (no --only), to show the failure is found without being pointed at. */
  full?: boolean;
  strict?: boolean;
}

/**
 * The machinery of one API's proof tests: a plain mock to put proxies in front of, targets built from
 * `BrokenTarget`s, and certify runs bounded in number (each is a Node process with vitest workers:
 * more at once only makes them all slower). Everything started is stopped by `stop()`.
 */
export function proofRuns(api: ApiId, { parallelRuns = 3, runTimeoutMs = 90_000 }: { parallelRuns?: number; runTimeoutMs?: number } = {}) {
  let plainMock: MockServer | undefined;
  const servers: Array<{ close: () => Promise<void> }> = [];
  const runs: CertifyRun[] = [];
  let running = 0;
  const waiting: Array<() => void> = [];
  const track = <T extends { close: () => Promise<void> }>(server: T): T => {
    servers.push(server);
    return server;
  };
  return {
    track,
    get plainMock(): MockServer {
      if (!plainMock) throw new Error('proofRuns: call start() first (in beforeAll)');
      return plainMock;
    },
    async start(): Promise<void> {
      plainMock = track(await startMockServer({ apis: [api], port: 0, strict: false }));
    },
    async stop(): Promise<void> {
      await Promise.all(servers.map((server) => server.close()));
      for (const run of runs) removeReport(run);
    },
    /** A mock of this API serving `module` (a patched copy of the real one). */
    async mockWith(module: AnyApiModule): Promise<MockServer> {
      return track(await startMockServer({ apis: [api], port: 0, strict: false, modules: { [api]: module } }));
    },
    async targetFor(broken: BrokenTarget): Promise<string> {
      if (broken.module) return (await this.mockWith(broken.module)).url;
      return track(await startRewritingProxy(this.plainMock.url, broken.proxy ?? {})).url;
    },
    /** `userapi certify --api <api> <args>`, waiting for a free slot first. */
    async certify(args: string[]): Promise<CertifyRun> {
      if (running >= parallelRuns) await new Promise<void>((resolve) => waiting.push(resolve));
      running += 1;
      try {
        const run = await runCertify(['--api', api, ...args], { killAfterMs: runTimeoutMs });
        runs.push(run);
        return run;
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
    },
  };
}
