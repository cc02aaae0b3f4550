// Create an account, sign in straight away, go back to where the user was.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { currentUser } from '../auth.js';
import { navigate, setTitle } from '../router.js';
import { field, alertBox, showAlert, clearFieldErrors, showFieldErrors, setFieldError, busy, toast } from '../ui.js';
import { safeNext, logIn } from './login.js';
import { PASSWORD_HINT, passwordProblem } from '../password-rules.js';

export default function signup({ outlet, query }) {
  setTitle('Sign up');
  const next = safeNext(query);
  if (currentUser()) {
    navigate(next, { replace: true });
    return;
  }
  const alert = alertBox();
  const name = field({ label: 'Full name', name: 'full_name', required: true, attrs: { autocomplete: 'name', maxlength: 200 } });
  const email = field({ label: 'Email', name: 'email', type: 'email', required: true, attrs: { autocomplete: 'email' } });
  const password = field({
    label: 'Password', name: 'password', type: 'password', required: true,
    // No minlength/maxlength: the browser counts UTF-16 units, the server counts code points.
    hint: PASSWORD_HINT, attrs: { autocomplete: 'new-password' },
  });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Create account');
  const form = h('form', { class: 'form', novalidate: true }, alert, name, email, password, submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    showAlert(alert, '');
    const values = {
      full_name: name.control.value.trim(),
      email: email.control.value.trim(),
      password: password.control.value,
    };
    let bad = null;
    if (!values.full_name) { setFieldError(name.control, 'Enter your name.'); bad = bad || name.control; }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) { setFieldError(email.control, 'Enter a valid email address.'); bad = bad || email.control; }
    const weak = passwordProblem(values.password, values.email);
    if (weak) { setFieldError(password.control, weak); bad = bad || password.control; }
    if (bad) {
      bad.focus();
      return;
    }
    try {
      await busy(submit, 'Creating your account…', async () => {
        await api.post('/auth/signup', values, { auth: false });
        await logIn(values.email, values.password);
      });
      toast('Welcome to ProEventa! Your account is ready.', 'success');
      navigate(next, { replace: true });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'email_taken') {
        setFieldError(email.control, 'An account with this email already exists. Log in instead?');
        email.control.focus();
        return;
      }
      if (err.code === 'weak_password') {
        setFieldError(password.control, err.message);
        password.control.focus();
        return;
      }
      showAlert(alert, err.message);
      showFieldErrors(form, err.details);
    }
  });
  const loginHref = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  outlet.append(h('section', { class: 'auth-card card' },
    h('h1', {}, 'Create your account'),
    h('p', { class: 'page-subtitle' }, 'Book seats in seconds and keep all your tickets in one place.'),
    form,
    h('p', { class: 'auth-switch' }, 'Already have an account? ', h('a', { href: loginHref }, 'Log in'))));
}
