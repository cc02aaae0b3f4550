// Holding seats or places: one Idempotency-Key per attempt, and the held reservations handed to
// the checkout page through sessionStorage (it re-reads them from the API when that is missing).
import { api } from './api.js';

const CHECKOUT_KEY = 'proeventa.checkout';
const PENDING_KEY = 'proeventa.pending';

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export async function hold(body) {
  const res = await api.post('/reservations/reservations/reserve', { ...body, hold: true }, {
    headers: { 'Idempotency-Key': newKey() },
  });
  // `seat_ids` is answered with {reservations: [...]}; a quantity with the reservation itself.
  const reservations = (res && res.reservations) || (res && res.id ? [res] : []);
  try {
    sessionStorage.setItem(CHECKOUT_KEY, JSON.stringify(reservations));
  } catch {
    /* storage full or disabled: checkout reloads from the API */
  }
  return reservations;
}

export function stashedCheckout(ids) {
  try {
    const list = JSON.parse(sessionStorage.getItem(CHECKOUT_KEY) || '[]');
    const byId = new Map(list.map((r) => [r.id, r]));
    return ids.every((id) => byId.has(id)) ? ids.map((id) => byId.get(id)) : null;
  } catch {
    return null;
  }
}

/** A selection made before logging in, restored when the user comes back. */
export function savePending(eventId, value) {
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ eventId, value }));
  } catch { /* ignore */ }
}

export function takePending(eventId) {
  try {
    const p = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    if (p && p.eventId === eventId) {
      sessionStorage.removeItem(PENDING_KEY);
      return p.value;
    }
  } catch { /* ignore */ }
  return null;
}
