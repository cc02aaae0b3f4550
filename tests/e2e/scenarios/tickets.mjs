// After "reserve": a buyer confirms a held seat at checkout and gets a booking reference, finds the
// order in My tickets, opens the printable ticket and its QR code is read back with a real decoder
// (zbarimg); the organizer checks the ticket in at the door page (first 200, then 409); the
// confirmation mail arrives at the test's SMTP server; the account page changes the password.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openPage, audit, logIn, OUT_DIR } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

const ORGANIZER = { email: 'organizer@demo.proeventa.test', password: 'demo-organizer-pass' };

async function eventually(condition, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function ticketPath({ browser, server, mail }) {
  const api = new Api(server.baseUrl);
  const email = uniqueEmail('ticket');
  const password = 'tickets-and-qr-1';
  await api.signup(email, password, 'Tina Ticket');
  const event = await api.seatedEvent();
  const seat = (await api.seats(event.id)).find((s) => s.state === 'available');
  const [held] = await api.reserve({ event_id: event.id, seat_ids: [seat.id], hold: true });

  const buyer = await openPage(browser, server.baseUrl, { name: 'tickets-buyer' });
  const door = await openPage(browser, server.baseUrl, { name: 'tickets-door' });
  const { page } = buyer;
  try {
    // Checkout: confirm, and the booking reference is shown.
    await logIn(page, email, password);
    await page.goto(`/checkout?r=${held.id}`);
    await page.getByRole('button', { name: /Confirm and book/ }).click();
    await page.getByText('Your booking is confirmed').waitFor();
    const reference = (await page.locator('.order-confirmation .booking-ref').textContent()).trim();
    assert.match(reference, /^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
    assert.equal(reference, held.order_reference, 'the reference shown is the order the hold belongs to');
    await audit(page, 'checkout confirmed with its booking reference');

    // My tickets: the order under its event with its reference.
    await page.getByRole('link', { name: 'See my tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'My tickets' }).waitFor();
    const order = page.getByRole('region', { name: `Booking ${reference}` });
    await order.waitFor();
    await order.locator('.ticket-row', { hasText: seat.label }).locator('.badge', { hasText: 'Confirmed' }).waitFor();
    await audit(page, 'my tickets with a booking reference');

    // The printable ticket, and its QR code read back by zbar from a screenshot.
    await order.getByRole('link', { name: `Ticket for ${seat.label}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Your ticket' }).waitFor();
    await page.getByText(reference, { exact: true }).waitFor();
    await page.getByText('Tina Ticket', { exact: true }).waitFor();
    await page.getByText(seat.label, { exact: true }).waitFor();
    await audit(page, 'printable ticket');
    const shown = await page.locator('.ticket-qr').getAttribute('data-code');
    const png = path.join(OUT_DIR, 'ticket-qr.png');
    await page.locator('.ticket-qr-svg').screenshot({ path: png });
    const decoded = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
    assert.equal(decoded, shown, 'the QR code says the ticket code');
    assert.match(decoded, new RegExp(`^PE1\\.${event.id}\\.${held.id}\\.1\\.[A-Za-z0-9_-]{86}$`));
    // The print stylesheet keeps the ticket and drops the site around it.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false, 'no site header on paper');
    assert.equal(await page.locator('.ticket-qr-svg').isVisible(), true, 'the QR code is printed');
    await page.emulateMedia({ media: 'screen' });

    // The door: the organizer types the code in; in once, then told it was already used.
    await logIn(door.page, ORGANIZER.email, ORGANIZER.password);
    await door.page.goto(`/organizer/events/${event.id}/checkin`);
    const codeField = door.page.getByLabel('Ticket code');
    await codeField.waitFor();
    await audit(door.page, 'check-in page');
    const scan = async () => {
      await codeField.fill(decoded);
      const [res] = await Promise.all([
        door.page.waitForResponse((r) => new URL(r.url()).pathname === `/events/events/${event.id}/checkins`),
        door.page.getByRole('button', { name: 'Check in' }).click(),
      ]);
      return res.status();
    };
    assert.equal(await scan(), 200);
    await door.page.locator('.checkin-ok', { hasText: 'Welcome, Tina Ticket' }).waitFor();
    await door.page.locator('.checkin-ok', { hasText: seat.label }).waitFor();
    await audit(door.page, 'check-in accepted');
    assert.equal(await scan(), 409);
    await door.page.locator('.checkin-bad', { hasText: 'Already checked in' }).waitFor();
    await door.page.locator('.checkin-count-number', { hasText: /^[1-9]\d* \/ \d+$/ }).waitFor();

    // The confirmation mail reached the SMTP server, with the reference in both parts.
    const message = await eventually(() => mail.messages().find((m) => m.includes(`booking ${reference}`)), 'the confirmation mail');
    assert.match(message, new RegExp(`^To: ${email.replace(/[.+]/g, '\\$&')}\\r?$`, 'm'));
    assert.match(message, /Content-Type: text\/plain; charset=utf-8/);
    assert.match(message, /Content-Type: text\/html; charset=utf-8/);
    assert.match(message, new RegExp(`Booking reference: ${reference}`));

    // The account page changes the password: the new one logs in, the old one no longer does.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await audit(page, 'account page');
    const newPassword = 'tickets-and-qr-2';
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed.').waitFor();
    // Still signed in on this device with the fresh token.
    await page.goto('/me/reservations');
    await page.getByRole('region', { name: `Booking ${reference}` }).waitFor();
    await new Api(server.baseUrl).login(email, newPassword);
    await assert.rejects(new Api(server.baseUrl).login(email, password), /401/);
    buyer.assertClean();
    door.assertClean();
  } catch (err) {
    throw await (door.page.url().includes('/checkin') ? door : buyer).diagnose(err);
  } finally {
    await buyer.close();
    await door.close();
  }
}
