// Prism's validator, router and their helpers, loaded from Prism's own modules so that the precomputed
// checks call exactly the code Prism calls; and the fp-ts shapes they answer in.
import { createRequire } from 'node:module';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation, IMediaTypeContent } from '@stoplight/types';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';

// Prism ships these as CommonJS modules outside its package entry point (which would also load its
// mocker and faker, a second of start-up we do not need).
const require = createRequire(import.meta.url);
const fromPrism = createRequire(require.resolve('@stoplight/prism-http/package.json'));

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
type Option<T> = { _tag: 'None' } | { _tag: 'Some'; value: T };
type Diagnostics = IPrismDiagnostic[];
export type Schema = Record<string, unknown>;
/** Prism's ValidationContext. */
export type Context = 0 | 1;
export const INPUT: Context = 0;
export const OUTPUT: Context = 1;

export const prism = {
  ...(fromPrism('./dist/validator/index.js') as {
    validateInput(input: { resource: IHttpOperation; element: IHttpRequest }): Either<Diagnostics, unknown>;
    validateOutput(input: { resource: IHttpOperation; element: IHttpResponse }): Either<Diagnostics, unknown>;
    validateMediaType(contents: IMediaTypeContent[], mediaType: string): Either<Diagnostics, unknown>;
  }),
  route: (fromPrism('./dist/router/index.js') as { default: (input: { resources: IHttpOperation[]; input: IHttpRequest }) => Either<Error & { status?: number }, IHttpOperation> }).default,
  ...(fromPrism('./dist/validator/validators/dateTime.js') as { fmtDef(validate: unknown, compare: unknown): object; date_time: unknown; compareDateTime: unknown }),
  Ajv: {
    default: (fromPrism('ajv') as { default: AjvClass }).default,
    draft2019_09: (fromPrism('ajv/dist/2019') as { default: AjvClass }).default,
    draft2020_12: (fromPrism('ajv/dist/2020') as { default: AjvClass }).default,
  },
  addFormats: (fromPrism('ajv-formats') as { default: (ajv: AjvInstance) => void }).default,
  ...(fromPrism('./dist/validator/validators/body.js') as {
    findContentByMediaTypeOrFirst(contents: IMediaTypeContent[], mediaType: string): Option<{ content: IMediaTypeContent }>;
  }),
  ...(fromPrism('./dist/validator/validators/headers.js') as { parseMIMEHeader(header: string): [string | undefined, string] }),
  ...(fromPrism('./dist/validator/utils/spec.js') as { findOperationResponse(responses: IHttpOperation['responses'], status: number): Option<IHttpOperation['responses'][number]> }),
  ...(fromPrism('./dist/validator/utils/wildcardMediaTypeMatch.js') as { wildcardMediaTypeMatch(a: string, b: string): boolean }),
  ...(fromPrism('./dist/utils/filterRequiredProperties.js') as {
    stripReadOnlyProperties(schema: Schema): Option<Schema>;
    stripWriteOnlyProperties(schema: Schema): Option<Schema>;
  }),
  deserializers: fromPrism('./dist/validator/deserializers/index.js') as Record<'query' | 'path' | 'header', Record<string, Deserializer>>,
  mergeAllOf: fromPrism('@stoplight/json-schema-merge-allof') as (schema: Schema, options: object) => Schema,
  UriTemplate: (fromPrism('uri-template-lite') as { URI: { Template: new (template: string) => { match(path: string): Record<string, unknown> | null } } }).URI.Template,
};

export type Deserializer = (name: string, parameters: Record<string, unknown>, schema: unknown, explode: boolean) => unknown;
type AjvClass = new (options: object) => AjvInstance;
export interface AjvInstance {
  compile(schema: object): { (value: unknown): boolean; errors?: unknown[] | null };
  addFormat(name: string, format: object): void;
}
