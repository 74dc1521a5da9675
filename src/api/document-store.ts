import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/**
 * Apollo keeps each parsed and validated document by its text, by default up to 30 MiB of the
 * documents' JSON: 9,000 to 17,000 of the bench's questions (1.8–3.5 KB of JSON each, the period
 * written in the text), and on the heap several times that. A caller asking a different period each
 * time (a user moving a date, or a flood) filled it with documents asked once, and the heap the
 * garbage collector marks grew from 140 to over 300 MB in the bench's uncached phase at 1M events,
 * with pauses to match. The field app's and the report pages' documents are a few dozen and fit many
 * times over in this bound (it holds 300 to 570 of the bench's questions); a document pushed out is
 * only parsed and validated again (well under a millisecond).
 */
export const DOCUMENT_STORE_BYTES = 2 ** 20;

/** The store of parsed documents the server's Apollo keeps, bounded by DOCUMENT_STORE_BYTES. */
export function documentStore(): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_STORE_BYTES });
}
