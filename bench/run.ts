// `npm run bench`: issue 5's benchmarks, measured in one run on this machine, written to
// reports/bench/latest.json and latest.md, and printed.
//
// 1. throughput and latency of the mock (as users run it, and --quiet) beside `prism mock` (default and
//    `-v silent`) and a bare node:http server answering the same bytes;
// 2. cost as state grows (10, 10,000, 100,000 users, seeded through the API);
// 3. certification speed against the bundled mock;
// 4. start-up time.
// Servers that are compared run side by side and their windows are interleaved (A B C, A B C, ...), so a
// burst of load from elsewhere on the machine hits all of them; each figure is the median of the windows.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { API_IDS, APIS } from '../specs/apis.ts';
import { CONNECTIONS, median, nextSequence, runLoad, type LoadRequest, type WindowResult } from './load.ts';
import { LOG_DIRECTORY, PROJECT_ROOT, START_NODE_OPTIONS, captureReply, peakRssMiB, removeLogs, startBare, startMock, startPrism, type Server } from './servers.ts';
import { READY_PROBES, THROUGHPUT_SCENARIOS, TYK_AUTH, checkmarxToken, createRequest, createUsers, resetApis } from './scenarios.ts';
import { NODE_DEFAULTS_VARIANT, evaluateTargets, renderMarkdown, type BenchReport, type CertifyRow, type Measurement, type ScaleRow, type StartupRow } from './report.ts';

const HELP = `usage: npm run bench [-- options]

  --sections 1,2,3,4   which measurements (default all): 1 throughput, 2 state size, 3 certify, 4 start-up
  --scenarios A,B      only these requests of section 1 (ids as in latest.json, e.g. vaa-list-3)
  --seconds N          length of one measured window (default 3)
  --repeats N          measured windows per server, interleaved (default 5; the median is reported)
  --warmup N           seconds of load before the first window (default 2)
  --sizes A,B,C        store sizes of section 2 (default 10,10000,100000)
  --startups N         start-ups measured in section 4 (default 5)
  --baseline DIR       also measure the mock of another checkout of this project (e.g. the previous
                       commit), side by side with this one, in sections 1, 2 (sizes up to 10,000) and 4
  --out DIR            where latest.json and latest.md go (default reports/bench)`;

interface Options {
  sections: Set<number>;
  scenarios: string[] | undefined;
  seconds: number;
  repeats: number;
  warmup: number;
  sizes: number[];
  startups: number;
  baseline: string | undefined;
  out: string;
}

function parseOptions(args: string[]): Options | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      sections: { type: 'string', default: '1,2,3,4' },
      scenarios: { type: 'string' },
      seconds: { type: 'string', default: '3' },
      repeats: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      sizes: { type: 'string', default: '10,10000,100000' },
      startups: { type: 'string', default: '5' },
      baseline: { type: 'string' },
      out: { type: 'string', default: join(PROJECT_ROOT, 'reports/bench') },
    },
  });
  if (values.help) return 'help';
  const numbers = (text: string): number[] => text.split(',').map((part) => Number(part.trim()));
  return {
    sections: new Set(numbers(values.sections)),
    scenarios: values.scenarios?.split(',').map((id) => id.trim()),
    seconds: Number(values.seconds),
    repeats: Number(values.repeats),
    warmup: Number(values.warmup),
    sizes: numbers(values.sizes),
    startups: Number(values.startups),
    baseline: values.baseline === undefined ? undefined : resolve(values.baseline),
    out: resolve(values.out),
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface Target {
  server: Server;
  request: LoadRequest;
}

/** Warms every target up, then measures `repeats` windows of each, interleaved. */
async function measureInterleaved(targets: readonly Target[], options: Options): Promise<Measurement[]> {
  for (const { server, request } of targets) await runLoad(server.url, request, { seconds: options.warmup });
  const windows: WindowResult[][] = targets.map(() => []);
  for (let repeat = 0; repeat < options.repeats; repeat += 1) {
    for (const [index, { server, request }] of targets.entries()) windows[index]!.push(await runLoad(server.url, request, { seconds: options.seconds }));
  }
  return targets.map(({ server }, index) => {
    const results = windows[index]!;
    const statusCodes: Record<string, number> = {};
    for (const result of results) for (const [status, count] of Object.entries(result.statusCodes)) statusCodes[status] = (statusCodes[status] ?? 0) + count;
    const measurement: Measurement = {
      server: server.name,
      rps: median(results.map((result) => result.rps)),
      p50Ms: median(results.map((result) => result.p50Ms)),
      p99Ms: median(results.map((result) => result.p99Ms)),
      errors: results.reduce((sum, result) => sum + result.errors, 0),
      windowsRps: results.map((result) => Math.round(result.rps)),
      statusCodes,
    };
    log(`    ${server.name.padEnd(24)} ${measurement.rps.toFixed(0).padStart(6)} req/s  p50 ${measurement.p50Ms.toFixed(2)} ms  p99 ${measurement.p99Ms.toFixed(2)} ms  errors ${measurement.errors}  windows ${measurement.windowsRps.join(' ')}`);
    return measurement;
  });
}

async function stopAll(servers: Iterable<Server>): Promise<void> {
  await Promise.all([...servers].map((server) => server.stop()));
}

// ---------------------------------------------------------------------------------------------- 1

async function throughput(options: Options): Promise<BenchReport['throughput']> {
  log('1. throughput: starting the mocks (default, --quiet, --workers 2, --state FILE) and prism mock (default and -v silent) for each spec');
  const probe = READY_PROBES.vaa;
  const mocks = await Promise.all([
    startMock({ name: 'mock', probe }),
    startMock({ name: 'mock --quiet', quiet: true, probe }),
    // Two processes on the port, sharing a temporary SQLite state; and one process on a durable one.
    startMock({ name: 'mock --workers 2', mockArgs: ['--workers', '2'], probe }),
    startMock({ name: 'mock --state FILE', mockArgs: ['--state', join(LOG_DIRECTORY, 'bench-state.db')], probe }),
    ...(options.baseline ? [startMock({ name: 'mock (baseline)', root: options.baseline, probe })] : []),
  ]);
  const prisms = new Map<string, Server>();
  for (const api of API_IDS) {
    const [normal, silent] = await Promise.all([
      startPrism(`prism mock (${api})`, APIS[api].specPath, false, READY_PROBES[api]),
      startPrism(`prism mock -v silent (${api})`, APIS[api].specPath, true, READY_PROBES[api]),
    ]);
    prisms.set(`${api}`, normal).set(`${api} silent`, silent);
  }
  const rows: BenchReport['throughput'] = [];
  try {
    for (const scenario of THROUGHPUT_SCENARIOS.filter(({ id }) => options.scenarios?.includes(id) ?? true)) {
      log(`  ${scenario.title}`);
      const requests = await Promise.all(mocks.map((mock) => scenario.prepare(mock.url)));
      const reference = requests[0]!;
      const reply = await captureReply(`${mocks[0]!.url}${reference.path}`, reference.method, reference.headers, reference.body?.(nextSequence()));
      const bare = await startBare(`bare node:http`, reply);
      try {
        const targets: Target[] = [
          ...mocks.map((server, index) => ({ server, request: requests[index]! })),
          { server: prisms.get(scenario.api)!, request: reference },
          { server: prisms.get(`${scenario.api} silent`)!, request: reference },
          { server: bare, request: reference },
        ];
        const measurements = await measureInterleaved(targets, options);
        rows.push({ scenario: scenario.id, title: scenario.title, method: scenario.method, measurements: measurements.map((measurement) => ({ ...measurement, server: measurement.server.replace(/ \((vaa|checkmarx|tyk)\)$/, '') })) });
      } finally {
        await bare.stop();
      }
    }
  } finally {
    await stopAll([...mocks, ...prisms.values()]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- 2


interface ScaleProcess {
  server: Server;
  api: 'checkmarx' | 'tyk';
  size: number;
  variant: string;
  auth: Record<string, string>;
  seedSeconds: number;
  peakRssAfterGetsMiB?: number;
}

const SCALE_OPERATIONS: Array<{ api: 'checkmarx' | 'tyk'; operation: string; writes: boolean; request: (entry: ScaleProcess) => LoadRequest }> = [
  { api: 'checkmarx', operation: 'checkmarx GET /Users/{id}', writes: false, request: ({ size, auth }) => ({ method: 'GET', path: `/cxrestapi/auth/Users/${Math.ceil(size / 2)}`, headers: auth }) },
  { api: 'tyk', operation: 'tyk GET /api/users?p=1', writes: false, request: ({ auth }) => ({ method: 'GET', path: '/api/users?p=1', headers: auth }) },
  { api: 'tyk', operation: 'tyk GET /api/users?p=<last>', writes: false, request: ({ size, auth }) => ({ method: 'GET', path: `/api/users?p=${Math.ceil(size / 10)}`, headers: auth }) },
  // Last: they add users.
  { api: 'checkmarx', operation: 'checkmarx POST /Users', writes: true, request: ({ auth }) => createRequest('checkmarx', auth) },
  { api: 'tyk', operation: 'tyk POST /api/users (no password)', writes: true, request: ({ auth }) => createRequest('tyk', auth) },
];

async function scale(options: Options): Promise<ScaleRow[]> {
  log(`2. state size: ${options.sizes.join(', ')} users, one mock process per API and size, seeded through the API`);
  const largest = Math.max(...options.sizes);
  const processes: ScaleProcess[] = [];
  try {
    for (const size of options.sizes) {
      const variants = [
        { variant: 'mock', root: PROJECT_ROOT, nodeOptions: [...START_NODE_OPTIONS] },
        // The baseline's O(n) create check makes seeding 100,000 users take far too long.
        ...(options.baseline && size <= 10_000 ? [{ variant: 'mock (baseline)', root: options.baseline, nodeOptions: [] }] : []),
        ...(size === largest && START_NODE_OPTIONS.length > 0 ? [{ variant: NODE_DEFAULTS_VARIANT, root: PROJECT_ROOT, nodeOptions: [] }] : []),
      ];
      for (const api of ['checkmarx', 'tyk'] as const) {
        for (const { variant, root, nodeOptions } of variants) {
          const server = await startMock({ name: `${variant}, ${api}, ${size} users`, root, nodeOptions, probe: READY_PROBES.vaa });
          await resetApis(server.url, [api], 'empty');
          const auth = api === 'checkmarx' ? await checkmarxToken(server.url) : TYK_AUTH;
          const seedSeconds = await createUsers(server.url, api, auth, size);
          log(`  ${server.name}: seeded in ${seedSeconds.toFixed(1)} s`);
          processes.push({ server, api, size, variant, auth, seedSeconds });
        }
      }
    }
    const rows: ScaleRow[] = [];
    for (const { api, operation, writes, request } of SCALE_OPERATIONS) {
      if (writes) for (const entry of processes) entry.peakRssAfterGetsMiB ??= peakRssMiB(entry.server.child);
      log(`  ${operation}`);
      const targets = processes.filter((entry) => entry.api === api);
      const measurements = await measureInterleaved(targets.map((entry) => ({ server: entry.server, request: request(entry) })), options);
      for (const [index, entry] of targets.entries()) rows.push({ ...measurements[index]!, operation, api, size: entry.size, variant: entry.variant, seedSeconds: entry.seedSeconds, peakRssMiB: undefined, peakRssAfterPostsMiB: undefined });
    }
    for (const entry of processes) {
      const afterPosts = peakRssMiB(entry.server.child);
      for (const row of rows) {
        if (row.api !== entry.api || row.size !== entry.size || row.variant !== entry.variant) continue;
        row.peakRssMiB = entry.peakRssAfterGetsMiB;
        row.peakRssAfterPostsMiB = afterPosts;
      }
    }
    return rows;
  } finally {
    await stopAll(processes.map((entry) => entry.server));
  }
}

// ---------------------------------------------------------------------------------------------- 3

async function certification(): Promise<CertifyRow[]> {
  log('3. certification of each API against the bundled mock (default depth)');
  const rows: CertifyRow[] = [];
  for (const api of API_IDS) {
    if (!existsSync(join(PROJECT_ROOT, `suites/${api}/index.ts`))) {
      log(`  ${api}: suites/${api}/index.ts is missing: not measured`);
      rows.push({ api, missing: true });
      continue;
    }
    const reportDirectory = mkdtempSync(join(tmpdir(), `userapi-bench-certify-${api}-`));
    const started = performance.now();
    const exitCode = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/userapi.ts'), 'certify', '--api', api, '--report-dir', reportDirectory, '--quiet'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
      child.on('exit', (code) => done(code));
    });
    const wallSeconds = (performance.now() - started) / 1000;
    let row: CertifyRow = { api, missing: false, wallSeconds, exitCode };
    try {
      const report = JSON.parse(readFileSync(join(reportDirectory, 'report.json'), 'utf8')) as { verdict: string; counts: { requests: number; total: number; passed: number; failed: number; errored: number; skipped: number } };
      row = { ...row, requests: report.counts.requests, requestsPerSecond: report.counts.requests / wallSeconds, verdict: report.verdict, checks: report.counts };
    } catch {
      // No report: the row says so through its missing `verdict`.
    }
    rmSync(reportDirectory, { recursive: true, force: true });
    log(`  ${api}: ${wallSeconds.toFixed(1)} s, ${row.requests ?? '?'} requests, ${row.verdict ?? 'no report'} (exit ${exitCode})`);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- 4

async function startup(options: Options): Promise<StartupRow[]> {
  log('4. start-up: spawn of `node bin/userapi.ts mock` to its first answered GET /api/v2/users');
  const variants = [{ variant: 'mock', root: PROJECT_ROOT }, ...(options.baseline ? [{ variant: 'mock (baseline)', root: options.baseline }] : [])];
  const times = new Map<string, number[]>(variants.map(({ variant }) => [variant, []]));
  for (let repeat = 0; repeat < options.startups; repeat += 1) {
    for (const { variant, root } of variants) {
      const server = await startMock({ name: `${variant} start-up`, root, probe: READY_PROBES.vaa });
      times.get(variant)!.push(server.startupMs);
      await server.stop();
    }
  }
  return variants.map(({ variant }) => {
    const measured = times.get(variant)!;
    log(`  ${variant}: median ${median(measured).toFixed(0)} ms (${measured.map((ms) => ms.toFixed(0)).join(', ')})`);
    return { variant, medianMs: median(measured), runsMs: measured };
  });
}

// ------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  const require = createRequire(import.meta.url);
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
      loadAverageAtEnd: [],
    },
    settings: {
      connections: CONNECTIONS,
      windowSeconds: options.seconds,
      repeats: options.repeats,
      warmupSeconds: options.warmup,
      autocannon: (require('autocannon/package.json') as { version: string }).version,
      prism: (require('@stoplight/prism-cli/package.json') as { version: string }).version,
      mockNodeOptions: START_NODE_OPTIONS.join(' '),
      mockLog: 'the default mock writes its request log (one line per request) to a file on disk; `--quiet` writes none; prism mock (default) logs to a file too',
      seeding: 'Users are created through the API (POST), a new user per request',
      baseline: options.baseline,
    },
    throughput: [],
    scale: [],
    certify: [],
    startup: [],
    targets: [],
  };
  log(`bench: ${report.machine.cores} cores (${report.machine.cpuModel}), Node ${report.machine.node}, ${report.date}, load average ${report.machine.loadAverageAtStart.join(' ')}`);
  try {
    if (options.sections.has(1)) report.throughput = await throughput(options);
    if (options.sections.has(2)) report.scale = await scale(options);
    if (options.sections.has(3)) report.certify = await certification();
    if (options.sections.has(4)) report.startup = await startup(options);
  } finally {
    removeLogs();
  }
  report.machine.loadAverageAtEnd = loadavg().map((value) => Number(value.toFixed(2)));
  report.targets = evaluateTargets(report);
  const markdown = renderMarkdown(report);
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(options.out, 'latest.md'), markdown);
  console.log(markdown);
  log(`written: ${join(options.out, 'latest.json')}, ${join(options.out, 'latest.md')}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

