// The seat map: an SVG drawn from the seats' x/y. Colours per price category, taken seats grey,
// a tooltip with label and price on hover/focus, selection by click or keyboard (arrow keys move
// spatially, Enter/Space toggle), zoom, and live state updates. `renderSeatSvg` draws the same
// picture without interaction (the venue builder's preview).
import { h, s, nextId } from '../dom.js';
import { money } from '../format.js';

export const PALETTE = ['#4f46e5', '#0f766e', '#b45309', '#be185d', '#1d4ed8', '#7c3aed', '#15803d', '#b91c1c'];
const SEAT = 0.8; // seat size in layout units (seats are ~1 unit apart)

/** category name -> colour, from the venue's categories with a safe fallback palette. */
export function categoryColors(categories, seats = []) {
  const colors = new Map();
  const names = [];
  for (const c of categories || []) if (c && c.name && !names.includes(c.name)) names.push(c.name);
  for (const seat of seats) if (seat.category && !names.includes(seat.category)) names.push(seat.category);
  names.forEach((name, i) => {
    const given = (categories || []).find((c) => c.name === name);
    const ok = given && typeof given.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(given.color);
    colors.set(name, ok ? given.color : PALETTE[i % PALETTE.length]);
  });
  return colors;
}

function bounds(seats) {
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const seat of seats) {
    minX = Math.min(minX, seat.x); maxX = Math.max(maxX, seat.x);
    minY = Math.min(minY, seat.y); maxY = Math.max(maxY, seat.y);
  }
  if (!seats.length) { minX = 0; minY = 0; maxX = 10; maxY = 5; }
  return { minX, minY, maxX, maxY };
}

/** Draws the map; returns {svg, nodes: Map(seatId -> rect)}. */
function draw(seats, colors, { interactive }) {
  const b = bounds(seats);
  const pad = 1.6;
  const stageH = 1.2;
  const x0 = b.minX - pad - 0.6;
  const y0 = b.minY - pad - stageH - 0.6;
  const w = b.maxX - b.minX + pad * 2 + 0.6;
  const hgt = b.maxY - b.minY + pad * 2 + stageH + 0.6;
  const svg = s('svg', {
    class: 'seat-svg', viewBox: `${x0} ${y0} ${w} ${hgt}`, preserveAspectRatio: 'xMidYMin meet',
    focusable: 'false',
  });
  const cx = (b.minX + b.maxX) / 2;
  const stageW = Math.max(4, (b.maxX - b.minX) * 0.6);
  svg.append(
    s('rect', { class: 'stage', x: cx - stageW / 2, y: b.minY - pad - stageH + 0.2, width: stageW, height: stageH, rx: 0.3, 'aria-hidden': 'true' }),
    s('text', { class: 'stage-label', x: cx, y: b.minY - pad - stageH / 2 + 0.2, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'aria-hidden': 'true' }, 'STAGE'));

  // Row labels at the left end of each row, section names above each section.
  const rows = new Map();
  const sections = new Map();
  for (const seat of seats) {
    const rk = `${seat.section}|${seat.row}`;
    const r = rows.get(rk) || { row: seat.row, minX: Infinity, y: seat.y };
    r.minX = Math.min(r.minX, seat.x);
    rows.set(rk, r);
    const sec = sections.get(seat.section) || { minY: Infinity, minX: Infinity, maxX: -Infinity };
    sec.minY = Math.min(sec.minY, seat.y); sec.minX = Math.min(sec.minX, seat.x); sec.maxX = Math.max(sec.maxX, seat.x);
    sections.set(seat.section, sec);
  }
  const labels = s('g', { class: 'seat-labels', 'aria-hidden': 'true' });
  for (const r of rows.values()) {
    labels.append(s('text', { class: 'row-label', x: r.minX - 0.9, y: r.y, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, r.row));
  }
  if (sections.size > 1) {
    for (const [name, sec] of sections) {
      labels.append(s('text', { class: 'section-label', x: (sec.minX + sec.maxX) / 2, y: sec.minY - 0.95, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, name));
    }
  }
  svg.append(labels);

  const group = s('g', { class: 'seats' });
  const nodes = new Map();
  for (const seat of seats) {
    const rect = s('rect', {
      class: 'seat', x: seat.x - SEAT / 2, y: seat.y - SEAT / 2, width: SEAT, height: SEAT, rx: 0.2,
      fill: colors.get(seat.category) || PALETTE[0], dataset: { id: String(seat.id) },
    });
    if (interactive) {
      rect.setAttribute('role', 'checkbox');
      rect.setAttribute('tabindex', '-1');
    }
    nodes.set(seat.id, rect);
    group.append(rect);
  }
  svg.append(group);
  return { svg, nodes };
}

export function renderSeatSvg(seats, categories, label) {
  const { svg } = draw(seats, categoryColors(categories, seats), { interactive: false });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

const STATE_TEXT = { available: 'available', held: 'on hold by someone else', reserved: 'taken' };

/**
 * createSeatMap({seats, categories, currency, max, onChange(selectedSeats), onLimit(), onLost(seats)})
 * → {element, update(seats), selected(), deselect(id), clear()}
 */
export function createSeatMap({ seats, categories, currency, max = 10, onChange = () => {}, onLimit = () => {}, onLost = () => {} }) {
  const colors = categoryColors(categories, seats);
  const byId = new Map(seats.map((seat) => [seat.id, { ...seat }]));
  const order = [...byId.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const selected = new Set();
  const { svg, nodes } = draw(order, colors, { interactive: true });
  const helpId = nextId('seatmap-help');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Seat map');
  svg.setAttribute('aria-describedby', helpId);

  const tooltip = h('div', { class: 'seat-tooltip', hidden: true, 'aria-hidden': 'true' });
  const scroller = h('div', { class: 'seat-scroller' }, svg);
  let zoom = 1;
  const zoomOut = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Zoom out', onClick: () => setZoom(zoom / 1.5) }, '−');
  const zoomIn = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Zoom in', onClick: () => setZoom(zoom * 1.5) }, '+');
  const element = h('div', { class: 'seat-map' },
    h('div', { class: 'seat-map-toolbar' },
      h('p', { class: 'seat-map-help', id: helpId }, 'Click a seat to select it. With a keyboard: arrow keys move between seats, Enter or Space selects.'),
      h('div', { class: 'zoom-controls' }, zoomOut, zoomIn)),
    scroller, tooltip);

  function setZoom(z) {
    zoom = Math.min(4, Math.max(1, z));
    svg.style.width = `${zoom * 100}%`;
    scroller.classList.toggle('is-zoomed', zoom > 1);
    zoomOut.disabled = zoom <= 1;
    zoomIn.disabled = zoom >= 4;
  }
  setZoom(1);

  function isFree(seat) {
    return seat.state === 'available';
  }

  function describe(seat) {
    const parts = [seat.label || `Row ${seat.row}, seat ${seat.number}`];
    if (seat.price_cents !== undefined && seat.price_cents !== null) parts.push(money(seat.price_cents, currency));
    parts.push(selected.has(seat.id) ? 'selected' : STATE_TEXT[seat.state] || seat.state);
    return parts.join(', ');
  }

  function paint(seat) {
    const node = nodes.get(seat.id);
    const sel = selected.has(seat.id);
    node.classList.toggle('is-taken', !isFree(seat));
    node.classList.toggle('is-selected', sel);
    node.setAttribute('aria-checked', String(sel));
    if (isFree(seat)) node.removeAttribute('aria-disabled');
    else node.setAttribute('aria-disabled', 'true');
    node.setAttribute('aria-label', describe(seat));
  }
  for (const seat of order) paint(seat);

  // Roving tabindex: one seat is in the tab order; the first free one to start with.
  let active = order.find(isFree) || order[0];
  if (active) nodes.get(active.id).setAttribute('tabindex', '0');
  function focusSeat(seat) {
    if (!seat) return;
    if (active) nodes.get(active.id).setAttribute('tabindex', '-1');
    active = seat;
    const node = nodes.get(seat.id);
    node.setAttribute('tabindex', '0');
    node.focus();
  }

  function toggle(seat) {
    if (selected.has(seat.id)) {
      selected.delete(seat.id);
    } else {
      if (!isFree(seat)) return;
      if (selected.size >= max) {
        onLimit(max);
        return;
      }
      selected.add(seat.id);
    }
    paint(seat);
    showTip(seat);
    onChange(selection());
  }

  function selection() {
    return [...selected].map((id) => byId.get(id)).filter(Boolean)
      .sort((a, b) => String(a.section).localeCompare(String(b.section)) || a.y - b.y || a.x - b.x);
  }

  function neighbour(from, key) {
    let best = null;
    let bestScore = Infinity;
    for (const seat of order) {
      if (seat === from) continue;
      const dx = seat.x - from.x;
      const dy = seat.y - from.y;
      let main; let cross;
      if (key === 'ArrowRight') { main = dx; cross = dy; }
      else if (key === 'ArrowLeft') { main = -dx; cross = dy; }
      else if (key === 'ArrowDown') { main = dy; cross = dx; }
      else { main = -dy; cross = dx; }
      if (main <= 0.05) continue;
      const score = main + 3 * Math.abs(cross);
      if (score < bestScore) { bestScore = score; best = seat; }
    }
    return best;
  }

  function seatOf(target) {
    const id = target && target.dataset && target.dataset.id;
    return id ? byId.get(Number(id)) || byId.get(id) : null;
  }

  svg.addEventListener('click', (e) => {
    const seat = seatOf(e.target);
    if (!seat) return;
    focusSeat(seat);
    toggle(seat);
  });
  svg.addEventListener('keydown', (e) => {
    const seat = seatOf(e.target);
    if (!seat) return;
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      focusSeat(neighbour(seat, e.key));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusSeat(e.key === 'Home' ? order[0] : order[order.length - 1]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(seat);
    }
  });

  function showTip(seat) {
    const node = nodes.get(seat.id);
    const rect = node.getBoundingClientRect();
    const host = element.getBoundingClientRect();
    tooltip.replaceChildren(
      h('strong', {}, seat.label || `Row ${seat.row}, seat ${seat.number}`),
      h('span', {}, [seat.category ? `Category ${seat.category}` : null, seat.price_cents != null ? money(seat.price_cents, currency) : null].filter(Boolean).join(' · ')),
      h('span', { class: 'seat-tooltip-state' }, selected.has(seat.id) ? 'Selected' : isFree(seat) ? 'Available' : 'Not available'));
    tooltip.hidden = false;
    const left = rect.left - host.left + rect.width / 2;
    tooltip.style.left = `${Math.min(Math.max(left, 80), host.width - 80)}px`;
    tooltip.style.top = `${rect.top - host.top}px`;
  }
  function hideTip() {
    tooltip.hidden = true;
  }
  svg.addEventListener('pointerover', (e) => {
    const seat = seatOf(e.target);
    if (seat) showTip(seat);
  });
  svg.addEventListener('pointerleave', hideTip);
  svg.addEventListener('focusin', (e) => {
    const seat = seatOf(e.target);
    if (seat) showTip(seat);
  });
  svg.addEventListener('focusout', hideTip);
  scroller.addEventListener('scroll', hideTip);

  return {
    element,
    selected: selection,
    /** New states from the server; selected seats that were taken meanwhile are dropped. */
    update(fresh) {
      const lost = [];
      for (const f of fresh) {
        const seat = byId.get(f.id);
        if (!seat || (seat.state === f.state && seat.price_cents === f.price_cents)) continue;
        seat.state = f.state;
        seat.price_cents = f.price_cents;
        if (!isFree(seat) && selected.has(seat.id)) {
          selected.delete(seat.id);
          lost.push(seat);
        }
        paint(seat);
      }
      if (lost.length) {
        onLost(lost);
        onChange(selection());
      }
    },
    setSelected(ids) {
      for (const id of ids) {
        const seat = byId.get(id);
        if (seat && isFree(seat) && selected.size < max) {
          selected.add(id);
          paint(seat);
        }
      }
      onChange(selection());
    },
    deselect(id) {
      const seat = byId.get(id);
      if (seat && selected.delete(id)) {
        paint(seat);
        onChange(selection());
      }
    },
    toggle(id) {
      const seat = byId.get(id);
      if (seat) toggle(seat);
    },
    isSelected: (id) => selected.has(id),
    clear() {
      const ids = [...selected];
      selected.clear();
      for (const id of ids) paint(byId.get(id));
      onChange([]);
    },
  };
}
