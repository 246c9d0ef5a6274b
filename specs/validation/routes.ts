// Routing with each operation's path template taken apart once, answering as Prism's router does.
import type { IHttpOperation } from '@stoplight/types';
import type { RouteResult } from './messages.ts';

function templateMatches(template: string, path: string): boolean {
  const templateParts = template.split('/');
  const pathParts = path.split('/');
  return templateParts.length === pathParts.length && templateParts.every((part, index) => part.startsWith('{') || part === pathParts[index]);
}

export function allowedMethods(operations: readonly IHttpOperation[], path: string): string[] {
  return [...new Set(operations.filter((operation) => templateMatches(operation.path, path)).map((operation) => operation.method.toUpperCase()))];
}

/** Prism's router/matchPath.js decodePathFragment. */
function decodePathFragment(fragment: string): string {
  try {
    return fragment && decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const TEMPLATED = /{(.+)}/;

interface Route {
  operation: IHttpOperation;
  /** Its position in the spec: Prism prefers the later of two equally good matches. */
  index: number;
  method: string;
  /** The template's raw segments (`path.split('/')`), for Prism's match score. */
  parts: string[];
  /** Per decoded segment: the literal it must equal, or the pattern a templated segment must match. */
  segments: Array<string | RegExp>;
  templated: boolean;
}

/**
 * Prism's router (router/index.js), with each operation's path template taken apart once. Prism sorts
 * every operation by a match score on every request, then takes the first operation whose decoded
 * segments all match (literals equal, templated segments match their pattern) and whose method is the
 * request's: a literal path before a templated one, then the highest score, then the later operation.
 * Here the same operations are compared with the same rules without the sort.
 */
export class RouteTable {
  private readonly operations: readonly IHttpOperation[];
  /** By number of segments: a path only ever matches templates with as many. */
  private readonly bySegmentCount = new Map<number, Route[]>();

  constructor(operations: readonly IHttpOperation[]) {
    this.operations = operations;
    for (const [index, operation] of operations.entries()) {
      const segments = operation.path.split('/').slice(1).map(decodePathFragment).map((segment) =>
        // matchPath.js: `{name}` becomes `(.*)`, the rest of the segment is literal (and unanchored).
        TEMPLATED.test(segment) ? new RegExp(segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^\\]+\\\}/g, '(.*)')) : segment,
      );
      const route: Route = { operation, index, method: operation.method.toLowerCase(), parts: operation.path.split('/'), segments, templated: segments.some((segment) => segment instanceof RegExp) };
      const routes = this.bySegmentCount.get(segments.length) ?? [];
      routes.push(route);
      this.bySegmentCount.set(segments.length, routes);
    }
  }

  route(method: string, path: string): RouteResult {
    // Prism refuses a path without a leading slash (no status: our 404), as it does an empty spec.
    if (!path.startsWith('/') || this.operations.length === 0) return { kind: 'no-path' };
    const wanted = method.toLowerCase();
    const requestSegments = path.split('/').slice(1).map(decodePathFragment);
    const requestParts = path.split('/');
    let pathMatched = false;
    let best: { route: Route; score: number } | undefined;
    for (const route of this.bySegmentCount.get(requestSegments.length) ?? []) {
      const matches = route.segments.every((segment, index) => (typeof segment === 'string' ? segment === requestSegments[index] : segment.test(requestSegments[index]!)));
      if (!matches) continue;
      pathMatched = true;
      if (route.method !== wanted) continue;
      const score = matchScore(route.parts, requestParts);
      if (!best || isBetter(route, score, best.route, best.score)) best = { route, score };
    }
    if (best) return { kind: 'matched', operation: best.route.operation };
    if (pathMatched) return { kind: 'no-method', allowedMethods: allowedMethods(this.operations, path) };
    return { kind: 'no-path' };
  }
}

/** router/index.js calculateMatchScore, on the raw segments. */
function matchScore(templateParts: readonly string[], requestParts: readonly string[]): number {
  let score = 0;
  for (const [index, part] of templateParts.entries()) {
    if (part === requestParts[index]) score += 1;
    else if (TEMPLATED.test(part)) score += 0.5;
    else break;
  }
  return score;
}

function isBetter(route: Route, score: number, than: Route, thanScore: number): boolean {
  if (route.templated !== than.templated) return !route.templated;
  if (score !== thanScore) return score > thanScore;
  return route.index > than.index;
}
