// The seat map: an SVG drawn from the seats' x/y. Colours per price category; states told apart
// by shape too (taken seats grey with a cross, your selection dark with a tick), a focus ring in
// two tones that shows on every seat colour, a tooltip with label and price on hover/focus,
// selection by click or keyboard (arrow keys move spatially, Enter/Space toggle), zoom and pan
// (buttons, +/- keys, pinch, Ctrl/⌘ + wheel, dragging or scrolling the zoomed map), and state
// changes applied seat by seat (`applyStates`), so a poll or a live stream can feed it.
// `renderSeatSvg` draws the same picture without interaction (the venue builder's preview).
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

// The marks that tell states apart without colour, as pattern fills sized to each seat (one
// definition per map instead of an extra element per seat). Coordinates are fractions of a seat.
function stateMarks(svg) {
  const ids = { taken: nextId('seat-mark-taken'), selected: nextId('seat-mark-selected') };
  const pattern = (id, cls, ...marks) => s('pattern', {
    id, class: cls, width: 1, height: 1, patternUnits: 'objectBoundingBox', patternContentUnits: 'objectBoundingBox',
  }, s('rect', { class: 'seat-mark-ground', width: 1, height: 1 }), ...marks);
  svg.prepend(s('defs', {},
    pattern(ids.taken, 'seat-mark is-taken', s('path', { class: 'seat-mark-line', d: 'M0.28 0.28L0.72 0.72M0.72 0.28L0.28 0.72' })),
    pattern(ids.selected, 'seat-mark is-selected', s('path', { class: 'seat-mark-line', d: 'M0.24 0.52L0.43 0.7L0.77 0.3' }))));
  return ids;
}

// One ring moved to the focused seat: a dark outer and a light inner line, so one of the two
// contrasts with any seat colour, the selection's dark fill and the map's pale background alike.
function focusRing(svg) {
  const inset = (d) => ({ x: -SEAT / 2 - d, y: -SEAT / 2 - d, width: SEAT + 2 * d, height: SEAT + 2 * d, rx: 0.2 + d });
  const ring = s('g', { class: 'seat-focus-ring', 'aria-hidden': 'true' },
    s('rect', { class: 'seat-focus-outer', ...inset(0.16), 'vector-effect': 'non-scaling-stroke' }),
    s('rect', { class: 'seat-focus-inner', ...inset(0.05), 'vector-effect': 'non-scaling-stroke' }));
  ring.setAttribute('visibility', 'hidden');
  svg.append(ring);
  return {
    show(seat) {
      ring.setAttribute('transform', `translate(${seat.x} ${seat.y})`);
      ring.setAttribute('visibility', 'visible');
    },
    hide() {
      ring.setAttribute('visibility', 'hidden');
    },
  };
}

export function renderSeatSvg(seats, categories, label) {
  const { svg } = draw(seats, categoryColors(categories, seats), { interactive: false });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

const STATE_TEXT = { available: 'available', held: 'taken, on hold for someone else', reserved: 'taken' };
const TIP_TEXT = { available: 'Available', held: 'Taken (on hold)', reserved: 'Taken' };
// Zoomed seats are at least this wide on screen: WCAG's 24 px target size, with room to spare.
const TOUCH_SEAT_PX = 30;
const ZOOM_STEP = 1.5;
const DRAG_SLOP_PX = 5;

/**
 * createSeatMap({seats, categories, currency, max, onChange(selectedSeats), onLimit(), onLost(seats)})
 * → {element, applyStates(changes, {snapshot}), update(seats), selected(), setSelected(ids),
 *    deselect(id), toggle(id), isSelected(id), clear(), zoomIn(), zoomOut(), zoom()}
 */
export function createSeatMap({ seats, categories, currency, max = 10, onChange = () => {}, onLimit = () => {}, onLost = () => {} }) {
  const colors = categoryColors(categories, seats);
  const byId = new Map(seats.map((seat) => [seat.id, { ...seat }]));
  const order = [...byId.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const selected = new Set();
  const { svg, nodes } = draw(order, colors, { interactive: true });
  const marks = stateMarks(svg);
  const ring = focusRing(svg);
  const helpId = nextId('seatmap-help');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Seat map');
  svg.setAttribute('aria-describedby', helpId);
  // Chromium makes the map's <svg> a tab stop of its own before the seats; the seats' roving
  // tabindex is the one way in.
  svg.setAttribute('tabindex', '-1');

  const tooltip = h('div', { class: 'seat-tooltip', hidden: true, 'aria-hidden': 'true' });
  const scroller = h('div', { class: 'seat-scroller' }, svg);
  const zoomOut = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Zoom out', onClick: () => zoomBy(1 / ZOOM_STEP) }, '−');
  const zoomIn = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Zoom in', onClick: () => zoomBy(ZOOM_STEP) }, '+');
  const element = h('div', { class: 'seat-map' },
    h('div', { class: 'seat-map-toolbar' },
      h('p', { class: 'seat-map-help', id: helpId },
        'Click a seat to select it. With a keyboard: arrow keys move between seats, Enter or Space selects, + and − zoom. '
        + 'Zoom with the buttons, a pinch or Ctrl + mouse wheel; drag or scroll a zoomed map to move around.'),
      h('div', { class: 'zoom-controls' }, zoomOut, zoomIn)),
    scroller, tooltip);

  // --- zoom and pan ---------------------------------------------------------------------------
  // The SVG is drawn at (zoom × the box's width) inside a box that scrolls: panning is the box's
  // own scrolling (touch, trackpad, scrollbars, a mouse drag below), zooming keeps the point under
  // the fingers, the cursor or the box's centre where it was.
  let zoom = 1;

  /** Seat width in CSS pixels at zoom 1 (the whole map fits the box's width). */
  function fittedSeatPx() {
    const width = svg.getBoundingClientRect().width / zoom;
    const units = svg.viewBox.baseVal.width;
    return width > 0 && units > 0 ? (width / units) * SEAT : 0;
  }
  /** The zoom at which seats become comfortable touch targets. */
  function touchZoom() {
    const px = fittedSeatPx();
    return px > 0 ? Math.max(1, TOUCH_SEAT_PX / px) : ZOOM_STEP;
  }
  const maxZoom = () => Math.max(4, touchZoom() * ZOOM_STEP);

  function setZoom(wanted, focus) {
    const next = Math.min(maxZoom(), Math.max(1, wanted));
    if (Math.abs(next - zoom) > 1e-3) {
      const box = scroller.getBoundingClientRect();
      const fx = focus ? focus.x - box.left - scroller.clientLeft : scroller.clientWidth / 2;
      const fy = focus ? focus.y - box.top - scroller.clientTop : scroller.clientHeight / 2;
      const x = scroller.scrollLeft + fx;
      const y = scroller.scrollTop + fy;
      const ratio = next / zoom;
      zoom = next;
      svg.style.width = `${zoom * 100}%`;
      scroller.classList.toggle('is-zoomed', zoom > 1);
      scroller.scrollLeft = x * ratio - fx;
      scroller.scrollTop = y * ratio - fy;
      hideTip();
    }
    zoomOut.disabled = zoom <= 1;
    zoomIn.disabled = zoom >= maxZoom() - 1e-3;
  }
  function zoomBy(factor, focus) {
    // The first step in from the fitted map goes at least as far as touch-sized seats: on a phone
    // a plain 1.5× would still leave them too small to tap.
    const target = factor > 1 && zoom < touchZoom() ? Math.max(zoom * factor, touchZoom()) : zoom * factor;
    setZoom(target, focus);
  }
  setZoom(1);

  scroller.addEventListener('wheel', (e) => {
    if (!e.ctrlKey && !e.metaKey) return; // a plain wheel scrolls: the page, or a zoomed map
    e.preventDefault();
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    setZoom(zoom * Math.exp(-delta / 300), { x: e.clientX, y: e.clientY });
  }, { passive: false });

  // Pinch: two fingers scale the map about their midpoint. One finger is left to the browser,
  // which scrolls the box (touch-action in the CSS keeps it from zooming the whole page).
  let pinch = null;
  const spread = (t) => Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY);
  const middle = (t) => ({ x: (t[0].clientX + t[1].clientX) / 2, y: (t[0].clientY + t[1].clientY) / 2 });
  scroller.addEventListener('touchstart', (e) => {
    if (e.touches.length === 2) pinch = { spread: spread(e.touches) || 1, zoom };
  }, { passive: true });
  scroller.addEventListener('touchmove', (e) => {
    if (!pinch || e.touches.length !== 2) return;
    if (e.cancelable) e.preventDefault();
    setZoom(pinch.zoom * (spread(e.touches) / pinch.spread), middle(e.touches));
  }, { passive: false });
  const endPinch = (e) => {
    if (e.touches.length < 2) pinch = null;
  };
  scroller.addEventListener('touchend', endPinch);
  scroller.addEventListener('touchcancel', endPinch);

  // A mouse drags a zoomed map around; a drag is not a click on the seat it ends on.
  let drag = null;
  let swallowClick = false;
  scroller.addEventListener('pointerdown', (e) => {
    swallowClick = false;
    if (e.pointerType !== 'mouse' || e.button !== 0 || zoom <= 1) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, left: scroller.scrollLeft, top: scroller.scrollTop, moving: false };
  });
  scroller.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moving && Math.hypot(dx, dy) < DRAG_SLOP_PX) return;
    if (!drag.moving) {
      drag.moving = true;
      scroller.setPointerCapture(e.pointerId);
      scroller.classList.add('is-panning');
      hideTip();
    }
    scroller.scrollLeft = drag.left - dx;
    scroller.scrollTop = drag.top - dy;
  });
  const endDrag = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    swallowClick = drag.moving;
    drag = null;
    scroller.classList.remove('is-panning');
  };
  scroller.addEventListener('pointerup', endDrag);
  scroller.addEventListener('pointercancel', endDrag);

  // --- states ---------------------------------------------------------------------------------
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
    const free = isFree(seat);
    node.classList.toggle('is-taken', !free && !sel);
    node.classList.toggle('is-selected', sel);
    let fill = colors.get(seat.category) || PALETTE[0];
    if (sel) fill = `url(#${marks.selected})`;
    else if (!free) fill = `url(#${marks.taken})`;
    node.setAttribute('fill', fill);
    node.setAttribute('aria-checked', String(sel));
    if (free || sel) node.removeAttribute('aria-disabled');
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

  /**
   * Seat states as they change: `changes` is a Map or an array of [seat id, state]. Only the
   * seats named are repainted; with `snapshot`, every seat not named is available. Seats of the
   * selection that someone else took are dropped from it and reported through onLost.
   */
  function applyStates(changes, { snapshot = false } = {}) {
    const given = changes instanceof Map ? changes : new Map(changes);
    const lost = [];
    const seatsToCheck = snapshot ? order : [...given.keys()].map((id) => byId.get(Number(id))).filter(Boolean);
    for (const seat of seatsToCheck) {
      const state = given.get(seat.id) ?? given.get(String(seat.id)) ?? (snapshot ? 'available' : seat.state);
      if (state === seat.state) continue;
      seat.state = state;
      if (!isFree(seat) && selected.delete(seat.id)) lost.push(seat);
      paint(seat);
    }
    if (lost.length) {
      onLost(lost);
      onChange(selection());
    }
    return lost;
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
    if (swallowClick) {
      swallowClick = false;
      return;
    }
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
    } else if (e.key === '+' || e.key === '=' || e.key === '-') {
      e.preventDefault();
      const r = nodes.get(seat.id).getBoundingClientRect();
      zoomBy(e.key === '-' ? 1 / ZOOM_STEP : ZOOM_STEP, { x: r.left + r.width / 2, y: r.top + r.height / 2 });
      nodes.get(seat.id).focus();
    }
  });

  function showTip(seat) {
    const node = nodes.get(seat.id);
    const rect = node.getBoundingClientRect();
    const host = element.getBoundingClientRect();
    tooltip.replaceChildren(
      h('strong', {}, seat.label || `Row ${seat.row}, seat ${seat.number}`),
      h('span', {}, [seat.category ? `Category ${seat.category}` : null, seat.price_cents != null ? money(seat.price_cents, currency) : null].filter(Boolean).join(' · ')),
      h('span', { class: 'seat-tooltip-state' }, selected.has(seat.id) ? 'Your selection' : TIP_TEXT[seat.state] || 'Not available'));
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
    if (seat && !drag) showTip(seat);
  });
  svg.addEventListener('pointerleave', hideTip);
  svg.addEventListener('focusin', (e) => {
    const seat = seatOf(e.target);
    if (!seat) return;
    ring.show(seat);
    showTip(seat);
  });
  svg.addEventListener('focusout', () => {
    ring.hide();
    hideTip();
  });
  scroller.addEventListener('scroll', hideTip);

  return {
    element,
    selected: selection,
    applyStates,
    /** Seats as the full seat list gives them: new prices are shown, states go through applyStates. */
    update(fresh) {
      for (const f of fresh) {
        const seat = byId.get(f.id);
        if (!seat || f.price_cents === undefined || seat.price_cents === f.price_cents) continue;
        seat.price_cents = f.price_cents;
        paint(seat);
      }
      return applyStates(fresh.filter((f) => f.state !== undefined).map((f) => [f.id, f.state]));
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
    zoomIn: () => zoomBy(ZOOM_STEP),
    zoomOut: () => zoomBy(1 / ZOOM_STEP),
    zoom: () => zoom,
  };
}
