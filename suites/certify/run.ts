// One certification: point the checks of one API at a target and turn what they find into a verdict
// and reports. Around the checks: credentials, reachability, the inventory before and after, the
// ledger-driven clean-up, the deadline and a stop signal, and the reports.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolVersion } from '../../project.ts';
import { DEFAULT_PROFILE, profilesOf, type ApiId, type Profile } from '../../specs/apis.ts';
import { specSha256 } from '../../specs/load.ts';
import type { ApiCertification } from '../harness/api.ts';
import { levelIn, type Check } from '../harness/check.ts';
import { cleanUp, type CleanupReport } from '../harness/cleanup.ts';
import { registerCredentials, type RunConfig } from '../harness/config.ts';
import { WriteGuard } from '../harness/guard.ts';
import { HttpClient, TransportError } from '../harness/http.ts';
import { compare, fingerprint, safetyLine, type Fingerprint } from '../harness/inventory.ts';
import { Ledger } from '../harness/ledger.ts';
import { REQUIREMENT_FLAGS, hasRequirement, type CheckOutcome } from '../harness/outcome.ts';
import { Redactor } from '../harness/redact.ts';
import { runChecks } from '../harness/runner.ts';
import type { MockServer } from '../../mock/server.ts';
import { buildReport } from './build.ts';
import { progressLine } from './progress.ts';
import { writeReports } from './report/write.ts';
import type { CertifyOptions, Report } from './types.ts';

/** At most this many checks at once: enough to overlap waiting, few enough not to hammer a vendor's server. */
const CONCURRENCY = 3;

export interface CertifyResult {
  report: Report;
  reportDirectory: string;
}

export async function loadApiCertification(api: ApiId): Promise<ApiCertification> {
  const modules: Record<ApiId, () => Promise<{ certification: ApiCertification }>> = {
    vaa: () => import('../vaa/index.ts'),
    checkmarx: () => import('../checkmarx/index.ts'),
    tyk: () => import('../tyk/index.ts'),
  };
  return (await modules[api]()).certification;
}

export function profileOf(certification: ApiCertification, requested: string | undefined): Profile {
  const profile = requested ?? DEFAULT_PROFILE;
  const profiles = profilesOf(certification.api);
  if (!profiles.some((candidate) => candidate === profile)) throw new Error(`unknown profile '${profile}' for ${certification.api}: one of ${profiles.join(', ')}`);
  return profile as Profile;
}

/** Every check of the profile, in the order they run. */
export function checksOf(certification: ApiCertification, profile: Profile): Check[] {
  return certification.sections.flatMap((section) => section.checks).filter((check) => levelIn(check, profile) !== undefined);
}

/** ./reports/<api>-<timestamp>/ under the current directory. */
export function defaultReportDirectory(api: ApiId, started = new Date()): string {
  return join(process.cwd(), 'reports', `${api}-${started.toISOString().replace(/[:.]/g, '-')}`);
}

export async function certify(options: CertifyOptions): Promise<CertifyResult> {
  const started = new Date();
  const certification = await loadApiCertification(options.api);
  const profile = profileOf(certification, options.profile);
  const checks = checksOf(certification, profile);
  const selected = options.only ? checks.filter((check) => options.only?.includes(check.id)) : checks;
  const progress = options.progress ?? (() => undefined);
  const reportDirectory = resolve(options.reportDirectory ?? defaultReportDirectory(options.api, started));
  mkdirSync(reportDirectory, { recursive: true });

  const stop = new AbortController();
  const problems: string[] = [];
  const interrupt = (reason: string): void => {
    if (stop.signal.aborted) return;
    problems.push(`the run was stopped: ${reason}`);
    progress(`stopping: ${reason}`);
    stop.abort();
  };
  const onSignal = (): void => interrupt('interrupted');
  options.signal?.addEventListener('abort', onSignal);
  if (options.signal?.aborted) onSignal();
  const deadlineTimer = setTimeout(() => interrupt(`the overall deadline of ${options.deadlineMs} ms passed`), options.deadlineMs);

  const secrets = new Redactor();
  const say = (line: string): void => progress(secrets.text(line));
  const namePrefix = `uac${randomBytes(3).toString('hex')}`;
  let mock: MockServer | undefined;
  let target = options.target;
  let credentials = { ...options.credentials };
  if (target === undefined) {
    // Loaded only here: a vendor's run against its own server never pays for the mock (and Prism).
    const { startMockServer, DEFAULT_SETTINGS } = await import('../../mock/server.ts');
    mock = await startMockServer({ apis: [options.api], port: 0, strict: true, profile });
    target = mock.url;
    credentials = { ...certification.bundledMockCredentials(DEFAULT_SETTINGS), ...credentials };
    say(`certifying the bundled mock at ${target}`);
  }
  const ledger = new Ledger(namePrefix, { file: join(reportDirectory, 'ledger.jsonl'), redactor: secrets });
  const config: RunConfig = {
    api: options.api,
    target,
    profile,
    bundledMock: mock !== undefined,
    namePrefix,
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
    guard: new WriteGuard(certification.writeRules, ledger),
    cleanup: certification.cleanup,
    secrets,
    signal: stop.signal,
  };
  registerCredentials(config);
  ledger.write({ event: 'run', api: options.api, target, namePrefix, profile, started: started.toISOString() });
  const http = new HttpClient(config);

  let outcomes = new Map<string, CheckOutcome>();
  let before: Fingerprint | { unavailable: string } | undefined;
  let cleanup: CleanupReport = { deleted: [], leftBehind: [], found: 0, residue: [] };
  let after: Fingerprint | { unavailable: string } | undefined;
  try {
    try {
      config.credentials = await certification.prepareCredentials(config, http);
      registerCredentials(config);
      await certification.preflight(config, http);
    } catch (error) {
      const reason = error instanceof TransportError ? `the target is unreachable: ${error.message}` : `the target refused the run's credentials: ${(error as Error).message}`;
      problems.push(secrets.text(reason));
      say(reason);
    }
    if (problems.length === 0) {
      before = await fingerprint(certification.inventory, config);
      if ('unavailable' in before) say(`the users that exist before the run could not be listed: no inventory proof (${before.unavailable})`);
      say(`running ${selected.length} checks of ${options.api} (profile ${profile}${options.strict ? ', strict' : ''}) against ${target}`);
      outcomes = await runChecks(selected, config, {
        concurrency: CONCURRENCY,
        missing: (check) => {
          const lacking = (check.requires ?? []).find((requirement) => !hasRequirement(requirement, config, certification.provides?.(requirement, config) ?? false));
          return lacking === undefined ? undefined : lacking === 'write' ? 'skipped by --read-only: this check writes' : `needs ${REQUIREMENT_FLAGS[lacking]}`;
        },
        onResult: (check, outcome) => say(progressLine(check.id, levelIn(check, profile) ?? 'INFO', outcome)),
      });
    }
  } finally {
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener('abort', onSignal);
  }

  // The clean-up and the proof get a fresh budget even after a stop (leaving users behind is worse), but
  // a bounded one: what it cannot delete in time is reported, and `userapi cleanup` can finish it.
  const finishing: RunConfig = { ...config, signal: AbortSignal.timeout(Math.max(15_000, options.timeoutMs * 10)) };
  if (!options.readOnly || ledger.all().length > 0) {
    cleanup = await cleanUp(certification, finishing).catch((error: unknown) => ({ ...cleanup, listingProblem: secrets.text((error as Error).message) }));
    for (const left of cleanup.leftBehind) say(`  left behind: ${Object.values(left.names).join(', ')}${left.id ? ` (${left.id})` : ''}: ${left.why}`);
  }
  if (before && !('unavailable' in before)) after = await fingerprint(certification.inventory, finishing);
  const safety = compare(before, after, config.guard.refusals.length);
  await mock?.close();

  const report = buildReport({ options, certification, profile, namePrefix, target, started, checks, outcomes, problems, safety, cleanup, specSha256: specSha256(options.api), toolVersion: toolVersion(), totalRequests: config.guard.answered, secrets });
  say(safetyLine(safety));
  writeReports(report, reportDirectory, secrets);
  return { report, reportDirectory };
}
