// Model-based property checks (fast-check): random sequences of an API's operations run against the
// target and against an independent model of the documented semantics. A divergence is shrunk to the
// shortest sequence and reported as curl commands, with the seed and path that replay it.
import fc from 'fast-check';
import type { CheckContext } from './check.ts';
import { CheckFailure } from './failures.ts';
import { WriteRefused } from './guard.ts';
import { HttpClient, TransportError, toCurl, type Exchange } from './http.ts';

// fast-check's default size gives short sequences, most of whose commands are skipped while their
// precondition does not hold yet (no user to act on); 'medium' lets about ten of them run.
fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'medium' });

/**
 * Texts a target may refuse with a 4xx (the documents set no limits) but never answer with a 5xx or
 * store altered: blanks, combining and wide characters, right-to-left and emoji sequences, injection
 * look-alikes, control characters, template syntax, JSON keywords as text, the documents' obfuscated
 * e-mail placeholder.
 */
const UNUSUAL_STRINGS = [
  '', ' ', '  ', ' leading space', 'trailing space ', "O'Brien", 'Jean-Luc', 'Zoë', 'Zoe\u0308', 'Ångström', '名前', 'Ελένη', 'Łukasz', 'مرحبا', '😀🙂👍🏽', '👩‍👩‍👧',
  '<script>alert(1)</script>', "Robert'); DROP TABLE users;--", '\\', '"quoted"', 'tab\there', 'line\nbreak', 'zero\u200bwidth', 'ＡＢＣ', 'ﬁ', '%00', '${x}', '{{x}}',
  'null', 'true', '0', '[email\u00a0protected]',
];

/** Unusual text for the edge-case checks, mixed with an API's `plain` texts when given (so both meet in one request). */
export function unusualText(plain?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return (
    fc
      .oneof(
        { weight: 2, arbitrary: fc.constantFrom(...UNUSUAL_STRINGS) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 24 }) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '名', '😀'), fc.integer({ min: 100, max: 600 })).map(([unit, count]) => unit.repeat(count)) },
        ...(plain ? [{ weight: 1, arbitrary: plain }] : []),
      )
      // NUL and lone surrogates cannot round-trip through UTF-8 JSON text; the documents give no reason
      // to expect them in a name, and many stores refuse NUL below the API.
      .filter((text) => !text.includes('\u0000') && text.isWellFormed())
  );
}

/** Passwords any password policy takes (upper, lower, digit, symbol, 12+ characters). */
export const STRONG_PASSWORD = /^Pw[0-9]-[A-Za-z0-9]{8,16}$/;
export const strongPasswords: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[A-Za-z0-9]{8,16}$/))
  .map(([digit, text]) => `Pw${digit}-${text}`);

export interface ModelRunOptions<Model extends object, Real> {
  context: CheckContext;
  /** One arbitrary per kind of operation (fast-check: one small command class per operation). */
  commands: Array<fc.Arbitrary<fc.AsyncCommand<Model, Real>>>;
  /** A fresh model and a fresh real system for one sequence; `http` records that sequence's exchanges. */
  setup: (http: HttpClient, sequence: number) => Promise<{ model: Model; real: Real }> | { model: Model; real: Real };
  maxCommands?: number;
  /** Stop generating new sequences after this long (shrinking a found failure still completes). */
  timeLimitMs?: number;
}

/**
 * The divergence a command found; commands throw it so the report can say Expected / Actual.
 * `operation` is the operation whose documented effect or answer is missing (the root-cause key): for
 * a deleted user still listed, the delete, not the list.
 */
export class ModelDivergence extends Error {
  readonly expected: unknown;
  readonly actual: unknown;
  readonly operation: string | undefined;
  constructor(message: string, expected: unknown, actual: unknown, operation?: string) {
    super(message);
    this.name = 'ModelDivergence';
    this.expected = expected;
    this.actual = actual;
    this.operation = operation;
  }
}

export async function checkAgainstModel<Model extends object, Real>(options: ModelRunOptions<Model, Real>): Promise<void> {
  const { context } = options;
  const { config } = context;
  const [pathPart, replayPathPart] = (config.replayPath ?? '').split('|');
  let sequence = 0;
  let lastFailure: { exchanges: Exchange[]; error: unknown; commands: string } | undefined;
  // A target that stops answering, or a write the guard refused, is not a counterexample: stop at once
  // instead of shrinking on it.
  let transportFailure: TransportError | WriteRefused | undefined;

  const property = fc.asyncProperty(fc.commands(options.commands, { maxCommands: options.maxCommands ?? 12, ...(replayPathPart ? { replayPath: replayPathPart } : {}) }), async (commands) => {
    if (transportFailure) return;
    const http = new HttpClient(config);
    sequence += 1;
    try {
      const system = await options.setup(http, sequence);
      await fc.asyncModelRun(() => system, commands);
    } catch (error) {
      if (error instanceof TransportError || error instanceof WriteRefused) {
        transportFailure = error;
        return;
      }
      lastFailure = { exchanges: http.exchanges, error, commands: String(commands) };
      throw error;
    } finally {
      context.http.exchanges.push(...http.exchanges);
    }
  });

  const result = await fc.check(property, {
    seed: config.seed,
    numRuns: config.runs,
    ...(pathPart ? { path: pathPart } : {}),
    interruptAfterTimeLimit: options.timeLimitMs ?? 120_000,
    markInterruptAsFailure: false,
  });
  if (transportFailure) throw transportFailure;
  if (!result.failed || !lastFailure) return;

  const counterexample = String(result.counterexample?.[0] ?? lastFailure.commands);
  const commandsReplayPath = /replayPath="([^"]+)"/.exec(counterexample)?.[1] ?? '';
  const replayPath = `${result.counterexamplePath ?? ''}|${commandsReplayPath}`;
  const error = lastFailure.error as Partial<ModelDivergence> & { message?: string; expected?: unknown; actual?: unknown; operation?: string };
  const steps = counterexample.replace(/\s*\/\*replayPath=.*\*\//, '');
  const reproduction = [
    `# shortest failing sequence (${steps}), fast-check seed ${result.seed}, path ${replayPath}`,
    `# replay: userapi certify --api ${config.api} --only <this check> --seed ${result.seed} --replay-path '${replayPath}'`,
    ...lastFailure.exchanges.map((exchange) => toCurl(exchange, config.secrets)),
  ].join('\n');
  throw new CheckFailure(`After ${steps}: ${error.message ?? String(lastFailure.error)}`, {
    kind: error instanceof CheckFailure ? error.kind : 'model-divergence',
    ...(error.operation ? { operation: error.operation } : {}),
    expected: error.expected ?? 'the documented behaviour (see the message)',
    actual: error.actual ?? error.message ?? String(lastFailure.error),
    reproduction,
  });
}
