// The account page: change the name, change the password (the server revokes every older token
// and answers this device a new one), sign out everywhere, delete the account.
import { h } from '../dom.js';
import { api, ApiError, isAbort } from '../api.js';
import { currentUser, setSession, updateUser, clearSession } from '../auth.js';
import { navigate, setTitle } from '../router.js';
import { field, alertBox, showAlert, clearFieldErrors, showFieldErrors, setFieldError, busy, toast, confirmDialog,
  pageHeader, spinner, errorState } from '../ui.js';
import { PASSWORD_HINT, passwordProblem } from '../password-rules.js';

export default async function accountPage({ outlet, signal }) {
  setTitle('Your account');
  const loading = spinner('Loading your account…');
  outlet.append(loading);
  let me;
  try {
    me = await api.get('/auth/me', { signal });
  } catch (err) {
    if (isAbort(err)) return;
    loading.replaceWith(errorState(err));
    return;
  }
  loading.remove();

  // --- name -------------------------------------------------------------------------------
  const nameAlert = alertBox();
  const name = field({ label: 'Full name', name: 'full_name', value: me.full_name, required: true, attrs: { autocomplete: 'name', maxlength: 200 } });
  const nameSave = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save name');
  const nameForm = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'acct-name' }, nameAlert, name, nameSave);
  nameForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(nameForm);
    showAlert(nameAlert, '');
    const fullName = name.control.value.trim();
    if (!fullName) {
      setFieldError(name.control, 'Enter your name.');
      name.control.focus();
      return;
    }
    try {
      const updated = await busy(nameSave, 'Saving…', () => api.patch('/auth/me', { full_name: fullName }));
      updateUser({ ...currentUser(), ...updated });
      showAlert(nameAlert, 'Your name was saved.', 'success');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showAlert(nameAlert, err.message, 'error');
      showFieldErrors(nameForm, err.details);
    }
  });

  // --- password ---------------------------------------------------------------------------
  const pwAlert = alertBox();
  const current = field({ label: 'Current password', name: 'current_password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } });
  const next = field({ label: 'New password', name: 'password', type: 'password', required: true, hint: PASSWORD_HINT, attrs: { autocomplete: 'new-password' } });
  const pwSave = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Change password');
  const pwForm = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'acct-password' }, pwAlert, current, next, pwSave);
  pwForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(pwForm);
    showAlert(pwAlert, '');
    let bad = null;
    if (!current.control.value) { setFieldError(current.control, 'Enter your current password.'); bad = current.control; }
    const weak = passwordProblem(next.control.value, me.email);
    if (weak) { setFieldError(next.control, weak); bad = bad || next.control; }
    if (bad) {
      bad.focus();
      return;
    }
    try {
      const updated = await busy(pwSave, 'Changing…', () => api.patch('/auth/me', {
        current_password: current.control.value, password: next.control.value,
      }));
      // Every older token is revoked now; this device carries on with the new one.
      if (updated.access_token) setSession(updated.access_token, { ...currentUser(), ...updated });
      current.control.value = '';
      next.control.value = '';
      showAlert(pwAlert, 'Your password was changed. Other devices have to log in again.', 'success');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 403) {
        setFieldError(current.control, 'That is not your current password.');
        current.control.focus();
        return;
      }
      if (err.code === 'weak_password') {
        setFieldError(next.control, err.message);
        next.control.focus();
        return;
      }
      showAlert(pwAlert, err.message, 'error');
      showFieldErrors(pwForm, err.details);
    }
  });

  // --- sign out everywhere ----------------------------------------------------------------
  const everywhere = h('button', { class: 'btn btn-secondary', type: 'button' }, 'Sign out everywhere');
  everywhere.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Sign out everywhere?',
      message: 'Every device signed in to your account is signed out, this one too.',
      confirmLabel: 'Sign out everywhere', cancelLabel: 'Stay signed in', danger: false,
    });
    if (!ok) return;
    try {
      await busy(everywhere, 'Signing out…', () => api.post('/auth/me/sign-out-everywhere', {}));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      toast(err.message, 'error');
      return;
    }
    clearSession();
    toast('You are signed out on every device.', 'success');
    navigate('/login');
  });

  // --- delete -----------------------------------------------------------------------------
  const delAlert = alertBox();
  const delPassword = field({ label: 'Password', name: 'current_password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } });
  const delBtn = h('button', { class: 'btn btn-danger', type: 'submit' }, 'Delete my account');
  const delForm = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'acct-delete' }, delAlert, delPassword, delBtn);
  delForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(delForm);
    showAlert(delAlert, '');
    if (!delPassword.control.value) {
      setFieldError(delPassword.control, 'Enter your password to confirm.');
      delPassword.control.focus();
      return;
    }
    const ok = await confirmDialog({
      title: 'Delete your account?',
      message: 'Your upcoming bookings are cancelled and you are signed out everywhere. This cannot be undone.',
      confirmLabel: 'Delete account', cancelLabel: 'Keep my account',
    });
    if (!ok) return;
    try {
      await busy(delBtn, 'Deleting…', () => api.del('/auth/me', { body: { current_password: delPassword.control.value } }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 403) {
        setFieldError(delPassword.control, 'That is not your password.');
        delPassword.control.focus();
        return;
      }
      showAlert(delAlert, err.message, 'error');
      return;
    }
    clearSession();
    toast('Your account was deleted.', 'success');
    navigate('/');
  });

  outlet.append(
    pageHeader('Your account', me.email),
    h('section', { class: 'card account-section' }, h('h2', { class: 'h3', id: 'acct-name' }, 'Name'), nameForm),
    h('section', { class: 'card account-section' }, h('h2', { class: 'h3', id: 'acct-password' }, 'Password'), pwForm),
    h('section', { class: 'card account-section' }, h('h2', { class: 'h3', id: 'acct-sessions' }, 'Devices'),
      h('p', {}, 'Lost a phone, or signed in on a shared computer? Sign out on every device at once.'), everywhere),
    h('section', { class: 'card account-section account-danger' }, h('h2', { class: 'h3', id: 'acct-delete' }, 'Delete account'),
      h('p', {}, 'Your upcoming bookings are cancelled; past ones are kept without your name or email.'), delForm));
}
