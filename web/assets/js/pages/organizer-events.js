// Organizer: my events by status, with edit, reservations and cancel (naming how many
// reservations the cancellation takes with it).
import { h, replace } from '../dom.js';
import { api, request, isAbort, ApiError } from '../api.js';
import { currentUser } from '../auth.js';
import { setTitle, setQuery } from '../router.js';
import { shortDate, plural } from '../format.js';
import { spinner, errorState, emptyState, statusBadge, confirmDialog, toast, pageHeader, pager } from '../ui.js';

const LIMIT = 20;
const TABS = [['', 'All'], ['draft', 'Drafts'], ['published', 'Published'], ['cancelled', 'Cancelled']];

async function countActive(eventId) {
  const counts = await Promise.all(['held', 'confirmed'].map((status) => request('GET', `/reservations/reservations/event/${eventId}`, {
    query: { status, limit: 1 },
  }).then((r) => r.total ?? (Array.isArray(r.data) ? r.data.length : 0))));
  return counts[0] + counts[1];
}

export default async function organizerEvents({ outlet, query, signal }) {
  setTitle('My events');
  const user = currentUser();
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Filter by status' });
  const body = h('div', {});
  outlet.append(pageHeader('My events', 'Create events, publish them and follow the bookings.', [
    h('a', { class: 'btn btn-secondary', href: '/organizer/venues/new' }, 'New venue'),
    h('a', { class: 'btn btn-primary', href: '/organizer/events/new' }, 'New event'),
  ]), tabs, body);

  let status = query.get('status') || '';
  let offset = Number(query.get('offset')) || 0;

  function renderTabs() {
    replace(tabs, TABS.map(([value, label]) => h('a', {
      class: 'tab', href: value ? `/organizer?status=${value}` : '/organizer', 'aria-current': value === status ? 'page' : null,
    }, label)));
  }

  function row(ev) {
    const tz = ev.venue && ev.venue.timezone;
    const cancelBtn = ev.status !== 'cancelled'
      ? h('button', { class: 'btn btn-ghost btn-sm btn-danger-text', type: 'button', 'aria-label': `Cancel event ${ev.name}` }, 'Cancel event')
      : null;
    const item = h('li', { class: 'org-event card' },
      h('div', { class: 'org-event-main' },
        h('h2', { class: 'h3' }, ev.status === 'published' ? h('a', { href: `/event/${ev.id}` }, ev.name) : ev.name),
        h('p', { class: 'muted' }, shortDate(ev.start_time, tz), ev.venue ? ` · ${ev.venue.name}` : ''),
        h('p', { class: 'org-event-stats' }, statusBadge(ev.status),
          h('span', {}, `${plural(ev.places_available ?? 0, 'place', 'places')} left of ${ev.capacity ?? '—'}`))),
      h('div', { class: 'org-event-actions' },
        h('a', { class: 'btn btn-secondary btn-sm', href: `/organizer/events/${ev.id}/reservations`, 'aria-label': `Reservations for ${ev.name}` }, 'Reservations'),
        h('a', { class: 'btn btn-secondary btn-sm', href: `/organizer/events/${ev.id}/checkin`, 'aria-label': `Door check-in for ${ev.name}` }, 'Check-in'),
        ev.status !== 'cancelled' ? h('a', { class: 'btn btn-secondary btn-sm', href: `/organizer/events/${ev.id}/edit`, 'aria-label': `Edit ${ev.name}` }, 'Edit') : null,
        cancelBtn));
    if (cancelBtn) {
      cancelBtn.addEventListener('click', async () => {
        let n;
        try {
          n = await countActive(ev.id);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          toast(err.message, 'error');
          return;
        }
        const ok = await confirmDialog({
          title: `Cancel “${ev.name}”?`,
          message: n
            ? `This cancels ${plural(n, 'reservation', 'reservations')} and takes the event off sale. Ticket holders will no longer have a booking. This cannot be undone.`
            : 'No one has booked yet. The event will be taken off sale. This cannot be undone.',
          confirmLabel: 'Cancel event', cancelLabel: 'Keep event',
        });
        if (!ok) return;
        try {
          const res = await api.del(`/events/events/${ev.id}`);
          const k = res && Number.isInteger(res.reservations_cancelled) ? res.reservations_cancelled : n;
          toast(`“${ev.name}” is cancelled; ${plural(k, 'reservation was', 'reservations were')} cancelled.`, 'success');
          load();
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          toast(err.message, 'error');
        }
      });
    }
    return item;
  }

  async function load() {
    renderTabs();
    replace(body, spinner('Loading your events…'));
    try {
      const page = await api.list('/events/events', {
        signal, query: { organizer_id: user.id, status, sort: '-start_time', limit: LIMIT, offset },
      });
      if (!page.items.length) {
        replace(body, emptyState(status ? 'No events with this status' : 'You have no events yet',
          'Create a venue if you need one, then your first event.',
          h('a', { class: 'btn btn-primary', href: '/organizer/events/new' }, 'Create an event')));
        return;
      }
      replace(body, h('ul', { class: 'org-event-list' }, page.items.map(row)),
        pager({ offset, limit: LIMIT, total: page.total, onPage: (o) => setQuery({ status, offset: o || '' }) }));
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorState(err, load));
    }
  }
  await load();
  return {
    onQuery(q) {
      status = q.get('status') || '';
      offset = Number(q.get('offset')) || 0;
      load();
    },
  };
}
