import { ApiError, graphql, Offline } from '../graphql.js';
import type { Session } from '../session.js';
import type { QueuedCommand } from './model.js';

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
  error?: { code: string; message: string; field?: string; command: string };
}

const DB = 'samlogg';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export const putSubmission = (submission: Submission) => run('readwrite', (store) => store.put(submission)).then(() => undefined);
export const deleteSubmission = (id: string) => run('readwrite', (store) => store.delete(id)).then(() => undefined);
export const allSubmissions = async () => ((await run('readonly', (store) => store.getAll())) as Submission[]).sort((a, b) => a.createdAt - b.createdAt);

let syncing: Promise<unknown> = Promise.resolve();

export interface SyncResult {
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
        submission.error = { code: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}), command: command.type };
        await putSubmission(submission);
        break;
      }
      submission.next += 1;
      sent += 1;
      await putSubmission(submission);
    }
    if (submission.state === 'waiting' && submission.next >= submission.commands.length) await deleteSubmission(submission.id);
  }
  return { sent, offline: false };
}
