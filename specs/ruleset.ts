// The Spectral ruleset of the lint gate: `spectral:oas` (its recommended rules) plus the project's own
// conventions from CONTRIBUTING.md, each a small named rule of severity error so that a test can break a
// copy of a spec and see exactly that rule fire.
import { createRulesetFunction, type RuleDefinition, type RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { defined, schema, truthy } from '@stoplight/spectral-functions';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const DOC_SOURCES = ['document', 'facts', 'real-clients', 'project'] as const;

const OPERATIONS = '$.paths[*][get,put,post,delete,options,head,patch,trace]';

const docReferenceSchema = {
  type: 'object',
  required: ['source', 'section', 'quote'],
  properties: {
    source: { enum: [...DOC_SOURCES] },
    section: { type: 'string', minLength: 1 },
    quote: { type: 'string', minLength: 1 },
    statusCodes: { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
  },
};

const QUIRK_FIELDS = ['id', 'section', 'quote', 'reading', 'why'] as const;
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A response key that stands for a 2xx status: '200', '204', '2XX'. */
function isSuccessStatus(key: string): boolean {
  return /^2([0-9]{2}|XX)$/i.test(key);
}

/** Whether a declared response key ('404', '4XX', 'default') covers a status code. */
export function responseKeyCovers(key: string, status: number): boolean {
  if (key === String(status)) return true;
  return /^[1-5]XX$/i.test(key) && key[0] === String(status)[0];
}

const hasSuccessResponse = createRulesetFunction<unknown, null>({ input: null, options: null }, (responses) => {
  if (isObject(responses) && Object.keys(responses).some(isSuccessStatus)) return [];
  return [{ message: 'the operation declares no 2xx response' }];
});

// "The documented 4xx responses" are enforced here: x-doc.statusCodes lists what the document gives.
const documentedStatusCodesHaveResponses = createRulesetFunction<unknown, null>({ input: null, options: null }, (operation, _options, context) => {
  if (!isObject(operation) || !isObject(operation['x-doc'])) return [];
  const statusCodes = operation['x-doc'].statusCodes;
  if (statusCodes === undefined) return [];
  if (!Array.isArray(statusCodes)) return [{ message: 'x-doc.statusCodes must be a list of status codes', path: [...context.path, 'x-doc', 'statusCodes'] }];
  const responseKeys = isObject(operation.responses) ? Object.keys(operation.responses) : [];
  return statusCodes
    .filter((status) => !responseKeys.some((key) => responseKeyCovers(key, Number(status))))
    .map((status) => ({
      message: `the document gives status ${String(status)} (x-doc.statusCodes) but the operation has no response for it`,
      path: [...context.path, 'responses'],
    }));
});

// Request bodies always need an example; a response media type needs one when it has a schema (a body
// without a schema is "no content" or opaque, and has nothing to show).
const hasNamedExample = createRulesetFunction<unknown, null>({ input: null, options: null }, (mediaType, _options, context) => {
  if (!isObject(mediaType)) return [];
  const isRequestBody = context.path.includes('requestBody');
  if (!isRequestBody && mediaType.schema === undefined) return [];
  if (isObject(mediaType.examples) && Object.keys(mediaType.examples).length > 0) return [];
  const what = isRequestBody ? 'request body' : 'response';
  return [{ message: `${what} media type '${String(context.path.at(-1))}' has no named example (content.<media>.examples.<name>)` }];
});

const quirkList = createRulesetFunction<unknown, null>({ input: null, options: null }, (quirks, _options, context) => {
  if (quirks === undefined) return [];
  if (!Array.isArray(quirks)) return [{ message: 'x-doc-quirks must be a list' }];
  const results: Array<{ message: string; path: Array<string | number> }> = [];
  const seen = new Set<string>();
  quirks.forEach((quirk: unknown, index) => {
    const path = [...context.path, index];
    if (!isObject(quirk)) {
      results.push({ message: 'a quirk must be an object', path });
      return;
    }
    for (const field of QUIRK_FIELDS) {
      const value = quirk[field];
      if (typeof value !== 'string' || value.trim() === '') results.push({ message: `quirk is missing '${field}' (a non-empty string)`, path });
    }
    const id = quirk.id;
    if (typeof id !== 'string') return;
    if (!KEBAB_CASE.test(id)) results.push({ message: `quirk id '${id}' is not a kebab-case slug`, path: [...path, 'id'] });
    if (seen.has(id)) results.push({ message: `quirk id '${id}' is used twice`, path: [...path, 'id'] });
    seen.add(id);
  });
  return results;
});

const quirkReferenceExists = createRulesetFunction<unknown, null>({ input: null, options: null }, (reference, _options, context) => {
  const data = context.document.data;
  const quirks = isObject(data) && Array.isArray(data['x-doc-quirks']) ? (data['x-doc-quirks'] as unknown[]) : [];
  const ids = new Set(quirks.filter(isObject).map((quirk) => quirk.id));
  const names: unknown[] = Array.isArray(reference) ? reference : [reference];
  return names
    .filter((name) => typeof name !== 'string' || !ids.has(name))
    .map((name) => ({ message: `x-doc-quirk '${String(name)}' names no entry of x-doc-quirks` }));
});

const error = 'error' as const;

export const projectRules: Record<string, RuleDefinition> = {
  'userapi-operation-id': {
    description: 'Every operation has an operationId.',
    message: 'operation has no operationId',
    severity: error,
    given: OPERATIONS,
    then: { field: 'operationId', function: truthy },
  },
  'userapi-operation-summary': {
    description: 'Every operation has a summary.',
    message: 'operation has no summary',
    severity: error,
    given: OPERATIONS,
    then: { field: 'summary', function: truthy },
  },
  'userapi-operation-security': {
    description: 'Every operation states its security explicitly (`[]` for the login and token endpoints).',
    message: 'operation has no explicit security (use [] for none)',
    severity: error,
    given: OPERATIONS,
    then: { field: 'security', function: defined },
  },
  'userapi-operation-success-response': {
    description: 'Every operation has at least one 2xx response.',
    message: '{{error}}',
    severity: error,
    given: `${OPERATIONS}.responses`,
    then: { function: hasSuccessResponse },
  },
  'userapi-x-doc': {
    description: 'Every operation, parameter, request body, response and security scheme says where it comes from.',
    message: 'x-doc: {{error}}',
    severity: error,
    given: [
      OPERATIONS,
      '$.paths[*].parameters[*]',
      `${OPERATIONS}.parameters[*]`,
      `${OPERATIONS}.requestBody`,
      `${OPERATIONS}.responses[*]`,
      '$.components.securitySchemes[*]',
    ],
    then: { field: 'x-doc', function: schema, functionOptions: { schema: docReferenceSchema } },
  },
  'userapi-x-doc-status-codes': {
    description: 'Every status code the document gives (x-doc.statusCodes) has a response.',
    message: '{{error}}',
    severity: error,
    given: OPERATIONS,
    then: { function: documentedStatusCodesHaveResponses },
  },
  'userapi-examples': {
    description: 'Every request body media type, and every response media type with a schema, has a named example.',
    message: '{{error}}',
    severity: error,
    given: [`${OPERATIONS}.requestBody.content[*]`, `${OPERATIONS}.responses[*].content[*]`],
    then: { function: hasNamedExample },
  },
  'userapi-json-schema-dialect': {
    description: 'jsonSchemaDialect is 2020-12: without it Prism validates 3.1 schemas as draft-07.',
    message: `jsonSchemaDialect must be ${JSON_SCHEMA_DIALECT}: {{error}}`,
    severity: error,
    given: '$',
    then: { field: 'jsonSchemaDialect', function: schema, functionOptions: { schema: { const: JSON_SCHEMA_DIALECT } } },
  },
  'userapi-x-doc-quirks': {
    description: 'x-doc-quirks entries have a unique kebab-case id, a section, a quote, a reading and a why.',
    message: '{{error}}',
    severity: error,
    given: '$',
    then: { field: 'x-doc-quirks', function: quirkList },
  },
  'userapi-x-doc-quirk-reference': {
    description: 'Every x-doc-quirk names an existing quirk id.',
    message: '{{error}}',
    severity: error,
    // The document as written: through $refs the same reference would be reported once per use.
    resolved: false,
    given: "$..['x-doc-quirk']",
    then: { function: quirkReferenceExists },
  },
};

export const ruleset: RulesetDefinition = {
  extends: [[oas as RulesetDefinition, 'recommended']],
  rules: projectRules,
};
