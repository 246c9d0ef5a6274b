// The benchmark's command line: its flags and their defaults, read into Options.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from './servers.ts';

export const HELP = `usage: npm run bench [-- options]

  --sections 1,2,3,4   which measurements (default all): 1 throughput, 2 state size, 3 certify, 4 start-up
  --scenarios A,B      only these requests of section 1 (ids as in latest.json, e.g. vaa-list-3)
  --seconds N          length of one measured window (default 3)
  --repeats N          measured windows per server, interleaved (default 5; the median is reported)
  --warmup N           seconds of load before the first window (default 2)
  --sizes A,B,C        store sizes of section 2 (default 10,10000,100000)
  --startups N         start-ups measured in section 4 (default 5)
  --baseline DIR       also measure the mock of another checkout of this project (e.g. the previous
                       commit), side by side with this one, in sections 1, 2 (sizes up to 10,000) and 4
  --out DIR            where latest.json and latest.md go (default reports/bench)`;

export interface Options {
  sections: Set<number>;
  scenarios: string[] | undefined;
  seconds: number;
  repeats: number;
  warmup: number;
  sizes: number[];
  startups: number;
  baseline: string | undefined;
  out: string;
}

export function parseOptions(args: string[]): Options | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      sections: { type: 'string', default: '1,2,3,4' },
      scenarios: { type: 'string' },
      seconds: { type: 'string', default: '3' },
      repeats: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      sizes: { type: 'string', default: '10,10000,100000' },
      startups: { type: 'string', default: '5' },
      baseline: { type: 'string' },
      out: { type: 'string', default: join(PROJECT_ROOT, 'reports/bench') },
    },
  });
  if (values.help) return 'help';
  const numbers = (text: string): number[] => text.split(',').map((part) => Number(part.trim()));
  return {
    sections: new Set(numbers(values.sections)),
    scenarios: values.scenarios?.split(',').map((id) => id.trim()),
    seconds: Number(values.seconds),
    repeats: Number(values.repeats),
    warmup: Number(values.warmup),
    sizes: numbers(values.sizes),
    startups: Number(values.startups),
    baseline: values.baseline === undefined ? undefined : resolve(values.baseline),
    out: resolve(values.out),
  };
}
