// One event: description, venue, and either the live seat map (seated) or a quantity picker
// (general admission), with a running total and "Hold" leading to checkout.
import { h, replace } from '../dom.js';
import { api, ApiError, isAbort } from '../api.js';
import { isSignedIn } from '../auth.js';
import { navigate, setTitle, loginUrl } from '../router.js';
import { dateTime, money, plural } from '../format.js';
import { spinner, errorState, alertBox, showAlert, busy, toast, statusBadge } from '../ui.js';
import { createSeatMap, categoryColors } from '../components/seat-map.js';
import { createSeatList } from '../components/seat-list.js';
import { availability } from '../components/event-card.js';
import { hold, savePending, takePending } from '../reserve.js';
import { watchSeats } from '../live-seats.js';

const MAX = 10;
// Seat states arrive live (live-seats.js); a full reload only keeps prices current, and an
// unchanged map costs a 304.
const PRICE_REFRESH_MS = 60000;

function onSaleProblem(event) {
  const now = Date.now();
  if (event.status === 'cancelled') return 'This event has been cancelled.';
  if (event.status === 'draft') return 'This event is a draft and not on sale yet.';
  if (new Date(event.start_time).getTime() < now) return 'This event has already taken place.';
  if (event.sales_start && new Date(event.sales_start).getTime() > now) {
    return `Sales open on ${dateTime(event.sales_start, event.venue && event.venue.timezone)}.`;
  }
  if (event.sales_end && new Date(event.sales_end).getTime() < now) return 'Sales for this event have closed.';
  return null;
}

function paragraphs(text) {
  return String(text || '').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean).map((p) => h('p', {}, p));
}

export default async function eventDetail(ctx) {
  const { outlet, params, signal } = ctx;
  outlet.append(spinner('Loading event…'));
  let event;
  try {
    event = await api.get(`/events/events/${encodeURIComponent(params.id)}`, { signal });
  } catch (err) {
    if (isAbort(err)) return;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      const mod = await import('./not-found.js');
      outlet.replaceChildren();
      return mod.default(ctx);
    }
    replace(outlet, h('h1', {}, 'Event'), errorState(err, () => navigate(window.location.pathname, { replace: true })));
    return;
  }
  setTitle(event.name);
  const tz = event.venue && event.venue.timezone;
  const seated = event.venue ? event.venue.kind === 'seated' : event.seats_available !== null && event.seats_available !== undefined;
  const problem = onSaleProblem(event);
  const avail = availability(event);

  const header = h('header', { class: 'event-hero' },
    h('p', { class: 'eyebrow' }, h('time', { datetime: event.start_time }, dateTime(event.start_time, tz))),
    h('h1', {}, event.name),
    h('p', { class: 'event-hero-meta' },
      h('span', {}, event.venue ? event.venue.name : ''),
      event.status !== 'published' ? statusBadge(event.status) : null,
      avail ? h('span', { class: `badge badge-${avail.kind}` }, avail.text) : null));

  const about = h('section', { class: 'event-about card', 'aria-labelledby': 'about-title' },
    h('h2', { id: 'about-title' }, 'About this event'),
    ...paragraphs(event.description),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Starts'), h('dd', {}, dateTime(event.start_time, tz))),
      h('div', {}, h('dt', {}, 'Ends'), h('dd', {}, dateTime(event.end_time, tz))),
      h('div', {}, h('dt', {}, 'Venue'), h('dd', {}, event.venue ? event.venue.name : '—')),
      event.venue && event.venue.timezone ? h('div', {}, h('dt', {}, 'Local time zone'), h('dd', {}, event.venue.timezone)) : null));

  // The page appears in one piece once the seat map is ready: nothing jumps around afterwards.
  const booking = h('section', { class: 'booking', 'aria-labelledby': 'booking-title' });
  if (problem) booking.append(h('h2', { id: 'booking-title' }, 'Tickets'), h('div', { class: 'alert alert-info', role: 'status' }, problem));
  else if (seated) await seatedBooking(ctx, event, booking);
  else gaBooking(ctx, event, booking);
  if (!ctx.isCurrent()) return;
  replace(outlet, header, h('div', { class: 'event-layout' }, booking, about));
}

async function seatedBooking({ signal, onCleanup }, event, booking) {
  booking.append(h('h2', { id: 'booking-title' }, 'Choose your seats'), spinner('Loading the seat map…'));
  let seatData;
  let venue = null;
  try {
    [seatData, venue] = await Promise.all([
      api.get(`/events/events/${event.id}/seats`, { signal }),
      api.get(`/events/venues/${event.venue_id}`, { signal }).catch((err) => {
        if (isAbort(err)) throw err;
        return null;
      }),
    ]);
  } catch (err) {
    if (isAbort(err)) return;
    replace(booking, h('h2', { id: 'booking-title' }, 'Choose your seats'), errorState(err));
    return;
  }
  const seats = (seatData && seatData.seats) || [];
  const currency = event.currency;
  const priceOf = new Map((event.prices || []).map((p) => [p.category, p.price_cents]));
  const categories = (venue && venue.categories) || [];
  const colors = categoryColors(categories, seats);

  const alert = alertBox();
  // Next to the map, where the visitor is looking (on a phone the summary is far below); the
  // summary's alert is the one read out, so this copy is not a live region of its own.
  const mapNotice = h('p', { class: 'alert alert-warning seat-map-notice', hidden: true });
  const summaryList = h('ul', { class: 'selection-list' });
  const totalEl = h('p', { class: 'total' });
  const holdBtn = h('button', { class: 'btn btn-primary btn-block btn-lg', type: 'button' }, 'Hold seats');
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const states = new Map(seats.map((seat) => [seat.id, seat]));
  // On narrow screens the summary sits below the map: a bar at the bottom keeps the total in view.
  const barText = h('span', { class: 'mobile-bar-text' });
  const bar = h('div', { class: 'mobile-bar', hidden: true }, barText,
    h('button', {
      class: 'btn btn-primary btn-sm', type: 'button',
      onClick: () => {
        summaryList.closest('.summary').scrollIntoView({ behavior: 'smooth', block: 'center' });
        holdBtn.focus({ preventScroll: true });
      },
    }, 'Review selection'));
  onCleanup(() => bar.remove());

  const list = createSeatList({
    seats, currency,
    onToggle: (id) => map.toggle(id),
  });
  const map = createSeatMap({
    seats, categories, currency, max: MAX,
    onChange: (sel) => renderSummary(sel),
    onLimit: (max) => showAlert(alert, `You can pick up to ${max} seats in one booking.`, 'warning'),
    onLost: (lost) => {
      const names = lost.map((seat) => seat.label).join(', ');
      const text = `${lost.length === 1 ? 'A seat you picked was' : 'Seats you picked were'} just taken by someone else and `
        + `${lost.length === 1 ? 'is' : 'are'} no longer in your selection: ${names}. Please choose another.`;
      showAlert(alert, text, 'warning');
      showAlert(mapNotice, text);
    },
  });

  function renderSummary(sel) {
    const ids = new Set(sel.map((seat) => seat.id));
    list.sync(states, ids);
    if (!sel.length) {
      replace(summaryList, h('li', { class: 'selection-empty' }, 'No seats selected yet. Pick up to 10 on the map.'));
    } else {
      replace(summaryList, sel.map((seat) => h('li', { class: 'selection-item' },
        h('span', { class: 'swatch', dataset: { color: colors.get(seat.category) || '' } }),
        h('span', { class: 'selection-label' }, seat.label),
        h('span', { class: 'selection-price' }, money(seat.price_cents ?? priceOf.get(seat.category), currency)),
        h('button', {
          class: 'btn btn-ghost btn-icon btn-sm', type: 'button', 'aria-label': `Remove ${seat.label}`,
          onClick: () => map.deselect(seat.id),
        }, '×'))));
      paintSwatches(summaryList);
    }
    const total = sel.reduce((sum, seat) => sum + (seat.price_cents ?? priceOf.get(seat.category) ?? 0), 0);
    replace(totalEl, h('span', {}, sel.length ? `Total for ${plural(sel.length, 'seat', 'seats')}` : 'Total'), h('strong', {}, money(total, currency)));
    barText.textContent = sel.length ? `${plural(sel.length, 'seat', 'seats')} · ${money(total, currency)}` : '';
    bar.hidden = !sel.length;
    holdBtn.disabled = !sel.length;
    holdBtn.textContent = sel.length ? `Hold ${plural(sel.length, 'seat', 'seats')}` : 'Hold seats';
    announcer.textContent = sel.length ? `${plural(sel.length, 'seat', 'seats')} selected, total ${money(total, currency)}` : '';
  }

  // Seat states reach the page in one shape, [seat id, state] changes or a snapshot (seats it
  // does not name are available), which is also what live-seats.js delivers: the poll below can
  // give way to the live stream without touching the map. Only changed seats are repainted.
  function applyStates(changes, { snapshot = false } = {}) {
    const given = changes instanceof Map ? changes : new Map(changes);
    let changed = false;
    for (const [id, seat] of states) {
      const state = given.get(id) ?? (snapshot ? 'available' : seat.state);
      if (state === seat.state) continue;
      states.set(id, { ...seat, state });
      changed = true;
    }
    if (!changed) return;
    map.applyStates(given, { snapshot });
    list.sync(states, new Set(map.selected().map((seat) => seat.id)));
  }

  async function refresh() {
    if (document.hidden) return;
    try {
      const fresh = (await api.get(`/events/events/${event.id}/seats`, { signal })).seats || [];
      const repriced = fresh.filter((f) => states.has(f.id) && f.price_cents !== undefined && states.get(f.id).price_cents !== f.price_cents);
      for (const f of repriced) states.set(f.id, { ...states.get(f.id), price_cents: f.price_cents });
      if (repriced.length) map.update(repriced.map((f) => ({ id: f.id, price_cents: f.price_cents })));
      applyStates(fresh.map((f) => [f.id, f.state]));
      if (repriced.length) list.sync(states, new Set(map.selected().map((seat) => seat.id)));
    } catch (err) {
      if (!isAbort(err)) console.warn('seat refresh failed', err);
    }
  }
  const stopWatching = watchSeats(event.id, {
    onStates: applyStates,
    onMode: (mode) => { map.element.dataset.live = mode; },
  });
  onCleanup(stopWatching);
  const timer = setInterval(refresh, PRICE_REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  holdBtn.addEventListener('click', async () => {
    const sel = map.selected();
    if (!sel.length) return;
    showAlert(alert, '');
    if (!isSignedIn()) {
      savePending(event.id, sel.map((seat) => seat.id));
      toast('Log in or sign up to hold your seats. Your selection is kept.', 'info');
      navigate(loginUrl(`/event/${event.id}`));
      return;
    }
    try {
      const reservations = await busy(holdBtn, 'Holding your seats…', () => hold({ event_id: event.id, seat_ids: sel.map((seat) => seat.id) }));
      navigate(`/checkout?r=${reservations.map((r) => r.id).join(',')}`);
    } catch (err) {
      if (isAbort(err)) return;
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'seat_taken') {
        const taken = new Set(((err.details && err.details.seat_ids) || []).map(Number));
        const names = sel.filter((seat) => taken.has(seat.id)).map((seat) => seat.label);
        showAlert(alert, `Sorry, ${names.length ? names.join(', ') : 'one of your seats'} ${names.length > 1 ? 'were' : 'was'} just taken by someone else. The map is updated; please choose another seat.`, 'error');
        // Mark them taken right away, then bring the whole map up to date.
        applyStates([...taken].filter((id) => states.has(id)).map((id) => [id, 'reserved']));
        await refresh();
      } else {
        showAlert(alert, err.message, 'error');
      }
    }
  });

  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    [...colors].map(([name, color]) => h('li', {},
      h('span', { class: 'swatch', dataset: { color } }),
      `${name}${priceOf.has(name) ? ` · ${money(priceOf.get(name), currency)}` : ''}`)),
    h('li', {}, h('span', { class: 'swatch swatch-selected' }), 'Your selection'),
    h('li', {}, h('span', { class: 'swatch swatch-taken' }), 'Taken'));
  paintSwatches(legend);

  const summary = h('aside', { class: 'summary card', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title', class: 'h3' }, 'Your selection'),
    summaryList, totalEl, alert, holdBtn,
    h('p', { class: 'fine-print' }, 'Seats are held for you for a few minutes while you check out.'),
    announcer);

  replace(booking,
    h('h2', { id: 'booking-title' }, 'Choose your seats'),
    h('div', { class: 'booking-grid' },
      h('div', { class: 'map-panel card' }, legend, mapNotice, map.element, list.element),
      summary));
  booking.append(bar);
  renderSummary([]);

  const pending = takePending(event.id);
  if (pending && Array.isArray(pending)) map.setSelected(pending);
}

function paintSwatches(root) {
  // Category colours come from the venue: applied through CSSOM (the CSP forbids style attributes).
  for (const el of root.querySelectorAll('.swatch[data-color]')) {
    if (/^#[0-9a-f]{3,8}$/i.test(el.dataset.color)) el.style.backgroundColor = el.dataset.color;
  }
}

function gaBooking({ signal, onCleanup }, event, booking) {
  const price = (event.prices && event.prices[0] && event.prices[0].price_cents) || 0;
  let left = event.places_available ?? 0;
  const alert = alertBox();
  const qty = h('input', { type: 'number', id: 'ga-qty', name: 'quantity', min: 1, max: Math.max(1, Math.min(MAX, left)), value: left > 0 ? 1 : 0, inputmode: 'numeric' });
  const minus = h('button', { class: 'btn btn-secondary btn-icon', type: 'button', 'aria-label': 'One ticket fewer' }, '−');
  const plus = h('button', { class: 'btn btn-secondary btn-icon', type: 'button', 'aria-label': 'One ticket more' }, '+');
  const leftEl = h('p', { class: 'places-left' });
  const totalEl = h('p', { class: 'total' });
  const holdBtn = h('button', { class: 'btn btn-primary btn-block btn-lg', type: 'button' }, 'Hold tickets');

  const clamp = (n) => Math.max(1, Math.min(MAX, left, Number.isFinite(n) ? Math.round(n) : 1));
  function render() {
    const n = left > 0 ? clamp(Number(qty.value)) : 0;
    if (String(n) !== qty.value && document.activeElement !== qty) qty.value = String(n);
    qty.max = String(Math.max(1, Math.min(MAX, left)));
    minus.disabled = n <= 1;
    plus.disabled = n >= Math.min(MAX, left);
    leftEl.textContent = left > 0 ? `${plural(left, 'place', 'places')} left` : 'Sold out';
    replace(totalEl, h('span', {}, `${n} × ${money(price, event.currency)}`), h('strong', {}, money(n * price, event.currency)));
    holdBtn.disabled = left <= 0;
    holdBtn.textContent = left > 0 ? `Hold ${plural(n, 'ticket', 'tickets')}` : 'Sold out';
  }
  minus.addEventListener('click', () => { qty.value = String(clamp(Number(qty.value) - 1)); render(); });
  plus.addEventListener('click', () => { qty.value = String(clamp(Number(qty.value) + 1)); render(); });
  qty.addEventListener('input', render);
  qty.addEventListener('change', () => { qty.value = String(clamp(Number(qty.value))); render(); });

  holdBtn.addEventListener('click', async () => {
    const n = clamp(Number(qty.value));
    showAlert(alert, '');
    if (!isSignedIn()) {
      savePending(event.id, n);
      toast('Log in or sign up to hold your tickets.', 'info');
      navigate(loginUrl(`/event/${event.id}`));
      return;
    }
    try {
      const reservations = await busy(holdBtn, 'Holding your tickets…', () => hold({ event_id: event.id, quantity: n }));
      navigate(`/checkout?r=${reservations.map((r) => r.id).join(',')}`);
    } catch (err) {
      if (isAbort(err)) return;
      if (!(err instanceof ApiError)) throw err;
      const msg = err.code === 'sold_out' ? 'Sorry, there are not enough places left for that many tickets.' : err.message;
      showAlert(alert, msg, 'error');
      await refresh();
    }
  });

  async function refresh() {
    if (document.hidden) return;
    try {
      const fresh = await api.get(`/events/events/${event.id}`, { signal });
      left = fresh.places_available ?? left;
      render();
    } catch (err) {
      if (!isAbort(err)) console.warn('refresh failed', err);
    }
  }
  const stopWatching = watchSeats(event.id, {
    onPlaces: (places) => {
      left = places;
      render();
    },
  });
  onCleanup(stopWatching);
  const timer = setInterval(refresh, PRICE_REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  const pending = takePending(event.id);
  if (Number.isInteger(pending)) qty.value = String(pending);

  booking.append(
    h('h2', { id: 'booking-title' }, 'Tickets'),
    h('div', { class: 'summary card ga-card' },
      h('p', { class: 'ga-kind' }, 'General admission · ', money(price, event.currency), ' per ticket'),
      leftEl,
      h('div', { class: 'qty' },
        h('label', { for: 'ga-qty' }, 'Number of tickets'),
        h('div', { class: 'qty-controls' }, minus, qty, plus)),
      totalEl, alert, holdBtn,
      h('p', { class: 'fine-print' }, 'Tickets are held for you for a few minutes while you check out.')));
  render();
}
