// One certification: point the suites of one API at a target and turn what they find into a verdict and
// reports. The suites run under vitest (programmatically, with our reporter); everything around them
// (credentials, reachability, the deadline, Ctrl-C, cleanup, waivers, reports) happens here.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import type { ApiId } from '../../specs/apis.ts';
import { specSha256 } from '../../specs/load.ts';
import type { ApiCertification, SweepResult } from '../harness/api.ts';
import type { Check } from '../harness/check.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import { HttpClient, TransportError, redact } from '../harness/http.ts';
import { CheckCollector, progressLine, type CheckResult } from '../harness/reporter.ts';
import { secretsOf } from '../harness/config.ts';
import type { MockServer } from '../../mock/server.ts';
import { applyWaivers, type Waiver } from './waivers.ts';
import { buildReport, writeReports, type Report } from './report.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CertifyOptions {
  api: ApiId;
  /** Server root; undefined certifies the bundled mock, started in-process. */
  target?: string;
  credentials: Credentials;
  reportDirectory?: string;
  strict: boolean;
  only?: string[];
  seed: number;
  runs: number;
  replayPath?: string;
  timeoutMs: number;
  insecure: boolean;
  waivers: Waiver[];
  readOnly: boolean;
  /** The whole run ends by then, whatever the target does. */
  deadlineMs: number;
  maxResponseBytes: number;
  /** Where progress lines go (stderr for the CLI); undefined for silence. */
  progress?: (line: string) => void;
}

export interface CertifyResult {
  report: Report;
  reportDirectory: string;
  exitCode: 0 | 1;
}

export async function loadApiCertification(api: ApiId): Promise<ApiCertification> {
  const module = (await import(`../${api}/index.ts`)) as { certification: ApiCertification };
  return module.certification;
}

/** The checks a run would execute, in order, without sending anything. */
export function selectChecks(checks: readonly Check[], only: readonly string[] | undefined): Check[] {
  return only ? checks.filter((check) => only.includes(check.id)) : [...checks];
}

/** What the bundled mock is started with, given as a vendor would give it by flag. */
function bundledMockCredentials(api: ApiId, settings: typeof import('../../mock/server.ts').DEFAULT_SETTINGS): Credentials {
  if (api === 'vaa') return { username: settings.vaa.username, password: settings.vaa.password };
  if (api === 'checkmarx') return { username: settings.checkmarx.username, password: settings.checkmarx.password };
  return { token: settings.tyk.accessKey, adminSecret: settings.tyk.adminSecret };
}

export async function certify(options: CertifyOptions): Promise<CertifyResult> {
  const started = new Date();
  const deadline = Date.now() + options.deadlineMs;
  const certification = await loadApiCertification(options.api);
  const checks = selectChecks(certification.checks, options.only);
  const progress = options.progress ?? (() => undefined);
  const problems: string[] = [];
  let sweep: SweepResult = { deleted: [], remaining: [] };
  let results = new Map<string, CheckResult>();

  let mock: MockServer | undefined;
  let credentials = options.credentials;
  let target = options.target;
  if (target === undefined) {
    // Loaded only here: a vendor's run against its own server never pays for the mock (and Prism).
    const { startMockServer, DEFAULT_SETTINGS } = await import('../../mock/server.ts');
    mock = await startMockServer({ apis: [options.api], port: 0, strict: true });
    target = mock.url;
    credentials = { ...bundledMockCredentials(options.api, DEFAULT_SETTINGS), ...credentials };
    progress(`certifying the bundled mock at ${target}`);
  }

  const config: RunConfig = {
    api: options.api,
    target,
    bundledMock: mock !== undefined,
    namePrefix: `uac${randomBytes(3).toString('hex')}`,
    credentials,
    strict: options.strict,
    readOnly: options.readOnly,
    seed: options.seed,
    runs: options.runs,
    ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
    timeoutMs: options.timeoutMs,
    insecure: options.insecure,
    maxResponseBytes: options.maxResponseBytes,
    ...(options.only ? { only: options.only } : {}),
  };
  const http = new HttpClient(config);

  let interrupted: string | undefined;
  let cancelRun: ((reason: string) => Promise<void>) | undefined;
  const interrupt = (reason: string): void => {
    if (interrupted) return;
    interrupted = reason;
    progress(`stopping: ${reason}`);
    void cancelRun?.(reason);
  };
  const onSignal = (): void => interrupt('interrupted (Ctrl-C)');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const deadlineTimer = setTimeout(() => interrupt(`the overall deadline of ${options.deadlineMs} ms passed`), Math.max(0, deadline - Date.now()));

  try {
    try {
      config.credentials = await withDeadline(certification.prepareCredentials(config, http), deadline, 'obtaining credentials');
      await withDeadline(certification.preflight(config, http), deadline, 'the first request');
    } catch (error) {
      const reason = error instanceof TransportError ? `the target is unreachable: ${error.message}` : `the target refused the run's credentials: ${(error as Error).message}`;
      problems.push(redact(reason, secretsOf(config)));
      progress(problems.at(-1) as string);
    }

    if (problems.length === 0 && !interrupted && checks.length > 0) {
      progress(`running ${checks.length} checks of ${options.api} against ${target}${options.strict ? ' (strict)' : ''}`);
      const collector = new CheckCollector(progress);
      const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
      const vitest = await createVitest(
        'test',
        {
          config: false,
          root: PROJECT_ROOT,
          // Only the families that have selected checks: every suite file costs a worker.
          include: [...new Set(checks.map((check) => `suites/${options.api}/${check.family}.suite.ts`))],
          watch: false,
          reporters: [collector],
          provide: { certify: config },
          testTimeout: options.deadlineMs,
          hookTimeout: options.deadlineMs,
          pool: 'threads',
          maxWorkers: 3,
          passWithNoTests: true,
        },
        {},
        { stdout: process.stderr, stderr: process.stderr },
      );
      // Vitest's logger exits the process on SIGINT/SIGTERM a millisecond later; certify must first stop
      // the run, clean up what it created and write its report, so only our handlers stay.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
      cancelRun = () => vitest.cancelCurrentRun('keyboard-input');
      try {
        if (!interrupted) await vitest.start();
      } finally {
        cancelRun = undefined;
      }
      await vitest.close();
      results = collector.results;
      problems.push(...collector.problems.map((problem) => `the suites reported an error: ${problem}`));
    }
  } finally {
    clearTimeout(deadlineTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (interrupted) problems.push(`the run was stopped: ${interrupted}`);
  // Checks that never reported (cancelled, or the suites failed to load) are errors, not passes.
  for (const check of checks) {
    if (results.has(check.id)) continue;
    const outcome = { status: 'errored' as const, message: `not run: ${problems[0] ?? 'the suites never reported it'}`, requests: 0, durationMs: 0 };
    results.set(check.id, { id: check.id, level: check.level, title: check.title, family: check.family, doc: check.doc, outcome });
    progress(progressLine(check, outcome));
  }

  if (!options.readOnly) {
    try {
      // Cleanup gets its own short budget even past the deadline: leaving users behind is worse.
      sweep = await withDeadline(certification.sweep(config, http), Date.now() + Math.max(5_000, options.timeoutMs * 3), 'cleanup');
    } catch (error) {
      sweep.remaining.push(`cleanup could not run: ${redact((error as Error).message, secretsOf(config))}`);
    }
    for (const leftover of sweep.remaining) progress(`  could not clean up: ${leftover}`);
  }
  await mock?.close();

  const ordered = checks.map((check) => results.get(check.id)).filter((result): result is CheckResult => result !== undefined);
  const waived = applyWaivers(ordered, options.waivers, started);
  const report = buildReport({ options, target, started, checks: waived, problems, sweep, specSha256: specSha256(options.api), secrets: secretsOf(config) });
  const reportDirectory = resolve(options.reportDirectory ?? join(PROJECT_ROOT, 'reports', `${options.api}-${started.toISOString().replace(/[:.]/g, '-')}`));
  mkdirSync(reportDirectory, { recursive: true });
  writeReports(report, reportDirectory);
  return { report, reportDirectory, exitCode: report.verdict === 'certified' ? 0 : 1 };
}

async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish before the deadline`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
