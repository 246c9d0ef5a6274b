// Where the project's own files are, at run time: the one place that knows. The code runs from two
// layouts: the source tree (project.ts at the root, run by Node 24 directly) and the installed package
// (dist/project.js, beside the specs' YAML and the fixtures' JSON that `files` ships at the package
// root). Both find the root by walking up to the package.json that names this package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageManifest {
  name: string;
  version: string;
  engines?: { node?: string };
}

const PACKAGE_NAME = 'user-api-conformance';

function findRoot(start: string): string {
  for (let directory = start, levels = 0; levels < 4; directory = dirname(directory), levels += 1) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return directory;
  }
  throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${start}: the package is incomplete`);
}

/** The package root: the repository's root, or node_modules/user-api-conformance once installed. */
export const PROJECT_ROOT: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/** An absolute path to a file the package ships, from its path under the package root ('specs', 'vaa.openapi.yaml'). */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}

let manifest: PackageManifest | undefined;

export function packageManifest(): PackageManifest {
  manifest ??= JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as PackageManifest;
  return manifest;
}

/** 'user-api-conformance@0.1.0': what reports and `--version` name. */
export function toolVersion(): string {
  const { name, version } = packageManifest();
  return `${name}@${version}`;
}
