// Live seat maps in the browser: a seat reserved through the API turns taken on an open event
// page within a second, without a reload, over the server's Server-Sent-Event stream; after the
// server restarts (a deploy: SIGTERM, drain, start), the page reconnects by itself and carries
// on, including a seat taken while it was away.
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

const seatLocator = (page, id) => page.locator(`svg.seat-svg .seat[data-id="${id}"]`);

/** Milliseconds until the seat's name says it is taken. */
async function untilTaken(page, id, timeout) {
  const start = Date.now();
  await page.waitForFunction((seatId) => {
    const seat = document.querySelector(`svg.seat-svg .seat[data-id="${seatId}"]`);
    return seat && /\btaken\b/.test(seat.getAttribute('aria-label') || '');
  }, id, { timeout });
  return Date.now() - start;
}

export async function liveSeatMap({ server, browser }) {
  const api = new Api(server.baseUrl);
  await api.signup(uniqueEmail('live-rival'));
  const event = await api.seatedEvent();
  const { seats } = (await api.call('GET', `/events/events/${event.id}/seats`)).data;
  const free = seats.filter((seat) => seat.state === 'available');
  assert.ok(free.length >= 4, 'the demo event has free seats');
  const [first, second] = [free[free.length - 1], free[free.length - 2]];

  const s = await openPage(browser, server.baseUrl, { name: 'live-seats' });
  const { page } = s;
  try {
    await page.goto(`/event/${event.id}`);
    await seatLocator(page, first.id).waitFor();
    // The page is on the stream (not polling) before anything is reserved.
    await page.locator('svg.seat-svg[data-live="live"], [data-live="live"]').first().waitFor();
    assert.doesNotMatch(await seatLocator(page, first.id).getAttribute('aria-label'), /\btaken\b/);

    await api.reserve({ event_id: event.id, seat_ids: [first.id] });
    // Within a second (the page would otherwise have waited for a poll several seconds away).
    const took = await untilTaken(page, first.id, 1000);
    console.log(`a seat reserved through the API showed as taken after ${took} ms`);

    if (server.restart) {
      // A deploy: the server drains (ending the stream) and comes back on the same address.
      const ended = await server.restart();
      assert.deepEqual(ended, { code: 0, signal: null }, 'the server drained cleanly with a stream open');
      await api.reserve({ event_id: event.id, seat_ids: [second.id] });
      // The browser reconnects by itself (EventSource's retry, 2 s as the server asks) and the
      // fresh snapshot shows the seat taken while it was away.
      const back = await untilTaken(page, second.id, 60000);
      console.log(`after a server restart the page caught up in ${back} ms`);
      await page.locator('[data-live="live"]').first().waitFor();
      assert.match(await seatLocator(page, first.id).getAttribute('aria-label'), /\btaken\b/);
    }
    // While the server was down, the stream's reconnection and the fallback poll of the seat
    // states were refused (the browser logs each); any other problem still fails the test.
    const problems = s.problems().filter((p) => !/seats\/(stream|state)|Failed to load resource: net::ERR_CONNECTION_REFUSED/.test(p));
    assert.deepEqual(problems, [], `browser problems:\n${problems.join('\n')}`);
  } catch (err) {
    throw await s.diagnose(err);
  } finally {
    await s.close();
  }
}
