/* Generated from schema.graphql by `npm run codegen`; do not edit. */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SteeringFigures as SteeringFiguresModel } from '../../../projections/steering-figures.js';
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

export type Query = {
  __typename?: 'Query';
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
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FiguresChange: ResolverTypeWrapper<FiguresChange>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SteeringFigures: ResolverTypeWrapper<SteeringFiguresModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TertialSummary: ResolverTypeWrapper<Omit<TertialSummary, 'cumulative' | 'current' | 'previous' | 'sameTertialLastYear'> & { cumulative: ResolversTypes['SteeringFigures'], current: ResolversTypes['SteeringFigures'], previous: ResolversTypes['SteeringFigures'], sameTertialLastYear: ResolversTypes['SteeringFigures'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  FiguresChange: FiguresChange;
  Int: Scalars['Int']['output'];
  Query: Record<PropertyKey, never>;
  SteeringFigures: SteeringFiguresModel;
  String: Scalars['String']['output'];
  TertialSummary: Omit<TertialSummary, 'cumulative' | 'current' | 'previous' | 'sameTertialLastYear'> & { cumulative: ResolversParentTypes['SteeringFigures'], current: ResolversParentTypes['SteeringFigures'], previous: ResolversParentTypes['SteeringFigures'], sameTertialLastYear: ResolversParentTypes['SteeringFigures'] };
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FiguresChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FiguresChange'] = ResolversParentTypes['FiguresChange']> = {
  exposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exposedUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jointPasses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offeredSupport?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suspectedBuyersUnder18?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  steeringFigures?: Resolver<ResolversTypes['SteeringFigures'], ParentType, ContextType, Partial<QuerySteeringFiguresArgs>>;
  tertialSummary?: Resolver<ResolversTypes['TertialSummary'], ParentType, ContextType, RequireFields<QueryTertialSummaryArgs, 'tertial'>>;
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
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  FiguresChange?: FiguresChangeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SteeringFigures?: SteeringFiguresResolvers<ContextType>;
  TertialSummary?: TertialSummaryResolvers<ContextType>;
};

