// The programmatic API of user-api-conformance (`import { startMock, certify } from 'user-api-conformance'`):
// the mock inside a client's own test suite (start it before the tests, close it after, assert what the
// client sent), and a certification run from code. Neither prints anything nor ends the process.
import { API_IDS, PROFILES, isApiId, isProfile, type ApiId } from './specs/apis.ts';
import type { MockSettings, SeedName } from './mock/module.ts';
import type { JournalEntry, JournalFilter } from './mock/journal.ts';
import type { MockOptions, ResponseViolation } from './mock/server.ts';
import type { Credentials } from './suites/harness/config.ts';
import { apiOf, targetOf } from './suites/certify/arguments.ts';
import { DEFAULTS } from './suites/certify/cli.ts';
import { certify as certifyRun, checksOf, loadApiCertification, profileOf } from './suites/certify/run.ts';
import type { Report } from './suites/certify/types.ts';
import { checkWaivers, readWaivers, type Waiver } from './suites/certify/waivers.ts';

export { API_IDS, type ApiId } from './specs/apis.ts';
export type { MockSettings, SeedName } from './mock/module.ts';
export type { JournalEntry, JournalFilter } from './mock/journal.ts';
export type { ResponseViolation } from './mock/server.ts';
export type { Credentials } from './suites/harness/config.ts';
export type { Report, ReportCheck, ReportStatement, RootCause, Verdict } from './suites/certify/types.ts';
export type { Waiver } from './suites/certify/waivers.ts';

export interface StartMockOptions {
  /** The APIs to serve, all on one port (default: vaa, checkmarx and tyk). */
  apis?: ApiId | readonly ApiId[];
  /** Default 0: a free port, so test files running in parallel never collide; `url` says which. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** What the APIs behave as: 'document' (default: each source document) or a product profile such as 'tyk-5.8'. */
  profile?: string;
  /** Start with the documents' example users (default) or with none. */
  seed?: SeedName;
  /** A state file kept across restarts; in memory when undefined. */
  state?: string;
  /** Answer 500 when a reply of the mock would not match its spec (default false). */
  strict?: boolean;
  /** CORS headers and preflight answers for browser clients (default true). */
  cors?: boolean;
  /** Delay every API answer (ms), to test a client's timeouts. */
  latencyMs?: number;
  /** Answer 503 to this fraction (0..1) of API requests, to test a client's retries. */
  failRate?: number;
  maxBodyBytes?: number;
  /** Credentials other than the documents' (see `credentials` of the running mock for the defaults). */
  credentials?: { vaa?: Partial<MockSettings['vaa']>; checkmarx?: Partial<MockSettings['checkmarx']>; tyk?: Partial<MockSettings['tyk']> };
  /** Receives the request log, one line per request (default: no log). */
  log?: (line: string) => void;
}

export interface RunningMock {
  /** The server root, e.g. 'http://127.0.0.1:40123'; every API's paths are under it. */
  url: string;
  /** The base URL a client of `api` is configured with; throws when the mock does not serve it. */
  urlOf(api: ApiId): string;
  /** The credentials each API accepts (the documents' own unless `credentials` said otherwise). */
  credentials: MockSettings;
  /** Back to the seed (default: the one started with) for `api` (default: every API served); clears their requests. */
  reset(options?: { api?: ApiId | readonly ApiId[]; seed?: SeedName }): Promise<void>;
  /** The requests clients sent, oldest first (credentials redacted), as GET /__userapi/requests lists them. */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Replies of the mock that did not match its spec (none, unless the mock has a bug). */
  violations(): ResponseViolation[];
  /** Stops listening; requests in flight get their answers first. */
  close(): Promise<void>;
}

function apiList(value: ApiId | readonly ApiId[] | undefined, fallback: readonly ApiId[], what: string): ApiId[] {
  const list = value === undefined ? [...fallback] : typeof value === 'string' ? [value] : [...value];
  const unknown = list.filter((api) => !isApiId(api));
  if (list.length === 0 || unknown.length > 0) throw new Error(`${what}: expected one or more of ${API_IDS.join(', ')}, not ${JSON.stringify(value)}`);
  return [...new Set(list)];
}

/** Starts the mock in this process. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const { startMockServer, DEFAULT_SETTINGS } = await import('./mock/server.ts');
  const apis = apiList(options.apis, API_IDS, 'startMock({ apis })');
  const settings: MockSettings = {
    ...DEFAULT_SETTINGS,
    vaa: { ...DEFAULT_SETTINGS.vaa, ...options.credentials?.vaa },
    checkmarx: { ...DEFAULT_SETTINGS.checkmarx, ...options.credentials?.checkmarx },
    tyk: { ...DEFAULT_SETTINGS.tyk, ...options.credentials?.tyk },
  };
  const { profile } = options;
  if (profile !== undefined && !isProfile(profile)) throw new Error(`startMock({ profile }): expected one of ${PROFILES.join(', ')}, not ${JSON.stringify(profile)}`);
  const mockOptions: Partial<MockOptions> = {
    apis,
    port: options.port ?? 0,
    settings,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.state !== undefined ? { stateFile: options.state } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.cors !== undefined ? { cors: options.cors } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.failRate !== undefined ? { failRate: options.failRate } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
  };
  const server = await startMockServer(mockOptions);
  return {
    url: server.url,
    urlOf: (api) => {
      if (!apis.includes(api)) throw new Error(`this mock does not serve ${String(api)}: it serves ${apis.join(', ')}`);
      // One port for all: each API's paths (/api/v2/users, /cxrestapi/..., /api/users) start at the root.
      return server.url;
    },
    credentials: settings,
    reset: async (resetOptions = {}) => {
      const reset = apiList(resetOptions.api, apis, 'reset({ api })');
      const unserved = reset.filter((api) => !apis.includes(api));
      if (unserved.length > 0) throw new Error(`reset({ api }): this mock does not serve ${unserved.join(', ')}: it serves ${apis.join(', ')}`);
      await server.reset(reset, resetOptions.seed);
    },
    requests: (filter) => server.journal.list(filter),
    violations: () => [...server.violations],
    close: () => server.close(),
  };
}

export interface CertifyOptions {
  api: ApiId;
  /** The implementation's server root; default: the bundled mock, started in this process. */
  target?: string;
  /** Needed with `target` (a token, or username and password where the API has a login); see the README. */
  credentials?: Credentials;
  /** 'document' (default) or a product profile ('tyk-5.8' for tyk). */
  profile?: string;
  /** SHOULD checks decide the verdict too (default false: MUST only). */
  strict?: boolean;
  /** Only these check ids (the verdict is then incomplete unless they are every deciding check). */
  only?: string[];
  /** Seed of the property-based checks (default: random; the report gives it). */
  seed?: number;
  /** Sequences per property-based check (default 20). */
  runs?: number;
  /** With `seed`: replay one property counterexample (the report gives both). */
  replayPath?: string;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** The whole run ends by then (default 15 min). */
  deadlineMs?: number;
  /** Accept any TLS certificate (default false). */
  insecure?: boolean;
  /** Only checks that write nothing (default false). */
  readOnly?: boolean;
  /** Waivers, or the path of a YAML/JSON waivers file. */
  waivers?: Waiver[] | string;
  /** Where report.json, junit.xml, report.md, report.html and ledger.jsonl go (default ./reports/<api>-<timestamp>/). */
  reportDirectory?: string;
  /** Receives a line per check as it ends, and the run's notices (default: silence). */
  progress?: (line: string) => void;
  /** Aborting it stops the run: it still cleans up and reports, with the problem noted. */
  signal?: AbortSignal;
}

/**
 * Certifies an implementation of one API (or the bundled mock) and resolves with the report (also written
 * to `reportDirectory`). Rejects only for bad options; a failing or unreachable target is a verdict.
 */
export async function certify(options: CertifyOptions): Promise<Report> {
  const api = apiOf(options.api);
  const target = targetOf(options.target);
  const credentials = { ...options.credentials };
  const certification = await loadApiCertification(api);
  if (target !== undefined && !credentials.token && !credentials.username) {
    throw new Error(`certify({ target }) needs credentials: { token }${certification.takes.login ? ' or { username, password }' : ''}`);
  }
  const profile = profileOf(certification, options.profile);
  const knownIds = new Set(checksOf(certification, profile).map((check) => check.id));
  const unknown = (options.only ?? []).filter((id) => !knownIds.has(id));
  if (unknown.length > 0 || options.only?.length === 0) throw new Error(`certify({ only }): unknown check id(s) ${unknown.join(', ') || '(none given)'} in profile ${profile}`);
  const waivers = typeof options.waivers === 'string' ? readWaivers(options.waivers, knownIds) : checkWaivers(options.waivers ?? [], knownIds, 'certify({ waivers })');
  const { report } = await certifyRun({
    api,
    ...(target !== undefined ? { target } : {}),
    credentials,
    profile,
    strict: options.strict ?? false,
    ...(options.only ? { only: options.only } : {}),
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    runs: options.runs ?? DEFAULTS.runs,
    ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    deadlineMs: options.deadlineMs ?? DEFAULTS.deadlineMs,
    insecure: options.insecure ?? false,
    waivers,
    readOnly: options.readOnly ?? false,
    maxResponseBytes: DEFAULTS.maxResponseBytes,
    ...(options.reportDirectory !== undefined ? { reportDirectory: options.reportDirectory } : {}),
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  return report;
}
