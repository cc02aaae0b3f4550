// Formatting of money, dates (in the venue's time zone) and counts.
const locale = navigator.language || 'en';

const moneyFormats = new Map();
export function money(cents, currency = 'EUR') {
  if (cents === null || cents === undefined) return '';
  let fmt = moneyFormats.get(currency);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      fmt = { format: (v) => `${v.toFixed(2)} ${currency}` };
    }
    moneyFormats.set(currency, fmt);
  }
  return fmt.format(cents / 100);
}

export function priceRange(prices, currency) {
  const values = (prices || []).map((p) => p.price_cents).filter((v) => Number.isFinite(v));
  if (!values.length) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? money(min, currency) : `${money(min, currency)} – ${money(max, currency)}`;
}

const zoneOk = new Map();
function safeZone(timeZone) {
  if (!timeZone) return undefined;
  if (!zoneOk.has(timeZone)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      zoneOk.set(timeZone, true);
    } catch {
      zoneOk.set(timeZone, false);
    }
  }
  return zoneOk.get(timeZone) ? timeZone : undefined;
}

// Building an Intl formatter costs far more than using one: keep them.
const dateFormats = new Map();
function dtf(opts) {
  const key = JSON.stringify(opts);
  let fmt = dateFormats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, opts);
    dateFormats.set(key, fmt);
  }
  return fmt;
}

export function dateTime(iso, timeZone, opts = { dateStyle: 'full', timeStyle: 'short' }) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const zone = safeZone(timeZone);
  const base = dtf({ ...opts, timeZone: zone }).format(d);
  if (!zone || !(opts.timeStyle || opts.hour)) return base;
  // Name the zone so people in another one are not misled.
  const tzName = dtf({ timeZone: zone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return tzName ? `${base} ${tzName.value}` : base;
}

export function shortDate(iso, timeZone) {
  return dateTime(iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Parts for the calendar badge on cards: {month: 'Dec', day: '31', weekday: 'Thu'} */
export function dateBadge(iso, timeZone) {
  const d = new Date(iso);
  const zone = safeZone(timeZone);
  const get = (o) => dtf({ ...o, timeZone: zone }).format(d);
  return { month: get({ month: 'short' }), day: get({ day: 'numeric' }), weekday: get({ weekday: 'short' }) };
}

export function timeOnly(iso, timeZone) {
  return dateTime(iso, timeZone, { timeStyle: 'short' });
}

// --- wall-clock time in an IANA zone <-> UTC (for <input type="datetime-local">) --------------
const enFormats = new Map();
function dtfEn(timeZone) {
  if (!enFormats.has(timeZone)) {
    enFormats.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  return enFormats.get(timeZone);
}

function zoneOffsetMs(utcMs, timeZone) {
  const parts = dtfEn(timeZone).formatToParts(new Date(utcMs));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+v.year, +v.month - 1, +v.day, +v.hour % 24, +v.minute, +v.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** "2026-12-31T20:00" in zone -> "2026-12-31T19:00:00Z" */
export function zonedInputToIso(value, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const zone = safeZone(timeZone) || 'UTC';
  let utc = wall - zoneOffsetMs(wall, zone);
  utc = wall - zoneOffsetMs(utc, zone); // second pass settles DST edges
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2026-12-31T19:00:00Z" -> "2026-12-31T20:00" in zone */
export function isoToZonedInput(iso, timeZone) {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const zone = safeZone(timeZone) || 'UTC';
  return new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(0, 16);
}

export function plural(n, one, many) {
  return `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;
}

export function countdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const sec = String(total % 60).padStart(2, '0');
  return `${m}:${sec}`;
}
