/**
 * The log's tables. `position` is the rowid, written explicitly as the head + 1, so positions run
 * 1, 2, 3… without gaps and serve as the global position. `hash` chains each event to the one before
 * (chain.ts); it may be NULL only so that a log written before the chain can be migrated.
 */
export const EVENTS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  hash        BLOB,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
