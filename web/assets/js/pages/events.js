// The public events list: search, date range, venue, "only with places left", sort, paging.
// Filters live in the URL so Back/Forward and shared links keep them.
import { h, replace } from '../dom.js';
import { api, isAbort } from '../api.js';
import { setQuery, setTitle } from '../router.js';
import { field, spinner, emptyState, errorState, pager } from '../ui.js';
import { eventCard } from '../components/event-card.js';

const LIMIT = 12;

function dayStartIso(value, endOfDay) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  if (!m) return undefined;
  const d = new Date(+m[1], +m[2] - 1, +m[3] + (endOfDay ? 1 : 0));
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function readQuery(query) {
  return {
    q: query.get('q') || '',
    from: query.get('from') || '',
    to: query.get('to') || '',
    venue: query.get('venue') || '',
    available: query.get('available') === '1',
    sort: query.get('sort') || 'start_time',
    offset: Math.max(0, parseInt(query.get('offset') || '0', 10) || 0),
  };
}

export default async function events({ outlet, query, signal }) {
  setTitle('Events');
  const q = field({ label: 'Search', name: 'q', type: 'search', attrs: { placeholder: 'Artist, show or keyword' } });
  const from = field({ label: 'From', name: 'from', type: 'date' });
  const to = field({ label: 'To', name: 'to', type: 'date' });
  const venueSelect = h('select', {}, h('option', { value: '' }, 'All venues'));
  const venue = field({ label: 'Venue', name: 'venue', control: venueSelect });
  const sortSelect = h('select', {},
    h('option', { value: 'start_time' }, 'Soonest first'),
    h('option', { value: '-start_time' }, 'Latest first'),
    h('option', { value: 'name' }, 'Name (A–Z)'));
  const sort = field({ label: 'Sort by', name: 'sort', control: sortSelect });
  const available = h('input', { type: 'checkbox', name: 'available', id: 'filter-available' });
  const form = h('form', { class: 'filters card', role: 'search', 'aria-label': 'Find events' },
    h('div', { class: 'filters-search' }, q,
      h('button', { class: 'btn btn-primary', type: 'submit' }, 'Search')),
    h('div', { class: 'filters-row' }, from, to, venue, sort,
      h('div', { class: 'field field-checkbox' }, available, h('label', { for: 'filter-available' }, 'Only with places left'))),
    h('div', { class: 'filters-actions' },
      h('button', { class: 'btn btn-link', type: 'reset' }, 'Clear filters')));

  const status = h('p', { class: 'results-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  outlet.append(
    h('section', { class: 'hero' },
      h('h1', {}, 'Find your next night out'),
      h('p', { class: 'hero-text' }, 'Concerts, theatre and club nights. Pick your seats on a live map and book in a minute.')),
    form, status, results);

  let state = readQuery(query);
  function syncForm() {
    q.control.value = state.q;
    from.control.value = state.from;
    to.control.value = state.to;
    venueSelect.value = state.venue;
    sortSelect.value = state.sort;
    available.checked = state.available;
  }

  function submit(extra = {}) {
    setQuery({
      q: q.control.value.trim(), from: from.control.value, to: to.control.value,
      venue: venueSelect.value, available: available.checked ? '1' : '',
      sort: sortSelect.value === 'start_time' ? '' : sortSelect.value, ...extra,
    });
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    setQuery({});
  });
  // Selects and checkbox apply at once; text and dates on submit.
  for (const el of [venueSelect, sortSelect, available, from.control, to.control]) el.addEventListener('change', () => submit());

  let loadSeq = 0;
  async function load() {
    const seq = ++loadSeq;
    replace(results, spinner('Loading events…'));
    status.textContent = '';
    try {
      const page = await api.list('/events/events', {
        signal,
        query: {
          q: state.q, from: dayStartIso(state.from, false), to: dayStartIso(state.to, true),
          venue_id: state.venue, available: state.available ? 'true' : '', sort: state.sort,
          limit: LIMIT, offset: state.offset,
        },
      });
      if (seq !== loadSeq) return;
      status.textContent = page.total === 1 ? '1 event found' : `${page.total} events found`;
      if (!page.items.length) {
        replace(results, emptyState('No events match your search',
          'Try other words, a wider date range, or clear the filters.',
          h('button', { class: 'btn btn-secondary', type: 'button', onClick: () => setQuery({}) }, 'Clear filters')));
        return;
      }
      replace(results,
        h('div', { class: 'event-grid' }, page.items.map(eventCard)),
        pager({
          offset: state.offset, limit: LIMIT, total: page.total, label: 'Event pages',
          onPage: (offset) => submitPage(offset),
        }));
    } catch (err) {
      if (isAbort(err) || seq !== loadSeq) return;
      replace(results, errorState(err, load));
    }
  }

  function submitPage(offset) {
    const url = new URLSearchParams(window.location.search);
    if (offset) url.set('offset', String(offset));
    else url.delete('offset');
    setQuery(Object.fromEntries(url));
  }

  // Venues for the filter: best effort, the list works without them.
  api.list('/events/venues', { query: { limit: 100 }, signal }).then(({ items }) => {
    for (const v of items) venueSelect.append(h('option', { value: String(v.id) }, v.name));
    venueSelect.value = state.venue;
  }).catch(() => {});

  syncForm();
  await load();
  return {
    onQuery(newQuery) {
      const before = state.offset;
      state = readQuery(newQuery);
      syncForm();
      load().then(() => {
        if (state.offset !== before) status.scrollIntoView({ block: 'start' });
      });
    },
  };
}
