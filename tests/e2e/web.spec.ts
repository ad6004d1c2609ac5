import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { anonymous } from '../../application/actor.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { launchChromium, requireChromium, serveOnLoopback } from '../support/browser.ts';
import { testRuntime } from '../support/runtime.ts';
import { DEMO_PASSWORD, loadDemoCatalogue } from '../support/web.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

describe('Web pages in a real browser (headless Chromium, axe-core)', function () {
  this.timeout(90_000);
  let runtime: Runtime;
  let server: Server;
  let browser: Browser;
  let base: string;
  /** What the browser reported while the pages ran: CSP refusals and script errors would show here. */
  let problems: string[];

  before(async function () {
    requireChromium(this);
    runtime = await testRuntime();
    await loadDemoCatalogue(runtime);
    ({ server, base } = await serveOnLoopback(runtime));
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await runtime?.close();
  });

  beforeEach(() => {
    problems = [];
  });

  afterEach(function () {
    if (this.currentTest?.state === 'passed') expect(problems, 'browser console errors').to.deep.equal([]);
  });

  async function newPage(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  }

  /** axe-core in the page as served (under its CSP): no serious or critical violation. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    await page.evaluate(AXE);
    const violations = await page.evaluate(
      async () => (await (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run()).violations,
    );
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
      `${name}: accessibility violations`,
    ).to.deep.equal([]);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function signIn(page: Page, login: string, next = '/'): Promise<void> {
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.fill('#login', login);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${base}${next}`), page.click('form.stack-form button[type=submit]')]);
  }

  const cardTitles = (page: Page) => page.locator('.card-link').allInnerTexts();

  it('browses and searches the catalogue (by colour too) and opens a theme', async () => {
    const page = await newPage();
    await page.goto(base);
    expect(await cardTitles(page)).to.include.members(['Solarized Dark', 'Nord']);
    await expectAccessible(page, 'catalogue');
    await shoot(page, 'catalogue');

    await page.fill('#q', 'solarized');
    await Promise.all([page.waitForURL(/q=solarized/), page.click('form[role=search] button[type=submit]')]);
    expect(await cardTitles(page)).to.include.members(['Solarized Dark', 'Solarized Light']).and.not.include('Nord');

    // The colour picker: picking a colour ticks "Near" and searches (the small script); the results follow the colour.
    await page.goto(base);
    await Promise.all([page.waitForURL(/bycolor=1/), page.locator('#pick').fill('#268bd2')]);
    expect(await cardTitles(page)).to.have.members(['Solarized Dark', 'Solarized Light']);
    expect(await page.locator('#bycolor').isChecked()).to.equal(true);
    // A hue link works without the picker.
    await Promise.all([page.waitForURL(/color=/), page.locator('.color-dot[title="#457b9d"]').click()]);
    expect(await page.locator('.active-filters').innerText()).to.include('#457b9d');

    await page.goto(base);
    await Promise.all([page.waitForURL(`${base}/t/solarized-dark`), page.locator('.card-link', { hasText: 'Solarized Dark' }).click()]);
    expect(await page.locator('h1').innerText()).to.equal('Solarized Dark');
    expect(await page.locator('.swatch').count()).to.equal(11);
    expect(await page.locator('table.matrix tbody tr').count()).to.equal(11);
    expect(await page.locator('.vision-row').count()).to.equal(4);
    expect(await page.locator('.exports a').count()).to.equal(10);
    await expectAccessible(page, 'theme page');
    await shoot(page, 'theme');

    const narrow = await newPage(390);
    await narrow.goto(base);
    await expectAccessible(narrow, 'catalogue on a phone');
    await shoot(narrow, 'catalogue-phone');
  });

  it('signs an admin in, who changes a user’s role and sees the audit event appear', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin`);
    await expectAccessible(page, 'admin sign-in');
    await shoot(page, 'admin-sign-in');
    await page.fill('#login', 'admin');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form.stack-form button[type=submit]')]);
    expect(await page.locator('.tile').count()).to.equal(6);
    await expectAccessible(page, 'admin overview');
    await shoot(page, 'admin-overview');

    await page.click('.admin-nav >> text=Users');
    await page.fill('#q', 'grace');
    await Promise.all([page.waitForURL(/q=grace/), page.click('form[role=search] button[type=submit]')]);
    await expectAccessible(page, 'users');
    await shoot(page, 'admin-users');
    await Promise.all([page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/), page.click('text=@grace')]);
    await page.selectOption('#role', 'moderator');
    await Promise.all([page.waitForURL(/done=saved/), page.click('.row-form button[type=submit]')]);
    expect(await page.locator('.notice').innerText()).to.include('Saved.');
    expect(await page.locator('#role').inputValue()).to.equal('moderator');
    await expectAccessible(page, 'user detail');
    await shoot(page, 'admin-user');

    await page.click('.admin-nav >> text=Audit log');
    await page.selectOption('#action', 'admin.user_updated');
    await Promise.all([page.waitForURL(/action=admin.user_updated/), page.click('form[role=search] button[type=submit]')]);
    const row = page.locator('table.audit tbody tr').first();
    expect(await row.innerText()).to.include('admin.user_updated').and.include('"role":"moderator"');
    await expectAccessible(page, 'audit log');
    await shoot(page, 'admin-audit');

    for (const [tab, name] of [['Categories', 'admin-categories'], ['Storage', 'admin-storage']] as const) {
      await page.click(`.admin-nav >> text=${tab}`);
      await expectAccessible(page, tab);
      await shoot(page, name);
    }
  });

  it('signs a moderator in, who unpublishes a theme and sees it leave the public grid', async () => {
    const page = await newPage();
    await signIn(page, 'moderator', '/admin/moderation');
    expect(await page.locator('.admin-nav a').allInnerTexts()).to.deep.equal(['Overview', 'Moderation', 'Categories']);
    await expectAccessible(page, 'moderation');
    await shoot(page, 'admin-moderation');
    const item = page.locator('.queue-item', { hasText: 'Nord' });
    await Promise.all([page.waitForURL(/done=unpublished/), item.locator('button', { hasText: 'Unpublish' }).click()]);
    expect(await page.locator('.notice').innerText()).to.include('left the public catalogue');
    expect(await page.locator('.queue-title').allInnerTexts()).to.not.include('Nord');
    await page.goto(base);
    const titles = await cardTitles(page);
    expect(titles).to.include('Solarized Dark');
    expect(titles).to.not.include('Nord');
  });

  it('keeps a plain user out of /admin (a 403 page), and shows them their own themes', async () => {
    const page = await newPage();
    await signIn(page, 'ada', '/me');
    expect(await page.locator('.card-link').allInnerTexts()).to.include('Work in progress');
    await expectAccessible(page, 'your themes');
    await shoot(page, 'your-themes');
    const response = await page.goto(`${base}/admin`);
    expect(response?.status()).to.equal(403);
    expect(await page.locator('h1').innerText()).to.equal('Not allowed');
    expect(await page.locator('.site-nav').innerText()).to.not.include('Admin');
    await expectAccessible(page, '403 page');
    await shoot(page, 'forbidden');
    problems = problems.filter((p) => !p.includes('403'));
  });

  it('renders a theme named <img src=x onerror=alert(1)> as text, and refuses a form whose token was removed', async () => {
    const nord = await runtime.container.get(GetTheme).execute(anonymous(), 'solarized-light');
    await runtime.container.get(CreateTheme).execute({ kind: 'user', userId: nord.owner.id, role: 'user' }, {
      name: '<img src=x onerror=alert(1)>',
      status: 'published',
      colors: [{ name: '<svg onload=alert(2)>', hex: '#7b2d26' }],
    });
    const page = await newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.goto(base);
    expect(await cardTitles(page)).to.include('<img src=x onerror=alert(1)>');
    await page.locator('.card-link', { hasText: '<img src=x' }).click();
    await page.waitForURL(/\/t\//);
    expect(await page.locator('h1').innerText()).to.equal('<img src=x onerror=alert(1)>');
    expect(await page.locator('.swatch-name').first().innerText()).to.equal('<svg onload=alert(2)>');
    expect(await page.locator('img[src="x"], main svg').count()).to.equal(0);
    expect(dialogs).to.equal(0);
    problems = problems.filter((p) => !p.includes('/x'));

    await signIn(page, 'grace', '/t/nord');
    await page.locator('.favorite form input[name="_csrf"]').evaluate((input) => input.remove());
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/t/nord/favorite')), page.click('.favorite button')]);
    expect(refused.status()).to.equal(403);
    expect(await page.locator('h1').innerText()).to.equal('This form has expired');
    problems = problems.filter((p) => !p.includes('403'));
  });
});
