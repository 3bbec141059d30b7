// 城管通 service worker: keeps the app shell available offline. API calls are never cached here;
// the app queues its writes in IndexedDB and sends them when the network is back.
const CACHE = 'xiuhua-app-v1';
const SHELL = '/app/';

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(
    assets.map(async (url) => {
      try {
        const asset = await fetch(url, { cache: 'no-store' });
        if (asset.ok) await cache.put(url, asset);
      } catch {
        // An asset that cannot be fetched now is cached on its next successful load.
      }
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  const isPage = event.request.mode === 'navigate';
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(isPage ? SHELL : event.request, response.clone());
        return response;
      } catch (error) {
        const cached = await cache.match(isPage ? SHELL : event.request);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
