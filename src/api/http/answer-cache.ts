import type { OutgoingHttpHeaders } from 'node:http';

/**
 * Answers to aggregate queries (steering figures, statistics, summaries), kept until the log moves
 * on. An answer is a pure function of the query, the caller's role and organisation, what they
 * accept, the projections' position and the Stockholm day (periods default to "until today"), so
 * an answer made at one position is the answer at that position: no expiry to tune, no staleness.
 */
interface CachedAnswer {
  readonly position: number;
  readonly day: string;
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/** Roots whose answers depend on nothing but the log and the arguments, and whose reads are not audited. */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['steeringFigures', 'statistics', 'tertialSummary', 'tertialReport', '__typename']);

// Headers that belong to one response, not to the answer: the replay sets its own. CORS permission
// depends on the asking origin, so it is decided per request and never kept with an answer.
const PER_RESPONSE = /^(x-request-id|date|connection|keep-alive|transfer-encoding|content-length|ratelimit.*|retry-after|access-control-.*|set-cookie)$/i;

export class AnswerCache {
  private readonly answers = new Map<string, CachedAnswer>();
  /** Answers served from here, for the bench and the tests. */
  hits = 0;

  constructor(
    private readonly maxEntries = 1_000,
    private readonly maxBytes = 256 * 1024,
  ) {}

  /** The answer for `key` made at exactly this position and day, or undefined. */
  get(key: string, position: number, day: string): CachedAnswer | undefined {
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    if (answer.position !== position || answer.day !== day) {
      this.answers.delete(key);
      return undefined;
    }
    // Least recently used goes first: re-inserting moves the key to the end of the Map's order.
    this.answers.delete(key);
    this.answers.set(key, answer);
    this.hits += 1;
    return answer;
  }

  set(key: string, answer: Omit<CachedAnswer, 'headers'> & { headers: OutgoingHttpHeaders }): void {
    if (answer.body.length > this.maxBytes) return;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !PER_RESPONSE.test(name)) headers[name] = value;
    this.answers.delete(key);
    this.answers.set(key, { ...answer, headers });
    if (this.answers.size > this.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
  }

  get size(): number {
    return this.answers.size;
  }
}

export const cacheKey = (role: string, org: string, accept: string, body: string) => `${role}\u0000${org}\u0000${accept}\u0000${body}`;
