// specs/validation.ts routes with a precomputed table and passes valid messages through precomputed
// checks, for speed; Prism alone (prismOnly) is the reference. They must answer exactly alike: the same
// route, and the same problems (none, or Prism's own), for the documented requests and responses and for
// many odd or wrong variants of them (each variant changes one thing).
import { describe, expect, it } from 'vitest';
import type { IHttpOperation } from '@stoplight/types';
import { DEFAULT_PROFILE, SPECS } from '../../specs/apis.ts';
import { SpecValidator, prismOnly, type RequestData, type ResponseData } from '../../specs/validation.ts';
import { loadFixtures } from '../../fixtures/index.ts';
import { fixtureRequest, fixtureResponse, isJsonObject, namedExamples, representativeStatus } from './fixture-requests.ts';

type Outcome = { value: unknown } | { threw: string };

function outcome(work: () => unknown): Outcome {
  try {
    return { value: work() };
  } catch (error) {
    return { threw: String(error) };
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const PATH_VALUES = ['1', '42', 'abc', '', '%41', 'a%2Fb', '%E0%A4%A', '-1', '1.5', '{id}', 'migration', 'actions', 'me', 'search'];
const ODD_VALUES: unknown[] = [undefined, null, 0, 1, '', 'text', true, [], {}, ['x'], { nested: 1 }];
const CONTENT_TYPES = [undefined, 'application/json', 'application/json;v=1.0', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;v=2.0', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', '*/*'];

function pathVariants(operations: readonly IHttpOperation[]): string[] {
  const paths = new Set<string>(['', '/', '//', '/unknown', 'api/users', '/api', '/admin', '/cxrestapi/auth']);
  for (const { path } of operations) {
    for (const value of PATH_VALUES) paths.add(path.replace(/\{[^}]+\}/g, value));
    paths.add(`${path}/`);
    paths.add(`${path}/extra`);
    paths.add(path.toLowerCase());
    paths.add(path.toUpperCase());
    paths.add(path.replace(/^\//, ''));
    paths.add(path.replace('/', '//'));
    // A literal segment sent percent-encoded: equal once decoded, different raw (Prism scores raw segments).
    paths.add(path.replace(/\/([a-zA-Z])/, (_, letter: string) => `/%${letter.charCodeAt(0).toString(16).toUpperCase()}`));
  }
  return [...paths];
}

function requestVariants(base: RequestData): RequestData[] {
  const variants: RequestData[] = [base];
  const withHeader = (name: string, value: string | undefined): RequestData => {
    const headers = { ...base.headers };
    delete headers[name];
    if (value !== undefined) headers[name] = value;
    return { ...base, headers };
  };
  for (const contentType of CONTENT_TYPES) variants.push(withHeader('content-type', contentType));
  for (const length of [undefined, '0', '12', 'abc']) variants.push(withHeader('content-length', length));
  variants.push({ ...base, headers: { ...base.headers, 'Content-Type': 'text/plain' } });
  for (const body of ODD_VALUES) {
    variants.push({ ...base, body });
    variants.push({ ...withHeader('content-length', '12'), body });
  }
  if (isJsonObject(base.body)) {
    for (const key of Object.keys(base.body)) {
      const { [key]: _removed, ...rest } = base.body;
      variants.push({ ...base, body: rest });
      for (const value of ODD_VALUES) variants.push({ ...base, body: { ...base.body, [key]: value } });
    }
  }
  const queries: Array<Record<string, string | string[]>> = [{ p: '1' }, { p: 'abc' }, { p: '' }, { p: ['1', '2'] }, { P: 'x' }, { email: 'x' }, { email: ['a', 'b'] }, { userId: '' }, { unknown: 'x' }];
  for (const query of queries) {
    variants.push({ ...base, query: { ...base.query, ...query } });
  }
  return variants;
}

function responseVariants(base: ResponseData, operation: IHttpOperation): ResponseData[] {
  const variants: ResponseData[] = [base];
  const statuses = new Set([...operation.responses.map((response) => representativeStatus(response.code)), 200, 201, 204, 299, 400, 418, 500]);
  for (const status of statuses) variants.push({ ...base, status });
  const mediaTypes = new Set([...CONTENT_TYPES, ...operation.responses.flatMap((response) => (response.contents ?? []).map((content) => content.mediaType)), 'text/html']);
  for (const mediaType of mediaTypes) {
    const headers = { ...base.headers };
    delete headers['content-type'];
    if (mediaType !== undefined) headers['content-type'] = mediaType;
    variants.push({ ...base, headers });
  }
  for (const location of [undefined, '', 'http://127.0.0.1/cxrestapi/auth/Users/1']) {
    const headers = { ...base.headers };
    delete headers['location'];
    if (location !== undefined) headers['location'] = location;
    variants.push({ ...base, headers });
  }
  for (const body of ODD_VALUES) variants.push({ ...base, body });
  const object = isJsonObject(base.body) ? base.body : Array.isArray(base.body) && isJsonObject(base.body[0]) ? base.body[0] : undefined;
  for (const key of Object.keys(object ?? {})) {
    const mutated = (value: unknown): unknown => {
      const copy = structuredClone(base.body);
      const target = (Array.isArray(copy) ? copy[0] : copy) as Record<string, unknown>;
      if (value === undefined) delete target[key];
      else target[key] = value;
      return copy;
    };
    for (const value of ODD_VALUES) variants.push({ ...base, body: mutated(value) });
  }
  return variants;
}

/** A profile's documented requests: each operation's request examples (or none), at its own path. */
function exampleRequests(validator: SpecValidator): Array<{ operation: IHttpOperation; request: RequestData; name: string }> {
  return validator.operations.flatMap((operation) => {
    const path = operation.path.replace(/\{[^}]+\}/g, '54bd0ad9ff4329b88985aafb');
    const examples = namedExamples(operation.request?.body?.contents);
    const bodies = examples.length > 0 ? examples.map(({ mediaType, example }) => ({ headers: { 'content-type': mediaType }, body: example.value, key: example.key })) : [{ headers: {}, body: undefined, key: 'no body' }];
    return bodies.map(({ headers, body, key }) => ({ operation, request: { method: operation.method, path, query: {}, headers, body }, name: `${operation.iid} ${key}` }));
  });
}

describe.each(SPECS.map((spec) => [spec.name, spec] as const))('%s: the precomputed routing and checks answer as Prism does', (_name, { api, profile }) => {
  it('routes every path and method as Prism does', async () => {
    const validator = await SpecValidator.load(api, profile);
    for (const path of pathVariants(validator.operations)) {
      for (const method of METHODS) {
        const fast = outcome(() => validator.route(method, path));
        const reference = outcome(() => prismOnly.route(validator.operations, method, path));
        expect(fast, `${method} ${path}`).toEqual(reference);
      }
    }
  });

  it('finds the same problems as Prism in every documented request and its variants', async () => {
    const validator = await SpecValidator.load(api, profile);
    let compared = 0;
    // The fixtures are the source document's requests; a profile's spec is tried on its request examples.
    const documented = profile === DEFAULT_PROFILE ? loadFixtures(api).map((fixture) => ({ operation: validator.operation(fixture.operationId), request: fixtureRequest(validator.operation(fixture.operationId), fixture), name: fixture.id })) : exampleRequests(validator);
    for (const { operation, request: base, name } of documented) {
      for (const request of requestVariants(base)) {
        const fast = outcome(() => validator.validateRequest(operation, request));
        const reference = outcome(() => prismOnly.validateRequest(operation, request));
        expect(fast, `${name}: ${JSON.stringify(request)}`).toEqual(reference);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('finds the same problems as Prism in every documented response, example, and their variants', async () => {
    const validator = await SpecValidator.load(api, profile);
    const bases: Array<{ operation: IHttpOperation; response: ResponseData; name: string }> = [];
    for (const fixture of profile === DEFAULT_PROFILE ? loadFixtures(api) : []) {
      const operation = validator.operation(fixture.operationId);
      bases.push({ operation, response: fixtureResponse(operation, fixture), name: fixture.id });
    }
    for (const operation of validator.operations) {
      for (const response of operation.responses) {
        for (const { mediaType, example } of namedExamples(response.contents)) {
          bases.push({ operation, response: { status: representativeStatus(response.code), headers: { 'content-type': mediaType }, body: example.value }, name: `${operation.iid} ${response.code} ${example.key}` });
        }
      }
    }
    for (const { operation, response: base, name } of bases) {
      for (const response of responseVariants(base, operation)) {
        const fast = outcome(() => validator.validateResponse(operation, response));
        const reference = outcome(() => prismOnly.validateResponse(operation, response));
        expect(fast, `${name}: ${JSON.stringify(response)}`).toEqual(reference);
      }
    }
  });
});
