// What a certification takes and gives: the options (from the CLI or the programmatic API) and the
// report, the record every output (report.json, junit.xml, report.md, report.html) is rendered from.
import type { ApiId } from '../../specs/apis.ts';
import type { Level } from '../harness/check.ts';
import type { CleanupReport } from '../harness/cleanup.ts';
import type { Credentials } from '../harness/config.ts';
import type { Safety } from '../harness/inventory.ts';
import type { CheckStatus } from '../harness/outcome.ts';
import type { Waiver } from './waivers.ts';

export interface CertifyOptions {
  api: ApiId;
  /** Server root; undefined certifies the bundled mock, started in-process. */
  target?: string;
  credentials: Credentials;
  /** Default: the API's first profile, 'document'. */
  profile?: string;
  /** Default: reports/<api>-<timestamp>/ under the current directory. */
  reportDirectory?: string;
  strict: boolean;
  only?: string[];
  seed: number;
  runs: number;
  replayPath?: string;
  timeoutMs: number;
  insecure: boolean;
  waivers: Waiver[];
  readOnly: boolean;
  /** The whole run ends by then, whatever the target does. */
  deadlineMs: number;
  maxResponseBytes: number;
  /** Where progress lines go (stderr for the CLI); undefined for silence. */
  progress?: (line: string) => void;
  /** Aborting it stops the run (Ctrl-C): the run still cleans up and reports. */
  signal?: AbortSignal;
}

export const REPORT_FORMAT = 'userapi-certification-report/2';

/**
 * certified: every check that decides the profile's verdict ran and passed, and the pre-existing users
 * are untouched; not-certified: one failed (or was blocked, or errored), the safety proof failed, or
 * the run could not be made; incomplete: nothing failed, but a deciding check did not run.
 */
export type Verdict = 'certified' | 'not-certified' | 'incomplete';

export interface ReportStatement {
  id: string;
  section: string;
  text: string;
  level: Level;
  /**
   * verified: every check that judges it (its MUST and SHOULD checks, or its INFO ones where it has no
   * other) ran and passed; failed: one found the server wrong; not-run: one was blocked, errored or skipped.
   */
  status: 'verified' | 'failed' | 'not-run' | 'untestable';
  untestable?: string;
  checks: string[];
}

export interface ReportCheck {
  id: string;
  /** Its level in the run's profile. */
  level: Level;
  /** Its level in every profile it belongs to. */
  levels: Record<string, Level>;
  title: string;
  section: string;
  statements: Array<{ id: string; text: string }>;
  status: CheckStatus;
  /** For a waived check: what it would have been. */
  ranAs?: Exclude<CheckStatus, 'waived'>;
  /** Whether this result decides the verdict (MUST always; SHOULD only with --strict; never INFO or waived). */
  counts: boolean;
  message?: string;
  expected?: string;
  actual?: string;
  reproduction?: string;
  kind?: string;
  /** The operation whose answer was wrong (failed) or whose failure blocked it (blocked): the root-cause key. */
  operation?: string;
  waiver?: { reason: string; expires?: string; expired: boolean };
  cleanupProblems?: string[];
  requests: number;
  durationMs: number;
}

export interface RootCause {
  /** The operation (or, with none named, the check) the failures share. */
  key: string;
  /** The first failure's message: what is wrong. */
  message: string;
  failed: string[];
  blocked: string[];
}

export interface Report {
  format: typeof REPORT_FORMAT;
  api: ApiId;
  apiTitle: string;
  target: string;
  toolVersion: string;
  specSha256: string;
  profile: string;
  settings: { strict: boolean; readOnly: boolean; seed: number; runs: number; only: string[] | null; timeoutMs: number; deadlineMs: number; namePrefix: string };
  started: string;
  durationMs: number;
  verdict: Verdict;
  /** Why not certified, one line each: the run's problems, the safety failure, then each root cause. */
  reasons: string[];
  /** For an incomplete run: what did not run, and what would make it run. */
  notRun: Array<{ reason: string; checks: string[] }>;
  safety: Safety;
  cleanup: CleanupReport;
  rootCauses: RootCause[];
  /** `requests`: what the checks sent; `totalRequests`: everything the run sent (checks, inventory, clean-up, the guard's reads). */
  counts: Record<CheckStatus, number> & { total: number; requests: number; totalRequests: number };
  statements: { catalogue: string; total: number; testable: number; verified: number; failed: number; notRun: number; list: ReportStatement[] };
  problems: string[];
  checks: ReportCheck[];
}
