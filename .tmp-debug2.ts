import fc from 'fast-check';
const orig = fc.asyncModelRun;
let seqs = 0, cmds = 0;
const counts = new Map<string, number>();
(fc as any).asyncModelRun = undefined;
