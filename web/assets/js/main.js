// Entry point: routes, the header navigation and the global 401 / error handling.
import { defineRoutes, start, navigate, loginUrl, currentPath } from './router.js';
import { onUnauthorized } from './api.js';
import { currentUser, clearSession, onAuthChange } from './auth.js';
import { h, replace } from './dom.js';
import { toast, errorState } from './ui.js';
import routeTable from '../../routes.json' with { type: 'json' };

const page = (name) => () => import(`./pages/${name}.js`);
const STAFF = ['organizer', 'admin'];

// The server reads the same table to tell its pages from a 404. Event pages live under /event/:
// the server keeps /events/… for the API (gateway layout).
defineRoutes(routeTable, {
  loadPage: (name) => import(`./pages/${name}.js`),
  notFound: page('not-found'),
  forbidden: page('forbidden'),
  onNavigate: (pathname) => {
    highlightNav(pathname);
    closeMenu();
  },
  onError: (err, ctx) => {
    replace(ctx.outlet, h('h1', {}, 'Something went wrong'), errorState(err, () => navigate(currentPath(), { replace: true })));
  },
});

// A 401 on a signed-in request: the session is gone; log in and come back here.
onUnauthorized((err) => {
  if (window.location.pathname === '/login') return;
  toast(err.code === 'token_expired' ? 'Your session expired. Please log in again.' : 'Please log in to continue.', 'info');
  navigate(loginUrl(), { replace: true });
});

const nav = document.getElementById('site-nav');
const toggle = document.querySelector('.nav-toggle');

function link(href, text) {
  return h('a', { href, class: 'nav-link', dataset: { nav: href } }, text);
}

function renderNav(user) {
  const items = [link('/', 'Events')];
  if (user) items.push(link('/me/reservations', 'My tickets'));
  if (user) items.push(link('/me/account', 'Account'));
  if (user && STAFF.includes(user.role)) items.push(link('/organizer', 'Organizer'));
  if (user && user.role === 'admin') items.push(link('/admin/users', 'Users'));
  const account = user
    ? h('div', { class: 'nav-account' },
      h('span', { class: 'nav-user' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), user.full_name || user.email),
      h('button', { class: 'btn btn-ghost btn-sm', type: 'button', onClick: logout }, 'Log out'))
    : h('div', { class: 'nav-account' },
      h('a', { href: '/login', class: 'btn btn-ghost btn-sm', dataset: { nav: '/login' } }, 'Log in'),
      h('a', { href: '/signup', class: 'btn btn-primary btn-sm', dataset: { nav: '/signup' } }, 'Sign up'));
  replace(nav, h('ul', { class: 'nav-list' }, items.map((a) => h('li', {}, a))), account);
  highlightNav(window.location.pathname);
}

function highlightNav(pathname) {
  for (const a of nav.querySelectorAll('[data-nav]')) {
    const target = a.dataset.nav;
    const active = target === '/' ? pathname === '/' || pathname === '/events' || pathname.startsWith('/event/') : pathname.startsWith(target);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function logout() {
  clearSession();
  toast('You are logged out. See you soon!', 'success');
  navigate('/');
}

function closeMenu() {
  toggle.setAttribute('aria-expanded', 'false');
  nav.classList.remove('open');
}

toggle.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  nav.classList.toggle('open', open);
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && nav.classList.contains('open')) {
    closeMenu();
    toggle.focus();
  }
});

onAuthChange((user) => renderNav(user));
renderNav(currentUser());
start(document.getElementById('main'));
