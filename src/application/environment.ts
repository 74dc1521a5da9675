/**
 * What NODE_ENV says this process is. Read case-insensitively (`Production` is production), and
 * failing closed: a value we do not know (`prod`, `staging`, a typo) counts as production, so a
 * mistyped setting can only take conveniences away, never add them. Unset is its own case: no
 * production rules, but none of development's conveniences either unless asked for.
 */
export type Environment = 'development' | 'test' | 'production' | 'unset';

export function environmentOf(nodeEnv: string | undefined): Environment {
  const value = nodeEnv?.trim().toLowerCase();
  if (!value) return 'unset';
  if (value === 'development' || value === 'test' || value === 'production') return value;
  return 'production';
}

/** Whether NODE_ENV was set to something other than development, test or production (and so counts as production). */
export function isUnrecognisedEnvironment(nodeEnv: string | undefined): boolean {
  const value = nodeEnv?.trim().toLowerCase();
  return Boolean(value) && value !== 'development' && value !== 'test' && value !== 'production';
}
