// `userapi types`: the TypeScript types of each spec, generated with openapi-typescript into
// specs/types/<spec>.ts (`tyk.ts`, `tyk-5.8.ts`, ...), so handlers and checks are typed from the specs rather than retyped by hand.
// `--check` fails when a committed file is stale (run by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { SPECS, type SpecDescription } from './apis.ts';

export function typesPath(spec: SpecDescription): string {
  return fileURLToPath(new URL(`./types/${spec.name}.ts`, import.meta.url));
}

export async function generateTypes(spec: SpecDescription): Promise<string> {
  const ast = await openapiTS(pathToFileURL(spec.specPath), { alphabetize: false, exportType: false, rootTypes: true, rootTypesNoSchemaPrefix: true });
  const header = `// Generated from specs/${spec.name}.openapi.yaml by \`userapi types\` (openapi-typescript). Do not edit.\n`;
  return header + astToString(ast);
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: userapi types [--check]\n\nRegenerates specs/types/<spec>.ts from the specs; --check only reports stale files.');
    return 0;
  }
  let stale = 0;
  for (const spec of SPECS) {
    const generated = await generateTypes(spec);
    const path = typesPath(spec);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing file is stale.
    }
    if (current === generated) continue;
    if (values.check) {
      console.error(`specs/types/${spec.name}.ts is stale: run 'npm run types'`);
      stale += 1;
    } else {
      writeFileSync(path, generated);
      console.log(`wrote specs/types/${spec.name}.ts`);
    }
  }
  return stale > 0 ? 1 : 0;
}
