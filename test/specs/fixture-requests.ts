// Turning a documented example (a fixture) into the request and the response Prism validates, the way
// the specs read the documents: path placeholders become a plausible value, a JSON body the document sends
// as a form or without a Content-Type is JSON, and a response whose Content-Type the document does not
// show has the one the spec declares for it.
import type { IHttpOperation, IHttpOperationResponse, IMediaTypeContent, INodeExample } from '@stoplight/types';
import type { RequestData, ResponseData } from '../../specs/validation.ts';
import type { Fixture } from '../../fixtures/index.ts';

const PLACEHOLDER_SEGMENT = /^\{[^}]+\}$/;

type JsonSchemaLike = { type?: unknown; examples?: unknown[]; example?: unknown; default?: unknown; enum?: unknown[] };

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json(\s*;.*)?$/i.test(mediaType);
}

/** A value of a path parameter's type: its own example when the spec gives one, else 1 or 'placeholder'. */
function plausiblePathValue(operation: IHttpOperation, name: string): string {
  const parameter = operation.request?.path?.find((candidate) => candidate.name === name);
  if (!parameter) throw new Error(`${operation.iid}: no path parameter '${name}'`);
  const example = parameter.examples?.find((candidate): candidate is INodeExample => 'value' in candidate);
  if (example) return String(example.value);
  const schema = (parameter.schema ?? {}) as JsonSchemaLike;
  const given = schema.examples?.[0] ?? schema.example ?? schema.default ?? schema.enum?.[0];
  if (given !== undefined) return String(given);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('integer') || types.includes('number') ? '1' : 'placeholder';
}

/** The path with each `{PLACEHOLDER}` segment replaced by a value of the operation's parameter at that place. */
export function concretePath(operation: IHttpOperation, path: string): string {
  const template = operation.path.split('/');
  return path
    .split('/')
    .map((segment, index) => {
      const templateSegment = template[index] ?? '';
      if (!PLACEHOLDER_SEGMENT.test(segment) || !PLACEHOLDER_SEGMENT.test(templateSegment)) return segment;
      return encodeURIComponent(plausiblePathValue(operation, templateSegment.slice(1, -1)));
    })
    .join('/');
}

export function responseFor(operation: IHttpOperation, status: number): IHttpOperationResponse | undefined {
  return operation.responses.find((response) => response.code === String(status));
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** The request body contents the spec declares that a JSON body is validated against. */
export function jsonRequestContent(operation: IHttpOperation): IMediaTypeContent | undefined {
  return operation.request?.body?.contents?.find((content) => isJsonMediaType(content.mediaType));
}

export function fixtureRequest(operation: IHttpOperation, fixture: Fixture): RequestData {
  const headers = { ...fixture.request.headers };
  const body = fixture.request.body ?? undefined;
  const contentType = headerValue(headers, 'content-type');
  const isJsonBody = body !== undefined && typeof body !== 'string';
  if (isJsonBody && (contentType === undefined || !isJsonMediaType(contentType))) {
    // curl -d sends application/x-www-form-urlencoded; raw samples send no Content-Type. The specs record
    // (as quirks) that such a body is JSON, so that is how it is validated.
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-type') delete headers[key];
    headers['content-type'] = jsonRequestContent(operation)?.mediaType ?? 'application/json';
  }
  return {
    method: fixture.request.method,
    path: concretePath(operation, fixture.request.path),
    query: fixture.request.query,
    headers,
    body,
  };
}

/** The documented response; a body without a documented Content-Type gets the one the spec declares for its status. */
export function fixtureResponse(operation: IHttpOperation, fixture: Fixture): ResponseData {
  const headers = { ...fixture.response.headers };
  const body = fixture.response.body ?? undefined;
  const declared = responseFor(operation, fixture.response.status)?.contents?.[0]?.mediaType;
  if (body !== undefined && headerValue(headers, 'content-type') === undefined && declared !== undefined) headers['content-type'] = declared;
  return { status: fixture.response.status, headers, body };
}

/** An example value as the wire carries it for its media type (forms are strings; Prism parses them). */
export function encodeBody(mediaType: string, value: unknown): { contentType: string; body: unknown } {
  if (/^application\/x-www-form-urlencoded/i.test(mediaType) && isJsonObject(value)) {
    return { contentType: mediaType, body: new URLSearchParams(Object.entries(value).map(([key, field]): [string, string] => [key, String(field)])).toString() };
  }
  if (/^multipart\/form-data/i.test(mediaType) && isJsonObject(value)) {
    const boundary = 'userapi-example-boundary';
    const parts = Object.entries(value).map(([key, field]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${String(field)}\r\n`);
    return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` };
  }
  return { contentType: mediaType, body: value };
}

/** Every named example of a list of contents, with the media type it belongs to. */
export function namedExamples(contents: readonly IMediaTypeContent[] | undefined): Array<{ mediaType: string; example: INodeExample }> {
  return (contents ?? []).flatMap((content) =>
    (content.examples ?? []).filter((example): example is INodeExample => 'value' in example).map((example) => ({ mediaType: content.mediaType, example })),
  );
}

/** A status code that stands for a response key: '404' -> 404, '4XX' -> 400, 'default' -> 599. */
export function representativeStatus(code: string): number {
  if (/^[1-5]XX$/i.test(code)) return Number(code[0]) * 100;
  if (code === 'default') return 599;
  return Number(code);
}
