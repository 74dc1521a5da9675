import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { startServer, type RunningServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

/**
 * Offline for days: the browser is closed and started again with no network (its profile, like a
 * phone's, survives), the app opens from the service worker with the sign-in kept on the device,
 * a pass is recorded, and it is sent exactly once when the network is back, and only with a
 * sign-in that is still valid.
 */
describe('Field app offline across a browser restart (phone-sized)', function () {
  this.timeout(150_000);
  let server: RunningServer;
  let profile: string;
  let context: BrowserContext | undefined;

  const launch = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    return context;
  };
  const passes = async () => {
    let n = 0;
    for await (const page of server.store.readAll()) for (const event of page) if (event.type === 'PassRecorded') n += 1;
    return n;
  };

  before(async () => {
    server = await startServer();
    profile = join(tempDir().dir, 'chromium-profile');
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await context?.close();
    await server?.stop();
  });

  async function recordOnePass(page: Page) {
    await page.getByRole('button', { name: 'Registrera nytt arbetspass' }).click();
    await page.getByRole('group', { name: 'Typ av pass' }).getByLabel('Spaning').check();
    await page.getByRole('group', { name: 'Verksamheter som deltog' }).getByLabel('Polisen').check();
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    const person = page.getByRole('group', { name: 'Person 1' });
    await person.getByRole('group', { name: 'Roll' }).getByLabel('Utsatt').check();
    await person.getByLabel('Ålder').selectOption({ label: '26–35' });
    await person.getByLabel('Hemkommun').fill('Solna');
    await person.getByRole('button', { name: 'Solna (0184)' }).click();
    await page.getByRole('button', { name: 'Granska' }).click();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
  }

  it('records after a restart with no network, and sends once when the network and a valid sign-in are back', async () => {
    let page = (await launch()).pages()[0] ?? (await context!.newPage());
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Roll').selectOption('field');
    await page.getByLabel('Organisation').selectOption('KAST');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    // The service worker keeps the shell only: no answer from /graphql is in its cache.
    const cached = (await page.evaluate(`caches.keys().then(async (names) => (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat())`)) as string[];
    expect(cached).to.include('/');
    expect(cached.filter((path) => path.startsWith('/graphql') || path.startsWith('/auth'))).to.deep.equal([]);
    await context!.close();

    // The phone restarts in a stairwell: no network at all.
    page = (await launch()).pages()[0] ?? (await context!.newPage());
    await context!.setOffline(true);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/');
    const before = await passes();
    await recordOnePass(page);
    await page.getByText('Arbetspasset är sparat på enheten och skickas när nätet finns.').waitFor();
    expect(await axeViolations(page), 'offline home').to.deep.equal([]);
    await page.screenshot({ path: new URL('field-app-offline-after-restart.png', ARTIFACTS).pathname, fullPage: true });
    expect(await passes()).to.equal(before);

    // Back online, but the token has run out meanwhile: nothing is sent until the person signs in.
    await page.evaluate(`(() => { const s = JSON.parse(localStorage.getItem('samlogg.session')); localStorage.setItem('samlogg.session', JSON.stringify({ ...s, expiresAt: Date.now() - 1000 })); })()`);
    await context!.setOffline(false);
    await page.reload();
    await page.getByText('Inloggningen har gått ut.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Försök skicka nu' }).click();
    await page.waitForTimeout(500);
    expect(await passes()).to.equal(before);
    await page.screenshot({ path: new URL('field-app-sign-in-to-send.png', ARTIFACTS).pathname, fullPage: true });
    await page.getByRole('link', { name: 'Logga in igen' }).click();
    await page.getByLabel('Roll').selectOption('field');
    await page.getByLabel('Organisation').selectOption('KAST');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    for (let waited = 0; (await passes()) === before && waited < 20_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    await page.locator('li.waiting').first().waitFor({ state: 'detached', timeout: 20_000 });
    expect(await passes()).to.equal(before + 1);
    await page.reload();
    await page.getByText('Allt är skickat', { exact: false }).waitFor();
    expect(await passes()).to.equal(before + 1);
  });

  it('asks for a sign-in once the device has kept it for its bounded time', async () => {
    const page = context!.pages()[0] ?? (await context!.newPage());
    await page.evaluate(`(() => { const s = JSON.parse(localStorage.getItem('samlogg.session')); localStorage.setItem('samlogg.session', JSON.stringify({ ...s, keptUntil: Date.now() - 1000 })); })()`);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in/);
    expect(await page.evaluate(`localStorage.getItem('samlogg.session')`)).to.equal(null);
  });
});
