// The seat map's text alternative: the seats by section and row as native checkboxes, kept in
// step with the map (same selection, same states). Inside a <details>, and built on first
// opening: hundreds of checkboxes nobody asked for would only weigh the page down.
import { h, nextId } from '../dom.js';
import { money } from '../format.js';

function groupByRow(seats) {
  const sections = new Map();
  for (const seat of [...seats].sort((a, b) => a.y - b.y || a.x - b.x)) {
    if (!sections.has(seat.section)) sections.set(seat.section, new Map());
    const rows = sections.get(seat.section);
    if (!rows.has(seat.row)) rows.set(seat.row, []);
    rows.get(seat.row).push(seat);
  }
  return sections;
}

export function createSeatList({ seats, currency, onToggle }) {
  const boxes = new Map();
  const body = h('div', { class: 'seat-list-body' });
  const element = h('details', { class: 'seat-list' },
    h('summary', {}, 'Choose from a list of seats by row'), body);
  let built = false;
  let last = null; // the latest states and selection, applied once the list exists

  function build() {
    built = true;
    for (const [section, rows] of groupByRow(seats)) {
      const group = h('div', { class: 'seat-list-section' }, h('h3', {}, section || 'Seats'));
      for (const [row, rowSeats] of rows) {
        const list = h('div', { class: 'seat-list-seats' });
        for (const seat of rowSeats) {
          const id = nextId('seat');
          const box = h('input', { type: 'checkbox', id, value: String(seat.id) });
          box.addEventListener('change', () => onToggle(seat.id, box));
          const text = h('span', {});
          boxes.set(seat.id, { box, text, seat });
          list.append(h('label', { for: id, class: 'seat-list-item' }, box, text));
        }
        group.append(h('fieldset', { class: 'seat-list-row' },
          h('legend', {}, `${section ? `${section}, ` : ''}row ${row}`), list));
      }
      body.append(group);
    }
    if (last) sync(...last);
  }
  element.addEventListener('toggle', () => {
    if (element.open && !built) build();
  });

  function sync(states, selectedIds) {
    last = [states, selectedIds];
    if (!built) return;
    for (const [id, entry] of boxes) {
      const st = states.get(id) || entry.seat;
      const free = st.state === 'available';
      const sel = selectedIds.has(id);
      entry.box.checked = sel;
      entry.box.disabled = !free && !sel;
      const price = st.price_cents != null ? money(st.price_cents, currency) : '';
      entry.text.textContent = `Seat ${entry.seat.number}${price ? ` · ${price}` : ''}${free ? '' : ' · taken'}`;
    }
  }
  return { element, sync };
}
