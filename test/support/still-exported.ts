/**
 * Exports no other file names, still exported on purpose: a public entry point (a name read by
 * something other than an import), with the reason beside it. Empty: every export is imported
 * somewhere else.
 */
export const STILL_EXPORTED: ReadonlyArray<readonly [file: string, name: string]> = [];
