// Low Carbon Together's service worker: the app opens and the record page works without a network. Records made
// offline wait in the page's outbox (js/outbox.js) with their Idempotency-Key and are sent when the network returns;
// the service worker itself never sends anything on its own.
const CACHE = 'lct-shell-v1';
const SHELL = ['/offline', '/css/app.css', '/js/app.js', '/js/early.js', '/js/outbox.js', '/images/logo.svg', '/webjars/lucide-static/sprite.svg',
  '/images/icon-192.png', '/webjars/picocss__pico/css/pico.min.css', '/webjars/htmx.org/dist/htmx.min.js'];
// Pages kept for offline use: the record page only (others show personal data that should not linger on a phone).
const KEPT_PAGES = ['/record'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).then(response => {
      if (response.ok && KEPT_PAGES.includes(url.pathname)) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(url.pathname, copy));
      }
      return response;
    }).catch(() => caches.match(url.pathname).then(kept => kept || caches.match('/offline'))));
    return;
  }
  if (SHELL.includes(url.pathname) || url.pathname.startsWith('/webjars/') || url.pathname.startsWith('/images/')
      || url.pathname.startsWith('/js/vendor/')) {
    // Static files (the vendored ones include the maps' bundled basemap): from the network when it answers (so
    // updates arrive), else as kept.
    event.respondWith(fetch(request).then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request)));
  }
});
