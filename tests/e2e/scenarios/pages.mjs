// The remaining pages: 404, log-in errors, a 401 sending the user to log in and back, general
// admission, the admin's users list with a role change, and cancelling an event.
import assert from 'node:assert/strict';
import { openPage, audit, logIn } from '../support/browser.mjs';
import { Api, uniqueEmail } from '../support/api.mjs';

export async function otherPages({ browser, server }) {
  const s = await openPage(browser, server.baseUrl, { name: 'pages' });
  const { page } = s;
  try {
    // A path the SPA has no page for: the server says 404 and the SPA shows its not-found view.
    const notFound = page.getByRole('heading', { level: 1, name: 'We could not find that page' });
    const missing = await page.goto('/no/such/page');
    assert.equal(missing.status(), 404, 'an unknown path is a 404');
    assert.match(missing.headers()['content-type'], /^text\/html/);
    await notFound.waitFor();
    await audit(page, '404 page');
    // The server and the SPA read one route table: an event id that is not a number is a 404
    // on both sides, and a query string does not make a page unknown.
    const badId = await page.goto('/event/not-a-number');
    assert.equal(badId.status(), 404);
    await notFound.waitFor();
    // The same paths, asked of both sides: the SPA's matcher and the server's status agree.
    const verdicts = await page.evaluate(async (paths) => {
      const [{ compileRoutes, matchRoute }, table] = await Promise.all([
        import('/assets/js/route-patterns.js'), fetch('/routes.json').then((r) => r.json())]);
      const routes = compileRoutes(table);
      return Promise.all(paths.map(async (p) => {
        const res = await fetch(p, { headers: { Accept: 'text/html' } });
        return { p, spa: !!matchRoute(routes, p), server: res.status };
      }));
    }, ['/', '/events', '/event/12', '/event/%31%32', '/%6Cogin', '/event/0', '/event/007', '/event/abc',
      '/event/', '/login/', '/event%2F1', '/event/%zz', '/organizer/events/7/edit', '/organizer/events/7',
      '/event/123456789012345678', '/event/1234567890123456789', '/admin/users', '/admin']);
    for (const { p, spa, server } of verdicts) assert.equal(server, spa ? 200 : 404, `${p}: the SPA says ${spa ? 'page' : 'no page'}`);
    const search = await page.goto('/events?q=jazz');
    assert.equal(search.status(), 200);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'jazz');

    await page.goto('/login');
    await page.getByLabel('Email').fill('nobody@e2e.proeventa.test');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await audit(page, 'log-in error');

    // A protected page while signed out → log in → back to it.
    const email = uniqueEmail('admin');
    const password = 'admin-secret-pass';
    await new Api(server.baseUrl).signup(email, password, 'Ada Admin');
    server.sql(`UPDATE users SET role='admin' WHERE email='${email}'`);
    await page.goto('/me/reservations');
    await page.waitForURL(/\/login\?next=%2Fme%2Freservations/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/me\/reservations$/);
    await page.getByText('No upcoming tickets').waitFor();
    await audit(page, 'my tickets, empty');

    // An expired or revoked session: the next API call answers 401 and the user logs in again.
    await page.evaluate(() => localStorage.setItem('proeventa.token', 'not-a-valid-token'));
    await page.goto('/me/reservations?view=past');
    await page.waitForURL(/\/login\?next=/);
    assert.match(decodeURIComponent(page.url()), /next=\/me\/reservations\?view=past/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/me\/reservations\?view=past$/);

    // Admin: users and a role change.
    const target = uniqueEmail('customer-role');
    await new Api(server.baseUrl).signup(target, 'target-pass-1', 'Tom Target');
    await page.goto(`/admin/users?q=${encodeURIComponent(target)}`);
    const select = page.getByLabel(`Role of ${target}`);
    await select.waitFor();
    await audit(page, 'admin users');
    await select.selectOption('organizer');
    await page.getByText(`${target} is now organizer.`).waitFor();

    // General admission: quantity picker.
    const ga = (await new Api(server.baseUrl).events('&available=true')).find((e) => e.venue && e.venue.kind === 'general_admission');
    if (ga) {
      await page.goto(`/event/${ga.id}`);
      await page.getByLabel('Number of tickets').waitFor();
      await page.getByRole('button', { name: 'One ticket more' }).click();
      await page.getByRole('button', { name: 'Hold 2 tickets' }).waitFor();
      await audit(page, 'general admission event');
    }

    // Cancelling an event names how many reservations go with it.
    const organizer = new Api(server.baseUrl);
    await organizer.login('organizer@demo.proeventa.test', 'demo-organizer-pass');
    const mine = (await organizer.events(`&organizer_id=${organizer.user.id}&status=published`))
      .find((e) => e.venue && e.venue.kind === 'seated' && Date.parse(e.start_time) > Date.now());
    const buyer = new Api(server.baseUrl);
    await buyer.signup(uniqueEmail('buyer'), 'buyer-pass-12', 'Bea Buyer');
    const seats = (await buyer.seats(mine.id)).filter((x) => x.state === 'available').slice(0, 2);
    await buyer.reserve({ event_id: mine.id, seat_ids: seats.map((x) => x.id) });
    let active = 0;
    for (const status of ['held', 'confirmed']) {
      active += (await organizer.call('GET', `/reservations/reservations/event/${mine.id}?status=${status}&limit=1`)).total;
    }
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, 'organizer@demo.proeventa.test', 'demo-organizer-pass');
    await page.goto('/organizer?status=published');
    await page.getByRole('button', { name: `Cancel event ${mine.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`This cancels ${active} reservations`).waitFor();
    await audit(page, 'cancel event dialog');
    await dialog.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByText(`${active} reservations were cancelled`).waitFor();
    s.assertClean();
  } catch (err) {
    throw await s.diagnose(err);
  } finally {
    await s.close();
  }
}
