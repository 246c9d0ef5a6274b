// The three APIs this project knows, and the one place that names their files.
// Every CLI flag, file name and check ID uses these identifiers.
import { projectPath } from '../project.ts';

export const API_IDS = ['vaa', 'checkmarx', 'tyk'] as const;
export type ApiId = (typeof API_IDS)[number];

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
  },
  checkmarx: {
    id: 'checkmarx',
    title: 'Checkmarx CxSAST Access Control: /cxrestapi/auth/Users',
    sourceDocument: '002_9f6905941808ec60.txt',
    specPath: here('./checkmarx.openapi.yaml'),
    fixturesDirectory: here('../fixtures/checkmarx/'),
    errorSchema: 'ErrorBody',
    errorBodyOptional: true,
  },
  tyk: {
    id: 'tyk',
    title: 'Tyk Dashboard: /api/users, /admin/users',
    sourceDocument: '003_63ff7d859dafa4a6.txt',
    specPath: here('./tyk.openapi.yaml'),
    fixturesDirectory: here('../fixtures/tyk/'),
    errorSchema: 'ErrorEnvelope',
    errorBodyOptional: false,
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
