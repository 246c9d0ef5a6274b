import { startMockServer } from './mock/server.ts';
import { runCheck } from './suites/harness/outcome.ts';
import { propertyChecks } from './suites/tyk/properties.ts';
const mock = await startMockServer({ apis: ['tyk'], port: 0, strict: true });
const config = { api: 'tyk', target: mock.url, namePrefix: 'uacdebug', credentials: { token: '7a7b140f-2480-4d5a-4e78-24049e3ba7f8', adminSecret: '12345' }, strict: false, readOnly: false, seed: 42, runs: 20, timeoutMs: 10000, insecure: false, maxResponseBytes: 1e7 } as const;
for (const check of propertyChecks) {
  const t = performance.now();
  const outcome = await runCheck(check, config as any);
  console.log(check.id, outcome.status, outcome.requests, Math.round(performance.now() - t), outcome.message ?? '');
}
await mock.close();
