// The control endpoints under /__userapi, outside every API: health, reset, and the replies that did not
// match the spec.
import type { ServerResponse } from 'node:http';
import process from 'node:process';
import type { ApiId } from '../specs/apis.ts';
import { CONTROL_PREFIX, type MockOptions } from './defaults.ts';
import { sendJson } from './http.ts';
import type { SeedName } from './module.ts';
import type { MockState } from './state/mock-state.ts';

export interface ControlContext {
  options: MockOptions;
  state: MockState;
  reset(apis: readonly ApiId[], seed: SeedName): Promise<void>;
}

// '/requests' is served by the journal (mock/journal.ts); it is listed here for the 404's list of endpoints.
const CONTROL_ENDPOINTS: Record<string, string> = { '/health': 'GET', '/reset': 'POST', '/violations': 'GET', '/requests': 'GET, DELETE' };
const RESET_USAGE = '{"api": "vaa" | ["vaa", ...] (default: every API served), "seed": "documents" | "empty" (default: the --seed)}';

/** Answers a control request (`route` is the path after the prefix); returns the status sent. */
export async function serveControl(context: ControlContext, method: string, route: string, query: Record<string, string | string[]>, body: Buffer, response: ServerResponse): Promise<number> {
  const { options, state } = context;
  const allowed = CONTROL_ENDPOINTS[route];
  if (allowed === undefined) {
    return sendJson(response, 404, { error: `Unknown control endpoint ${method} ${CONTROL_PREFIX}${route}.`, endpoints: Object.entries(CONTROL_ENDPOINTS).map(([name, verb]) => `${verb} ${CONTROL_PREFIX}${name}`) });
  }
  if (method !== allowed) return sendJson(response, 405, { error: `${CONTROL_PREFIX}${route} takes ${allowed}, not ${method}.` }, { allow: allowed });
  if (route === '/health') {
    // `pid` tells the workers of --workers apart (each answers for itself).
    return sendJson(response, 200, { status: 'ok', apis: options.apis, profile: options.profile, strict: options.strict, persistent: state.backend.persistent, pid: process.pid });
  }
  if (route === '/violations') return sendJson(response, 200, state.violations());
  const request = parseResetRequest(body, query, options);
  if ('error' in request) return sendJson(response, 400, { error: request.error, usage: RESET_USAGE, apis: options.apis });
  await context.reset(request.apis, request.seed);
  return sendJson(response, 200, { reset: request.apis, seed: request.seed });
}

/** The APIs and seed of a reset, from its JSON body or its query string; an error names what is wrong. */
function parseResetRequest(body: Buffer, query: Record<string, string | string[]>, options: MockOptions): { apis: ApiId[]; seed: SeedName } | { error: string } {
  let requested: unknown = {};
  if (body.length > 0) {
    try {
      requested = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return { error: `The reset body is not valid JSON: ${(error as Error).message}.` };
    }
  }
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested)) return { error: 'The reset body must be a JSON object.' };
  const fields = requested as Record<string, unknown>;
  const apiValue = Object.hasOwn(fields, 'api') ? fields['api'] : query['api'];
  let apis: string[];
  if (apiValue === undefined) apis = [...options.apis];
  else if (typeof apiValue === 'string') apis = apiValue.split(',').map((name) => name.trim());
  else if (Array.isArray(apiValue) && apiValue.every((name) => typeof name === 'string')) apis = apiValue;
  else return { error: `"api" must be an API name or a list of them, not ${JSON.stringify(apiValue)}.` };
  if (apis.length === 0) return { error: '"api" names no API.' };
  const unknown = apis.filter((id) => !options.apis.includes(id as ApiId));
  if (unknown.length > 0) return { error: `Not served by this mock: ${unknown.join(', ')}.` };
  const seed = Object.hasOwn(fields, 'seed') ? fields['seed'] : (query['seed'] ?? options.seed);
  if (seed !== 'documents' && seed !== 'empty') return { error: `Unknown seed ${JSON.stringify(seed)}: use "documents" or "empty".` };
  return { apis: [...new Set(apis)] as ApiId[], seed };
}
