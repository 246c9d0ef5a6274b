// Running one check outside of any test framework: requirements, context, verdict, cleanup.
// The vitest registration (register.ts) and anything else that runs checks share this.
import { randomBytes } from 'node:crypto';
import { CheckFailure, CheckSkipped, type Check, type CheckContext } from './check.ts';
import { secretsOf, type RunConfig } from './config.ts';
import { HttpClient, TransportError, redact, toCurl } from './http.ts';

export type CheckStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'waived';

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'waived'>;
  /** One line: why it failed, errored or was skipped. */
  message?: string;
  expected?: string;
  actual?: string;
  /** curl commands (secrets redacted) that show the failure again. */
  reproduction?: string;
  /** What this check created and could not delete. */
  cleanupProblems?: string[];
  requests: number;
  durationMs: number;
}

/** The requirement a run lacks for a check, as a skip reason; undefined when it can run. */
export function missingRequirement(check: Check, config: RunConfig): string | undefined {
  for (const requirement of check.requires ?? []) {
    if (requirement === 'write' && config.readOnly) return 'skipped by --read-only: this check writes';
    if (requirement === 'limited-token' && !config.credentials.limitedToken && config.api !== 'tyk') return 'needs --limited-token (a valid credential without user-management rights)';
    if (requirement === 'limited-token' && !config.credentials.limitedToken && config.api === 'tyk' && config.readOnly) return 'needs --limited-token (or a run that may create a users: read user)';
    if (requirement === 'admin-secret' && !config.credentials.adminSecret) return 'needs --admin-secret (the admin-auth secret)';
    if (requirement === 'login-credentials' && !(config.credentials.username && config.credentials.password)) return 'needs --username and --password';
  }
  return undefined;
}

export async function runCheck(check: Check, config: RunConfig): Promise<CheckOutcome> {
  const started = performance.now();
  const http = new HttpClient(config);
  // Read when a reproduction is written, so a token obtained during the check is redacted too.
  const secrets = secretsOf(config);
  const reproduce = (exchanges = http.exchanges): string => exchanges.map((exchange) => toCurl(exchange, secrets)).join('\n');
  const finish = (outcome: Omit<CheckOutcome, 'requests' | 'durationMs'>): CheckOutcome => ({ ...outcome, requests: http.exchanges.length, durationMs: performance.now() - started });

  const missing = missingRequirement(check, config);
  if (missing) return finish({ status: 'skipped', message: missing });

  const cleanups: Array<() => Promise<unknown>> = [];
  let counter = 0;
  const checkTag = randomBytes(2).toString('hex');
  const context: CheckContext = {
    config,
    http,
    uniqueName: (hint) => `${config.namePrefix}${hint.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12)}${checkTag}${(counter += 1)}`,
    onCleanup: (undo) => void cleanups.push(undo),
    skip: (reason) => {
      throw new CheckSkipped(reason);
    },
    registerSecret: (value, placeholder) => {
      if (value.length >= 3 && !secrets.some((secret) => secret.value === value)) secrets.push({ value, placeholder });
    },
  };

  let outcome: Omit<CheckOutcome, 'requests' | 'durationMs'>;
  try {
    await check.run(context);
    outcome = { status: 'passed' };
  } catch (error) {
    if (error instanceof CheckSkipped) outcome = { status: 'skipped', message: error.message };
    else if (error instanceof CheckFailure) {
      outcome = {
        status: 'failed',
        message: redact(error.message, secrets),
        expected: redact(error.expected, secrets),
        actual: redact(error.actual, secrets),
        reproduction: error.reproduction ?? reproduce(error.exchanges ?? http.exchanges),
      };
    } else if (error instanceof TransportError) {
      outcome = {
        status: 'errored',
        message: redact(error.message, secrets),
        reproduction: [reproduce(), toCurl({ request: error.request }, secrets)].filter(Boolean).join('\n'),
      };
    } else {
      outcome = { status: 'errored', message: redact(error instanceof Error ? error.message : String(error), secrets), reproduction: reproduce() };
    }
  }

  const cleanupProblems: string[] = [];
  for (const undo of cleanups.reverse()) {
    try {
      await undo();
    } catch (error) {
      cleanupProblems.push(redact(error instanceof Error ? error.message : String(error), secrets));
    }
  }
  return finish(cleanupProblems.length > 0 ? { ...outcome, cleanupProblems } : outcome);
}
