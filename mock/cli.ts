// `userapi mock`: serve the three APIs on one port, with the documents' users and credentials.
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import process from 'node:process';
import { parseApiList } from '../specs/apis.ts';
import { CONTROL_PREFIX, DEFAULT_OPTIONS, DEFAULT_SETTINGS, type MockOptions } from './defaults.ts';
import { bannerLines, startFailure, stopSignal } from './startup.ts';

const HELP = `usage: userapi mock [options]

Serves a stateful mock of the vaa, checkmarx and tyk Users APIs on one port, seeded with the
documents' example users so that the documents' own curl commands work against it.

options:
  --port N                  port to listen on (default ${DEFAULT_OPTIONS.port}; 0 picks a free one)
  --host H                  address to bind (default ${DEFAULT_OPTIONS.host}: loopback only)
  --api LIST                APIs to serve, comma-separated (default vaa,checkmarx,tyk)
  --seed documents|empty    start with the documents' example users, or with none (default documents)
  --state FILE              keep the state in FILE, an SQLite database, across restarts: a write is on
                            disk before it is answered; several mocks may share one FILE. A JSON state
                            file of an earlier version is converted once (kept as FILE.json-backup)
  --workers N               N processes serving one port and sharing the state (default 1); without
                            --state they share a temporary SQLite file, removed when the mock stops
  --idle-timeout MS         close a connection that sends nothing for MS milliseconds, before its first
                            request or kept alive between requests (default ${DEFAULT_OPTIONS.idleTimeoutMs}; 0: never)
  --strict                  answer 500 when a reply of the mock would not match its spec
  --latency MS              delay every API answer by MS milliseconds
  --fail-rate R             answer 503 to a fraction R (0..1) of API requests, to test client retries
  --max-body-bytes N        refuse larger request bodies with 413 (default ${DEFAULT_OPTIONS.maxBodyBytes})
  --quiet                   no request log
  --vaa-username U, --vaa-password P, --vaa-token T
  --checkmarx-username U, --checkmarx-password P           (a user who may manage users)
  --checkmarx-limited-username U, --checkmarx-limited-password P  (one who may not)
  --tyk-access-key K, --tyk-admin-secret S
                            override the default credentials (see the README)
  --bcrypt-cost N           bcrypt cost of stored passwords (default ${DEFAULT_SETTINGS.bcryptCost})

control endpoints (not part of any API): GET ${CONTROL_PREFIX}/health, POST ${CONTROL_PREFIX}/reset
  {"api": "vaa", "seed": "empty"}, GET ${CONTROL_PREFIX}/violations`;

class UsageError extends Error {}

// Plain decimal only: Number() would also take '0x1f', '1e3' and ' 8 ', which nobody means as a port.
const DECIMAL = /^\d+(?:\.\d+)?$/;

function number(name: string, value: string | undefined, fallback: number, { min, max, integer }: { min: number; max: number; integer: boolean }): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not '${value}'`);
  }
  return parsed;
}

export function parseMockArguments(args: string[]): MockOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      api: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      workers: { type: 'string' },
      'idle-timeout': { type: 'string' },
      strict: { type: 'boolean' },
      latency: { type: 'string' },
      'fail-rate': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      quiet: { type: 'boolean' },
      'vaa-username': { type: 'string' },
      'vaa-password': { type: 'string' },
      'vaa-token': { type: 'string' },
      'checkmarx-username': { type: 'string' },
      'checkmarx-password': { type: 'string' },
      'checkmarx-limited-username': { type: 'string' },
      'checkmarx-limited-password': { type: 'string' },
      'tyk-access-key': { type: 'string' },
      'tyk-admin-secret': { type: 'string' },
      'bcrypt-cost': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const seed = values.seed ?? DEFAULT_OPTIONS.seed;
  if (seed !== 'documents' && seed !== 'empty') throw new UsageError(`--seed must be 'documents' or 'empty', not '${seed}'`);
  let apis = DEFAULT_OPTIONS.apis;
  if (values.api !== undefined) {
    try {
      apis = parseApiList(values.api);
    } catch (error) {
      throw new UsageError(`--api: ${(error as Error).message}`);
    }
  }
  const nonEmpty = (name: string, value: string | undefined, fallback: string): string => {
    if (value === undefined) return fallback;
    if (value === '') throw new UsageError(`--${name} must not be empty`);
    return value;
  };
  const defaults = DEFAULT_SETTINGS;
  return {
    ...DEFAULT_OPTIONS,
    apis,
    seed,
    host: nonEmpty('host', values.host, DEFAULT_OPTIONS.host),
    port: number('port', values.port, DEFAULT_OPTIONS.port, { min: 0, max: 65535, integer: true }),
    ...(values.state !== undefined ? { stateFile: nonEmpty('state', values.state, '') } : {}),
    workers: number('workers', values.workers, DEFAULT_OPTIONS.workers, { min: 1, max: 64, integer: true }),
    idleTimeoutMs: number('idle-timeout', values['idle-timeout'], DEFAULT_OPTIONS.idleTimeoutMs, { min: 0, max: 3_600_000, integer: true }),
    strict: values.strict ?? false,
    latencyMs: number('latency', values.latency, 0, { min: 0, max: 600_000, integer: true }),
    failRate: number('fail-rate', values['fail-rate'], 0, { min: 0, max: 1, integer: false }),
    maxBodyBytes: number('max-body-bytes', values['max-body-bytes'], DEFAULT_OPTIONS.maxBodyBytes, { min: 1, max: 1024 ** 3, integer: true }),
    settings: {
      vaa: {
        username: nonEmpty('vaa-username', values['vaa-username'], defaults.vaa.username),
        password: nonEmpty('vaa-password', values['vaa-password'], defaults.vaa.password),
        token: nonEmpty('vaa-token', values['vaa-token'], defaults.vaa.token),
      },
      checkmarx: {
        username: nonEmpty('checkmarx-username', values['checkmarx-username'], defaults.checkmarx.username),
        password: nonEmpty('checkmarx-password', values['checkmarx-password'], defaults.checkmarx.password),
        limitedUsername: nonEmpty('checkmarx-limited-username', values['checkmarx-limited-username'], defaults.checkmarx.limitedUsername),
        limitedPassword: nonEmpty('checkmarx-limited-password', values['checkmarx-limited-password'], defaults.checkmarx.limitedPassword),
      },
      tyk: {
        accessKey: nonEmpty('tyk-access-key', values['tyk-access-key'], defaults.tyk.accessKey),
        adminSecret: nonEmpty('tyk-admin-secret', values['tyk-admin-secret'], defaults.tyk.adminSecret),
      },
      bcryptCost: number('bcrypt-cost', values['bcrypt-cost'], defaults.bcryptCost, { min: 4, max: 14, integer: true }),
      maxLiveTokens: defaults.maxLiveTokens,
    },
    ...(values.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
  };
}

export async function run(args: string[]): Promise<number> {
  let options: MockOptions | 'help';
  try {
    options = parseMockArguments(args);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`userapi mock: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  if (cluster.isWorker) return (await import('./workers.ts')).runWorker(options);
  if (options.workers > 1) return (await import('./workers.ts')).runPrimary(options);

  // Loaded only now: it brings Prism, seconds of start-up that --help and a typo need not wait for.
  const { API_MODULES, startMockServer } = await import('./server.ts');
  let server;
  try {
    server = await startMockServer(options);
  } catch (error) {
    const failure = startFailure(error, options);
    if (failure === undefined) throw error;
    console.error(`userapi mock: ${failure}`);
    return 1;
  }
  for (const notice of server.notices) console.error(`userapi mock: ${notice}`);
  console.log(bannerLines(server.url, options, API_MODULES).join('\n'));

  // Only now: until the server is up, a signal keeps its default meaning and ends start-up at once.
  await stopSignal();
  await server.close();
  return 0;
}
