// Real clients send the API's paths in any case (`/CxRestAPI/auth/users`); Prism routes case-sensitively,
// so a path is mapped to the spec's spelling before it is routed.

/** The spec's path templates. */
const SPEC_PATHS = [
  '/cxrestapi/auth/identity/connect/token',
  '/cxrestapi/auth/AuthenticationProviders',
  '/cxrestapi/auth/Teams',
  '/cxrestapi/auth/Users',
  '/cxrestapi/auth/Users/migration',
  '/cxrestapi/auth/Users/{id}',
];

export function ownsPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === '/cxrestapi' || lower.startsWith('/cxrestapi/');
}

/** `path` as the spec spells it; the most specific template wins: /Users/migration rather than /Users/{id}. */
export function toSpecPath(path: string): string {
  const segments = path.split('/');
  let best: { path: string; staticSegments: number } | undefined;
  for (const template of SPEC_PATHS) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let staticSegments = 0;
    const matches = parts.every((part, index) => {
      const segment = segments[index] as string;
      if (part.startsWith('{')) return segment !== '';
      staticSegments += 1;
      return part.toLowerCase() === segment.toLowerCase();
    });
    if (matches && (!best || staticSegments > best.staticSegments)) {
      best = { path: parts.map((part, index) => (part.startsWith('{') ? (segments[index] as string) : part)).join('/'), staticSegments };
    }
  }
  return best?.path ?? path;
}
