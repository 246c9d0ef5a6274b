// Running one check: its context, its verdict, its clean-up. The runner (runner.ts) calls this for every
// check of a run; nothing here knows an API.
import { randomBytes } from 'node:crypto';
import type { Check, CheckContext, Requirement } from './check.ts';
import type { RunConfig } from './config.ts';
import { CheckBlocked, CheckFailure, CheckSkipped, type FailureKind } from './failures.ts';
import { WriteRefused } from './guard.ts';
import { HttpClient, TransportError, requestAsCurl, toCurl, type Exchange } from './http.ts';

export type CheckStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'blocked' | 'waived';

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'waived'>;
  /** One line: why it failed, errored, was blocked or skipped. */
  message?: string;
  expected?: string;
  actual?: string;
  /** curl commands (secrets redacted) that show the failure again. */
  reproduction?: string;
  kind?: FailureKind;
  /** The operation whose answer was wrong (failed), or whose failure blocked the check (blocked). */
  operation?: string;
  /** What this check's own clean-up could not undo. */
  cleanupProblems?: string[];
  requests: number;
  durationMs: number;
}

/** The flag that gives a run what a requirement needs, for skip reasons ("needs --limited-token"). */
export const REQUIREMENT_FLAGS: Record<Requirement, string> = {
  write: 'a run without --read-only',
  'limited-token': '--limited-token (a valid credential without user-management rights)',
  'admin-secret': '--admin-secret (the admin-auth secret)',
  'login-credentials': '--username and --password',
};

/** Whether a run has what a requirement needs, unless its API can provide it itself. */
export function hasRequirement(requirement: Requirement, config: RunConfig, providedByApi: boolean): boolean {
  switch (requirement) {
    case 'write':
      return !config.readOnly;
    case 'limited-token':
      return config.credentials.limitedToken !== undefined || providedByApi;
    case 'admin-secret':
      return config.credentials.adminSecret !== undefined || providedByApi;
    case 'login-credentials':
      return (config.credentials.username !== undefined && config.credentials.password !== undefined) || providedByApi;
  }
}

export async function runCheck(check: Check, config: RunConfig, missing: string | undefined): Promise<CheckOutcome> {
  const started = performance.now();
  const http = new HttpClient(config);
  const { secrets } = config;
  const reproduce = (exchanges: readonly Exchange[] = http.exchanges): string => exchanges.map((exchange) => toCurl(exchange, secrets)).join('\n');
  const finish = (outcome: Omit<CheckOutcome, 'requests' | 'durationMs'>): CheckOutcome => ({ ...outcome, requests: http.exchanges.length, durationMs: performance.now() - started });
  if (missing) return finish({ status: 'skipped', message: missing });

  const cleanups: Array<() => Promise<unknown>> = [];
  let counter = 0;
  const checkTag = randomBytes(2).toString('hex');
  const context: CheckContext = {
    config,
    profile: config.profile,
    http,
    uniqueName: (hint) => `${config.namePrefix}${hint.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12)}${checkTag}${(counter += 1)}`,
    onCleanup: (undo) => void cleanups.push(undo),
    skip: (reason) => {
      throw new CheckSkipped(reason);
    },
    registerSecret: (value, placeholder) => secrets.add(value, placeholder),
    prerequisite: async (what, work) => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof CheckFailure) throw new CheckBlocked(what, error);
        throw error;
      }
    },
  };

  let outcome: Omit<CheckOutcome, 'requests' | 'durationMs'>;
  try {
    await check.run(context);
    outcome = { status: 'passed' };
  } catch (error) {
    outcome = outcomeOf(error, config, reproduce);
  }

  const cleanupProblems: string[] = [];
  for (const undo of cleanups.reverse()) {
    try {
      await undo();
    } catch (error) {
      cleanupProblems.push(secrets.text(error instanceof Error ? error.message : String(error)));
    }
  }
  return finish(cleanupProblems.length > 0 ? { ...outcome, cleanupProblems } : outcome);
}

function outcomeOf(error: unknown, config: RunConfig, reproduce: (exchanges?: readonly Exchange[]) => string): Omit<CheckOutcome, 'requests' | 'durationMs'> {
  const { secrets } = config;
  if (error instanceof CheckSkipped) return { status: 'skipped', message: secrets.text(error.message) };
  if (error instanceof CheckFailure || error instanceof CheckBlocked) {
    const failure = error instanceof CheckBlocked ? error.failure : error;
    return {
      status: error instanceof CheckBlocked ? 'blocked' : 'failed',
      message: secrets.text(error.message),
      expected: secrets.text(failure.expected),
      actual: secrets.text(failure.actual),
      reproduction: failure.reproduction !== undefined ? secrets.text(failure.reproduction) : reproduce(failure.exchanges),
      kind: failure.kind,
      ...(failure.operation !== undefined ? { operation: failure.operation } : error instanceof CheckBlocked ? { operation: error.step } : {}),
    };
  }
  if (error instanceof WriteRefused) {
    return { status: 'errored', message: secrets.text(error.message), reproduction: [reproduce(), `# refused, never sent:\n${requestAsCurl(error.request, config.target, secrets)}`].filter(Boolean).join('\n') };
  }
  if (error instanceof TransportError) {
    return { status: 'errored', message: secrets.text(error.message), reproduction: [reproduce(), toCurl({ request: error.request }, secrets)].filter(Boolean).join('\n') };
  }
  return { status: 'errored', message: secrets.text(error instanceof Error ? error.message : String(error)), reproduction: reproduce() };
}
