// The SPA's routes come from /routes.json, which the server reads too (src/http/spa_routes.cpp)
// to answer 200 for these pages and 404 for any other path. Both sides must agree on what a
// pattern matches, so the rules here mirror the server's: compare segment by segment, each
// segment percent-decoded on its own ("%2F" never splits one), no trailing slash, and ':name'
// matches the kind declared for it under "params".
const KINDS = {
  // The API's `{id}` rule: a positive 64-bit integer without leading zeros.
  positive_integer: /^[1-9][0-9]{0,17}$/,
};
const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PAGE = /^[a-z0-9-]+$/; // a module name under pages/, nothing that could climb out of it

function compilePath(path, params) {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new Error(`routes.json: bad path ${path}`);
  if (path === '/') return [];
  return path.slice(1).split('/').map((part) => {
    if (part.startsWith(':')) {
      const name = part.slice(1);
      const test = KINDS[params[name]];
      if (!test) throw new Error(`routes.json: parameter :${name} in ${path} has no known kind`);
      return { name, test };
    }
    if (!LITERAL.test(part)) throw new Error(`routes.json: ${path} has an empty or unusual segment`);
    return { literal: part };
  });
}

/** [{...route, segments}] from the parsed routes.json. */
export function compileRoutes(table) {
  return table.routes.map((route) => {
    if (!PAGE.test(route.page || '')) throw new Error(`routes.json: ${route.path} needs a page name`);
    return { ...route, segments: compilePath(route.path, table.params || {}) };
  });
}

function splitPath(pathname) {
  if (pathname === '/') return [];
  try {
    return pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return null; // malformed escapes name no page (the server agrees)
  }
}

/** {route, params} for the first route matching `pathname` (as in location.pathname), or null. */
export function matchRoute(routes, pathname) {
  const parts = splitPath(pathname);
  if (!parts) return null;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params = {};
    const ok = route.segments.every((seg, i) => {
      if (!seg.name) return seg.literal === parts[i];
      params[seg.name] = parts[i];
      return seg.test.test(parts[i]);
    });
    if (ok) return { route, params };
  }
  return null;
}
