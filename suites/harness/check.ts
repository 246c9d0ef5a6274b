// A conformance check is data plus a small function (test262: the metadata travels with the test;
// h2spec: each case keyed to the section it derives from; Schemathesis: checks as plain functions).
import type { ApiId } from '../../specs/apis.ts';
import type { Exchange, HttpClient } from './http.ts';
import type { RunConfig } from './config.ts';

/**
 * MUST: what the document states or shows (status codes, envelope keys and literal values and messages,
 * field types, what each operation does). SHOULD: what it implies without stating it; it fails the
 * verdict only with --strict. INFO: an observation; it never fails the verdict.
 */
export type Level = 'MUST' | 'SHOULD' | 'INFO';

export interface CheckDoc {
  /**
   * 'document' = the API's source document; 'facts' = the vendor's wider docs; 'real-clients' = recorded
   * clients; 'project' = a reading the spec records (x-doc-quirks) where the sources are silent or disagree.
   */
  source: 'document' | 'facts' | 'real-clients' | 'project';
  /** The heading path in the document, as in the spec's x-doc. */
  section: string;
  /** A short verbatim quote the check derives from. */
  quote: string;
}

/** What a check needs beyond the target and a user-managing credential; missing ones make it skip. */
export type Requirement = 'write' | 'limited-token' | 'admin-secret' | 'login-credentials';

export interface Check {
  /** Stable slug: '<api>/<area>/<what>', e.g. 'tyk/key-reset/old-key-revoked'. Never positional. */
  id: string;
  api: ApiId;
  level: Level;
  title: string;
  doc: CheckDoc;
  /** Family, for reports: 'examples' | 'properties' | 'negative'. */
  family: 'examples' | 'properties' | 'negative';
  requires?: Requirement[];
  run: (context: CheckContext) => Promise<void>;
}

export interface CheckContext {
  config: RunConfig;
  http: HttpClient;
  /** A name unique to this run and check, carrying the run prefix so cleanup can find it. */
  uniqueName: (hint: string) => string;
  /** Registers work that undoes what the check created; it runs after the check, pass or fail. */
  onCleanup: (undo: () => Promise<unknown>) => void;
  /** Ends the check as skipped, with the reason in the report. */
  skip: (reason: string) => never;
  /** A credential obtained during the check (a re-login's token, a created user's key): redacted in reports. */
  registerSecret: (value: string, placeholder: string) => void;
}

/** A deviation from the document: what was expected, what came back, and how to see it again. */
export class CheckFailure extends Error {
  readonly expected: string;
  readonly actual: string;
  /** The exchanges that show the failure; the report turns them into curl commands. */
  readonly exchanges: Exchange[] | undefined;
  /** A ready-made reproduction (e.g. a shrunk property counterexample); replaces `exchanges`. */
  readonly reproduction: string | undefined;

  constructor(message: string, details: { expected: unknown; actual: unknown; exchanges?: Exchange[]; reproduction?: string }) {
    super(message);
    this.name = 'CheckFailure';
    this.expected = describe(details.expected);
    this.actual = describe(details.actual);
    this.exchanges = details.exchanges;
    this.reproduction = details.reproduction;
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

export function defineChecks(checks: Check[]): Check[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (!/^[a-z]+\/[a-z0-9-]+\/[a-z0-9-]+$/.test(check.id)) throw new Error(`check id '${check.id}' is not a '<api>/<area>/<what>' slug`);
    if (!check.id.startsWith(`${check.api}/`)) throw new Error(`check id '${check.id}' does not start with its API '${check.api}/'`);
    if (seen.has(check.id)) throw new Error(`duplicate check id '${check.id}'`);
    seen.add(check.id);
  }
  return checks;
}
