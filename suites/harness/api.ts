// What each API gives certify besides its sections of checks (its profiles are its specs': specs/apis.ts
// profilesOf; each profile's statement catalogue is named like its spec, e.g. 'vaa', 'tyk-5.8'): how the given credentials
// become the ones the checks use, a first harmless request, the declaration the write guard reads
// (writeRules), how to list every user (the inventory proof and the sweep), and how to delete and
// confirm the deletion of a user this run created. The harness holds no per-API branch: what differs
// between APIs is declared here.
import type { ApiId } from '../../specs/apis.ts';
import type { MockSettings } from '../../mock/module.ts';
import type { Requirement, Section } from './check.ts';
import type { Credentials, RunConfig } from './config.ts';
import type { WriteRules } from './guard.ts';
import type { Exchange, HttpClient, HttpRequest } from './http.ts';
import type { LedgerEntry } from './ledger.ts';

/** Every user a listing shows (all pages), or why they could not be listed. */
export type UserListing = { users: Array<Record<string, unknown>>; exchanges: Exchange[] } | { unavailable: string; exchanges: Exchange[] };

export interface Inventory {
  /** Lists every user, through the guarded client (reads only). */
  list(config: RunConfig, http: HttpClient): Promise<UserListing>;
  /** The key a user is compared by before and after the run. */
  idOf(user: Record<string, unknown>): string | undefined;
  /** The documented fields compared; a field the run itself changes (a login date) is left out, with why. */
  fields: readonly string[];
}

export interface Cleanup {
  /** The request that deletes one of the run's users; undefined when the ledger does not know enough (say why in `unknown`). */
  deleteRequest(entry: LedgerEntry): HttpRequest | undefined;
  /** The read that shows whether it still exists. */
  readRequest(entry: LedgerEntry): HttpRequest | undefined;
  /** true: the read shows it gone; false: still there; undefined: the answer does not tell. */
  isGone(entry: LedgerEntry, exchange: Exchange): boolean | undefined;
}

export interface ApiCertification {
  api: ApiId;
  /** The document's parts, in the order checks run (long property checks first, to overlap the rest). */
  sections: readonly Section[];
  writeRules: WriteRules;
  inventory: Inventory;
  cleanup: Cleanup;
  /**
   * Exchanges username/password for a token where the API has a login, and, for the bundled mock, fills
   * in what a vendor would pass by flag. Throws a message fit for the report when refused.
   */
  prepareCredentials(config: RunConfig, http: HttpClient): Promise<Credentials>;
  /** A read that needs only the main credential; a TransportError here means "unreachable". */
  preflight(config: RunConfig, http: HttpClient): Promise<void>;
  /** Which credentials it takes besides a token: a login (username/password) and an admin secret. */
  takes: { login: boolean; adminSecret: boolean };
  /** What the bundled mock is started with, given as a vendor would give it by flag. */
  bundledMockCredentials(settings: MockSettings): Credentials;
  /** A requirement this API can meet itself in this run (tyk: a users:read key it creates). */
  provides?(requirement: Requirement, config: RunConfig): boolean;
  /** What the run may leave that the API gives no way to delete (vaa customers), for the report. */
  residue?(config: RunConfig): string[];
}
