import { registerChecks } from '../harness/register.ts';
import { negativeChecks } from './negative.ts';

registerChecks(negativeChecks);
