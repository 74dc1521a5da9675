import { z } from 'zod';

/**
 * The application's own records beside the domain's facts: id claims (`id-<uuid>`), the read audit
 * (`audit-<day>`) and retention runs (`retention-<date>`). No projection folds them, so they are not
 * in the DomainEvent union; their readers parse them with these schemas instead of trusting a cast,
 * and `samlogg verify --decode` checks them with the facts. All are at schema version 1.
 */
const text = z.string().min(1);

export const RECORD_SCHEMAS = {
  IdReserved: z.strictObject({ id: text, field: z.enum(['passId', 'raidId', 'encounterId', 'accountId', 'sessionId']), streamId: text }),
  PassDataRead: z.strictObject({ sub: z.string(), org: z.string(), role: z.string(), operation: text, passIds: z.array(z.string()), requestId: z.string(), at: z.iso.datetime() }),
  RetentionApplied: z.strictObject({ olderThan: text, cutoff: z.iso.date(), passIds: z.array(text) }),
};

export type RecordType = keyof typeof RECORD_SCHEMAS;
export type RecordDataOf<T extends RecordType> = z.infer<(typeof RECORD_SCHEMAS)[T]>;

export function isRecordType(type: string): type is RecordType {
  return Object.hasOwn(RECORD_SCHEMAS, type);
}

/** The record's data, or undefined when it does not have the shape its type says. */
export function parseRecord<T extends RecordType>(type: T, data: unknown): RecordDataOf<T> | undefined {
  const parsed = RECORD_SCHEMAS[type].safeParse(data);
  return parsed.success ? (parsed.data as RecordDataOf<T>) : undefined;
}

/** For verify: the path and rule of what is wrong with a record's data, never its value; undefined when nothing is. */
export function recordProblem(type: RecordType, data: unknown, schemaVersion: unknown): string | undefined {
  if (schemaVersion !== undefined && schemaVersion !== 1) return `${type}: schemaVersion must be 1, the one this version reads`;
  const parsed = RECORD_SCHEMAS[type].safeParse(data);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(data)';
  return `${type}: data.${field} ${issue?.code === 'unrecognized_keys' ? 'has a field this version does not know' : (issue?.message ?? 'is not valid')}`;
}
