// A newcomer: sign up, log in, search, open an event, pick two seats on the map (mouse and
// keyboard), hold, confirm, see them in My tickets, cancel one, see its seat free again.
import assert from 'node:assert/strict';
import { openPage, audit, logIn } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

export async function newcomerPath({ browser, server }) {
  const api = new Api(server.baseUrl);
  const event = await api.seatedEvent();
  const email = uniqueEmail('newcomer');
  const password = 'a-long-secret-1';
  const s = await openPage(browser, server.baseUrl, { name: 'newcomer' });
  const { page } = s;
  try {
    // Sign up (with a first mistake, to see field errors), then log out and log in again.
    await page.goto('/');
    await audit(page, 'events list');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Full name').fill('Nina Newcomer');
    await page.getByLabel('Email').fill(email);
    // The password rule is told before submitting, and tied to the field for screen readers.
    const passwordField = page.getByLabel('Password');
    const hint = page.getByText('8 to 128 characters. Not your email address, and not a common password.');
    await hint.waitFor();
    const describedBy = async () => (await passwordField.getAttribute('aria-describedby') || '').split(' ');
    assert.ok((await describedBy()).includes(await hint.getAttribute('id')), 'the hint describes the field');
    const createAccount = page.getByRole('button', { name: 'Create account' });
    const fieldError = async (text) => {
      const error = page.locator('.field-error', { hasText: text });
      await error.waitFor();
      assert.equal(await passwordField.getAttribute('aria-invalid'), 'true');
      assert.ok((await describedBy()).includes(await error.getAttribute('id')), 'the error describes the field');
      assert.ok(page.url().endsWith('/signup'), 'no account yet');
    };
    // Length counts characters (code points) as the server does: four emoji are four, not eight.
    await passwordField.fill('\u{1F3AB}\u{1F3AB}\u{1F3AB}\u{1F3AB}');
    await createAccount.click();
    await fieldError('Use at least 8 characters (this one has 4).');
    await audit(page, 'sign-up form with an error');
    await passwordField.fill(email);
    await createAccount.click();
    await fieldError('Choose a password other than your email address.');
    // Long enough but one of the most common: only the server knows; its answer lands on the field.
    await passwordField.fill('password123');
    const [refusal] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === '/auth/signup'),
      createAccount.click(),
    ]);
    assert.equal(refusal.status(), 400);
    const refused = await refusal.json();
    assert.equal(refused.code, 'weak_password');
    await fieldError(refused.error);
    assert.ok(await page.locator('.alert-error').isHidden(), 'said once, on the field, not again above the form');
    assert.equal(await passwordField.evaluate((el) => el === document.activeElement), true, 'focus is on the field to fix');
    await audit(page, 'sign-up form with a refused password');
    await passwordField.fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    await logIn(page, email, password);
    await audit(page, 'events list, signed in');

    // Search for the event and open it.
    await page.getByRole('searchbox', { name: 'Search' }).fill(event.name);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=/);
    const card = page.getByRole('link', { name: event.name, exact: true });
    await card.first().waitFor();
    await audit(page, 'search results');
    await card.first().click();
    await page.getByRole('heading', { level: 1, name: event.name }).waitFor();
    await page.locator('svg.seat-svg .seat').first().waitFor();
    await audit(page, 'event page with seat map');

    // First seat by mouse, then the seat to its right by keyboard.
    const free = page.locator('svg.seat-svg .seat:not(.is-taken)');
    const first = free.first();
    const firstLabel = (await first.getAttribute('aria-label')).split(',').slice(0, -2).join(',');
    await first.click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    const selected = page.locator('svg.seat-svg .seat.is-selected');
    assert.equal(await selected.count(), 2, 'two seats are selected');
    const labels = await page.locator('.selection-label').allTextContents();
    assert.equal(labels.length, 2);
    assert.equal(labels[0], firstLabel);
    // The text alternative lists the same seats, with the two selected.
    await page.getByText('Choose from a list of seats by row').click();
    // The list is built when the <details> fires its (asynchronous) toggle event.
    await page.locator('.seat-list input[type="checkbox"]').first().waitFor();
    assert.equal(await page.locator('.seat-list input:checked').count(), 2, 'the seat list shows the selection');
    await audit(page, 'seat list alternative');
    await page.getByRole('button', { name: 'Hold 2 seats' }).click();

    // Checkout: countdown, confirm.
    await page.waitForURL(/\/checkout\?r=/);
    await page.getByRole('timer').waitFor();
    assert.match(await page.locator('.countdown-time').textContent(), /^\d+:\d\d$/);
    for (const label of labels) await page.getByText(label, { exact: true }).waitFor();
    await audit(page, 'checkout');
    await page.getByRole('button', { name: /Confirm and book/ }).click();
    await page.getByText('Your booking is confirmed').waitFor();
    await audit(page, 'checkout confirmed');

    // My tickets: both seats, cancel one.
    await page.getByRole('link', { name: 'See my tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'My tickets' }).waitFor();
    for (const label of labels) await page.getByText(label, { exact: true }).waitFor();
    assert.equal(await page.locator('.ticket-row .badge', { hasText: 'Confirmed' }).count(), 2);
    await audit(page, 'my tickets');
    await page.getByRole('button', { name: `Cancel ${labels[1]}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await audit(page, 'cancel confirmation dialog');
    await dialog.getByRole('button', { name: 'Cancel ticket' }).click();
    await page.locator('.ticket-row', { hasText: labels[1] }).locator('.badge', { hasText: 'Cancelled' }).waitFor();
    await page.locator('.ticket-row', { hasText: labels[0] }).locator('.badge', { hasText: 'Confirmed' }).waitFor();

    // The cancelled seat is free again on the map; the kept one is taken.
    await page.goto(`/event/${event.id}`);
    const freed = page.locator(`svg.seat-svg .seat[aria-label^="${labels[1]},"]`);
    await freed.waitFor();
    assert.match(await freed.getAttribute('aria-label'), /, available$/);
    assert.equal(await freed.getAttribute('aria-disabled'), null);
    const kept = page.locator(`svg.seat-svg .seat[aria-label^="${labels[0]},"]`);
    assert.equal(await kept.getAttribute('aria-disabled'), 'true');
    s.assertClean();
  } catch (err) {
    throw await s.diagnose(err);
  } finally {
    await s.close();
  }
}
