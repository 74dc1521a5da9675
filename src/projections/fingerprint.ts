import { createHash } from 'node:crypto';

/**
 * A fingerprint of the code lists a projection's saved state encodes values by (an enum's order, the
 * kommun reference data): a state keeps a value as its index in such a list, so the same bytes read
 * against a reordered or edited list would name other values. The engine saves the fingerprint with
 * the state and folds again from zero when it differs, instead of re-labelling saved figures.
 */
export function codesFingerprint(codes: Readonly<Record<string, readonly string[]>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(codes).sort()) hash.update(JSON.stringify([name, codes[name]]));
  return hash.digest('hex');
}
