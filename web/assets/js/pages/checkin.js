// Door check-in for organizers: a camera scanner where the browser has BarcodeDetector, a manual
// code field everywhere, a large clear result (green: in, red: not, with name and seat) and the
// live count of people in.
import { h, replace } from '../dom.js';
import { api, ApiError, isAbort } from '../api.js';
import { setTitle } from '../router.js';
import { dateTime } from '../format.js';
import { spinner, errorState, pageHeader } from '../ui.js';

const REFRESH_MS = 5000;
const SAME_CODE_PAUSE_MS = 4000;

export default async function checkinPage({ outlet, params, signal, onCleanup }) {
  setTitle('Check-in');
  const eventId = Number(params.id);
  outlet.append(spinner('Loading the event…'));
  let event;
  try {
    event = await api.get(`/events/events/${eventId}`, { signal });
  } catch (err) {
    if (isAbort(err)) return;
    replace(outlet, h('h1', {}, 'Check-in'), errorState(err));
    return;
  }
  setTitle(`Check-in · ${event.name}`);
  const tz = event.venue ? event.venue.timezone : undefined;

  const countText = h('strong', { class: 'checkin-count-number' }, '–');
  const categories = h('ul', { class: 'checkin-categories' });
  const count = h('section', { class: 'checkin-count card', 'aria-label': 'Checked in', 'aria-live': 'polite' },
    h('p', {}, 'Checked in'), countText, categories);

  const result = h('section', { class: 'checkin-result checkin-idle', role: 'status', 'aria-live': 'assertive' },
    h('p', { class: 'checkin-result-title' }, 'Ready to scan'),
    h('p', { class: 'checkin-result-detail' }, 'Scan a ticket or type its code.'));

  const input = h('input', {
    id: 'checkin-code', name: 'code', type: 'text', class: 'input', autocomplete: 'off', spellcheck: 'false',
    maxlength: 512, required: true, 'aria-describedby': 'checkin-code-hint',
  });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Check in');
  const form = h('form', { class: 'checkin-form card', novalidate: true },
    h('label', { for: 'checkin-code', class: 'label' }, 'Ticket code'),
    h('p', { id: 'checkin-code-hint', class: 'hint' }, 'The text under the QR code, starting with PE1.'),
    h('div', { class: 'checkin-form-row' }, input, submit));

  const camera = h('section', { class: 'checkin-camera card', hidden: true },
    h('h2', { class: 'h3' }, 'Camera'),
    h('video', { class: 'checkin-video', muted: true, playsinline: true, 'aria-label': 'Camera preview' }));

  replace(outlet,
    pageHeader(`Check-in · ${event.name}`, dateTime(event.start_time, tz),
      h('a', { class: 'btn btn-ghost', href: `/organizer/events/${eventId}/reservations` }, 'Reservations')),
    h('div', { class: 'checkin-layout' }, h('div', {}, result, form, camera), count));

  function show(kind, title, detail) {
    result.className = `checkin-result checkin-${kind}`;
    replace(result, h('p', { class: 'checkin-result-title' }, title), h('p', { class: 'checkin-result-detail' }, detail || ''));
  }

  async function refreshCount() {
    try {
      const s = await api.get(`/events/events/${eventId}/checkins/summary`, { signal });
      countText.textContent = `${s.checked_in} / ${s.total}`;
      replace(categories, s.categories.map((c) => h('li', {}, `${c.category}: ${c.checked_in} / ${c.total}`)));
    } catch (err) {
      if (!isAbort(err) && !(err instanceof ApiError)) throw err;
    }
  }

  let lastCode = '';
  let lastAt = 0;
  async function checkIn(code) {
    code = code.trim();
    if (!code) return;
    // A camera sees the same code many times a second: one scan per code per pause.
    if (code === lastCode && Date.now() - lastAt < SAME_CODE_PAUSE_MS) return;
    lastCode = code;
    lastAt = Date.now();
    show('busy', 'Checking…', '');
    try {
      const r = await api.post(`/events/events/${eventId}/checkins`, { code }, { signal });
      const who = r.holder && r.holder.full_name ? r.holder.full_name : 'Guest';
      const seat = r.seat_label || `${r.quantity} × general admission`;
      show('ok', `Welcome, ${who}`, `${seat} · booking ${r.order_reference || '—'}`);
    } catch (err) {
      if (isAbort(err)) return;
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'already_checked_in') {
        const d = err.details || {};
        const by = d.checked_in_by && d.checked_in_by.full_name ? ` by ${d.checked_in_by.full_name}` : '';
        show('bad', 'Already checked in', `${d.seat_label || ''} · at ${dateTime(d.checked_in_at, tz, { timeStyle: 'medium' })}${by}`);
      } else if (err.code === 'ticket_cancelled') {
        show('bad', 'Ticket cancelled', 'This ticket was cancelled and does not admit anyone.');
      } else if (err.code === 'unknown_ticket') {
        show('bad', 'Not a valid ticket', err.message);
      } else {
        show('bad', 'Could not check in', err.message);
      }
    }
    refreshCount();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = input.value;
    input.value = '';
    lastCode = '';
    checkIn(code);
    input.focus();
  });

  const timer = setInterval(refreshCount, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  refreshCount();
  input.focus();

  // The camera: only where the browser can read QR codes itself.
  if ('BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes('qr_code')) return;
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const video = camera.querySelector('video');
      video.srcObject = stream;
      await video.play();
      camera.hidden = false;
      let running = true;
      onCleanup(() => {
        running = false;
        for (const t of stream.getTracks()) t.stop();
      });
      const loop = async () => {
        if (!running) return;
        try {
          const codes = await detector.detect(video);
          if (codes.length) await checkIn(codes[0].rawValue);
        } catch { /* a frame that could not be read */ }
        if (running) setTimeout(loop, 300);
      };
      loop();
    } catch {
      camera.hidden = true;  // no camera or no permission: the manual field stays
    }
  }
}
