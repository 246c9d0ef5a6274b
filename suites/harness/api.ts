// What each API's suites give certify besides their checks: how to turn the given credentials into
// the ones the checks use, a first harmless request to see the target answers at all, and how to remove
// every user this run created (found by the run's name prefix), even after a failure or Ctrl-C.
import type { Check } from './check.ts';
import type { Credentials, RunConfig } from './config.ts';
import type { HttpClient } from './http.ts';

export interface SweepResult {
  /** Users deleted by the sweep (their names). */
  deleted: string[];
  /** Users carrying the run prefix that could not be deleted, with the reason. */
  remaining: string[];
}

export interface ApiCertification {
  checks: readonly Check[];
  /**
   * Exchanges username/password for a token where the API has a login (vaa, checkmarx), and, for the
   * bundled mock, fills in what a vendor would pass by flag. Throws a message fit for the report when
   * the credentials are refused.
   */
  prepareCredentials(config: RunConfig, http: HttpClient): Promise<Credentials>;
  /** A read that needs only the main credential; a TransportError here means "unreachable". */
  preflight(config: RunConfig, http: HttpClient): Promise<void>;
  sweep(config: RunConfig, http: HttpClient): Promise<SweepResult>;
}
