// Organizer: create or edit an event — venue, times in the venue's zone, prices per category,
// capacity for general admission, sales window — saved as a draft or published.
import { h, replace } from '../dom.js';
import { api, isAbort, ApiError, listAll } from '../api.js';
import { navigate, setTitle } from '../router.js';
import { zonedInputToIso, isoToZonedInput } from '../format.js';
import { field, spinner, errorState, alertBox, showAlert, clearFieldErrors, showFieldErrors, setFieldError, busy, toast, pageHeader } from '../ui.js';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY'];

function toCents(text) {
  const v = String(text).trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

export default async function eventForm({ outlet, params, query, signal }) {
  const editing = !!params.id;
  setTitle(editing ? 'Edit event' : 'New event');
  outlet.append(spinner('Loading…'));
  let venues;
  let event = null;
  try {
    [venues, event] = await Promise.all([
      listAll('/events/venues', {}, { signal, max: 500 }),
      editing ? api.get(`/events/events/${encodeURIComponent(params.id)}`, { signal }) : null,
    ]);
  } catch (err) {
    if (isAbort(err)) return;
    replace(outlet, h('h1', {}, editing ? 'Edit event' : 'New event'), errorState(err));
    return;
  }
  if (!venues.length && !editing) {
    replace(outlet, pageHeader('New event'), h('div', { class: 'state state-empty' },
      h('p', { class: 'state-title' }, 'Create a venue first'),
      h('p', {}, 'An event takes place in a venue. Build its seat map or set its capacity, then come back.'),
      h('a', { class: 'btn btn-primary', href: '/organizer/venues/new?next=/organizer/events/new' }, 'Create a venue')));
    return;
  }

  const alert = alertBox();
  const name = field({ label: 'Event name', name: 'name', required: true, value: event ? event.name : '', attrs: { maxlength: 200 } });
  const description = field({ label: 'Description', name: 'description', type: 'textarea', value: event ? event.description : '', attrs: { rows: 5 } });
  const venueSelect = h('select', {}, h('option', { value: '' }, 'Choose a venue…'),
    venues.map((v) => h('option', { value: String(v.id) },
      `${v.name} — ${v.kind === 'seated' ? `seated, ${v.capacity} seats` : `general admission, ${v.capacity} places`}`)));
  const venue = field({ label: 'Venue', name: 'venue_id', control: venueSelect, required: true, hint: h('span', {}, 'Not listed? ', h('a', { href: '/organizer/venues/new' }, 'Create a venue')) });
  const tzHint = (tz) => `In the venue’s local time (${tz || 'UTC'}).`;
  const start = field({ label: 'Starts', name: 'start_time', type: 'datetime-local', required: true, hint: tzHint() });
  const end = field({ label: 'Ends', name: 'end_time', type: 'datetime-local', required: true, hint: tzHint() });
  const currencySelect = h('select', {}, CURRENCIES.map((c) => h('option', { value: c }, c)));
  const currency = field({ label: 'Currency', name: 'currency', control: currencySelect });
  const pricesBox = h('div', { class: 'price-grid' });
  const prices = h('fieldset', { class: 'fieldset' }, h('legend', {}, 'Ticket prices'), pricesBox);
  const capacity = field({ label: 'Capacity', name: 'capacity', type: 'number', attrs: { min: 1, inputmode: 'numeric' } });
  const salesStart = field({ label: 'Sales open (optional)', name: 'sales_start', type: 'datetime-local' });
  const salesEnd = field({ label: 'Sales close (optional)', name: 'sales_end', type: 'datetime-local' });

  const keepsPublished = editing && event.status === 'published';
  const draftBtn = h('button', { class: 'btn btn-secondary', type: 'submit', value: 'draft' }, editing ? 'Save' : 'Save as draft');
  const publishBtn = h('button', { class: 'btn btn-primary', type: 'submit', value: 'published' }, keepsPublished ? 'Save changes' : 'Publish');
  const form = h('form', { class: 'form form-wide', novalidate: true },
    alert,
    h('fieldset', { class: 'fieldset' }, h('legend', {}, 'What and where'), name, description, venue),
    h('fieldset', { class: 'fieldset' }, h('legend', {}, 'When'), h('div', { class: 'form-row' }, start, end),
      h('div', { class: 'form-row' }, salesStart, salesEnd)),
    prices, h('div', { class: 'form-row' }, currency, capacity),
    h('div', { class: 'form-actions' },
      h('a', { class: 'btn btn-ghost', href: '/organizer' }, 'Back to my events'),
      keepsPublished ? null : draftBtn, publishBtn));

  replace(outlet, pageHeader(editing ? `Edit “${event.name}”` : 'New event',
    editing ? 'Changes show on the event page straight away.' : 'Fill in the details, then save a draft or publish.'), h('div', { class: 'card form-card' }, form));

  let current = null; // the chosen venue (full)
  const priceInputs = new Map();

  async function chooseVenue(id, initial) {
    const entered = new Map([...priceInputs].map(([k, el]) => [k, el.value]));
    current = null;
    priceInputs.clear();
    replace(pricesBox);
    capacity.hidden = true;
    if (!id) {
      pricesBox.append(h('p', { class: 'muted' }, 'Choose a venue to set prices for its seat categories.'));
      return;
    }
    let v = venues.find((x) => String(x.id) === String(id));
    try {
      v = await api.get(`/events/venues/${id}`, { signal });
    } catch (err) {
      if (isAbort(err)) return;
    }
    current = v;
    for (const f of [start, end]) f.querySelector('.field-hint').textContent = tzHint(v.timezone);
    let cats = v.kind === 'seated' ? (v.categories || []).map((c) => c.name) : ['general'];
    if (v.kind === 'seated' && !cats.length) {
      try {
        const seats = await api.get(`/events/venues/${id}/seats`, { signal });
        cats = [...new Set((seats || []).map((s) => s.category))];
      } catch { cats = []; }
    }
    const given = new Map(((initial && initial.prices) || []).map((p) => [p.category, p.price_cents]));
    for (const cat of cats) {
      const value = entered.get(cat) ?? (given.has(cat) ? (given.get(cat) / 100).toFixed(2) : '');
      const f = field({
        label: cat === 'general' ? 'Price per ticket' : `Category ${cat}`, name: `price_${cat}`, type: 'text', value, required: true,
        attrs: { inputmode: 'decimal', placeholder: '0.00', autocomplete: 'off' },
      });
      priceInputs.set(cat, f.control);
      pricesBox.append(f);
    }
    capacity.hidden = v.kind === 'seated';
    if (v.kind !== 'seated') {
      capacity.control.max = String(v.capacity);
      if (!capacity.control.value) capacity.control.value = String((initial && initial.capacity) || v.capacity);
      capacity.querySelector('label').textContent = `Capacity (at most ${v.capacity})`;
    }
  }
  venueSelect.addEventListener('change', () => chooseVenue(venueSelect.value));

  if (event) {
    venueSelect.value = String(event.venue_id);
    currencySelect.value = event.currency || 'EUR';
    const tz = event.venue && event.venue.timezone;
    start.control.value = isoToZonedInput(event.start_time, tz);
    end.control.value = isoToZonedInput(event.end_time, tz);
    salesStart.control.value = isoToZonedInput(event.sales_start, tz);
    salesEnd.control.value = isoToZonedInput(event.sales_end, tz);
    if (event.capacity) capacity.control.value = String(event.capacity);
  }
  else if (query.get('venue') && venues.some((v) => String(v.id) === query.get('venue'))) venueSelect.value = query.get('venue');
  await chooseVenue(venueSelect.value, event);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    showAlert(alert, '');
    // A published event has no draft button and stays published; otherwise only the publish
    // button publishes (a submit with no known button saves a draft, never publishes by accident).
    const submitter = e.submitter === publishBtn || keepsPublished ? publishBtn : draftBtn;
    const tz = current ? current.timezone : 'UTC';
    const body = {
      name: name.control.value.trim(),
      description: description.control.value.trim(),
      venue_id: Number(venueSelect.value),
      start_time: zonedInputToIso(start.control.value, tz),
      end_time: zonedInputToIso(end.control.value, tz),
      currency: currencySelect.value,
      prices: [],
    };
    const problems = [];
    const bad = (el, msg) => { setFieldError(el, msg); problems.push(el); };
    if (!body.name) bad(name.control, 'Give the event a name.');
    if (!body.venue_id) bad(venueSelect, 'Choose a venue.');
    if (!body.start_time) bad(start.control, 'Choose when it starts.');
    if (!body.end_time) bad(end.control, 'Choose when it ends.');
    if (body.start_time && body.end_time && body.start_time >= body.end_time) bad(end.control, 'The end must be after the start.');
    for (const [cat, el] of priceInputs) {
      const cents = toCents(el.value);
      if (cents === null) bad(el, 'Enter a price such as 25 or 25.50.');
      else body.prices.push({ category: cat, price_cents: cents });
    }
    if (current && current.kind !== 'seated') {
      const cap = Number(capacity.control.value);
      if (!Number.isInteger(cap) || cap < 1 || cap > current.capacity) bad(capacity.control, `Enter a number from 1 to ${current.capacity}.`);
      else body.capacity = cap;
    }
    body.sales_start = zonedInputToIso(salesStart.control.value, tz) || null;
    body.sales_end = zonedInputToIso(salesEnd.control.value, tz) || null;
    if (problems.length) {
      problems[0].focus();
      showAlert(alert, 'Please correct the marked fields.');
      return;
    }
    if (!body.sales_start) delete body.sales_start;
    if (!body.sales_end) delete body.sales_end;
    // Always explicit: the API's default for a new event is `published`, so a draft must say so.
    body.status = submitter.value;
    try {
      const saved = await busy(submitter, 'Saving…', () => (editing
        ? api.put(`/events/events/${event.id}`, body)
        : api.post('/events/events', body)));
      toast(saved.status === 'published' ? `“${saved.name}” is published and on sale.` : `“${saved.name}” is saved as a draft.`, 'success');
      navigate('/organizer');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showAlert(alert, err.message);
      const details = { ...(err.details || {}) };
      for (const key of Object.keys(details)) {
        if (key.startsWith('prices') && priceInputs.size) {
          const first = [...priceInputs.values()][0];
          setFieldError(first, String(details[key]));
          delete details[key];
        }
      }
      showFieldErrors(form, details);
    }
  });
}
