import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FREE_TEXT_FIELDS } from '../domain/commands.js';
import type { DataKeyStore } from '../store/data-keys.js';

/**
 * Free text (an area, a reason) is sealed with its stream's data key before it is appended, and
 * opened when read. Retention destroys the key: the text can no longer be read, while every event
 * and count stays. AES-256-GCM, the stream id as associated data, so a sealed text cannot be moved
 * to another stream and opened there. Which fields are free text is read off the command schemas.
 */
export { FREE_TEXT_FIELDS };
const PREFIX = 'sealed:v1:';

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

function sealText(key: Buffer, owner: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

type OpenedText = { readonly text: string } | { readonly erased: true };

export function openText(keys: DataKeyStore, owner: string, value: string): OpenedText {
  if (!isSealed(value)) return { text: value };
  const key = keys.find(owner);
  if (!key) return { erased: true };
  const [iv, body] = value.slice(PREFIX.length).split('.') as [string, string];
  const sealed = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return { text: Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8') };
}

/** An event's data with its free-text fields sealed for `owner` (the stream). */
export function sealFreeText<T>(keys: DataKeyStore, owner: string, data: T): T {
  if (!data || typeof data !== 'object') return data;
  const fields = FREE_TEXT_FIELDS.filter((field) => typeof (data as Record<string, unknown>)[field] === 'string');
  if (fields.length === 0) return data;
  // Retention destroyed the stream's key: new text for it (a retraction's reason) is erased as it is
  // written, under a key nobody keeps, so a pass past the limit can still be corrected and retracted.
  const key = keys.destroyed(owner) ? randomBytes(32) : keys.keyFor(owner);
  const sealed: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) sealed[field] = sealText(key, owner, sealed[field] as string);
  return sealed as T;
}

/** An event's data with its free-text fields opened; an erased text stays sealed (it reads as nothing). */
export function openFreeText<T>(keys: DataKeyStore, owner: string, data: T): T {
  if (!data || typeof data !== 'object') return data;
  let opened: Record<string, unknown> | undefined;
  for (const field of FREE_TEXT_FIELDS) {
    const value = (data as Record<string, unknown>)[field];
    if (!isSealed(value)) continue;
    const text = openText(keys, owner, value);
    if ('text' in text) (opened ??= { ...(data as Record<string, unknown>) })[field] = text.text;
  }
  return (opened ?? data) as T;
}
