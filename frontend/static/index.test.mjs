// Tests of the bootstrap script in index.html under Node's test runner
// (`node --test frontend/static/`): which app it loads, when it registers the
// service worker, and the update banner. The inline script runs in a
// node:vm context with fakes of the few browser objects it touches;
// `import(js)` is swapped for a fake module loader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const HTML = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const SCRIPT = HTML.match(/<script type="module" async>([\s\S]*?)<\/script>/)[1]
  .replace('%REPORTER_JS%', '/reporter-aaaaaaaaaaaaaaaa.js')
  .replace('%REPORTER_WASM%', '/reporter-bbbbbbbbbbbbbbbb.wasm')
  .replace('%OFFICE_JS%', '/office-cccccccccccccccc.js')
  .replace('%OFFICE_WASM%', '/office-dddddddddddddddd.wasm')
  .replace('%OFFICE_CSS%', '/office-eeeeeeeeeeeeeeee.css');
const SCRIPT_UNDER_TEST = `'use strict';\n${SCRIPT.replace('import(js)', '__import(js)')}`;

const ORIGIN = 'https://tonghop.test';
// A service worker as the page sees it: its script URL names its app
// (`null`: the bare /sw.js registered by builds before ?app=).
const workerURL = (app) => (app === null ? `${ORIGIN}/sw.js` : `${ORIGIN}/sw.js?app=${app}`);

const settle = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

// Just enough of an element for the banner.
class FakeElement {
  constructor(tag, page) {
    this.tag = tag;
    this.page = page;
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.className = '';
    this.disabled = false;
    this.html = '';
  }

  set innerHTML(html) {
    this.html = html;
    this.children = [];
    for (const [, tag, attributes, text] of html.matchAll(/<(span|button)([^>]*)>([^<]*)<\/\1>/g)) {
      const child = new FakeElement(tag, this.page);
      child.className = (attributes.match(/class="([^"]*)"/) || [])[1] || '';
      child.textContent = text;
      this.children.push(child);
    }
  }

  get innerHTML() {
    return this.html;
  }

  get textContent() {
    return this._text ?? this.children.map((child) => child.textContent).join(' ');
  }

  set textContent(text) {
    this._text = text;
  }

  setAttribute(name, value) {
    this.attributes[name] = value;
  }

  querySelectorAll(tag) {
    return this.children.filter((child) => child.tag === tag);
  }

  querySelector(tag) {
    return this.querySelectorAll(tag)[0] || null;
  }

  addEventListener(type, listener) {
    (this.listeners[type] ||= []).push(listener);
  }

  click() {
    for (const listener of this.listeners.click || []) listener();
  }

  remove() {
    this.page.body.children = this.page.body.children.filter((child) => child !== this);
  }
}

// A worker of the registration found installing or installed (`app` as in workerURL).
function fakeWorker(app, state = 'installing') {
  return {
    scriptURL: workerURL(app),
    state,
    listeners: {},
    messages: [],
    addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); },
    postMessage(message) { this.messages.push(message); },
  };
}

// One page load: storage, address, network and service worker as given.
// `controlled` is the app of the worker in control ('reporter', 'office',
// true for the reporter's, null for a bare /sw.js, false for none);
// `waiting` that of a worker installed and waiting, likewise.
function loadPage({ storage = {}, storageThrows = false, path = '/', controlled = false, waiting = false,
  importFails = false, serviceWorker = true, readyState = 'complete', persisted = false } = {}) {
  const page = {
    imports: [], fetches: [], inits: [], reloads: 0, registrations: [], cachesOpened: [], persistCalls: 0,
    windowListeners: {}, workerListeners: {},
  };
  const appOf = (option) => (option === true ? 'reporter' : option);
  page.app = new FakeElement('div', page);
  page.app.innerHTML = '<p class="loading">Đang tải ứng dụng…</p>';
  page.body = { children: [], append: (element) => page.body.children.push(element) };
  page.head = { children: [], append: (element) => page.head.children.push(element) };
  page.banner = () => page.body.children.find((child) => child.className === 'update-banner');
  const waitingWorker = waiting === false ? null : fakeWorker(appOf(waiting), 'installed');
  page.registration = {
    waiting: waitingWorker,
    installing: null,
    listeners: {},
    addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); },
  };
  const context = {
    console: { error() {}, warn() {}, log() {} },
    localStorage: {
      getItem(key) {
        if (storageThrows) throw new Error('SecurityError');
        return key in storage ? storage[key] : null;
      },
    },
    location: { pathname: path, href: `${ORIGIN}${path}`, reload: () => { page.reloads += 1; } },
    URL,
    document: {
      readyState,
      getElementById: (id) => (id === 'app' ? page.app : null),
      querySelector: (selector) => (selector === '.update-banner' ? page.banner() || null : null),
      createElement: (tag) => new FakeElement(tag, page),
      body: page.body,
      head: page.head,
    },
    addEventListener: (type, listener) => { (page.windowListeners[type] ||= []).push(listener); },
    fetch: (url) => {
      page.fetches.push(url);
      return Promise.resolve({ url, ok: true });
    },
    __import: (url) => {
      page.imports.push(url);
      if (importFails) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      return Promise.resolve({ default: (options) => { page.inits.push(options); return Promise.resolve({}); } });
    },
    navigator: {
      storage: {
        persisted: async () => persisted,
        persist: async () => { page.persistCalls += 1; return true; },
      },
    },
    caches: {
      open: async (name) => { page.cachesOpened.push(name); return { addAll: async () => {}, put: async () => {} }; },
    },
  };
  if (serviceWorker) {
    context.navigator.serviceWorker = {
      controller: controlled === false ? null : { scriptURL: workerURL(appOf(controlled)), state: 'activated' },
      addEventListener: (type, listener) => { (page.workerListeners[type] ||= []).push(listener); },
      register: async (url, options) => {
        page.registrations.push({ url, scope: options.scope });
        return page.registration;
      },
    };
  }
  context.window = context;
  page.context = context;
  page.fire = (listeners, type) => { for (const listener of listeners[type] || []) listener(); };
  vm.createContext(context);
  vm.runInContext(SCRIPT_UNDER_TEST, context, { filename: 'index.html' });
  return page;
}

const session = (role) => ({ 'tonghop.user': JSON.stringify({ id: 1, username: 'u', role }), 'tonghop.tokens': '{"access_token":"a","refresh_token":"r"}' });

for (const [what, options, app] of [
  ['a reporter session', { storage: session('reporter'), path: '/dashboard' }, 'reporter'],
  ['a commune session', { storage: session('commune') }, 'office'],
  ['an admin session', { storage: session('admin'), path: '/form/1/2/2026-06' }, 'office'],
  ['a viewer session', { storage: session('viewer') }, 'office'],
  ['no session at /', {}, 'reporter'],
  ['no session at a form', { path: '/form/12/1/2026-06' }, 'reporter'],
  ['no session at the section editor', { path: '/section/12/2026-H1' }, 'reporter'],
  ['no session at /sections', { path: '/sections' }, 'office'],
  ['no session at /sections/2026-H1', { path: '/sections/2026-H1' }, 'office'],
  ['no session at a report', { path: '/reports/3' }, 'office'],
  ['no session at /report-templates', { path: '/report-templates' }, 'office'],
  ['no session at /dashboard/2026-H1', { path: '/dashboard/2026-H1' }, 'office'],
  ['no session at /overview', { path: '/overview' }, 'office'],
  ['no session at /completeness', { path: '/completeness' }, 'office'],
  ['no session at /plans', { path: '/plans' }, 'office'],
  ['no session at /tokens', { path: '/tokens' }, 'office'],
  ['no session at /plansx', { path: '/plansx' }, 'reporter'],
  ['a user without tokens', { storage: { 'tonghop.user': session('commune')['tonghop.user'] } }, 'reporter'],
  ['a damaged user entry', { storage: { ...session('commune'), 'tonghop.user': '{' }, path: '/plans' }, 'office'],
  ['storage that throws', { storageThrows: true }, 'reporter'],
]) {
  test(`${what} loads the ${app} app, js and wasm at once`, async () => {
    const page = loadPage(options);
    assert.equal(page.context.tonghopApp, app);
    // Both downloads start before anything is awaited.
    assert.deepEqual(page.imports, [app === 'reporter' ? '/reporter-aaaaaaaaaaaaaaaa.js' : '/office-cccccccccccccccc.js']);
    assert.deepEqual(page.fetches, [app === 'reporter' ? '/reporter-bbbbbbbbbbbbbbbb.wasm' : '/office-dddddddddddddddd.wasm']);
    // The office's own stylesheet with it; a village phone never asks for it.
    const sheets = page.head.children.map((link) => [link.rel, link.href]);
    assert.deepEqual(sheets, app === 'office' ? [['stylesheet', '/office-eeeeeeeeeeeeeeee.css']] : []);
    await settle();
    assert.equal(page.inits.length, 1);
    assert.equal((await page.inits[0].module_or_path).url, page.fetches[0], 'init gets the pending wasm download');
  });
}

test('the service worker is registered at / for the chosen app once the app has started and the page has loaded; storage persistence is asked for', async () => {
  const page = loadPage({ readyState: 'loading' });
  await settle();
  assert.equal(page.inits.length, 1);
  assert.deepEqual(page.registrations, [], 'not before load');
  page.fire(page.windowListeners, 'load');
  await settle();
  assert.deepEqual(page.registrations, [{ url: '/sw.js?app=reporter', scope: '/' }]);
  const office = loadPage({ storage: session('commune') });
  await settle();
  assert.deepEqual(office.registrations, [{ url: '/sw.js?app=office', scope: '/' }]);
  assert.equal(page.persistCalls, 1);
  assert.equal(loadPage({ persisted: true }).persistCalls, 0, 'not asked again once granted');
});

test('without service worker support the app still starts', async () => {
  const page = loadPage({ serviceWorker: false });
  await settle();
  assert.equal(page.inits.length, 1);
  assert.deepEqual(page.registrations, []);
});

test('a failed download shows the Vietnamese error with «Tải lại», and registers nothing', async () => {
  const page = loadPage({ importFails: true });
  await settle();
  assert.match(page.app.innerHTML, /Không tải được ứng dụng\. Kiểm tra mạng rồi tải lại trang\./);
  assert.deepEqual(page.registrations, []);
  // «Tải lại» works by a listener: the Content-Security-Policy runs no onclick attribute.
  assert.doesNotMatch(page.app.innerHTML, /onclick/);
  const bare = loadPage({ importFails: true, serviceWorker: false });
  await settle();
  const retry = bare.app.querySelector('button');
  assert.equal(retry.textContent, 'Tải lại');
  retry.click();
  await settle();
  assert.equal(bare.reloads, 1);
});

test('a first, uncontrolled visit stores nothing itself: the worker\'s install keeps the app\'s files', async () => {
  for (const storage of [{}, session('commune')]) {
    const page = loadPage({ storage });
    await settle();
    assert.equal(page.registrations.length, 1);
    assert.deepEqual(page.cachesOpened, []);
  }
});

test('a waiting update shows the banner; the page reloads only after «Cập nhật»', async () => {
  const page = loadPage({ controlled: true, waiting: true });
  await settle();
  const banner = page.banner();
  assert.ok(banner, 'banner shown');
  assert.equal(banner.attributes.role, 'status');
  assert.match(banner.textContent, /Đã có bản cập nhật\./);
  const [update, later] = banner.querySelectorAll('button');
  assert.equal(update.textContent, 'Cập nhật');
  assert.equal(later.textContent, 'Để sau');
  // Another tab activated the update: this one keeps what the user is typing.
  page.fire(page.workerListeners, 'controllerchange');
  assert.equal(page.reloads, 0);
  update.click();
  assert.equal(JSON.stringify(page.registration.waiting.messages), '[{"type":"skip-waiting"}]');
  assert.equal(page.reloads, 0, 'not before the new worker controls the page');
  page.fire(page.workerListeners, 'controllerchange');
  assert.equal(page.reloads, 1);
});

test('an update found while the page is open shows the banner once; «Để sau» hides it', async () => {
  const page = loadPage({ controlled: true });
  await settle();
  assert.equal(page.banner(), undefined);
  const worker = fakeWorker('reporter');
  page.registration.installing = worker;
  page.fire(page.registration.listeners, 'updatefound');
  worker.state = 'installed';
  page.fire(worker.listeners, 'statechange');
  page.fire(worker.listeners, 'statechange');
  assert.equal(page.body.children.length, 1);
  page.banner().querySelectorAll('button')[1].click();
  assert.equal(page.banner(), undefined);
  assert.equal(page.reloads, 0);
});

test('the first install is not offered as an update', async () => {
  const page = loadPage({ controlled: false });
  await settle();
  const worker = fakeWorker('reporter');
  page.registration.installing = worker;
  page.fire(page.registration.listeners, 'updatefound');
  worker.state = 'installed';
  page.fire(worker.listeners, 'statechange');
  assert.equal(page.banner(), undefined);
  // The worker then claims the page: no reload.
  page.fire(page.workerListeners, 'controllerchange');
  assert.equal(page.reloads, 0);
});

test('«Cập nhật» after another tab already activated the update just reloads', async () => {
  const page = loadPage({ controlled: true, waiting: true });
  await settle();
  const [update] = page.banner().querySelectorAll('button');
  page.registration.waiting = null;
  update.click();
  assert.equal(page.reloads, 1);
});

test('an office page\'s update is offered as on a reporter page', async () => {
  const page = loadPage({ storage: session('commune'), controlled: 'office', waiting: 'office' });
  await settle();
  assert.ok(page.banner());
});

test('a page of the builds before ?app= (a bare /sw.js in control) is offered the update to the reporter\'s worker', async () => {
  const page = loadPage({ controlled: null, waiting: 'reporter' });
  await settle();
  assert.ok(page.banner());
});

test('a change of app is no update: the other app\'s worker in control, the new one installed, no banner and no reload', async () => {
  // An office user has logged in on a reporter phone; the page reloaded into the office app.
  const page = loadPage({ storage: session('commune'), controlled: 'reporter' });
  await settle();
  assert.deepEqual(page.registrations, [{ url: '/sw.js?app=office', scope: '/' }]);
  const worker = fakeWorker('office');
  page.registration.installing = worker;
  page.fire(page.registration.listeners, 'updatefound');
  worker.state = 'installed';
  page.fire(worker.listeners, 'statechange');
  assert.equal(page.banner(), undefined);
  assert.deepEqual(worker.messages, [], 'sw.js takes over by itself');
  // It does, and the page keeps running: no reload under the user.
  page.fire(page.workerListeners, 'controllerchange');
  assert.equal(page.reloads, 0);
  // The other way round too.
  const village = loadPage({ storage: session('reporter'), controlled: 'office' });
  await settle();
  const back = fakeWorker('reporter');
  village.registration.installing = back;
  village.fire(village.registration.listeners, 'updatefound');
  back.state = 'installed';
  village.fire(back.listeners, 'statechange');
  assert.equal(village.banner(), undefined);
});

test('an update waiting for the app this page left is not offered', async () => {
  // The reporter's worker had an update waiting when an office user logged in:
  // the office worker this page registers replaces it.
  const page = loadPage({ storage: session('commune'), controlled: 'reporter', waiting: 'reporter' });
  await settle();
  assert.equal(page.banner(), undefined);
});
