import '../styles/base.css';
import '../styles/field-app.css';
import { h, showErrors, type FieldError } from '../dom.js';
import {
  AGE_BANDS,
  draftCommands,
  draftErrors,
  fieldId,
  GENDERS,
  isMinor,
  kommunLabel,
  LOCATION_TYPES,
  newEncounter,
  newPassDraft,
  newRaid,
  PASS_KINDS,
  queued,
  resolveKommun,
  ROLES,
  searchKommuner,
  SOCIAL_UNITS,
  UNIT_CODES,
  type EncounterDraft,
  type Kommun,
  type PassDraft,
  type QueuedCommand,
} from '../field/model.js';
import { allSubmissions, deleteSubmission, putSubmission, syncOutbox, type Submission } from '../field/outbox.js';
import { t } from '../field/texts.js';
import { ApiError, graphql, Offline } from '../graphql.js';
import { currentLanguage, languageToggle } from '../i18n.js';
import { requireSession, signOut } from '../session.js';

/**
 * The field app: record a pass after the night's work (its raids, the persons met), see what waits
 * to be sent, the open actions for children, and the unit's recent passes. Works offline after the
 * first load: the shell comes from the service worker, submissions wait in IndexedDB.
 */
const session = requireSession();
const police = session.org === 'POLIS';
const newId = () => crypto.randomUUID();
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

let kommuner: readonly Kommun[] = [];
let view: () => void = home;
let notice: { text: string; kind?: 'warning' } | undefined;

let currentMain = document.getElementById('app') as HTMLElement;
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

function header(): HTMLElement {
  const signOutButton = h('button', { type: 'button', class: 'link-button' }, t('signOut'));
  signOutButton.addEventListener('click', () => {
    signOut();
    window.location.assign('/sign-in');
  });
  return h('header', { class: 'bar' }, h('div', { class: 'inner' }, h('span', { class: 'title' }, t('appTitle')), h('span', {}, t('signedInAs', { org: session.org })), languageToggle(() => view()), signOutButton));
}

/** Draws a view in place of the last one, under a fresh header (the language may have changed). */
function render(...content: Array<Node | string | undefined | false>): void {
  document.documentElement.lang = currentLanguage();
  const main = h('main', { id: 'app' }, ...content);
  currentMain.replaceWith(main);
  currentMain = main;
  document.body.querySelector('header.bar')?.remove();
  document.body.prepend(header());
}

async function refreshStatus(): Promise<void> {
  const waiting = (await allSubmissions()).filter((s) => s.org === session.org && s.state === 'waiting').length;
  status.textContent = `${navigator.onLine ? t('online') : t('offline')} · ${waiting === 0 ? t('allSent') : t('waitingCount', { n: waiting })}`;
}

async function sync(): Promise<void> {
  try {
    const result = await syncOutbox(session);
    if (result.sent > 0 && view === home) home();
    // The device says it is online but a request failed (a lost answer, a flaky link): try again soon.
    if (result.offline && navigator.onLine) setTimeout(() => void sync(), 3_000);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') window.location.assign('/sign-in?next=/');
  }
  await refreshStatus();
}

// ---------------------------------------------------------------------------------------------
// Home: what waits, open actions, recent passes

function home(): void {
  view = home;
  const newButton = h('button', { type: 'button' }, t('newPass'));
  newButton.addEventListener('click', () => passForm(newPassDraft(newId, today(), session.org)));
  const outbox = h('section', { 'aria-labelledby': 'outbox-title' });
  const actions = h('section', { 'aria-labelledby': 'actions-title' });
  const recent = h('section', { 'aria-labelledby': 'recent-title' });
  render(
    h('h1', {}, t('home')),
    status,
    notice && h('p', { class: `notice ${notice.kind ?? ''}`, role: 'status' }, notice.text),
    newButton,
    outbox,
    police ? h('p', { class: 'hint' }, t('policeNote')) : actions,
    recent,
  );
  notice = undefined;
  void drawOutbox(outbox);
  void drawRecent(recent, police ? undefined : actions);
  void refreshStatus();
}

async function drawOutbox(section: HTMLElement): Promise<void> {
  const mine = (await allSubmissions()).filter((s) => s.org === session.org);
  if (mine.length === 0) return;
  const sendNow = h('button', { type: 'button', class: 'secondary' }, t('sendNow'));
  sendNow.addEventListener('click', () => void sync());
  section.append(h('h2', { id: 'outbox-title' }, t('outbox')), h('ul', {}, ...mine.map(outboxItem)), sendNow);
}

function outboxItem(submission: Submission): HTMLElement {
  if (submission.state === 'waiting') return h('li', { class: 'waiting' }, `${submission.label} – ${t('waiting')}`);
  const discard = h('button', { type: 'button', class: 'warning' }, t('discard'));
  discard.addEventListener('click', async () => {
    await deleteSubmission(submission.id);
    home();
  });
  return h(
    'li',
    { class: 'rejected' },
    h('p', { class: 'field-error' }, `${submission.label} – ${t('rejected', { message: submission.error?.message ?? '' })}`),
    h('p', { class: 'hint' }, t('rejectedHelp')),
    discard,
  );
}

interface PassNode {
  id: string;
  date: string;
  kind: string;
  units: string[];
  area: string | null;
  retracted: boolean;
  revision: number;
  raids: Array<{ id: string }>;
  encounters: Array<{ id: string; role: string; ageBand: string; under18: boolean; retracted: boolean; homeKommun: string; guardianContactedOn: string | null; concernReport: { on: string } | null }>;
}

const PASSES = `{ passes(first: 20) { edges { node { id date kind units area retracted revision raids { id } encounters { id role ageBand under18 retracted homeKommun guardianContactedOn concernReport { on } } } } } }`;

async function drawRecent(section: HTMLElement, actions: HTMLElement | undefined): Promise<void> {
  section.append(h('h2', { id: 'recent-title' }, t('recentPasses', { org: t(session.org) })));
  let passes: PassNode[];
  try {
    passes = (await graphql<{ passes: { edges: Array<{ node: PassNode }> } }>(session, PASSES)).passes.edges.map((e) => e.node);
  } catch (error) {
    section.append(h('p', { class: 'notice warning' }, t('couldNotLoad', { reason: error instanceof Offline ? t('offline') : (error as Error).message })));
    return;
  }
  if (actions) drawActions(actions, passes);
  if (passes.length === 0) {
    section.append(h('p', {}, t('noPasses')));
    return;
  }
  section.append(
    h(
      'ul',
      { class: 'passes' },
      ...passes.map((pass) => {
        const live = pass.encounters.filter((e) => !e.retracted);
        const change = h('button', { type: 'button', class: 'secondary' }, t('change'));
        change.addEventListener('click', () => correctView(pass));
        return h(
          'li',
          { class: 'card' },
          h('h3', {}, `${pass.date}${pass.retracted ? ` – ${t('retracted')}` : ''}`),
          h('p', {}, t('passSummary', { kind: t(pass.kind), units: pass.units.map((u) => t(u)).join(', '), raids: pass.raids.length, encounters: live.length })),
          pass.area ? h('p', { class: 'hint' }, pass.area) : undefined,
          !pass.retracted && change,
        );
      }),
    ),
  );
}

function drawActions(section: HTMLElement, passes: readonly PassNode[]): void {
  section.append(h('h2', { id: 'actions-title' }, t('openActions')));
  const open = passes.flatMap((pass) =>
    pass.retracted ? [] : pass.encounters.filter((e) => e.under18 && !e.retracted && (!e.guardianContactedOn || !e.concernReport)).map((e) => ({ pass, encounter: e })),
  );
  if (open.length === 0) {
    section.append(h('p', {}, t('noOpenActions')));
    return;
  }
  section.append(
    h(
      'ul',
      { class: 'actions' },
      ...open.map(({ pass, encounter }) => {
        const item = h('li', { class: 'card' }, h('h3', {}, `${pass.date} · ${t(encounter.role)} · ${t(encounter.ageBand)}`));
        if (!encounter.guardianContactedOn) item.append(actionForm(pass, encounter.id, 'guardian'));
        if (!encounter.concernReport) item.append(actionForm(pass, encounter.id, 'concern', encounter.homeKommun));
        return item;
      }),
    ),
  );
}

/** A small form that records a guardian contact or a report of concern for one child. */
function actionForm(pass: PassNode, encounterId: string, kind: 'guardian' | 'concern', homeKommun?: string): HTMLElement {
  const prefix = `action-${encounterId}-${kind}`;
  const date = h('input', { id: `${prefix}-on`, type: 'date', value: today(), max: today(), min: pass.date });
  const kommun = kind === 'concern' ? kommunInput(`${prefix}-kommun`, /^\d{4}$/.test(homeKommun ?? '') ? (kommuner.find(([c]) => c === homeKommun) ?? undefined) : undefined) : undefined;
  const submit = h('button', { type: 'submit' }, t(kind === 'guardian' ? 'recordGuardian' : 'recordConcern'));
  const form = h(
    'form',
    { novalidate: true, class: 'action-form' },
    h('p', { class: 'field-error' }, t(kind === 'guardian' ? 'needsGuardian' : 'needsConcern')),
    h('label', { for: date.id }, t(kind === 'guardian' ? 'guardianOn' : 'concernOn')),
    date,
    kommun && h('label', { for: `${prefix}-kommun` }, t('concernKommun')),
    kommun,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    if (!date.value || date.value > today() || date.value < pass.date) errors.push({ id: date.id, message: t(!date.value ? 'errDate' : date.value > today() ? 'errDateFuture' : 'errBeforePass') });
    const code = kommun ? resolveKommun((kommun.querySelector('input') as HTMLInputElement).value, kommuner) : undefined;
    if (kommun && !/^\d{4}$/.test(code ?? '')) errors.push({ id: `${prefix}-kommun`, message: t('errConcernKommun') });
    showErrors(form, t('errorsTitle'), errors);
    if (errors.length > 0) return;
    const command =
      kind === 'guardian'
        ? queued('ContactGuardian', { passId: pass.id, encounterId, on: date.value }, newId)
        : queued('FileConcernReport', { passId: pass.id, encounterId, on: date.value, kommun: code }, newId);
    await enqueue(`${t(kind === 'guardian' ? 'recordGuardian' : 'recordConcern')} ${pass.date}`, [command]);
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// The kommun search: type part of a name, pick from the suggestions (as buttons, large enough to tap)

function kommunInput(id: string, initial?: Kommun, initialText?: string): HTMLElement {
  const input = h('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': `${id}-hint`, 'aria-controls': `${id}-suggestions`, value: initial ? kommunLabel(initial) : (initialText ?? '') });
  const suggestions = h('ul', { id: `${id}-suggestions`, class: 'suggestions', 'aria-label': t('suggestions') });
  const choose = (label: string) => {
    input.value = label;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    suggestions.replaceChildren();
    input.focus();
  };
  input.addEventListener('input', () => {
    const value = input.value;
    const found = searchKommuner(value, kommuner).map(kommunLabel);
    const special = [t('abroad'), t('unknownKommun')].filter((label) => value.length >= 2 && label.toLocaleLowerCase('sv').startsWith(value.toLocaleLowerCase('sv')));
    suggestions.replaceChildren(
      ...[...found, ...special].map((label) => {
        const button = h('button', { type: 'button', class: 'suggestion' }, label);
        button.addEventListener('click', () => choose(label));
        return h('li', {}, button);
      }),
    );
  });
  return h('div', { class: 'kommun-search' }, h('p', { class: 'hint', id: `${id}-hint` }, t('homeKommunHint')), input, suggestions);
}

// ---------------------------------------------------------------------------------------------
// The pass form

function choices(name: string, id: string, values: readonly string[], selected: readonly string[], multiple: boolean, onChange: (values: string[]) => void): HTMLFieldSetElement {
  const inputs = values.map((value, n) => {
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, value, id: n === 0 ? id : `${id}-${value}`, checked: selected.includes(value) });
    input.addEventListener('change', () => onChange(inputs.filter((i) => i.checked).map((i) => i.value)));
    return input;
  });
  return h('fieldset', { class: 'choices-inline' }, ...inputs.map((input) => h('label', { class: 'choice', for: input.id }, input, t(input.value))));
}

function select(id: string, values: readonly string[], selected: string, onChange: (value: string) => void, empty = t('choose')): HTMLSelectElement {
  const element = h('select', { id }, h('option', { value: '' }, empty), ...values.map((value) => h('option', { value, selected: value === selected }, t(value))));
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function textInput(id: string, value: string, type: string, onChange: (value: string) => void, attributes: Record<string, string> = {}): HTMLInputElement {
  const element = h('input', { id, type, value, ...attributes });
  element.addEventListener('input', () => onChange(element.value));
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function passForm(draft: PassDraft, errors: FieldError[] = []): void {
  view = () => passForm(draft);
  const { pass } = fieldId;
  const units = choices('units', pass('units'), UNIT_CODES, draft.units, true, (values) => (draft.units = values));
  const raidsSection = h('section', { 'aria-labelledby': 'raids-title' }, h('h2', { id: 'raids-title' }, t('raids')));
  draft.raids.forEach((raid, n) => raidsSection.append(raidFieldset(draft, n)));
  const addRaid = h('button', { type: 'button', class: 'secondary' }, t('addRaid'));
  addRaid.addEventListener('click', () => {
    draft.raids.push(newRaid(newId));
    passForm(draft);
    document.getElementById(fieldId.raid(draft.raids.length - 1, 'locationType'))?.focus();
  });
  raidsSection.append(addRaid);
  const personsSection = h('section', { 'aria-labelledby': 'persons-title' }, h('h2', { id: 'persons-title' }, t('persons')), h('p', { class: 'hint' }, t('personsHint')));
  draft.encounters.forEach((encounter, n) => personsSection.append(encounterFieldset(draft, encounter, n)));
  const addPerson = h('button', { type: 'button', class: 'secondary' }, t('addPerson'));
  addPerson.addEventListener('click', () => {
    draft.encounters.push(newEncounter(newId));
    passForm(draft);
    document.getElementById(fieldId.encounter(draft.encounters.length - 1, 'role'))?.focus();
  });
  personsSection.append(addPerson);
  const reviewButton = h('button', { type: 'submit' }, t('review'));
  const cancel = h('button', { type: 'button', class: 'secondary' }, t('cancel'));
  cancel.addEventListener('click', home);
  const form = h(
    'form',
    { novalidate: true, id: 'pass-form' },
    h('h1', {}, t('formTitle')),
    h(
      'section',
      { 'aria-labelledby': 'pass-title' },
      h('h2', { id: 'pass-title' }, t('passDetails')),
      h('label', { for: pass('date') }, t('date')),
      textInput(pass('date'), draft.date, 'date', (v) => (draft.date = v), { max: today(), min: '2021-04-01' }),
      h('fieldset', {}, h('legend', {}, t('kind')), choices('kind', pass('kind'), PASS_KINDS, [draft.kind], false, ([v]) => (draft.kind = v ?? ''))),
      h('fieldset', {}, h('legend', {}, t('units')), units),
      h('label', { for: pass('area') }, t('area')),
      h('p', { class: 'hint', id: 'area-hint' }, t('areaHint')),
      textInput(pass('area'), draft.area, 'text', (v) => (draft.area = v), { maxlength: '120', 'aria-describedby': 'area-hint' }),
      h('div', { class: 'two' }, h('div', {}, h('label', { for: pass('startTime') }, t('startTime')), textInput(pass('startTime'), draft.startTime, 'time', (v) => (draft.startTime = v))), h('div', {}, h('label', { for: pass('endTime') }, t('endTime')), textInput(pass('endTime'), draft.endTime, 'time', (v) => (draft.endTime = v)))),
    ),
    raidsSection,
    personsSection,
    reviewButton,
    cancel,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const found = draftErrors(draft, { today: today(), ownUnit: session.org, kommuner }).map((e) => ({ id: e.id, message: t(e.key) }));
    if (found.length > 0) {
      showErrors(form, t('errorsTitle'), found);
      return;
    }
    reviewView(draft);
  });
  render(form);
  if (errors.length > 0) showErrors(form, t('errorsTitle'), errors);
}

function raidFieldset(draft: PassDraft, n: number): HTMLElement {
  const raid = draft.raids[n] as PassDraft['raids'][number];
  const remove = h('button', { type: 'button', class: 'link-button' }, t('remove'));
  remove.addEventListener('click', () => {
    draft.raids.splice(n, 1);
    for (const e of draft.encounters) if (e.raidId === raid.raidId) e.raidId = '';
    passForm(draft);
  });
  return h(
    'fieldset',
    { class: 'card' },
    h('legend', {}, t('raidN', { n: n + 1 })),
    h('label', { for: fieldId.raid(n, 'locationType') }, t('locationType')),
    select(fieldId.raid(n, 'locationType'), LOCATION_TYPES, raid.locationType, (v) => (raid.locationType = v)),
    h('label', { for: fieldId.raid(n, 'time') }, t('time')),
    textInput(fieldId.raid(n, 'time'), raid.time, 'time', (v) => (raid.time = v)),
    remove,
  );
}

function encounterFieldset(draft: PassDraft, encounter: EncounterDraft, n: number): HTMLElement {
  const id = (name: string) => fieldId.encounter(n, name);
  const minorPart = h('div', { class: 'minor' });
  const drawMinor = () => {
    minorPart.replaceChildren();
    if (!isMinor(encounter.ageBand) || police) return;
    minorPart.append(
      h('h3', {}, t('minorTitle')),
      h('p', { class: 'hint' }, t('minorHint')),
      h('label', { for: id('guardianOn') }, t('guardianOn')),
      textInput(id('guardianOn'), encounter.guardianOn, 'date', (v) => (encounter.guardianOn = v), { max: today() }),
      h('label', { for: id('concernOn') }, t('concernOn')),
      textInput(id('concernOn'), encounter.concernOn, 'date', (v) => (encounter.concernOn = v), { max: today() }),
      h('label', { for: id('concernKommun') }, t('concernKommun')),
      kommunInput(id('concernKommun'), undefined, encounter.concernKommun),
    );
    (minorPart.querySelector(`#${id('concernKommun')}`) as HTMLInputElement).addEventListener('change', (event) => (encounter.concernKommun = (event.target as HTMLInputElement).value));
    (minorPart.querySelector(`#${id('concernKommun')}`) as HTMLInputElement).addEventListener('input', (event) => (encounter.concernKommun = (event.target as HTMLInputElement).value));
  };
  drawMinor();
  const home = kommunInput(id('homeKommun'), undefined, encounter.homeKommun);
  const homeInput = home.querySelector('input') as HTMLInputElement;
  homeInput.addEventListener('input', () => (encounter.homeKommun = homeInput.value));
  homeInput.addEventListener('change', () => (encounter.homeKommun = homeInput.value));
  const remove = h('button', { type: 'button', class: 'link-button' }, t('remove'));
  remove.addEventListener('click', () => {
    draft.encounters.splice(n, 1);
    passForm(draft);
  });
  return h(
    'fieldset',
    { class: 'card encounter' },
    h('legend', {}, t('personN', { n: n + 1 })),
    h('fieldset', {}, h('legend', {}, t('role')), choices(`role-${n}`, id('role'), ROLES, [encounter.role], false, ([v]) => (encounter.role = v ?? ''))),
    h('label', { for: id('ageBand') }, t('ageBand')),
    select(id('ageBand'), AGE_BANDS, encounter.ageBand, (v) => {
      encounter.ageBand = v;
      drawMinor();
    }),
    h('fieldset', {}, h('legend', {}, t('gender')), choices(`gender-${n}`, id('gender'), GENDERS, [encounter.gender], false, ([v]) => (encounter.gender = v ?? ''))),
    h('label', { for: id('homeKommun') }, t('homeKommun')),
    home,
    draft.raids.length > 0 && h('label', { for: id('raidId') }, t('inRaid')),
    draft.raids.length > 0 &&
      (() => {
        const element = h('select', { id: id('raidId') }, h('option', { value: '' }, t('noRaid')), ...draft.raids.map((raid, r) => h('option', { value: raid.raidId, selected: raid.raidId === encounter.raidId }, t('raidN', { n: r + 1 }))));
        element.addEventListener('change', () => (encounter.raidId = element.value));
        return element;
      })(),
    !police && h('fieldset', {}, h('legend', {}, t('supportBy')), choices(`support-${n}`, id('supportUnits'), SOCIAL_UNITS, encounter.supportUnits, true, (values) => (encounter.supportUnits = values))),
    minorPart,
    remove,
  );
}

// ---------------------------------------------------------------------------------------------
// Review, then send

function reviewView(draft: PassDraft): void {
  view = () => reviewView(draft);
  const back = h('button', { type: 'button', class: 'secondary' }, t('back'));
  back.addEventListener('click', () => passForm(draft));
  const send = h('button', { type: 'button' }, t('submit'));
  send.addEventListener('click', async () => {
    send.disabled = true;
    await enqueue(`${t('formTitle')} ${draft.date}`, draftCommands(draft, kommuner, newId));
  });
  const row = (label: string, value: string) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value || '–'));
  render(
    h('h1', {}, t('reviewTitle')),
    h(
      'table',
      { class: 'review' },
      h(
        'tbody',
        {},
        row(t('date'), draft.date),
        row(t('kind'), t(draft.kind)),
        row(t('units'), draft.units.map((u) => t(u)).join(', ')),
        row(t('area'), draft.area),
        row(t('startTime'), draft.startTime),
        row(t('endTime'), draft.endTime),
        ...draft.raids.map((raid, n) => row(t('raidN', { n: n + 1 }), [t(raid.locationType), raid.time].filter(Boolean).join(', '))),
        ...draft.encounters.map((e, n) =>
          row(
            t('personN', { n: n + 1 }),
            [t(e.role), t(e.ageBand), e.gender ? t(e.gender) : '', e.homeKommun, e.supportUnits.length ? `${t('supportBy')}: ${e.supportUnits.map((u) => t(u)).join(', ')}` : '', isMinor(e.ageBand) && !e.guardianOn ? t('needsGuardian') : '', isMinor(e.ageBand) && !e.concernOn ? t('needsConcern') : '']
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      ),
    ),
    send,
    back,
  );
}

/** Keeps the commands on the device, then tries to send them; home says which happened. */
async function enqueue(label: string, commands: QueuedCommand[]): Promise<void> {
  const submission: Submission = { id: newId(), createdAt: Date.now(), label, org: session.org, commands, next: 0, state: 'waiting' };
  await putSubmission(submission);
  await sync();
  const left = (await allSubmissions()).find((s) => s.id === submission.id);
  notice = !left ? { text: t('savedOnline') } : left.state === 'rejected' ? { text: t('serverRefused', { message: left.error?.message ?? '' }), kind: 'warning' } : { text: t('savedOffline') };
  home();
  currentMain.querySelector<HTMLElement>('.notice')?.focus();
}

// ---------------------------------------------------------------------------------------------
// Correct or retract one's recent entries

function correctView(pass: PassNode): void {
  view = () => correctView(pass);
  const draft = { date: pass.date, kind: pass.kind, units: [...pass.units], area: pass.area ?? '' };
  const fix = h(
    'form',
    { novalidate: true },
    h('label', { for: 'correct-date' }, t('date')),
    textInput('correct-date', draft.date, 'date', (v) => (draft.date = v), { max: today() }),
    h('fieldset', {}, h('legend', {}, t('kind')), choices('correct-kind', 'correct-kind', PASS_KINDS, [draft.kind], false, ([v]) => (draft.kind = v ?? ''))),
    h('fieldset', {}, h('legend', {}, t('units')), choices('correct-units', 'correct-units', UNIT_CODES, draft.units, true, (v) => (draft.units = v))),
    h('label', { for: 'correct-area' }, t('area')),
    textInput('correct-area', draft.area, 'text', (v) => (draft.area = v), { maxlength: '120' }),
    h('button', { type: 'submit' }, t('correctPass')),
  );
  fix.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    if (!draft.date || draft.date > today()) errors.push({ id: 'correct-date', message: t(!draft.date ? 'errDate' : 'errDateFuture') });
    if (draft.units.length === 0 || !draft.units.includes(session.org)) errors.push({ id: 'correct-units', message: t(draft.units.length === 0 ? 'errUnits' : 'errOwnUnit') });
    showErrors(fix, t('errorsTitle'), errors);
    if (errors.length > 0) return;
    const changes: Record<string, unknown> = { passId: pass.id };
    if (draft.date !== pass.date) changes.date = draft.date;
    if (draft.kind !== pass.kind) changes.kind = draft.kind;
    if ([...draft.units].sort().join() !== [...pass.units].sort().join()) changes.units = draft.units;
    if (draft.area.trim() && draft.area !== (pass.area ?? '')) changes.area = draft.area.trim();
    await enqueue(`${t('correctPass')} ${pass.date}`, [queued('CorrectPass', changes, newId)]);
  });
  const retract = reasonForm('retract-pass', t('retractPass'), (reason) => [queued('RetractPass', { passId: pass.id, reason }, newId)], `${t('retractPass')} ${pass.date}`);
  const encounters = pass.encounters
    .filter((e) => !e.retracted)
    .map((e) =>
      h(
        'div',
        { class: 'card' },
        h('h3', {}, `${t(e.role)} · ${t(e.ageBand)} · ${e.homeKommun}`),
        reasonForm(`retract-${e.id}`, t('retractEncounter'), (reason) => [queued('RetractEncounter', { passId: pass.id, encounterId: e.id, reason }, newId)], `${t('retractEncounter')} ${pass.date}`),
      ),
    );
  const back = h('button', { type: 'button', class: 'secondary' }, t('back'));
  back.addEventListener('click', home);
  render(h('h1', {}, t('correctTitle', { date: pass.date })), fix, h('h2', {}, t('persons')), ...encounters, h('h2', {}, t('retractPass')), retract, back);
}

function reasonForm(id: string, label: string, commands: (reason: string) => QueuedCommand[], submissionLabel: string): HTMLFormElement {
  const input = h('input', { id: `${id}-reason`, type: 'text', maxlength: '500', 'aria-describedby': `${id}-hint` });
  const form = h('form', { novalidate: true }, h('label', { for: input.id }, t('reason')), h('p', { class: 'hint', id: `${id}-hint` }, t('reasonHint')), input, h('button', { type: 'submit', class: 'warning' }, label));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = input.value.trim() ? [] : [{ id: input.id, message: t('errReason') }];
    showErrors(form, t('errorsTitle'), errors);
    if (errors.length === 0) await enqueue(submissionLabel, commands(input.value.trim()));
  });
  return form;
}

// ---------------------------------------------------------------------------------------------

async function start(): Promise<void> {
  try {
    kommuner = (await (await fetch('/assets/kommuner.json')).json()) as Kommun[];
  } catch {
    kommuner = [];
  }
  if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  window.addEventListener('online', () => void sync());
  window.addEventListener('offline', () => void refreshStatus());
  setInterval(() => void sync(), 30_000);
  home();
  await sync();
}

void start();
