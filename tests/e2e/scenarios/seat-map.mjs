// The seat map on a phone: zoom (buttons, Ctrl + wheel, a two-finger pinch) makes seats real
// touch targets; taken seats and the visitor's selection differ by a mark, not only by colour,
// and say so in their names; the keyboard focus ring stands out on every seat colour; a seat of
// the selection that someone else takes is dropped from it with a message.
import assert from 'node:assert/strict';
import { openPage, audit, logIn, assertNoHorizontalScroll, PHONE } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

const MIN_TARGET_PX = 24;

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** How a seat looks: its painted colour, and the mark drawn over it (the pattern's line), if any. */
function seatLook(page, id) {
  return page.evaluate((seatId) => {
    const seat = document.querySelector(`svg.seat-svg .seat[data-id="${seatId}"]`);
    const fill = seat.getAttribute('fill');
    const ref = /^url\(#(.+)\)$/.exec(fill);
    if (!ref) return { colour: getComputedStyle(seat).fill, mark: null };
    const pattern = document.getElementById(ref[1]);
    const ground = pattern.querySelector('.seat-mark-ground');
    const line = pattern.querySelector('.seat-mark-line');
    return { colour: getComputedStyle(ground).fill, mark: line ? line.getAttribute('d') : null, markColour: line ? getComputedStyle(line).stroke : null };
  }, id);
}

async function seatBox(page, id) {
  return page.locator(`svg.seat-svg .seat[data-id="${id}"]`).boundingBox();
}

/** A seat's drawn width in CSS pixels: its geometry on screen without the outline (a hovered or
 * selected seat draws a wider one, which would make the same seat measure differently). */
async function seatWidth(page, id) {
  return page.evaluate((seatId) => {
    const el = document.querySelector(`svg.seat-svg .seat[data-id="${seatId}"]`);
    return el.getBBox().width * el.getScreenCTM().a;
  }, id);
}

/** Waits until the seat's width is at least `above` (or within half a pixel of `near`). */
async function waitForSeatWidth(page, id, { above, near }, what) {
  try {
    await page.waitForFunction(({ seatId, min, target }) => {
      const el = document.querySelector(`svg.seat-svg .seat[data-id="${seatId}"]`);
      const width = el.getBBox().width * el.getScreenCTM().a;
      return target !== undefined ? Math.abs(width - target) < 0.5 : width >= min;
    }, { seatId: id, min: above, target: near });
  } catch (err) {
    assert.fail(`${what}: the seat is ${(await seatWidth(page, id)).toFixed(1)} px wide (${err.message.split('\n')[0]})`);
  }
  return seatWidth(page, id);
}

export async function seatMapOnAPhone({ browser, server }) {
  const api = new Api(server.baseUrl);
  const event = await api.seatedEvent();
  const password = 'a-long-secret-5';
  const email = uniqueEmail('seatmap');
  await new Api(server.baseUrl).signup(email, password, 'Map Reader');
  const rival = new Api(server.baseUrl);
  await rival.signup(uniqueEmail('rival'), password, 'Quick Rival');

  // Seats picked from the middle of the map (so a zoom about the centre keeps them in the box).
  const all = await api.seats(event.id);
  const free = all.filter((seat) => seat.state === 'available').sort((a, b) => a.y - b.y || a.x - b.x);
  assert.ok(free.length > 30, 'the demo event has free seats');
  const mid = Math.floor(free.length / 2);
  const [probe, mine, doomed] = [free[mid], free[mid + 1], free[mid + 2]];
  const taken = free[mid - 3];
  await rival.reserve({ event_id: event.id, seat_ids: [taken.id] });

  const s = await openPage(browser, server.baseUrl, { viewport: PHONE, name: 'seat-map-phone' });
  const { page } = s;
  try {
    await logIn(page, email, password);
    await page.goto(`/event/${event.id}`);
    await page.locator(`svg.seat-svg .seat[data-id="${probe.id}"]`).waitFor();
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    const zoomOut = page.getByRole('button', { name: 'Zoom out' });

    // --- zoom: buttons ------------------------------------------------------------------------
    const fitted = await seatWidth(page, probe.id);
    assert.ok(fitted < MIN_TARGET_PX, `fitted to a phone the seats are small (${fitted.toFixed(1)} px), or this proves nothing`);
    await zoomIn.click();
    const zoomed = await waitForSeatWidth(page, probe.id, { above: MIN_TARGET_PX }, 'one press of "Zoom in" on a phone');
    assert.ok(zoomed > fitted * 2, `zoom enlarges seats (${fitted.toFixed(1)} → ${zoomed.toFixed(1)} px)`);
    await assertNoHorizontalScroll(page, 'zoomed seat map (phone)');
    // The zoomed map pans inside its box: scrolled to a seat, the seat is there to be tapped.
    await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).scrollIntoViewIfNeeded();
    await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).click();
    assert.equal(await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).getAttribute('aria-checked'), 'true');
    while (await zoomOut.isEnabled()) await zoomOut.click();
    await waitForSeatWidth(page, probe.id, { near: fitted }, 'zoomed out again');

    // --- zoom: Ctrl + wheel, and a plain wheel does not zoom -----------------------------------
    const scroller = page.locator('.seat-scroller');
    await scroller.scrollIntoViewIfNeeded();
    const sb = await scroller.boundingBox();
    await page.mouse.move(sb.x + sb.width / 2, sb.y + Math.min(sb.height / 2, 150));
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await waitForSeatWidth(page, probe.id, { above: fitted * 1.5 }, 'Ctrl + wheel');
    while (await zoomOut.isEnabled()) await zoomOut.click();
    await waitForSeatWidth(page, probe.id, { near: fitted }, 'zoomed out after the wheel');

    // --- zoom: a two-finger pinch (touch input through the DevTools protocol) ------------------
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    const box = await scroller.boundingBox();
    const cx = Math.round(box.x + box.width / 2);
    const cy = Math.round(box.y + Math.min(box.height / 2, 120));
    const fingers = (gap) => [{ x: cx - gap, y: cy, id: 0 }, { x: cx + gap, y: cy, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (let gap = 30; gap <= 120; gap += 15) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(gap) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await waitForSeatWidth(page, probe.id, { above: fitted * 2 }, 'a pinch spreading two fingers');
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
    while (await zoomOut.isEnabled()) await zoomOut.click();

    // --- states without colour ----------------------------------------------------------------
    // The rival's seat reached this page (loaded after the hold). Taken and selected seats carry
    // different marks; a free seat carries none. Names say what colour shows.
    const takenSeat = page.locator(`svg.seat-svg .seat[data-id="${taken.id}"]`);
    assert.match(await takenSeat.getAttribute('aria-label'), /\btaken\b/);
    assert.equal(await takenSeat.getAttribute('aria-disabled'), 'true');
    assert.match(await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).getAttribute('aria-label'), /\bselected\b/);
    const looks = { free: await seatLook(page, probe.id), taken: await seatLook(page, taken.id), selected: await seatLook(page, mine.id) };
    assert.equal(looks.free.mark, null, 'a free seat has no mark');
    assert.ok(looks.taken.mark, 'a taken seat carries a mark');
    assert.ok(looks.selected.mark, 'a selected seat carries a mark');
    assert.notEqual(looks.taken.mark, looks.selected.mark, 'taken and selected seats carry different marks');
    for (const kind of ['taken', 'selected']) {
      assert.ok(contrast(looks[kind].colour, looks[kind].markColour) >= 3,
        `the ${kind} mark stands out from its seat (${looks[kind].markColour} on ${looks[kind].colour})`);
    }
    const legend = page.getByRole('list', { name: 'Legend' });
    await legend.getByText('Taken').waitFor();
    await legend.getByText('Your selection').waitFor();

    // --- focus ring ---------------------------------------------------------------------------
    // Keyboard focus from the zoom buttons to the map, then across seats of every kind: the ring
    // surrounds the focused seat and one of its two tones contrasts with every seat colour.
    await zoomIn.focus();
    await page.keyboard.press('Tab');
    const focusedId = await page.evaluate(() => document.activeElement && document.activeElement.dataset.id);
    assert.ok(focusedId, 'Tab from the zoom buttons reaches a seat');
    const ring = page.locator('.seat-focus-ring');
    const ringAround = async (id) => {
      const [r, seat] = [await ring.boundingBox(), await seatBox(page, id)];
      return r && seat && r.x < seat.x && r.y < seat.y && r.x + r.width > seat.x + seat.width && r.y + r.height > seat.y + seat.height;
    };
    assert.equal(await ring.getAttribute('visibility'), 'visible');
    assert.ok(await ringAround(focusedId), 'the focus ring surrounds the focused seat');
    const tones = await page.evaluate(() => [...document.querySelectorAll('.seat-focus-ring rect')].map((r) => getComputedStyle(r).stroke));
    assert.equal(tones.length, 2);
    const colours = new Set([looks.taken.colour, looks.selected.colour, 'rgb(240, 242, 248)' /* the map's background */]);
    for (const colour of await page.evaluate(() => [...document.querySelectorAll('svg.seat-svg .seat:not(.is-taken):not(.is-selected)')].map((el) => getComputedStyle(el).fill))) colours.add(colour);
    for (const colour of colours) {
      const best = Math.max(...tones.map((tone) => contrast(tone, colour)));
      assert.ok(best >= 3, `the focus ring shows on ${colour} (best contrast ${best.toFixed(2)}: ${tones.join(', ')})`);
    }
    await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).focus();
    assert.ok(await ringAround(mine.id), 'the ring follows focus onto a selected seat');
    await page.locator('h1').first().click();
    assert.equal(await ring.getAttribute('visibility'), 'hidden', 'no ring without focus');

    // --- a seat of the selection taken by someone else ----------------------------------------
    await page.locator(`svg.seat-svg .seat[data-id="${doomed.id}"]`).click();
    await page.getByRole('button', { name: 'Hold 2 seats' }).waitFor();
    await rival.reserve({ event_id: event.id, seat_ids: [doomed.id] });
    // The live stream (or, without one, the poll of seat states) tells the page at once.
    const message = page.getByRole('alert').filter({ hasText: 'just taken' });
    await message.waitFor({ timeout: 20000 });
    assert.match(await message.textContent(), new RegExp(doomed.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await message.textContent(), /no longer in your selection/);
    await page.locator('.seat-map-notice').filter({ hasText: doomed.label }).waitFor();
    const doomedSeat = page.locator(`svg.seat-svg .seat[data-id="${doomed.id}"]`);
    assert.equal(await doomedSeat.getAttribute('aria-checked'), 'false');
    assert.match(await doomedSeat.getAttribute('aria-label'), /\btaken\b/);
    assert.equal((await seatLook(page, doomed.id)).mark, looks.taken.mark, 'the lost seat now shows as taken');
    assert.equal(await page.locator(`svg.seat-svg .seat[data-id="${mine.id}"]`).getAttribute('aria-checked'), 'true', 'the rest of the selection stays');
    await page.getByRole('button', { name: 'Hold 1 seat' }).waitFor();
    await assertNoHorizontalScroll(page, 'seat map after losing a seat (phone)');
    await audit(page, 'seat map after losing a seat (phone)');
    s.assertClean();
  } catch (err) {
    throw await s.diagnose(err);
  } finally {
    await s.close();
  }
}
