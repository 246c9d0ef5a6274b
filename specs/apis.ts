// The three APIs this project knows, their profiles, and the one place that names their files.
// Every CLI flag, file name and check ID uses these identifiers.
import { projectPath } from '../project.ts';

export const API_IDS = ['vaa', 'checkmarx', 'tyk'] as const;
export type ApiId = (typeof API_IDS)[number];

/**
 * What a spec describes: `document`, the API as its source document describes it (every API has it), or
 * a vendor product the facts describe (`tyk-5.8`: Tyk Dashboard 5.8). A profile is a second spec of the
 * same API, never an API of its own.
 */
export const PROFILES = ['document', 'tyk-5.8'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'document';

export interface ApiDescription {
  id: ApiId;
  title: string;
  /** The source document under ../shared/seeds this API was transcribed from (never read at run time). */
  sourceDocument: string;
  specPath: string;
  fixturesDirectory: string;
  /** The spec's component schema every error answer of this API has (its own error shape). */
  errorSchema: string;
  /** Whether error answers may come without a body (Checkmarx: 401/403 have none). */
  errorBodyOptional: boolean;
  /** The specs of the API's other profiles (`document` is `specPath`). */
  profileSpecs: Partial<Record<Profile, ProfileSpec>>;
}

export interface ProfileSpec {
  title: string;
  specPath: string;
}

/** One spec file: an API under one profile. */
export interface SpecDescription {
  api: ApiId;
  profile: Profile;
  /** The file's name without `.openapi.yaml` ('tyk', 'tyk-5.8'); also names its generated types. */
  name: string;
  title: string;
  specPath: string;
}

const here = (relative: string): string => projectPath('specs', relative);

export const APIS: Record<ApiId, ApiDescription> = {
  vaa: {
    id: 'vaa',
    title: 'VAA dashboard API v2 (LayerX lineage): /api/v2/users',
    sourceDocument: '001_1aec132c54aaa934.txt',
    specPath: here('./vaa.openapi.yaml'),
    fixturesDirectory: here('../fixtures/vaa/'),
    errorSchema: 'EmptyEnvelope',
    errorBodyOptional: false,
    profileSpecs: {},
  },
  checkmarx: {
    id: 'checkmarx',
    title: 'Checkmarx CxSAST Access Control: /cxrestapi/auth/Users',
    sourceDocument: '002_9f6905941808ec60.txt',
    specPath: here('./checkmarx.openapi.yaml'),
    fixturesDirectory: here('../fixtures/checkmarx/'),
    errorSchema: 'ErrorBody',
    errorBodyOptional: true,
    profileSpecs: {},
  },
  tyk: {
    id: 'tyk',
    title: 'Tyk Dashboard: /api/users, /admin/users',
    sourceDocument: '003_63ff7d859dafa4a6.txt',
    specPath: here('./tyk.openapi.yaml'),
    fixturesDirectory: here('../fixtures/tyk/'),
    errorSchema: 'ErrorEnvelope',
    errorBodyOptional: false,
    profileSpecs: {
      'tyk-5.8': { title: 'Tyk Dashboard 5.8: /api/users, /admin/users', specPath: here('./tyk-5.8.openapi.yaml') },
    },
  },
};

export function isApiId(value: string): value is ApiId {
  return (API_IDS as readonly string[]).includes(value);
}

/** Parses a comma-separated `--api` value; throws a message fit for a CLI user. */
export function parseApiList(value: string): ApiId[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isApiId(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown API '${unknown.join(',') || value}': expected one or more of ${API_IDS.join(', ')}`);
  }
  return [...new Set(names)] as ApiId[];
}

/** The profiles an API serves, `document` first. */
export function profilesOf(api: ApiId): Profile[] {
  return PROFILES.filter((profile) => profile === DEFAULT_PROFILE || APIS[api].profileSpecs[profile] !== undefined);
}

/** The spec of an API under a profile; throws when the API has no such profile. */
export function specOf(api: ApiId, profile: Profile = DEFAULT_PROFILE): SpecDescription {
  if (profile === DEFAULT_PROFILE) return { api, profile, name: api, title: APIS[api].title, specPath: APIS[api].specPath };
  const spec = APIS[api].profileSpecs[profile];
  if (spec === undefined) throw new Error(`${api} has no profile '${profile}': its profiles are ${profilesOf(api).join(', ')}`);
  return { api, profile, name: profile, ...spec };
}

/** Every spec file of the project: each API's document, then its other profiles. */
export const SPECS: readonly SpecDescription[] = API_IDS.flatMap((api) => profilesOf(api).map((profile) => specOf(api, profile)));

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}
