import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { oidcVerifier } from '../../src/auth/token-verifier.js';
import { startFakeOidc, type FakeOidc } from '../support/fake-oidc.js';
import { startServer, type RunningServer } from '../support/server.js';

/** Signing in to the pages with an identity provider (authorization code + PKCE), in chromium. */
describe('Pages sign in with the organisation’s identity provider (OIDC, PKCE)', function () {
  this.timeout(90_000);
  let idp: FakeOidc;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    idp = await startFakeOidc('samlogg-api');
    server = await startServer(undefined, {
      signIn: { verifier: oidcVerifier({ issuer: idp.issuer, audience: 'samlogg-api', jwksUrl: idp.jwksUrl }), browser: { issuer: idp.issuer, clientId: idp.clientId, scope: 'openid' } },
    });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.stop();
  });

  it('goes to the provider and back, and the field app works with the provider’s token', async () => {
    idp.nextUser = { sub: 'kast-17', role: 'field', org: 'KAST' };
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in/);
    expect(await page.locator('#role').count(), 'no development users offered').to.equal(0);
    await page.getByRole('button', { name: 'Logga in med organisationens inloggning' }).click();
    await page.getByRole('heading', { name: 'Arbetspass', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/');
    await page.getByText('Inloggad: KAST').waitFor();
    await page.getByText('Inga arbetspass ännu.').waitFor();
    expect(idp.refusals).to.deep.equal([]);
    // The dev sign-in does not exist beside a provider.
    expect((await fetch(`${server.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"field","org":"KAST"}' })).status).to.equal(404);
  });

  it('refuses an answer that does not belong to this sign-in (a forged state)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in?code=stolen&state=forged`);
    await page.getByText(/Inloggningen misslyckades: the sign-in answer does not belong to this sign-in/).waitFor();
    expect(await page.evaluate('localStorage.getItem("samlogg.session")')).to.equal(null);
  });
});
