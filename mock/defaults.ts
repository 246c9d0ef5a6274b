// What `userapi mock` starts with when no flag says otherwise, and the options it takes. Kept apart from
// server.ts (which re-exports them) so the CLI can print --help and refuse bad flags without loading Prism.
import { API_IDS, DEFAULT_PROFILE, profilesOf, type ApiId, type Profile } from '../specs/apis.ts';
import type { AnyApiModule, MockSettings, SeedName } from './module.ts';

/** Requests under this prefix control the mock itself (reset, health); no API uses it. */
export const CONTROL_PREFIX = '/__userapi';

export const DEFAULT_SETTINGS: MockSettings = {
  vaa: { username: 'lxt_api_user', password: 'lxt_api_password', token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[...]' },
  checkmarx: { username: 'admin', password: 'Admin123!', limitedUsername: 'Marci', limitedPassword: 'Marci123!' },
  tyk: { accessKey: '7a7b140f-2480-4d5a-4e78-24049e3ba7f8', adminSecret: '12345' },
  maxLiveTokens: 10_000,
};

export interface MockOptions {
  apis: readonly ApiId[];
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: SeedName;
  /**
   * Which profile the APIs that have it serve (`tyk-5.8`: the tyk API as Tyk Dashboard 5.8); the others
   * serve their `document` profile.
   */
  profile: Profile;
  /** The SQLite state file (--state); in memory only when undefined. */
  stateFile?: string;
  /** Processes serving one port and sharing the state (--workers; the CLI forks them, see workers.ts). */
  workers: number;
  /** Set in each worker of --workers: the primary has checked the state file; not durable for the temporary one. */
  worker?: { durable: boolean };
  /** A connection that sends nothing for this long (before a request, or kept alive between them) is closed; 0: never. */
  idleTimeoutMs: number;
  strict: boolean;
  latencyMs: number;
  /** Probability (0..1) of answering 503 instead of serving an API request. */
  failRate: number;
  maxBodyBytes: number;
  settings: MockSettings;
  /** Receives one line per request; undefined for silence. */
  log?: (line: string) => void;
  /** CORS for browser clients (mock/cors.ts); on unless false. */
  cors?: boolean;
  /** Replaces an API's module: the certify tests build deliberately broken or differently-correct targets. */
  modules?: Partial<Record<ApiId, AnyApiModule>>;
}

export const DEFAULT_OPTIONS: MockOptions = {
  apis: API_IDS,
  host: '127.0.0.1',
  port: 4010,
  seed: 'documents',
  profile: DEFAULT_PROFILE,
  workers: 1,
  idleTimeoutMs: 10_000,
  strict: false,
  latencyMs: 0,
  failRate: 0,
  maxBodyBytes: 1024 * 1024,
  settings: DEFAULT_SETTINGS,
};

/** The profile an API serves when the mock is asked for `profile`: that one if the API has it, else `document`. */
export function profileServed(api: ApiId, profile: Profile): Profile {
  return profilesOf(api).includes(profile) ? profile : DEFAULT_PROFILE;
}
