// ProEventa browser tests: the real binary on a fresh database with demo data, the real SPA in
// Debian's Chromium. Run with `node --test` in this folder (CTest does: "e2e: browser").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launch, OUT_DIR } from './support/browser.mjs';
import { newcomerPath } from './scenarios/newcomer.mjs';
import { seatContention } from './scenarios/contention.mjs';
import { organizerPath } from './scenarios/organizer.mjs';
import { responsiveScreens } from './scenarios/responsive.mjs';
import { otherPages } from './scenarios/pages.mjs';
import { ticketPath } from './scenarios/tickets.mjs';
import { seatMapOnAPhone } from './scenarios/seat-map.mjs';
import { liveSeatMap } from './scenarios/live-seats.mjs';
import { startMailSink } from './support/smtp.mjs';
import path from 'node:path';

const env = {};

before(async () => {
  // Order mail goes to a real SMTP server of the test's own; the server reads these at start.
  env.mail = await startMailSink(path.join(OUT_DIR, 'maildir'));
  process.env.PROEVENTA_SMTP_URL = env.mail.url;
  process.env.PROEVENTA_MAIL_POLL_INTERVAL = '200';
  env.server = await startServer();
  env.browser = await launch();
});

after(async () => {
  if (env.browser) await env.browser.close();
  if (env.mail) await env.mail.stop();
  if (!env.server) return;
  const ended = await env.server.stop();
  assert.deepEqual(ended, { code: 0, signal: null },
    `proeventa did not shut down cleanly on SIGTERM; last output:\n${env.server.log().slice(-4000)}`);
});

test('a newcomer signs up, books two seats, cancels one and sees it free again', () => newcomerPath(env));

test('two people pick the same seat: the second is told it was just taken', () => seatContention(env));

test('an organizer builds a venue, keeps a draft a draft, publishes an event and downloads its reservations', () => organizerPath(env));

test('phone and desktop screenshots of the list, the seat map and checkout', async () => {
  const shots = await responsiveScreens(env);
  assert.equal(shots.length, 6);
  console.log(`screenshots in ${OUT_DIR}`);
});

test('404, log-in errors, 401 round trip, general admission, admin roles, cancelling an event', () => otherPages(env));

test('a booking reference, a printable ticket whose QR code decodes, door check-in once, the confirmation mail, a password change', () => ticketPath(env));

test('the seat map on a phone: zoom to touch-sized seats, states told apart without colour, a visible focus ring, a lost seat dropped with a message', () => seatMapOnAPhone(env));

// Last: it restarts the server (same port and database) to show the page reconnecting.
test('a live seat map: a seat taken elsewhere shows within a second, and the page reconnects after a server restart', () => liveSeatMap(env));
