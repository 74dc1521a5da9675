/* Generated from schema.graphql by `npm run codegen`; do not edit. */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SteeringFigures as SteeringFiguresModel } from '../../../projections/steering-figures.js';
import type { PassView as PassModel, EncounterView as EncounterModel } from '../../../projections/pass-register.js';
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
  area?: InputMaybe<Scalars['String']['input']>;
  commandId: Scalars['ID']['input'];
  date?: InputMaybe<Scalars['Date']['input']>;
  kind?: InputMaybe<PassKind>;
  passId: Scalars['ID']['input'];
  units?: InputMaybe<Array<Unit>>;
};

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

/** One set of figures minus another. */
export type FiguresChange = {
  __typename?: 'FiguresChange';
  exposed: Scalars['Int']['output'];
  exposedUnder18: Scalars['Int']['output'];
  jointPasses: Scalars['Int']['output'];
  offeredSupport: Scalars['Int']['output'];
  suspectedBuyers: Scalars['Int']['output'];
  suspectedBuyersUnder18: Scalars['Int']['output'];
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

export type LocationType =
  | 'APARTMENT'
  | 'CLUB'
  | 'HOTEL'
  | 'ONLINE_ARRANGED'
  | 'OTHER'
  | 'STREET';

/**
 * Field staff record after the operation. Every mutation takes one `input` with the command's fields
 * (ids are UUIDs the client generates, `commandId` included) and an optional `expectedRevision`: the
 * pass's revision the client last saw. A retry with the same `commandId` returns the same result and
 * appends nothing. When a mutation returns, the next query sees it.
 */
export type Mutation = {
  __typename?: 'Mutation';
  contactGuardian: CommandResult;
  correctEncounter: CommandResult;
  correctPass: CommandResult;
  fileConcernReport: CommandResult;
  offerSupport: CommandResult;
  recordEncounter: CommandResult;
  recordPass: CommandResult;
  recordRaid: CommandResult;
  retractEncounter: CommandResult;
  retractPass: CommandResult;
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

export type OfferSupportInput = {
  commandId: Scalars['ID']['input'];
  encounterId: Scalars['ID']['input'];
  passId: Scalars['ID']['input'];
  unit: Unit;
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

export type Query = {
  __typename?: 'Query';
  /**
   * Who read pass-level data (pass, passes, passHistory) on the Stockholm days from `from` to `to`,
   * optionally only one user (the token's subject). Role auditor.
   */
  auditLog: Array<AuditRecord>;
  /** One pass as it stands: corrections applied, retractions marked. */
  pass?: Maybe<Pass>;
  /** Every event of a pass, oldest first, with when it was recorded and by whom. */
  passHistory: Array<PassHistoryEntry>;
  /** Passes, newest pass date first, a page at a time (`after` is a cursor from the previous page). */
  passes: PassConnection;
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
   * A tertial beside the previous tertial, the same tertial a year earlier, and the cumulative
   * figures since the agreement of April 2021 up to the tertial's end, with the changes.
   */
  tertialSummary: TertialSummary;
};


export type QueryAuditLogArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
  user?: InputMaybe<Scalars['String']['input']>;
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
  filter?: InputMaybe<StatisticsFilter>;
  groupBy?: InputMaybe<Array<StatisticsDimension>>;
};


export type QuerySteeringFiguresArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  tertial?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryTertialSummaryArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  tertial: Scalars['String']['input'];
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

export type Statistics = {
  __typename?: 'Statistics';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  from: Scalars['Date']['output'];
  groupBy: Array<StatisticsDimension>;
  rows: Array<StatisticsRow>;
  to: Scalars['Date']['output'];
  total: StatisticsRow;
};

export type StatisticsDimension =
  | 'AGE_BAND'
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

export type StatisticsRow = {
  __typename?: 'StatisticsRow';
  encounters: Scalars['Int']['output'];
  exposed: Scalars['Int']['output'];
  key: Array<StatisticsKey>;
  offeredSupport: Scalars['Int']['output'];
  /** Distinct passes; with an encounter criterion, only passes with at least one matching encounter. */
  passes: Scalars['Int']['output'];
  suspectedBuyers: Scalars['Int']['output'];
  under18: Scalars['Int']['output'];
};

/** Passes and encounters counted as the seed report counts them (see the README for the definitions). */
export type SteeringFigures = {
  __typename?: 'SteeringFigures';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  /** Encounters on those passes whose role is EXPOSED. */
  exposed: Scalars['Int']['output'];
  exposedUnder18: Scalars['Int']['output'];
  from: Scalars['Date']['output'];
  /** Passes, not retracted, whose units include POLIS and at least one social-services unit. */
  jointPasses: Scalars['Int']['output'];
  /** Encounters counted above with at least one support offer. */
  offeredSupport: Scalars['Int']['output'];
  /** Encounters on those passes whose role is BUYER. */
  suspectedBuyers: Scalars['Int']['output'];
  suspectedBuyersUnder18: Scalars['Int']['output'];
  tertial?: Maybe<Scalars['String']['output']>;
  to: Scalars['Date']['output'];
};

export type TertialSummary = {
  __typename?: 'TertialSummary';
  asOf?: Maybe<Scalars['DateTime']['output']>;
  changeFromPrevious: FiguresChange;
  changeFromSameTertialLastYear: FiguresChange;
  cumulative: SteeringFigures;
  current: SteeringFigures;
  previous: SteeringFigures;
  sameTertialLastYear: SteeringFigures;
  tertial: Scalars['String']['output'];
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
  Actor: ResolverTypeWrapper<Actor>;
  AgeBand: AgeBand;
  AuditRecord: ResolverTypeWrapper<AuditRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CommandResult: ResolverTypeWrapper<CommandResult>;
  ConcernReport: ResolverTypeWrapper<ConcernReport>;
  ContactGuardianInput: ContactGuardianInput;
  CorrectEncounterInput: CorrectEncounterInput;
  CorrectPassInput: CorrectPassInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Encounter: ResolverTypeWrapper<EncounterModel>;
  FiguresChange: ResolverTypeWrapper<FiguresChange>;
  FileConcernReportInput: FileConcernReportInput;
  Gender: Gender;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LocationType: LocationType;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OfferSupportInput: OfferSupportInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Pass: ResolverTypeWrapper<PassModel>;
  PassConnection: ResolverTypeWrapper<Omit<PassConnection, 'edges'> & { edges: Array<ResolversTypes['PassEdge']> }>;
  PassEdge: ResolverTypeWrapper<Omit<PassEdge, 'node'> & { node: ResolversTypes['Pass'] }>;
  PassFilter: PassFilter;
  PassHistoryEntry: ResolverTypeWrapper<PassHistoryEntry>;
  PassKind: PassKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Raid: ResolverTypeWrapper<Raid>;
  RecordEncounterInput: RecordEncounterInput;
  RecordPassInput: RecordPassInput;
  RecordRaidInput: RecordRaidInput;
  RetractEncounterInput: RetractEncounterInput;
  RetractPassInput: RetractPassInput;
  Role: Role;
  Statistics: ResolverTypeWrapper<Statistics>;
  StatisticsDimension: StatisticsDimension;
  StatisticsFilter: StatisticsFilter;
  StatisticsKey: ResolverTypeWrapper<StatisticsKey>;
  StatisticsRow: ResolverTypeWrapper<StatisticsRow>;
  SteeringFigures: ResolverTypeWrapper<SteeringFiguresModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TertialSummary: ResolverTypeWrapper<Omit<TertialSummary, 'cumulative' | 'current' | 'previous' | 'sameTertialLastYear'> & { cumulative: ResolversTypes['SteeringFigures'], current: ResolversTypes['SteeringFigures'], previous: ResolversTypes['SteeringFigures'], sameTertialLastYear: ResolversTypes['SteeringFigures'] }>;
  Unit: Unit;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Actor: Actor;
  AuditRecord: AuditRecord;
  Boolean: Scalars['Boolean']['output'];
  CommandResult: CommandResult;
  ConcernReport: ConcernReport;
  ContactGuardianInput: ContactGuardianInput;
  CorrectEncounterInput: CorrectEncounterInput;
  CorrectPassInput: CorrectPassInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Encounter: EncounterModel;
  FiguresChange: FiguresChange;
  FileConcernReportInput: FileConcernReportInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  OfferSupportInput: OfferSupportInput;
  PageInfo: PageInfo;
  Pass: PassModel;
  PassConnection: Omit<PassConnection, 'edges'> & { edges: Array<ResolversParentTypes['PassEdge']> };
  PassEdge: Omit<PassEdge, 'node'> & { node: ResolversParentTypes['Pass'] };
  PassFilter: PassFilter;
  PassHistoryEntry: PassHistoryEntry;
  Query: Record<PropertyKey, never>;
  Raid: Raid;
  RecordEncounterInput: RecordEncounterInput;
  RecordPassInput: RecordPassInput;
  RecordRaidInput: RecordRaidInput;
  RetractEncounterInput: RetractEncounterInput;
  RetractPassInput: RetractPassInput;
  Statistics: Statistics;
  StatisticsFilter: StatisticsFilter;
  StatisticsKey: StatisticsKey;
  StatisticsRow: StatisticsRow;
  SteeringFigures: SteeringFiguresModel;
  String: Scalars['String']['output'];
  TertialSummary: Omit<TertialSummary, 'cumulative' | 'current' | 'previous' | 'sameTertialLastYear'> & { cumulative: ResolversParentTypes['SteeringFigures'], current: ResolversParentTypes['SteeringFigures'], previous: ResolversParentTypes['SteeringFigures'], sameTertialLastYear: ResolversParentTypes['SteeringFigures'] };
};

export type ActorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Actor'] = ResolversParentTypes['Actor']> = {
  org?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type FiguresChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FiguresChange'] = ResolversParentTypes['FiguresChange']> = {
  exposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exposedUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jointPasses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offeredSupport?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyersUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  contactGuardian?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationContactGuardianArgs, 'input'>>;
  correctEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCorrectEncounterArgs, 'input'>>;
  correctPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCorrectPassArgs, 'input'>>;
  fileConcernReport?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationFileConcernReportArgs, 'input'>>;
  offerSupport?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationOfferSupportArgs, 'input'>>;
  recordEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordEncounterArgs, 'input'>>;
  recordPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordPassArgs, 'input'>>;
  recordRaid?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordRaidArgs, 'input'>>;
  retractEncounter?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRetractEncounterArgs, 'input'>>;
  retractPass?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRetractPassArgs, 'input'>>;
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

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditLog?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'from' | 'to'>>;
  pass?: Resolver<Maybe<ResolversTypes['Pass']>, ParentType, ContextType, RequireFields<QueryPassArgs, 'id'>>;
  passHistory?: Resolver<Array<ResolversTypes['PassHistoryEntry']>, ParentType, ContextType, RequireFields<QueryPassHistoryArgs, 'id'>>;
  passes?: Resolver<ResolversTypes['PassConnection'], ParentType, ContextType, RequireFields<QueryPassesArgs, 'first'>>;
  statistics?: Resolver<ResolversTypes['Statistics'], ParentType, ContextType, Partial<QueryStatisticsArgs>>;
  steeringFigures?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType, Partial<QuerySteeringFiguresArgs>>;
  tertialSummary?: Resolver<ResolversTypes['TertialSummary'], ParentType, ContextType, RequireFields<QueryTertialSummaryArgs, 'tertial'>>;
};

export type RaidResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Raid'] = ResolversParentTypes['Raid']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locationType?: Resolver<ResolversTypes['LocationType'], ParentType, ContextType>;
  time?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StatisticsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Statistics'] = ResolversParentTypes['Statistics']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  groupBy?: Resolver<Array<ResolversTypes['StatisticsDimension']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['StatisticsRow']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['StatisticsRow'], ParentType, ContextType>;
};

export type StatisticsKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StatisticsKey'] = ResolversParentTypes['StatisticsKey']> = {
  dimension?: Resolver<ResolversTypes['StatisticsDimension'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatisticsRowResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StatisticsRow'] = ResolversParentTypes['StatisticsRow']> = {
  encounters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<Array<ResolversTypes['StatisticsKey']>, ParentType, ContextType>;
  offeredSupport?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  passes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  under18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SteeringFiguresResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SteeringFigures'] = ResolversParentTypes['SteeringFigures']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  exposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exposedUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  jointPasses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offeredSupport?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyersUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tertial?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type TertialSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TertialSummary'] = ResolversParentTypes['TertialSummary']> = {
  asOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  changeFromPrevious?: Resolver<ResolversTypes['FiguresChange'], ParentType, ContextType>;
  changeFromSameTertialLastYear?: Resolver<ResolversTypes['FiguresChange'], ParentType, ContextType>;
  cumulative?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  sameTertialLastYear?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType>;
  tertial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  Actor?: ActorResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  CommandResult?: CommandResultResolvers<ContextType>;
  ConcernReport?: ConcernReportResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Encounter?: EncounterResolvers<ContextType>;
  FiguresChange?: FiguresChangeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pass?: PassResolvers<ContextType>;
  PassConnection?: PassConnectionResolvers<ContextType>;
  PassEdge?: PassEdgeResolvers<ContextType>;
  PassHistoryEntry?: PassHistoryEntryResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Raid?: RaidResolvers<ContextType>;
  Statistics?: StatisticsResolvers<ContextType>;
  StatisticsKey?: StatisticsKeyResolvers<ContextType>;
  StatisticsRow?: StatisticsRowResolvers<ContextType>;
  SteeringFigures?: SteeringFiguresResolvers<ContextType>;
  TertialSummary?: TertialSummaryResolvers<ContextType>;
};

