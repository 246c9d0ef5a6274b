// One operation's precomputed checks: what validating its requests and replies needs that depends only
// on the spec, so that a valid message is passed without Prism's per-request work.
import type { IHttpOperation, IHttpParam, IMediaTypeContent } from '@stoplight/types';
import { essenceOf, headerValue, type RequestData, type ResponseData } from './messages.ts';
import { INPUT, OUTPUT, prism, type Deserializer } from './prism.ts';
import { bodyCheck, ParameterChecks, type BodyCheck } from './schema-checks.ts';

interface ResponseChecks {
  contents: readonly IMediaTypeContent[];
  headers: ParameterChecks | undefined;
  /** By Content-Type as declared (validateResponse rewrites the sent one to it): whether Prism accepts it, and the body's check. */
  byMediaType: Map<string | undefined, { accepted: boolean; body: BodyCheck | null }>;
}

/**
 * What validating one operation's requests and replies needs that depends only on the spec, computed on
 * first use. `requestIsValid` and `responseIsValid` answer true only when Prism's validateInput or
 * validateOutput would find nothing; false sends the message through Prism.
 */
export class OperationChecks {
  private readonly operation: IHttpOperation;
  private readonly bundle: unknown;
  private readonly query: ParameterChecks | undefined;
  private readonly headers: ParameterChecks | undefined;
  private readonly path: { template: { match(path: string): Record<string, unknown> | null }; parameters: ParameterChecks } | undefined;
  /** By the Content-Type given to Prism: whether the media type is accepted, and the body's check. */
  private readonly requestBodies = new Map<string | undefined, { supported: boolean; body: BodyCheck | null } | null>();
  private readonly responses = new Map<number, ResponseChecks | null>();

  constructor(operation: IHttpOperation) {
    this.operation = operation;
    this.bundle = (operation as { __bundled__?: unknown }).__bundled__;
    const request = operation.request;
    const parameters = (specs: readonly IHttpParam[] | undefined, deserializers: Record<string, Deserializer>, style: string): ParameterChecks | undefined =>
      specs && specs.length > 0 ? new ParameterChecks(specs, deserializers, style, this.bundle) : undefined;
    this.query = parameters(request?.query, prism.deserializers.query, 'form');
    this.headers = parameters(request?.headers, prism.deserializers.header, 'simple');
    const pathParameters = parameters(request?.path, prism.deserializers.path, 'simple');
    // validator/index.js getPathParams parses the template on every request.
    this.path = pathParameters && { template: new prism.UriTemplate(operation.path), parameters: pathParameters };
  }

  /** validator/index.js validateInput. */
  requestIsValid(request: RequestData): boolean {
    if (!this.operation.request) return true;
    if (!this.requestBodyIsValid(request)) return false;
    if (this.query && !this.query.isValid(request.query)) return false;
    if (this.headers && !this.headers.isValid(request.headers)) return false;
    return !this.path || this.path.parameters.isValid(this.path.template.match(request.path));
  }

  /** validator/index.js validateInputBody. */
  private requestBodyIsValid(request: RequestData): boolean {
    const specBody = this.operation.request?.body;
    if (specBody?.required && !request.body) return false;
    const check = this.requestBodyCheck(headerValue(request.headers, 'content-type'));
    if (check === null) return false;
    const contentLength = Number.parseInt(headerValue(request.headers, 'content-length') as string) || 0;
    if (contentLength !== 0 && !check.supported) return false;
    // Only a body that is there, for an operation that declares one, is judged by the schema.
    if (request.body === undefined || request.body === null || !specBody) return true;
    if (check.body === null) return false;
    return check.body.validate === undefined || check.body.validate(request.body);
  }

  /**
   * For the media types the spec declares for this body (as sent, or as their essence) and for none;
   * any other Content-Type is left to Prism (null), so this cache cannot grow with what clients send.
   */
  private requestBodyCheck(contentType: string | undefined): { supported: boolean; body: BodyCheck | null } | null {
    if (this.requestBodies.has(contentType)) return this.requestBodies.get(contentType)!;
    const specBody = this.operation.request?.body;
    const contents = specBody?.contents ?? [];
    const known = contentType === undefined || contents.some((content) => content.mediaType === contentType || essenceOf(content.mediaType) === contentType);
    if (!known) return null;
    let check: { supported: boolean; body: BodyCheck | null } | null = null;
    try {
      const mediaType = contentType ? prism.parseMIMEHeader(contentType)[1] : undefined;
      const supported = specBody !== undefined && (mediaType === undefined || specBody.contents === undefined || specBody.contents.some((content) => !content.mediaType || prism.wildcardMediaTypeMatch(mediaType, content.mediaType)));
      check = { supported, body: bodyCheck(contents, mediaType, INPUT, this.bundle) };
    } catch {
      // Prism throws on this header: leave it to Prism.
    }
    this.requestBodies.set(contentType, check);
    return check;
  }

  /** validator/index.js validateOutput. */
  responseIsValid(response: ResponseData): boolean {
    const checks = this.responseChecks(response.status);
    if (!checks) return false;
    const mediaType = headerValue(response.headers, 'content-type');
    const byMediaType = checks.byMediaType.get(mediaType);
    if (!byMediaType || !byMediaType.accepted || !byMediaType.body) return false;
    if (byMediaType.body.validate !== undefined && !byMediaType.body.validate(response.body)) return false;
    return !checks.headers || checks.headers.isValid(response.headers);
  }

  /** Null when the status is not declared (a problem) or its headers have deprecated ones (Prism warns). */
  private responseChecks(status: number): ResponseChecks | null {
    if (this.responses.has(status)) return this.responses.get(status)!;
    let checks: ResponseChecks | null = null;
    const found = prism.findOperationResponse(this.operation.responses, status);
    if (found._tag === 'Some') {
      const response = found.value;
      const contents = response.contents ?? [];
      const headerSpecs = response.headers ?? [];
      const headers = headerSpecs.length > 0 ? new ParameterChecks(headerSpecs, prism.deserializers.header, 'simple', this.bundle) : undefined;
      const byMediaType = new Map<string | undefined, { accepted: boolean; body: BodyCheck | null }>();
      for (const mediaType of [undefined, ...contents.map((content) => content.mediaType)]) {
        const accepted = contents.length === 0 || (mediaType !== undefined && prism.validateMediaType(contents as IMediaTypeContent[], mediaType)._tag === 'Right');
        byMediaType.set(mediaType, { accepted, body: bodyCheck(contents, mediaType, OUTPUT, this.bundle) });
      }
      if (!headers?.hasDeprecated) checks = { contents, headers, byMediaType };
    }
    this.responses.set(status, checks);
    return checks;
  }
}
