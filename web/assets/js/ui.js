// Shared UI pieces: status messages, confirmation dialog, form error display, loading and empty
// states, paging.
import { h, replace, nextId } from './dom.js';
import { ApiError } from './api.js';

export function toast(message, kind = 'info', ms = 6000) {
  const region = document.getElementById('toasts');
  const el = h('div', { class: `toast toast-${kind}` }, message);
  region.append(el);
  setTimeout(() => el.remove(), ms);
}

export function confirmDialog({ title, message, confirmLabel = 'Confirm', cancelLabel = 'Keep it', danger = true }) {
  const dialog = document.getElementById('confirm-dialog');
  dialog.querySelector('.dialog-title').textContent = title;
  dialog.querySelector('.dialog-message').textContent = message;
  const [cancelBtn, okBtn] = dialog.querySelectorAll('.dialog-actions button');
  cancelBtn.textContent = cancelLabel;
  okBtn.textContent = confirmLabel;
  okBtn.className = `btn ${danger ? 'btn-danger' : 'btn-primary'}`;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
    cancelBtn.focus();
  });
}

export function spinner(label = 'Loading…') {
  return h('div', { class: 'state state-loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, label));
}

export function emptyState(title, text, action) {
  return h('div', { class: 'state state-empty' },
    h('p', { class: 'state-title' }, title), text ? h('p', {}, text) : null, action || null);
}

export function errorState(err, retry) {
  return h('div', { class: 'state state-error', role: 'alert' },
    h('p', { class: 'state-title' }, 'Something went wrong'),
    h('p', {}, messageOf(err)),
    retry ? h('button', { class: 'btn btn-secondary', type: 'button', onClick: retry }, 'Try again') : null);
}

export function messageOf(err) {
  if (err instanceof ApiError) return err.message;
  console.error(err);
  return 'Something unexpected happened. Please reload the page.';
}

export function alertBox(kind = 'error') {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status', hidden: true });
}

export function showAlert(box, message, kind) {
  if (kind) box.className = `alert alert-${kind}`;
  replace(box, message);
  box.hidden = !message;
}

/** A labelled form field: returns the wrapper; the control is `wrapper.control`. */
export function field({ label, name, type = 'text', value, hint, required, attrs = {}, control }) {
  const id = nextId(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const input = control || h(type === 'textarea' ? 'textarea' : 'input', {
    id, name, ...(type === 'textarea' ? {} : { type }), required, ...attrs,
  });
  if (control) {
    input.id = id;
    input.name = name;
    if (required) input.required = true;
  }
  if (value !== undefined && value !== null && type !== 'checkbox') input.value = value;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const wrapper = h('div', { class: `field field-${type}` },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    input,
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    errorEl);
  wrapper.control = input;
  return wrapper;
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    const err = document.getElementById(`${el.id}-error`);
    if (err) {
      err.hidden = true;
      err.textContent = '';
    }
    const described = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== `${el.id}-error`);
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  }
}

/** Marks the fields named in an API error's `details`; returns true when one was marked. */
export function showFieldErrors(form, details, aliases = {}) {
  if (!details || typeof details !== 'object') return false;
  let first = null;
  for (const [key, problem] of Object.entries(details)) {
    const name = aliases[key] || key;
    const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!el) continue;
    setFieldError(el, typeof problem === 'string' ? problem : JSON.stringify(problem));
    first = first || el;
  }
  if (first) first.focus();
  return !!first;
}

export function setFieldError(el, message) {
  el.setAttribute('aria-invalid', 'true');
  let err = document.getElementById(`${el.id}-error`);
  if (!err) return;
  err.textContent = message;
  err.hidden = false;
  const described = new Set((el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(err.id);
  el.setAttribute('aria-describedby', [...described].join(' '));
}

export function pageHeader(title, subtitle, actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', {}, title), subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    actions ? h('div', { class: 'page-actions' }, actions) : null);
}

/** Previous / next paging with "21–40 of 95". onPage(newOffset). */
export function pager({ offset, limit, total, onPage, label = 'Pages' }) {
  if (!total || total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { class: 'btn btn-secondary', type: 'button', disabled: offset <= 0, onClick: () => onPage(Math.max(0, offset - limit)) },
      h('span', { 'aria-hidden': 'true' }, '← '), 'Previous'),
    h('p', { class: 'pager-status' }, `${from}–${to} of ${total} · page ${page} of ${pages}`),
    h('button', { class: 'btn btn-secondary', type: 'button', disabled: to >= total, onClick: () => onPage(offset + limit) },
      'Next', h('span', { 'aria-hidden': 'true' }, ' →')));
}

export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export const STATUS_LABEL = {
  held: 'Held', confirmed: 'Confirmed', cancelled: 'Cancelled', expired: 'Expired',
  draft: 'Draft', published: 'Published',
};

export function statusBadge(status) {
  return badge(STATUS_LABEL[status] || status, `status-${status}`);
}

/** Disables a button while `fn` runs, with a busy label. */
export async function busy(button, label, fn) {
  const old = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = old;
  }
}
