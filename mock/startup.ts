// What a running mock tells its user, shared by the single process and the workers of --workers: the
// start-up banner, why it could not start, and waiting for Ctrl-C or SIGTERM.
import process from 'node:process';
import type { ApiId } from '../specs/apis.ts';
import { CONTROL_PREFIX, profileServed, type MockOptions } from './defaults.ts';
import type { AnyApiModule } from './module.ts';
import { StateFileError } from './state/errors.ts';

/** The banner: where each API answers, in which profile, and with which credentials. */
export function bannerLines(url: string, options: MockOptions, moduleOf: (api: ApiId) => AnyApiModule): string[] {
  const state = options.stateFile === undefined || options.worker?.durable === false ? 'in memory' : options.stateFile;
  const workers = options.workers > 1 ? `, ${options.workers} workers${options.worker?.durable === false ? ' sharing a temporary state file' : ''}` : '';
  const lines = [`userapi mock listening on ${url}  (profile: ${options.profile}, seed: ${options.seed}, state: ${state}${workers}${options.strict ? ', strict' : ''})`];
  for (const api of options.apis) {
    const module = moduleOf(api);
    lines.push(`  ${api.padEnd(10)} ${module.rootPaths.map((path) => `${url}${path}`).join('  ')}  (profile ${profileServed(api, options.profile)})`);
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

/** Ctrl-C is an interruption (128 + SIGINT), as shells report it; SIGTERM (or npm gone) is a stop asked for. */
export function exitCodeOf(stopped: string): number {
  return stopped === 'SIGINT' ? 130 : 0;
}
