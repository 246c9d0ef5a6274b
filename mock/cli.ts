// `userapi mock`: serve the three APIs on one port, with the documents' users and credentials.
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import process from 'node:process';
import { API_IDS, PROFILES, isProfile, parseApiList, profilesOf } from '../specs/apis.ts';
import { CONTROL_PREFIX, DEFAULT_OPTIONS, DEFAULT_SETTINGS, type MockOptions } from './defaults.ts';
import { takeCorsFlag } from './cors.ts';
import { watchNpmParent } from './parent.ts';
import { bannerLines, exitCodeOf, startFailure, stopSignal } from './startup.ts';
import { packageManifest } from '../project.ts';

const HELP = `usage: userapi mock [options]

Serves a stateful mock of the vaa, checkmarx and tyk Users APIs on one port, seeded with the
documents' example users so that the documents' own curl commands work against it.

options:
  --port N                  port to listen on (default $USERAPI_PORT, else $PORT, else ${DEFAULT_OPTIONS.port}; 0: a free one)
  --host H                  address to bind (default ${DEFAULT_OPTIONS.host}: loopback only)
  --api LIST                APIs to serve, comma-separated (default vaa,checkmarx,tyk)
  --seed documents|empty    start with the documents' example users, or with none (default documents)
  --profile NAME            what the APIs behave as: document (default: each source document), or
                            tyk-5.8 (the tyk API as Tyk Dashboard 5.8, specs/tyk-5.8.openapi.yaml;
                            vaa and checkmarx have only document)
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
  --no-cors, --cors=false   no CORS headers, no preflight answers (default: CORS on, any origin)
  --version                 print the version and exit
  --vaa-username U, --vaa-password P, --vaa-token T
  --checkmarx-username U, --checkmarx-password P           (a user who may manage users)
  --checkmarx-limited-username U, --checkmarx-limited-password P  (one who may not)
  --tyk-access-key K, --tyk-admin-secret S
                            override the default credentials (see the README)

control endpoints (not part of any API): GET ${CONTROL_PREFIX}/health, POST ${CONTROL_PREFIX}/reset
  {"api": "vaa", "seed": "empty"}, GET ${CONTROL_PREFIX}/violations, GET and DELETE ${CONTROL_PREFIX}/requests

Ctrl-C stops it (exit code 130), as does SIGTERM (exit code 0); both let requests in flight finish.
Started by npm (npm start), it also stops when npm is gone.`;

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

export function parseMockArguments(args: string[], environment: NodeJS.ProcessEnv = process.env): MockOptions | 'help' | 'version' {
  const corsFlag = takeCorsFlag(args);
  if ('error' in corsFlag) throw new UsageError(corsFlag.error);
  const { values } = parseArgs({
    args: corsFlag.rest,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      api: { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'string' },
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
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
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
  const profile = values.profile ?? DEFAULT_OPTIONS.profile;
  if (!isProfile(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, not '${profile}'`);
  if (!apis.some((api) => profilesOf(api).includes(profile))) {
    const having = API_IDS.filter((api) => profilesOf(api).includes(profile));
    throw new UsageError(`--profile ${profile}: none of the APIs served (${apis.join(', ')}) has it; ${having.join(', ')} does`);
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
    profile,
    host: nonEmpty('host', values.host, DEFAULT_OPTIONS.host),
    port: portOf(values.port, environment),
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
      maxLiveTokens: defaults.maxLiveTokens,
    },
    ...(corsFlag.cors === false ? { cors: false } : {}),
    ...(values.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
  };
}

/** --port, else $USERAPI_PORT, else $PORT (what platforms that run a server set), else the default. */
function portOf(flag: string | undefined, environment: NodeJS.ProcessEnv): number {
  const range = { min: 0, max: 65535, integer: true };
  if (flag !== undefined) return number('port', flag, DEFAULT_OPTIONS.port, range);
  for (const variable of ['USERAPI_PORT', 'PORT']) {
    const value = environment[variable];
    if (value === undefined || value === '') continue;
    try {
      return number('port', value, DEFAULT_OPTIONS.port, range);
    } catch {
      throw new UsageError(`the environment variable ${variable} must be a port, an integer from 0 to 65535, not '${value}'`);
    }
  }
  return DEFAULT_OPTIONS.port;
}

export async function run(args: string[]): Promise<number> {
  let options: MockOptions | 'help' | 'version';
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
  if (options === 'version') {
    console.log(packageManifest().version);
    return 0;
  }
  if (cluster.isWorker) return (await import('./workers.ts')).runWorker(options);
  if (options.workers > 1) return (await import('./workers.ts')).runPrimary(options);

  // Loaded only now: it brings Prism, seconds of start-up that --help and a typo need not wait for.
  const { moduleFor, startMockServer } = await import('./server.ts');
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
  console.log(bannerLines(server.url, options, (api) => moduleFor(api, options.profile)).join('\n'));

  // Only now: until the server is up, a signal keeps its default meaning and ends start-up at once.
  const parent = watchNpmParent();
  const stopped = await Promise.race([stopSignal(), ...(parent ? [parent.gone] : [])]);
  parent?.stop();
  if (stopped !== 'SIGINT' && stopped !== 'SIGTERM') console.error(`userapi mock: stopping: ${stopped}`);
  await server.close();
  return exitCodeOf(stopped);
}
