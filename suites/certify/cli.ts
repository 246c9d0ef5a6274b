// `userapi certify`: run the conformance suites of one API against an implementation (or the bundled
// mock) and exit 0 (certified), 1 (not certified, or the target could not be certified) or 2 (bad
// invocation). Secrets may come from the environment so they stay out of CI logs and process lists.
import { parseArgs } from 'node:util';
import process from 'node:process';
import { API_IDS, isApiId, type ApiId } from '../../specs/apis.ts';
import type { Credentials } from '../harness/config.ts';
import { certify, loadApiCertification, selectChecks, type CertifyOptions } from './run.ts';
import { readWaivers, type Waiver } from './waivers.ts';

export const DEFAULTS = { runs: 20, timeoutMs: 10_000, deadlineMs: 15 * 60_000, maxResponseBytes: 10 * 1024 * 1024 };

const HELP = `usage: userapi certify --api vaa|checkmarx|tyk [--target URL] [credentials] [options]

Runs the conformance checks of one API against an implementation and writes a report.
Without --target it starts the bundled mock in-process and certifies that.

credentials (each also read from the environment variable shown):
  --token T            vaa: x-lxt-api-token; checkmarx: bearer access token; tyk: access key of a user
                       allowed to manage users                                  (USERAPI_TOKEN)
  --username U --password P
                       vaa login / checkmarx OAuth2 password grant; the token is re-obtained when it
                       expires or is refused                          (USERAPI_USERNAME, USERAPI_PASSWORD)
  --admin-secret S     tyk: the admin-auth secret                               (USERAPI_ADMIN_SECRET)
  --limited-token T    a valid credential WITHOUT user-management rights: enables the 403 checks
                       (tyk: without it, certify creates a 'users: read' user)   (USERAPI_LIMITED_TOKEN)

options:
  --report-dir DIR     where to write report.json, junit.xml, report.md, report.html
                       (default reports/<api>-<timestamp>/)
  --strict             SHOULD checks count too (default: only MUST checks decide)
  --only ID,...        run only these checks (see --dry-run)
  --seed N             seed of the property-based checks (default: random, printed in the report)
  --replay-path P      with --seed: replay one property counterexample (the report gives both)
  --runs N             sequences per property-based check (default ${DEFAULTS.runs})
  --timeout-ms N       per-request timeout (default ${DEFAULTS.timeoutMs})
  --deadline-ms N      the whole run ends by then, whatever the target does (default ${DEFAULTS.deadlineMs})
  --insecure           accept any TLS certificate
  --waivers FILE       YAML/JSON: waivers: [{id, reason, expires: YYYY-MM-DD}]
  --read-only          run only checks that write nothing
  --dry-run            list the checks (id, level, title, document section) and send nothing
  --quiet              no progress lines

exit codes: 0 certified, 1 not certified (a failed or errored check, or an unreachable target), 2 bad invocation`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not '${value}'`);
  return parsed;
}

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
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'admin-secret': { type: 'string' },
        'limited-token': { type: 'string' },
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
  if (values.api === undefined) throw new UsageError(`--api is required: one of ${API_IDS.join(', ')}`);
  if (!isApiId(values.api)) throw new UsageError(`unknown --api '${values.api}': one of ${API_IDS.join(', ')}`);
  const api: ApiId = values.api;

  if (values.target !== undefined) {
    let url: URL;
    try {
      url = new URL(values.target);
    } catch {
      throw new UsageError(`--target must be a URL such as https://dashboard.example.com, not '${values.target}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be an http or https URL, not '${values.target}'`);
  }

  const pick = (flag: string | undefined, variable: string): string | undefined => {
    const value = flag ?? environment[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  const credentials: Credentials = {};
  const token = pick(values.token, 'USERAPI_TOKEN');
  const username = pick(values.username, 'USERAPI_USERNAME');
  const password = pick(values.password, 'USERAPI_PASSWORD');
  const adminSecret = pick(values['admin-secret'], 'USERAPI_ADMIN_SECRET');
  const limitedToken = pick(values['limited-token'], 'USERAPI_LIMITED_TOKEN');
  if (token) credentials.token = token;
  if (username) credentials.username = username;
  if (password) credentials.password = password;
  if (adminSecret) credentials.adminSecret = adminSecret;
  if (limitedToken) credentials.limitedToken = limitedToken;
  if ((username === undefined) !== (password === undefined)) throw new UsageError('--username and --password go together');
  if (api === 'tyk' && username !== undefined) throw new UsageError('tyk has no login endpoint: pass the access key with --token');
  if (api !== 'tyk' && adminSecret !== undefined) throw new UsageError(`--admin-secret is for tyk only; ${api} has no admin secret`);
  if (values.target !== undefined && !token && !username) {
    throw new UsageError(`--target needs credentials: --token${api === 'tyk' ? '' : ' or --username/--password'} (or the USERAPI_* environment variables)`);
  }

  const certification = await loadApiCertification(api);
  const knownIds = new Set(certification.checks.map((check) => check.id));
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = only.filter((id) => !knownIds.has(id));
    if (only.length === 0 || unknown.length > 0) throw new UsageError(`--only: unknown check id(s) ${unknown.join(', ') || '(none given)'}; see --dry-run`);
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
      ...(values.target !== undefined ? { target: values.target } : {}),
      credentials,
      ...(values['report-dir'] !== undefined ? { reportDirectory: values['report-dir'] } : {}),
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

export async function run(args: string[]): Promise<number> {
  let parsed: ParsedCommand | 'help';
  try {
    parsed = await parseCertifyArguments(args, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`userapi certify: ${error.message}\n\nrun 'userapi certify --help' for the options`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    console.log(HELP);
    return 0;
  }
  const { options } = parsed;
  if (parsed.dryRun) {
    const checks = selectChecks((await loadApiCertification(options.api)).checks, options.only);
    for (const check of checks) {
      const needs = check.requires?.length ? `  [needs ${check.requires.join(', ')}]` : '';
      console.log(`${check.level.padEnd(6)} ${check.id}  ${check.title}  (${check.doc.section})${needs}`);
    }
    console.log(`${checks.length} checks (${['MUST', 'SHOULD', 'INFO'].map((level) => `${checks.filter((check) => check.level === level).length} ${level}`).join(', ')}); nothing was sent.`);
    return 0;
  }
  const result = await certify(options);
  const { report } = result;
  const summary = `${report.verdict === 'certified' ? 'CERTIFIED' : 'NOT CERTIFIED'}: ${report.api} at ${report.target}: ${report.counts.passed} passed, ${report.counts.failed} failed, ${report.counts.errored} errored, ${report.counts.skipped} skipped, ${report.counts.waived} waived (${(report.durationMs / 1000).toFixed(1)} s, ${report.counts.requests} requests, seed ${report.profile.seed})`;
  console.log(summary);
  for (const reason of report.reasons.slice(0, 10)) console.log(`  - ${reason}`);
  if (report.reasons.length > 10) console.log(`  ... ${report.reasons.length - 10} more in the report`);
  console.log(`report: ${result.reportDirectory}/report.html (also report.json, junit.xml, report.md)`);
  return result.exitCode;
}
