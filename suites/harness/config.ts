// What one certification run is pointed at and allowed to do: the settings a user gives, and the run's
// own guard (which writes may leave the machine), secrets (what every output must redact) and signal
// (Ctrl-C or the deadline). Every HttpClient is built from it, so none escapes the guard.
import type { ApiId, Profile } from '../../specs/apis.ts';
import type { Cleanup } from './api.ts';
import type { WriteGuard } from './guard.ts';
import type { Redactor } from './redact.ts';

export interface Credentials {
  /** vaa: the x-lxt-api-token; checkmarx: a bearer access token; tyk: a user-managing access key. */
  token?: string;
  /** vaa login / checkmarx OAuth2 password grant; used to (re)obtain `token`. */
  username?: string;
  password?: string;
  /** tyk: the admin-auth secret. */
  adminSecret?: string;
  /** A valid credential WITHOUT user-management rights (enables the 403 checks). */
  limitedToken?: string;
}

export interface RunSettings {
  api: ApiId;
  /** The server root; spec paths are appended to it. */
  target: string;
  /** The profile whose checks run and whose levels decide the verdict ('document', 'tyk-5.8'). */
  profile: Profile;
  /**
   * The target is the mock certify started itself (no --target): its seeded users are known, so an API
   * may log in as its limited user instead of requiring --limited-token.
   */
  bundledMock: boolean;
  /** Every user this run creates carries this prefix: no user that existed before the run can. */
  namePrefix: string;
  credentials: Credentials;
  strict: boolean;
  /** Only checks that write nothing. */
  readOnly: boolean;
  /** fast-check seed and number of runs for the property-based checks. */
  seed: number;
  runs: number;
  /** Replay one property counterexample: fast-check's path (with `seed`). */
  replayPath?: string;
  timeoutMs: number;
  insecure: boolean;
  /** Responses larger than this are cut off and count as an error (a hostile target can stream forever). */
  maxResponseBytes: number;
  /** Check ids to run; undefined runs all. */
  only?: string[];
}

export interface RunConfig extends RunSettings {
  guard: WriteGuard;
  /** How the API deletes one of the run's users and reads it back (for clean-ups during a check too). */
  cleanup: Cleanup;
  secrets: Redactor;
  /** Aborted when the run must stop (Ctrl-C, the deadline): requests in flight end at once. */
  signal?: AbortSignal;
}

/** The credentials a user gave, as secrets with the placeholders reproductions use. */
export function credentialSecrets(credentials: Credentials): Array<{ value: string | undefined; placeholder: string }> {
  return [
    { value: credentials.token, placeholder: '$TOKEN' },
    { value: credentials.password, placeholder: '$PASSWORD' },
    { value: credentials.adminSecret, placeholder: '$ADMIN_SECRET' },
    { value: credentials.limitedToken, placeholder: '$LIMITED_TOKEN' },
  ];
}

/** Registers the credentials' secrets with the run's redactor (again after a new token is obtained). */
export function registerCredentials(config: RunConfig): void {
  for (const { value, placeholder } of credentialSecrets(config.credentials)) config.secrets.add(value, placeholder);
  config.secrets.addUsername(config.credentials.username);
}
