// Section 4: the time from spawning `node bin/userapi.ts mock` to its first answer.
import { median } from '../load.ts';
import { log } from '../measure.ts';
import type { Options } from '../options.ts';
import type { StartupRow } from '../report.ts';
import { READY_PROBES } from '../scenarios.ts';
import { PROJECT_ROOT, startMock } from '../servers.ts';

export async function startup(options: Options): Promise<StartupRow[]> {
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
