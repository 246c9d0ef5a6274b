// `npm run bench`: issue 5's benchmarks, measured in one run on this machine, written to
// reports/bench/latest.json and latest.md, and printed. One file per section, in bench/sections/:
//
// 1. throughput and latency of the mock (as users run it, and --quiet) beside `prism mock` (default and
//    `-v silent`) and a bare node:http server answering the same bytes (throughput.ts);
// 2. cost as state grows (10, 10,000, 100,000 users, seeded through the API) (scale.ts);
// 3. certification speed against the bundled mock (certification.ts);
// 4. start-up time (startup.ts).
// Servers that are compared run side by side and their windows are interleaved (A B C, A B C, ...), so a
// burst of load from elsewhere on the machine hits all of them; each figure is the median of the windows
// (measure.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CONNECTIONS } from './load.ts';
import { log } from './measure.ts';
import { HELP, parseOptions } from './options.ts';
import { evaluateTargets, renderMarkdown, type BenchReport } from './report.ts';
import { certification } from './sections/certification.ts';
import { scale } from './sections/scale.ts';
import { startup } from './sections/startup.ts';
import { throughput } from './sections/throughput.ts';
import { START_NODE_OPTIONS, removeLogs } from './servers.ts';

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

