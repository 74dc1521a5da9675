import '../styles/base.css';
import { UNITS, type Unit } from '../../../domain/vocabulary.js';
import { h, showErrors } from '../dom.js';
import { translator } from '../i18n.js';
import { languageToggle } from '../language-toggle.js';
import { beginSignIn, completeSignIn, type OidcClient } from '../oidc.js';
import { saveSession } from '../session.js';

/**
 * The sign-in page. In development it offers a choice of dev users (role and organisation) and
 * fetches a token from /auth/dev-token; with an identity provider configured, sign-in is the
 * provider's, and this page says so.
 */
const t = translator({
  title: { sv: 'Logga in', en: 'Sign in' },
  devIntro: { sv: 'Utvecklarläge: välj en testanvändare. Inga riktiga konton.', en: 'Development: choose a test user. No real accounts.' },
  oidcIntro: { sv: 'Logga in med din organisations inloggning.', en: 'Sign in with your organisation’s sign-in.' },
  oidcMissing: { sv: 'Inloggningen via organisationen är inte konfigurerad för webbsidorna här. Kontakta förvaltningen.', en: 'Organisation sign-in is not set up for these pages here. Contact the administration.' },
  oidcButton: { sv: 'Logga in med organisationens inloggning', en: 'Sign in with your organisation' },
  oidcFailed: { sv: 'Inloggningen misslyckades: {message}', en: 'Sign-in failed: {message}' },
  role: { sv: 'Roll', en: 'Role' },
  org: { sv: 'Organisation', en: 'Organisation' },
  orgHint: { sv: 'För fältpersonal: din verksamhet.', en: 'For field staff: your unit.' },
  submit: { sv: 'Logga in', en: 'Sign in' },
  errorsTitle: { sv: 'Det gick inte att logga in', en: 'Sign-in failed' },
  field: { sv: 'Fältpersonal', en: 'Field staff' },
  beredningsgrupp: { sv: 'Beredningsgrupp', en: 'Preparatory group' },
  styrgrupp: { sv: 'Styrgrupp', en: 'Steering group' },
  projektledare: { sv: 'Projektledare', en: 'Project lead' },
  auditor: { sv: 'Granskare (logg)', en: 'Auditor' },
  unreachable: { sv: 'Servern svarar inte. Försök igen när nätet fungerar.', en: 'The server does not answer. Try again when the network works.' },
});

const ROLES = ['field', 'beredningsgrupp', 'styrgrupp', 'projektledare', 'auditor'];
/** The domain's units, in its order; a unit added there without a name here does not compile. */
const UNIT_NAMES: Readonly<Record<Unit, string>> = {
  MIKA: 'Mikamottagningen',
  KAST: 'KAST',
  REGIONKOORDINATOR: 'Regionkoordinatorer',
  UNGDOMSJOUREN: 'Ungdomsjouren',
  POLIS: 'Polisen',
};
const OTHER_ORG: Readonly<Record<string, string>> = { beredningsgrupp: 'BEREDNINGSGRUPPEN', styrgrupp: 'STYRGRUPPEN', projektledare: 'PROJEKTLEDNING', auditor: 'GRANSKNING' };

/** Where each role starts, unless the page that sent here asked to come back. */
function landingFor(role: string): string {
  const next = new URLSearchParams(window.location.search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return landingForRole(role);
}

function landingForRole(role: string): string {
  if (role === 'field') return '/';
  if (role === 'auditor') return '/explorer/';
  return '/reports/tertial/current';
}

function draw(): void {
  const app = document.getElementById('app') as HTMLElement;
  app.replaceChildren();
  const development = document.querySelector('meta[name="samlogg-sign-in"]')?.getAttribute('content') === 'development';
  app.append(h('div', { class: 'no-print', style: undefined }, languageToggle(draw)), h('h1', {}, t('title')));
  const mode = document.querySelector('meta[name="samlogg-sign-in"]')?.getAttribute('content');
  if (mode === 'oidc') {
    drawOidc(app);
    return;
  }
  if (!development) {
    app.append(h('p', {}, t('oidcIntro')), h('p', { class: 'notice' }, t('oidcMissing')));
    return;
  }
  const role = h('select', { id: 'role', name: 'role' }, ...ROLES.map((value) => h('option', { value }, t(value))));
  const unit = h('select', { id: 'org', name: 'org', 'aria-describedby': 'org-hint' }, ...UNITS.map((value) => h('option', { value }, UNIT_NAMES[value])));
  const unitField = h('div', {}, h('label', { for: 'org' }, t('org')), h('p', { class: 'hint', id: 'org-hint' }, t('orgHint')), unit);
  role.addEventListener('change', () => {
    unitField.hidden = role.value !== 'field';
  });
  const form = h('form', { novalidate: true }, h('p', {}, t('devIntro')), h('label', { for: 'role' }, t('role')), role, unitField, h('button', { type: 'submit' }, t('submit')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const org = role.value === 'field' ? unit.value : (OTHER_ORG[role.value] ?? 'DEV');
    let response: Response;
    try {
      response = await fetch('/auth/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: role.value, org }) });
    } catch {
      showErrors(form, t('errorsTitle'), [{ id: 'role', message: t('unreachable') }]);
      return;
    }
    const body = (await response.json()) as { token?: string; expiresIn?: number; errors?: Array<{ message: string; extensions?: { field?: string } }> };
    if (!response.ok || !body.token) {
      showErrors(form, t('errorsTitle'), (body.errors ?? [{ message: `HTTP ${response.status}` }]).map((e) => ({ id: e.extensions?.field === 'org' ? 'org' : 'role', message: e.message })));
      return;
    }
    saveSession({ token: body.token, role: role.value, org, expiresAt: Date.now() + (body.expiresIn ?? 3600) * 1000 });
    window.location.assign(landingFor(role.value));
  });
  app.append(form);
}

function oidcClient(): OidcClient {
  const meta = (name: string) => document.querySelector(`meta[name="samlogg-oidc-${name}"]`)?.getAttribute('content') ?? '';
  return { issuer: meta('issuer'), clientId: meta('client-id'), scope: meta('scope') || 'openid' };
}

function drawOidc(app: HTMLElement): void {
  const button = h('button', { type: 'button' }, t('oidcButton'));
  const failure = h('div', { role: 'alert' });
  button.addEventListener('click', () => {
    beginSignIn(oidcClient(), landingFor('')).catch((error: Error) => failure.replaceChildren(h('p', { class: 'notice warning' }, t('oidcFailed', { message: error.message }))));
  });
  app.append(h('p', {}, t('oidcIntro')), failure, button);
}

/** Back from the identity provider: finish, then on to where the user was going. */
async function returnFromProvider(params: URLSearchParams): Promise<boolean> {
  if (!params.has('code') && !params.has('error')) return false;
  try {
    const signedIn = await completeSignIn(oidcClient(), params);
    saveSession({ token: signedIn.token, role: signedIn.role, org: signedIn.org, expiresAt: signedIn.expiresAt });
    const next = signedIn.next.startsWith('/') && !signedIn.next.startsWith('//') && signedIn.next !== '/reports/tertial/current' ? signedIn.next : landingForRole(signedIn.role);
    window.location.replace(next);
  } catch (error) {
    window.history.replaceState(null, '', '/sign-in');
    draw();
    document.querySelector('[role="alert"]')?.append(h('p', { class: 'notice warning' }, t('oidcFailed', { message: (error as Error).message })));
  }
  return true;
}

void returnFromProvider(new URLSearchParams(window.location.search)).then((handled) => {
  if (!handled) draw();
});
