// Section 1: throughput and latency of the mock (as users run it, --quiet, --workers 2, --state FILE)
// beside `prism mock` (default and `-v silent`) and a bare node:http server answering the same bytes.
import { join } from 'node:path';
import { API_IDS, APIS } from '../../specs/apis.ts';
import { nextSequence } from '../load.ts';
import { log, measureInterleaved, stopAll, type Target } from '../measure.ts';
import type { Options } from '../options.ts';
import type { BenchReport } from '../report.ts';
import { READY_PROBES, THROUGHPUT_SCENARIOS } from '../scenarios.ts';
import { LOG_DIRECTORY, captureReply, startBare, startMock, startPrism, type Server } from '../servers.ts';

export async function throughput(options: Options): Promise<BenchReport['throughput']> {
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
