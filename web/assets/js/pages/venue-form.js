// Organizer: create a venue — general admission with a capacity, or seated with a simple layout
// builder (sections × rows × seats per row, a price category each) and a live SVG preview.
import { h, replace } from '../dom.js';
import { api, ApiError } from '../api.js';
import { navigate, setTitle } from '../router.js';
import { field, alertBox, showAlert, clearFieldErrors, showFieldErrors, setFieldError, busy, toast, pageHeader } from '../ui.js';
import { renderSeatSvg } from '../components/seat-map.js';
import { plural } from '../format.js';

const MAX_SEATS = 5000;
const ROW_GAP = 2; // empty rows between sections in the preview

function rowName(i) {
  let n = i;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** The seats the server will build from the layout, as near as the preview needs. */
export function layoutSeats(sections) {
  const seats = [];
  const widest = Math.max(1, ...sections.map((s) => s.seats_per_row || 0));
  let y = 0;
  let id = 1;
  sections.forEach((sec, si) => {
    if (si > 0) y += ROW_GAP;
    for (let r = 0; r < sec.rows; r += 1) {
      const offset = (widest - sec.seats_per_row) / 2;
      for (let n = 1; n <= sec.seats_per_row; n += 1) {
        seats.push({ id: id++, section: sec.name, row: rowName(r), number: n, category: sec.category, x: offset + n, y });
      }
      y += 1;
    }
  });
  return seats;
}

function timeZones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
  }
}

export default function venueForm({ outlet, query }) {
  setTitle('New venue');
  const alert = alertBox();
  const name = field({ label: 'Venue name', name: 'name', required: true, attrs: { maxlength: 200 } });
  const address = field({ label: 'Address', name: 'address', required: true, attrs: { autocomplete: 'street-address' } });
  const localTz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = [...new Set(['UTC', localTz, ...timeZones()])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
  const tzSelect = h('select', {}, zones.map((tz) => h('option', { value: tz }, tz.replace(/_/g, ' '))));
  tzSelect.value = localTz;
  const timezone = field({ label: 'Time zone', name: 'timezone', control: tzSelect, hint: 'Event times are shown in this zone.' });

  const kindSeated = h('input', { type: 'radio', name: 'kind', id: 'kind-seated', value: 'seated', checked: true });
  const kindGa = h('input', { type: 'radio', name: 'kind', id: 'kind-ga', value: 'general_admission' });
  const kind = h('fieldset', { class: 'fieldset choice' }, h('legend', {}, 'Kind of venue'),
    h('div', { class: 'choice-options' },
      h('label', { for: 'kind-seated', class: 'choice-card' }, kindSeated, h('span', {}, h('strong', {}, 'Seated'), h('span', {}, 'Numbered seats on a seat map'))),
      h('label', { for: 'kind-ga', class: 'choice-card' }, kindGa, h('span', {}, h('strong', {}, 'General admission'), h('span', {}, 'Standing or free seating, a capacity')))));

  const capacity = field({ label: 'Capacity', name: 'capacity', type: 'number', value: '300', attrs: { min: 1, inputmode: 'numeric' } });
  const sectionsBox = h('div', { class: 'sections' });
  const addBtn = h('button', { class: 'btn btn-secondary', type: 'button' }, '+ Add a section');
  const totalEl = h('p', { class: 'builder-total', 'aria-live': 'polite' });
  const preview = h('div', { class: 'builder-preview' });
  const builder = h('fieldset', { class: 'fieldset builder' }, h('legend', {}, 'Seat layout'),
    h('p', { class: 'muted' }, 'Sections are stacked from the stage backwards. Rows are lettered A, B, C… from the front.'),
    sectionsBox, addBtn, totalEl,
    h('figure', { class: 'builder-figure' }, preview, h('figcaption', { class: 'muted' }, 'Live preview of the seat map')));

  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Create venue');
  const form = h('form', { class: 'form form-wide', novalidate: true }, alert,
    h('fieldset', { class: 'fieldset' }, h('legend', {}, 'Venue'), name, address, timezone),
    kind, capacity, builder,
    h('div', { class: 'form-actions' }, h('a', { class: 'btn btn-ghost', href: '/organizer' }, 'Cancel'), submit));

  const sections = [];
  function addSection(initial) {
    const i = sections.length;
    const defaults = initial || { name: i === 0 ? 'Stalls' : `Section ${i + 1}`, rows: 8, seats_per_row: 16, category: String.fromCharCode(65 + i) };
    const secName = field({ label: 'Section name', name: `section_${i}_name`, value: defaults.name });
    const rows = field({ label: 'Rows', name: `section_${i}_rows`, type: 'number', value: String(defaults.rows), attrs: { min: 1, max: 52, inputmode: 'numeric' } });
    const perRow = field({ label: 'Seats per row', name: `section_${i}_seats_per_row`, type: 'number', value: String(defaults.seats_per_row), attrs: { min: 1, max: 100, inputmode: 'numeric' } });
    const cat = field({ label: 'Price category', name: `section_${i}_category`, value: defaults.category, attrs: { maxlength: 40 } });
    const remove = h('button', { class: 'btn btn-ghost btn-sm btn-danger-text', type: 'button' }, 'Remove');
    const box = h('div', { class: 'section-editor' }, h('div', { class: 'section-fields' }, secName, rows, perRow, cat), remove);
    const entry = { box, secName, rows, perRow, cat, remove };
    remove.setAttribute('aria-label', `Remove section ${defaults.name}`);
    remove.addEventListener('click', () => {
      sections.splice(sections.indexOf(entry), 1);
      box.remove();
      update();
      addBtn.focus();
    });
    box.addEventListener('input', update);
    sections.push(entry);
    sectionsBox.append(box);
    update();
    return entry;
  }

  function readSections() {
    return sections.map((e) => ({
      name: e.secName.control.value.trim(),
      rows: Math.min(52, Math.max(0, parseInt(e.rows.control.value, 10) || 0)),
      seats_per_row: Math.min(100, Math.max(0, parseInt(e.perRow.control.value, 10) || 0)),
      category: e.cat.control.value.trim() || 'A',
    }));
  }

  let frame = 0;
  function update() {
    for (const e of sections) e.remove.hidden = sections.length <= 1;
    const seated = kindSeated.checked;
    builder.hidden = !seated;
    capacity.hidden = seated;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const secs = readSections().filter((sct) => sct.rows > 0 && sct.seats_per_row > 0);
      const seats = layoutSeats(secs);
      const total = seats.length;
      totalEl.textContent = `${plural(total, 'seat', 'seats')} in ${plural(secs.length, 'section', 'sections')}`;
      if (total > MAX_SEATS) {
        replace(preview, h('p', { class: 'muted' }, `That is more than ${MAX_SEATS} seats; make the sections smaller.`));
        return;
      }
      const cats = [...new Set(secs.map((sct) => sct.category))].map((c) => ({ name: c }));
      replace(preview, total ? renderSeatSvg(seats, cats, `Preview of the seat map: ${total} seats`) : h('p', { class: 'muted' }, 'Add rows and seats to see the map.'));
    });
  }
  kindSeated.addEventListener('change', update);
  kindGa.addEventListener('change', update);
  addBtn.addEventListener('click', () => {
    const e = addSection();
    e.secName.control.focus();
  });
  addSection();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    showAlert(alert, '');
    const body = { name: name.control.value.trim(), address: address.control.value.trim(), timezone: tzSelect.value };
    const problems = [];
    const bad = (el, msg) => { setFieldError(el, msg); problems.push(el); };
    if (!body.name) bad(name.control, 'Give the venue a name.');
    if (!body.address) bad(address.control, 'Enter the address.');
    if (kindSeated.checked) {
      const secs = readSections();
      secs.forEach((sct, i) => {
        const ed = sections[i];
        if (!sct.name) bad(ed.secName.control, 'Name the section.');
        if (sct.rows < 1) bad(ed.rows.control, 'At least one row.');
        if (sct.seats_per_row < 1) bad(ed.perRow.control, 'At least one seat.');
      });
      const names = secs.map((sct) => sct.name.toLowerCase());
      secs.forEach((sct, i) => { if (sct.name && names.indexOf(sct.name.toLowerCase()) !== i) bad(sections[i].secName.control, 'Each section needs its own name.'); });
      if (layoutSeats(secs).length > MAX_SEATS) bad(sections[0].rows.control, `At most ${MAX_SEATS} seats in total.`);
      body.layout = { sections: secs };
    } else {
      const cap = Number(capacity.control.value);
      if (!Number.isInteger(cap) || cap < 1) bad(capacity.control, 'Enter how many people fit in.');
      body.capacity = cap;
    }
    if (problems.length) {
      showAlert(alert, 'Please correct the marked fields.');
      problems[0].focus();
      return;
    }
    try {
      const venue = await busy(submit, 'Creating…', () => api.post('/events/venues', body));
      toast(`Venue “${venue.name}” created with ${plural(venue.capacity, venue.kind === 'seated' ? 'seat' : 'place', venue.kind === 'seated' ? 'seats' : 'places')}.`, 'success');
      navigate(`/organizer/events/new?venue=${venue.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showAlert(alert, err.message);
      showFieldErrors(form, err.details);
    }
  });

  outlet.append(pageHeader('New venue', 'Describe the place, then build its seat map or set a capacity.'), h('div', { class: 'card form-card' }, form));
  void query;
}
