import { ApiError, graphql, Offline } from '../graphql.js';
import type { Session } from '../session.js';
import { run } from './device-db.js';
import { getDraft, deleteDraft, putDraft } from './drafts.js';
import { afterRecorded, type QueuedCommand, type Refusal } from './model.js';

export type { Refusal };

/**
 * Submissions wait on the device (IndexedDB) until they are sent: a pass recorded in a stairwell
 * without network is kept, shown as waiting, and sent when the network returns. Commands go in
 * order, each with the id it got when it was made, so a command sent twice (its answer lost) is
 * recorded once. A refused command stops its submission, which stays, with the error, until the
 * user deals with it: nothing is dropped silently. Sent submissions are deleted from the device.
 */
export interface Submission {
  readonly id: string;
  readonly createdAt: number;
  /** What the user sees in the list, e.g. "Arbetspass 2022-05-10". */
  readonly label: string;
  /** The organisation that made it: only a user of the same organisation sends it. */
  readonly org: string;
  readonly commands: readonly QueuedCommand[];
  /** Index of the next command to send. */
  next: number;
  state: 'waiting' | 'rejected';
  error?: Refusal;
  /** The draft it was made from: deleted once everything is sent, given the refusal otherwise. */
  readonly draftId?: string;
}

export const putSubmission = (submission: Submission) => run('outbox', 'readwrite', (store) => store.put(submission)).then(() => undefined);
export const deleteSubmission = (id: string) => run('outbox', 'readwrite', (store) => store.delete(id)).then(() => undefined);
export const allSubmissions = async () => ((await run('outbox', 'readonly', (store) => store.getAll())) as Submission[]).sort((a, b) => a.createdAt - b.createdAt);

let syncing: Promise<unknown> = Promise.resolve();

interface SyncResult {
  readonly sent: number;
  readonly offline: boolean;
}

/** Sends what waits, oldest first; one sync at a time, a second call runs after the first (and so sees what was added meanwhile). */
export function syncOutbox(session: Session): Promise<SyncResult> {
  const next = syncing.catch(() => undefined).then(() => sendWaiting(session));
  syncing = next;
  return next;
}

async function sendWaiting(session: Session): Promise<SyncResult> {
  let sent = 0;
  for (const submission of await allSubmissions()) {
    if (submission.state !== 'waiting' || submission.org !== session.org) continue;
    while (submission.next < submission.commands.length) {
      const command = submission.commands[submission.next] as QueuedCommand;
      try {
        await graphql(session, `mutation ($input: ${command.inputType}!) { ${command.mutation}(input: $input) { revision } }`, { input: command.input });
      } catch (error) {
        if (error instanceof Offline) return { sent, offline: true };
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') throw error;
        const refusal = error instanceof ApiError ? error : new ApiError('INTERNAL_SERVER_ERROR', String(error));
        submission.state = 'rejected';
        submission.error = { code: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}), ...(refusal.rule ? { rule: refusal.rule } : {}), command: command.type, index: submission.next, ...(command.part ? { part: command.part } : {}), parts: submission.commands.map((c) => c.part ?? null) };
        await putSubmission(submission);
        await returnToDraft(submission);
        break;
      }
      submission.next += 1;
      sent += 1;
      await putSubmission(submission);
    }
    if (submission.state === 'waiting' && submission.next >= submission.commands.length) {
      await deleteSubmission(submission.id);
      if (submission.draftId) await deleteDraft(submission.draftId);
    }
  }
  return { sent, offline: false };
}

/**
 * A refused submission goes back to its draft, which now knows what the log holds (the commands
 * before the refused one), so sending it again sends only the rest. The submission itself is done.
 */
async function returnToDraft(submission: Submission): Promise<void> {
  if (!submission.draftId) return;
  const stored = await getDraft(submission.draftId);
  if (!stored) return;
  let recorded = stored.draft.recorded;
  for (const command of submission.commands.slice(0, submission.next)) recorded = afterRecorded(recorded, command);
  await putDraft({ ...stored, sending: false, updatedAt: Date.now(), draft: { ...stored.draft, ...(recorded ? { recorded } : {}) }, ...(submission.error ? { refusal: submission.error } : {}) });
  await deleteSubmission(submission.id);
}
