// Tests of sw.js under Node's test runner: `node --test frontend/static/`.
//
// sw.js runs in a node:vm context, its placeholders filled with a test build,
// against small fakes: a Map-backed CacheStorage shared by the workers of one
// "browser", a server whose answers the test sets (online, offline, slow,
// missing files), and the worker's events, each worker loaded from the URL
// index.html registers (`/sw.js?app=reporter` or `/sw.js?app=office`).
// Request, Response, Headers and URL are Node's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const ORIGIN = 'https://tonghop.test';
const SOURCE = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
// The worker's 10 s API timeout becomes 100 ms.
const TIME_SCALE = 100;
const SLOW_MS = 400;

const abs = (url) => new URL(url, ORIGIN).href;

// Requests built inside the worker use paths, resolved as a browser would.
class WorkerRequest extends Request {
  constructor(input, init) {
    super(typeof input === 'string' ? abs(input) : input, init);
  }
}

// A build as `cargo xtask build-frontend` would write it; n = 1, 2, 3...
function makeBuild(n) {
  const hash = (letter) => `${letter}${n}`.repeat(8);
  const build = {
    version: `${n}`.repeat(16),
    reporterJs: `/reporter-${hash('a')}.js`,
    reporterWasm: `/reporter-${hash('b')}.wasm`,
    officeJs: `/office-${hash('c')}.js`,
    officeWasm: `/office-${hash('d')}.wasm`,
    officeCss: `/office-${hash('f')}.css`,
    style: `/style-${hash('e')}.css`,
  };
  build.index = `<!doctype html><link rel="stylesheet" href="${build.style}"><script type="module">` +
    `const APPS = { reporter: ['${build.reporterJs}', '${build.reporterWasm}'], office: ['${build.officeJs}', '${build.officeWasm}', '${build.officeCss}'] };</script>`;
  // What xtask's dist.rs puts in %PRECACHE%: the shared files and the icons
  // the page names, no app's js or wasm (nor the manifest's large icons).
  build.precache = ['/index.html', build.style, '/manifest.webmanifest', '/icons/icon-192.png', '/icons/apple-touch-icon.png'];
  build.apps = { reporter: [build.reporterJs, build.reporterWasm], office: [build.officeJs, build.officeWasm, build.officeCss] };
  build.files = new Map([
    ['/index.html', build.index],
    [build.style, `style ${n}`],
    [build.reporterJs, `reporter js ${n}`],
    [build.reporterWasm, `reporter wasm ${n}`],
    [build.officeJs, `office js ${n}`],
    [build.officeWasm, `office wasm ${n}`],
    [build.officeCss, `office css ${n}`],
    ['/manifest.webmanifest', `manifest ${n}`],
    ['/icons/icon-192.png', `icon ${n}`],
    ['/icons/icon-512.png', `icon ${n}`],
    ['/icons/icon-maskable-512.png', `icon ${n}`],
    ['/icons/apple-touch-icon.png', `icon ${n}`],
  ]);
  return build;
}

function makeResponse(body, init = {}) {
  const response = new Response(body, init);
  // What a same-origin fetch gives a worker (a constructed Response says "default").
  Object.defineProperty(response, 'type', { value: 'basic' });
  return response;
}

// The server: the deployed build's files, JSON API answers, and the line.
class Server {
  constructor() {
    this.files = new Map();
    this.api = new Map(); // path + query -> value, answered as JSON
    this.line = 'online'; // 'online' | 'offline' | 'slow'
    this.log = []; // every request that reached the network
  }

  deploy(build) {
    this.files = new Map(build.files);
  }

  fetch = async (input, init) => {
    const request = input instanceof Request ? input : new WorkerRequest(input, init);
    const url = new URL(request.url);
    this.log.push({ path: url.pathname + url.search, method: request.method, cache: request.cache });
    const line = this.line;
    if (line === 'offline') throw new TypeError('Failed to fetch');
    if (line === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    if (this.line === 'offline') throw new TypeError('Failed to fetch');
    if (url.pathname.startsWith('/api/')) {
      const key = url.pathname + url.search;
      if (!this.api.has(key)) return makeResponse('{"error":"not found"}', { status: 404 });
      return makeResponse(JSON.stringify(this.api.get(key)), {
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: '"e1"', Vary: 'Accept-Encoding' },
      });
    }
    // As backend/src/web/assets.rs: index.html for every app route.
    const path = /\.[^/]*$/.test(url.pathname) ? url.pathname : '/index.html';
    if (!this.files.has(path)) return makeResponse('not found', { status: 404 });
    return makeResponse(this.files.get(path), { status: 200, headers: { Vary: 'Accept-Encoding' } });
  };

  reached(path) {
    return this.log.filter((entry) => entry.path === path).length;
  }
}

// Map-backed Cache and CacheStorage, with the semantics sw.js relies on:
// put replaces and moves the entry last, keys() oldest first, addAll all or nothing.
class FakeCache {
  constructor(fetch) {
    this.fetch = fetch;
    this.entries = new Map(); // URL -> { request, status, statusText, headers, body }
  }

  static key(request) {
    const url = new URL(typeof request === 'string' ? abs(request) : request.url);
    url.hash = '';
    return url.href;
  }

  async match(request) {
    const entry = this.entries.get(FakeCache.key(request));
    if (!entry) return undefined;
    return new Response(entry.body, { status: entry.status, statusText: entry.statusText, headers: entry.headers });
  }

  async put(request, response) {
    if (response.bodyUsed) throw new TypeError('Response body is already used');
    const key = FakeCache.key(request);
    const body = await response.arrayBuffer();
    this.entries.delete(key);
    this.entries.set(key, {
      request: typeof request === 'string' ? new WorkerRequest(request) : request,
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
      body,
    });
  }

  async addAll(requests) {
    const responses = await Promise.all(requests.map((request) => this.fetch(request)));
    if (responses.some((response) => !response.ok)) throw new TypeError('addAll: a response is not ok');
    for (let i = 0; i < requests.length; i += 1) await this.put(requests[i], responses[i]);
  }

  async keys() {
    return [...this.entries.values()].map((entry) => entry.request);
  }

  async delete(request) {
    return this.entries.delete(FakeCache.key(request));
  }

  paths() {
    return [...this.entries.keys()].map((url) => new URL(url).pathname + new URL(url).search);
  }
}

class FakeCacheStorage {
  constructor(fetch) {
    this.fetch = fetch;
    this.caches = new Map();
  }

  async open(name) {
    if (!this.caches.has(name)) this.caches.set(name, new FakeCache(this.fetch));
    return this.caches.get(name);
  }

  async has(name) {
    return this.caches.has(name);
  }

  async delete(name) {
    return this.caches.delete(name);
  }

  async keys() {
    return [...this.caches.keys()];
  }

  async match(request, options) {
    for (const cache of this.caches.values()) {
      const found = await cache.match(request, options);
      if (found) return found;
    }
    return undefined;
  }

  names() {
    return [...this.caches.keys()].sort();
  }
}

// An event that may be extended, as ExtendableEvent: waitUntil is refused
// once nothing is pending any more.
function extendable(fields = {}) {
  let pending = 0;
  let dispatching = true;
  const lifetimes = [];
  const event = {
    ...fields,
    waitUntil(promise) {
      if (!dispatching && pending === 0) throw new Error('InvalidStateError: waitUntil after the event ended');
      pending += 1;
      const settled = Promise.resolve(promise).finally(() => { pending -= 1; });
      lifetimes.push(settled);
    },
    // Ends the dispatch, then waits for every lifetime, those added meanwhile too.
    async done() {
      dispatching = false;
      for (let seen = -1; seen !== lifetimes.length;) {
        seen = lifetimes.length;
        await Promise.allSettled(lifetimes);
      }
    },
    lifetimes,
  };
  return event;
}

// One browser: a server, a cache storage, and the registration's workers.
class Browser {
  constructor() {
    this.server = new Server();
    this.caches = new FakeCacheStorage(this.server.fetch);
    this.active = null;
    this.waiting = null;
    this.notifications = []; // what showNotification showed
    this.pushSubscribed = false; // whether the phone has a push subscription
    this.pages = []; // the open windows clients.matchAll lists
    this.opened = []; // what clients.openWindow opened
  }

  // `app` is the registration's ?app= ('reporter', 'office'), or null for
  // the bare /sw.js that builds before it registered.
  loadWorker(build, app = 'reporter') {
    const source = SOURCE
      .replaceAll('%VERSION%', build.version)
      .replaceAll('%PRECACHE%', JSON.stringify(build.precache))
      .replaceAll('%REPORTER_JS%', build.reporterJs)
      .replaceAll('%REPORTER_WASM%', build.reporterWasm)
      .replaceAll('%OFFICE_JS%', build.officeJs)
      .replaceAll('%OFFICE_WASM%', build.officeWasm)
      .replaceAll('%OFFICE_CSS%', build.officeCss)
      .replaceAll('%STYLE_CSS%', build.style);
    assert.ok(!/%[A-Z_]+%/.test(source), 'every placeholder is filled');
    const listeners = {};
    const scriptURL = app === null ? `${ORIGIN}/sw.js` : `${ORIGIN}/sw.js?app=${app}`;
    const worker = { build, app, scriptURL, listeners, skipWaitingCalls: 0, claims: 0 };
    const browser = this;
    const context = {
      console,
      URL,
      Request: WorkerRequest,
      Response,
      Headers,
      setTimeout: (fn, ms, ...args) => setTimeout(fn, ms / TIME_SCALE, ...args),
      clearTimeout,
      location: new URL(scriptURL),
      caches: this.caches,
      fetch: this.server.fetch,
      clients: {
        claim: async () => { worker.claims += 1; },
        // The pages open on this origin (a test sets browser.pages), and a new one.
        matchAll: async () => browser.pages,
        openWindow: async (url) => { browser.opened.push(url); return null; },
      },
      registration: {
        scope: `${ORIGIN}/`,
        showNotification: async (title, options) => { browser.notifications.push({ title, ...options }); },
        // This phone's push subscription (browser.pushSubscribed), which clear-data drops.
        pushManager: {
          getSubscription: async () => (browser.pushSubscribed ? { unsubscribe: async () => { browser.pushSubscribed = false; return true; } } : null),
        },
        // What a worker sees of the one in control: its script URL.
        get active() { return browser.active && { scriptURL: browser.active.scriptURL, state: 'activated' }; },
      },
      skipWaiting: async () => { worker.skipWaitingCalls += 1; },
      addEventListener: (type, listener) => { (listeners[type] ||= []).push(listener); },
    };
    context.self = context;
    vm.createContext(context);
    vm.runInContext(source, context, { filename: 'sw.js' });
    return worker;
  }

  async lifecycle(worker, type) {
    const event = extendable();
    for (const listener of worker.listeners[type] || []) listener(event);
    await event.done();
    const results = await Promise.allSettled(event.lifetimes);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  // Registers or updates to `build` for `app`: install, then activate at
  // once when no worker is active yet (the first install) or when the new
  // worker called skipWaiting during its install; otherwise it waits.
  async install(build, app = 'reporter') {
    const worker = this.loadWorker(build, app);
    await this.lifecycle(worker, 'install');
    this.waiting = worker;
    if (!this.active || worker.skipWaitingCalls > 0) await this.activateWaiting();
    return worker;
  }

  async activateWaiting() {
    const worker = this.waiting;
    await this.lifecycle(worker, 'activate');
    this.active = worker;
    this.waiting = null;
  }

  // A request from the page, through the active worker when there is one.
  // Returns what the worker did: `handled` (respondWith called), the
  // response (a promise), and `settled` (every waitUntil finished).
  request(path, { method = 'GET', mode = 'cors', headers = {} } = {}) {
    const request = new Request(abs(path), { method, headers });
    if (mode !== 'cors') Object.defineProperty(request, 'mode', { value: mode });
    const network = () => {
      const response = this.server.fetch(request);
      response.catch(() => {}); // a test that only looks at `handled` need not await it
      return { handled: false, response, settled: Promise.resolve() };
    };
    if (!this.active) return network();
    let response = null;
    const event = extendable({
      request,
      respondWith(promise) {
        response = Promise.resolve(promise);
        event.waitUntil(response.catch(() => {}));
      },
    });
    for (const listener of this.active.listeners.fetch || []) listener(event);
    if (!response) return network();
    return { handled: true, response, settled: event.done() };
  }

  async text(path, options) {
    const { response, settled } = this.request(path, options);
    const body = await (await response).text();
    await settled;
    return body;
  }

  async message(worker, data, withPort = false) {
    const replies = [];
    const port = { postMessage: (reply) => replies.push(reply) };
    const event = extendable({ data, ports: withPort ? [port] : [] });
    for (const listener of worker.listeners.message || []) listener(event);
    await event.done();
    return replies;
  }

  cache(name) {
    return this.caches.caches.get(name);
  }

  // A push from the server: `payload` as the push service delivers it
  // (text; PushMessageData's json() and text() read it).
  async push(payload) {
    const data = payload === null ? null : { json: () => JSON.parse(payload), text: () => payload };
    const event = extendable({ data });
    for (const listener of this.active.listeners.push || []) listener(event);
    await event.done();
  }

  // A tap on a shown notification.
  async tap(notification) {
    const closed = [];
    const event = extendable({ notification: { ...notification, close: () => closed.push(notification.tag) } });
    for (const listener of this.active.listeners.notificationclick || []) listener(event);
    await event.done();
    return closed;
  }
}

const appCache = (build, app = 'reporter') => `tonghop-app-${app}-${build.version}`;
const appCaches = (browser) => browser.caches.names().filter((name) => name.startsWith('tonghop-app-'));
const isOffice = (path) => path.startsWith('/office-');
const isReporter = (path) => path.startsWith('/reporter-');

// A phone that has loaded build 1 of `app` once and is now offline-ready.
async function installed(build = makeBuild(1), app = 'reporter') {
  const browser = new Browser();
  browser.server.deploy(build);
  await browser.install(build, app);
  browser.server.log = [];
  return { browser, build };
}

for (const [app, other, isOther] of [['reporter', 'office', isOffice], ['office', 'reporter', isReporter]]) {
  test(`the ${app} install precaches the shared files and the ${app} app, no ${other} file, and does not skip waiting`, async () => {
    const build = makeBuild(1);
    const browser = new Browser();
    browser.server.deploy(build);
    const worker = browser.loadWorker(build, app);
    await browser.lifecycle(worker, 'install');
    assert.deepEqual(browser.cache(appCache(build, app)).paths().sort(), [...build.precache, ...build.apps[app]].sort());
    assert.deepEqual(browser.caches.names(), [appCache(build, app)]);
    assert.equal(worker.skipWaitingCalls, 0);
    for (const entry of browser.server.log) {
      const hashed = /-[0-9a-f]{16}\./.test(entry.path);
      assert.equal(entry.cache, hashed ? 'default' : 'no-cache', entry.path);
    }
    assert.deepEqual(browser.server.log.filter((entry) => isOther(entry.path)), [], `no ${other} file is downloaded`);
    assert.equal(await (await browser.cache(appCache(build, app)).match('/index.html')).text(), build.index);
  });
}

test('a worker registered without ?app= (or with another value) is the reporter\'s', async () => {
  for (const app of [null, 'admin']) {
    const build = makeBuild(1);
    const browser = new Browser();
    browser.server.deploy(build);
    await browser.install(build, app);
    assert.deepEqual(appCaches(browser), [appCache(build, 'reporter')]);
    assert.equal(browser.server.log.filter((entry) => isOffice(entry.path)).length, 0);
  }
});

test('the first activation claims the page; an update does not', async () => {
  const { browser, build } = await installed();
  assert.equal(browser.active.claims, 1);
  const next = makeBuild(2);
  browser.server.deploy(next);
  const worker = await browser.install(next);
  await browser.activateWaiting();
  assert.equal(worker.claims, 0);
  assert.ok(!browser.caches.names().includes(appCache(build)));
});

for (const [what, breakIt] of [
  ['a precached file is missing (404)', (server, build) => server.files.delete(build.reporterWasm)],
  ['the network drops', (server) => { server.line = 'offline'; }],
  ['index.html is of another build', (server) => server.files.set('/index.html', makeBuild(3).index)],
  ['index.html names another reporter app', (server, build) => server.files.set('/index.html', build.index.replace(build.reporterWasm, makeBuild(3).reporterWasm))],
]) {
  test(`a failed install (${what}) leaves the version in use serving offline`, async () => {
    const { browser, build } = await installed();
    const next = makeBuild(2);
    browser.server.deploy(next);
    breakIt(browser.server, next);
    await assert.rejects(browser.install(next));
    assert.equal(browser.waiting, null);
    // Whatever the failed install left behind holds no page, so nothing can serve it.
    const half = browser.cache(appCache(next));
    assert.ok(!half || !(await half.match('/index.html')));
    browser.server.line = 'offline';
    assert.equal(await browser.text('/due', { mode: 'navigate' }), build.index);
    assert.equal(await browser.text(build.reporterWasm), 'reporter wasm 1');
    assert.equal(await browser.text(build.style), 'style 1');
  });
}

test('activate deletes other builds\' app caches, keeps the data, and prunes the runtime cache to the other app of this build and one older pair', async () => {
  const { browser, build } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  await browser.text('/api/v1/due');
  const next = makeBuild(2);
  // Hashed files fetched at runtime: office files of three older builds,
  // and of the next build both apps (as a page of it would, before its
  // worker took over).
  const runtime = await browser.caches.open('tonghop-runtime');
  const older = [makeBuild(5), makeBuild(6), makeBuild(7)];
  for (const old of older) {
    await runtime.put(old.officeJs, new Response('old js'));
    await runtime.put(old.officeWasm, new Response('old wasm'));
  }
  for (const url of [...next.apps.office, ...next.apps.reporter]) await runtime.put(url, makeResponse(`runtime ${url}`));
  await runtime.put('/icons/extra.png', new Response('unhashed'));
  await browser.caches.open('tonghop-app-ffffffffffffffff'); // an older build's, named before ?app=
  await browser.caches.open(appCache(build, 'office')); // the other app of the build in use
  browser.server.deploy(next);
  await browser.install(next);
  assert.equal(browser.server.reached(next.reporterWasm), 0, 'the runtime copy is taken, not downloaded again');
  await browser.caches.open('unrelated-cache');
  await browser.activateWaiting();
  assert.deepEqual(browser.caches.names(), [appCache(next), 'tonghop-data', 'tonghop-runtime', 'unrelated-cache'].sort());
  // The reporter files are in the app cache now: their runtime copies go.
  assert.deepEqual(browser.cache('tonghop-runtime').paths().sort(),
    [older[2].officeJs, older[2].officeWasm, ...next.apps.office, '/icons/extra.png'].sort());
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);
});

test('a navigation is answered from the cache, offline too; the API, Swagger UI and files are not', async () => {
  const { browser, build } = await installed();
  assert.equal(await browser.text('/', { mode: 'navigate' }), build.index);
  assert.equal(browser.server.log.length, 0, 'no network on a cached navigation');
  browser.server.line = 'offline';
  for (const path of ['/', '/due', '/form/12/1/2026-06?x=1', '/dashboard/2026-H1', '/index.html']) {
    assert.equal(await browser.text(path, { mode: 'navigate' }), build.index, path);
  }
  for (const path of ['/api/docs/', '/api/v1/reports/3/document.docx', '/robots.txt']) {
    assert.equal(browser.request(path, { mode: 'navigate' }).handled, false, path);
  }
});

test('a navigation with nothing cached falls back to the network, then a Vietnamese offline page', async () => {
  const { browser, build } = await installed();
  await browser.cache(appCache(build)).delete('/index.html');
  assert.equal(await browser.text('/due', { mode: 'navigate' }), build.index);
  browser.server.line = 'offline';
  const { response } = browser.request('/due', { mode: 'navigate' });
  const page = await response;
  assert.equal(page.status, 503);
  assert.match(page.headers.get('Content-Type'), /text\/html/);
  assert.match(await page.text(), /Không có mạng.*Tải lại/s);
});

test('hashed files and icons are cache first; on a reporter phone office files are fetched once, then kept', async () => {
  const { browser, build } = await installed();
  assert.equal(await browser.text(build.reporterJs), 'reporter js 1');
  assert.equal(await browser.text('/icons/icon-192.png'), 'icon 1');
  assert.equal(await browser.text('/manifest.webmanifest'), 'manifest 1');
  assert.equal(browser.server.log.length, 0, 'precached files never reach the network');
  assert.equal(await browser.text(build.officeWasm), 'office wasm 1');
  assert.equal(browser.server.reached(build.officeWasm), 1);
  assert.deepEqual(browser.cache('tonghop-runtime').paths(), [build.officeWasm]);
  browser.server.line = 'offline';
  assert.equal(await browser.text(build.officeWasm), 'office wasm 1');
  // Not found is not kept.
  browser.server.line = 'online';
  const missing = `/office-${'9'.repeat(16)}.js`;
  assert.equal((await browser.request(missing).response).status, 404);
  assert.ok(!browser.cache('tonghop-runtime').paths().includes(missing));
});

test('an icon no install stored (the manifest\'s large ones) comes from the network and is not kept', async () => {
  const { browser } = await installed();
  assert.equal(await browser.text('/icons/icon-512.png'), 'icon 1');
  assert.equal(await browser.text('/icons/icon-512.png'), 'icon 1');
  assert.equal(browser.server.reached('/icons/icon-512.png'), 2, 'not kept: an unhashed file could change');
  assert.deepEqual(browser.cache('tonghop-runtime').paths(), []);
});

test('API reads go to the network first and are stored without the Authorization header', async () => {
  const { browser } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  const auth = { headers: { Authorization: 'Bearer secret' } };
  const first = browser.request('/api/v1/due', auth);
  assert.equal(first.handled, true);
  const response = await first.response;
  assert.deepEqual(await response.json(), { items: [1] });
  assert.equal(response.headers.get('X-Tonghop-Offline'), null);
  await first.settled;
  browser.server.api.set('/api/v1/due', { items: [1, 2] });
  assert.deepEqual(JSON.parse(await browser.text('/api/v1/due', auth)), { items: [1, 2] }, 'network first');
  assert.equal(browser.server.reached('/api/v1/due'), 2);
  const [stored] = await browser.cache('tonghop-data').keys();
  assert.equal(stored.headers.get('Authorization'), null);
  assert.deepEqual(JSON.parse(await (await browser.cache('tonghop-data').match('/api/v1/due')).text()), { items: [1, 2] });
});

test('offline, an API read is answered from the store with X-Tonghop-Offline: 1; with nothing stored it fails', async () => {
  const { browser } = await installed();
  browser.server.api.set('/api/v1/submissions/12/1/2026-06', { version: 3 });
  await browser.text('/api/v1/submissions/12/1/2026-06');
  browser.server.line = 'offline';
  const response = await browser.request('/api/v1/submissions/12/1/2026-06').response;
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('X-Tonghop-Offline'), '1');
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  assert.deepEqual(await response.json(), { version: 3 });
  await assert.rejects(browser.request('/api/v1/units').response, TypeError);
});

test('a slow line: the stored answer after the timeout, and the late answer still refreshes the store', async () => {
  const { browser } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  await browser.text('/api/v1/due');
  browser.server.api.set('/api/v1/due', { items: [1, 2] });
  browser.server.line = 'slow';
  const started = Date.now();
  const { response, settled } = browser.request('/api/v1/due');
  const answer = await response;
  assert.ok(Date.now() - started < SLOW_MS, 'answered before the network');
  assert.equal(answer.headers.get('X-Tonghop-Offline'), '1');
  assert.deepEqual(await answer.json(), { items: [1] });
  await settled;
  assert.deepEqual(JSON.parse(await (await browser.cache('tonghop-data').match('/api/v1/due')).text()), { items: [1, 2] });
  // Nothing stored: wait for the network, however long.
  browser.server.api.set('/api/v1/units', { units: [] });
  const late = await browser.request('/api/v1/units').response;
  assert.equal(late.headers.get('X-Tonghop-Offline'), null);
  assert.deepEqual(await late.json(), { units: [] });
});

test('auth, downloads, errors, other origins and non-GET requests are left alone or not stored', async () => {
  const { browser } = await installed();
  for (const path of ['/api/v1/auth/me', '/api/v1/auth/refresh', '/api/health', '/api/openapi.json']) {
    assert.equal(browser.request(path).handled, false, path);
  }
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    assert.equal(browser.request('/api/v1/submissions/12/1/2026-06', { method }).handled, false, method);
  }
  assert.equal(browser.request('https://elsewhere.test/api/v1/due').handled, false);
  for (const path of ['/api/v1/reports/3/document.docx', '/api/v1/reports/draft.docx?unit_id=1', '/api/v1/totals?format=xlsx', '/api/v1/imports/templates/plans?format=csv']) {
    assert.equal(browser.request(path).handled, false, path);
  }
  // A JSON read that is not a success is passed on, not stored.
  assert.equal((await browser.request('/api/v1/nothing-here').response).status, 404);
  assert.equal(browser.cache('tonghop-data')?.paths().length ?? 0, 0);
});

test('clear-data empties the data cache, drops the push subscription, replies on the port, and a read in flight does not refill it', async () => {
  const { browser } = await installed();
  browser.pushSubscribed = true;
  browser.server.api.set('/api/v1/due', { items: [1] });
  browser.server.api.set('/api/v1/units', { units: [1] });
  await browser.text('/api/v1/due');
  browser.server.line = 'slow';
  const inFlight = browser.request('/api/v1/units');
  const replies = await browser.message(browser.active, { type: 'clear-data' }, true);
  assert.deepEqual(replies.map((reply) => reply.type), ['data-cleared']);
  assert.ok(!browser.caches.names().includes('tonghop-data'));
  assert.equal(browser.pushSubscribed, false, 'the next user on this phone does not get the last one\'s notifications');
  await (await inFlight.response).text();
  await inFlight.settled;
  assert.equal(browser.cache('tonghop-data')?.paths().length ?? 0, 0, 'the previous user\'s answer is not put back');
  // The app cache is untouched, and the next read is stored again.
  assert.ok(browser.caches.names().includes(appCache(browser.active.build)));
  browser.server.line = 'online';
  await browser.text('/api/v1/due');
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);
  // Without a port it still clears.
  assert.deepEqual(await browser.message(browser.active, { type: 'clear-data' }), []);
  assert.ok(!browser.caches.names().includes('tonghop-data'));
});

test('an update keeps the app and the data offline before its activation and after it', async () => {
  const { browser, build } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  await browser.text('/api/v1/due');
  const next = makeBuild(2);
  browser.server.deploy(next);
  const worker = await browser.install(next);
  assert.equal(browser.waiting, worker, 'installed and waiting');
  assert.equal(worker.skipWaitingCalls, 0);

  // Waiting: the old version still serves all of its own files, offline.
  browser.server.line = 'offline';
  assert.equal(await browser.text('/due', { mode: 'navigate' }), build.index);
  for (const path of [build.style, build.reporterJs, build.reporterWasm]) assert.match(await browser.text(path), / 1$/);
  assert.equal((await browser.request('/api/v1/due').response).headers.get('X-Tonghop-Offline'), '1');

  // «Cập nhật»: the page asks the waiting worker to take over.
  await browser.message(worker, { type: 'skip-waiting' });
  assert.equal(worker.skipWaitingCalls, 1);
  await browser.activateWaiting();

  // Active, still offline: the new version, whole, and the same data.
  assert.equal(await browser.text('/due', { mode: 'navigate' }), next.index);
  for (const path of [next.style, next.reporterJs, next.reporterWasm, '/manifest.webmanifest']) assert.match(await browser.text(path), / 2$/);
  const data = await browser.request('/api/v1/due').response;
  assert.equal(data.headers.get('X-Tonghop-Offline'), '1');
  assert.deepEqual(await data.json(), { items: [1] });
});

test('an office phone\'s updates precache the new office files and never a reporter file', async () => {
  const { browser, build } = await installed(makeBuild(1), 'office');
  let current = build;
  for (const next of [makeBuild(2), makeBuild(3)]) {
    browser.server.deploy(next);
    const worker = await browser.install(next, 'office');
    assert.equal(browser.waiting, worker, 'an update waits');
    assert.equal(browser.server.reached(next.officeWasm), 1, 'downloaded during install');
    assert.equal(browser.server.log.filter((entry) => isReporter(entry.path)).length, 0, 'no reporter file');
    // Waiting: the office files in use are still there.
    browser.server.line = 'offline';
    assert.equal(await browser.text('/reports/3', { mode: 'navigate' }), current.index);
    assert.equal(await browser.text(current.officeWasm), `office wasm ${current.version[0]}`);
    await browser.activateWaiting();
    assert.equal(await browser.text('/reports/3', { mode: 'navigate' }), next.index);
    assert.equal(await browser.text(next.officeJs), `office js ${next.version[0]}`);
    assert.equal(await browser.text(next.officeWasm), `office wasm ${next.version[0]}`);
    assert.deepEqual(appCaches(browser), [appCache(next, 'office')], 'no reporter cache');
    assert.deepEqual(browser.cache('tonghop-runtime').paths(), []);
    browser.server.line = 'online';
    browser.server.log = [];
    current = next;
  }
});

test('a change of app re-installs at once with the other app\'s files, keeps the data, and a switch back downloads nothing', async () => {
  const { browser, build } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  await browser.text('/api/v1/due');
  const reporter = browser.active;

  // An office user logs in: index.html reloads into the office app, whose
  // files pass through the reporter's worker, then registers ?app=office.
  assert.equal(await browser.text(build.officeJs), 'office js 1');
  assert.equal(await browser.text(build.officeWasm), 'office wasm 1');
  assert.equal(await browser.text(build.officeCss), 'office css 1');
  browser.server.log = [];
  const office = await browser.install(build, 'office');
  assert.equal(office.skipWaitingCalls, 1, 'a change of app does not wait for «Cập nhật»');
  assert.equal(browser.active, office);
  assert.equal(office.claims, 0, 'open pages move by skipWaiting; none is claimed');
  assert.deepEqual(browser.server.log.filter((entry) => isOffice(entry.path) || isReporter(entry.path)), [],
    'the office files the page fetched are copied, not downloaded again');
  assert.deepEqual(browser.cache(appCache(build, 'office')).paths().sort(), [...build.precache, ...build.apps.office].sort());
  // This build's reporter cache stays; the runtime copies of the office files go.
  assert.deepEqual(browser.caches.names(), [appCache(build, 'office'), appCache(build, 'reporter'), 'tonghop-data', 'tonghop-runtime'].sort());
  assert.deepEqual(browser.cache('tonghop-runtime').paths(), []);
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);

  // Offline, the office app opens, with the last figures.
  browser.server.line = 'offline';
  assert.equal(await browser.text('/reports/3', { mode: 'navigate' }), build.index);
  assert.equal(await browser.text(build.officeWasm), 'office wasm 1');
  const data = await browser.request('/api/v1/due').response;
  assert.equal(data.headers.get('X-Tonghop-Offline'), '1');
  assert.deepEqual(await data.json(), { items: [1] });

  // Back to a village user: nothing of either app is downloaded again.
  browser.server.line = 'online';
  browser.server.log = [];
  const back = await browser.install(build, 'reporter');
  assert.equal(back.skipWaitingCalls, 1);
  assert.equal(browser.active, back);
  assert.notEqual(back, reporter);
  assert.deepEqual(browser.server.log.filter((entry) => /-[0-9a-f]{16}\./.test(entry.path)), []);
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);

  // The next build's update precaches the reporter app only, and drops both caches of this build.
  const next = makeBuild(2);
  browser.server.deploy(next);
  browser.server.log = [];
  const update = await browser.install(next, 'reporter');
  assert.equal(update.skipWaitingCalls, 0, 'an update waits');
  assert.equal(browser.server.log.filter((entry) => isOffice(entry.path)).length, 0);
  await browser.activateWaiting();
  assert.deepEqual(browser.caches.names(), [appCache(next), 'tonghop-data', 'tonghop-runtime'].sort());
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);
});

test('a change of app with a new build on the server installs that build for the new app', async () => {
  const { browser, build } = await installed();
  browser.server.api.set('/api/v1/due', { items: [1] });
  await browser.text('/api/v1/due');
  const next = makeBuild(2);
  browser.server.deploy(next);
  const office = await browser.install(next, 'office');
  assert.equal(browser.active, office);
  assert.equal(browser.server.reached(next.reporterWasm), 0);
  assert.deepEqual(browser.caches.names(), [appCache(next, 'office'), 'tonghop-data', 'tonghop-runtime'].sort());
  assert.ok(!browser.caches.names().includes(appCache(build)));
  assert.deepEqual(browser.cache('tonghop-data').paths(), ['/api/v1/due']);
});

test('a push shows the server\'s title, text and tag, and keeps where a tap goes', async () => {
  const { browser } = await installed();
  await browser.push(JSON.stringify({
    title: 'Báo cáo tháng 11/2026 bị trả lại', body: 'Số trâu bò tăng gấp đôi', url: '/form/4/1/2026-11', tag: 'form-4-1-2026-11',
  }));
  assert.equal(browser.notifications.length, 1);
  const [shown] = browser.notifications;
  assert.equal(shown.title, 'Báo cáo tháng 11/2026 bị trả lại');
  assert.equal(shown.body, 'Số trâu bò tăng gấp đôi');
  assert.equal(shown.tag, 'form-4-1-2026-11');
  assert.equal(shown.renotify, true, 'a newer notice of the same month is announced again');
  assert.deepEqual({ ...shown.data }, { url: '/form/4/1/2026-11' });
});

test('a push that is not the server\'s JSON, or names another site, still shows and opens only the app', async () => {
  const { browser } = await installed();
  await browser.push('không phải JSON');
  await browser.push(JSON.stringify({ title: 'x', url: 'https://elsewhere.example/phish' }));
  await browser.push(JSON.stringify({ url: '//elsewhere.example/' }));
  await browser.push(null);
  assert.deepEqual(browser.notifications.map((n) => [n.title, n.body, n.data.url]), [
    ['Tổng hợp', 'không phải JSON', '/'],
    ['x', '', '/'],
    ['Tổng hợp', '', '/'],
    ['Tổng hợp', '', '/'],
  ]);
});

test('a tap opens the notification\'s page in an open window of the app, or in a new one', async () => {
  const { browser } = await installed();
  const navigated = [];
  const focused = [];
  const page = { url: `${ORIGIN}/due`, focus: async () => focused.push(true), navigate: async (url) => navigated.push(url) };
  browser.pages = [page];
  const closed = await browser.tap({ tag: 'form-4-1-2026-11', data: { url: '/form/4/1/2026-11' } });
  assert.deepEqual(closed, ['form-4-1-2026-11']);
  assert.deepEqual(navigated, [`${ORIGIN}/form/4/1/2026-11`]);
  assert.equal(focused.length, 1);
  assert.deepEqual(browser.opened, []);

  browser.pages = [];
  await browser.tap({ tag: 't', data: { url: '/section/9/2026-H2' } });
  await browser.tap({ tag: 'u', data: { url: '//elsewhere.example/' } });
  assert.deepEqual(browser.opened, [`${ORIGIN}/section/9/2026-H2`, `${ORIGIN}/`]);
});
