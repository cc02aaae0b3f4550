// Admin: the users, searchable and paged, with role changes.
import { h, replace } from '../dom.js';
import { api, isAbort, ApiError } from '../api.js';
import { currentUser, updateUser } from '../auth.js';
import { setTitle, setQuery } from '../router.js';
import { dateTime } from '../format.js';
import { spinner, errorState, emptyState, pageHeader, pager, field, toast, confirmDialog } from '../ui.js';

const LIMIT = 25;
const ROLES = ['customer', 'organizer', 'admin'];

export default async function adminUsers({ outlet, query, signal }) {
  setTitle('Users');
  const me = currentUser();
  const q = field({ label: 'Search by name or email', name: 'q', type: 'search' });
  const form = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Users' }, q, h('button', { class: 'btn btn-secondary', type: 'submit' }, 'Search'));
  const summary = h('p', { class: 'results-status', role: 'status' });
  const body = h('div', {});
  outlet.append(pageHeader('Users', 'Give people the organizer or admin role.'), form, summary, body);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setQuery({ q: q.control.value.trim() });
  });

  let state = { q: query.get('q') || '', offset: Number(query.get('offset')) || 0 };

  function roleControl(user) {
    const id = `role-${user.id}`;
    const select = h('select', { id }, ROLES.map((r) => h('option', { value: r }, r[0].toUpperCase() + r.slice(1))));
    select.value = user.role;
    select.addEventListener('change', async () => {
      const role = select.value;
      if (user.id === me.id && role !== 'admin') {
        const ok = await confirmDialog({ title: 'Remove your own admin role?', message: 'You will lose access to this page.', confirmLabel: 'Change my role' });
        if (!ok) {
          select.value = user.role;
          return;
        }
      }
      select.disabled = true;
      try {
        const updated = await api.patch(`/auth/users/${user.id}/role`, { role });
        user.role = updated.role;
        toast(`${user.email} is now ${updated.role}.`, 'success');
        if (user.id === me.id) updateUser({ ...me, role: updated.role });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        select.value = user.role;
        toast(err.message, 'error');
      } finally {
        select.disabled = false;
      }
    });
    return h('div', { class: 'field-inline' }, h('label', { for: id, class: 'visually-hidden' }, `Role of ${user.email}`), select);
  }

  async function load() {
    q.control.value = state.q;
    replace(body, spinner('Loading users…'));
    try {
      const page = await api.list('/auth/users', { signal, query: { q: state.q, limit: LIMIT, offset: state.offset } });
      summary.textContent = `${page.total} ${page.total === 1 ? 'user' : 'users'}`;
      if (!page.items.length) {
        replace(body, emptyState('No users found', 'Try another name or email.'));
        return;
      }
      replace(body, h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Users'),
        h('thead', {}, h('tr', {}, ['Name', 'Email', 'Joined', 'Role'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, page.items.map((u) => h('tr', {},
          h('td', { 'data-label': 'Name' }, u.full_name || '—'),
          h('td', { 'data-label': 'Email' }, u.email),
          h('td', { 'data-label': 'Joined' }, dateTime(u.created_at, undefined, { dateStyle: 'medium' })),
          h('td', { 'data-label': 'Role' }, roleControl(u))))))),
      pager({ offset: state.offset, limit: LIMIT, total: page.total, onPage: (o) => setQuery({ q: state.q, offset: o || '' }) }));
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorState(err, load));
    }
  }
  await load();
  return {
    onQuery(nq) {
      state = { q: nq.get('q') || '', offset: Number(nq.get('offset')) || 0 };
      load();
    },
  };
}
