// A conformance check is data plus a small function (test262: the metadata travels with the test;
// h2spec: each case keyed to the statement it verifies; Schemathesis: checks as plain functions that
// raise typed failures). Checks live in `suites/<api>/<section>.ts` beside the statements of that part
// of the document they verify.
import type { ApiId, Profile } from '../../specs/apis.ts';
import type { HttpClient } from './http.ts';
import type { RunConfig } from './config.ts';

/**
 * MUST: what the profile's source states or shows. SHOULD: what it implies (a reasonable reader would
 * call the opposite a bug); it decides the verdict only with --strict. INFO: an observation (often a
 * choice the source leaves open); it never decides the verdict.
 */
export type Level = 'MUST' | 'SHOULD' | 'INFO';

/** What a check needs beyond the target and a user-managing credential; missing ones make it skip. */
export type Requirement = 'write' | 'limited-token' | 'admin-secret' | 'login-credentials';

/** One normative statement of a source document (or of a product profile's facts), as data. */
export interface Statement {
  /** '<catalogue>:<slug>', e.g. 'vaa:get/returns-all-users', 'tyk-5.8:add-user/answers-new-id'. Never positional. */
  id: string;
  /** The heading path in the source, outermost first, joined by ' > ', as the source spells it. */
  section: string;
  /** Verbatim: a sentence, a table row, an example's output line, a list of error codes. */
  text: string;
  level: Level;
  /** Why it cannot be verified from outside the server; such a statement needs no check. */
  untestable?: string;
}

export interface Check {
  /** Stable slug: '<api>/<area>/<what>', e.g. 'tyk/key-reset/old-key-revoked'. Never positional. */
  id: string;
  api: ApiId;
  title: string;
  /** Its level in each profile it belongs to; a run of another profile does not run it. */
  levels: Readonly<Partial<Record<Profile, Level>>>;
  /** The ids of the statements it verifies (at least one). */
  statements: readonly string[];
  requires?: readonly Requirement[];
  run: (context: CheckContext) => Promise<void>;
}

/** One part of a document: its statements and the checks that verify them (one file per section). */
export interface Section {
  /** The document's heading, as it spells it. */
  title: string;
  statements: readonly Statement[];
  checks: readonly Check[];
}

export interface CheckContext {
  config: RunConfig;
  /** The run's profile (config.profile), where a check's expectations differ between profiles. */
  profile: Profile;
  http: HttpClient;
  /** A name unique to this run and check, carrying the run prefix (the write guard requires it). */
  uniqueName: (hint: string) => string;
  /** Registers work that undoes what the check did; it runs after the check, pass or fail. */
  onCleanup: (undo: () => Promise<unknown>) => void;
  /** Ends the check as skipped, with the reason in the report. */
  skip: (reason: string) => never;
  /** A credential obtained during the check (a re-login's token, a created user's key): redacted everywhere. */
  registerSecret: (value: string, placeholder: string) => void;
  /**
   * Runs a step the check needs but does not verify (its set-up create, a login): a failure there makes
   * the check *blocked* by that failure's operation instead of failed, so one bug is one root cause.
   */
  prerequisite: <T>(what: string, work: () => Promise<T>) => Promise<T>;
}

/** The level a check has in a profile, or undefined when it does not belong to it. */
export function levelIn(check: Pick<Check, 'levels'>, profile: Profile): Level | undefined {
  return check.levels[profile];
}

export function defineChecks(checks: Check[]): Check[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (!/^[a-z]+\/[a-z0-9-]+\/[a-z0-9-]+$/.test(check.id)) throw new Error(`check id '${check.id}' is not a '<api>/<area>/<what>' slug`);
    if (!check.id.startsWith(`${check.api}/`)) throw new Error(`check id '${check.id}' does not start with its API '${check.api}/'`);
    if (seen.has(check.id)) throw new Error(`duplicate check id '${check.id}'`);
    if (Object.keys(check.levels).length === 0) throw new Error(`check '${check.id}' belongs to no profile`);
    seen.add(check.id);
  }
  return checks;
}

export function defineSection(section: Section): Section {
  const ids = new Set<string>();
  for (const statement of section.statements) {
    if (!/^[a-z0-9.-]+:[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(statement.id)) throw new Error(`statement id '${statement.id}' is not a '<catalogue>:<slug>' id`);
    if (ids.has(statement.id)) throw new Error(`duplicate statement id '${statement.id}' in section '${section.title}'`);
    ids.add(statement.id);
  }
  defineChecks([...section.checks]);
  return section;
}
