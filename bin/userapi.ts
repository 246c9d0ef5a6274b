#!/usr/bin/env node
// The single CLI of the project. Each subcommand lives beside the code it drives and exports
// `run(args): Promise<number>` (the exit code); they are imported lazily so `userapi lint`
// does not pay for loading the mock, and the reverse.
import process from 'node:process';

interface Subcommand {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  lint: {
    summary: 'lint the OpenAPI specs (each API, each profile) (Spectral + an independent OpenAPI validator)',
    load: () => import('../specs/lint.ts'),
  },
  coverage: {
    summary: 'regenerate specs/COVERAGE.md, document section to spec to fixtures (--check: fail when stale)',
    load: () => import('../specs/coverage.ts'),
  },
  types: {
    summary: 'regenerate specs/types/<spec>.ts from the specs (--check: fail when stale)',
    load: () => import('../specs/types.ts'),
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

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`);
  return ['usage: userapi <command> [options]', '', 'commands:', ...lines, '', "run 'userapi <command> --help' for a command's options"].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = SUBCOMMANDS[name];
  if (!command) {
    console.error(`userapi: unknown command '${name}'\n\n${usage()}`);
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
