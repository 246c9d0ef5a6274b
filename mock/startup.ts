// What a running mock tells its user, shared by the single process and the workers of --workers: the
// start-up banner, why it could not start, and waiting for Ctrl-C or SIGTERM.
import process from 'node:process';
import type { ApiId } from '../specs/apis.ts';
import { CONTROL_PREFIX, type MockOptions } from './defaults.ts';
import type { AnyApiModule } from './module.ts';
import { StateFileError } from './state/errors.ts';

/** The banner: where each API answers and with which credentials. */
export function bannerLines(url: string, options: MockOptions, modules: Record<ApiId, AnyApiModule>): string[] {
  const state = options.stateFile === undefined || options.worker?.durable === false ? 'in memory' : options.stateFile;
  const workers = options.workers > 1 ? `, ${options.workers} workers${options.worker?.durable === false ? ' sharing a temporary state file' : ''}` : '';
  const lines = [`userapi mock listening on ${url}  (seed: ${options.seed}, state: ${state}${workers}${options.strict ? ', strict' : ''})`];
  for (const api of options.apis) {
    const module = modules[api];
    lines.push(`  ${api.padEnd(10)} ${module.rootPaths.map((path) => `${url}${path}`).join('  ')}`);
    for (const credential of module.describeCredentials(options.settings)) lines.push(`  ${''.padEnd(10)} ${credential}`);
  }
  lines.push(`  control    ${url}${CONTROL_PREFIX}/health  (POST ${CONTROL_PREFIX}/reset to start clean)`);
  return lines;
}

/** Why the mock could not start, in a line for its user; undefined for a bug (to be thrown, with its stack). */
export function startFailure(error: unknown, options: MockOptions): string | undefined {
  if (error instanceof StateFileError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') return `cannot listen on ${options.host}:${options.port} (${code}); try --port`;
  return undefined;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
