// Deliberately wrong requests and responses, generated from the fixtures, must be rejected: a spec that
// accepts everything would pass every "valid" check in fixtures.test.ts. The last test proves that the
// rejections come from the specs' content: against a copy of each spec with every schema replaced by {}
// and a catch-all response, the same mutations all pass.
import { beforeAll, describe, expect, it } from 'vitest';
import type { IHttpOperation } from '@stoplight/types';
import type { OpenAPIV3_1 } from 'openapi-types';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { SpecValidator, type Problem, type RequestData, type ResponseData } from '../../specs/validation.ts';
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import { fixtureRequest, fixtureResponse, isJsonObject, responseFor } from './fixture-requests.ts';

type JsonSchemaLike = { required?: unknown; allOf?: unknown[]; items?: unknown; type?: unknown };

interface Mutation {
  fixtureId: string;
  operationId: string;
  kind: 'wrong-type' | 'missing-required' | 'undeclared-status';
  description: string;
  /** What is on trial: the request body, the response body or the response status. */
  target: 'request' | 'response' | 'status';
  /** Variants of the same mistake; the mutation is rejected when any variant is. */
  variants: Array<RequestData | ResponseData>;
}

// One value of each JSON type but null (which the documents often allow where a value is optional).
const VALUES_BY_TYPE: Record<string, unknown> = { string: 'wrong type', number: 12345.5, boolean: true, object: { wrong: 'type' }, array: ['wrong type'] };

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Values of every other JSON type: a property is typed when its schema rejects at least one of them. */
function valuesOfOtherTypes(value: unknown): unknown[] {
  return Object.entries(VALUES_BY_TYPE)
    .filter(([type]) => type !== jsonType(value))
    .map(([, other]) => other);
}

/** The object whose properties are mutated: the body itself, or the first item of a list body. */
function mutableObject(body: unknown): { object: Record<string, unknown>; path: Array<string | number> } | undefined {
  if (isJsonObject(body)) return { object: body, path: [] };
  if (Array.isArray(body) && isJsonObject(body[0])) return { object: body[0], path: [0] };
  return undefined;
}

const REMOVE = Symbol('remove');

/** A copy of the body with one property of the mutable object set to a value, or removed. */
function withProperty(body: unknown, path: Array<string | number>, key: string, value: unknown): unknown {
  const copy = structuredClone(body);
  const parent = path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], copy) as Record<string, unknown>;
  if (value === REMOVE) delete parent[key];
  else parent[key] = value;
  return copy;
}

/** `required` of an object schema, including the members of an allOf (Prism's operations are dereferenced). */
function requiredKeys(schema: unknown): string[] {
  if (!isJsonObject(schema)) return [];
  const own = Array.isArray((schema as JsonSchemaLike).required) ? ((schema as JsonSchemaLike).required as string[]) : [];
  const inherited = ((schema as JsonSchemaLike).allOf ?? []).flatMap(requiredKeys);
  return [...new Set([...own, ...inherited])];
}

function objectSchema(schema: unknown, pathToObject: Array<string | number>): unknown {
  return pathToObject.length > 0 && isJsonObject(schema) ? (schema as JsonSchemaLike).items : schema;
}

function contentSchema(contents: IHttpOperation['responses'][number]['contents'], mediaType: string | undefined): unknown {
  return contents?.find((content) => content.mediaType === mediaType)?.schema;
}

/** Status codes no declared response key ('404', '4XX') covers. */
function undeclaredStatus(operation: IHttpOperation): number {
  const covered = (status: number) => operation.responses.some((response) => response.code === String(status) || response.code.toUpperCase() === `${String(status)[0]}XX`);
  const candidate = [418, 299, 302, 507].find((status) => !covered(status));
  if (candidate === undefined) throw new Error(`${operation.iid}: every candidate status is declared`);
  return candidate;
}

function bodyMutations(fixture: Fixture, target: 'request' | 'response', body: unknown, schema: unknown, rebuild: (body: unknown) => RequestData | ResponseData): Mutation[] {
  const mutable = mutableObject(body);
  if (!mutable) return [];
  const where = `${target} body${mutable.path.length > 0 ? ' item 0' : ''}`;
  const base = { fixtureId: fixture.id, operationId: fixture.operationId, target };
  const wrongTypes = Object.entries(mutable.object)
    .filter(([, value]) => value !== null)
    .map(([key, value]): Mutation => ({
      ...base,
      kind: 'wrong-type',
      description: `${where}: '${key}' of the wrong type`,
      variants: valuesOfOtherTypes(value).map((other) => rebuild(withProperty(body, mutable.path, key, other))),
    }));
  const missing = requiredKeys(objectSchema(schema, mutable.path))
    .filter((key) => key in mutable.object)
    .map((key): Mutation => ({ ...base, kind: 'missing-required', description: `${where}: required '${key}' removed`, variants: [rebuild(withProperty(body, mutable.path, key, REMOVE))] }));
  return [...wrongTypes, ...missing];
}

function mutationsOf(validator: SpecValidator, fixture: Fixture): Mutation[] {
  const operation = validator.operation(fixture.operationId);
  const request = fixtureRequest(operation, fixture);
  const response = fixtureResponse(operation, fixture);
  const requestSchema = contentSchema(operation.request?.body?.contents, request.headers['content-type']);
  const responseSchema = contentSchema(responseFor(operation, response.status)?.contents, response.headers['content-type']);
  const wrongStatus = undeclaredStatus(operation);
  return [
    ...bodyMutations(fixture, 'request', request.body, requestSchema, (body) => ({ ...request, body })),
    ...bodyMutations(fixture, 'response', response.body, responseSchema, (body) => ({ ...response, body })),
    {
      fixtureId: fixture.id,
      operationId: fixture.operationId,
      target: 'status',
      kind: 'undeclared-status',
      description: `response status ${wrongStatus} (not declared) instead of ${response.status}`,
      variants: [{ ...response, status: wrongStatus }],
    },
  ];
}

/** The problems a validator finds in a variant, limited to what the mutation is about. */
function problemsOf(validator: SpecValidator, mutation: Mutation, variant: RequestData | ResponseData): Problem[] {
  const operation = validator.operation(mutation.operationId);
  if (mutation.target === 'request') return validator.validateRequest(operation, variant as RequestData).filter((problem) => problem.location === 'body');
  const problems = validator.validateResponse(operation, variant as ResponseData);
  return problems.filter((problem) => problem.location === (mutation.target === 'status' ? 'status' : 'body'));
}

function isRejected(validator: SpecValidator, mutation: Mutation): boolean {
  return mutation.variants.some((variant) => problemsOf(validator, mutation, variant).length > 0);
}

/** A copy of a spec that accepts everything: every schema is {}, and every operation has a catch-all response. */
function permissiveCopy(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const copy = structuredClone(document);
  const mediaTypes = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isJsonObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') node[key] = {};
      else if (key === 'content' && isJsonObject(value)) Object.keys(value).forEach((mediaType) => mediaTypes.add(mediaType));
      if (key !== 'examples' && key !== 'example') visit(node[key]);
    }
  };
  visit(copy);
  for (const name of Object.keys(copy.components?.schemas ?? {})) copy.components!.schemas![name] = {};
  const content = Object.fromEntries([...mediaTypes].map((mediaType) => [mediaType, { schema: {} }]));
  for (const item of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      if (isJsonObject(operation) && isJsonObject(operation.responses)) operation.responses.default = { description: 'Anything.', content };
    }
  }
  return copy;
}

describe.each(API_IDS)('%s', (api: ApiId) => {
  let validator: SpecValidator;
  let mutations: Mutation[];

  beforeAll(async () => {
    validator = await SpecValidator.load(api);
    mutations = loadFixtures(api).flatMap((fixture) => mutationsOf(validator, fixture));
  });

  it('generates mutations of each kind, for requests and responses, from the fixtures', () => {
    const count = (kind: Mutation['kind'], target: Mutation['target']) => mutations.filter((mutation) => mutation.kind === kind && mutation.target === target).length;
    expect(count('undeclared-status', 'status')).toBe(loadFixtures(api).length);
    expect(count('wrong-type', 'request')).toBeGreaterThan(0);
    expect(count('wrong-type', 'response')).toBeGreaterThan(0);
    expect(count('missing-required', 'request')).toBeGreaterThan(0);
    expect(count('missing-required', 'response')).toBeGreaterThan(0);
  });

  it('the spec rejects every mutation', () => {
    const accepted = mutations.filter((mutation) => !isRejected(validator, mutation)).map((mutation) => `${mutation.fixtureId}: ${mutation.description}`);
    expect(accepted).toEqual([]);
  });

  it('a copy of the spec that accepts everything rejects none of them (the rejections come from the spec)', async () => {
    const permissive = await SpecValidator.fromDocument(api, permissiveCopy(loadSpecDocument(api)));
    const rejected = mutations.filter((mutation) => isRejected(permissive, mutation)).map((mutation) => `${mutation.fixtureId}: ${mutation.description}`);
    expect(rejected).toEqual([]);
  });
});
