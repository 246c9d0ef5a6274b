// "Changes exactly the named user": a write to one user is checked against neighbours a loosely matching
// server would also hit: one whose userId extends the target's (a prefix or LIKE match), one with the
// target's email (a match by email; skipped where the server refuses a second user with an email, which
// the document leaves open), one of the target's customer (a match by customer).
import type { CheckContext } from '../harness/check.ts';
import type { VaaOperation } from './answers.ts';
import { VaaDriver, newIdentity, type Identity } from './driver.ts';
import { expectStored } from './story.ts';

export interface Neighbour {
  why: string;
  identity: Identity;
  /** How it must look after the write to the target. */
  fields: Record<string, unknown>;
}

export interface Neighbourhood {
  target: Identity & { customerId: string };
  neighbours: Neighbour[];
}

export async function createNeighbourhood(context: CheckContext, driver: VaaDriver): Promise<Neighbourhood> {
  const base = newIdentity(context, 'target');
  const target = { ...base, customerId: context.uniqueName('cust') };
  const candidates: Array<{ why: string; identity: Identity; extra: Record<string, unknown>; optional?: boolean }> = [
    { why: 'its userId extends the target\'s', identity: { userId: `${target.userId}x`, email: `${target.userId}x@example.com` }, extra: {} },
    { why: 'it has the target\'s customer', identity: newIdentity(context, 'samecust'), extra: { customerId: target.customerId } },
    { why: 'it has the target\'s email', identity: { userId: newIdentity(context, 'samemail').userId, email: target.email }, extra: {}, optional: true },
  ];
  VaaDriver.deleteAfter(context, [target.userId, ...candidates.map((candidate) => candidate.identity.userId)]);
  await driver.createStandIn(context, { ...target, firstName: 'Target', lastName: 'User' }, 'POST the user the write names');
  const neighbours: Neighbour[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const fields = { ...candidate.identity, ...candidate.extra, firstName: 'Neighbour', lastName: `N${index + 1}`, status: 'active' };
    const { status: _status, ...body } = fields;
    if (candidate.optional) {
      const exchange = await driver.create(body);
      if (exchange.response.status < 200 || exchange.response.status >= 300) continue;
    } else await driver.createStandIn(context, body as Identity & Record<string, unknown>, `POST a neighbour (${candidate.why})`);
    neighbours.push({ why: candidate.why, identity: candidate.identity, fields });
  }
  return { target, neighbours };
}

/** Every neighbour is still there, exactly as it was: anything else is `operation`'s doing. */
export async function expectNeighboursIntact(driver: VaaDriver, neighbours: readonly Neighbour[], after: string, operation: VaaOperation): Promise<void> {
  for (const neighbour of neighbours) {
    await expectStored(driver, neighbour.identity.userId, neighbour.fields, `GET ?userId= of a neighbour (${neighbour.why}) after ${after}`, operation, 'neighbour-changed');
  }
}
