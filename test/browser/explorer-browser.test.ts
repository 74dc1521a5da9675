import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { recordDemo } from '../support/demo.js';
import { startServer, type RunningServer } from '../support/server.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

/**
 * The API explorer in a real browser (Debian's chromium), with every request to another host
 * refused: it must load, sign in as a development user and answer a query with no internet.
 */
describe('API explorer in a real browser, offline', function () {
  this.timeout(90_000);
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer(recordDemo);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads from this server only, signs in as beredningsgrupp and shows the steering figures of 2022-T2', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const origin = new URL(server.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/graphql`);
    expect(new URL(page.url()).pathname).to.equal('/explorer/');
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect_text(result, '"jointPasses"');
    const text = (await result.innerText()).replace(/\s+/g, ' ');
    const expected = (await server.graphql('{ steeringFigures(tertial: "2022-T2") { jointPasses } }')).body.data?.steeringFigures as { jointPasses: number };
    expect(expected.jointPasses).to.be.greaterThan(0);
    expect(text).to.include(`"jointPasses": ${expected.jointPasses}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('explorer.png', ARTIFACTS).pathname, fullPage: true });
    expect(foreign, 'requests to other hosts').to.deep.equal([]);
    expect(errors, 'page errors').to.deep.equal([]);
  });

  it("fetches the schema for Docs and autocomplete: the limits let GraphiQL's own schema query through", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/graphql') && response.status() !== 200) refused.push(`${response.status()} ${await response.text().catch(() => '')}`);
    });
    await page.goto(`${server.url}/explorer/`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await docs.innerText()).not.to.include('Error fetching schema');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('steeringFigures').first().waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('explorer-docs.png', ARTIFACTS).pathname });
    // GraphiQL's colours are darkened and its tab strip (a close button inside each tab) hidden in client.css.
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(refused, 'refused GraphQL requests').to.deep.equal([]);
  });

  it('opens a query linked by URL, as a field user chosen in the URL', async () => {
    const page = await browser.newPage();
    const query = '{ passes(first: 1) { totalCount } }';
    await page.goto(`${server.url}/explorer/?role=field&org=MIKA&query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect_text(result, '"totalCount"');
    expect((await result.innerText()).replace(/\s+/g, ' ')).to.match(/"totalCount": \d+/);
  });
});

/** Waits until an element's text contains `needle` (GraphiQL renders the answer after the request). */
async function expect_text(locator: import('playwright-core').Locator, needle: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await locator.innerText().catch(() => '')).includes(needle)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the result never showed ${needle}: ${await locator.innerText().catch(() => '(none)')}`);
}
