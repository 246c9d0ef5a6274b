// Loading a spec once per process: its parsed YAML (for our own extensions such as x-doc) and Prism's
// view of its operations (for routing and validation). Both depend only on the file, so they are cached.
// A spec is an API under a profile (specs/apis.ts); the profile defaults to the source document's.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { IHttpOperation } from '@stoplight/types';
import { DEFAULT_PROFILE, specOf, type ApiId, type Profile } from './apis.ts';

const documents = new Map<string, OpenAPIV3_1.Document>();
const operations = new Map<string, Promise<IHttpOperation[]>>();

export function specText(api: ApiId, profile: Profile = DEFAULT_PROFILE): string {
  return readFileSync(specOf(api, profile).specPath, 'utf8');
}

/** sha256 of the spec file, so a report says exactly which spec it certified against. */
export function specSha256(api: ApiId, profile: Profile = DEFAULT_PROFILE): string {
  return createHash('sha256').update(specText(api, profile)).digest('hex');
}

export function loadSpecDocument(api: ApiId, profile: Profile = DEFAULT_PROFILE): OpenAPIV3_1.Document {
  const { name } = specOf(api, profile);
  let document = documents.get(name);
  if (!document) {
    document = parse(specText(api, profile)) as OpenAPIV3_1.Document;
    documents.set(name, document);
  }
  return document;
}

/** Prism's operations for the spec, dereferenced and bundled; shared by every caller in the process. */
export function loadPrismOperations(api: ApiId, profile: Profile = DEFAULT_PROFILE): Promise<IHttpOperation[]> {
  const { name } = specOf(api, profile);
  let pending = operations.get(name);
  if (!pending) {
    pending = prismOperationsFromDocument(loadSpecDocument(api, profile));
    operations.set(name, pending);
  }
  return pending;
}

/** Prism's operations for a document that need not be on disk (the tests build modified copies of a spec). */
export async function prismOperationsFromDocument(document: OpenAPIV3_1.Document): Promise<IHttpOperation[]> {
  // Loaded on demand: Prism takes a second to load, and most readers of a spec never need it. Only the
  // module that builds operations, not Prism's entry point, which also loads its mocker (and faker).
  const { getHttpOperationsFromSpec } = createRequire(import.meta.url)('@stoplight/prism-http/dist/utils/operations.js') as typeof import('@stoplight/prism-http');
  // Prism takes the parsed object as well as a path; parsing with `yaml` ourselves keeps one parser.
  // Prism mutates what it is given while dereferencing: it gets a copy.
  return getHttpOperationsFromSpec(structuredClone(document));
}
