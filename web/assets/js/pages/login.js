// Log in, then go back to where the user was (?next=).
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { setSession, currentUser } from '../auth.js';
import { navigate, setTitle } from '../router.js';
import { field, alertBox, showAlert, clearFieldErrors, showFieldErrors, busy, toast } from '../ui.js';

export function safeNext(query) {
  const next = query.get('next') || '/';
  // Only local paths: never bounce to another site or back to the auth pages.
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/login') || next.startsWith('/signup')) return '/';
  return next;
}

export async function logIn(email, password) {
  const res = await api.post('/auth/login', { email, password }, { auth: false });
  setSession(res.access_token, res.user);
  return res.user;
}

export default function login({ outlet, query }) {
  setTitle('Log in');
  const next = safeNext(query);
  if (currentUser()) {
    navigate(next, { replace: true });
    return;
  }
  const alert = alertBox();
  const email = field({ label: 'Email', name: 'email', type: 'email', required: true, attrs: { autocomplete: 'email' } });
  const password = field({ label: 'Password', name: 'password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Log in');
  const form = h('form', { class: 'form', novalidate: true }, alert, email, password, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    showAlert(alert, '');
    if (!email.control.value.trim() || !password.control.value) {
      showAlert(alert, 'Enter your email and password.');
      (email.control.value.trim() ? password.control : email.control).focus();
      return;
    }
    try {
      await busy(submit, 'Logging in…', () => logIn(email.control.value.trim(), password.control.value));
      toast('Welcome back!', 'success');
      navigate(next, { replace: true });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const msg = err.code === 'invalid_credentials' ? 'That email and password do not match an account.' : err.message;
      showAlert(alert, msg);
      if (!showFieldErrors(form, err.details)) password.control.focus();
    }
  });
  const signupHref = next === '/' ? '/signup' : `/signup?next=${encodeURIComponent(next)}`;
  outlet.append(h('section', { class: 'auth-card card' },
    h('h1', {}, 'Log in'),
    h('p', { class: 'page-subtitle' }, query.get('next') ? 'Log in to continue where you left off.' : 'Good to see you again.'),
    form,
    h('p', { class: 'auth-switch' }, 'New to ProEventa? ', h('a', { href: signupHref }, 'Create an account'))));
}
