// What real client libraries send must reach an operation of the spec, except the requests the project
// knowingly does not serve, listed here with the reason. An exception is itself checked: if the spec comes
// to serve it, the entry is stale and this test says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { SPECS, type ApiId } from '../../specs/apis.ts';
import { SpecValidator } from '../../specs/validation.ts';
import { loadRealClientRecordings } from '../../fixtures/index.ts';

interface NotServed {
  api: ApiId;
  method: string;
  path: string;
  /** What Prism's router must answer: no such path (404) or no such method on it (405). */
  route: 'no-path' | 'no-method';
  reason: string;
}

const NOT_SERVED: readonly NotServed[] = [
  {
    api: 'tyk',
    method: 'GET',
    path: '/admin/organisations',
    route: 'no-path',
    reason: 'the organisations admin API is outside the Users document; the community script only reads the org id from it',
  },
  {
    api: 'tyk',
    method: 'DELETE',
    path: '/api/users/u1/actions/key/reset',
    route: 'no-method',
    reason: 'the document gives PUT only for Reset User Session; a DELETE on that path is answered 405',
  },
];

function splitPath(pathWithQuery: string): string {
  return new URL(pathWithQuery, 'http://recording.invalid').pathname;
}

it('the recordings cover the APIs that have real clients (checkmarx, tyk), so the routing checks are not empty', () => {
  expect(new Set(loadRealClientRecordings().map((recording) => recording.api))).toEqual(new Set(['checkmarx', 'tyk']));
});

// Every spec of the API: a client must reach the same operations whichever profile the mock serves.
describe.each(SPECS.map((spec) => [spec.name, spec] as const))('%s', (_name, { api, profile }) => {
  const recordings = loadRealClientRecordings(api);
  let validator: SpecValidator;

  beforeAll(async () => {
    validator = await SpecValidator.load(api, profile);
  });

  it('every recorded request routes to an operation, except those the project does not serve', () => {
    const unrouted: string[] = [];
    for (const recording of recordings) {
      for (const request of recording.requests) {
        const path = splitPath(request.path);
        const route = validator.route(request.method, path);
        const exception = NOT_SERVED.find((entry) => entry.api === api && entry.method === request.method && entry.path === path);
        const actual = route.kind;
        if (exception ? actual !== exception.route : actual !== 'matched') unrouted.push(`${recording.name}: ${request.method} ${path} -> ${actual}`);
      }
    }
    expect(unrouted).toEqual([]);
  });

  it('every exception names a request some recording of this API sends', () => {
    const sent = new Set(recordings.flatMap((recording) => recording.requests.map((request) => `${request.method} ${splitPath(request.path)}`)));
    for (const entry of NOT_SERVED.filter((candidate) => candidate.api === api)) expect(sent, entry.reason).toContain(`${entry.method} ${entry.path}`);
  });
});
