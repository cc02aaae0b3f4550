// The signed-in user: the access token (JWT) and the user object, kept in localStorage.
const TOKEN_KEY = 'proeventa.token';
const USER_KEY = 'proeventa.user';
const listeners = new Set();

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function token() {
  const t = read(TOKEN_KEY);
  if (!t) return null;
  // Drop a token whose exp has passed: the next protected call would only bounce with 401.
  try {
    const payload = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (payload.exp && payload.exp * 1000 < Date.now()) {
      clearSession();
      return null;
    }
  } catch {
    /* not a JWT we can read: let the server decide */
  }
  return t;
}

export function currentUser() {
  if (!token()) return null;
  try {
    return JSON.parse(read(USER_KEY) || 'null');
  } catch {
    return null;
  }
}

export function isSignedIn() {
  return currentUser() !== null;
}

export function hasRole(...roles) {
  const user = currentUser();
  return !!user && roles.includes(user.role);
}

export function setSession(accessToken, user) {
  localStorage.setItem(TOKEN_KEY, accessToken);
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  notify();
}

export function updateUser(user) {
  if (!token()) return;
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  notify();
}

export function clearSession() {
  const had = read(TOKEN_KEY) !== null;
  try {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  } catch {
    /* storage unavailable */
  }
  if (had) notify();
}

export function onAuthChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function notify() {
  for (const fn of listeners) fn(currentUser());
}

// Another tab signed in or out.
window.addEventListener('storage', (e) => {
  if (e.key === TOKEN_KEY || e.key === USER_KEY) notify();
});
