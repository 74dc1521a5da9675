import type { ProjectedEvent, Projection } from '../src/projections/projection.js';
import { agreementRegister, type AgreementRegister } from './agreements.js';
import { passRegister } from './pass-register.js';
import { drain } from '../src/projections/steps.js';
import { deserializeInSteps as passRegisterFromSteps, serializeInSteps as passRegisterInSteps } from './pass-register-codec.js';
import type { PassRegister } from './pass-register-rows.js';

/**
 * The two registers a report is drawn from, folded together: an as-of question reads the log once for
 * both, and one snapshot serves both. The fold is each register's own; the saved form is the pass
 * register's bytes (after their length, u32 LE) followed by the agreements' JSON.
 */
export interface ReportRegisters {
  register: PassRegister;
  agreements: AgreementRegister;
}

const partsOf = (bytes: Uint8Array) => {
  const length = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(0);
  if (4 + length > bytes.byteLength) throw new Error('the saved report registers are cut short');
  return { pass: bytes.subarray(4, 4 + length), agreements: bytes.subarray(4 + length) };
};

function* serializeInSteps(state: ReportRegisters): Generator<void, Uint8Array> {
  const pass = yield* passRegisterInSteps(state.register);
  const agreements = agreementRegister.serialize(state.agreements);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(pass.byteLength, 0);
  return Buffer.concat([length, pass, agreements]);
}

function* deserializeInSteps(bytes: Uint8Array): Generator<void, ReportRegisters> {
  const parts = partsOf(bytes);
  const register = yield* passRegisterFromSteps(parts.pass);
  return { register, agreements: agreementRegister.deserialize(parts.agreements) };
}

export const reportRegisters: Projection<ReportRegisters> = {
  name: 'report-registers',
  // Either fold's new version is a new version of both together.
  version: passRegister.version * 1000 + agreementRegister.version,
  // The pass register's codes are in its snapshots too: another vocabulary or kommun list makes them stale.
  ...(passRegister.fingerprint ? { fingerprint: passRegister.fingerprint } : {}),
  eventTypes: new Set([...passRegister.eventTypes, ...agreementRegister.eventTypes]),
  init: () => ({ register: passRegister.init(), agreements: agreementRegister.init() }),
  apply(state: ReportRegisters, event: ProjectedEvent): ReportRegisters {
    if (passRegister.eventTypes.has(event.type)) state.register = passRegister.apply(state.register, event);
    if (agreementRegister.eventTypes.has(event.type)) state.agreements = agreementRegister.apply(state.agreements, event);
    return state;
  },
  serialize: (state) => drain(serializeInSteps(state)),
  deserialize: (bytes) => drain(deserializeInSteps(bytes)),
  serializeInSteps,
  deserializeInSteps,
};
