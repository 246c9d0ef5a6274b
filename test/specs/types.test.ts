// The handler and check types are generated from the specs (openapi-typescript); a spec change must be
// followed by `npm run types`, or the code would be typed against a spec that no longer exists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPECS } from '../../specs/apis.ts';
import { generateTypes, typesPath } from '../../specs/types.ts';

describe('specs/types/<spec>.ts', () => {
  it.each(SPECS.map((spec) => [spec.name, spec] as const))('%s is what openapi-typescript generates from the spec today', async (_name, spec) => {
    expect(readFileSync(typesPath(spec), 'utf8')).toBe(await generateTypes(spec));
  });
});
