// Organizer: the reservations of one event, filtered by status, paged, with a CSV download of
// all of them (built from the JSON in the browser).
import { h, replace } from '../dom.js';
import { api, listAll, isAbort, ApiError } from '../api.js';
import { setTitle, setQuery } from '../router.js';
import { dateTime, money, shortDate } from '../format.js';
import { spinner, errorState, emptyState, statusBadge, pageHeader, pager, busy, toast } from '../ui.js';
import { toCsv, download } from '../csv.js';

const LIMIT = 50;
const STATUSES = [['', 'All'], ['confirmed', 'Confirmed'], ['held', 'Held'], ['cancelled', 'Cancelled'], ['expired', 'Expired']];

const amount = (r) => (r.price_cents || 0) * (r.seat_id ? 1 : (r.quantity || 1));

const COLUMNS = [
  { title: 'reservation_id', value: (r) => r.id },
  { title: 'event_id', value: (r) => r.event_id },
  { title: 'event_name', value: (r) => r.event_name },
  { title: 'user_id', value: (r) => r.user_id },
  { title: 'customer_email', value: (r) => (r.customer ? r.customer.email : '') },
  { title: 'customer_name', value: (r) => (r.customer ? r.customer.full_name : '') },
  { title: 'seat', value: (r) => r.seat_label || '' },
  { title: 'quantity', value: (r) => (r.seat_id ? 1 : r.quantity) },
  { title: 'status', value: (r) => r.status },
  { title: 'amount', value: (r) => (amount(r) / 100).toFixed(2) },
  { title: 'currency', value: (r) => r.currency },
  { title: 'created_at', value: (r) => r.created_at },
  { title: 'updated_at', value: (r) => r.updated_at },
];

// The account may have been deleted since it reserved; its id is all that is left then.
function customerCell(r) {
  if (!r.customer) return `Account ${r.user_id} (deleted)`;
  const { full_name: name, email } = r.customer;
  return h('span', { class: 'customer' },
    h('span', { class: 'customer-name' }, name || email),
    name ? h('span', { class: 'customer-email' }, email) : null);
}

export default async function eventReservations({ outlet, params, query, signal }) {
  setTitle('Reservations');
  outlet.append(spinner());
  let event;
  try {
    event = await api.get(`/events/events/${encodeURIComponent(params.id)}`, { signal });
  } catch (err) {
    if (isAbort(err)) return;
    replace(outlet, h('h1', {}, 'Reservations'), errorState(err));
    return;
  }
  const tz = event.venue && event.venue.timezone;
  setTitle(`Reservations · ${event.name}`);
  const csvBtn = h('button', { class: 'btn btn-primary', type: 'button' }, 'Download CSV');
  const statusSelect = h('select', { id: 'res-status' }, STATUSES.map(([v, l]) => h('option', { value: v }, l)));
  const summary = h('p', { class: 'results-status', role: 'status' });
  const body = h('div', {});
  replace(outlet,
    pageHeader(`Reservations: ${event.name}`, `${shortDate(event.start_time, tz)}${event.venue ? ` · ${event.venue.name}` : ''}`, [
      h('a', { class: 'btn btn-ghost', href: '/organizer' }, 'Back to my events'), csvBtn]),
    h('div', { class: 'toolbar' }, h('div', { class: 'field field-inline' }, h('label', { for: 'res-status' }, 'Status'), statusSelect), summary),
    body);

  let status = query.get('status') || '';
  let offset = Number(query.get('offset')) || 0;
  statusSelect.addEventListener('change', () => setQuery({ status: statusSelect.value }));

  async function load() {
    statusSelect.value = status;
    replace(body, spinner('Loading reservations…'));
    try {
      const page = await api.list(`/reservations/reservations/event/${event.id}`, { signal, query: { status, limit: LIMIT, offset } });
      summary.textContent = `${page.total} ${page.total === 1 ? 'reservation' : 'reservations'}`;
      if (!page.items.length) {
        replace(body, emptyState('No reservations yet', status ? 'None with this status.' : 'Bookings show up here as soon as people reserve.'));
        return;
      }
      const table = h('table', { class: 'table' },
        h('caption', { class: 'visually-hidden' }, `Reservations for ${event.name}`),
        h('thead', {}, h('tr', {}, ['#', 'Seat / tickets', 'Customer', 'Status', 'Amount', 'Booked'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, page.items.map((r) => h('tr', {},
          h('td', { 'data-label': '#' }, String(r.id)),
          h('td', { 'data-label': 'Seat' }, r.seat_label || `${r.quantity} × general admission`),
          h('td', { 'data-label': 'Customer' }, customerCell(r)),
          h('td', { 'data-label': 'Status' }, statusBadge(r.status)),
          h('td', { 'data-label': 'Amount' }, money(amount(r), r.currency)),
          h('td', { 'data-label': 'Booked' }, dateTime(r.created_at, tz, { dateStyle: 'medium', timeStyle: 'short' }))))));
      replace(body, h('div', { class: 'table-wrap' }, table),
        pager({ offset, limit: LIMIT, total: page.total, onPage: (o) => setQuery({ status, offset: o || '' }) }));
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorState(err, load));
    }
  }

  csvBtn.addEventListener('click', async () => {
    try {
      const rows = await busy(csvBtn, 'Preparing…', () => listAll(`/reservations/reservations/event/${event.id}`, { status }, { signal }));
      const slug = event.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'event';
      download(`reservations-${event.id}-${slug}.csv`, toCsv(COLUMNS, rows));
      toast(`Downloaded ${rows.length} ${rows.length === 1 ? 'reservation' : 'reservations'}.`, 'success');
    } catch (err) {
      if (isAbort(err)) return;
      if (!(err instanceof ApiError)) throw err;
      toast(err.message, 'error');
    }
  });

  await load();
  return {
    onQuery(q) {
      status = q.get('status') || '';
      offset = Number(q.get('offset')) || 0;
      load();
    },
  };
}
