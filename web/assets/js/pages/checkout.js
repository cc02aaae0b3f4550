// Checkout: the held seats or places with a countdown to hold_expires_at, Confirm (one confirm
// per reservation) or Release. When the hold runs out the seats go back and the user is told.
import { h, replace } from '../dom.js';
import { api, ApiError, isAbort, serverNow } from '../api.js';
import { navigate, setTitle } from '../router.js';
import { dateTime, money, countdown, plural } from '../format.js';
import { spinner, errorState, alertBox, showAlert, busy, toast, emptyState, statusBadge } from '../ui.js';
import { stashedCheckout } from '../reserve.js';

export default async function checkout({ outlet, query, signal, onCleanup }) {
  setTitle('Checkout');
  const ids = (query.get('r') || '').split(',').map((x) => Number(x)).filter((x) => Number.isInteger(x) && x > 0);
  if (!ids.length) {
    outlet.append(h('h1', {}, 'Checkout'), emptyState('Nothing to check out', 'Pick seats on an event page first.', h('a', { class: 'btn btn-primary', href: '/' }, 'Browse events')));
    return;
  }
  outlet.append(spinner('Loading your booking…'));
  let reservations;
  let event = null;
  try {
    // Fresh from the API (a reload after confirming must not offer to confirm again); the copy
    // handed over by the event page only stands in when that fails.
    try {
      reservations = await Promise.all(ids.map((id) => api.get(`/reservations/reservations/${id}`, { signal })));
    } catch (err) {
      reservations = !isAbort(err) && err instanceof ApiError && err.status !== 401 ? stashedCheckout(ids) : null;
      if (!reservations) throw err;
    }
    event = await api.get(`/events/events/${reservations[0].event_id}`, { signal }).catch((err) => {
      if (isAbort(err)) throw err;
      return null;
    });
  } catch (err) {
    if (isAbort(err)) return;
    replace(outlet, h('h1', {}, 'Checkout'), errorState(err, () => navigate(window.location.pathname + window.location.search, { replace: true })));
    return;
  }

  const first = reservations[0];
  const tz = event && event.venue ? event.venue.timezone : undefined;
  const currency = first.currency || (event && event.currency) || 'EUR';
  const eventHref = `/event/${first.event_id}`;
  const total = reservations.reduce((sum, r) => sum + (r.price_cents || 0) * (r.seat_id ? 1 : (r.quantity || 1)), 0);
  const expiresAt = Math.min(...reservations.filter((r) => r.hold_expires_at).map((r) => Date.parse(r.hold_expires_at)));

  const alert = alertBox();
  const timerText = h('strong', { class: 'countdown-time' });
  const timerBar = h('progress', { class: 'countdown-bar', max: 100, value: 100, 'aria-hidden': 'true' });
  const timerBox = h('div', { class: 'countdown', role: 'timer', 'aria-live': 'off' },
    h('span', {}, 'Your seats are held for '), timerText, timerBar);
  const srAnnounce = h('p', { class: 'visually-hidden', 'aria-live': 'assertive' });
  const confirmBtn = h('button', { class: 'btn btn-primary btn-lg', type: 'button' }, `Confirm and book · ${money(total, currency)}`);
  const releaseBtn = h('button', { class: 'btn btn-ghost', type: 'button' }, 'Release seats');
  const actions = h('div', { class: 'checkout-actions' }, confirmBtn, releaseBtn);

  const items = h('ul', { class: 'ticket-list' }, reservations.map((r) => h('li', { class: 'ticket-row' },
    h('span', { class: 'ticket-label' }, r.seat_label || `${plural(r.quantity || 1, 'ticket', 'tickets')} · General admission`),
    h('span', { class: 'ticket-price' }, money((r.price_cents || 0) * (r.seat_id ? 1 : (r.quantity || 1)), currency)),
    r.status !== 'held' ? statusBadge(r.status) : null)));

  const panel = h('section', { class: 'checkout card', 'aria-labelledby': 'checkout-event' },
    h('h2', { id: 'checkout-event' }, first.event_name || (event && event.name) || 'Your event'),
    h('p', { class: 'checkout-when' }, dateTime(first.event_start_time || (event && event.start_time), tz),
      event && event.venue ? ` · ${event.venue.name}` : ''),
    items,
    h('p', { class: 'total' }, h('span', {}, 'Total'), h('strong', {}, money(total, currency))),
    timerBox, alert, actions, srAnnounce);
  replace(outlet, h('div', { class: 'page-header' }, h('div', {}, h('h1', {}, 'Checkout'),
    h('p', { class: 'page-subtitle' }, 'Check your seats and confirm your booking before the hold runs out.'))), panel);

  const allConfirmed = reservations.every((r) => r.status === 'confirmed');
  const anyHeld = reservations.some((r) => r.status === 'held');
  if (allConfirmed) return done();
  if (!anyHeld) return expired('This hold is no longer active. The seats went back on sale.');

  let finished = false;
  const totalMs = Math.max(1, expiresAt - serverNow());
  let warned = false;
  function tick() {
    if (finished) return;
    const left = expiresAt - serverNow();
    timerText.textContent = countdown(left);
    timerBar.value = Math.max(0, Math.min(100, (left / totalMs) * 100));
    timerBox.classList.toggle('countdown-urgent', left < 60000);
    if (!warned && left < 60000 && left > 0) {
      warned = true;
      srAnnounce.textContent = 'Less than one minute left to confirm your booking.';
    }
    if (left <= 0) expireNow();
  }
  const timer = Number.isFinite(expiresAt) ? setInterval(tick, 250) : null;
  onCleanup(() => timer && clearInterval(timer));
  if (timer) tick();
  else timerBox.hidden = true;

  function stop() {
    finished = true;
    if (timer) clearInterval(timer);
  }

  async function expireNow() {
    stop();
    // Give the seats back at once (the server also expires holds on its own).
    await Promise.allSettled(reservations.filter((r) => r.status === 'held')
      .map((r) => api.del(`/reservations/reservations/${r.id}`)));
    expired('Your hold has expired and the seats went back on sale. If they are still free, you can pick them again.');
  }

  function expired(message) {
    stop();
    timerBox.hidden = true;
    actions.replaceChildren(h('a', { class: 'btn btn-primary', href: eventHref }, 'Pick seats again'));
    showAlert(alert, message, 'warning');
    srAnnounce.textContent = message;
  }

  function done() {
    stop();
    timerBox.hidden = true;
    for (const b of items.querySelectorAll('.ticket-row')) if (!b.querySelector('.badge')) b.append(statusBadge('confirmed'));
    const reference = reservations.find((r) => r.order_reference)?.order_reference;
    const confirmed = reservations.filter((r) => r.status === 'confirmed');
    actions.replaceChildren(
      h('a', { class: 'btn btn-primary', href: '/me/reservations' }, 'See my tickets'),
      confirmed.length ? h('a', { class: 'btn btn-secondary', href: `/tickets/${confirmed[0].id}` },
        confirmed.length > 1 ? 'Open the first ticket' : 'Open the ticket') : null,
      h('a', { class: 'btn btn-ghost', href: '/' }, 'Browse more events'));
    showAlert(alert, 'You are going! Your booking is confirmed.', 'success');
    if (reference) {
      // The reference is what people quote on the phone or at the box office: big and plain.
      panel.insertBefore(h('div', { class: 'order-confirmation' },
        h('p', {}, 'Booking reference'),
        h('p', { class: 'booking-ref booking-ref-large' }, reference),
        h('p', { class: 'muted' }, 'A confirmation with your tickets is on its way by email.')), alert);
    }
    panel.classList.add('checkout-done');
  }

  confirmBtn.addEventListener('click', async () => {
    showAlert(alert, '');
    try {
      await busy(confirmBtn, 'Confirming…', async () => {
        for (const r of reservations) {
          if (r.status !== 'held') continue;
          const updated = await api.post(`/reservations/reservations/${r.id}/confirm`, {});
          Object.assign(r, updated);
        }
      });
      toast('Booking confirmed. Enjoy the show!', 'success');
      done();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'hold_expired') return expired('Your hold expired before the booking was confirmed. The seats went back on sale.');
      showAlert(alert, err.message, 'error');
    }
  });

  releaseBtn.addEventListener('click', async () => {
    await busy(releaseBtn, 'Releasing…', () => Promise.allSettled(reservations.filter((r) => r.status === 'held')
      .map((r) => api.del(`/reservations/reservations/${r.id}`))));
    stop();
    toast('Your seats were released.', 'info');
    navigate(eventHref, { replace: true });
  });
}
