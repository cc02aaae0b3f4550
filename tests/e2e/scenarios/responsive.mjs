// The list, the seat map and checkout on a phone and on a desktop: screenshots into
// PROEVENTA_E2E_OUT, no sideways scrolling, no accessibility violations.
import { openPage, audit, logIn, screenshot, assertNoHorizontalScroll, PHONE, DESKTOP } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

export async function responsiveScreens({ browser, server }) {
  const api = new Api(server.baseUrl);
  const event = await api.seatedEvent();
  const password = 'a-long-secret-3';
  const shots = [];
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const email = uniqueEmail(device);
    await new Api(server.baseUrl).signup(email, password, `Screen ${device}`);
    const s = await openPage(browser, server.baseUrl, { viewport, name: device });
    const { page } = s;
    try {
      await logIn(page, email, password);
      await page.goto('/');
      await page.locator('.event-card').first().waitFor();
      await audit(page, `events list (${device})`);
      await assertNoHorizontalScroll(page, `events list (${device})`);
      if (device === 'phone') {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'My tickets' }).waitFor();
        await audit(page, 'phone menu open');
        await page.keyboard.press('Escape');
      }
      shots.push(await screenshot(page, `list-${device}`));

      await page.goto(`/event/${event.id}`);
      const free = page.locator('svg.seat-svg .seat:not(.is-taken)');
      await free.first().waitFor();
      await free.nth(2).click();
      await free.nth(3).click();
      await page.locator('.selection-item').nth(1).waitFor();
      await assertNoHorizontalScroll(page, `seat map (${device})`);
      await audit(page, `seat map (${device})`);
      shots.push(await screenshot(page, `seatmap-${device}`));

      await page.getByRole('button', { name: 'Hold 2 seats' }).click();
      await page.waitForURL(/\/checkout\?r=/);
      await page.getByRole('timer').waitFor();
      await assertNoHorizontalScroll(page, `checkout (${device})`);
      await audit(page, `checkout (${device})`);
      shots.push(await screenshot(page, `checkout-${device}`));
      // Give the seats back for the other scenarios.
      await page.getByRole('button', { name: 'Release seats' }).click();
      await page.waitForURL(new RegExp(`/event/${event.id}$`));
      s.assertClean();
    } catch (err) {
      throw await s.diagnose(err);
    } finally {
      await s.close();
    }
  }
  return shots;
}
