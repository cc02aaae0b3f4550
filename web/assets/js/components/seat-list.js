// The seat map's text alternative: the seats by section and row as native checkboxes, kept in
// step with the map (same selection, same states). Inside a <details> so it stays out of the way.
import { h, nextId } from '../dom.js';
import { money } from '../format.js';

export function createSeatList({ seats, currency, onToggle }) {
  const boxes = new Map();
  const sections = new Map();
  const sorted = [...seats].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const seat of sorted) {
    if (!sections.has(seat.section)) sections.set(seat.section, new Map());
    const rows = sections.get(seat.section);
    if (!rows.has(seat.row)) rows.set(seat.row, []);
    rows.get(seat.row).push(seat);
  }
  const body = h('div', { class: 'seat-list-body' });
  for (const [section, rows] of sections) {
    const group = h('div', { class: 'seat-list-section' }, h('h3', {}, section || 'Seats'));
    for (const [row, rowSeats] of rows) {
      const fs = h('fieldset', { class: 'seat-list-row' }, h('legend', {}, `${section ? `${section}, ` : ''}row ${row}`));
      const list = h('div', { class: 'seat-list-seats' });
      for (const seat of rowSeats) {
        const id = nextId('seat');
        const box = h('input', { type: 'checkbox', id, value: String(seat.id) });
        box.addEventListener('change', () => onToggle(seat.id, box));
        const text = h('span', {});
        boxes.set(seat.id, { box, text, seat });
        list.append(h('label', { for: id, class: 'seat-list-item' }, box, text));
      }
      fs.append(list);
      group.append(fs);
    }
    body.append(group);
  }
  const element = h('details', { class: 'seat-list' },
    h('summary', {}, 'Choose from a list of seats by row'), body);

  function sync(states, selectedIds) {
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
