// `userapi cleanup --report-dir DIR`: finishes the clean-up of a certify run that was killed. It deletes
// what that run's ledger (DIR/ledger.jsonl) lists and nothing else, through the same write guard, and
// confirms each deletion by a read. Exit 0 when nothing is left behind, 1 otherwise, 2 bad invocation.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { cleanUp } from '../harness/cleanup.ts';
import { registerCredentials, type RunConfig } from '../harness/config.ts';
import { WriteGuard } from '../harness/guard.ts';
import { HttpClient } from '../harness/http.ts';
import { Ledger } from '../harness/ledger.ts';
import { Redactor } from '../harness/redact.ts';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, UsageError, apiOf, credentialsOf, integer, targetOf } from './arguments.ts';
import { DEFAULTS } from './cli.ts';
import { loadApiCertification, profileOf } from './run.ts';

const HELP = `usage: userapi cleanup --report-dir DIR [credentials] [--target URL]

Deletes the users a certify run created, as its ledger (DIR/ledger.jsonl) lists them, and nothing
else; each deletion is confirmed by a read. For a run that was killed before it could clean up.
The API and target come from the ledger; --target overrides the target (the same server at another
address).

${CREDENTIAL_HELP}

options:
  --timeout-ms N       per-request timeout (default ${DEFAULTS.timeoutMs})
  --insecure           accept any TLS certificate

writes DIR/cleanup.json; exit codes: 0 nothing left behind, 1 something is, 2 bad invocation`;

export async function run(args: string[]): Promise<number> {
  try {
    return await cleanupCommand(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`userapi cleanup: ${error.message}\n\nrun 'userapi cleanup --help' for the options`);
    return 2;
  }
}

async function cleanupCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { help: { type: 'boolean', short: 'h' }, 'report-dir': { type: 'string' }, target: { type: 'string' }, 'timeout-ms': { type: 'string' }, insecure: { type: 'boolean' }, ...CREDENTIAL_OPTIONS } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const directory = values['report-dir'];
  if (directory === undefined) throw new UsageError('--report-dir is required: the folder of the run to finish');
  const file = join(directory, 'ledger.jsonl');
  if (!existsSync(file)) throw new UsageError(`${file} does not exist: is ${directory} the report folder of a certify run?`);
  const secrets = new Redactor();
  let read: ReturnType<typeof Ledger.read>;
  try {
    read = Ledger.read(file, secrets);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { header, ledger } = read;
  const api = apiOf(header.api);
  const certification = await loadApiCertification(api);
  const credentials = credentialsOf(values, process.env, certification);
  if (!credentials.token && !credentials.username) throw new UsageError(`credentials are needed: --token${certification.takes.login ? ' or --username/--password' : ''}`);
  const target = targetOf(values.target) ?? header.target;
  const config: RunConfig = {
    api,
    target,
    profile: profileOf(certification, header.profile),
    bundledMock: false,
    namePrefix: header.namePrefix,
    credentials,
    strict: false,
    readOnly: false,
    seed: 0,
    runs: 1,
    timeoutMs: integer('timeout-ms', values['timeout-ms'], DEFAULTS.timeoutMs, 100, 600_000),
    insecure: values.insecure ?? false,
    maxResponseBytes: DEFAULTS.maxResponseBytes,
    guard: new WriteGuard(certification.writeRules, ledger),
    cleanup: certification.cleanup,
    secrets,
  };
  registerCredentials(config);
  config.credentials = await certification.prepareCredentials(config, new HttpClient(config));
  registerCredentials(config);
  const report = await cleanUp(certification, config);
  writeFileSync(join(directory, 'cleanup.json'), secrets.text(`${JSON.stringify({ api, target, namePrefix: header.namePrefix, finished: new Date().toISOString(), refusedWrites: config.guard.refusals.length, ...report }, null, 2)}\n`));
  console.log(secrets.text(`userapi cleanup: ${api} at ${target}, run prefix ${header.namePrefix}: ${report.deleted.length} deleted (each confirmed by a read), ${report.leftBehind.length} left behind`));
  for (const left of report.leftBehind) console.log(secrets.text(`  left behind: ${Object.values(left.names).join(', ')}${left.id ? ` (${left.id})` : ''}: ${left.why}`));
  return report.leftBehind.length === 0 ? 0 : 1;
}
