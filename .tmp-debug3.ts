import { startMockServer } from './mock/server.ts';
import { runCheck } from './suites/harness/outcome.ts';
import { HttpClient } from './suites/harness/http.ts';
import { propertyChecks } from './suites/tyk/properties.ts';
const stats = new Map<string, { n: number; ms: number }>();
const orig = HttpClient.prototype.send;
HttpClient.prototype.send = async function (input) {
  const t = performance.now();
  const r = await orig.call(this, input);
  const key = `${input.method} ${input.path.replace(/\/api\/users\/[^/]+/, '/api/users/ID')}${input.query ? '?' : ''}`;
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n++; s.ms += performance.now() - t; stats.set(key, s);
  return r;
};
const mock = await startMockServer({ apis: ['tyk'], port: 0, strict: true });
const config = { api: 'tyk', target: mock.url, namePrefix: 'uacdebug', credentials: { token: '7a7b140f-2480-4d5a-4e78-24049e3ba7f8', adminSecret: '12345' }, strict: false, readOnly: false, seed: Number(process.argv[2] ?? 42), runs: 20, timeoutMs: 10000, insecure: false, maxResponseBytes: 1e7 } as const;
for (const check of propertyChecks) {
  const t = performance.now();
  const outcome = await runCheck(check, config as any);
  console.log(check.id, outcome.status, outcome.requests, Math.round(performance.now() - t), outcome.message ?? '', outcome.status === 'failed' ? outcome.reproduction?.slice(0, 3000) : '');
}
for (const [k, s] of stats) console.log(k.padEnd(50), s.n, (s.ms / s.n).toFixed(1));
await mock.close();
