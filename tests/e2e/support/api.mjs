// Direct API calls for test set-up (users, bookings) so the browser steps stay on what they test.
import crypto from 'node:crypto';

export function uniqueEmail(prefix) {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}@e2e.proeventa.test`;
}

export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.token = null;
  }

  async call(method, path, body, headers = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return { data, total: Number(res.headers.get('X-Total-Count')) };
  }

  async signup(email, password = 'correct-horse-42', fullName = 'E2E Tester') {
    await this.call('POST', '/auth/signup', { email, password, full_name: fullName });
    return this.login(email, password);
  }

  async login(email, password) {
    const { data } = await this.call('POST', '/auth/login', { email, password });
    this.token = data.access_token;
    this.user = data.user;
    return data.user;
  }

  async events(query = '') {
    return (await this.call('GET', `/events/events?limit=100${query}`)).data;
  }

  /** A published, seated, upcoming event with free seats (from the demo data). */
  async seatedEvent() {
    const list = await this.events('&available=true');
    const ev = list.find((e) => e.venue && e.venue.kind === 'seated' && e.status === 'published'
      && Date.parse(e.start_time) > Date.now() && (e.seats_available ?? e.places_available) > 20
      && (!e.sales_start || Date.parse(e.sales_start) < Date.now()));
    if (!ev) throw new Error('the demo data has no seated event on sale');
    return ev;
  }

  async seats(eventId) {
    return (await this.call('GET', `/events/events/${eventId}/seats`)).data.seats;
  }

  async reserve(body) {
    return (await this.call('POST', '/reservations/reservations/reserve', body, { 'Idempotency-Key': crypto.randomUUID() })).data.reservations;
  }
}
