import { agreementRegister } from '../../projections/agreements.js';
import { outreachRegister } from '../../projections/outreach.js';
import { passRegister } from '../../projections/pass-register.js';
import { trainingRegister } from '../../projections/trainings.js';
import type { AnyProjection } from './projection.js';

/** Every projection the application keeps; `samlogg rebuild` and the bench rebuild all of them. */
export const PROJECTIONS: readonly AnyProjection[] = [passRegister, agreementRegister, trainingRegister, outreachRegister];
