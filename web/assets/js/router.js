// History-API router. Routes (routes.json, shared with the server) map path patterns
// ("/event/:id") to lazily imported page modules.
// A page module's default export renders into the outlet: `async (ctx) => controller?`, where
// the controller may have `onQuery(query)` to take a query-string change without re-rendering.
import { isSignedIn, hasRole } from './auth.js';
import { compileRoutes, matchRoute } from './route-patterns.js';

let routes = [];
let outlet = null;
let current = null; // {route, params, controller, abort, cleanups, key}
let hooks = { onNavigate: () => {}, loadPage: null, notFound: null, forbidden: null };
let navCount = 0;

/**
 * defineRoutes(table, {loadPage, notFound, forbidden, onNavigate, onError}): `table` is the parsed
 * routes.json; `loadPage(name)` imports a page module by the name a route gives.
 */
export function defineRoutes(table, opts) {
  routes = compileRoutes(table);
  hooks = { ...hooks, ...opts };
}

function match(pathname) {
  return matchRoute(routes, pathname);
}

export function currentPath() {
  return window.location.pathname + window.location.search;
}

export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, window.location.origin);
  const href = target.pathname + target.search + target.hash;
  if (replace) history.replaceState({}, '', href);
  else if (href !== currentPath()) history.pushState({}, '', href);
  return render();
}

/** Change the query string of the current page (filters, paging) as a new history entry. */
export function setQuery(params, { replace = false } = {}) {
  const url = new URL(window.location.href);
  url.search = '';
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) url.searchParams.set(k, String(v));
  }
  return navigate(url.pathname + url.search, { replace });
}

export function loginUrl(next = currentPath()) {
  return `/login?next=${encodeURIComponent(next)}`;
}

function teardown() {
  if (!current) return;
  current.abort.abort();
  for (const fn of current.cleanups.splice(0)) {
    try {
      fn();
    } catch (err) {
      console.warn('cleanup failed', err);
    }
  }
}

export async function render() {
  const { pathname } = window.location;
  const query = new URLSearchParams(window.location.search);
  const found = match(pathname);
  const key = found ? `${found.route.path}|${JSON.stringify(found.params)}` : `404|${pathname}`;

  // Same page, new query: let the page update itself when it can.
  if (current && current.key === key && current.controller && current.controller.onQuery) {
    current.controller.onQuery(query);
    return;
  }

  teardown();
  navCount += 1;
  const thisNav = navCount;
  const abort = new AbortController();
  const cleanups = [];
  current = { key, abort, cleanups, controller: null };

  const route = found && found.route;
  let loader = route && (() => hooks.loadPage(route.page));
  if (route && route.auth && !isSignedIn()) {
    navigate(loginUrl(), { replace: true });
    return;
  }
  if (route && route.roles && !hasRole(...route.roles)) loader = hooks.forbidden;
  if (!route) loader = hooks.notFound;

  const ctx = {
    params: found ? found.params : {},
    query,
    outlet,
    signal: abort.signal,
    onCleanup: (fn) => cleanups.push(fn),
    isCurrent: () => thisNav === navCount,
  };
  hooks.onNavigate(pathname);
  outlet.setAttribute('aria-busy', 'true');
  try {
    const mod = await loader();
    if (thisNav !== navCount) return;
    outlet.replaceChildren();
    const controller = await mod.default(ctx);
    if (thisNav !== navCount) return;
    current.controller = controller || null;
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (thisNav !== navCount) return;
    if (hooks.onError) hooks.onError(err, ctx);
    else throw err;
  } finally {
    if (thisNav === navCount) outlet.removeAttribute('aria-busy');
  }
  if (thisNav === navCount && navCount > 1) focusHeading();
}

function focusHeading() {
  const heading = outlet.querySelector('h1');
  const target = heading || outlet;
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

export function setTitle(title) {
  document.title = title ? `${title} · ProEventa` : 'ProEventa — tickets for concerts, theatre and more';
}

function onClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (!match(url.pathname) && url.pathname.startsWith('/docs')) return; // server pages
  e.preventDefault();
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) {
    document.getElementById(url.hash.slice(1))?.scrollIntoView();
    return;
  }
  navigate(url.pathname + url.search + url.hash);
}

export function start(el) {
  outlet = el;
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', () => render());
  return render();
}

export function hasRoute(pathname) {
  return !!match(pathname);
}
