// `userapi certify`: run the conformance checks of one API against an implementation (or the bundled
// mock) and exit 0 (certified), 1 (not certified), 2 (bad invocation), 3 (incomplete: a deciding check
// did not run) or 130 (stopped by Ctrl-C, after cleaning up and writing the report).
import { parseArgs } from 'node:util';
import process from 'node:process';
import { profilesOf, type Profile } from '../../specs/apis.ts';
import { levelIn } from '../harness/check.ts';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, UsageError, apiOf, credentialsOf, integer, targetOf } from './arguments.ts';
import { certify, checksOf, defaultReportDirectory, loadApiCertification, profileOf } from './run.ts';
import { VERDICT_WORDS, countsLine, rootCausesLine, statementsLine } from './report/text.ts';
import { safetyLine } from '../harness/inventory.ts';
import type { CertifyOptions, Verdict } from './types.ts';
import { readWaivers, type Waiver } from './waivers.ts';

export const DEFAULTS = { runs: 20, timeoutMs: 10_000, deadlineMs: 15 * 60_000, maxResponseBytes: 10 * 1024 * 1024 };

export const EXIT_CODES: Record<Verdict | 'usage' | 'interrupted', number> = { certified: 0, 'not-certified': 1, usage: 2, incomplete: 3, interrupted: 130 };

const HELP = `usage: userapi certify --api vaa|checkmarx|tyk [--target URL] [credentials] [options]

Runs the conformance checks of one API against an implementation and writes a report.
Without --target it starts the bundled mock in-process and certifies that.

${CREDENTIAL_HELP}

options:
  --profile NAME       what to certify against: 'document' (default: the source document alone), or a
                       product's current behaviour ('tyk-5.8' for --api tyk)
  --report-dir DIR     where to write report.json, junit.xml, report.md, report.html and ledger.jsonl
                       (default ./reports/<api>-<timestamp>/)
  --strict             SHOULD checks decide too (default: only MUST checks decide)
  --only ID,...        run only these checks (see --dry-run); the verdict is incomplete unless they
                       are every deciding check
  --seed N             seed of the property-based checks (default: random, printed in the report)
  --replay-path P      with --seed: replay one property counterexample (the report gives both)
  --runs N             sequences per property-based check (default ${DEFAULTS.runs})
  --timeout-ms N       per-request timeout (default ${DEFAULTS.timeoutMs})
  --deadline-ms N      the whole run ends by then, whatever the target does (default ${DEFAULTS.deadlineMs})
  --insecure           accept any TLS certificate
  --waivers FILE       YAML/JSON: waivers: [{id, reason, expires: YYYY-MM-DD}]
  --read-only          run only checks that write nothing (the verdict is then incomplete)
  --dry-run            list the checks (id, level in each profile, title, section) and send nothing
  --quiet              no progress lines

Certify writes only to users it creates (their names carry a run prefix), deletes them at the end and
confirms each deletion by a read; 'userapi cleanup --report-dir DIR' finishes a run that was killed.

exit codes: 0 certified, 1 not certified, 2 bad invocation, 3 incomplete (a deciding check did not
run: the report says which flag enables it), 130 stopped by Ctrl-C`;

interface ParsedCommand {
  options: CertifyOptions;
  dryRun: boolean;
}

export async function parseCertifyArguments(args: string[], environment: NodeJS.ProcessEnv): Promise<ParsedCommand | 'help'> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        api: { type: 'string' },
        target: { type: 'string' },
        ...CREDENTIAL_OPTIONS,
        profile: { type: 'string' },
        'report-dir': { type: 'string' },
        strict: { type: 'boolean' },
        only: { type: 'string' },
        seed: { type: 'string' },
        'replay-path': { type: 'string' },
        runs: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'deadline-ms': { type: 'string' },
        insecure: { type: 'boolean' },
        waivers: { type: 'string' },
        'read-only': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const api = apiOf(values.api);
  const target = targetOf(values.target);
  const certification = await loadApiCertification(api);
  const credentials = credentialsOf(values, environment, certification);
  if (target !== undefined && !credentials.token && !credentials.username) {
    throw new UsageError(`--target needs credentials: --token${certification.takes.login ? ' or --username/--password' : ''} (or the USERAPI_* environment variables)`);
  }
  let profile: Profile;
  try {
    profile = profileOf(certification, values.profile);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const knownIds = new Set(checksOf(certification, profile).map((check) => check.id));
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = only.filter((id) => !knownIds.has(id));
    if (only.length === 0 || unknown.length > 0) throw new UsageError(`--only: unknown check id(s) ${unknown.join(', ') || '(none given)'} in profile ${profile}; see --dry-run`);
  }
  let waivers: Waiver[] = [];
  if (values.waivers !== undefined) {
    try {
      waivers = readWaivers(values.waivers, knownIds);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (values['replay-path'] !== undefined && values.seed === undefined) throw new UsageError('--replay-path needs the --seed it was found with');

  return {
    dryRun: values['dry-run'] ?? false,
    options: {
      api,
      ...(target !== undefined ? { target } : {}),
      credentials,
      profile,
      reportDirectory: values['report-dir'] ?? defaultReportDirectory(api),
      strict: values.strict ?? false,
      ...(only ? { only } : {}),
      seed: integer('seed', values.seed, Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1),
      ...(values['replay-path'] !== undefined ? { replayPath: values['replay-path'] } : {}),
      runs: integer('runs', values.runs, DEFAULTS.runs, 1, 10_000),
      timeoutMs: integer('timeout-ms', values['timeout-ms'], DEFAULTS.timeoutMs, 100, 600_000),
      deadlineMs: integer('deadline-ms', values['deadline-ms'], DEFAULTS.deadlineMs, 1_000, 24 * 3_600_000),
      insecure: values.insecure ?? false,
      waivers,
      readOnly: values['read-only'] ?? false,
      maxResponseBytes: DEFAULTS.maxResponseBytes,
      ...(values.quiet ? {} : { progress: (line: string) => process.stderr.write(`${line}\n`) }),
    },
  };
}

async function dryRun(options: CertifyOptions): Promise<number> {
  const certification = await loadApiCertification(options.api);
  const profile = profileOf(certification, options.profile);
  const profiles = profilesOf(options.api);
  const checks = checksOf(certification, profile).filter((check) => !options.only || options.only.includes(check.id));
  for (const check of checks) {
    const levels = profiles.map((id) => `${id}=${levelIn(check, id) ?? '-'}`).join(' ');
    const needs = check.requires?.length ? `  [needs ${check.requires.join(', ')}]` : '';
    const section = certification.sections.find((candidate) => candidate.checks.includes(check))?.title ?? '';
    console.log(`${(levelIn(check, profile) ?? '').padEnd(6)} ${check.id}  ${check.title}  (${section}; ${levels})${needs}`);
  }
  const count = (level: string): number => checks.filter((check) => levelIn(check, profile) === level).length;
  console.log(`${checks.length} checks in profile ${profile} (${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ${count('INFO')} INFO); nothing was sent.`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  let parsed: ParsedCommand | 'help';
  try {
    parsed = await parseCertifyArguments(args, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`userapi certify: ${error.message}\n\nrun 'userapi certify --help' for the options`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
  if (parsed === 'help') {
    console.log(HELP);
    return 0;
  }
  if (parsed.dryRun) return dryRun(parsed.options);
  const stop = new AbortController();
  let interrupted = false;
  const onSignal = (): void => {
    // A second Ctrl-C does not wait for the clean-up: the ledger lets `userapi cleanup` finish it.
    if (interrupted) {
      console.error(`userapi certify: stopped before cleaning up; finish with 'userapi cleanup --report-dir ${parsed.options.reportDirectory}'`);
      process.exit(EXIT_CODES.interrupted);
    }
    interrupted = true;
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { report, reportDirectory } = await certify({ ...parsed.options, signal: stop.signal });
    console.log(`${VERDICT_WORDS[report.verdict]}: ${report.api} (profile ${report.profile}${report.settings.strict ? ', strict' : ''}) at ${report.target}`);
    console.log(`  ${safetyLine(report.safety)}; writes refused by the guard: ${report.safety.refusedWrites}; clean-up: ${report.cleanup.deleted.length} deleted (confirmed), ${report.cleanup.leftBehind.length} left behind`);
    console.log(`  ${countsLine(report)} (${(report.durationMs / 1000).toFixed(1)} s, ${report.counts.totalRequests} requests, seed ${report.settings.seed})`);
    console.log(`  ${statementsLine(report)}`);
    if (report.rootCauses.length > 0) console.log(`  ${rootCausesLine(report)}`);
    for (const reason of report.reasons.slice(0, 10)) console.log(`  - ${reason}`);
    if (report.reasons.length > 10) console.log(`  ... ${report.reasons.length - 10} more in the report`);
    for (const group of report.notRun) console.log(`  - not run: ${group.checks.length} deciding check${group.checks.length === 1 ? '' : 's'}: ${group.reason}`);
    console.log(`report: ${reportDirectory}/report.html (also report.json, junit.xml, report.md)`);
    return interrupted ? EXIT_CODES.interrupted : EXIT_CODES[report.verdict];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
