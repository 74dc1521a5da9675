import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { Command } from '../domain/commands.js';
import type { DataKeyStore } from '../store/data-keys.js';
import { FREE_TEXT_FIELDS } from './free-text.js';

/** Namespace for event ids derived from command ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '0d4c6f2e-93a1-4c55-8f7b-2b8e5d1a7c90';

const NAMESPACE_BYTES = Buffer.from(EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace's bytes and the name's UTF-8) in the
 * event id namespace. The `uuid` package's v5 gives the same ids (the unit test holds them equal); it
 * converts the name byte by byte in JavaScript, and ran twice per mutation.
 */
function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the n-th event a command produces. Deriving it from the commandId makes a retry append the
 * same ids, which the store recognises as the same append.
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}/${index}`);
}

/** The id of the event that claims `id` for a command (see id-reservations.ts): a retry claims with the same id. */
export function reservationEventIdFor(commandId: string, id: string): string {
  return uuidV5(`${commandId}/claims/${id.toLowerCase()}`);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fingerprint of a command's content as the first recorder wrote it: kept to recognise retries of old commands. */
export function commandHash(command: Command): string {
  return sha256(canonical(command));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const FINGERPRINT_V2 = '2:';
/** A fingerprint's text part when the text was sealed under no lasting key (the stream's was destroyed). */
const TEXT_NOT_KEPT = '-';

/**
 * A command's identity for recognising retries: a commandId reused for a different command is refused,
 * not taken as a retry. The fingerprint written to every event's metadata must not outlive the free
 * text it covers: a plain hash of the whole command would let anyone with the log guess an erased area
 * or reason offline. So it has two parts: a plain hash of everything but the free text (which the event
 * data holds in the clear anyway), and an HMAC of the free text under a key derived from the stream's
 * data key, which retention destroys with the text.
 */
export interface CommandIdentity {
  /** Whether a fingerprint read from the log is this command's (a stream erased by retention: its structure only). */
  matches(stored: string): boolean;
  /** The fingerprint to record; makes the stream's data key when the command has free text and none exists. */
  fingerprint(): string;
}

export function commandIdentity(command: Command, owner: string, keys: DataKeyStore | undefined): CommandIdentity {
  const record = command as unknown as Record<string, unknown>;
  const texts = FREE_TEXT_FIELDS.filter((field) => typeof record[field] === 'string');
  const structure = sha256(canonical(Object.fromEntries(Object.entries(record).filter(([field]) => !texts.includes(field)))));
  const text = canonical(Object.fromEntries(texts.map((field) => [field, record[field]])));
  const mac = (key: Buffer) => createHmac('sha256', Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'samlogg command fingerprint v2', 32))).update(text).digest('hex').slice(0, 16);
  const textPart = (create: boolean): string | undefined => {
    if (texts.length === 0) return '';
    // Without data keys (tests of the core) the text itself is stored as given: a plain hash hides nothing more.
    if (!keys) return sha256(text);
    const key = keys.find(owner);
    if (key) return mac(key);
    if (keys.destroyed(owner)) return undefined;
    return create ? mac(keys.keyFor(owner)) : undefined;
  };
  return {
    matches(stored) {
      if (stored === '') return true;
      if (!stored.startsWith(FINGERPRINT_V2)) return stored === commandHash(command);
      const [storedStructure, storedText = ''] = stored.slice(FINGERPRINT_V2.length).split('.');
      if (storedStructure !== structure) return false;
      if ((storedText === '') !== (texts.length === 0)) return false;
      if (storedText === '' || storedText === TEXT_NOT_KEPT) return true;
      const now = textPart(false);
      // The key is gone with the text: what the text was can no longer be told, by us or anyone.
      return now === undefined ? true : now === storedText;
    },
    fingerprint() {
      return `${FINGERPRINT_V2}${structure}.${textPart(true) ?? TEXT_NOT_KEPT}`;
    },
  };
}
