// The HTTP client for the ProEventa API (docs/api.md). Every error becomes an ApiError with the
// server's stable `code`, its message and the per-field `details`.
import { token, clearSession } from './auth.js';

export class ApiError extends Error {
  constructor(status, code, message, details = null, headers = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

let unauthorizedHandler = () => {};
/** Called when a signed-in request comes back 401: the router sends the user to log in. */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

// Server clock minus ours, from the Date header: hold countdowns follow the server's clock.
let clockSkew = 0;
export function serverNow() {
  return Date.now() + clockSkew;
}

function buildUrl(path, query) {
  const url = new URL(path, window.location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '' || v === false) continue;
      url.searchParams.set(k, String(v));
    }
  }
  return url.pathname + url.search;
}

const FRIENDLY = {
  0: 'We could not reach ProEventa. Check your connection and try again.',
  413: 'That is more data than the server accepts.',
  429: 'Too many attempts. Please wait a moment and try again.',
  500: 'Something went wrong on our side. Please try again.',
  503: 'ProEventa is temporarily unavailable. Please try again in a moment.',
};

/**
 * request('GET', '/events/events', {query, body, headers, signal, auth: true})
 * → {data, total, headers, status}
 */
export async function request(method, path, opts = {}) {
  const { query, body, signal, auth = true, form = false } = opts;
  const headers = { Accept: 'application/json', ...(opts.headers || {}) };
  const t = auth ? token() : null;
  if (t) headers.Authorization = `Bearer ${t}`;
  let payload;
  if (body !== undefined) {
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body).toString();
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  let res;
  try {
    res = await fetch(buildUrl(path, query), { method, headers, body: payload, signal, credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', FRIENDLY[0]);
  }
  const date = res.headers.get('Date');
  if (date) {
    const ms = Date.parse(date);
    if (!Number.isNaN(ms)) clockSkew = ms - Date.now();
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const code = (data && data.code) || `http_${res.status}`;
    const message = (data && data.error) || FRIENDLY[res.status] || `Request failed (${res.status}).`;
    const err = new ApiError(res.status, code, message, data && data.details, res.headers);
    if (res.status === 401 && t) {
      clearSession();
      unauthorizedHandler(err);
    }
    throw err;
  }
  const totalHeader = res.headers.get('X-Total-Count');
  const total = totalHeader === null ? null : Number(totalHeader);
  return { data, total, headers: res.headers, status: res.status, text };
}

export const api = {
  get: (path, opts) => request('GET', path, opts).then((r) => r.data),
  list: (path, opts) => request('GET', path, opts).then((r) => ({
    items: Array.isArray(r.data) ? r.data : [],
    total: r.total ?? (Array.isArray(r.data) ? r.data.length : 0),
  })),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }).then((r) => r.data),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }).then((r) => r.data),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }).then((r) => r.data),
  del: (path, opts) => request('DELETE', path, opts).then((r) => r.data),
  /** A body that is not JSON (a ticket's SVG), with the same sign-in and errors. */
  text: (path, opts) => request('GET', path, opts).then((r) => r.text),
};

/** Every page of a list (for CSV export); stops at `max` rows. */
export async function listAll(path, query = {}, { signal, max = 10000 } = {}) {
  const items = [];
  for (let offset = 0; offset < max; offset += 100) {
    const page = await api.list(path, { query: { ...query, limit: 100, offset }, signal });
    items.push(...page.items);
    if (page.items.length < 100 || items.length >= page.total) break;
  }
  return items;
}

export function isAbort(err) {
  return err && err.name === 'AbortError';
}
