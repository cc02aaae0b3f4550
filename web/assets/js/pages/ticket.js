// A printable ticket: event, date, venue and address, seat, booking reference, holder and the QR
// code the server signs and draws (ticket.svg). The print stylesheet (tickets.css) prints only
// the ticket.
import { h, replace } from '../dom.js';
import { api, isAbort } from '../api.js';
import { setTitle } from '../router.js';
import { dateTime, plural } from '../format.js';
import { spinner, errorState } from '../ui.js';

export default async function ticketPage({ outlet, params, signal }) {
  setTitle('Ticket');
  const id = Number(params.id);
  outlet.append(spinner('Loading your ticket…'));
  let ticket;
  let svg;
  let event = null;
  try {
    [ticket, svg] = await Promise.all([
      api.get(`/reservations/reservations/${id}/ticket`, { signal }),
      api.text(`/reservations/reservations/${id}/ticket.svg`, { signal }),
    ]);
    event = await api.get(`/events/events/${ticket.event_id}`, { signal }).catch((err) => {
      if (isAbort(err)) throw err;
      return null;
    });
  } catch (err) {
    if (isAbort(err)) return;
    replace(outlet, h('h1', {}, 'Ticket'), errorState(err));
    return;
  }
  setTitle(`Ticket · ${ticket.event_name}`);
  const venue = event && event.venue;
  const tz = venue ? venue.timezone : undefined;
  const place = ticket.seat_label || `${plural(ticket.quantity || 1, 'place', 'places')} · General admission`;

  // The SVG comes from our own server and holds only rectangles; parsed, not injected as HTML.
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const qr = document.importNode(doc.documentElement, true);
  qr.setAttribute('class', 'ticket-qr-svg');
  qr.setAttribute('width', '240');
  qr.setAttribute('height', '240');

  const row = (label, value, cls) => h('div', { class: `ticket-field ${cls || ''}` }, h('dt', {}, label), h('dd', {}, value));
  const printBtn = h('button', { class: 'btn btn-primary', type: 'button', onClick: () => window.print() }, 'Print ticket');

  replace(outlet,
    h('div', { class: 'page-header no-print' },
      h('div', {}, h('h1', {}, 'Your ticket'), h('p', { class: 'page-subtitle' }, 'Show the QR code at the door, on your phone or printed.')),
      h('div', { class: 'page-actions' }, printBtn, h('a', { class: 'btn btn-ghost', href: '/me/reservations' }, 'All my tickets'))),
    h('article', { class: 'ticket-sheet card', 'aria-labelledby': 'ticket-event' },
      h('header', { class: 'ticket-sheet-head' },
        h('p', { class: 'ticket-brand' }, 'ProEventa ticket'),
        h('h2', { id: 'ticket-event' }, ticket.event_name)),
      h('div', { class: 'ticket-sheet-body' },
        h('dl', { class: 'ticket-fields' },
          row('When', dateTime(ticket.event_start_time, tz)),
          row('Venue', venue ? venue.name : '—'),
          row('Address', venue && venue.address ? venue.address : '—'),
          row('Seat', place, 'ticket-seat'),
          ticket.category ? row('Category', ticket.category) : null,
          row('Booking reference', h('strong', { class: 'booking-ref' }, ticket.order_reference || '—')),
          row('Name', ticket.holder_name || '—')),
        h('figure', { class: 'ticket-qr', 'data-code': ticket.code },
          qr,
          h('figcaption', { class: 'ticket-code' }, ticket.code))),
      ticket.checked_in_at ? h('p', { class: 'ticket-used' }, `Checked in ${dateTime(ticket.checked_in_at, tz)}`) : null));
}
