// The documents' examples (fixtures) against the specs, through Prism's own router and validators: each
// fixture routes to its operation, its request and its documented response are valid, the spec's named
// examples are valid and hold exactly the fixtures' bodies. The named examples of every spec (each
// profile's too) are valid requests and responses.
import { beforeAll, describe, expect, it } from 'vitest';
import { API_IDS, SPECS, type ApiId } from '../../specs/apis.ts';
import { describeProblems, SpecValidator } from '../../specs/validation.ts';
import { loadFixtures, loadTestData } from '../../fixtures/index.ts';
import { encodeBody, fixtureRequest, fixtureResponse, namedExamples, representativeStatus, responseFor } from './fixture-requests.ts';

describe.each(API_IDS)('%s', (api: ApiId) => {
  const fixtures = loadFixtures(api);
  let validator: SpecValidator;

  beforeAll(async () => {
    validator = await SpecValidator.load(api);
  });

  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  describe.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('fixture %s', (_id, fixture) => {
    it('belongs to this API and names an operation of the spec', () => {
      expect(fixture.api).toBe(api);
      expect(() => validator.operation(fixture.operationId)).not.toThrow();
    });

    it('routes to its operationId', () => {
      const operation = validator.operation(fixture.operationId);
      const request = fixtureRequest(operation, fixture);
      const route = validator.route(request.method, request.path);
      expect(route.kind === 'matched' ? route.operation.iid : route).toBe(fixture.operationId);
    });

    it('sends a valid request', () => {
      const operation = validator.operation(fixture.operationId);
      const problems = validator.validateRequest(operation, fixtureRequest(operation, fixture));
      expect(problems, describeProblems(problems)).toEqual([]);
    });

    it('gets a valid documented response (status, headers, body)', () => {
      const operation = validator.operation(fixture.operationId);
      const problems = validator.validateResponse(operation, fixtureResponse(operation, fixture));
      expect(problems, describeProblems(problems)).toEqual([]);
    });

    it('names the spec examples that hold its request and response bodies', () => {
      const operation = validator.operation(fixture.operationId);
      // A documented body is a named example of the spec (CONTRIBUTING: every documented example is one).
      expect(fixture.examples.request === null).toBe(fixture.request.body === null);
      expect(fixture.examples.response === null).toBe(fixture.response.body === null);
      if (fixture.examples.request !== null) {
        const examples = namedExamples(operation.request?.body?.contents).filter(({ example }) => example.key === fixture.examples.request);
        expect(examples.length, `request example '${fixture.examples.request}' of ${fixture.operationId}`).toBeGreaterThan(0);
        for (const { example } of examples) expect(example.value).toEqual(fixture.request.body);
      }
      if (fixture.examples.response !== null) {
        const response = responseFor(operation, fixture.response.status);
        const examples = namedExamples(response?.contents).filter(({ example }) => example.key === fixture.examples.response);
        expect(examples.length, `response ${fixture.response.status} example '${fixture.examples.response}' of ${fixture.operationId}`).toBeGreaterThan(0);
        for (const { example } of examples) expect(example.value).toEqual(fixture.response.body);
      }
    });
  });

  it('every test_data file equals the spec request example of the same name', () => {
    for (const file of loadTestData(api)) {
      const examples = validator.operations.flatMap((operation) => namedExamples(operation.request?.body?.contents)).filter(({ example }) => example.key === file.name);
      expect(examples.length, `spec example '${file.name}'`).toBeGreaterThan(0);
      for (const { example } of examples) expect(example.value, file.name).toEqual(file.json);
    }
  });
});

describe.each(SPECS.map((spec) => [spec.name, spec] as const))('specs/%s.openapi.yaml', (_name, spec) => {
  let validator: SpecValidator;

  beforeAll(async () => {
    validator = await SpecValidator.load(spec.api, spec.profile);
  });

  it('every named request example is a valid request body', () => {
    let count = 0;
    for (const operation of validator.operations) {
      for (const { mediaType, example } of namedExamples(operation.request?.body?.contents)) {
        const { contentType, body } = encodeBody(mediaType, example.value);
        // Only the body is on trial: parameters and credentials are not part of an example.
        const problems = validator
          .validateRequest(operation, { method: operation.method, path: operation.path, query: {}, headers: { 'content-type': contentType }, body })
          .filter((problem) => !['path', 'query', 'header'].includes(problem.location));
        expect(problems, `${operation.iid} ${mediaType} example '${example.key}': ${describeProblems(problems)}`).toEqual([]);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('every named response example is a valid response with its status code', () => {
    let count = 0;
    for (const operation of validator.operations) {
      for (const response of operation.responses) {
        for (const { mediaType, example } of namedExamples(response.contents)) {
          // Examples carry no headers: required response headers are on trial in the fixtures, not here.
          const problems = validator
            .validateResponse(operation, { status: representativeStatus(response.code), headers: { 'content-type': mediaType }, body: example.value })
            .filter((problem) => problem.location !== 'header');
          expect(problems, `${operation.iid} ${response.code} ${mediaType} example '${example.key}': ${describeProblems(problems)}`).toEqual([]);
          count += 1;
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });
});
