// What every section measures with: progress on stderr, interleaved load windows over several servers
// reduced to their medians, and stopping the servers a section started.
import { median, runLoad, type LoadRequest, type WindowResult } from './load.ts';
import type { Options } from './options.ts';
import type { Measurement } from './report.ts';
import type { Server } from './servers.ts';

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface Target {
  server: Server;
  request: LoadRequest;
}

/** Warms every target up, then measures `repeats` windows of each, interleaved. */
export async function measureInterleaved(targets: readonly Target[], options: Options): Promise<Measurement[]> {
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

export async function stopAll(servers: Iterable<Server>): Promise<void> {
  await Promise.all([...servers].map((server) => server.stop()));
}
