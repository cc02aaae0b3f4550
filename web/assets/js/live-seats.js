// Live seat states for the event page. Listens to the server's stream of seat changes
// (Server-Sent Events: a snapshot, then updates as seats are taken and released, pushed within a
// quarter second, on any instance); where streams are unavailable it polls the compact state
// with If-None-Match, so an unchanged map costs a bodiless 304. Nothing runs while the tab is
// hidden; on return it resumes from where it left off (the browser's Last-Event-ID) or a
// fresh snapshot.
//
// watchSeats(eventId, onStates) calls onStates(changes, { snapshot }) where `changes` is a Map of
// seat id -> 'available' | 'held' | 'reserved' (a snapshot lists every seat that is not
// available, and `snapshot` is true: seats it does not list are available), or, for general
// admission, onPlaces(placesAvailable). Returns a function that stops watching.

const POLL_MS = 4000;

export function watchSeats(eventId, { onStates = () => {}, onPlaces = () => {}, onMode = () => {} } = {}) {
  let source = null;
  let pollTimer = null;
  let etag = null;
  let failures = 0;
  let stopped = false;
  const base = `/events/events/${eventId}/seats`;

  function applySnapshot(data) {
    if (data.seated === false) return onPlaces(data.places_available);
    const changes = new Map();
    for (const id of data.held || []) changes.set(id, 'held');
    for (const id of data.reserved || []) changes.set(id, 'reserved');
    onStates(changes, { snapshot: true });
  }

  function applyUpdate(data) {
    if (data.places_available !== undefined) return onPlaces(data.places_available);
    onStates(new Map(data.changes || []), { snapshot: false });
  }

  async function poll() {
    if (stopped || document.hidden) return;
    try {
      const res = await fetch(`${base}/state`, {
        headers: etag ? { 'If-None-Match': etag, Accept: 'application/json' } : { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (res.status === 200) {
        etag = res.headers.get('ETag');
        applySnapshot(await res.json());
      }
    } catch (err) {
      console.warn('seat state poll failed', err);
    }
  }

  function startPolling() {
    if (pollTimer || stopped) return;
    onMode('polling');
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function startStream() {
    if (stopped || source || document.hidden) return;
    if (typeof EventSource !== 'function') return startPolling();
    source = new EventSource(`${base}/stream`);
    source.addEventListener('open', () => {
      failures = 0;
      stopPolling();
      onMode('live');
    });
    source.addEventListener('snapshot', (e) => applySnapshot(JSON.parse(e.data)));
    source.addEventListener('update', (e) => applyUpdate(JSON.parse(e.data)));
    source.addEventListener('error', () => {
      // The browser reconnects by itself (the server asks for 2 s). Poll meanwhile, and give up
      // on the stream when it keeps failing (a proxy that does not pass streams through).
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 5) {
        source.close();
        source = null;
        if (failures >= 5) return startPolling();
        setTimeout(startStream, 2000);
      }
      startPolling();
    });
  }

  function onVisibility() {
    if (document.hidden) {
      if (source) {
        source.close();
        source = null;
      }
      stopPolling();
    } else if (failures >= 5) {
      startPolling();
    } else {
      startStream();
    }
  }

  document.addEventListener('visibilitychange', onVisibility);
  startStream();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisibility);
    if (source) source.close();
    stopPolling();
  };
}
