// The model-based sequence runner every API's property checks use: each sequence gets fresh run-prefixed
// names, a fresh model and a fresh real side; the users the previous sequence created are deleted before
// the next starts (and after the last), found in the run's ledger by their names.
import type fc from 'fast-check';
import type { CheckContext } from './check.ts';
import { deleteRunUsers, isNamed } from './cleanup.ts';
import type { HttpClient } from './http.ts';
import { checkAgainstModel } from './properties.ts';

export interface SequenceOptions<Model extends object, Real> {
  context: CheckContext;
  /** One arbitrary per kind of operation (fast-check: one small command class per operation). */
  commands: Array<fc.Arbitrary<fc.AsyncCommand<Model, Real>>>;
  maxCommands: number;
  /** How many names (users) one sequence may use. */
  slots: number;
  /** A fresh model and real system for one sequence over its names; `http` records the sequence's exchanges. */
  start: (http: HttpClient, names: string[], sequence: number) => Promise<{ model: Model; real: Real }> | { model: Model; real: Real };
  timeLimitMs?: number;
}

export async function runModelSequences<Model extends object, Real>(options: SequenceOptions<Model, Real>): Promise<void> {
  const { context } = options;
  let previous: string[] = [];
  const deletePrevious = async (): Promise<void> => {
    const names = previous;
    previous = [];
    if (names.length > 0) await deleteRunUsers(context.config, (entry) => isNamed(entry, names));
  };
  context.onCleanup(deletePrevious);
  await checkAgainstModel<Model, Real>({
    context,
    commands: options.commands,
    maxCommands: options.maxCommands,
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    setup: async (http, sequence) => {
      await deletePrevious();
      const names = Array.from({ length: options.slots }, (_, index) => context.uniqueName(`s${index}`));
      previous = names;
      return options.start(http, names, sequence);
    },
  });
}
