// Chromium (Debian's, never a downloaded one) through playwright-core, with guards that fail a
// test on console errors, uncaught exceptions, failed requests and 5xx responses, and axe-core
// for WCAG 2.1 A/AA checks of every page state a test visits.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);

let playwright;
let axeSource;
try {
  playwright = await import('playwright-core');
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (err) {
  throw new Error(`The browser-test packages are missing (${err.message}).\n`
    + 'Install them with: npm ci --prefix tests/e2e   (scripts/install-deps.sh --test does this)');
}

export const CHROMIUM = process.env.PROEVENTA_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
export const OUT_DIR = process.env.PROEVENTA_E2E_OUT || path.join(os.tmpdir(), 'proeventa-e2e');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launch() {
  return playwright.chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * A browser context + page whose problems are collected: `problems()` lists what went wrong.
 * Expected API refusals (4xx) are not problems; Chromium logs them as "Failed to load resource",
 * which is accepted only when a 4xx response of this page matches.
 */
export async function openPage(browser, baseUrl, { viewport = DESKTOP, name = 'page' } = {}) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, acceptDownloads: true, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems = [];
  let clientErrors = 0;
  const apiErrors = [];
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`${name}: HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
    else if (res.status() >= 400) clientErrors += 1;
    if (res.status() >= 400) {
      const line = `${res.status()} ${res.request().method()} ${res.url()}`;
      res.text().then((body) => apiErrors.push(`${line} ${body.slice(0, 300)}`), () => apiErrors.push(line));
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text) && clientErrors > 0) return;
    problems.push(`${name}: console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`${name}: uncaught exception: ${err.message}`));
  // A subresource cancelled by the browser (net::ERR_ABORTED: the page moved on, the SPA aborted
  // its own fetches when the user left a view, a favicon fetch cut short) is not a failure; any
  // other failed request, and any aborted document load, is.
  page.on('requestfailed', (req) => {
    const failure = req.failure() ? req.failure().errorText : 'failed';
    if (failure === 'net::ERR_ABORTED' && !req.isNavigationRequest()) return;
    problems.push(`${name}: request failed: ${req.method()} ${req.url()} (${failure})`);
  });
  page.setDefaultTimeout(15000);
  return {
    context, page,
    problems: () => problems.slice(),
    assertClean() {
      assert.deepEqual(problems, [], `browser problems:\n${problems.join('\n')}`);
    },
    /** On a failure: a screenshot next to the others and the API refusals seen, in the error. */
    async diagnose(err) {
      let shot = '';
      try {
        shot = await screenshot(page, `failure-${name}`);
      } catch { /* the page may be gone */ }
      err.message += `\n[${name}] at ${page.url()}${shot ? `, screenshot ${shot}` : ''}`
        + `${apiErrors.length ? `\nAPI errors seen:\n  ${apiErrors.slice(-8).join('\n  ')}` : ''}`
        + `${problems.length ? `\nbrowser problems:\n  ${problems.join('\n  ')}` : ''}`;
      return err;
    },
    close: () => context.close(),
  };
}

/** Runs axe-core on the current page state and fails on any WCAG 2.1 A/AA violation. */
export async function audit(page, label) {
  await page.waitForLoadState('domcontentloaded');
  await page.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'));
  // Colours are judged as painted: a toast still fading in has too little contrast for a moment.
  // Bounded, so an animation that never finishes (paused) cannot stall the audit.
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => {}))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]));
  // Evaluated through DevTools, so the page's CSP (script-src 'self') stays on.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
  const text = result.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
  assert.equal(result.length, 0, `axe found WCAG 2.1 A/AA violations on ${label} (${page.url()}):\n${text}`);
}

export async function screenshot(page, name) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page never scrolls sideways (the seat map scrolls inside its own box). */
export async function assertNoHorizontalScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label}: the page scrolls horizontally (${scroll}px content in a ${width}px window)`);
}

export async function logIn(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
