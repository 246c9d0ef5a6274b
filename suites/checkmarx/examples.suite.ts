import { registerChecks } from '../harness/register.ts';
import { exampleChecks } from './examples.ts';

registerChecks(exampleChecks);
