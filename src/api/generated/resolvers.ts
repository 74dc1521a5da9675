/* Generated from schema.graphql by `npm run codegen`; do not edit. */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PassView as PassModel, EncounterView as EncounterModel } from '../../../projections/pass-views.js';
import type { ApiContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date in Stockholm, written YYYY-MM-DD (a pass date, the ends of a period). */
  Date: { input: string; output: string; }
  /** An instant, ISO-8601 with an offset (e.g. 2022-09-15T12:00:00+02:00). */
  DateTime: { input: Date; output: Date; }
};

export type AccountPayment =
  | 'NONE'
  | 'ORGANISATION_CARD'
  /** A member of staff's private card: seed 001 calls this unacceptable. */
  | 'PRIVATE_CARD';

export type Actor = {
  __typename?: 'Actor';
  org: Scalars['String']['output'];
  role: Scalars['String']['output'];
  userId: Scalars['String']['output'];
};

export type AgeBand =
  | 'AGE_15_17'
  | 'AGE_18_20'
  | 'AGE_21_25'
  | 'AGE_26_35'
  | 'AGE_36_45'
  | 'AGE_46_PLUS'
  | 'UNDER_15'
  | 'UNKNOWN';

export type AgeBandCount = {
  __typename?: 'AgeBandCount';
  ageBand: AgeBand;
  persons: Scalars['Int']['output'];
};

/**
 * CONNECTED: an agreement is in effect on the date. NOT_CONNECTED: none is, and the log knows the
 * kommun's status. UNKNOWN: the log holds no agreement fact about the kommun. PROVIDER: Stockholms
 * stad. OUTSIDE_AREA: any other kommun, or abroad. HOME_KOMMUN_UNKNOWN: the home kommun is not known.
 */
export type AgreementStatus =
  | 'CONNECTED'
  | 'HOME_KOMMUN_UNKNOWN'
  | 'NOT_CONNECTED'
  | 'OUTSIDE_AREA'
  | 'PROVIDER'
  | 'UNKNOWN';

export type Agreements = {
  __typename?: 'Agreements';
  connected: Array<KommunRef>;
  notConnected: Array<KommunRef>;
  /** How many kommuner the offer is made to (26). */
  offeredTo: Scalars['Int']['output'];
  on: Scalars['Date']['output'];
  /** Quoted from seed 002, never derived: the log does not say which four kommuner joined by then. */
  quotedMay2024: QuotedFigure;
  unknown: Array<KommunRef>;
};

/** One read of pass-level data: who, what, when, and the request it came with. */
export type AuditRecord = {
  __typename?: 'AuditRecord';
  at: Scalars['DateTime']['output'];
  operation: Scalars['String']['output'];
  org: Scalars['String']['output'];
  passIds: Array<Scalars['ID']['output']>;
  requestId: Scalars['String']['output'];
  role: Scalars['String']['output'];
  sub: Scalars['String']['output'];
};

export type BlockAccountInput = {
  accountId: Scalars['ID']['input'];
  commandId: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
};

/** A figure that differs between the report as presented at asOf and as the log stands now. */
export type ChangedSince = {
  __typename?: 'ChangedSince';
  measure: Scalars['String']['output'];
  now?: Maybe<Scalars['Int']['output']>;
  /** current (the tertial) or cumulative (since April 2021) */
  scope: Scalars['String']['output'];
  then?: Maybe<Scalars['Int']['output']>;
};

export type CommandResult = {
  __typename?: 'CommandResult';
  commandId: Scalars['ID']['output'];
  passId: Scalars['ID']['output'];
  /** The pass's revision after the command: send it as expectedRevision with the next one. */
  revision: Scalars['Int']['output'];
};

export type ConcernReport = {
  __typename?: 'ConcernReport';
  kommun: Scalars['String']['output'];
  /** The provision the report was made under on that date (reference/legal-basis.csv), e.g. 14 kap. 1 § socialtjänstlagen (2001:453). */
  legalBasis?: Maybe<Scalars['String']['output']>;
  on: Scalars['Date']['output'];
};

export type ConfirmNotConnectedInput = {
  commandId: Scalars['ID']['input'];
  kommun: Scalars['String']['input'];
  on: Scalars['Date']['input'];
  reference?: InputMaybe<Scalars['String']['input']>;
};

export type ContactGuardianInput = {
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
  passId: Scalars['ID']['input'];
};

/** Only the fields that change. */
export type CorrectEncounterInput = {
  ageBand?: InputMaybe<AgeBand>;
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  gender?: InputMaybe<Gender>;
  homeKommun?: InputMaybe<Scalars['String']['input']>;
  passId: Scalars['ID']['input'];
  raidId?: InputMaybe<Scalars['ID']['input']>;
  role?: InputMaybe<Role>;
};

/** Only the fields that change. */
export type CorrectPassInput = {
  /**
   * The new area (short free text, at most 120 characters; never a name, number or address).
   * null clears the area; left out, the area stays as it is. An empty text is refused.
   */
  area?: InputMaybe<Scalars['String']['input']>;
  commandId: Scalars['ID']['input'];
  date?: InputMaybe<Scalars['Date']['input']>;
  kind?: InputMaybe<PassKind>;
  passId: Scalars['ID']['input'];
  units?: InputMaybe<Array<Unit>>;
};

export type CostShareBase =
  | 'CONNECTED'
  | 'COUNTY';

export type CostShareReport = {
  __typename?: 'CostShareReport';
  base: CostShareBase;
  /** The date whose connected kommuner form a CONNECTED base. */
  on?: Maybe<Scalars['Date']['output']>;
  /** The base's population in the year used. */
  population: Scalars['Int']['output'];
  populationYear: Scalars['Int']['output'];
  rows: Array<CostShareRow>;
  totalSek: Scalars['Int']['output'];
};

export type CostShareRow = {
  __typename?: 'CostShareRow';
  amountSek: Scalars['Int']['output'];
  kommun: KommunRef;
  population: Scalars['Int']['output'];
};

export type DiscloseOrganisationInput = {
  accountId: Scalars['ID']['input'];
  commandId: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
};

/**
 * INTERNAL: every count, for the steering groups. PUBLIC: for anyone outside them; counts from 1 to the
 * threshold (default 4, SAMLOGG_SMALL_CELL_THRESHOLD) are masked, and further counts so that no masked
 * count can be worked out exactly from the shown ones: for a `statistics` result, from its own totals; for
 * `tertialSummary` and `tertialReport`, from every figure and table of every tertial's report together
 * (cumulative figures included). Bounds are not hidden (see the README). A masked count is null and listed
 * in `masked`, never made up.
 */
export type Disclosure =
  | 'INTERNAL'
  | 'PUBLIC';

export type Encounter = {
  __typename?: 'Encounter';
  ageBand: AgeBand;
  /** Null when not filed yet, and for police users (see withheldReason). */
  concernReport?: Maybe<ConcernReport>;
  gender?: Maybe<Gender>;
  /** Null when not contacted yet, and for police users (see withheldReason). */
  guardianContactedOn?: Maybe<Scalars['Date']['output']>;
  homeKommun: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  raidId?: Maybe<Scalars['ID']['output']>;
  retracted: Scalars['Boolean']['output'];
  role: Role;
  /** Null for police users (see withheldReason): support is a social-services-only fact. */
  supportOfferedBy?: Maybe<Array<Unit>>;
  under18: Scalars['Boolean']['output'];
  /** Why social-services-only facts above are null for this user; null when nothing is withheld. */
  withheldReason?: Maybe<Scalars['String']['output']>;
};

export type EncounterRefInput = {
  encounterId: Scalars['ID']['input'];
  passId: Scalars['ID']['input'];
};

export type EndAgreementInput = {
  commandId: Scalars['ID']['input'];
  /** Last day in effect. */
  effectiveUntil: Scalars['Date']['input'];
  kommun: Scalars['String']['input'];
  reference?: InputMaybe<Scalars['String']['input']>;
};

/** Why a pass or encounter of the period is not counted. */
export type ExclusionReason =
  /** The encounter does not match the filter or the cell's values. */
  | 'ENCOUNTER_NOT_MATCHING'
  | 'ENCOUNTER_RETRACTED'
  | 'NOT_UNDER_18'
  | 'NO_SUPPORT_OFFERED'
  /** The pass's units are not POLIS together with a social-services unit. */
  | 'PASS_NOT_JOINT'
  /** The pass does not match the filter or the cell's pass-level values. */
  | 'PASS_NOT_MATCHING'
  | 'PASS_RETRACTED'
  /** The encounter's current role is not the one the figure counts. */
  | 'ROLE_NOT_COUNTED';

/** An event of the log that makes a pass or encounter count as it does. */
export type FigureEvent = {
  __typename?: 'FigureEvent';
  /** Global position in the log (a commit position on EventStoreDB: may exceed 2^31, hence Float). */
  position: Scalars['Float']['output'];
  recordedAt: Scalars['DateTime']['output'];
  type: Scalars['String']['output'];
};

export type FigureExplanation = {
  __typename?: 'FigureExplanation';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  /** The figure: how many members are counted (over every page). Equal to the figure the query answers. */
  count: Scalars['Int']['output'];
  endCursor?: Maybe<Scalars['String']['output']>;
  from: Scalars['Date']['output'];
  hasNextPage: Scalars['Boolean']['output'];
  members: Array<FigureMember>;
  /** True when the list holds only passes the caller's own unit took part in (field users). */
  restricted: Scalars['Boolean']['output'];
  to: Scalars['Date']['output'];
  /** Members listed over every page: the counted ones, and the excluded ones when asked. */
  totalMembers: Scalars['Int']['output'];
};

export type FigureMember = {
  __typename?: 'FigureMember';
  counted: Scalars['Boolean']['output'];
  /** Null when the figure counts passes. */
  encounterId?: Maybe<Scalars['ID']['output']>;
  events: Array<FigureEvent>;
  passId: Scalars['ID']['output'];
  /** Why it is not counted; null when counted. */
  reason?: Maybe<ExclusionReason>;
};

/** One set of figures minus another. */
export type FiguresChange = {
  __typename?: 'FiguresChange';
  exposed?: Maybe<Scalars['Int']['output']>;
  exposedUnder18?: Maybe<Scalars['Int']['output']>;
  jointPasses?: Maybe<Scalars['Int']['output']>;
  /** Changes not shown because a figure they compare is masked. */
  masked: Array<MaskedCount>;
  offeredSupport?: Maybe<Scalars['Int']['output']>;
  suspectedBuyers?: Maybe<Scalars['Int']['output']>;
  suspectedBuyersUnder18?: Maybe<Scalars['Int']['output']>;
};

export type FileConcernReportInput = {
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  /** The SCB code of the kommun whose social services received the report. */
  kommun: Scalars['String']['input'];
  on: Scalars['Date']['input'];
  passId: Scalars['ID']['input'];
};

export type Gender =
  | 'MAN'
  | 'OTHER'
  | 'UNKNOWN'
  | 'WOMAN';

export type GenderCount = {
  __typename?: 'GenderCount';
  /** A Gender value, or NOT_GIVEN. */
  gender: Scalars['String']['output'];
  persons: Scalars['Int']['output'];
};

export type KommunEncounters = {
  __typename?: 'KommunEncounters';
  /** The home kommun's place in the county offer on the pass date (see AgreementStatus). */
  agreementStatus: Scalars['String']['output'];
  /** An SCB kommun code, ABROAD or UNKNOWN. */
  code: Scalars['String']['output'];
  encounters: ReportCell;
  name: Scalars['String']['output'];
};

export type KommunRef = {
  __typename?: 'KommunRef';
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type LocationType =
  | 'APARTMENT'
  | 'CLUB'
  | 'HOTEL'
  | 'ONLINE_ARRANGED'
  | 'OTHER'
  | 'STREET';

export type MaskedCount = {
  __typename?: 'MaskedCount';
  measure: Scalars['String']['output'];
  reason: SuppressionReason;
};

export type MonthPasses = {
  __typename?: 'MonthPasses';
  /** YYYY-MM */
  month: Scalars['String']['output'];
  passes: ReportCell;
};

/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type Mutation = {
  __typename?: 'Mutation';
  blockAccount: RecordedCommand;
  confirmNotConnected: RecordedCommand;
  contactGuardian: CommandResult;
  correctEncounter: CommandResult;
  correctPass: CommandResult;
  discloseOrganisation: RecordedCommand;
  endAgreement: RecordedCommand;
  fileConcernReport: CommandResult;
  notifyKommun: RecordedCommand;
  offerSupport: CommandResult;
  recordEncounter: CommandResult;
  recordOutreachSession: RecordedCommand;
  recordPass: CommandResult;
  recordRaid: CommandResult;
  recordTraining: RecordedCommand;
  registerAccount: RecordedCommand;
  retractEncounter: CommandResult;
  retractPass: CommandResult;
  signAgreement: RecordedCommand;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationBlockAccountArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: BlockAccountInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationConfirmNotConnectedArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: ConfirmNotConnectedInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationContactGuardianArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: ContactGuardianInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationCorrectEncounterArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: CorrectEncounterInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationCorrectPassArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: CorrectPassInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationDiscloseOrganisationArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: DiscloseOrganisationInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationEndAgreementArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: EndAgreementInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationFileConcernReportArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: FileConcernReportInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationNotifyKommunArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: NotifyKommunInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationOfferSupportArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: OfferSupportInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRecordEncounterArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RecordEncounterInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRecordOutreachSessionArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RecordOutreachSessionInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRecordPassArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RecordPassInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRecordRaidArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RecordRaidInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRecordTrainingArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RecordTrainingInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRegisterAccountArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RegisterAccountInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRetractEncounterArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RetractEncounterInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationRetractPassArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: RetractPassInput;
};


/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type MutationSignAgreementArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  input: SignAgreementInput;
};

export type NotifyKommunInput = {
  commandId: Scalars['ID']['input'];
  encounters: Array<EncounterRefInput>;
  kommun: Scalars['String']['input'];
  on: Scalars['Date']['input'];
};

export type OfferSupportInput = {
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  passId: Scalars['ID']['input'];
  unit: Unit;
};

export type OpenSafeguardingAction = {
  __typename?: 'OpenSafeguardingAction';
  ageHours: Scalars['Int']['output'];
  encounterId: Scalars['ID']['output'];
  homeKommun: Scalars['String']['output'];
  missing: Array<SafeguardingAction>;
  overdue: Scalars['Boolean']['output'];
  passDate: Scalars['Date']['output'];
  passId: Scalars['ID']['output'];
  passUnits: Array<Unit>;
  /** The organisation of whoever recorded the encounter (for access by the recording organisation). */
  recordedByOrg?: Maybe<Scalars['String']['output']>;
  /** The pass's end (or the start of its date when no end time is recorded). */
  since: Scalars['DateTime']['output'];
};

/** The persons met on the passes the year's outreach sessions name (their encounters). */
export type OutreachPersons = {
  __typename?: 'OutreachPersons';
  byAgeBand: Array<AgeBandCount>;
  byGender: Array<GenderCount>;
  /** Other kommuner of Stockholms län. */
  fromOtherCountyKommuner: Scalars['Int']['output'];
  fromOutsideCounty: Scalars['Int']['output'];
  fromStockholmsStad: Scalars['Int']['output'];
  homeKommunUnknown: Scalars['Int']['output'];
  minors: Scalars['Int']['output'];
  minorsConcernReported: Scalars['Int']['output'];
  minorsGuardianContacted: Scalars['Int']['output'];
  persons: Scalars['Int']['output'];
};

export type OutreachPlatform = {
  __typename?: 'OutreachPlatform';
  accountsBlocked: Scalars['Int']['output'];
  accountsRegistered: Scalars['Int']['output'];
  contactsEstablished: Scalars['Int']['output'];
  minorsFound: Scalars['Int']['output'];
  organisationDisclosed: Scalars['Int']['output'];
  paidWithPrivateCard: Scalars['Int']['output'];
  platform: Scalars['String']['output'];
  referrals: Scalars['Int']['output'];
  sessions: Scalars['Int']['output'];
};

export type OutreachSummary = {
  __typename?: 'OutreachSummary';
  accountsBlocked: Scalars['Int']['output'];
  accountsRegistered: Scalars['Int']['output'];
  contactsEstablished: Scalars['Int']['output'];
  minorsFound: Scalars['Int']['output'];
  organisationDisclosed: Scalars['Int']['output'];
  paidWithPrivateCard: Scalars['Int']['output'];
  persons: OutreachPersons;
  platforms: Array<OutreachPlatform>;
  referrals: Scalars['Int']['output'];
  sessions: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Pass = {
  __typename?: 'Pass';
  /** Where, in words; null when none was given or retention has erased it (see textErased). */
  area?: Maybe<Scalars['String']['output']>;
  date: Scalars['Date']['output'];
  encounters: Array<Encounter>;
  endTime?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  joint: Scalars['Boolean']['output'];
  kind: PassKind;
  raids: Array<Raid>;
  recordedAt: Scalars['DateTime']['output'];
  retracted: Scalars['Boolean']['output'];
  /** Send as expectedRevision with the next command for this pass. */
  revision: Scalars['Int']['output'];
  startTime?: Maybe<Scalars['String']['output']>;
  /** True once retention has destroyed this pass's data key: its free text can no longer be read; every count stays. */
  textErased: Scalars['Boolean']['output'];
  units: Array<Unit>;
};

export type PassConnection = {
  __typename?: 'PassConnection';
  edges: Array<PassEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PassEdge = {
  __typename?: 'PassEdge';
  cursor: Scalars['String']['output'];
  node: Pass;
};

export type PassFilter = {
  from?: InputMaybe<Scalars['Date']['input']>;
  includeRetracted?: InputMaybe<Scalars['Boolean']['input']>;
  kind?: InputMaybe<PassKind>;
  tertial?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  units?: InputMaybe<Array<Unit>>;
};

export type PassHistoryEntry = {
  __typename?: 'PassHistoryEntry';
  actor?: Maybe<Actor>;
  commandId?: Maybe<Scalars['ID']['output']>;
  occurredAt?: Maybe<Scalars['String']['output']>;
  position: Scalars['Int']['output'];
  recordedAt: Scalars['DateTime']['output'];
  revision: Scalars['Int']['output'];
  type: Scalars['String']['output'];
};

export type PassKind =
  | 'RAID'
  | 'SURVEILLANCE';

export type PendingKommunNotification = {
  __typename?: 'PendingKommunNotification';
  /** NOT_CONNECTED, or UNKNOWN when the log holds no agreement fact about the kommun. */
  agreementStatus: AgreementStatus;
  encounterId: Scalars['ID']['output'];
  kommun: KommunRef;
  passDate: Scalars['Date']['output'];
  passId: Scalars['ID']['output'];
};

export type PlainSummary = {
  __typename?: 'PlainSummary';
  en: Scalars['String']['output'];
  sv: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * The county offer's kommuner (Stockholms län apart from Stockholms stad, plus Gotland) by their
   * agreement status on a date (default today). A kommun the log holds no agreement fact about is in
   * `unknown`, in neither list.
   */
  agreements: Agreements;
  /**
   * Who read pass-level data (pass, passes, passHistory) on the Stockholm days from `from` to `to`,
   * optionally only one user (the token's subject). Role auditor.
   */
  auditLog: Array<AuditRecord>;
  /**
   * A cost shared by population in whole kronor (largest remainder: the rows sum exactly to the total).
   * base COUNTY: every kommun of Stockholms län, Stockholms stad included; CONNECTED: the kommuner
   * connected on `on` (default today).
   */
  costShare: Array<CostShareRow>;
  /** The same split with the population year, base and totals it used. */
  costShareReport: CostShareReport;
  /**
   * What a steering figure counts: each pass or encounter with the events that make it count, for a
   * period (from/to or tertial; with scope, a part of tertialSummary) as the log stands or stood at
   * asOf. Paged (first ≤ 1000). Every call is audited as a read of pass-level data. Field users see
   * only their own unit's passes; the police never see support (OFFERED_SUPPORT is refused).
   */
  explainFigure: FigureExplanation;
  /**
   * What one cell of `statistics` counts: the same filter and groupBy, the cell's key (one value per
   * grouped dimension; empty for the total) and the measure. Access as for explainFigure.
   */
  explainStatistics: FigureExplanation;
  /**
   * Encounters under 18 still missing a guardian contact or a report of concern, the longest waiting
   * first; overdue after 24 hours from the pass's end.
   */
  openSafeguardingActions: Array<OpenSafeguardingAction>;
  /** Online outreach in a year: platform accounts, sessions and the persons met. */
  outreachSummary: OutreachSummary;
  /** One pass as it stands: corrections applied, retractions marked. */
  pass?: Maybe<Pass>;
  /** Every event of a pass, oldest first, with when it was recorded and by whom. */
  passHistory: Array<PassHistoryEntry>;
  /** Passes, newest pass date first, a page at a time (`after` is a cursor from the previous page). */
  passes: PassConnection;
  /**
   * The projektledare's work list: encounters whose home kommun is in the county offer's area but had
   * no agreement on the pass date, not yet covered by a notification to that kommun. Oldest first.
   */
  pendingKommunNotifications: Array<PendingKommunNotification>;
  /**
   * Counts of passes and encounters for a period (default from 2021-04-01 to today), filtered and
   * grouped by any of the dimensions. A pass counts under each of its units; `total` counts it once.
   */
  statistics: Statistics;
  /**
   * The steering group's key figures for a period of pass dates: `from`/`to` (default from the
   * agreement of 2021-04-01 to today) or a `tertial` such as "2022-T2". With `asOf`, only events
   * recorded at or before that instant count.
   */
  steeringFigures: SteeringFigures;
  /**
   * The tertial report the styrgrupp reads (and /reports/tertial/<tertial> shows): the summary, passes
   * per month, encounters by role × age band and by home kommun with its agreement status, and a short
   * text written from the numbers; joint passes only. With `asOf`, as presented then, and what has
   * changed since. PUBLIC masks small counts, and others, as every tertial's report and tertialSummary
   * do together (see Disclosure). Roles styrgrupp, beredningsgrupp, projektledare.
   */
  tertialReport: TertialReport;
  /**
   * A tertial beside the previous tertial, the same tertial a year earlier, and the cumulative
   * figures since the agreement of April 2021 up to the tertial's end, with the changes.
   */
  tertialSummary: TertialSummary;
  /** Trainings for kommun staff held in a period (default from 2021-01-01 to today). */
  trainingSummary: TrainingSummary;
};


export type QueryAgreementsArgs = {
  on?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryAuditLogArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
  user?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCostShareArgs = {
  base: CostShareBase;
  on?: InputMaybe<Scalars['Date']['input']>;
  populationYear: Scalars['Int']['input'];
  totalSek: Scalars['Int']['input'];
};


export type QueryCostShareReportArgs = {
  base: CostShareBase;
  on?: InputMaybe<Scalars['Date']['input']>;
  populationYear: Scalars['Int']['input'];
  totalSek: Scalars['Int']['input'];
};


export type QueryExplainFigureArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  figure: SteeringFigure;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  includeExcluded?: InputMaybe<Scalars['Boolean']['input']>;
  scope?: InputMaybe<SummaryScope>;
  tertial?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryExplainStatisticsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StatisticsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  groupBy?: InputMaybe<Array<StatisticsDimension>>;
  includeExcluded?: InputMaybe<Scalars['Boolean']['input']>;
  key?: InputMaybe<Array<StatisticsKeyInput>>;
  measure: StatisticsMeasure;
};


export type QueryOutreachSummaryArgs = {
  year: Scalars['Int']['input'];
};


export type QueryPassArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPassHistoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPassesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PassFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryStatisticsArgs = {
  disclosure?: InputMaybe<Disclosure>;
  filter?: InputMaybe<StatisticsFilter>;
  groupBy?: InputMaybe<Array<StatisticsDimension>>;
};


export type QuerySteeringFiguresArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  tertial?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryTertialReportArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  disclosure?: InputMaybe<Disclosure>;
  tertial: Scalars['String']['input'];
};


export type QueryTertialSummaryArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  disclosure?: InputMaybe<Disclosure>;
  tertial: Scalars['String']['input'];
};


export type QueryTrainingSummaryArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** A figure quoted from a source because the log cannot derive it. */
export type QuotedFigure = {
  __typename?: 'QuotedFigure';
  source: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type Raid = {
  __typename?: 'Raid';
  id: Scalars['ID']['output'];
  locationType: LocationType;
  time?: Maybe<Scalars['String']['output']>;
};

export type RecordEncounterInput = {
  ageBand: AgeBand;
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  gender?: InputMaybe<Gender>;
  /** An SCB kommun code (e.g. 0180, 0980), ABROAD or UNKNOWN. */
  homeKommun: Scalars['String']['input'];
  passId: Scalars['ID']['input'];
  raidId?: InputMaybe<Scalars['ID']['input']>;
  role: Role;
};

export type RecordOutreachSessionInput = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  commandId: Scalars['ID']['input'];
  contactsEstablished: Scalars['Int']['input'];
  date: Scalars['Date']['input'];
  minorsFound: Scalars['Int']['input'];
  passId?: InputMaybe<Scalars['ID']['input']>;
  platform: Scalars['String']['input'];
  referrals: Scalars['Int']['input'];
  sessionId: Scalars['ID']['input'];
  unit: Unit;
};

export type RecordPassInput = {
  /** Short free text (at most 120 characters); never a name, number or address. */
  area?: InputMaybe<Scalars['String']['input']>;
  commandId: Scalars['ID']['input'];
  date: Scalars['Date']['input'];
  /** HH:mm */
  endTime?: InputMaybe<Scalars['String']['input']>;
  kind: PassKind;
  passId: Scalars['ID']['input'];
  /** HH:mm */
  startTime?: InputMaybe<Scalars['String']['input']>;
  units: Array<Unit>;
};

export type RecordRaidInput = {
  commandId: Scalars['ID']['input'];
  locationType: LocationType;
  passId: Scalars['ID']['input'];
  raidId: Scalars['ID']['input'];
  time?: InputMaybe<Scalars['String']['input']>;
};

export type RecordTrainingInput = {
  commandId: Scalars['ID']['input'];
  date: Scalars['Date']['input'];
  format: TrainingFormat;
  kommuner: Array<Scalars['String']['input']>;
  participants: Scalars['Int']['input'];
  trainingId: Scalars['ID']['input'];
};

export type RecordedCommand = {
  __typename?: 'RecordedCommand';
  commandId: Scalars['ID']['output'];
  revision: Scalars['Int']['output'];
  /** kommun-<code>, training-<id>, outreach-<accountId> or outreach_session-<sessionId> (outreach-<sessionId> for a session recorded before sessions had streams of their own). */
  streamId: Scalars['String']['output'];
};

export type RegisterAccountInput = {
  accountId: Scalars['ID']['input'];
  commandId: Scalars['ID']['input'];
  payment: AccountPayment;
  platform: Scalars['String']['input'];
  registeredOn: Scalars['Date']['input'];
  unit: Unit;
};

/** A count in a report: null and masked: true when PUBLIC disclosure hides it. */
export type ReportCell = {
  __typename?: 'ReportCell';
  masked: Scalars['Boolean']['output'];
  value?: Maybe<Scalars['Int']['output']>;
};

export type RetractEncounterInput = {
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  passId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type RetractPassInput = {
  commandId: Scalars['ID']['input'];
  passId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type Role =
  | 'BUYER'
  | 'EXPOSED';

export type RoleAgeEncounters = {
  __typename?: 'RoleAgeEncounters';
  ageBand: Scalars['String']['output'];
  encounters: ReportCell;
  role: Scalars['String']['output'];
};

export type SafeguardingAction =
  | 'CONCERN_REPORT'
  | 'GUARDIAN_CONTACT';

export type SignAgreementInput = {
  commandId: Scalars['ID']['input'];
  /** First day in effect. */
  effectiveFrom: Scalars['Date']['input'];
  /** The SCB code of a kommun the offer is made to. */
  kommun: Scalars['String']['input'];
  /** A diarienummer or source; never a name. */
  reference?: InputMaybe<Scalars['String']['input']>;
  signedOn?: InputMaybe<Scalars['Date']['input']>;
};

export type Statistics = {
  __typename?: 'Statistics';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  disclosure: Disclosure;
  from: Scalars['Date']['output'];
  groupBy: Array<StatisticsDimension>;
  rows: Array<StatisticsRow>;
  threshold: Scalars['Int']['output'];
  to: Scalars['Date']['output'];
  total: StatisticsRow;
};

export type StatisticsDimension =
  | 'AGE_BAND'
  /** The home kommun's place in the county offer on the pass date (see AgreementStatus). */
  | 'AGREEMENT_STATUS'
  | 'GENDER'
  | 'HOME_KOMMUN'
  | 'MONTH'
  | 'PASS_KIND'
  | 'RAID_LOCATION_TYPE'
  | 'ROLE'
  | 'TERTIAL'
  | 'UNDER_18'
  | 'UNIT';

export type StatisticsFilter = {
  ageBands?: InputMaybe<Array<AgeBand>>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  genders?: InputMaybe<Array<Gender>>;
  homeKommuner?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only passes where POLIS worked with a social-services unit (the steering figures' passes). */
  jointOnly?: InputMaybe<Scalars['Boolean']['input']>;
  passKinds?: InputMaybe<Array<PassKind>>;
  raidLocationTypes?: InputMaybe<Array<LocationType>>;
  roles?: InputMaybe<Array<Role>>;
  tertial?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  under18?: InputMaybe<Scalars['Boolean']['input']>;
  units?: InputMaybe<Array<Unit>>;
};

export type StatisticsKey = {
  __typename?: 'StatisticsKey';
  dimension: StatisticsDimension;
  /** The kommun's name for HOME_KOMMUN. */
  label?: Maybe<Scalars['String']['output']>;
  /** The enum value, YYYY-MM for MONTH, YYYY-Tn for TERTIAL, true/false for UNDER_18, a kommun code, or NOT_GIVEN. */
  value: Scalars['String']['output'];
};

export type StatisticsKeyInput = {
  dimension: StatisticsDimension;
  value: Scalars['String']['input'];
};

/** A count of a `statistics` row. */
export type StatisticsMeasure =
  | 'ENCOUNTERS'
  | 'EXPOSED'
  | 'OFFERED_SUPPORT'
  | 'PASSES'
  | 'SUSPECTED_BUYERS'
  | 'UNDER_18';

export type StatisticsRow = {
  __typename?: 'StatisticsRow';
  encounters?: Maybe<Scalars['Int']['output']>;
  exposed?: Maybe<Scalars['Int']['output']>;
  key: Array<StatisticsKey>;
  /** The counts of this row that PUBLIC disclosure masks, and why; empty for INTERNAL. */
  masked: Array<MaskedCount>;
  offeredSupport?: Maybe<Scalars['Int']['output']>;
  /** Distinct passes; with an encounter criterion, only passes with at least one matching encounter. Null when masked (see masked). */
  passes?: Maybe<Scalars['Int']['output']>;
  suspectedBuyers?: Maybe<Scalars['Int']['output']>;
  under18?: Maybe<Scalars['Int']['output']>;
};

/** A figure of `steeringFigures` (and of each part of `tertialSummary`). */
export type SteeringFigure =
  | 'EXPOSED'
  | 'EXPOSED_UNDER_18'
  | 'JOINT_PASSES'
  | 'OFFERED_SUPPORT'
  | 'SUSPECTED_BUYERS'
  | 'SUSPECTED_BUYERS_UNDER_18';

/** Passes and encounters counted as the seed report counts them (see the README for the definitions). */
export type SteeringFigures = {
  __typename?: 'SteeringFigures';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  /** Encounters on those passes whose role is EXPOSED. */
  exposed?: Maybe<Scalars['Int']['output']>;
  exposedUnder18?: Maybe<Scalars['Int']['output']>;
  from: Scalars['Date']['output'];
  /** Passes, not retracted, whose units include POLIS and at least one social-services unit. Null only when masked. */
  jointPasses?: Maybe<Scalars['Int']['output']>;
  /** Figures PUBLIC disclosure masks (tertialSummary only); empty otherwise. */
  masked: Array<MaskedCount>;
  /** Encounters counted above with at least one support offer. */
  offeredSupport?: Maybe<Scalars['Int']['output']>;
  /** Encounters on those passes whose role is BUYER. */
  suspectedBuyers?: Maybe<Scalars['Int']['output']>;
  suspectedBuyersUnder18?: Maybe<Scalars['Int']['output']>;
  tertial?: Maybe<Scalars['String']['output']>;
  to: Scalars['Date']['output'];
};

/** The periods of `tertialSummary`: the tertial, the one before, the same tertial last year, and April 2021 to the tertial's end. */
export type SummaryScope =
  | 'CUMULATIVE'
  | 'CURRENT'
  | 'PREVIOUS'
  | 'SAME_TERTIAL_LAST_YEAR';

export type SuppressionReason =
  /** Masked so that a small count cannot be worked out by subtraction. */
  | 'COMPLEMENTARY'
  /** The count is from 1 to the threshold. */
  | 'SMALL';

export type TertialReport = {
  __typename?: 'TertialReport';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  changedSince: Array<ChangedSince>;
  disclosure: Disclosure;
  encountersByHomeKommun: Array<KommunEncounters>;
  encountersByRoleAndAgeBand: Array<RoleAgeEncounters>;
  from: Scalars['Date']['output'];
  passesByMonth: Array<MonthPasses>;
  plainSummary: PlainSummary;
  summary: TertialSummary;
  tertial: Scalars['String']['output'];
  threshold: Scalars['Int']['output'];
  to: Scalars['Date']['output'];
};

export type TertialSummary = {
  __typename?: 'TertialSummary';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  changeFromPrevious: FiguresChange;
  changeFromSameTertialLastYear: FiguresChange;
  cumulative: SteeringFigures;
  current: SteeringFigures;
  disclosure: Disclosure;
  previous: SteeringFigures;
  sameTertialLastYear: SteeringFigures;
  tertial: Scalars['String']['output'];
};

export type Training = {
  __typename?: 'Training';
  date: Scalars['Date']['output'];
  format: TrainingFormat;
  kommuner: Array<Scalars['String']['output']>;
  participants: Scalars['Int']['output'];
  trainingId: Scalars['ID']['output'];
};

export type TrainingFormat =
  | 'DIGITAL'
  | 'PHYSICAL';

export type TrainingFormatCount = {
  __typename?: 'TrainingFormatCount';
  format: TrainingFormat;
  participants: Scalars['Int']['output'];
  rounds: Scalars['Int']['output'];
};

export type TrainingSummary = {
  __typename?: 'TrainingSummary';
  byFormat: Array<TrainingFormatCount>;
  byYear: Array<TrainingYear>;
  firstPhysical?: Maybe<Scalars['Date']['output']>;
  from: Scalars['Date']['output'];
  kommunerRepresented: Array<KommunRef>;
  participants: Scalars['Int']['output'];
  rounds: Scalars['Int']['output'];
  to: Scalars['Date']['output'];
  trainings: Array<Training>;
};

export type TrainingYear = {
  __typename?: 'TrainingYear';
  digital: Scalars['Int']['output'];
  participants: Scalars['Int']['output'];
  physical: Scalars['Int']['output'];
  rounds: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

/** A unit (verksamhet) taking part in a pass. */
export type Unit =
  | 'KAST'
  | 'MIKA'
  | 'POLIS'
  | 'REGIONKOORDINATOR'
  | 'UNGDOMSJOUREN';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccountPayment: AccountPayment;
  Actor: ResolverTypeWrapper<Actor>;
  AgeBand: AgeBand;
  AgeBandCount: ResolverTypeWrapper<AgeBandCount>;
  AgreementStatus: AgreementStatus;
  Agreements: ResolverTypeWrapper<Agreements>;
  AuditRecord: ResolverTypeWrapper<AuditRecord>;
  BlockAccountInput: BlockAccountInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChangedSince: ResolverTypeWrapper<ChangedSince>;
  CommandResult: ResolverTypeWrapper<CommandResult>;
  ConcernReport: ResolverTypeWrapper<ConcernReport>;
  ConfirmNotConnectedInput: ConfirmNotConnectedInput;
  ContactGuardianInput: ContactGuardianInput;
  CorrectEncounterInput: CorrectEncounterInput;
  CorrectPassInput: CorrectPassInput;
  CostShareBase: CostShareBase;
  CostShareReport: ResolverTypeWrapper<CostShareReport>;
  CostShareRow: ResolverTypeWrapper<CostShareRow>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DiscloseOrganisationInput: DiscloseOrganisationInput;
  Disclosure: Disclosure;
  Encounter: ResolverTypeWrapper<EncounterModel>;
  EncounterRefInput: EncounterRefInput;
  EndAgreementInput: EndAgreementInput;
  ExclusionReason: ExclusionReason;
  FigureEvent: ResolverTypeWrapper<FigureEvent>;
  FigureExplanation: ResolverTypeWrapper<FigureExplanation>;
  FigureMember: ResolverTypeWrapper<FigureMember>;
  FiguresChange: ResolverTypeWrapper<FiguresChange>;
  FileConcernReportInput: FileConcernReportInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Gender: Gender;
  GenderCount: ResolverTypeWrapper<GenderCount>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  KommunEncounters: ResolverTypeWrapper<KommunEncounters>;
  KommunRef: ResolverTypeWrapper<KommunRef>;
  LocationType: LocationType;
  MaskedCount: ResolverTypeWrapper<MaskedCount>;
  MonthPasses: ResolverTypeWrapper<MonthPasses>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NotifyKommunInput: NotifyKommunInput;
  OfferSupportInput: OfferSupportInput;
  OpenSafeguardingAction: ResolverTypeWrapper<OpenSafeguardingAction>;
  OutreachPersons: ResolverTypeWrapper<OutreachPersons>;
  OutreachPlatform: ResolverTypeWrapper<OutreachPlatform>;
  OutreachSummary: ResolverTypeWrapper<OutreachSummary>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Pass: ResolverTypeWrapper<PassModel>;
  PassConnection: ResolverTypeWrapper<Omit<PassConnection, 'edges'> & { edges: Array<ResolversTypes['PassEdge']> }>;
  PassEdge: ResolverTypeWrapper<Omit<PassEdge, 'node'> & { node: ResolversTypes['Pass'] }>;
  PassFilter: PassFilter;
  PassHistoryEntry: ResolverTypeWrapper<PassHistoryEntry>;
  PassKind: PassKind;
  PendingKommunNotification: ResolverTypeWrapper<PendingKommunNotification>;
  PlainSummary: ResolverTypeWrapper<PlainSummary>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QuotedFigure: ResolverTypeWrapper<QuotedFigure>;
  Raid: ResolverTypeWrapper<Raid>;
  RecordEncounterInput: RecordEncounterInput;
  RecordOutreachSessionInput: RecordOutreachSessionInput;
  RecordPassInput: RecordPassInput;
  RecordRaidInput: RecordRaidInput;
  RecordTrainingInput: RecordTrainingInput;
  RecordedCommand: ResolverTypeWrapper<RecordedCommand>;
  RegisterAccountInput: RegisterAccountInput;
  ReportCell: ResolverTypeWrapper<ReportCell>;
  RetractEncounterInput: RetractEncounterInput;
  RetractPassInput: RetractPassInput;
  Role: Role;
  RoleAgeEncounters: ResolverTypeWrapper<RoleAgeEncounters>;
  SafeguardingAction: SafeguardingAction;
  SignAgreementInput: SignAgreementInput;
  Statistics: ResolverTypeWrapper<Statistics>;
  StatisticsDimension: StatisticsDimension;
  StatisticsFilter: StatisticsFilter;
  StatisticsKey: ResolverTypeWrapper<StatisticsKey>;
  StatisticsKeyInput: StatisticsKeyInput;
  StatisticsMeasure: StatisticsMeasure;
  StatisticsRow: ResolverTypeWrapper<StatisticsRow>;
  SteeringFigure: SteeringFigure;
  SteeringFigures: ResolverTypeWrapper<SteeringFigures>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SummaryScope: SummaryScope;
  SuppressionReason: SuppressionReason;
  TertialReport: ResolverTypeWrapper<TertialReport>;
  TertialSummary: ResolverTypeWrapper<TertialSummary>;
  Training: ResolverTypeWrapper<Training>;
  TrainingFormat: TrainingFormat;
  TrainingFormatCount: ResolverTypeWrapper<TrainingFormatCount>;
  TrainingSummary: ResolverTypeWrapper<TrainingSummary>;
  TrainingYear: ResolverTypeWrapper<TrainingYear>;
  Unit: Unit;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Actor: Actor;
  AgeBandCount: AgeBandCount;
  Agreements: Agreements;
  AuditRecord: AuditRecord;
  BlockAccountInput: BlockAccountInput;
  Boolean: Scalars['Boolean']['output'];
  ChangedSince: ChangedSince;
  CommandResult: CommandResult;
  ConcernReport: ConcernReport;
  ConfirmNotConnectedInput: ConfirmNotConnectedInput;
  ContactGuardianInput: ContactGuardianInput;
  CorrectEncounterInput: CorrectEncounterInput;
  CorrectPassInput: CorrectPassInput;
  CostShareReport: CostShareReport;
  CostShareRow: CostShareRow;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DiscloseOrganisationInput: DiscloseOrganisationInput;
  Encounter: EncounterModel;
  EncounterRefInput: EncounterRefInput;
  EndAgreementInput: EndAgreementInput;
  FigureEvent: FigureEvent;
  FigureExplanation: FigureExplanation;
  FigureMember: FigureMember;
  FiguresChange: FiguresChange;
  FileConcernReportInput: FileConcernReportInput;
  Float: Scalars['Float']['output'];
  GenderCount: GenderCount;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  KommunEncounters: KommunEncounters;
  KommunRef: KommunRef;
  MaskedCount: MaskedCount;
  MonthPasses: MonthPasses;
  Mutation: Record<PropertyKey, never>;
  NotifyKommunInput: NotifyKommunInput;
  OfferSupportInput: OfferSupportInput;
  OpenSafeguardingAction: OpenSafeguardingAction;
  OutreachPersons: OutreachPersons;
  OutreachPlatform: OutreachPlatform;
  OutreachSummary: OutreachSummary;
  PageInfo: PageInfo;
  Pass: PassModel;
  PassConnection: Omit<PassConnection, 'edges'> & { edges: Array<ResolversParentTypes['PassEdge']> };
  PassEdge: Omit<PassEdge, 'node'> & { node: ResolversParentTypes['Pass'] };
  PassFilter: PassFilter;
  PassHistoryEntry: PassHistoryEntry;
  PendingKommunNotification: PendingKommunNotification;
  PlainSummary: PlainSummary;
  Query: Record<PropertyKey, never>;
  QuotedFigure: QuotedFigure;
  Raid: Raid;
  RecordEncounterInput: RecordEncounterInput;
  RecordOutreachSessionInput: RecordOutreachSessionInput;
  RecordPassInput: RecordPassInput;
  RecordRaidInput: RecordRaidInput;
  RecordTrainingInput: RecordTrainingInput;
  RecordedCommand: RecordedCommand;
  RegisterAccountInput: RegisterAccountInput;
  ReportCell: ReportCell;
  RetractEncounterInput: RetractEncounterInput;
  RetractPassInput: RetractPassInput;
  RoleAgeEncounters: RoleAgeEncounters;
  SignAgreementInput: SignAgreementInput;
  Statistics: Statistics;
  StatisticsFilter: StatisticsFilter;
  StatisticsKey: StatisticsKey;
  StatisticsKeyInput: StatisticsKeyInput;
  StatisticsRow: StatisticsRow;
  SteeringFigures: SteeringFigures;
  String: Scalars['String']['output'];
  TertialReport: TertialReport;
  TertialSummary: TertialSummary;
  Training: Training;
  TrainingFormatCount: TrainingFormatCount;
  TrainingSummary: TrainingSummary;
  TrainingYear: TrainingYear;
};

export type ActorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Actor'] = ResolversParentTypes['Actor']> = {
  org?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AgeBandCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AgeBandCount'] = ResolversParentTypes['AgeBandCount']> = {
  ageBand?: Resolver<ResolversTypes['AgeBand'], ParentType, ContextType>;
  persons?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgreementsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Agreements'] = ResolversParentTypes['Agreements']> = {
  connected?: Resolver<Array<ResolversTypes['KommunRef']>, ParentType, ContextType>;
  notConnected?: Resolver<Array<ResolversTypes['KommunRef']>, ParentType, ContextType>;
  offeredTo?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  on?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  quotedMay2024?: Resolver<ResolversTypes['QuotedFigure'], ParentType, ContextType>;
  unknown?: Resolver<Array<ResolversTypes['KommunRef']>, ParentType, ContextType>;
};

export type AuditRecordResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  org?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sub?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChangedSinceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ChangedSince'] = ResolversParentTypes['ChangedSince']> = {
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  now?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  then?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CommandResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommandResult'] = ResolversParentTypes['CommandResult']> = {
  commandId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  passId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConcernReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConcernReport'] = ResolversParentTypes['ConcernReport']> = {
  kommun?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalBasis?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  on?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type CostShareReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CostShareReport'] = ResolversParentTypes['CostShareReport']> = {
  base?: Resolver<ResolversTypes['CostShareBase'], ParentType, ContextType>;
  on?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  population?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  populationYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['CostShareRow']>, ParentType, ContextType>;
  totalSek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CostShareRowResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CostShareRow'] = ResolversParentTypes['CostShareRow']> = {
  amountSek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kommun?: Resolver<ResolversTypes['KommunRef'], ParentType, ContextType>;
  population?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EncounterResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Encounter'] = ResolversParentTypes['Encounter']> = {
  ageBand?: Resolver<ResolversTypes['AgeBand'], ParentType, ContextType>;
  concernReport?: Resolver<Maybe<ResolversTypes['ConcernReport']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  guardianContactedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  homeKommun?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  raidId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  retracted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  supportOfferedBy?: Resolver<Maybe<Array<ResolversTypes['Unit']>>, ParentType, ContextType>;
  under18?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withheldReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FigureEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FigureEvent'] = ResolversParentTypes['FigureEvent']> = {
  position?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FigureExplanationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FigureExplanation'] = ResolversParentTypes['FigureExplanation']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['FigureMember']>, ParentType, ContextType>;
  restricted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  totalMembers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FigureMemberResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FigureMember'] = ResolversParentTypes['FigureMember']> = {
  counted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  encounterId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['FigureEvent']>, ParentType, ContextType>;
  passId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['ExclusionReason']>, ParentType, ContextType>;
};

export type FiguresChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FiguresChange'] = ResolversParentTypes['FiguresChange']> = {
  exposed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  exposedUnder18?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  jointPasses?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['MaskedCount']>, ParentType, ContextType>;
  offeredSupport?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suspectedBuyers?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suspectedBuyersUnder18?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type GenderCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['GenderCount'] = ResolversParentTypes['GenderCount']> = {
  gender?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  persons?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type KommunEncountersResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['KommunEncounters'] = ResolversParentTypes['KommunEncounters']> = {
  agreementStatus?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  encounters?: Resolver<ResolversTypes['ReportCell'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type KommunRefResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['KommunRef'] = ResolversParentTypes['KommunRef']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MaskedCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MaskedCount'] = ResolversParentTypes['MaskedCount']> = {
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['SuppressionReason'], ParentType, ContextType>;
};

export type MonthPassesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MonthPasses'] = ResolversParentTypes['MonthPasses']> = {
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passes?: Resolver<ResolversTypes['ReportCell'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  blockAccount?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationBlockAccountArgs, 'input'>>;
  confirmNotConnected?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationConfirmNotConnectedArgs, 'input'>>;
  contactGuardian?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationContactGuardianArgs, 'input'>>;
  correctEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCorrectEncounterArgs, 'input'>>;
  correctPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCorrectPassArgs, 'input'>>;
  discloseOrganisation?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationDiscloseOrganisationArgs, 'input'>>;
  endAgreement?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationEndAgreementArgs, 'input'>>;
  fileConcernReport?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationFileConcernReportArgs, 'input'>>;
  notifyKommun?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationNotifyKommunArgs, 'input'>>;
  offerSupport?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationOfferSupportArgs, 'input'>>;
  recordEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordEncounterArgs, 'input'>>;
  recordOutreachSession?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationRecordOutreachSessionArgs, 'input'>>;
  recordPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordPassArgs, 'input'>>;
  recordRaid?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordRaidArgs, 'input'>>;
  recordTraining?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationRecordTrainingArgs, 'input'>>;
  registerAccount?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationRegisterAccountArgs, 'input'>>;
  retractEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRetractEncounterArgs, 'input'>>;
  retractPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRetractPassArgs, 'input'>>;
  signAgreement?: Resolver<ResolversTypes['RecordedCommand'], ParentType, ContextType, RequireFields<MutationSignAgreementArgs, 'input'>>;
};

export type OpenSafeguardingActionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['OpenSafeguardingAction'] = ResolversParentTypes['OpenSafeguardingAction']> = {
  ageHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  encounterId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  homeKommun?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missing?: Resolver<Array<ResolversTypes['SafeguardingAction']>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  passDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  passId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  passUnits?: Resolver<Array<ResolversTypes['Unit']>, ParentType, ContextType>;
  recordedByOrg?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OutreachPersonsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['OutreachPersons'] = ResolversParentTypes['OutreachPersons']> = {
  byAgeBand?: Resolver<Array<ResolversTypes['AgeBandCount']>, ParentType, ContextType>;
  byGender?: Resolver<Array<ResolversTypes['GenderCount']>, ParentType, ContextType>;
  fromOtherCountyKommuner?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fromOutsideCounty?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fromStockholmsStad?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  homeKommunUnknown?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minorsConcernReported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minorsGuardianContacted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  persons?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OutreachPlatformResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['OutreachPlatform'] = ResolversParentTypes['OutreachPlatform']> = {
  accountsBlocked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  accountsRegistered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contactsEstablished?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minorsFound?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  organisationDisclosed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidWithPrivateCard?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referrals?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OutreachSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['OutreachSummary'] = ResolversParentTypes['OutreachSummary']> = {
  accountsBlocked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  accountsRegistered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contactsEstablished?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minorsFound?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  organisationDisclosed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidWithPrivateCard?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  persons?: Resolver<ResolversTypes['OutreachPersons'], ParentType, ContextType>;
  platforms?: Resolver<Array<ResolversTypes['OutreachPlatform']>, ParentType, ContextType>;
  referrals?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PassResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Pass'] = ResolversParentTypes['Pass']> = {
  area?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  encounters?: Resolver<Array<ResolversTypes['Encounter']>, ParentType, ContextType>;
  endTime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joint?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PassKind'], ParentType, ContextType>;
  raids?: Resolver<Array<ResolversTypes['Raid']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  retracted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startTime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  textErased?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  units?: Resolver<Array<ResolversTypes['Unit']>, ParentType, ContextType>;
};

export type PassConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PassConnection'] = ResolversParentTypes['PassConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PassEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PassEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PassEdge'] = ResolversParentTypes['PassEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Pass'], ParentType, ContextType>;
};

export type PassHistoryEntryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PassHistoryEntry'] = ResolversParentTypes['PassHistoryEntry']> = {
  actor?: Resolver<Maybe<ResolversTypes['Actor']>, ParentType, ContextType>;
  commandId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  occurredAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PendingKommunNotificationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PendingKommunNotification'] = ResolversParentTypes['PendingKommunNotification']> = {
  agreementStatus?: Resolver<ResolversTypes['AgreementStatus'], ParentType, ContextType>;
  encounterId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kommun?: Resolver<ResolversTypes['KommunRef'], ParentType, ContextType>;
  passDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  passId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PlainSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PlainSummary'] = ResolversParentTypes['PlainSummary']> = {
  en?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sv?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  agreements?: Resolver<ResolversTypes['Agreements'], ParentType, ContextType, Partial<QueryAgreementsArgs>>;
  auditLog?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'from' | 'to'>>;
  costShare?: Resolver<Array<ResolversTypes['CostShareRow']>, ParentType, ContextType, RequireFields<QueryCostShareArgs, 'base' | 'populationYear' | 'totalSek'>>;
  costShareReport?: Resolver<ResolversTypes['CostShareReport'], ParentType, ContextType, RequireFields<QueryCostShareReportArgs, 'base' | 'populationYear' | 'totalSek'>>;
  explainFigure?: Resolver<ResolversTypes['FigureExplanation'], ParentType, ContextType, RequireFields<QueryExplainFigureArgs, 'figure' | 'first' | 'includeExcluded'>>;
  explainStatistics?: Resolver<ResolversTypes['FigureExplanation'], ParentType, ContextType, RequireFields<QueryExplainStatisticsArgs, 'first' | 'includeExcluded' | 'measure'>>;
  openSafeguardingActions?: Resolver<Array<ResolversTypes['OpenSafeguardingAction']>, ParentType, ContextType>;
  outreachSummary?: Resolver<ResolversTypes['OutreachSummary'], ParentType, ContextType, RequireFields<QueryOutreachSummaryArgs, 'year'>>;
  pass?: Resolver<Maybe<ResolversTypes['Pass']>, ParentType, ContextType, RequireFields<QueryPassArgs, 'id'>>;
  passHistory?: Resolver<Array<ResolversTypes['PassHistoryEntry']>, ParentType, ContextType, RequireFields<QueryPassHistoryArgs, 'id'>>;
  passes?: Resolver<ResolversTypes['PassConnection'], ParentType, ContextType, RequireFields<QueryPassesArgs, 'first'>>;
  pendingKommunNotifications?: Resolver<Array<ResolversTypes['PendingKommunNotification']>, ParentType, ContextType>;
  statistics?: Resolver<ResolversTypes['Statistics'], ParentType, ContextType, RequireFields<QueryStatisticsArgs, 'disclosure'>>;
  steeringFigures?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType, Partial<QuerySteeringFiguresArgs>>;
  tertialReport?: Resolver<ResolversTypes['TertialReport'], ParentType, ContextType, RequireFields<QueryTertialReportArgs, 'disclosure' | 'tertial'>>;
  tertialSummary?: Resolver<ResolversTypes['TertialSummary'], ParentType, ContextType, RequireFields<QueryTertialSummaryArgs, 'disclosure' | 'tertial'>>;
  trainingSummary?: Resolver<ResolversTypes['TrainingSummary'], ParentType, ContextType, Partial<QueryTrainingSummaryArgs>>;
};

export type QuotedFigureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuotedFigure'] = ResolversParentTypes['QuotedFigure']> = {
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RaidResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Raid'] = ResolversParentTypes['Raid']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locationType?: Resolver<ResolversTypes['LocationType'], ParentType, ContextType>;
  time?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RecordedCommandResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RecordedCommand'] = ResolversParentTypes['RecordedCommand']> = {
  commandId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  streamId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportCellResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportCell'] = ResolversParentTypes['ReportCell']> = {
  masked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type RoleAgeEncountersResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RoleAgeEncounters'] = ResolversParentTypes['RoleAgeEncounters']> = {
  ageBand?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  encounters?: Resolver<ResolversTypes['ReportCell'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatisticsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Statistics'] = ResolversParentTypes['Statistics']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  disclosure?: Resolver<ResolversTypes['Disclosure'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  groupBy?: Resolver<Array<ResolversTypes['StatisticsDimension']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['StatisticsRow']>, ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['StatisticsRow'], ParentType, ContextType>;
};

export type StatisticsKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StatisticsKey'] = ResolversParentTypes['StatisticsKey']> = {
  dimension?: Resolver<ResolversTypes['StatisticsDimension'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatisticsRowResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StatisticsRow'] = ResolversParentTypes['StatisticsRow']> = {
  encounters?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  exposed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  key?: Resolver<Array<ResolversTypes['StatisticsKey']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['MaskedCount']>, ParentType, ContextType>;
  offeredSupport?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  passes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suspectedBuyers?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  under18?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SteeringFiguresResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SteeringFigures'] = ResolversParentTypes['SteeringFigures']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  exposed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  exposedUnder18?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  jointPasses?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['MaskedCount']>, ParentType, ContextType>;
  offeredSupport?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suspectedBuyers?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suspectedBuyersUnder18?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tertial?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type TertialReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TertialReport'] = ResolversParentTypes['TertialReport']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  changedSince?: Resolver<Array<ResolversTypes['ChangedSince']>, ParentType, ContextType>;
  disclosure?: Resolver<ResolversTypes['Disclosure'], ParentType, ContextType>;
  encountersByHomeKommun?: Resolver<Array<ResolversTypes['KommunEncounters']>, ParentType, ContextType>;
  encountersByRoleAndAgeBand?: Resolver<Array<ResolversTypes['RoleAgeEncounters']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  passesByMonth?: Resolver<Array<ResolversTypes['MonthPasses']>, ParentType, ContextType>;
  plainSummary?: Resolver<ResolversTypes['PlainSummary'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['TertialSummary'], ParentType, ContextType>;
  tertial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type TertialSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TertialSummary'] = ResolversParentTypes['TertialSummary']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  changeFromPrevious?: Resolver<ResolversTypes['FiguresChange'], ParentType, ContextType>;
  changeFromSameTertialLastYear?: Resolver<ResolversTypes['FiguresChange'], ParentType, ContextType>;
  cumulative?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  disclosure?: Resolver<ResolversTypes['Disclosure'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  sameTertialLastYear?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  tertial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TrainingResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Training'] = ResolversParentTypes['Training']> = {
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['TrainingFormat'], ParentType, ContextType>;
  kommuner?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trainingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TrainingFormatCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TrainingFormatCount'] = ResolversParentTypes['TrainingFormatCount']> = {
  format?: Resolver<ResolversTypes['TrainingFormat'], ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rounds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrainingSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TrainingSummary'] = ResolversParentTypes['TrainingSummary']> = {
  byFormat?: Resolver<Array<ResolversTypes['TrainingFormatCount']>, ParentType, ContextType>;
  byYear?: Resolver<Array<ResolversTypes['TrainingYear']>, ParentType, ContextType>;
  firstPhysical?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  kommunerRepresented?: Resolver<Array<ResolversTypes['KommunRef']>, ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rounds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  trainings?: Resolver<Array<ResolversTypes['Training']>, ParentType, ContextType>;
};

export type TrainingYearResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TrainingYear'] = ResolversParentTypes['TrainingYear']> = {
  digital?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  physical?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rounds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  Actor?: ActorResolvers<ContextType>;
  AgeBandCount?: AgeBandCountResolvers<ContextType>;
  Agreements?: AgreementsResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  ChangedSince?: ChangedSinceResolvers<ContextType>;
  CommandResult?: CommandResultResolvers<ContextType>;
  ConcernReport?: ConcernReportResolvers<ContextType>;
  CostShareReport?: CostShareReportResolvers<ContextType>;
  CostShareRow?: CostShareRowResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Encounter?: EncounterResolvers<ContextType>;
  FigureEvent?: FigureEventResolvers<ContextType>;
  FigureExplanation?: FigureExplanationResolvers<ContextType>;
  FigureMember?: FigureMemberResolvers<ContextType>;
  FiguresChange?: FiguresChangeResolvers<ContextType>;
  GenderCount?: GenderCountResolvers<ContextType>;
  KommunEncounters?: KommunEncountersResolvers<ContextType>;
  KommunRef?: KommunRefResolvers<ContextType>;
  MaskedCount?: MaskedCountResolvers<ContextType>;
  MonthPasses?: MonthPassesResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OpenSafeguardingAction?: OpenSafeguardingActionResolvers<ContextType>;
  OutreachPersons?: OutreachPersonsResolvers<ContextType>;
  OutreachPlatform?: OutreachPlatformResolvers<ContextType>;
  OutreachSummary?: OutreachSummaryResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pass?: PassResolvers<ContextType>;
  PassConnection?: PassConnectionResolvers<ContextType>;
  PassEdge?: PassEdgeResolvers<ContextType>;
  PassHistoryEntry?: PassHistoryEntryResolvers<ContextType>;
  PendingKommunNotification?: PendingKommunNotificationResolvers<ContextType>;
  PlainSummary?: PlainSummaryResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QuotedFigure?: QuotedFigureResolvers<ContextType>;
  Raid?: RaidResolvers<ContextType>;
  RecordedCommand?: RecordedCommandResolvers<ContextType>;
  ReportCell?: ReportCellResolvers<ContextType>;
  RoleAgeEncounters?: RoleAgeEncountersResolvers<ContextType>;
  Statistics?: StatisticsResolvers<ContextType>;
  StatisticsKey?: StatisticsKeyResolvers<ContextType>;
  StatisticsRow?: StatisticsRowResolvers<ContextType>;
  SteeringFigures?: SteeringFiguresResolvers<ContextType>;
  TertialReport?: TertialReportResolvers<ContextType>;
  TertialSummary?: TertialSummaryResolvers<ContextType>;
  Training?: TrainingResolvers<ContextType>;
  TrainingFormatCount?: TrainingFormatCountResolvers<ContextType>;
  TrainingSummary?: TrainingSummaryResolvers<ContextType>;
  TrainingYear?: TrainingYearResolvers<ContextType>;
};

