import '../styles/base.css';
import '../styles/field-app.css';
import { h, showErrors, type FieldError } from '../dom.js';
import {
  AGE_BANDS,
  draftCommands,
  draftErrors,
  draftFromPass,
  fieldId,
  GENDERS,
  isUnder18,
  kommunLabel,
  kommunText,
  LOCATION_TYPES,
  newEncounter,
  newPassDraft,
  newRaid,
  PASS_KINDS,
  queued,
  resolveKommun,
  ROLES,
  searchKommuner,
  SOCIAL_SERVICES_UNITS,
  UNITS,
  type EncounterDraft,
  type CommandPart,
  type DraftError,
  type Kommun,
  type PassDraft,
  type QueuedCommand,
  type SentPass,
} from '../field/model.js';
import { allDrafts, deleteDraft, getDraft, putDraft, type StoredDraft } from '../field/drafts.js';
import { allSubmissions, deleteSubmission, putSubmission, syncOutbox, type Refusal, type Submission } from '../field/outbox.js';
import { changedNothing, readRefusal, recordedParts } from '../field/refusals.js';
import { t } from '../field/texts.js';
import { identityErrorKey } from '../field/model.js';
import { ApiError, graphql, Offline } from '../graphql.js';
import { currentLanguage } from '../i18n.js';
import { languageToggle } from '../language-toggle.js';
import { canSend, currentSession, requireSession, signOut } from '../session.js';

/**
 * The field app: record a pass after the night's work (its raids, the persons met), correct or
 * complete one already sent, see what waits to be sent, the open actions for children, and the
 * unit's recent passes. Works offline after the first load: the shell comes from the service
 * worker; drafts and submissions are kept in IndexedDB.
 */
const session = requireSession();
const police = session.org === 'POLIS';
const newId = () => crypto.randomUUID();
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const special = (code: string) => t(code === 'ABROAD' ? 'abroad' : 'unknownKommun');

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

/** The address says which draft is open, so a reload reopens it. */
function showInAddress(hash: string): void {
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash || window.location.pathname);
}

async function refreshStatus(): Promise<void> {
  const waiting = (await allSubmissions()).filter((s) => s.org === session.org && s.state === 'waiting').length;
  const refused = (await allSubmissions()).filter((s) => s.org === session.org && s.state === 'rejected').length + (await allDrafts(session.org)).filter((d) => d.refusal).length;
  const parts = [navigator.onLine ? t('online') : t('offline')];
  if (waiting > 0) parts.push(t('waitingCount', { n: waiting }));
  if (refused > 0) parts.push(t('refusedCount', { n: refused }));
  if (waiting === 0 && refused === 0) parts.push(t('allSent'));
  else if (waiting > 0 && !canSend(currentSession() ?? session)) parts.push(t('waitsForSignIn'));
  status.textContent = parts.join(' · ');
}

async function sync(): Promise<void> {
  try {
    const result = await syncOutbox(session);
    if (result.sent > 0 && view === home) home();
    // The device says it is online but a request failed (a lost answer, a flaky link): try again soon.
    if (result.offline && navigator.onLine) setTimeout(() => void sync(), 3_000);
  } catch (error) {
    // Never sent with an expired sign-in: what waits stays on the device until the person signs in again.
    if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
  }
  await refreshStatus();
  drawSignInNeeded();
}

/** The sign-in has run out: recording goes on, sending waits; one link to sign in again (back here after). */
function drawSignInNeeded(): void {
  const kept = currentSession() ?? session;
  const existing = document.getElementById('sign-in-needed');
  if (canSend(kept)) {
    existing?.remove();
    return;
  }
  if (existing) return;
  const box = h('p', { class: 'notice warning', id: 'sign-in-needed' }, t('signInToSend'), ' ', h('a', { href: `/sign-in?next=${encodeURIComponent(`/${window.location.hash}`)}` }, t('signInAgain')));
  status.after(box);
}

const count = (n: number, one: string, many: string) => t(n === 1 ? one : many, { n });

// ---------------------------------------------------------------------------------------------
// Home: drafts, what waits, open actions, recent passes

function home(): void {
  view = home;
  showInAddress('');
  const newButton = h('button', { type: 'button' }, t('newPass'));
  newButton.addEventListener('click', () => passForm(newPassDraft(newId, today(), session.org)));
  const drafts = h('section', { 'aria-labelledby': 'drafts-title' });
  const outbox = h('section', { 'aria-labelledby': 'outbox-title' });
  const actions = h('section', { 'aria-labelledby': 'actions-title' });
  const recent = h('section', { 'aria-labelledby': 'recent-title' });
  render(
    h('h1', {}, t('home')),
    status,
    notice && h('p', { class: `notice ${notice.kind ?? ''}`, role: 'status', tabindex: '-1' }, notice.text),
    newButton,
    drafts,
    outbox,
    police ? h('p', { class: 'hint' }, t('policeNote')) : actions,
    recent,
  );
  notice = undefined;
  void drawDrafts(drafts);
  void drawOutbox(outbox);
  void drawRecent(recent, police ? undefined : actions);
  void refreshStatus().then(drawSignInNeeded);
}

function draftTitle(draft: PassDraft): string {
  const what = draft.recorded?.pass ? t('draftCorrection') : t('formTitle');
  return `${what} ${draft.date || '–'}${draft.kind ? ` · ${t(draft.kind)}` : ''} · ${count(draft.encounters.length, 'personOne', 'personMany')}`;
}

async function drawDrafts(section: HTMLElement): Promise<void> {
  const mine = (await allDrafts(session.org)).filter((d) => !d.sending);
  if (mine.length === 0) return;
  section.append(
    h('h2', { id: 'drafts-title' }, t('drafts')),
    h(
      'ul',
      { class: 'passes' },
      ...mine.map((stored) => {
        const open = h('button', { type: 'button' }, t(stored.refusal ? 'openAndFix' : 'continueDraft'));
        open.addEventListener('click', () => passForm(stored.draft));
        const item = h(
          'li',
          { class: `card draft${stored.refusal ? ' rejected' : ''}` },
          h('h3', {}, draftTitle(stored.draft)),
          h('p', { class: 'hint' }, t('draftSaved', { when: new Date(stored.updatedAt).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }) })),
          stored.refusal && refusalReport(stored.refusal, stored.draft),
          open,
        );
        item.append(discardButton(item, stored.draft));
        return item;
      }),
    ),
  );
}

/** "Släng" that asks first: a draft is work, and one tap on the wrong button must not lose it. */
function discardButton(container: HTMLElement, draft: PassDraft, after: () => void = home): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary' }, t('discardDraft'));
  const wrapper = h('div', {}, button);
  button.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'warning' }, t('discardYes'));
    const no = h('button', { type: 'button', class: 'secondary' }, t('discardNo'));
    const question = h('div', { class: 'notice warning', role: 'alertdialog', 'aria-labelledby': `confirm-${draft.passId}` }, h('p', { id: `confirm-${draft.passId}` }, t(draft.recorded?.pass ? 'discardQuestionCorrection' : 'discardQuestion')), yes, no);
    yes.addEventListener('click', async () => {
      await deleteDraft(draft.passId);
      notice = { text: t('draftDiscarded') };
      after();
    });
    no.addEventListener('click', () => {
      question.replaceWith(wrapper);
      button.focus();
    });
    wrapper.replaceWith(question);
    yes.focus();
  });
  void container;
  return wrapper;
}

/** What part of a submission a command was, in words: "Person 2", "Stöd till person 2". */
function partText(part: CommandPart | undefined): string {
  if (!part) return t('partUnknown');
  return t(`part_${part.kind}`, { n: part.n ?? 0 });
}

/**
 * Exactly what the log holds and what it does not, after a refusal, and the one thing to do that
 * does not record anything twice: the draft already knows what is recorded and sends only the rest.
 */
function refusalReport(refusal: Refusal, draft?: PassDraft, commands?: readonly QueuedCommand[]): HTMLElement {
  const box = h('div', { class: 'refusal' });
  const part = commands?.[refusal.index]?.part ?? refusal.part;
  const reading = readRefusal(refusal, part);
  box.append(h('p', { class: 'refusal-title' }, `${t('refusedTitle')}: ${part ? `${partText(part)}: ` : ''}${t(reading.key)}`));
  const parts = commands ?? refusal.parts?.map((p) => (p ? { part: p } : null));
  if (parts) {
    const { recorded, notSent } = recordedParts(parts, refusal.index);
    box.append(h('p', {}, recorded.length === 0 ? t('nothingRecorded') : t('recordedList', { list: recorded.map(partText).join(', ') })));
    if (notSent.length > 0) box.append(h('p', {}, t('notSentList', { list: notSent.map(partText).join(', ') })));
  } else {
    box.append(h('p', {}, refusal.index === 0 ? t('nothingRecorded') : t('recordedCount', { n: refusal.index })));
  }
  if (changedNothing(refusal)) box.append(h('p', { class: 'hint' }, t('adviceNothingChanged')));
  else if (draft) box.append(h('p', { class: 'hint' }, t(draft.recorded?.pass ? 'adviceFixRest' : 'adviceFixAll')));
  else box.append(h('p', { class: 'hint' }, t('adviceRemove')));
  return box;
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
  return h('li', { class: 'rejected card' }, h('h3', {}, submission.label), submission.error && refusalReport(submission.error, undefined, submission.commands), discard);
}

interface PassNode extends SentPass {
  retracted: boolean;
  revision: number;
  encounters: Array<SentPass['encounters'][number] & { under18: boolean }>;
}

const PAGE_SIZE = 5;
/** A date searched for on the home page: that day's passes only. */
let searchedDate = '';

const PASSES = `query ($first: Int!, $after: String, $filter: PassFilter) { passes(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id date kind units area startTime endTime retracted revision raids { id time locationType } encounters { id raidId role ageBand under18 gender retracted homeKommun supportOfferedBy guardianContactedOn concernReport { on kommun } } } } } }`;

/** Open actions come from the unit's last hundred passes, not the page of recent ones shown. */
const OPEN_ACTIONS = `{ passes(first: 100) { edges { node { id date retracted encounters { id role ageBand under18 retracted homeKommun guardianContactedOn concernReport { on kommun } } } } } }`;

/** The last answer, so open actions for children stay on screen with no network. */
const RECENT_KEY = `samlogg.openActions.${session.org}`;

async function drawRecent(section: HTMLElement, actions: HTMLElement | undefined, after?: string, shown = 0): Promise<void> {
  if (!after) section.append(h('h2', { id: 'recent-title' }, t('recentPasses', { org: t(session.org) })), searchForm(section, actions));
  let passes: PassNode[];
  let more: { endCursor: string } | undefined;
  let total = 0;
  try {
    const answer = (await graphql<{ passes: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: PassNode }> } }>(session, PASSES, { first: PAGE_SIZE, after: after ?? null, filter: searchedDate ? { from: searchedDate, to: searchedDate } : null })).passes;
    passes = answer.edges.map((e) => e.node);
    total = answer.totalCount;
    if (answer.pageInfo.hasNextPage) more = { endCursor: answer.pageInfo.endCursor };
  } catch (error) {
    section.append(h('p', { class: 'notice warning' }, t('couldNotLoad', { reason: error instanceof Offline ? t('offlineShort') : (error as Error).message })));
    if (actions && !after) drawActions(actions, [], true);
    return;
  }
  if (actions && !after) {
    try {
      const forActions = (await graphql<{ passes: { edges: Array<{ node: PassNode }> } }>(session, OPEN_ACTIONS)).passes.edges.map((e) => e.node);
      drawActions(actions, forActions, false);
    } catch {
      drawActions(actions, [], true);
    }
  }
  if (passes.length === 0 && !after) {
    section.append(h('p', {}, t(searchedDate ? 'noPassesOn' : 'noPasses', { date: searchedDate })));
    return;
  }
  section.querySelector('.more')?.remove();
  section.append(
    h(
      'ul',
      { class: 'passes' },
      ...passes.map((pass) => {
        const live = pass.encounters.filter((e) => !e.retracted);
        const change = h('button', { type: 'button', class: 'secondary' }, t('change'));
        change.addEventListener('click', async () => passForm((await getDraft(pass.id))?.draft ?? draftFromPass(pass, kommuner, special)));
        return h(
          'li',
          { class: 'card' },
          h('h3', {}, `${pass.date}${pass.retracted ? ` – ${t('retracted')}` : ''}`),
          h('p', {}, t('passSummary', { kind: t(pass.kind), units: pass.units.map((u) => t(u)).join(', '), raids: count(pass.raids.length, 'raidOne', 'raidMany'), encounters: count(live.length, 'personOne', 'personMany') })),
          pass.area ? h('p', { class: 'hint' }, pass.area) : undefined,
          !pass.retracted && change,
        );
      }),
    ),
  );
  const now = shown + passes.length;
  section.append(h('p', { class: 'hint more-count' }, t('shownOf', { n: now, total })));
  if (more) {
    const button = h('button', { type: 'button', class: 'secondary more' }, t('showMore'));
    button.addEventListener('click', () => {
      section.querySelector('.more-count')?.remove();
      void drawRecent(section, undefined, more.endCursor, now);
    });
    section.append(button);
  }
}

/** Find a pass by its date instead of scrolling: the list then holds that day's passes. */
function searchForm(section: HTMLElement, actions: HTMLElement | undefined): HTMLFormElement {
  const date = h('input', { id: 'search-date', ...DATE_FIELD, placeholder: t('dateHint'), value: searchedDate, 'aria-describedby': 'search-hint' });
  const clear = h('button', { type: 'button', class: 'link-button' }, t('searchClear'));
  const form = h('form', { class: 'search', role: 'search', novalidate: true }, h('label', { for: 'search-date' }, t('searchDate')), h('p', { class: 'hint', id: 'search-hint' }, t('dateHint')), date, h('button', { type: 'submit', class: 'secondary' }, t('search')), searchedDate ? clear : '');
  const redraw = () => {
    section.replaceChildren();
    void drawRecent(section, undefined);
    void actions;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    searchedDate = /^\d{4}-\d{2}-\d{2}$/.test(date.value) ? date.value : '';
    redraw();
  });
  clear.addEventListener('click', () => {
    searchedDate = '';
    redraw();
  });
  return form;
}

interface OpenAction {
  readonly pass: { id: string; date: string };
  readonly encounter: { id: string; role: string; ageBand: string; homeKommun: string; guardianContactedOn: string | null; concernReport: { on: string } | null };
}

function drawActions(section: HTMLElement, passes: readonly PassNode[], offline: boolean): void {
  section.append(h('h2', { id: 'actions-title' }, t('openActions')));
  let open: OpenAction[];
  if (offline) {
    open = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as OpenAction[];
    if (open.length > 0) section.append(h('p', { class: 'hint' }, t('actionsFromLastLoad')));
  } else {
    open = passes.flatMap((pass) =>
      pass.retracted
        ? []
        : pass.encounters
            .filter((e) => e.under18 && !e.retracted && (!e.guardianContactedOn || !e.concernReport))
            .map((e) => ({ pass: { id: pass.id, date: pass.date }, encounter: { id: e.id, role: e.role, ageBand: e.ageBand, homeKommun: e.homeKommun, guardianContactedOn: e.guardianContactedOn, concernReport: e.concernReport } })),
    );
    // Only codes and dates: what a child's follow-up needs, nothing that names anyone.
    localStorage.setItem(RECENT_KEY, JSON.stringify(open));
  }
  if (open.length === 0) {
    section.append(h('p', {}, t('noOpenActions')));
    return;
  }
  section.append(
    h(
      'ul',
      { class: 'actions' },
      ...open.map(({ pass, encounter }) => {
        const item = h('li', { class: 'card' }, h('h3', {}, `${pass.date} · ${t(encounter.role)} · ${t(encounter.ageBand)} · ${kommunText(encounter.homeKommun, kommuner, special)}`));
        if (!encounter.guardianContactedOn) item.append(actionForm(pass, encounter.id, 'guardian'));
        if (!encounter.concernReport) item.append(actionForm(pass, encounter.id, 'concern', encounter.homeKommun));
        return item;
      }),
    ),
  );
}

/** A small form that records a guardian contact or a report of concern for one child. */
function actionForm(pass: { id: string; date: string }, encounterId: string, kind: 'guardian' | 'concern', homeKommun?: string): HTMLElement {
  const prefix = `action-${encounterId}-${kind}`;
  const date = h('input', { id: `${prefix}-on`, ...DATE_FIELD, placeholder: t('dateHint'), value: today() });
  const kommun = kind === 'concern' ? kommunInput(`${prefix}-kommun`, /^\d{4}$/.test(homeKommun ?? '') ? (kommuner.find(([c]) => c === homeKommun) ?? undefined) : undefined, undefined, true) : undefined;
  const submit = h('button', { type: 'submit' }, t(kind === 'guardian' ? 'recordGuardian' : 'recordConcern'));
  const form = h(
    'form',
    { novalidate: true, class: 'action-form' },
    h('p', { class: 'field-error' }, t(kind === 'guardian' ? 'needsGuardian' : 'needsConcern')),
    h('label', { for: date.id }, t(kind === 'guardian' ? 'guardianContactedOn' : 'concernReportOn')),
    date,
    kommun && h('label', { for: `${prefix}-kommun` }, t('concernReportKommun')),
    kommun,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    const written = /^\d{4}-\d{2}-\d{2}$/.test(date.value);
    if (!written || date.value > today() || date.value < pass.date) errors.push({ id: date.id, message: t(!written ? 'errDate' : date.value > today() ? 'errDateFuture' : 'errBeforePass') });
    const code = kommun ? resolveKommun((kommun.querySelector('input') as HTMLInputElement).value, kommuner) : undefined;
    if (kommun && !/^\d{4}$/.test(code ?? '')) errors.push({ id: `${prefix}-kommun`, message: t('errConcernKommun') });
    showErrors(form, t('errorsTitle'), errors);
    if (errors.length > 0) return;
    const command =
      kind === 'guardian'
        ? queued('ContactGuardian', { passId: pass.id, encounterId, on: date.value }, newId, { kind: 'guardian' })
        : queued('FileConcernReport', { passId: pass.id, encounterId, on: date.value, kommun: code }, newId, { kind: 'concern' });
    await enqueue(`${t(kind === 'guardian' ? 'recordGuardian' : 'recordConcern')} ${pass.date}`, [command], kind === 'guardian' ? 'savedGuardian' : 'savedConcern');
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// The kommun search: type part of a name, pick from the suggestions (as buttons, large enough to tap)

function kommunInput(id: string, initial?: Kommun, initialText?: string, codesOnly = false): HTMLElement {
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
    // A report of concern goes to a kommun: abroad and unknown are home kommuner only.
    const special = codesOnly ? [] : [t('abroad'), t('unknownKommun')].filter((label) => value.length >= 2 && label.toLocaleLowerCase('sv').startsWith(value.toLocaleLowerCase('sv')));
    suggestions.replaceChildren(
      ...[...found, ...special].map((label) => {
        const button = h('button', { type: 'button', class: 'suggestion' }, label);
        button.addEventListener('click', () => choose(label));
        return h('li', {}, button);
      }),
    );
  });
  return h('div', { class: 'kommun-search' }, h('p', { class: 'hint', id: `${id}-hint` }, t(codesOnly ? 'concernReportKommunHint' : 'homeKommunHint')), input, suggestions);
}

// ---------------------------------------------------------------------------------------------
// The pass form: a new pass, or one already sent (then only what can be corrected or added is open)

function choices(name: string, id: string, values: readonly string[], selected: readonly string[], multiple: boolean, onChange: (values: string[]) => void, locked: readonly string[] = []): HTMLFieldSetElement {
  const inputs = values.map((value, n) => {
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, value, id: n === 0 ? id : `${id}-${value}`, checked: selected.includes(value), disabled: locked.includes(value) });
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

/**
 * A date is typed ÅÅÅÅ-MM-DD in a text field: a browser's own date field shows the format of its
 * interface language (mm/dd/yyyy on an English phone), which then disagrees with the page and its
 * error messages. Digits keyboard on a phone; the form's check says what is wrong.
 */
const DATE_FIELD = { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'ÅÅÅÅ-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', maxlength: '10' } as const;

function textInput(id: string, value: string, type: string, onChange: (value: string) => void, attributes: Record<string, string | boolean> = {}): HTMLInputElement {
  const { max: _max, min: _min, ...rest } = attributes;
  const element = h('input', { id, value, ...(type === 'date' ? { ...DATE_FIELD, placeholder: t('dateHint') } : { type, ...(_max !== undefined ? { max: _max } : {}), ...(_min !== undefined ? { min: _min } : {}) }), ...rest });
  element.addEventListener('input', () => onChange(element.value));
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

/** Kept at every keystroke: nothing typed is lost to a reload, a crash or a closed tab. */
function keepDraft(draft: PassDraft, refusal?: Refusal): Promise<void> {
  return putDraft({ id: draft.passId, org: session.org, updatedAt: Date.now(), draft, ...(refusal ? { refusal } : {}) });
}

/** "Person 2: välj roll": which person or raid a message concerns, when it concerns one. */
const withOf = (of: DraftError['of'], text: string) => (of ? `${t(of.key, { n: of.n })}: ${text.replace(/^\p{Lu}/u, (c) => c.toLocaleLowerCase())}` : text);
const messageOf = (e: DraftError) => withOf(e.of, t(e.key));

async function passForm(draft: PassDraft, errors: FieldError[] = []): Promise<void> {
  const stored = await getDraft(draft.passId);
  const refusal = stored?.refusal;
  drawPassForm(draft, errors, refusal);
}

function drawPassForm(draft: PassDraft, errors: FieldError[], refusal: Refusal | undefined): void {
  view = () => drawPassForm(draft, [], refusal);
  showInAddress(`#utkast/${draft.passId}`);
  const redraw = () => drawPassForm(draft, [], refusal);
  const sent = draft.recorded;
  const editing = Boolean(sent?.pass);
  const reviewButton = h('button', { type: 'submit' }, t('review'));
  const later = h('button', { type: 'button', class: 'secondary' }, t('saveForLater'));
  later.addEventListener('click', async () => {
    if (await getDraft(draft.passId)) notice = { text: t('draftKept') };
    home();
  });
  const form = h(
    'form',
    { novalidate: true, id: 'pass-form' },
    h('h1', {}, editing ? t('correctTitle', { date: sent?.pass?.date ?? draft.date }) : t('formTitle')),
    editing && h('p', { class: 'hint' }, t('correctIntro')),
    refusal && h('div', { class: 'notice warning', id: 'refusal' }, refusalReport(refusal, draft)),
    passDetailsSection(draft, editing),
    raidsSection(draft, refusal, redraw),
    personsSection(draft, refusal, redraw),
    reviewButton,
    later,
  );
  keepAndReview(form, draft, refusal);
  const extra: HTMLElement[] = [];
  if (editing) extra.push(...retractions(draft));
  if (stored(draft)) form.append(discardButton(form, draft));
  render(form, ...extra);
  showFormErrors(form, errors, refusal);
}

/** The pass's own fields: date, kind, units, area and times (the times of a sent pass are not corrected here). */
function passDetailsSection(draft: PassDraft, editing: boolean): HTMLElement {
  const { pass } = fieldId;
  const units = choices('units', pass('units'), UNITS, draft.units, true, (values) => (draft.units = values));
  return h(
    'section',
    { 'aria-labelledby': 'pass-title' },
    h('h2', { id: 'pass-title' }, t('passDetails')),
    h('label', { for: pass('date') }, t('date')),
    h('p', { class: 'hint', id: 'date-hint' }, t('dateHint')),
    textInput(pass('date'), draft.date, 'date', (v) => (draft.date = v), { max: today(), min: '2021-04-01', 'aria-describedby': 'date-hint' }),
    h('fieldset', {}, h('legend', {}, t('kind')), choices('kind', pass('kind'), PASS_KINDS, [draft.kind], false, ([v]) => (draft.kind = v ?? ''))),
    h('fieldset', {}, h('legend', {}, t('units')), units),
    h('label', { for: pass('area') }, t('area')),
    h('p', { class: 'hint', id: 'area-hint' }, t(editing ? 'areaHintCorrect' : 'areaHint')),
    textInput(pass('area'), draft.area, 'text', (v) => (draft.area = v), { maxlength: '120', 'aria-describedby': 'area-hint' }),
    h(
      'div',
      { class: 'two' },
      h('div', {}, h('label', { for: pass('startTime') }, t('startTime')), textInput(pass('startTime'), draft.startTime, 'time', (v) => (draft.startTime = v), { disabled: editing })),
      h('div', {}, h('label', { for: pass('endTime') }, t('endTime')), textInput(pass('endTime'), draft.endTime, 'time', (v) => (draft.endTime = v), { disabled: editing })),
    ),
  );
}

function raidsSection(draft: PassDraft, refusal: Refusal | undefined, redraw: () => void): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'raids-title' }, h('h2', { id: 'raids-title' }, t('raids')));
  draft.raids.forEach((_raid, n) => section.append(raidFieldset(draft, n, redraw)));
  const addRaid = h('button', { type: 'button', class: 'secondary' }, t('addRaid'));
  addRaid.addEventListener('click', () => {
    draft.raids.push(newRaid(newId));
    void keepDraft(draft, refusal);
    redraw();
    document.getElementById(fieldId.raid(draft.raids.length - 1, 'locationType'))?.focus();
  });
  section.append(addRaid);
  return section;
}

function personsSection(draft: PassDraft, refusal: Refusal | undefined, redraw: () => void): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'persons-title' }, h('h2', { id: 'persons-title' }, t('persons')), h('p', { class: 'hint' }, t('personsHint')));
  draft.encounters.forEach((encounter, n) => section.append(encounterFieldset(draft, encounter, n, redraw)));
  const addPerson = h('button', { type: 'button', class: 'secondary' }, t('addPerson'));
  addPerson.addEventListener('click', () => {
    draft.encounters.push(newEncounter(newId));
    void keepDraft(draft, refusal);
    redraw();
    document.getElementById(fieldId.encounter(draft.encounters.length - 1, 'role'))?.focus();
  });
  section.append(addPerson);
  return section;
}

/** Every change is kept on the device at once; submitting checks the draft and goes to the review. */
function keepAndReview(form: HTMLElement, draft: PassDraft, refusal: Refusal | undefined): void {
  // The field's own handler has updated the draft by the time the form hears of the change.
  const keep = () => void keepDraft(draft, refusal);
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const found = draftErrors(draft, { today: today(), ownUnit: session.org, kommuner }).map((e) => ({ id: e.id, message: messageOf(e) }));
    if (found.length > 0) {
      showErrors(form, t('errorsTitle'), found);
      return;
    }
    reviewView(draft, refusal);
  });
}

/** The errors found, or else the server's refusal on the field it names. */
function showFormErrors(form: HTMLElement, errors: FieldError[], refusal: Refusal | undefined): void {
  if (refusal && errors.length === 0) {
    const reading = readRefusal(refusal, refusal.part);
    if (reading.fieldId) errors = [{ id: reading.fieldId, message: withOf(reading.of, t(reading.key)) }];
  }
  if (errors.length > 0) showErrors(form, t(refusal ? 'refusedTitle' : 'errorsTitle'), errors);
  else if (refusal) (form.querySelector('#refusal') as HTMLElement | null)?.setAttribute('tabindex', '-1');
}

/** A draft worth asking about before it is thrown away: it has been kept (something was typed). */
const keptDrafts = new Set<string>();
function stored(draft: PassDraft): boolean {
  return keptDrafts.has(draft.passId) || Boolean(draft.recorded) || draft.encounters.length > 0 || draft.raids.length > 0 || Boolean(draft.kind || draft.area);
}

function raidFieldset(draft: PassDraft, n: number, redraw: () => void): HTMLElement {
  const raid = draft.raids[n] as PassDraft['raids'][number];
  const recorded = draft.recorded?.raids.includes(raid.raidId) ?? false;
  const remove = h('button', { type: 'button', class: 'link-button' }, t('remove'));
  remove.addEventListener('click', () => {
    draft.raids.splice(n, 1);
    for (const e of draft.encounters) if (e.raidId === raid.raidId) e.raidId = '';
    void keepDraft(draft);
    redraw();
  });
  const location = select(fieldId.raid(n, 'locationType'), LOCATION_TYPES, raid.locationType, (v) => (raid.locationType = v));
  location.disabled = recorded;
  return h(
    'fieldset',
    { class: 'card' },
    h('legend', {}, t('raidN', { n: n + 1 })),
    recorded && h('p', { class: 'hint' }, t('raidRecorded')),
    h('label', { for: fieldId.raid(n, 'locationType') }, t('locationType')),
    location,
    h('label', { for: fieldId.raid(n, 'time') }, t('time')),
    textInput(fieldId.raid(n, 'time'), raid.time, 'time', (v) => (raid.time = v), { disabled: recorded }),
    !recorded && remove,
  );
}

function encounterFieldset(draft: PassDraft, encounter: EncounterDraft, n: number, redraw: () => void): HTMLElement {
  const id = (name: string) => fieldId.encounter(n, name);
  const was = draft.recorded?.encounters[encounter.encounterId];
  const under18Part = h('div', { class: 'under-18' });
  const drawUnder18 = () => {
    under18Part.replaceChildren();
    if (!isUnder18(encounter.ageBand) || police) return;
    under18Part.append(
      h('h3', {}, t('under18Title')),
      h('p', { class: 'hint' }, t('under18Hint')),
      h('label', { for: id('guardianContactedOn') }, t('guardianContactedOn')),
      textInput(id('guardianContactedOn'), encounter.guardianContactedOn, 'date', (v) => (encounter.guardianContactedOn = v), { max: today(), disabled: Boolean(was?.guardianContactedOn) }),
      h('label', { for: id('concernReportOn') }, t('concernReportOn')),
      textInput(id('concernReportOn'), encounter.concernReportOn, 'date', (v) => (encounter.concernReportOn = v), { max: today(), disabled: Boolean(was?.concernReportOn) }),
      h('label', { for: id('concernReportKommun') }, t('concernReportKommun')),
      kommunInput(id('concernReportKommun'), undefined, encounter.concernReportKommun, true),
    );
    const concernReportKommun = under18Part.querySelector(`#${id('concernReportKommun')}`) as HTMLInputElement;
    concernReportKommun.disabled = Boolean(was?.concernReportOn);
    concernReportKommun.addEventListener('change', () => (encounter.concernReportKommun = concernReportKommun.value));
    concernReportKommun.addEventListener('input', () => (encounter.concernReportKommun = concernReportKommun.value));
  };
  drawUnder18();
  const home = kommunInput(id('homeKommun'), undefined, encounter.homeKommun);
  const homeInput = home.querySelector('input') as HTMLInputElement;
  homeInput.addEventListener('input', () => (encounter.homeKommun = homeInput.value));
  homeInput.addEventListener('change', () => (encounter.homeKommun = homeInput.value));
  const remove = h('button', { type: 'button', class: 'link-button' }, t('remove'));
  remove.addEventListener('click', () => {
    draft.encounters.splice(n, 1);
    void keepDraft(draft);
    redraw();
  });
  return h(
    'fieldset',
    { class: 'card encounter' },
    h('legend', {}, t('personN', { n: n + 1 })),
    was && h('p', { class: 'hint' }, t('personRecorded')),
    h('fieldset', {}, h('legend', {}, t('role')), choices(`role-${n}`, id('role'), ROLES, [encounter.role], false, ([v]) => (encounter.role = v ?? ''))),
    h('label', { for: id('ageBand') }, t('ageBand')),
    select(id('ageBand'), AGE_BANDS, encounter.ageBand, (v) => {
      encounter.ageBand = v;
      drawUnder18();
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
    !police && h('fieldset', {}, h('legend', {}, t('supportBy')), choices(`support-${n}`, id('supportOfferedBy'), SOCIAL_SERVICES_UNITS, encounter.supportOfferedBy, true, (values) => (encounter.supportOfferedBy = values), was?.supportOfferedBy ?? [])),
    under18Part,
    !was && remove,
  );
}

/** A sent pass's retractions, each with its reason: a person recorded by mistake, or the whole pass. */
function retractions(draft: PassDraft): HTMLElement[] {
  const recorded = draft.recorded?.encounters ?? {};
  const date = draft.recorded?.pass?.date ?? draft.date;
  const persons = draft.encounters
    .map((e, n) => ({ e, n }))
    .filter(({ e }) => recorded[e.encounterId])
    .map(({ e, n }) =>
      h(
        'div',
        { class: 'card' },
        h('h3', {}, `${t('personN', { n: n + 1 })}: ${t(e.role)} · ${t(e.ageBand)} · ${e.homeKommun}`),
        reasonForm(`retract-${e.encounterId}`, t('retractEncounter'), (reason) => [queued('RetractEncounter', { passId: draft.passId, encounterId: e.encounterId, reason }, newId, { kind: 'personRetraction', n: n + 1 })], `${t('retractEncounter')} ${date}`, 'savedRetractEncounter'),
      ),
    );
  return [
    h('h2', {}, t('retractTitle')),
    ...persons,
    h('h3', {}, t('retractPass')),
    reasonForm('retract-pass', t('retractPass'), (reason) => [queued('RetractPass', { passId: draft.passId, reason }, newId, { kind: 'passRetraction' })], `${t('retractPass')} ${date}`, 'savedRetractPass'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Review, then send

function reviewView(draft: PassDraft, refusal?: Refusal): void {
  view = () => reviewView(draft, refusal);
  showInAddress(`#granska/${draft.passId}`);
  const editing = Boolean(draft.recorded?.pass);
  const commands = draftCommands(draft, kommuner, newId);
  const back = h('button', { type: 'button', class: 'secondary' }, t('back'));
  back.addEventListener('click', () => drawPassForm(draft, [], refusal));
  const send = h('button', { type: 'button' }, t(editing ? 'submitChanges' : 'submit'));
  send.addEventListener('click', async () => {
    send.disabled = true;
    await putDraft({ id: draft.passId, org: session.org, updatedAt: Date.now(), draft, sending: true });
    await enqueue(`${editing ? t('draftCorrection') : t('formTitle')} ${draft.date}`, commands, editing ? 'savedCorrection' : 'savedOnline', draft.passId);
  });
  render(
    h('h1', {}, t('reviewTitle')),
    editing && h('p', {}, commands.length === 0 ? t('nothingToSend') : t('willSend', { list: commands.map((c) => partText(c.part)).join(', ') })),
    h('table', { class: 'review' }, h('caption', { class: 'visually-hidden' }, t('reviewTitle')), h('tbody', {}, ...reviewRows(draft, refusal))),
    commands.length > 0 && send,
    back,
  );
  currentMain.querySelector('h1')?.setAttribute('tabindex', '-1');
  currentMain.querySelector<HTMLElement>('h1')?.focus();
}

/** One row per field of the pass, per raid and per person, each with a link back to its field. */
function reviewRows(draft: PassDraft, refusal: Refusal | undefined): HTMLElement[] {
  const edit = (id: string, label: string) => {
    const link = h('button', { type: 'button', class: 'link-button' }, t('change'), h('span', { class: 'visually-hidden' }, ` ${label}`));
    link.addEventListener('click', () => {
      drawPassForm(draft, [], refusal);
      document.getElementById(id)?.focus();
    });
    return link;
  };
  const row = (label: string, value: string, id: string) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, h('span', {}, value || '–'), ' ', h('span', { class: 'no-print edit' }, edit(id, label))));
  return [
    row(t('date'), draft.date, fieldId.pass('date')),
    row(t('kind'), t(draft.kind), fieldId.pass('kind')),
    row(t('units'), draft.units.map((u) => t(u)).join(', '), fieldId.pass('units')),
    // An emptied area of a sent pass is a change too: say that it goes, not only a dash.
    row(t('area'), draft.area.trim() || (draft.recorded?.pass?.area ? t('areaCleared') : ''), fieldId.pass('area')),
    row(t('startTime'), draft.startTime, fieldId.pass('startTime')),
    row(t('endTime'), draft.endTime, fieldId.pass('endTime')),
    ...draft.raids.map((raid, n) => row(t('raidN', { n: n + 1 }), [t(raid.locationType), raid.time].filter(Boolean).join(', '), fieldId.raid(n, 'locationType'))),
    ...draft.encounters.map((e, n) => row(t('personN', { n: n + 1 }), encounterSummary(draft, e), fieldId.encounter(n, 'role'))),
  ];
}

/** A person as the review reads them: role · age band · … · what is still to be done for someone under 18. */
function encounterSummary(draft: PassDraft, e: EncounterDraft): string {
  const raidName = (raidId: string) => {
    const index = draft.raids.findIndex((r) => r.raidId === raidId);
    return index >= 0 ? t('raidN', { n: index + 1 }) : '';
  };
  const kommunName = (text: string) => {
    const code = resolveKommun(text, kommuner);
    return code ? kommunText(code, kommuner, special) : text;
  };
  return [
    t(e.role),
    t(e.ageBand),
    e.gender ? t(e.gender) : '',
    kommunName(e.homeKommun),
    e.raidId ? raidName(e.raidId) : '',
    e.supportOfferedBy.length ? `${t('supportBy')}: ${e.supportOfferedBy.map((u) => t(u)).join(', ')}` : '',
    isUnder18(e.ageBand) && e.guardianContactedOn ? `${t('guardianContactedOn')}: ${e.guardianContactedOn}` : '',
    isUnder18(e.ageBand) && e.concernReportOn ? `${t('concernReportOn')}: ${e.concernReportOn}, ${kommunName(e.concernReportKommun)}` : '',
    isUnder18(e.ageBand) && !e.guardianContactedOn && !police ? t('needsGuardian') : '',
    isUnder18(e.ageBand) && !e.concernReportOn && !police ? t('needsConcern') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Keeps the commands on the device, then tries to send them; home or the draft says which happened. */
async function enqueue(label: string, commands: QueuedCommand[], sentKey: string, draftId?: string): Promise<void> {
  const submission: Submission = { id: newId(), createdAt: Date.now(), label, org: session.org, commands, next: 0, state: 'waiting', ...(draftId ? { draftId } : {}) };
  await putSubmission(submission);
  await sync();
  const left = (await allSubmissions()).find((s) => s.id === submission.id);
  const draft = draftId ? await getDraft(draftId) : undefined;
  if (draft?.refusal) {
    // Refused: back to the draft, which knows what is in the log; the error sits on its field.
    drawPassForm(draft.draft, [], draft.refusal);
    (currentMain.querySelector<HTMLElement>('.error-summary') ?? currentMain.querySelector<HTMLElement>('#refusal'))?.focus();
    return;
  }
  notice = !left ? { text: t(sentKey) } : left.state === 'rejected' ? { text: t('serverRefusedShort'), kind: 'warning' } : { text: t('savedOffline') };
  home();
  currentMain.querySelector<HTMLElement>('.notice')?.focus();
}

function reasonForm(id: string, label: string, commands: (reason: string) => QueuedCommand[], submissionLabel: string, sentKey: string): HTMLFormElement {
  const input = h('input', { id: `${id}-reason`, type: 'text', maxlength: '500', 'aria-describedby': `${id}-hint` });
  const form = h('form', { novalidate: true }, h('label', { for: input.id }, t('reason')), h('p', { class: 'hint', id: `${id}-hint` }, t('reasonHint')), input, h('button', { type: 'submit', class: 'warning' }, label));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = input.value.trim();
    const identity = identityErrorKey(reason);
    const errors = !reason ? [{ id: input.id, message: t('errReason') }] : identity ? [{ id: input.id, message: t(identity.replace('errId', 'errReasonId')) }] : [];
    showErrors(form, t('errorsTitle'), errors);
    if (errors.length === 0) await enqueue(submissionLabel, commands(reason), sentKey);
  });
  return form;
}

// ---------------------------------------------------------------------------------------------

/** Where the address points: a draft being filled in, or its review. */
async function openFromAddress(): Promise<boolean> {
  const match = /^#(utkast|granska)\/([0-9a-f-]{36})$/.exec(window.location.hash);
  if (!match) return false;
  const stored: StoredDraft | undefined = await getDraft(match[2] as string);
  if (!stored || stored.org !== session.org || stored.sending) return false;
  if (match[1] === 'granska' && draftErrors(stored.draft, { today: today(), ownUnit: session.org, kommuner }).length === 0) reviewView(stored.draft, stored.refusal);
  else drawPassForm(stored.draft, [], stored.refusal);
  return true;
}

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
  if (!(await openFromAddress())) home();
  await sync();
}

void start();
