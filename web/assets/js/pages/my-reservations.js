// My tickets: orders grouped by event, each with its booking reference, upcoming and past, with
// the printable ticket of each confirmed seat and cancel. Holds that were let go or ran out are
// not tickets: they are not shown, and only held or confirmed tickets count as upcoming.
import { h, replace } from '../dom.js';
import { api, listAll, isAbort, ApiError } from '../api.js';
import { setTitle } from '../router.js';
import { dateTime, money, plural } from '../format.js';
import { spinner, errorState, emptyState, statusBadge, confirmDialog, toast, pageHeader } from '../ui.js';

const ACTIVE = new Set(['held', 'confirmed']);

/** A position worth showing: active, or a bought ticket that was cancelled later. */
function isTicket(r) {
  return ACTIVE.has(r.status) || (r.status === 'cancelled' && !!r.confirmed_at);
}

export default async function myReservations({ outlet, query, signal }) {
  setTitle('My tickets');
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Show' });
  const body = h('div', { class: 'reservation-groups' });
  outlet.append(pageHeader('My tickets', 'Your bookings, upcoming and past.'), tabs, body);

  let orders = [];
  const events = new Map();
  let view = query.get('view') === 'past' ? 'past' : 'upcoming';

  const upcoming = (o) => Date.parse(o.event_start_time) >= Date.now();
  const shownPositions = (o) => o.positions.filter(isTicket);

  function renderTabs() {
    const counts = { upcoming: 0, past: 0 };
    for (const o of orders) {
      if (upcoming(o)) counts.upcoming += o.positions.filter((r) => ACTIVE.has(r.status)).length;
      else counts.past += shownPositions(o).length;
    }
    replace(tabs, ['upcoming', 'past'].map((v) => h('a', {
      class: 'tab', href: v === 'upcoming' ? '/me/reservations' : '/me/reservations?view=past',
      'aria-current': v === view ? 'page' : null,
    }, `${v === 'upcoming' ? 'Upcoming' : 'Past'} (${counts[v]})`)));
  }

  function render() {
    renderTabs();
    const shown = orders.filter((o) => upcoming(o) === (view === 'upcoming') && shownPositions(o).length);
    if (!shown.length) {
      replace(body, emptyState(view === 'upcoming' ? 'No upcoming tickets' : 'No past tickets',
        view === 'upcoming' ? 'When you book seats they show up here.' : null,
        view === 'upcoming' ? h('a', { class: 'btn btn-primary', href: '/' }, 'Find an event') : null));
      return;
    }
    const groups = new Map();
    for (const o of shown) {
      if (!groups.has(o.event_id)) groups.set(o.event_id, []);
      groups.get(o.event_id).push(o);
    }
    const ordered = [...groups.values()].sort((a, b) => (view === 'upcoming' ? 1 : -1) * (Date.parse(a[0].event_start_time) - Date.parse(b[0].event_start_time)));
    replace(body, ordered.map(group));
  }

  function group(list) {
    const o0 = list[0];
    const ev = events.get(o0.event_id);
    const tz = ev && ev.venue ? ev.venue.timezone : undefined;
    const headingId = `res-event-${o0.event_id}`;
    return h('article', { class: 'card reservation-group', 'aria-labelledby': headingId },
      h('header', { class: 'reservation-group-head' },
        h('div', {},
          h('h2', { class: 'h3', id: headingId }, h('a', { href: `/event/${o0.event_id}` }, o0.event_name || (ev && ev.name) || `Event ${o0.event_id}`)),
          h('p', { class: 'muted' }, dateTime(o0.event_start_time, tz), ev && ev.venue ? ` · ${ev.venue.name}` : ''))),
      list.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at)).map(orderBlock));
  }

  function orderBlock(o) {
    const positions = shownPositions(o).sort((a, b) => a.id - b.id);
    const held = positions.filter((r) => r.status === 'held');
    return h('section', { class: 'order-block', 'aria-label': `Booking ${o.reference}` },
      h('div', { class: 'order-head' },
        h('p', { class: 'order-ref' }, 'Booking reference ', h('strong', { class: 'booking-ref' }, o.reference)),
        held.length ? h('a', { class: 'btn btn-primary btn-sm', href: `/checkout?r=${held.map((r) => r.id).join(',')}` }, 'Finish checkout') : null),
      h('ul', { class: 'ticket-list' }, positions.map((r) => ticket(r))));
  }

  function ticket(r) {
    const what = r.seat_label || `${plural(r.quantity || 1, 'ticket', 'tickets')} · General admission`;
    const isUpcoming = Date.parse(r.event_start_time) >= Date.now();
    const amount = (r.price_cents || 0) * (r.seat_id ? 1 : (r.quantity || 1));
    const cancel = isUpcoming && ACTIVE.has(r.status)
      ? h('button', { class: 'btn btn-ghost btn-sm btn-danger-text', type: 'button', 'aria-label': `Cancel ${what}` }, 'Cancel')
      : null;
    const ticketLink = r.status === 'confirmed'
      ? h('a', { class: 'btn btn-secondary btn-sm', href: `/tickets/${r.id}`, 'aria-label': `Ticket for ${what}` }, 'Ticket')
      : null;
    const row = h('li', { class: `ticket-row ticket-${r.status}` },
      h('span', { class: 'ticket-label' }, what),
      h('span', { class: 'ticket-price' }, money(amount, r.currency)),
      statusBadge(r.status), ticketLink, cancel);
    if (cancel) {
      cancel.addEventListener('click', async () => {
        const ok = await confirmDialog({
          title: 'Cancel this ticket?',
          message: `${what} for ${r.event_name}. The seat goes back on sale and this cannot be undone.`,
          confirmLabel: 'Cancel ticket', cancelLabel: 'Keep ticket',
        });
        if (!ok) return;
        try {
          const updated = await api.del(`/reservations/reservations/${r.id}`);
          Object.assign(r, updated || { status: 'cancelled' });
          toast(`Cancelled: ${what}.`, 'success');
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (err.code === 'already_cancelled') r.status = 'cancelled';
          toast(err.message, 'error');
        }
        render();
        document.getElementById(`res-event-${r.event_id}`)?.querySelector('a')?.focus();
      });
    }
    return row;
  }

  async function load() {
    replace(body, spinner('Loading your tickets…'));
    try {
      orders = await listAll('/reservations/orders', {}, { signal, max: 1000 });
      const ids = [...new Set(orders.map((o) => o.event_id))].slice(0, 30);
      await Promise.all(ids.map((id) => api.get(`/events/events/${id}`, { signal })
        .then((ev) => events.set(id, ev)).catch(() => {})));
      render();
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorState(err, load));
    }
  }
  await load();
  return {
    onQuery(q) {
      view = q.get('view') === 'past' ? 'past' : 'upcoming';
      render();
    },
  };
}
