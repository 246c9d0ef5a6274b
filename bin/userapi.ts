#!/usr/bin/env node
// The single CLI of the project. Each subcommand lives beside the code it drives and exports
// `run(args): Promise<number>` (the exit code); they are imported lazily so `userapi lint`
// does not pay for loading the mock, and the reverse.
import process from 'node:process';
import { packageManifest } from '../project.ts';

interface Subcommand {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
  /** Regenerates files of the source tree: offered only there, never in the installed package. */
  development?: true;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  lint: {
    summary: 'lint the OpenAPI specs (each API, each profile) (Spectral + an independent OpenAPI validator)',
    load: () => import('../specs/lint.ts'),
  },
  coverage: {
    summary: 'regenerate specs/COVERAGE.md, document section to spec to fixtures (--check: fail when stale)',
    load: () => import('../specs/coverage.ts'),
    development: true,
  },
  types: {
    summary: 'regenerate specs/types/<spec>.ts from the specs (--check: fail when stale)',
    load: () => import('../specs/types.ts'),
    development: true,
  },
  mock: {
    summary: 'serve the stateful mock of the three APIs (default http://127.0.0.1:4010)',
    load: () => import('../mock/cli.ts'),
  },
  certify: {
    summary: 'certify an implementation of one API (or the bundled mock) and write a report',
    load: () => import('../suites/certify/cli.ts'),
  },
  cleanup: {
    summary: "finish the clean-up of a killed certify run from its ledger (--report-dir DIR)",
    load: () => import('../suites/certify/cleanup-cli.ts'),
  },
};

// Run as TypeScript: the repository. Run as the compiled JavaScript of dist/: an installed package.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const OFFERED = Object.fromEntries(Object.entries(SUBCOMMANDS).filter(([, command]) => FROM_SOURCE || !command.development));

/** The Node.js this is not enough for, as a message; undefined when it is. package.json's engines says which. */
function nodeTooOld(): string | undefined {
  const required = /^>=\s*(\d+)(?:\.(\d+))?/.exec(packageManifest().engines?.node ?? '');
  if (!required) return undefined;
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = [Number(required[1]), Number(required[2] ?? 0)];
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `userapi needs Node.js ${required[0].replace(/\s+/g, '')} and this is ${process.versions.node}.\nWithout it installed, let npx fetch it for this command: npx -p node@${needMajor} userapi ${process.argv.slice(2).join(' ')}`.trimEnd();
}

function usage(): string {
  const lines = Object.entries(OFFERED).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`);
  return ['usage: userapi <command> [options]', '', 'commands:', ...lines, '', "run 'userapi <command> --help' for a command's options; 'userapi --version' for the version"].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    console.log(packageManifest().version);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const tooOld = nodeTooOld();
  if (tooOld !== undefined) {
    console.error(tooOld);
    return 1;
  }
  const command = OFFERED[name];
  if (!command) {
    const why = SUBCOMMANDS[name] ? `'${name}' regenerates files of the source tree: it runs only in the project's repository` : `unknown command '${name}'`;
    console.error(`userapi: ${why}\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
