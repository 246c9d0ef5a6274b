// Prism's router and validators, behind a small synchronous interface with plain results.
//
// Everything that validates a request or a response against a spec goes through here: the mock (every
// request and every response), the tests (every fixture, every mock response) and certify. Prism exposes
// these as fp-ts functions over its own operation objects; we unwrap the Either once, here, so callers
// write plain code. Prism caches compiled schemas by object identity, so the operations are loaded once
// per spec (see load.ts) and reused.
//
// Speed (the mock validates every request and every reply): Prism redoes per request much that depends
// only on the spec (it sorts every operation to route, parses each path template, rebuilds parameter
// schemas, re-parses media types). Here that is done once per operation (validation/routes.ts,
// validation/operation-checks.ts, validation/schema-checks.ts). A request or reply those checks find
// valid gets no problems at once; anything else (a problem, or a case they do not cover) goes through
// Prism's own validateInput/validateOutput (validation/prism-only.ts), whose diagnostics are the answer.
// So every problem reported is still Prism's, word for word, and "valid" means what it means to Prism:
// the checks follow Prism's code step by step (each names the Prism function it stands for), call
// Prism's own helpers (validation/prism.ts), compile the same schemas with Ajv configured as Prism
// configures it, and test/specs/validation-fast-path.test.ts compares them with Prism alone on every
// fixture and variants.
import type { IHttpOperation } from '@stoplight/types';
import { DEFAULT_PROFILE, type ApiId, type Profile } from './apis.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadPrismOperations, prismOperationsFromDocument } from './load.ts';
import type { Problem, RequestData, ResponseData, RouteResult } from './validation/messages.ts';
import { OperationChecks } from './validation/operation-checks.ts';
import { prismOnly, withDeclaredMediaType } from './validation/prism-only.ts';
import { RouteTable } from './validation/routes.ts';

export { describeProblems, type HttpMethod, type Problem, type RequestData, type ResponseData, type RouteResult } from './validation/messages.ts';
export { prismOnly } from './validation/prism-only.ts';

export class SpecValidator {
  readonly api: ApiId;
  readonly profile: Profile;
  readonly operations: readonly IHttpOperation[];
  private readonly byOperationId: Map<string, IHttpOperation>;
  private readonly routes: RouteTable;
  private readonly checks = new Map<IHttpOperation, OperationChecks>();

  private constructor(api: ApiId, profile: Profile, operations: IHttpOperation[]) {
    this.api = api;
    this.profile = profile;
    this.operations = operations;
    this.byOperationId = new Map(operations.map((operation) => [operation.iid ?? operation.id, operation]));
    this.routes = new RouteTable(operations);
  }

  static async load(api: ApiId, profile: Profile = DEFAULT_PROFILE): Promise<SpecValidator> {
    return new SpecValidator(api, profile, await loadPrismOperations(api, profile));
  }

  /** A validator for a modified copy of a spec (not cached: each call builds Prism's operations anew). */
  static async fromDocument(api: ApiId, document: OpenAPIV3_1.Document, profile: Profile = DEFAULT_PROFILE): Promise<SpecValidator> {
    return new SpecValidator(api, profile, await prismOperationsFromDocument(document));
  }

  operation(operationId: string): IHttpOperation {
    const operation = this.byOperationId.get(operationId);
    if (!operation) throw new Error(`${this.api}: no operation '${operationId}' in the spec`);
    return operation;
  }

  route(method: string, path: string): RouteResult {
    return this.routes.route(method, path);
  }

  /** Validates parameters, media type and body. Security is the caller's business: it is stateful. */
  validateRequest(operation: IHttpOperation, request: RequestData): Problem[] {
    if (this.checksOf(operation).requestIsValid(request)) return [];
    return prismOnly.validateRequest(operation, request);
  }

  /**
   * Validates status, media type (by essence: see withDeclaredMediaType), headers and body; an undeclared
   * status is a problem too. A response without a body is not faulted for its missing media type; its
   * missing body is still judged by the schema.
   */
  validateResponse(operation: IHttpOperation, response: ResponseData): Problem[] {
    if (this.checksOf(operation).responseIsValid(withDeclaredMediaType(operation, response))) return [];
    return prismOnly.validateResponse(operation, response);
  }

  private checksOf(operation: IHttpOperation): OperationChecks {
    let checks = this.checks.get(operation);
    if (!checks) {
      checks = new OperationChecks(operation);
      this.checks.set(operation, checks);
    }
    return checks;
  }
}
