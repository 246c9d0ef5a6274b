import { registerChecks } from '../harness/register.ts';
import { propertyChecks } from './properties.ts';

registerChecks(propertyChecks);
