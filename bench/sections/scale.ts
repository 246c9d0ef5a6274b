// Section 2: the cost of reads and writes as the state grows (10, 10,000, 100,000 users by default),
// one mock process per API and size, seeded through the API.
import type { LoadRequest } from '../load.ts';
import { log, measureInterleaved, stopAll } from '../measure.ts';
import type { Options } from '../options.ts';
import { NODE_DEFAULTS_VARIANT, type ScaleRow } from '../report.ts';
import { READY_PROBES, TYK_AUTH, checkmarxToken, createRequest, createUsers, resetApis } from '../scenarios.ts';
import { PROJECT_ROOT, START_NODE_OPTIONS, peakRssMiB, startMock, type Server } from '../servers.ts';

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

export async function scale(options: Options): Promise<ScaleRow[]> {
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
