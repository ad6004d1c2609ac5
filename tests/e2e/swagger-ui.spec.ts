import { expect } from 'chai';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { anonymous } from '../../application/actor.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { launchChromium, requireChromium, serveOnLoopback } from '../support/browser.ts';
import { testRuntime } from '../support/runtime.ts';

describe('Swagger UI in a real browser (headless Chromium)', function () {
  this.timeout(60_000);
  let runtime: Runtime;
  let server: Server;
  let browser: Browser;
  let base: string;

  before(async function () {
    requireChromium(this);
    runtime = await testRuntime();
    await runtime.container.get(RegisterUser).execute(anonymous(), { email: 'ada@example.com', username: 'ada', password: 'correct horse battery' });
    ({ server, base } = await serveOnLoopback(runtime));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await runtime?.close();
  });

  it('logs in through Authorize (OAuth2 password flow on /auth/token) and calls a protected route', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs/`);
    await page.locator('button.authorize').first().click();

    const oauth = page.locator('.auth-container').filter({ has: page.locator('#oauth_username') });
    await oauth.locator('#oauth_username').fill('ada');
    await oauth.locator('#oauth_password').fill('correct horse battery');
    await oauth.locator('button.authorize').click();
    // Once authorized, the form gives way to a Logout button.
    await page.locator('button[aria-label="Remove authorization"]').waitFor({ timeout: 10_000 });
    await page.locator('button.close-modal').click();

    const operation = page.locator('#operations-users-getUsersMe');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 10_000 });
    expect((await status.innerText()).trim()).to.equal('200');
    expect(await operation.locator('.live-responses-table .response-col_description pre').first().innerText()).to.include('"username": "ada"');
    // Kept for a human to look at, in the ignored test-output/ folder, never in the shared /tmp.
    await page.screenshot({ path: path.resolve(import.meta.dirname, '../../test-output/swagger-ui.png') });
  });
});
