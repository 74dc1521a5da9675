import type { Command, CountyCommand, PassCommand } from '../domain/commands.js';
import type { TrainingFormat } from '../domain/county-vocabulary.js';
import { isUnder18, type AgeBand, type Unit } from '../domain/vocabulary.js';

/**
 * The synthetic demo's county offer, trainings and online outreach, reproducing what seeds 002 and
 * 004 say and inventing, labelled, only what a log needs and the seeds do not give:
 * - Agreements as the autumn-2022 report lists them: 15 kommuner connected, 10 not, Danderyd in
 *   neither list (so the log knows nothing of it). The report gives no dates: the 15 are dated from
 *   2021-01-01 ("the first kommuner signed early 2021"), the 10 confirmed not connected on 2022-09-30.
 *   Österåker from 2024-06-01 (seed 002). Which four other kommuner had joined by May 2024 the seed
 *   does not say, so the log does not either.
 * - Notifications to the non-connected kommuner of their residents met up to 2022-08-31 (the report
 *   says they are informed); anyone met later from such a kommun stays on the work list.
 * - Four training rounds, about 350 participants: three digital in 2021, the first physical one in
 *   May 2022 (dates within those periods and the split of participants are invented).
 * - Ungdomsjouren's 2022 sugar-dating work: 13 persons met through contact sites, 7 of them minors,
 *   all girls and young women aged 14–25; 4 from Stockholms stad, 8 from other kommuner in the county,
 *   1 from outside it; parents contacted and a report of concern filed for every minor.
 * - Platform accounts illustrating seed 001 (a private card, an account blocked once disclosed).
 */

interface DemoNaming {
  readonly label: string;
  /** A stable id for a name: the same on every run. */
  readonly id: (name: string) => string;
}

/** Seed 004's list of connected kommuner (autumn 2022). */
const CONNECTED_2022 = ['0125', '0191', '0160', '0136', '0163', '0114', '0123', '0184', '0187', '0192', '0183', '0120', '0128', '0181', '0182'];
/** Seed 004's list of kommuner not yet connected (autumn 2022), Gotland among them. */
const NOT_CONNECTED_2022 = ['0127', '0980', '0126', '0186', '0188', '0140', '0138', '0139', '0115', '0117'];
const REPORT_DATE = '2022-09-30';
const REPORT_PERIOD_END = '2022-08-31';

export function countyOfferDemoCommands(passCommands: readonly PassCommand[], naming: DemoNaming): Command[] {
  let n = 0;
  const next = () => naming.id(`county-cmd-${(n += 1)}`);
  const commands: Command[] = [];

  for (const kommun of CONNECTED_2022) {
    commands.push({ type: 'SignAgreement', commandId: next(), kommun, effectiveFrom: '2021-01-01', reference: `${naming.label}: ansluten enligt rapport hösten 2022 (seed 004); startdatum antaget` });
  }
  for (const kommun of NOT_CONNECTED_2022) {
    commands.push({ type: 'ConfirmNotConnected', commandId: next(), kommun, on: REPORT_DATE, reference: `${naming.label}: ej ansluten enligt rapport hösten 2022 (seed 004)` });
  }
  commands.push({ type: 'SignAgreement', commandId: next(), kommun: '0117', effectiveFrom: '2024-06-01', reference: 'SN 2024/0043 (seed 002)' });

  const outreachPasses = ungdomsjourenPasses(naming, next);
  commands.push(...notifications([...passCommands, ...outreachPasses.commands], next));
  commands.push(...trainings(naming, next));
  commands.push(...outreachPasses.commands, ...outreach(naming, next, outreachPasses.passIds));
  return commands;
}

/** One NotifyKommun per non-connected kommun and month, for the encounters standing at the end of the demo. */
function notifications(passCommands: readonly PassCommand[], next: () => string): CountyCommand[] {
  const passDate = new Map<string, string>();
  const retractedPasses = new Set<string>();
  const retracted = new Set<string>();
  const encounters = new Map<string, { passId: string; homeKommun: string }>();
  for (const c of passCommands) {
    if (c.type === 'RecordPass' || (c.type === 'CorrectPass' && c.date)) passDate.set(c.passId, c.date as string);
    if (c.type === 'RetractPass') retractedPasses.add(c.passId);
    if (c.type === 'RecordEncounter') encounters.set(c.encounterId, { passId: c.passId, homeKommun: c.homeKommun });
    if (c.type === 'CorrectEncounter' && c.homeKommun) {
      const e = encounters.get(c.encounterId);
      if (e) encounters.set(c.encounterId, { ...e, homeKommun: c.homeKommun });
    }
    if (c.type === 'RetractEncounter') retracted.add(c.encounterId);
  }
  const groups = new Map<string, Array<{ passId: string; encounterId: string }>>();
  for (const [encounterId, e] of encounters) {
    const date = passDate.get(e.passId) as string;
    if (retracted.has(encounterId) || retractedPasses.has(e.passId) || !NOT_CONNECTED_2022.includes(e.homeKommun) || date > REPORT_PERIOD_END) continue;
    const key = `${e.homeKommun}|${date.slice(0, 7)}`;
    groups.set(key, [...(groups.get(key) ?? []), { passId: e.passId, encounterId }]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a.split('|')[1] as string).localeCompare(b.split('|')[1] as string) || a.localeCompare(b))
    .map(([key, list]) => {
      const [kommun, month] = key.split('|') as [string, string];
      return { type: 'NotifyKommun', commandId: next(), kommun, on: firstOfNextMonth(month), encounters: list };
    });
}

function firstOfNextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

function trainings(naming: DemoNaming, next: () => string): CountyCommand[] {
  const rounds: Array<{ date: string; format: TrainingFormat; participants: number }> = [
    { date: '2021-03-16', format: 'DIGITAL', participants: 90 },
    { date: '2021-06-08', format: 'DIGITAL', participants: 85 },
    { date: '2021-11-10', format: 'DIGITAL', participants: 95 },
    { date: '2022-05-17', format: 'PHYSICAL', participants: 80 },
  ];
  // The seed names no kommuner per round, so the demo names none.
  return rounds.map((r, i) => ({ type: 'RecordTraining', commandId: next(), trainingId: naming.id(`training-${i}`), ...r, kommuner: [] }));
}

interface OutreachPerson {
  ageBand: AgeBand;
  homeKommun: string;
}

/** Ungdomsjouren's 2022 meetings with persons found through sugar-dating sites, as passes without the police. */
function ungdomsjourenPasses(naming: DemoNaming, next: () => string): { commands: PassCommand[]; passIds: Array<{ passId: string; date: string; persons: OutreachPerson[] }> } {
  const p = (ageBand: AgeBand, homeKommun: string): OutreachPerson => ({ ageBand, homeKommun });
  // 13 persons, 7 minors (one aged 14), 4 from Stockholms stad, 8 from other kommuner of the county, 1 from outside it.
  const meetings: Array<{ date: string; persons: OutreachPerson[] }> = [
    { date: '2022-02-10', persons: [p('UNDER_15', '0180'), p('AGE_15_17', '0123'), p('AGE_21_25', '0180')] },
    { date: '2022-04-07', persons: [p('AGE_15_17', '0182'), p('AGE_15_17', '0180'), p('AGE_18_20', '0181')] },
    { date: '2022-06-15', persons: [p('AGE_15_17', '0184'), p('AGE_18_20', '0160'), p('AGE_21_25', '0380')] },
    { date: '2022-08-18', persons: [p('AGE_15_17', '0136'), p('AGE_15_17', '0163'), p('AGE_18_20', '0180'), p('AGE_18_20', '0114')] },
  ];
  const commands: PassCommand[] = [];
  const passIds = meetings.map((m, i) => {
    const passId = naming.id(`ungdomsjouren-pass-${i}`);
    const units: Unit[] = ['UNGDOMSJOUREN'];
    commands.push({ type: 'RecordPass', commandId: next(), passId, date: m.date, kind: 'SURVEILLANCE', units, startTime: '16:00', endTime: '22:00', area: `${naming.label}: sugardejting, kontaktsidor` });
    for (const [e, person] of m.persons.entries()) {
      const encounterId = naming.id(`ungdomsjouren-encounter-${i}-${e}`);
      commands.push({ type: 'RecordEncounter', commandId: next(), passId, encounterId, role: 'EXPOSED', ageBand: person.ageBand, gender: 'WOMAN', homeKommun: person.homeKommun });
      commands.push({ type: 'OfferSupport', commandId: next(), passId, encounterId, unit: 'UNGDOMSJOUREN' });
      if (isUnder18(person.ageBand)) {
        commands.push({ type: 'ContactGuardian', commandId: next(), passId, encounterId, on: m.date });
        commands.push({ type: 'FileConcernReport', commandId: next(), passId, encounterId, on: m.date, kommun: person.homeKommun });
      }
    }
    return { passId, date: m.date, persons: m.persons };
  });
  return { commands, passIds };
}

function outreach(naming: DemoNaming, next: () => string, meetings: Array<{ passId: string; date: string; persons: OutreachPerson[] }>): CountyCommand[] {
  const siteA = 'DEMO sugardejtingsajt A';
  const siteB = 'DEMO annonssajt B';
  const ujAccount = naming.id('account-ungdomsjouren-a');
  const mikaOrg = naming.id('account-mika-b-org');
  const mikaPrivate = naming.id('account-mika-b-private');
  const commands: CountyCommand[] = [
    { type: 'RegisterAccount', commandId: next(), accountId: ujAccount, unit: 'UNGDOMSJOUREN', platform: siteA, registeredOn: '2022-01-12', payment: 'ORGANISATION_CARD' },
    // Seed 001: the platform wants the organisation disclosed, and blocks it once it is.
    { type: 'RegisterAccount', commandId: next(), accountId: mikaOrg, unit: 'MIKA', platform: siteB, registeredOn: '2022-03-01', payment: 'ORGANISATION_CARD' },
    { type: 'DiscloseOrganisation', commandId: next(), accountId: mikaOrg, on: '2022-03-01' },
    { type: 'BlockAccount', commandId: next(), accountId: mikaOrg, on: '2022-03-04' },
    // Seed 001: staff have at times had to pay with their private cards.
    { type: 'RegisterAccount', commandId: next(), accountId: mikaPrivate, unit: 'MIKA', platform: siteB, registeredOn: '2022-03-10', payment: 'PRIVATE_CARD' },
  ];
  for (const [i, m] of meetings.entries()) {
    const minors = m.persons.filter((p) => isUnder18(p.ageBand)).length;
    commands.push({
      type: 'RecordOutreachSession',
      commandId: next(),
      sessionId: naming.id(`outreach-session-${i}`),
      date: m.date,
      unit: 'UNGDOMSJOUREN',
      platform: siteA,
      accountId: ujAccount,
      passId: m.passId,
      contactsEstablished: m.persons.length,
      minorsFound: minors,
      // Every one was offered support from the regionkoordinator for children and contact with Stödcentrum.
      referrals: m.persons.length,
    });
  }
  return commands;
}
