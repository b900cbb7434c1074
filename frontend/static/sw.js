// tonghop's service worker: the app opens with no network, and API reads
// fall back to the last answer seen. `cargo xtask build-frontend` fills in
// the %…% placeholders; sw.test.mjs (beside this file) tests it under Node.
//
// Hand-written rather than Workbox: the build is Rust only, with no node
// step to bundle a library; three strategies are needed (cache first for the
// app, network first for API reads, untouched for the rest), and a file this
// size can be read whole and is tested.
//
// One worker serves one app: index.html registers `/sw.js?app=reporter` or
// `/sw.js?app=office`, the app it chose, and the install precaches the shared
// files and that app's js and wasm only, so a village phone never downloads
// the office app and an office user never the reporter app. When the chosen
// app changes (another user on the phone), the registration's URL changes
// and the browser installs the worker again for the other app.
//
// Caches:
//   tonghop-app-<app>-<version>  what this app of this build needs offline,
//                          filled at install. The other app's cache of the
//                          same build is kept (a switch back costs nothing);
//                          the next build's activation drops both.
//   tonghop-runtime        hashed files fetched by a page that no cache held
//                          (another app's, another build's); pruned at activation
//   tonghop-data           the last answer to each API read; emptied on logout
//                          (the app posts {type: "clear-data"}); never pruned
// Writes are never queued here: the app keeps its own queue of unsent saves.

const VERSION = '%VERSION%';
const RUNTIME = 'tonghop-runtime';
const DATA = 'tonghop-data';
// What every install fetches, whichever app: the page, style, manifest, and
// the icons the page names (not the manifest's large ones: see dist.rs).
const PRECACHE = %PRECACHE%;
// Each app's own files in this build (VERSION covers both): its js and
// wasm, and the office's own stylesheet.
const APPS = {
  reporter: ['%REPORTER_JS%', '%REPORTER_WASM%'],
  office: ['%OFFICE_JS%', '%OFFICE_WASM%', '%OFFICE_CSS%'],
};
const INDEX = '/index.html';
const HASHED = /-[0-9a-f]{16}\.(js|wasm|css)$/;
const API_TIMEOUT_MS = 10000;
// Older hashed files kept in tonghop-runtime at activation: one js/wasm pair.
const KEEP_OLD_RUNTIME = 2;
// Vary (Accept-Encoding, …) must not make a stored copy miss.
const MATCH = { ignoreVary: true };
const TIMED_OUT = Symbol('timed out');

// The app a worker's script URL names; anything but "office" (a missing or
// unknown ?app=, the bare /sw.js of builds before it) is the reporter app.
function appOf(scriptURL) {
  return new URL(scriptURL).searchParams.get('app') === 'office' ? 'office' : 'reporter';
}

const APP = appOf(self.location.href);
const APP_FILES = APPS[APP];
const appCache = (app) => `tonghop-app-${app}-${VERSION}`;
const APP_CACHE = appCache(APP);

// Bumped by clear-data, so that a read begun for the previous user cannot
// put its answer back after the data cache was emptied.
let generation = 0;

self.addEventListener('install', (event) => {
  // No skipWaiting for an update: the new version waits until the user asks
  // for it (except on a change of app, below).
  event.waitUntil(install());
});

async function install() {
  // index.html first, revalidated, and checked to be of the same build as
  // this file: a deploy between the two downloads must not pair this worker
  // with a page whose js and wasm it has not stored. A throw fails the
  // install; the version in use keeps serving and the browser tries again later.
  const index = await fetch(new Request(INDEX, { cache: 'no-cache' }));
  if (!index.ok) throw new Error(`${INDEX}: ${index.status}`);
  const html = await index.clone().text();
  const named = [...APP_FILES, ...PRECACHE.filter((url) => HASHED.test(url))];
  if (named.some((url) => !html.includes(url))) throw new Error(`${INDEX} is not of build ${VERSION} (${APP})`);
  const cache = await caches.open(APP_CACHE);
  const urls = [];
  for (const url of [...PRECACHE.filter((url) => url !== INDEX), ...APP_FILES]) {
    // A hashed file never changes, so a copy stored anywhere is right: this
    // cache's own (a switch back to an app of this build), or the runtime
    // cache's (what the page fetched through the previous app's worker).
    if (HASHED.test(url)) {
      if (await cache.match(url, MATCH)) continue;
      const stored = await caches.match(url, MATCH);
      if (stored) {
        await cache.put(url, stored);
        continue;
      }
    }
    urls.push(url);
  }
  // Hashed files may come from the HTTP cache (the page has just downloaded
  // them); the others are revalidated. addAll stores all or nothing, and the
  // page goes in last, so a cache without index.html serves nothing.
  await cache.addAll(urls.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' })));
  await cache.put(INDEX, index);
  // A change of app, not an update: the page that registered this worker
  // already runs this app, and nothing reloads, so this worker takes over at
  // once (index.html shows no banner for it). Left waiting, it would leave
  // the phone on the other app's precache until every tab was closed.
  const active = self.registration.active;
  if (active && appOf(active.scriptURL) !== APP) await self.skipWaiting();
}

self.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

async function activate() {
  // Reached only after this worker's install stored everything, so the app
  // caches of other builds can go; this build's cache of the other app stays
  // (it holds nothing another build could use, and nothing is downloaded
  // for it). tonghop-data is never touched here: an update or a change of
  // app must not take the figures away.
  const mine = [appCache('reporter'), appCache('office')];
  const others = (await caches.keys()).filter((name) => name.startsWith('tonghop-app-') && name !== APP_CACHE);
  await Promise.all(others.filter((name) => !mine.includes(name)).map((name) => caches.delete(name)));
  await pruneRuntime();
  // First install only: the page that registered this worker loaded without
  // one; claiming it lets its next API reads be stored, so the very first
  // visit already works offline. On an update (or a change of app) the open
  // pages move to this worker by skipWaiting; pages loaded without a worker
  // on purpose (a hard reload) are left alone.
  if (others.length === 0) await self.clients.claim();
}

// tonghop-runtime holds hashed files that a page fetched and no cache held.
// This app's files of this build are in the app cache now, so a copy here
// is dropped; the other app's files of this build stay (a switch back); of
// older builds' files the newest KEEP_OLD_RUNTIME stay, in case a page of
// the previous version still asks. keys() lists oldest first.
async function pruneRuntime() {
  const runtime = await caches.open(RUNTIME);
  const stored = new Set([...PRECACHE, ...APP_FILES]);
  const build = new Set(Object.values(APPS).flat());
  const hashed = (await runtime.keys()).filter((request) => HASHED.test(new URL(request.url).pathname));
  const copies = hashed.filter((request) => stored.has(new URL(request.url).pathname));
  const old = hashed.filter((request) => {
    const path = new URL(request.url).pathname;
    return !stored.has(path) && !build.has(path);
  });
  const drop = [...copies, ...old.slice(0, Math.max(0, old.length - KEEP_OLD_RUNTIME))];
  await Promise.all(drop.map((request) => runtime.delete(request)));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate') {
    // App routes only: the API, Swagger UI (/api/docs) and files are the server's.
    if (!path.startsWith('/api/') && (path === INDEX || !/\.[^/]*$/.test(path))) event.respondWith(navigation(request));
  } else if (HASHED.test(path) || path.startsWith('/icons/') || path === '/manifest.webmanifest') {
    event.respondWith(cacheFirst(event));
  } else if (isApiRead(url)) {
    event.respondWith(networkFirst(event));
  }
});

function isApiRead(url) {
  const path = url.pathname;
  if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/auth/')) return false;
  // Downloads are large and asked for on purpose: not kept.
  return !/\.(docx|xlsx|csv)$/.test(path) && !['csv', 'xlsx'].includes(url.searchParams.get('format'));
}

// This version's index.html, at once: on a slow line waiting for the
// network would only delay a page that must match the stored js and wasm
// anyway. The browser looks for a new sw.js on navigation by itself.
async function navigation(request) {
  const cached = await (await caches.open(APP_CACHE)).match(INDEX);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    return new Response(OFFLINE_PAGE, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

const OFFLINE_PAGE = '<!doctype html><html lang="vi"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tổng hợp số liệu</title>' +
  '<body style="font:17px system-ui,sans-serif;text-align:center;padding:2rem 1rem">' +
  '<p>Không có mạng, và ứng dụng chưa được lưu trên máy này.</p><p>Khi có mạng, hãy tải lại trang.</p>' +
  '<button onclick="location.reload()" style="min-height:48px;padding:0 1.2rem;font:inherit">Tải lại</button></body></html>';

// Hashed files never change, so any stored copy is right; this version's
// cache is asked first for the unhashed icons and manifest.
async function cacheFirst(event) {
  const request = event.request;
  const cached = (await (await caches.open(APP_CACHE)).match(request, MATCH)) || (await caches.match(request, MATCH));
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole same-origin answers ("basic"): never an error or a redirect's
  // opaque body. Only hashed files, which never change: an unhashed icon
  // that no install stored (the manifest's large ones) stays the network's.
  if (response.ok && response.type === 'basic' && HASHED.test(new URL(request.url).pathname)) {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME).then((cache) => cache.put(request.url, copy)));
  }
  return response;
}

// The network's answer when it comes within API_TIMEOUT_MS, stored for
// later; when the network fails or is slower, the stored answer marked
// `X-Tonghop-Offline: 1`, while the request goes on and still refreshes the
// store. No stored answer: the network's answer or error, however late.
async function networkFirst(event) {
  const request = event.request;
  const key = request.url; // a URL key: no request header (Authorization) is kept
  const started = generation;
  let saved;
  const network = fetch(request).then((response) => {
    if (response.status === 200) {
      const copy = response.clone(); // before the page reads the body
      saved = caches.open(DATA).then((cache) => started === generation && cache.put(key, copy));
    }
    return response;
  });
  event.waitUntil(network.then(() => saved, () => {}));
  const stored = async () => {
    const cached = await (await caches.open(DATA)).match(key, MATCH);
    return cached && markOffline(cached);
  };
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, API_TIMEOUT_MS, TIMED_OUT); });
  try {
    const first = await Promise.race([network, late]);
    if (first !== TIMED_OUT) return first;
    return (await stored()) || (await network);
  } catch (error) {
    const cached = await stored();
    if (cached) return cached;
    throw error; // the app shows its own offline message
  } finally {
    clearTimeout(timer);
  }
}

function markOffline(cached) {
  const headers = new Headers(cached.headers);
  headers.set('X-Tonghop-Offline', '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') {
    self.skipWaiting();
  } else if (type === 'clear-data') {
    // Logout, or another user logging in on this phone: the last user's
    // answers go, and so does the phone's push subscription, offline too
    // (the app tells the server when it can; otherwise the push service
    // answers the server's next push with 410 and the server forgets it).
    generation += 1;
    const port = event.ports && event.ports[0];
    event.waitUntil(Promise.all([caches.delete(DATA), forgetPush()]).then(() => port && port.postMessage({ type: 'data-cleared' })));
  }
});

// Web Push: the server's notifications (backend/src/notifications), JSON
// {title, body, url, tag}. Shown whether or not a page is open; a newer one
// of the same tag (the same month of the same unit) replaces the older.
self.addEventListener('push', (event) => {
  event.waitUntil(showPush(event.data));
});

function pushMessage(data) {
  let message = {};
  try {
    message = data ? data.json() : {};
  } catch (error) {
    message = { body: data ? data.text() : '' };
  }
  const url = appPath(message.url);
  return {
    title: typeof message.title === 'string' && message.title ? message.title : 'Tổng hợp',
    options: {
      body: typeof message.body === 'string' ? message.body : '',
      tag: typeof message.tag === 'string' ? message.tag : undefined,
      renotify: typeof message.tag === 'string',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      lang: 'vi',
      data: { url },
    },
  };
}

// Unsubscribes this phone from pushes, if it was subscribed.
async function forgetPush() {
  try {
    const manager = self.registration.pushManager;
    const subscription = manager && (await manager.getSubscription());
    if (subscription) await subscription.unsubscribe();
  } catch (error) {
    // No push here, or the browser refused: nothing to forget.
  }
}

// A path of this app, or '/': never another site (`//host/…` is one).
function appPath(path) {
  if (typeof path !== 'string' || !path.startsWith('/')) return '/';
  const url = new URL(path, self.location.origin);
  return url.origin === self.location.origin ? url.pathname + url.search : '/';
}

function showPush(data) {
  const { title, options } = pushMessage(data);
  return self.registration.showNotification(title, options);
}

// A tap opens what the notification is about: in a page of the app already
// open (it navigates there), or in a new one. Only the app's own addresses.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(openPage(path));
});

async function openPage(path) {
  const url = new URL(appPath(path), self.location.origin).href;
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const page = pages.find((client) => new URL(client.url).origin === self.location.origin);
  if (page) {
    await page.focus();
    return page.navigate ? page.navigate(url) : undefined;
  }
  return self.clients.openWindow(url);
}
