// One event in the public list: date badge, name, venue, local time, prices, availability.
import { h } from '../dom.js';
import { dateBadge, dateTime, priceRange, plural } from '../format.js';

const cardDate = (iso, tz) => dateTime(iso, tz, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

export function availability(event) {
  const left = event.places_available ?? event.seats_available;
  if (event.status === 'cancelled') return { text: 'Cancelled', kind: 'status-cancelled' };
  if (left === null || left === undefined) return null;
  if (left <= 0) return { text: 'Sold out', kind: 'soldout' };
  const few = event.capacity ? left <= Math.max(5, event.capacity * 0.1) : left <= 10;
  const unit = event.venue && event.venue.kind === 'seated' ? ['seat', 'seats'] : ['place', 'places'];
  return { text: `${few ? 'Only ' : ''}${plural(left, unit[0], unit[1])} left`, kind: few ? 'few' : 'available' };
}

export function eventCard(event) {
  const tz = event.venue && event.venue.timezone;
  const badge = dateBadge(event.start_time, tz);
  const avail = availability(event);
  const titleId = `event-${event.id}-title`;
  return h('article', { class: 'event-card', 'aria-labelledby': titleId },
    h('div', { class: 'event-date', 'aria-hidden': 'true' },
      h('span', { class: 'event-date-month' }, badge.month),
      h('span', { class: 'event-date-day' }, badge.day),
      h('span', { class: 'event-date-weekday' }, badge.weekday)),
    h('div', { class: 'event-card-body' },
      h('h2', { class: 'event-card-title', id: titleId },
        h('a', { href: `/event/${event.id}`, class: 'stretched-link' }, event.name)),
      h('p', { class: 'event-card-meta' },
        h('span', { class: 'visually-hidden' }, 'Venue: '), event.venue ? event.venue.name : ''),
      h('p', { class: 'event-card-meta' },
        h('time', { datetime: event.start_time }, cardDate(event.start_time, tz))),
      h('div', { class: 'event-card-foot' },
        h('span', { class: 'event-card-price' }, priceRange(event.prices, event.currency)),
        avail ? h('span', { class: `badge badge-${avail.kind}` }, avail.text) : null)));
}
