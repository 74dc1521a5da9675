import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * Runs in the page (as source: the test's own types have no DOM): whether the app's IndexedDB, opened
 * at its version, holds a draft whose JSON has this fragment.
 */
const DRAFT_STORED = `(fragment) => new Promise((resolve) => {
  const open = indexedDB.open('samlogg', 3);
  open.onerror = () => resolve(false);
  open.onsuccess = () => {
    const db = open.result;
    const all = db.transaction('drafts', 'readonly').objectStore('drafts').getAll();
    all.onerror = () => { db.close(); resolve(false); };
    all.onsuccess = () => { db.close(); resolve(all.result.some((d) => JSON.stringify(d).includes(fragment))); };
  };
})`;

/**
 * Waits until the device holds the draft with this JSON fragment (page.evaluate awaits the lookup's
 * promise; waitForFunction would not).
 */
async function draftKept(page: Page, fragment: string): Promise<void> {
  for (let waited = 0; !(await page.evaluate(`(${DRAFT_STORED})(${JSON.stringify(fragment)})`)); waited += 100) {
    if (waited >= 30_000) throw new Error(`no draft with ${fragment} was kept on the device`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
/**
 * The field app in Debian's chromium, as a phone would use it: sign in, record a pass with two
 * persons, see bad input refused before anything is sent, record with no network and find every
 * event exactly once when it returns.
 */
describe('Field app in a real browser (phone-sized, offline-capable)', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const figures = async () =>
    (await server.graphql('{ steeringFigures(from: "2021-04-01") { jointPasses exposed suspectedBuyers offeredSupport } }')).body.data?.steeringFigures as { jointPasses: number; exposed: number; suspectedBuyers: number; offeredSupport: number };
  const eventsOfType = async (type: string) => {
    const found: string[] = [];
    for await (const page of server.store.readAll()) for (const event of page) if (event.type === type) found.push(event.id);
    return found;
  };

  before(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    page = await context.newPage();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: new URL(`field-app-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`, ARTIFACTS).pathname, fullPage: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPass(kind: 'Spaning' | 'Tillslag', persons: Array<{ role: 'Utsatt' | 'Misstänkt sexköpare'; age: string; kommunTyped: string; kommun: string; supportBy?: string }>) {
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel(kind).check();
    await page.getByRole('group', { name: 'Verksamheter som deltog' }).getByLabel('Polisen').check();
    for (const [n, person] of persons.entries()) {
      await page.getByRole('button', { name: 'Lägg till person' }).click();
      const fieldset = page.getByRole('group', { name: `Person ${n + 1}` });
      await fieldset.getByRole('group', { name: 'Roll' }).getByLabel(person.role).check();
      await fieldset.getByLabel('Ålder').selectOption({ label: person.age });
      await fieldset.getByLabel('Hemkommun').fill(person.kommunTyped);
      await fieldset.getByRole('button', { name: person.kommun }).click();
      if (person.supportBy) await fieldset.getByRole('group', { name: 'Stöd erbjöds av' }).getByLabel(person.supportBy).check();
    }
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('heading', { name: 'Granska innan du skickar' }).waitFor();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
  }

  it('signs in as a field user of MIKA and shows the app, accessibly', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in/);
    expect(await axeViolations(page), 'sign-in page').to.deep.equal([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(page), 'sign-in page in English').to.deep.equal([]);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByLabel('Roll').selectOption('field');
    await page.getByLabel('Organisation').selectOption('MIKA');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    expect(await axeViolations(page), 'field app home').to.deep.equal([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Work passes', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).to.equal('en');
    expect(await axeViolations(page), 'field app home in English').to.deep.equal([]);
    await page.getByRole('button', { name: 'Record a new work pass' }).click();
    await page.getByRole('button', { name: 'Add a person' }).click();
    expect(await axeViolations(page), 'pass form in English').to.deep.equal([]);
    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await page.getByRole('button', { name: 'Yes, discard' }).click();
    await page.getByRole('heading', { name: 'Work passes', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
  });

  it('records a pass with two persons, found by kommun name, and the figures change', async () => {
    const before = await figures();
    await newPass('Tillslag', [
      { role: 'Utsatt', age: '21–25', kommunTyped: 'Öster', kommun: 'Österåker (0117)', supportBy: 'Mikamottagningen' },
      { role: 'Misstänkt sexköpare', age: '36–45', kommunTyped: 'Sundb', kommun: 'Sundbyberg (0183)' },
    ]);
    await page.getByText('Arbetspasset är skickat.').waitFor();
    expect(await figures()).to.deep.equal({ jointPasses: before.jointPasses + 1, exposed: before.exposed + 1, suspectedBuyers: before.suspectedBuyers + 1, offeredSupport: before.offeredSupport + 1 });
    await page.getByRole('heading', { name: /Senaste arbetspass/ }).waitFor();
    await page.getByText('Tillslag · Mikamottagningen, Polisen · 0 tillslag · 2 personer').waitFor();
    await page.screenshot({ path: new URL('field-app-home.png', ARTIFACTS).pathname, fullPage: true });
  });

  it('shows an error summary linking to each bad field, and appends nothing', async () => {
    const head = await server.store.headPosition();
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('heading', { name: 'Nytt arbetspass' }).waitFor();
    await page.getByLabel('Datum', { exact: true }).fill('2031-01-01');
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    await page.getByRole('group', { name: 'Person 1' }).getByLabel('Hemkommun').fill('Atlantis');
    await page.getByRole('button', { name: 'Granska' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'Rätta följande' }).waitFor();
    const links = await summary.getByRole('link').allInnerTexts();
    expect(links).to.include.members(['Datumet får inte vara i framtiden', 'Välj typ av pass', 'Person 1: välj roll', 'Person 1: välj ålder', 'Person 1: hittar ingen kommun med det namnet: välj i listan']);
    await summary.getByRole('link', { name: 'Välj typ av pass' }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).to.equal('pass-kind');
    expect(await page.getByLabel('Datum', { exact: true }).getAttribute('aria-invalid')).to.equal('true');
    expect(await axeViolations(page), 'form with errors').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-errors.png', ARTIFACTS).pathname, fullPage: true });
    expect(await server.store.headPosition()).to.equal(head);
    await page.getByRole('button', { name: 'Släng utkastet' }).click();
    await page.getByRole('button', { name: 'Ja, släng' }).click();
    await page.getByText('Utkastet är slängt.').waitFor();
  });

  it('records with no network, shows it waiting, and sends each event exactly once when the network returns', async () => {
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    const before = await figures();
    const passesBefore = (await eventsOfType('PassRecorded')).length;
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    await newPass('Spaning', [{ role: 'Utsatt', age: '26–35', kommunTyped: 'Stockh', kommun: 'Stockholm (0180)' }]);
    await page.getByText('Arbetspasset är sparat på enheten och skickas när nätet finns.').waitFor();
    await page.getByText(/väntar på att skickas/).first().waitFor();
    expect(await figures()).to.deep.equal(before);

    // The first answer is lost on the way back: the server records, the app hears nothing and sends again.
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      const response = await route.fetch();
      if (lost === 0 && (route.request().postData() ?? '').includes('recordEncounter')) {
        lost += 1;
        await route.abort('connectionreset');
        return;
      }
      await route.fulfill({ response });
    });
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Försök skicka nu' }).click();
    // The lost answer looks like a dropped network: the app tries again by itself a few seconds later.
    for (let waited = 0; (await figures()).jointPasses === before.jointPasses && waited < 30_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    await page.locator('li.waiting').first().waitFor({ state: 'detached', timeout: 30_000 });
    expect(lost).to.equal(1);
    expect(await figures()).to.deep.equal({ ...before, jointPasses: before.jointPasses + 1, exposed: before.exposed + 1 });
    expect((await eventsOfType('PassRecorded')).length).to.equal(passesBefore + 1);
    const encounters = await eventsOfType('PersonEncountered');
    expect(new Set(encounters).size).to.equal(encounters.length);
    expect(encounters.length).to.equal(3);
    await page.unroute('**/graphql');
  });

  it('keeps a draft from the first keystroke, restores it on reload, lists it at home and asks before discarding it', async () => {
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByLabel('Område (valfritt)').pressSequentially('S');
    // The keystroke is kept once IndexedDB has it; a reload before that write ends (a loaded machine) would lose it.
    await draftKept(page, '"area":"S"');
    await page.reload();
    await page.getByRole('heading', { name: 'Nytt arbetspass' }).waitFor();
    expect(await page.getByLabel('Område (valfritt)').inputValue()).to.equal('S');
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel('Spaning').check();
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    await page.getByRole('group', { name: 'Person 1' }).getByRole('group', { name: 'Roll' }).getByLabel('Utsatt').check();
    // Likewise the role: leaving the page before IndexedDB has it would lose it.
    await draftKept(page, '"role":"EXPOSED"');
    await page.goto(`${server.url}/`);
    const drafts = page.getByRole('region', { name: 'Påbörjade och ej mottagna' });
    await drafts.getByText(/Nytt arbetspass \d{4}-\d{2}-\d{2} · Spaning · 1 person$/).waitFor();
    await page.screenshot({ path: new URL('field-app-drafts.png', ARTIFACTS).pathname, fullPage: true });
    expect(await axeViolations(page), 'home with a draft').to.deep.equal([]);
    await drafts.getByRole('button', { name: 'Släng utkastet' }).click();
    await drafts.getByRole('alertdialog').getByText('Vill du slänga utkastet?', { exact: false }).waitFor();
    expect(await axeViolations(page), 'discard question').to.deep.equal([]);
    await drafts.getByRole('button', { name: 'Nej, behåll' }).click();
    await drafts.getByRole('button', { name: 'Fortsätt' }).click();
    expect(await page.getByLabel('Område (valfritt)').inputValue()).to.equal('S');
    expect(await page.getByRole('group', { name: 'Person 1' }).getByLabel('Utsatt').isChecked()).to.equal(true);
    await page.getByRole('button', { name: 'Släng utkastet' }).click();
    await page.getByRole('button', { name: 'Ja, släng' }).click();
    await page.getByText('Utkastet är slängt.').waitFor();
    expect(await page.getByRole('region', { name: 'Påbörjade och ej mottagna' }).count()).to.equal(0);
  });

  it('refuses a personnummer in the area before review, in Swedish on the field, with nothing sent', async () => {
    const head = await server.store.headPosition();
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel('Spaning').check();
    await page.getByRole('group', { name: 'Verksamheter som deltog' }).getByLabel('Polisen').check();
    // A synthetic number with a valid check digit: the guard the server runs, running in the browser.
    await page.getByLabel('Område (valfritt)').fill('Tensta 121212-1212');
    await page.getByRole('button', { name: 'Granska' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Området innehåller ett personnummer. Skriv inga personuppgifter' }).waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).to.equal('error-summary');
    expect(await page.getByLabel('Område (valfritt)').getAttribute('aria-invalid')).to.equal('true');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'The area contains a personal identity number. Write no personal data' }).waitFor();
    expect(await axeViolations(page), 'English, refused before sending').to.deep.equal([]);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.screenshot({ path: new URL('field-app-personnummer.png', ARTIFACTS).pathname, fullPage: true });
    const appended: string[] = [];
    // Reads the page made meanwhile (the home page's list of passes) leave their audit record; nothing else may be appended.
    for await (const events of server.store.readAll({ after: head })) for (const event of events) if (event.type !== 'PassDataRead') appended.push(`${event.type} ${JSON.stringify(event.metadata)}`);
    expect(appended).to.deep.equal([]);
    await page.getByLabel('Område (valfritt)').fill('Tensta');
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('heading', { name: 'Granska innan du skickar' }).waitFor();
  });

  it('a refusal part-way says what is in the log, keeps the draft on the field, and sending again records the rest once', async () => {
    // The review of the last test, now with two persons; the server refuses person 2 (its kommun is
    // changed on the way, as a newer server rule would refuse it), after the pass and person 1.
    await page.getByRole('button', { name: 'Tillbaka och ändra' }).click();
    for (const [n, kommun] of [
      [1, ['Stockh', 'Stockholm (0180)']],
      [2, ['Solna', 'Solna (0184)']],
    ] as const) {
      await page.getByRole('button', { name: 'Lägg till person' }).click();
      const person = page.getByRole('group', { name: `Person ${n}` });
      await person.getByRole('group', { name: 'Roll' }).getByLabel('Utsatt').check();
      await person.getByLabel('Ålder').selectOption({ label: '26–35' });
      await person.getByLabel('Hemkommun').fill(kommun[0]);
      await person.getByRole('button', { name: kommun[1] }).click();
    }
    const before = await figures();
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('recordEncounter') && body.includes('"0184"')) return route.continue({ postData: body.replace('"0184"', '"9999"') });
      return route.continue();
    });
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Person 2: hittar ingen kommun med det namnet: välj i listan' }).waitFor();
    await page.getByText('Sparat i loggen: passet, person 1.').waitFor();
    await page.locator('#refusal').getByText('Servern tog inte emot: person 2: hittar ingen kommun med det namnet: välj i listan').waitFor();
    // Dates are written as the page and its errors write them, whatever the browser's own language.
    expect(await page.getByLabel('Datum', { exact: true }).inputValue()).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByLabel('Datum', { exact: true }).getAttribute('placeholder')).to.equal('ÅÅÅÅ-MM-DD');
    await page.getByText('Rätta det markerade och skicka igen. Det som redan är sparat skickas inte en gång till.').first().waitFor();
    expect(await page.locator('main').innerText()).not.to.include('Allt är skickat');
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).to.equal('error-summary');
    expect(await axeViolations(page), 'refused part-way').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-refused-part-way.png', ARTIFACTS).pathname, fullPage: true });
    expect(await figures()).to.deep.equal({ ...before, jointPasses: before.jointPasses + 1, exposed: before.exposed + 1 });
    await page.unroute('**/graphql');
    // The draft is kept: reload, it is listed; send again, and only person 2 goes.
    await page.goto(`${server.url}/`);
    await page.getByRole('region', { name: 'Påbörjade och ej mottagna' }).getByRole('button', { name: 'Öppna och rätta' }).click();
    const passesBefore = (await eventsOfType('PassRecorded')).length;
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByText('Det här skickas: person 2.').waitFor();
    await page.getByRole('button', { name: 'Skicka ändringarna' }).click();
    await page.getByText('Ändringen är skickad och sparad i loggen.').waitFor();
    expect((await eventsOfType('PassRecorded')).length).to.equal(passesBefore);
    const passes = (await server.graphql('{ passes(first: 20) { edges { node { encounters { homeKommun } } } } }', undefined, { role: 'field', org: 'MIKA' })).body.data?.passes as { edges: Array<{ node: { encounters: Array<{ homeKommun: string }> } }> };
    const withSolna = passes.edges.filter((e) => e.node.encounters.some((p) => p.homeKommun === '0184'));
    expect(withSolna.map((e) => e.node.encounters.map((p) => p.homeKommun))).to.deep.equal([['0180', '0184']]);
    expect(await figures()).to.deep.equal({ ...before, jointPasses: before.jointPasses + 1, exposed: before.exposed + 2 });
    expect(await page.getByRole('region', { name: 'Påbörjade och ej mottagna' }).count()).to.equal(0);
  });

  it('corrects a person recorded as 18–20 into a child and completes the follow-up, and adds a person to the sent pass', async () => {
    await newPass('Tillslag', [{ role: 'Utsatt', age: '18–20', kommunTyped: 'Huddinge', kommun: 'Huddinge (0126)' }]);
    await page.getByText('Arbetspasset är skickat.').waitFor();
    const before = (await server.graphql('{ steeringFigures(from: "2021-04-01") { exposed exposedUnder18 } }')).body.data?.steeringFigures as { exposed: number; exposedUnder18: number };
    await page.getByRole('region', { name: /Senaste arbetspass/ }).getByRole('listitem').filter({ hasText: 'Tillslag · Mikamottagningen, Polisen · 0 tillslag · 1 person' }).getByRole('button', { name: 'Ändra' }).click();
    await page.getByRole('heading', { name: /Ändra arbetspass/ }).waitFor();
    const person = page.getByRole('group', { name: 'Person 1' });
    expect(await person.getByLabel('Hemkommun').inputValue()).to.equal('Huddinge (0126)');
    await person.getByLabel('Ålder').selectOption({ label: '15–17' });
    await person.getByLabel('Vårdnadshavare kontaktad, datum').fill(await page.getByLabel('Datum', { exact: true }).inputValue());
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    const added = page.getByRole('group', { name: 'Person 2' });
    await added.getByRole('group', { name: 'Roll' }).getByLabel('Misstänkt sexköpare').check();
    await added.getByLabel('Ålder').selectOption({ label: '46 eller äldre' });
    await added.getByLabel('Hemkommun').fill('Nacka');
    await added.getByRole('button', { name: 'Nacka (0182)' }).click();
    expect(await axeViolations(page), 'correcting a sent pass').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-correct-person.png', ARTIFACTS).pathname, fullPage: true });
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByText('Det här skickas: ändringen av person 1, vårdnadshavarkontakt för person 1, person 2.').waitFor();
    await page.getByRole('button', { name: 'Skicka ändringarna' }).click();
    await page.getByText('Ändringen är skickad och sparad i loggen.').waitFor();
    const after = (await server.graphql('{ steeringFigures(from: "2021-04-01") { exposed exposedUnder18 suspectedBuyers } }')).body.data?.steeringFigures as { exposed: number; exposedUnder18: number };
    expect(after.exposed).to.equal(before.exposed);
    expect(after.exposedUnder18).to.equal(before.exposedUnder18 + 1);
    // The follow-up: the report of concern is still open for the child, and is recorded from home.
    const open = page.getByRole('region', { name: 'Öppna åtgärder för barn (under 18)' });
    await open.getByText('Orosanmälan saknas').waitFor();
    expect(await open.getByText('Kontakt med vårdnadshavare saknas').count()).to.equal(0);
    await open.getByLabel('Orosanmälan till kommun').fill('Hudd');
    expect(await open.getByRole('button', { name: 'Utlandet' }).count()).to.equal(0);
    await open.getByRole('button', { name: 'Huddinge (0126)' }).click();
    await open.getByRole('button', { name: 'Registrera orosanmälan' }).click();
    await page.getByText('Orosanmälan är registrerad.').waitFor();
    await page.getByText('Inga öppna åtgärder.').waitFor();
  });

  it('clears the area of a sent pass: the emptied field sends area null, the pass has no area, the figures stay', async () => {
    const area = page.getByLabel('Område (valfritt)', { exact: true });
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel('Spaning').check();
    await page.getByRole('group', { name: 'Verksamheter som deltog' }).getByLabel('Polisen').check();
    await area.fill('Syntetiskt felområde');
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    await page.getByText('Arbetspasset är skickat.').waitFor();
    const before = await figures();
    const recent = page.getByRole('region', { name: /Senaste arbetspass/ });
    await recent.getByRole('listitem').filter({ hasText: 'Syntetiskt felområde' }).getByRole('button', { name: 'Ändra' }).click();
    await page.getByRole('heading', { name: /Ändra arbetspass/ }).waitFor();
    await page.getByText('Töm fältet för att ta bort området.').waitFor();
    expect(await area.inputValue()).to.equal('Syntetiskt felområde');
    await area.fill('');
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByText('Det här skickas: ändringen av passet.').waitFor();
    await page.getByRole('row', { name: /Område \(valfritt\) Tas bort \(fältet är tomt\)/ }).waitFor();
    await page.getByRole('button', { name: 'Skicka ändringarna' }).click();
    await page.getByText('Ändringen är skickad och sparad i loggen.').waitFor();
    const corrections: Array<{ passId: string; area?: string | null }> = [];
    for await (const events of server.store.readAll()) for (const event of events) if (event.type === 'PassCorrected') corrections.push(event.data as { passId: string; area?: string | null });
    const cleared = corrections.at(-1);
    expect(cleared).to.have.property('area', null);
    const shown = await server.graphql(`{ pass(id: "${cleared?.passId}") { area kind } }`, undefined, { role: 'field', org: 'MIKA' });
    expect(shown.body.data?.pass).to.deep.equal({ area: null, kind: 'SURVEILLANCE' });
    expect(await figures()).to.deep.equal(before);
    expect(await recent.getByText('Syntetiskt felområde').count()).to.equal(0);
  });

  it('the small things: pages of five passes, "1 person", open actions kept offline, the icon found', async () => {
    await newPass('Spaning', [{ role: 'Utsatt', age: '15–17', kommunTyped: 'Solna', kommun: 'Solna (0184)' }]);
    await newPass('Spaning', [{ role: 'Utsatt', age: '21–25', kommunTyped: 'Solna', kommun: 'Solna (0184)' }]);
    const recent = page.getByRole('region', { name: /Senaste arbetspass/ });
    await recent.getByText(/^Visar 5 av \d+\.$/).waitFor();
    expect(await recent.getByRole('listitem').count()).to.equal(5);
    expect(await recent.innerText()).not.to.match(/\b1 personer\b/);
    await recent.getByRole('button', { name: 'Visa fler' }).click();
    await recent.getByText(/^Visar \d+ av \d+\.$/).waitFor();
    expect(await recent.getByRole('listitem').count()).to.be.greaterThan(5);
    // Or find a day's passes by date.
    await recent.getByLabel('Sök arbetspass på datum').fill('2022-01-01');
    await recent.getByRole('button', { name: 'Sök' }).click();
    await recent.getByText('Inga arbetspass 2022-01-01.').waitFor();
    await recent.getByRole('button', { name: 'Visa alla' }).click();
    await recent.getByText(/^Visar 5 av \d+\.$/).waitFor();
    const open = page.getByRole('region', { name: 'Öppna åtgärder för barn (under 18)' });
    await open.getByText('Kontakt med vårdnadshavare saknas').first().waitFor();
    await context.setOffline(true);
    await page.reload();
    await open.getByText('Som vid senaste kontakt med servern.').waitFor();
    await open.getByText('Kontakt med vårdnadshavare saknas').first().waitFor();
    await open.getByText(/Solna \(0184\)/).first().waitFor();
    expect(await axeViolations(page), 'home offline').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-offline-open-actions.png', ARTIFACTS).pathname, fullPage: true });
    await context.setOffline(false);
    expect((await fetch(`${server.url}/favicon.ico`)).status).to.equal(200);
  });
});
