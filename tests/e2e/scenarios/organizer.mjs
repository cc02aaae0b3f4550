// An organizer: build a venue, save a draft event there that stays a draft, create and publish
// another, find it in the public list, see a customer's reservation in the event's list and
// download it as CSV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, audit, logIn } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

const ORGANIZER = { email: 'organizer@demo.proeventa.test', password: 'demo-organizer-pass' };

function inputDate(daysAhead, hour) {
  const d = new Date(Date.now() + daysAhead * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

export async function organizerPath({ browser, server }) {
  const tag = Math.random().toString(36).slice(2, 8);
  const venueName = `Test Hall ${tag}`;
  const eventName = `Opening Night ${tag}`;
  const draftName = `Rehearsal ${tag}`;
  const s = await openPage(browser, server.baseUrl, { name: 'organizer' });
  const { page } = s;
  try {
    await logIn(page, ORGANIZER.email, ORGANIZER.password);
    await page.goto('/organizer');
    await page.getByRole('heading', { level: 1, name: 'My events' }).waitFor();
    await audit(page, 'organizer: my events');

    // Venue builder: two sections with a live preview.
    await page.getByRole('link', { name: 'New venue' }).click();
    await page.getByLabel('Venue name').fill(venueName);
    await page.getByLabel('Address').fill('12 Test Street, Berlin');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    const sections = page.locator('.section-editor');
    await sections.nth(0).getByLabel('Section name').fill('Parterre');
    await sections.nth(0).getByLabel('Rows').fill('3');
    await sections.nth(0).getByLabel('Seats per row').fill('8');
    await sections.nth(0).getByLabel('Price category').fill('A');
    await page.getByRole('button', { name: '+ Add a section' }).click();
    await sections.nth(1).getByLabel('Section name').fill('Balcony');
    await sections.nth(1).getByLabel('Rows').fill('2');
    await sections.nth(1).getByLabel('Seats per row').fill('6');
    await sections.nth(1).getByLabel('Price category').fill('B');
    await page.getByText('36 seats in 2 sections').waitFor();
    assert.equal(await page.locator('.builder-preview svg .seat').count(), 36, 'the preview draws every seat');
    await audit(page, 'venue builder');
    await page.getByRole('button', { name: 'Create venue' }).click();

    // Event form, opened with the new venue chosen. First a rehearsal saved as a draft: the
    // API's default for a new event is `published`, so the form has to ask for a draft.
    await page.waitForURL(/\/organizer\/events\/new\?venue=\d+/);
    const newEventUrl = page.url();
    await page.getByLabel('Category A').waitFor();
    await page.getByLabel('Event name').fill(draftName);
    await page.getByLabel('Starts').fill(inputDate(19, 10));
    await page.getByLabel('Ends').fill(inputDate(19, 12));
    await page.getByLabel('Category A').fill('10');
    await page.getByLabel('Category B').fill('10');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/organizer$/);
    const draftRow = page.locator('.org-event', { hasText: draftName });
    await draftRow.locator('.badge', { hasText: 'Draft' }).waitFor();
    // Edited and saved, it is still a draft: in the organizer's list, in the API, and nowhere public.
    await page.getByRole('link', { name: `Edit ${draftName}` }).click();
    await page.getByLabel('Description').fill('Crew only.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/organizer$/);
    await draftRow.locator('.badge', { hasText: 'Draft' }).waitFor();
    const organizer = new Api(server.baseUrl);
    await organizer.login(ORGANIZER.email, ORGANIZER.password);
    const drafts = await organizer.events(`&organizer_id=${organizer.user.id}&status=draft&q=${encodeURIComponent(draftName)}`);
    const draft = drafts.find((e) => e.name === draftName);
    assert.equal(draft && draft.status, 'draft', 'the API has the rehearsal as a draft');
    assert.equal(draft.description, 'Crew only.');
    const visible = await new Api(server.baseUrl).events(`&q=${encodeURIComponent(draftName)}`);
    assert.ok(!visible.some((e) => e.name === draftName), 'a draft is not in the public list');

    // Then the opening night, published straight away.
    await page.goto(newEventUrl);
    await page.getByLabel('Category A').waitFor();
    await page.getByLabel('Event name').fill(eventName);
    await page.getByLabel('Description').fill('A first night in the new hall.\n\nDoors at seven.');
    await page.getByLabel('Starts').fill(inputDate(20, 19));
    await page.getByLabel('Ends').fill(inputDate(20, 22));
    await page.getByLabel('Category A').fill('48.50');
    await page.getByLabel('Category B').fill('29');
    await audit(page, 'event form');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/organizer$/);
    const row = page.locator('.org-event', { hasText: eventName });
    await row.locator('.badge', { hasText: 'Published' }).waitFor();

    // In the public list.
    await page.goto(`/?q=${encodeURIComponent(eventName)}`);
    await page.getByRole('link', { name: eventName, exact: true }).waitFor();
    const card = page.locator('.event-card', { hasText: eventName });
    assert.match(await card.textContent(), /€29\.00 – €48\.50/);
    assert.match(await card.textContent(), /36 seats left/);

    // A customer books a seat.
    const customer = new Api(server.baseUrl);
    const email = uniqueEmail('customer');
    await customer.signup(email, 'customer-pass-1', 'Carla Customer');
    const event = (await customer.events(`&q=${encodeURIComponent(eventName)}`)).find((e) => e.name === eventName);
    assert.ok(event, 'the API lists the new event');
    const seat = (await customer.seats(event.id)).find((x) => x.category === 'A');
    const [booking] = await customer.reserve({ event_id: event.id, seat_ids: [seat.id] });
    assert.equal(booking.status, 'confirmed');

    // Its reservations, and the CSV.
    await page.goto('/organizer');
    await page.getByRole('link', { name: `Reservations for ${eventName}` }).click();
    await page.getByRole('cell', { name: seat.label }).waitFor();
    const bookedRow = page.locator('tbody tr', { has: page.getByRole('cell', { name: seat.label }) });
    assert.match(await bookedRow.textContent(), /Carla Customer/, 'the organizer sees who booked');
    assert.ok((await bookedRow.textContent()).includes(email), 'and their email');
    await audit(page, 'event reservations');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^reservations-\d+-opening-night-[a-z0-9]+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    assert.equal(csv[0], 'reservation_id,event_id,event_name,user_id,customer_email,customer_name,seat,quantity,status,amount,currency,created_at,updated_at');
    assert.equal(csv.length, 2, 'one reservation row');
    const cells = csv[1].match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    assert.equal(cells[0], String(booking.id));
    assert.equal(cells[2], eventName);
    assert.equal(cells[4], email);
    assert.equal(cells[5], 'Carla Customer');
    assert.equal(cells[6], seat.label);
    assert.equal(cells[8], 'confirmed');
    assert.equal(cells[9], '48.50');
    assert.equal(cells[10], 'EUR');
    s.assertClean();
  } catch (err) {
    throw await s.diagnose(err);
  } finally {
    await s.close();
  }
}
