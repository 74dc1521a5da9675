import { agreementRegister } from '../../projections/agreements.js';
import { outreachRegister } from '../../projections/outreach.js';
import { passRegister } from '../../projections/pass-register.js';
import { trainingRegister } from '../../projections/trainings.js';
import type { AnyProjection } from './projection.js';

/** Every projection the application keeps; `samlogg rebuild` and the bench rebuild all of them. */
export const PROJECTIONS: readonly AnyProjection[] = [passRegister, agreementRegister, trainingRegister, outreachRegister];

/**
 * The categories of the streams whose events the projections read: an instance on EventStoreDB
 * subscribes to these only, not to the audit, id-claim and event-id reservation streams. The registry
 * test checks it against the demo log (every event a projection reads is in one of these).
 */
export const PROJECTION_CATEGORIES: readonly string[] = ['pass', 'kommun', 'training', 'outreach', 'outreach_session'];
