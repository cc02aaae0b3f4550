// Two people pick the same seat at the same time: the first holds it, the second is told the
// seat was just taken and sees it turn grey on the map.
import assert from 'node:assert/strict';
import { openPage, audit, logIn } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

export async function seatContention({ browser, server }) {
  const api = new Api(server.baseUrl);
  const event = await api.seatedEvent();
  const password = 'a-long-secret-2';
  const people = [uniqueEmail('first'), uniqueEmail('second')];
  for (const email of people) await new Api(server.baseUrl).signup(email, password, 'Racing Reader');
  const a = await openPage(browser, server.baseUrl, { name: 'first' });
  const b = await openPage(browser, server.baseUrl, { name: 'second' });
  try {
    for (const [s, email] of [[a, people[0]], [b, people[1]]]) {
      await logIn(s.page, email, password);
      await s.page.goto(`/event/${event.id}`);
      await s.page.locator('svg.seat-svg .seat').first().waitFor();
    }
    // Both pick the same free seat.
    const free = (await api.seats(event.id)).find((seat) => seat.state === 'available');
    const seatA = a.page.locator(`svg.seat-svg .seat[data-id="${free.id}"]`);
    const seatB = b.page.locator(`svg.seat-svg .seat[data-id="${free.id}"]`);
    await seatA.click();
    await seatB.click();
    assert.equal(await seatB.getAttribute('aria-checked'), 'true');

    await a.page.getByRole('button', { name: 'Hold 1 seat' }).click();
    await a.page.waitForURL(/\/checkout\?r=/);

    // The second person tries at once (or their map already noticed): either way they are told.
    const holdB = b.page.getByRole('button', { name: 'Hold 1 seat' });
    if (await holdB.isEnabled()) await holdB.click();
    const message = b.page.locator('.summary .alert');
    await message.filter({ hasText: 'just taken' }).waitFor();
    assert.match(await message.textContent(), new RegExp(free.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // The map shows the seat taken and it is no longer selected.
    await b.page.waitForFunction((id) => {
      const el = document.querySelector(`svg.seat-svg .seat[data-id="${id}"]`);
      return el && el.classList.contains('is-taken') && el.getAttribute('aria-checked') === 'false';
    }, free.id);
    assert.equal(await b.page.locator('svg.seat-svg .seat.is-selected').count(), 0);
    assert.ok(await b.page.getByRole('button', { name: 'Hold seats' }).isDisabled());
    await audit(b.page, 'event page after losing a seat');
    a.assertClean();
    b.assertClean();
  } catch (err) {
    await a.diagnose(err);
    throw await b.diagnose(err);
  } finally {
    await a.close();
    await b.close();
  }
}
