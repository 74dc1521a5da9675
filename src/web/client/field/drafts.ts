import { run } from './device-db.js';
import { upgradeDraft, type PassDraft, type Refusal } from './model.js';

/**
 * Drafts on the device: a pass being filled in is written to IndexedDB at every keystroke, so a
 * reload, a crash or a flat battery loses nothing. A draft stays until all its commands are in the
 * log; one that was sent and refused comes back with the refusal, to be put right and sent again.
 */
export interface StoredDraft {
  /** The pass id: one draft per pass. */
  readonly id: string;
  readonly org: string;
  readonly updatedAt: number;
  readonly draft: PassDraft;
  /** Handed to the outbox: hidden from the list of unfinished drafts until it is sent or refused. */
  readonly sending?: boolean;
  readonly refusal?: Refusal;
}

let writing: Promise<unknown> = Promise.resolve();

/** Writes in the order asked, so a slow write never overwrites a later keystroke. */
export function putDraft(stored: StoredDraft): Promise<void> {
  const next = writing.catch(() => undefined).then(() => run('drafts', 'readwrite', (store) => store.put(structuredClone(stored))));
  writing = next;
  return next.then(() => undefined);
}

/** A kept draft under today's field names, however old the app that kept it. */
const upgraded = (stored: StoredDraft): StoredDraft => ({ ...stored, draft: upgradeDraft(stored.draft) });

export const getDraft = (id: string) =>
  writing
    .catch(() => undefined)
    .then(() => run('drafts', 'readonly', (store) => store.get(id)) as Promise<StoredDraft | undefined>)
    .then((stored) => stored && upgraded(stored));
export const deleteDraft = (id: string) => {
  const next = writing.catch(() => undefined).then(() => run('drafts', 'readwrite', (store) => store.delete(id)));
  writing = next;
  return next.then(() => undefined);
};
export const allDrafts = async (org: string) =>
  ((await writing.catch(() => undefined).then(() => run('drafts', 'readonly', (store) => store.getAll()))) as StoredDraft[]).filter((d) => d.org === org).sort((a, b) => b.updatedAt - a.updatedAt).map(upgraded);
