// Runs a run's checks in this process, a few at a time, in the order given. Checks are independent
// (each creates its own users), so a small pool overlaps their waiting on the target without
// hammering it. Every request of every check goes through the run's HttpClient and so its write guard.
import type { Check } from './check.ts';
import type { RunConfig } from './config.ts';
import { runCheck, type CheckOutcome } from './outcome.ts';
import { inPool } from './pool.ts';

export interface RunnerOptions {
  /** At most this many checks at once. */
  concurrency: number;
  /** Why a check cannot run in this run (a missing credential, --read-only), or undefined. */
  missing: (check: Check) => string | undefined;
  /** Called as each check ends (progress lines). */
  onResult?: (check: Check, outcome: CheckOutcome) => void;
}

/** Runs the checks; those not started when the run's signal aborts are absent from the result. */
export async function runChecks(checks: readonly Check[], config: RunConfig, options: RunnerOptions): Promise<Map<string, CheckOutcome>> {
  const results = new Map<string, CheckOutcome>();
  await inPool(
    checks,
    options.concurrency,
    async (check) => {
      const outcome = await runCheck(check, config, options.missing(check));
      results.set(check.id, outcome);
      options.onResult?.(check, outcome);
    },
    config.signal,
  );
  return results;
}
