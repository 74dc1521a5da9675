/** Who made a command: carried in every event's metadata (user id, organisation, role). */
export interface Actor {
  readonly userId: string;
  readonly org: string;
  readonly role: string;
}

export interface RecordContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly now: Date;
  readonly requestId?: string;
  /** Set for the demo log so synthetic events can never be mistaken for real ones. */
  readonly synthetic?: boolean;
}
