// What one certification run is pointed at and allowed to do. Built by `userapi certify` in the main
// process and handed to the suites (vitest workers) as plain JSON through vitest's provide/inject.
import type { ApiId } from '../../specs/apis.ts';

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

export interface RunConfig {
  api: ApiId;
  /** The server root; spec paths are appended to it. */
  target: string;
  /**
   * The target is the mock certify started itself (no --target): its seeded users are known, so an API
   * may log in as its limited user instead of requiring --limited-token.
   */
  bundledMock: boolean;
  /** Every user this run creates carries this prefix, so cleanup can find exactly those. */
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

/** Every secret the run knows, so reproductions can redact them. */
export function secretsOf(config: RunConfig): Array<{ value: string; placeholder: string }> {
  const { token, password, adminSecret, limitedToken } = config.credentials;
  const secrets: Array<{ value: string | undefined; placeholder: string }> = [
    { value: token, placeholder: '$TOKEN' },
    { value: password, placeholder: '$PASSWORD' },
    { value: adminSecret, placeholder: '$ADMIN_SECRET' },
    { value: limitedToken, placeholder: '$LIMITED_TOKEN' },
  ];
  return secrets.filter((secret): secret is { value: string; placeholder: string } => secret.value !== undefined && secret.value.length >= 3);
}

declare module 'vitest' {
  export interface ProvidedContext {
    certify: RunConfig;
  }
}
