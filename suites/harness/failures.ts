// Typed failures (Schemathesis' UndefinedStatusCode, UseAfterFree, ...): a check ends by throwing one of
// these, and the report can group and explain them. `operation` names the operation whose answer was
// wrong: failures (and blocked checks) with the same operation are one root cause.
import type { Exchange } from './http.ts';

export type FailureKind =
  /** The HTTP status is not the documented one. */
  | 'status'
  /** A documented literal (a message, a body status, an envelope value) differs. */
  | 'literal'
  /** The answer does not match the spec's schema for the operation. */
  | 'schema'
  | 'not-json'
  /** A 5xx: never a conformant answer. */
  | 'server-error'
  /** What was written is not what is read back (a field lost, altered or not stored). */
  | 'not-stored'
  /** A user deleted (or never created) is still answered. */
  | 'use-after-delete'
  /** A write to one user changed another. */
  | 'neighbour-changed'
  /** A refusal was expected (bad credential, invalid body, duplicate) and did not come. */
  | 'not-refused'
  /** A random sequence of operations diverged from the model of the documented behaviour. */
  | 'model-divergence'
  | 'other';

export interface FailureDetails {
  expected: unknown;
  actual: unknown;
  kind?: FailureKind;
  /** The operation whose answer was wrong (its operationId), the root-cause key. */
  operation?: string;
  /** The exchanges that show the failure; the report turns them into curl commands. */
  exchanges?: Exchange[];
  /** A ready-made reproduction (e.g. a shrunk property counterexample); replaces `exchanges`. */
  reproduction?: string;
}

/** A deviation from the document: what was expected, what came back, and how to see it again. */
export class CheckFailure extends Error {
  readonly kind: FailureKind;
  readonly operation: string | undefined;
  readonly expected: string;
  readonly actual: string;
  readonly exchanges: Exchange[] | undefined;
  readonly reproduction: string | undefined;

  constructor(message: string, details: FailureDetails) {
    super(message);
    this.name = 'CheckFailure';
    this.kind = details.kind ?? 'other';
    this.operation = details.operation;
    this.expected = describe(details.expected);
    this.actual = describe(details.actual);
    this.exchanges = details.exchanges;
    this.reproduction = details.reproduction;
  }
}

/** A step the check needed (not what it verifies) failed: the check could not verify anything. */
export class CheckBlocked extends Error {
  readonly step: string;
  readonly failure: CheckFailure;
  constructor(step: string, failure: CheckFailure) {
    super(`blocked: ${step} failed: ${failure.message}`);
    this.name = 'CheckBlocked';
    this.step = step;
    this.failure = failure;
  }
}

export class CheckSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CheckSkipped';
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(nothing)';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
