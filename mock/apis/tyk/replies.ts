// The Tyk envelope `{"Status", "Message", "Meta"}`: refusals, and the pipeline's refusals of a request
// turned into the messages the specs give ("User object validation failed.", "Request body malformed.",
// ...), followed by what is wrong so that the message names the problem.
import type { ErrorEnvelope } from '../../../specs/types/tyk.ts';
import type { MockReply, Refusal } from '../../module.ts';
import { USER_OBJECT_INVALID, type TykProfile } from './profiles.ts';

export const NOT_AUTHORISED = 'Not authorised';
export const USER_NOT_FOUND = 'Could not retrieve user detail.';

export function errorEnvelope(status: number, message: string): MockReply {
  const body: ErrorEnvelope = { Status: 'Error', Message: message, Meta: null };
  return { status, body };
}

export function ok(message: string, meta: unknown): MockReply {
  return { status: 200, body: { Status: 'OK', Message: message, Meta: meta } };
}

export function userNotFound(): MockReply {
  return errorEnvelope(404, USER_NOT_FOUND);
}

/** A refusal of the shared pipeline in the Tyk shape; an invalid body as the profile answers it for that operation. */
export function refusalReply(profile: TykProfile, { status, message, reason, operationId, problems }: Refusal): MockReply {
  if (operationId === undefined) return errorEnvelope(status, message);
  const rule = profile.bodyRefusals[operationId] ?? USER_OBJECT_INVALID;
  if (reason === 'invalid-request' && problems && problems.every((problem) => problem.location === 'body')) {
    return errorEnvelope(rule.status, `${rule.sentence}: ${[...new Set(problems.map((problem) => plainProblem(problem.message)))].join('; ')}.`);
  }
  // A body that cannot be read (not JSON, not UTF-8) is a malformed body too; a wrong media type (415) is not.
  if (reason === 'unreadable-body' && status === 400) return errorEnvelope(rule.status, `${rule.sentence}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  return errorEnvelope(status, message);
}

function plainProblem(problem: string): string {
  if (problem === 'Body parameter is required') return 'a JSON body is required';
  if (problem === 'Request body must be object') return 'the body must be a JSON object';
  const required = /^Request body(?: property (\S+))? must have required property '([^']+)'$/.exec(problem);
  if (required) return `${required[1] ? `${required[1]}.` : ''}${required[2]} is required`;
  const empty = /^Request body property (\S+) must NOT have fewer than 1 characters$/.exec(problem);
  if (empty) return `${empty[1]} must not be empty`;
  return problem.replace(/^Request body property /, '').replace(/^Request body /, 'the body ').replace(' must NOT ', ' must not ');
}

