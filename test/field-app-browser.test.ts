import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { startServer, type RunningServer } from './support/server.js';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
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
    await page.getByLabel('Roll').selectOption('field');
    await page.getByLabel('Organisation').selectOption('MIKA');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    expect(await axeViolations(page), 'field app home').to.deep.equal([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Work passes', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).to.equal('en');
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
    await page.getByLabel('Datum').fill('2031-01-01');
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    await page.getByRole('group', { name: 'Person 1' }).getByLabel('Hemkommun').fill('Atlantis');
    await page.getByRole('button', { name: 'Granska' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'Rätta följande' }).waitFor();
    const links = await summary.getByRole('link').allInnerTexts();
    expect(links).to.include.members(['Datumet får inte vara i framtiden', 'Välj typ av pass', 'Välj roll', 'Välj ålder', 'Hittar ingen kommun med det namnet: välj i listan']);
    await summary.getByRole('link', { name: 'Välj typ av pass' }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).to.equal('pass-kind');
    expect(await page.getByLabel('Datum').getAttribute('aria-invalid')).to.equal('true');
    expect(await axeViolations(page), 'form with errors').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-errors.png', ARTIFACTS).pathname, fullPage: true });
    expect(await server.store.headPosition()).to.equal(head);
    await page.getByRole('button', { name: 'Avbryt' }).click();
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

  it('shows a refused command with its error instead of dropping it', async () => {
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel('Spaning').check();
    // Identity screening is the server's: the app does not know a phone number when it sees one.
    await page.getByLabel('Område (valfritt)').fill('x'.repeat(10));
    await page.route('**/graphql', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'input.area: contains a phone number', extensions: { code: 'BAD_USER_INPUT', field: 'input.area' } }] }) }),
    );
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    await page.getByText('Servern tog inte emot: input.area: contains a phone number').waitFor();
    await page.locator('li.rejected', { hasText: 'Inte mottaget: input.area: contains a phone number' }).waitFor();
    expect(await page.locator('li.rejected').count()).to.equal(1);
    await page.unroute('**/graphql');
    await page.getByRole('button', { name: 'Ta bort från listan' }).click();
    await page.getByText(/Inte mottaget/).waitFor({ state: 'detached' });
  });
});
