// The benchmark's results as data (latest.json), the issue's targets checked against them, and the
// Markdown tables (latest.md).

export interface Measurement {
  server: string;
  /** Medians over the measured windows. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Over all windows: socket errors, timeouts and non-2xx answers. */
  errors: number;
  windowsRps: number[];
  statusCodes: Record<string, number>;
}

export interface ThroughputRow {
  scenario: string;
  title: string;
  method: 'GET' | 'POST';
  measurements: Measurement[];
}

export interface ScaleRow extends Measurement {
  operation: string;
  api: string;
  /** Users of the API when the measurement started (the POST windows add more). */
  size: number;
  variant: string;
  /** The process's peak RSS once seeded and through the GET windows (before the POSTs add users). */
  peakRssMiB: number | undefined;
  /** Its peak RSS at the end, after the POST windows. */
  peakRssAfterPostsMiB: number | undefined;
  seedSeconds: number;
}

export interface CertifyRow {
  api: string;
  /** suites/<api>/index.ts did not exist: not measured. */
  missing: boolean;
  wallSeconds?: number;
  exitCode?: number | null;
  requests?: number;
  requestsPerSecond?: number;
  verdict?: string;
  checks?: Record<string, number>;
}

export interface StartupRow {
  variant: string;
  medianMs: number;
  runsMs: number[];
}

export interface TargetCheck {
  target: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
  detail: string;
}

export interface BenchReport {
  date: string;
  machine: { cores: number; cpuModel: string; node: string; memoryGiB: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  settings: Record<string, unknown>;
  throughput: ThroughputRow[];
  scale: ScaleRow[];
  certify: CertifyRow[];
  startup: StartupRow[];
  targets: TargetCheck[];
}

const MOCK = 'mock';
const PRISM = 'prism mock';
const PRISM_SILENT = 'prism mock -v silent';
const BARE = 'bare node:http';
const QUIET = 'mock --quiet';
const BASELINE = 'mock (baseline)';
const WORKERS = 'mock --workers 2';
const STATE = 'mock --state FILE';
/** The mock without the node options of `npm start` (V8's default young generation): what they save. */
export const NODE_DEFAULTS_VARIANT = 'mock, node defaults';

function find(row: ThroughputRow, server: string): Measurement | undefined {
  return row.measurements.find((measurement) => measurement.server === server);
}

function ratio(row: ThroughputRow, against: string, server = MOCK): number {
  return (find(row, server)?.rps ?? Number.NaN) / (find(row, against)?.rps ?? Number.NaN);
}

function scaleRow(report: BenchReport, operation: string, size: number): ScaleRow | undefined {
  return report.scale.find((row) => row.operation === operation && row.size === size && row.variant === MOCK);
}

/** Every target is checked on the mock as users run it (request log on, request and response validation on). */
export function evaluateTargets(report: BenchReport): TargetCheck[] {
  const targets: TargetCheck[] = [];
  const throughputTarget = (target: string, passes: (row: ThroughputRow) => boolean, describe: (row: ThroughputRow) => string): void => {
    if (report.throughput.length === 0) {
      targets.push({ target, met: undefined, detail: 'not measured' });
      return;
    }
    const misses = report.throughput.filter((row) => !passes(row));
    targets.push({ target, met: misses.length === 0, detail: misses.length === 0 ? `all ${report.throughput.length} scenarios` : `missed: ${misses.map((row) => `${row.scenario} ${describe(row)}`).join('; ')}` });
  };
  throughputTarget('mock >= 3x prism mock (default), GET and POST', (row) => ratio(row, PRISM) >= 3, (row) => `${ratio(row, PRISM).toFixed(2)}x`);
  throughputTarget('mock >= 2x prism mock -v silent, GET and POST', (row) => ratio(row, PRISM_SILENT) >= 2, (row) => `${ratio(row, PRISM_SILENT).toFixed(2)}x`);
  throughputTarget('mock p99 < 5 ms at 10 connections', (row) => (find(row, MOCK)?.p99Ms ?? Infinity) < 5, (row) => `${find(row, MOCK)?.p99Ms.toFixed(2)} ms`);

  const largest = Math.max(...report.scale.map((row) => row.size));
  const smallest = Math.min(...report.scale.map((row) => row.size));
  const sameCost = (operation: string, target: string): void => {
    const small = scaleRow(report, operation, smallest);
    const large = scaleRow(report, operation, largest);
    if (!small || !large || largest < 100_000) {
      targets.push({ target, met: undefined, detail: 'not measured at 100,000 users' });
      return;
    }
    targets.push({ target, met: large.rps * 1.2 >= small.rps, detail: `${large.rps.toFixed(0)} req/s at ${largest} users, ${small.rps.toFixed(0)} at ${smallest} (${(small.rps / large.rps).toFixed(2)}x)` });
  };
  sameCost('checkmarx GET /Users/{id}', 'GET by id at 100,000 users within 1.2x of 10 users');
  const rssAt = (api: string, variant: string): number | undefined => report.scale.find((row) => row.api === api && row.size === largest && row.variant === variant)?.peakRssMiB;
  const largeRss = ['checkmarx', 'tyk'].map((api) => rssAt(api, MOCK));
  targets.push({
    target: 'peak RSS at 100,000 users < 300 MB',
    met: largest >= 100_000 && largeRss.every((rss) => rss !== undefined) ? largeRss.every((rss) => (rss as number) < 300) : undefined,
    detail: largeRss.some((rss) => rss === undefined)
      ? 'not measured'
      : `checkmarx ${number(largeRss[0])} MiB, tyk ${number(largeRss[1])} MiB (one process per API, seeded and through the GET windows); without the node options of \`npm start\`: checkmarx ${number(rssAt('checkmarx', NODE_DEFAULTS_VARIANT))} MiB, tyk ${number(rssAt('tyk', NODE_DEFAULTS_VARIANT))} MiB`,
  });
  sameCost('tyk GET /api/users?p=1', 'a tyk page (p=1) costs the same at 100,000 users (within 1.2x)');
  sameCost('tyk GET /api/users?p=<last>', 'a tyk page (last) costs the same at 100,000 users (within 1.2x)');

  const certified = report.certify.filter((row) => !row.missing && row.wallSeconds !== undefined);
  for (const row of certified) {
    targets.push({ target: `certify --api ${row.api} < 20 s wall`, met: (row.wallSeconds ?? Infinity) < 20, detail: `${row.wallSeconds?.toFixed(1)} s, ${row.requests ?? '?'} requests, ${row.verdict ?? 'no report'}` });
  }
  for (const row of report.certify.filter((entry) => entry.missing)) targets.push({ target: `certify --api ${row.api} < 20 s wall`, met: undefined, detail: `suites/${row.api}/index.ts missing` });

  const startup = report.startup.find((row) => row.variant === MOCK);
  targets.push({ target: 'start-up < 1.5 s', met: startup ? startup.medianMs < 1500 : undefined, detail: startup ? `median ${startup.medianMs.toFixed(0)} ms` : 'not measured' });
  return targets;
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const number = (value: number | undefined, digits = 0): string => (value === undefined || Number.isNaN(value) ? '-' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const mark = (met: boolean | undefined): string => (met === undefined ? 'not measured' : met ? 'met' : 'MISSED');

export function renderMarkdown(report: BenchReport): string {
  const { machine, settings } = report;
  const parts: string[] = [
    '# Benchmarks (`npm run bench`)',
    '',
    `${report.date} on ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} at the start, ${machine.loadAverageAtEnd.join(' ')} at the end (the machine is shared).`,
    `autocannon ${String(settings['autocannon'])}, ${String(settings['connections'])} connections, ${String(settings['warmupSeconds'])} s warm-up, then ${String(settings['repeats'])} windows of ${String(settings['windowSeconds'])} s per server, interleaved across the servers compared; figures are medians of the windows, errors the sum. Latencies are per response.`,
    `The mock runs as \`npm start\` runs it (\`node ${String(settings['mockNodeOptions'] ?? '')} bin/userapi.ts mock\`, default settings: request and response validation on); ${String(settings['mockLog'])}. Prism is @stoplight/prism-cli ${String(settings['prism'])}. ${String(settings['seeding'])}.`,
  ];
  if (report.targets.length > 0) {
    parts.push('', '## Targets (issue 5)', '', table(['target', 'result', 'detail'], report.targets.map((target) => [target.target, mark(target.met), target.detail])));
  }
  if (report.throughput.length > 0) {
    const servers = [...new Set(report.throughput.flatMap((row) => row.measurements.map((measurement) => measurement.server)))];
    const hasBaseline = servers.includes(BASELINE);
    parts.push(
      '',
      '## 1. Throughput and latency, 10 connections',
      '',
      `"mock" is the mock as users run it (request log to a file, state in memory); the ratios are its. "--workers 2" is two processes on the port sharing a temporary SQLite state file (the load generator runs on the same cores); "--state FILE" one process on a durable SQLite state (every write fsynced before it is answered). Prism answers each request with the spec's example (a user or two), the mock and the bare server with the mock's real answer (for the 100-user lists, all 100 users).${hasBaseline ? ' "baseline" is the mock before this work (--baseline).' : ''}`,
      '',
      table(
        ['request', 'mock req/s', 'mock --quiet req/s', '--workers 2 req/s', '--workers 2/mock', '--state FILE req/s', ...(hasBaseline ? ['baseline req/s'] : []), 'prism req/s', 'prism -v silent req/s', 'bare req/s', 'mock/prism', 'mock/prism silent', 'mock/bare', ...(hasBaseline ? ['mock/baseline'] : []), 'mock p50 ms', 'mock p99 ms'],
        report.throughput.map((row) => [
          row.title,
          number(find(row, MOCK)?.rps),
          number(find(row, QUIET)?.rps),
          number(find(row, WORKERS)?.rps),
          `${number(ratio(row, MOCK, WORKERS), 2)}x`,
          number(find(row, STATE)?.rps),
          ...(hasBaseline ? [number(find(row, BASELINE)?.rps)] : []),
          number(find(row, PRISM)?.rps),
          number(find(row, PRISM_SILENT)?.rps),
          number(find(row, BARE)?.rps),
          `${number(ratio(row, PRISM), 2)}x`,
          `${number(ratio(row, PRISM_SILENT), 2)}x`,
          `${number(ratio(row, BARE), 2)}x`,
          ...(hasBaseline ? [`${number(ratio(row, BASELINE), 2)}x`] : []),
          number(find(row, MOCK)?.p50Ms, 2),
          number(find(row, MOCK)?.p99Ms, 2),
        ]),
      ),
      '',
      'Every server:',
      '',
      table(
        ['request', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s per window', 'status codes'],
        report.throughput.flatMap((row) =>
          servers.flatMap((server) => {
            const measurement = find(row, server);
            if (!measurement) return [];
            return [[row.scenario, server, number(measurement.rps), number(measurement.p50Ms, 2), number(measurement.p99Ms, 2), measurement.errors, measurement.windowsRps.join(' '), Object.entries(measurement.statusCodes).map(([status, count]) => `${status}: ${count}`).join(', ')]];
          }),
        ),
      ),
    );
  }
  if (report.scale.length > 0) {
    parts.push(
      '',
      '## 2. Cost as state grows',
      '',
      'One mock process (default settings) per API and size, all running side by side and measured interleaved; each holds that many users of its API, created through the API. Peak RSS is read once seeded and through the GET windows; the POST rows run last, add users as they go, and the last column is the peak after them.',
      '',
      table(
        ['operation', 'users', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MiB', 'seeding s', 'peak RSS after POSTs MiB'],
        report.scale.map((row) => [row.operation, number(row.size), row.variant, number(row.rps), number(row.p50Ms, 2), number(row.p99Ms, 2), row.errors, number(row.peakRssMiB), number(row.seedSeconds, 1), number(row.peakRssAfterPostsMiB)]),
      ),
    );
  }
  if (report.certify.length > 0) {
    parts.push(
      '',
      '## 3. Certification against the bundled mock (default depth)',
      '',
      table(
        ['api', 'wall s', 'HTTP requests', 'requests/s', 'verdict', 'checks'],
        report.certify.map((row) =>
          row.missing
            ? [row.api, '-', '-', '-', `not measured: suites/${row.api}/index.ts missing`, '-']
            : [row.api, number(row.wallSeconds, 1), number(row.requests), number(row.requestsPerSecond), `${row.verdict ?? 'no report'} (exit ${row.exitCode})`, row.checks ? `${row.checks['passed']} passed, ${row.checks['failed']} failed, ${row.checks['errored']} errored, ${row.checks['skipped']} skipped` : '-'],
        ),
      ),
    );
  }
  if (report.startup.length > 0) {
    parts.push(
      '',
      '## 4. Start-up: spawn to the first answered request',
      '',
      table(['server', 'median ms', 'runs ms'], report.startup.map((row) => [row.variant, number(row.medianMs), row.runsMs.map((ms) => number(ms)).join(', ')])),
    );
  }
  return `${parts.join('\n')}\n`;
}
