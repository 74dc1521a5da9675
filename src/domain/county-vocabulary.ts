/** Closed vocabularies of the county offer's trainings and online outreach, beside the glossary's in vocabulary.ts. */

export const TRAINING_FORMATS = ['DIGITAL', 'PHYSICAL'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

/** How a platform account was paid for (seed 001: staff's private cards are not acceptable). */
export const ACCOUNT_PAYMENTS = ['ORGANISATION_CARD', 'PRIVATE_CARD', 'NONE'] as const;
export type AccountPayment = (typeof ACCOUNT_PAYMENTS)[number];
