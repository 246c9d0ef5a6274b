// Validating a value against a schema of a spec, with Ajv (the validator Prism itself uses) compiled
// straight from the spec document. Cheap to load, so the certification workers use it instead of
// Prism's full request/response pipeline; the mock and the spec tests use Prism (specs/validation.ts).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
// Every function takes the API and, optionally, the profile whose spec to read (default `document`).
import { DEFAULT_PROFILE, specOf, type ApiId, type Profile } from './apis.ts';
import { loadSpecDocument } from './load.ts';

const instances = new Map<string, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

function ajvFor(api: ApiId, profile: Profile): Ajv2020 {
  const { name } = specOf(api, profile);
  let ajv = instances.get(name);
  if (!ajv) {
    // strict: false because the spec carries x- extensions and OpenAPI keywords (example, discriminator).
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(loadSpecDocument(api, profile) as object, 'spec');
    instances.set(name, ajv);
  }
  return ajv;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function validatorAt(api: ApiId, profile: Profile, pointer: string): ValidateFunction {
  const key = `${specOf(api, profile).name}#${pointer}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajvFor(api, profile).compile({ $ref: `spec#${pointer}` });
    compiled.set(key, validate);
  }
  return validate;
}

function problemsOf(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${where}${error.instancePath || ''} ${error.message ?? 'is invalid'}${'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}${'allowedValues' in error.params ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : ''}`);
}

/** Problems of `value` against `#/components/schemas/<name>`; empty when it conforms. */
export function componentSchemaProblems(api: ApiId, name: string, value: unknown, profile: Profile = DEFAULT_PROFILE): string[] {
  return problemsOf(validatorAt(api, profile, `/components/schemas/${escapePointer(name)}`), value, 'body');
}

export interface DeclaredResponse {
  /** JSON-pointer of the response object in the spec. */
  pointer: string;
  mediaTypes: string[];
  /** Headers the spec marks required. */
  requiredHeaders: string[];
}

interface OperationIndexEntry {
  path: string;
  method: string;
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { required?: boolean; $ref?: string }> }>;
}

const operationIndexes = new Map<string, Map<string, OperationIndexEntry>>();
function operationIndex(api: ApiId, profile: Profile): Map<string, OperationIndexEntry> {
  const { name } = specOf(api, profile);
  let index = operationIndexes.get(name);
  if (!index) {
    index = new Map();
    const document = loadSpecDocument(api, profile) as unknown as { paths: Record<string, Record<string, { operationId?: string; responses?: OperationIndexEntry['responses'] }>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation && typeof operation === 'object' && operation.operationId) index.set(operation.operationId, { path, method, responses: operation.responses ?? {} });
      }
    }
    operationIndexes.set(name, index);
  }
  return index;
}

function resolveReference<T>(api: ApiId, profile: Profile, value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const segments = value.$ref.replace(/^#\//, '').split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown = loadSpecDocument(api, profile);
  for (const segment of segments) current = (current as Record<string, unknown>)[segment];
  return resolveReference(api, profile, current as T & { $ref?: string });
}

/** The response the spec declares for an operation and status (or its `default`), or undefined. */
export function declaredResponse(api: ApiId, operationId: string, status: number, profile: Profile = DEFAULT_PROFILE): DeclaredResponse | undefined {
  const operation = operationIndex(api, profile).get(operationId);
  if (!operation) throw new Error(`${api}: no operation '${operationId}' in the spec`);
  const code = String(status) in operation.responses ? String(status) : `${String(status)[0]}XX` in operation.responses ? `${String(status)[0]}XX` : 'default' in operation.responses ? 'default' : undefined;
  if (code === undefined) return undefined;
  const response = resolveReference(api, profile, operation.responses[code] as OperationIndexEntry['responses'][string] & { $ref?: string });
  const pointer = `/paths/${escapePointer(operation.path)}/${operation.method}/responses/${code}`;
  const requiredHeaders = Object.entries(response.headers ?? {})
    .filter(([, header]) => resolveReference(api, profile, header).required === true)
    .map(([name]) => name.toLowerCase());
  return { pointer: (operation.responses[code] as { $ref?: string }).$ref?.replace(/^#/, '') ?? pointer, mediaTypes: Object.keys(response.content ?? {}), requiredHeaders };
}

/**
 * What is wrong with a response for an operation, by the spec: an undeclared status, a missing required
 * header, a JSON body where the spec declares none or none where it requires one, a body that breaks the
 * schema. Media-type parameters and header-name case are free (no document fixes them).
 */
export function responseProblems(api: ApiId, operationId: string, response: { status: number; headers: Record<string, string>; body: unknown }, profile: Profile = DEFAULT_PROFILE): string[] {
  const declared = declaredResponse(api, operationId, response.status, profile);
  if (!declared) return [`HTTP ${response.status} is not a status the spec declares for ${operationId}`];
  const headerNames = new Set(Object.keys(response.headers).map((name) => name.toLowerCase()));
  const problems = declared.requiredHeaders.filter((name) => !headerNames.has(name)).map((name) => `the ${name} header is missing`);
  if (declared.mediaTypes.length === 0) return problems;
  // Error bodies are not required by any document (Checkmarx gives none); a success body is.
  if (response.body === undefined) return response.status < 300 ? [...problems, 'the body is missing'] : problems;
  const essence = (mediaType: string): string => mediaType.split(';')[0]!.trim().toLowerCase();
  const sent = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const mediaType = declared.mediaTypes.find((candidate) => sent !== undefined && essence(candidate) === essence(sent)) ?? declared.mediaTypes[0]!;
  return [...problems, ...problemsOf(validatorAt(api, profile, `${declared.pointer}/content/${escapePointer(mediaType)}/schema`), response.body, 'body')];
}
