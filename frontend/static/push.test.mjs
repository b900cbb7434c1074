// Tests of push.js under Node's test runner: `node --test frontend/static/`.
// The module runs in a node:vm context against a fake browser: a
// Notification permission, a service worker registration with a push
// manager, and the server's key at /api/v1/push/key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('./push.js', import.meta.url), 'utf8');
// The server's key: 65 bytes, base64url as the API answers it.
const KEY = Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => (i * 7) % 256)).toString('base64url');

function load({ permission = 'default', grant = 'granted', subscribed = null, push = true } = {}) {
  const browser = { subscribed, subscribeCalls: [], unsubscribed: [], fetches: [], permission };
  const subscription = (key) => ({
    endpoint: 'https://push.example/abc',
    options: { applicationServerKey: key.buffer.slice(0) },
    toJSON() { return { endpoint: this.endpoint, keys: { p256dh: 'P', auth: 'A' } }; },
    async unsubscribe() { browser.unsubscribed.push(this.endpoint); browser.subscribed = null; return true; },
  });
  browser.make = subscription;
  const pushManager = {
    getSubscription: async () => browser.subscribed,
    subscribe: async (options) => {
      browser.subscribeCalls.push(options);
      browser.subscribed = subscription(options.applicationServerKey);
      return browser.subscribed;
    },
  };
  const registration = { pushManager };
  const context = {
    navigator: { serviceWorker: { ready: Promise.resolve(registration), getRegistration: async () => registration } },
    Notification: { get permission() { return browser.permission; }, requestPermission: async () => { browser.permission = grant; return grant; } },
    fetch: async (url) => { browser.fetches.push(url); return { ok: true, json: async () => ({ public_key: KEY }) }; },
    atob: (text) => Buffer.from(text, 'base64').toString('latin1'),
    setTimeout, Uint8Array, JSON, Promise, Error,
  };
  if (push) context.PushManager = function PushManager() {};
  context.window = context;
  vm.createContext(context);
  // Run as a script (vm modules need a flag): its exports become the result.
  const script = `${SOURCE.replace(/^export /gm, '')}\n({ state, subscribe, unsubscribe });`;
  return { browser, glue: vm.runInContext(script, context, { filename: 'push.js' }) };
}

test('the state says whether this browser can, may, and does receive pushes', async () => {
  assert.equal(await load({ push: false }).glue.state(), 'unsupported');
  assert.equal(await load({ permission: 'denied' }).glue.state(), 'denied');
  assert.equal(await load().glue.state(), 'off');
  const { browser, glue } = load();
  browser.subscribed = browser.make(new Uint8Array(65));
  assert.equal(await glue.state(), 'on');
});

test('subscribing asks the permission, uses the server\'s key as bytes, and answers the subscription\'s JSON', async () => {
  const { browser, glue } = load();
  const json = JSON.parse(await glue.subscribe());
  assert.deepEqual(json, { endpoint: 'https://push.example/abc', keys: { p256dh: 'P', auth: 'A' } });
  assert.deepEqual(browser.fetches, ['/api/v1/push/key']);
  const [options] = browser.subscribeCalls;
  assert.equal(options.userVisibleOnly, true);
  assert.deepEqual([...options.applicationServerKey], [...Buffer.from(KEY, 'base64url')]);
  // Subscribed already with this key: the same subscription, no new one.
  await glue.subscribe();
  assert.equal(browser.subscribeCalls.length, 1);
});

test('a refused permission rejects with denied and subscribes nothing', async () => {
  const { browser, glue } = load({ grant: 'denied' });
  await assert.rejects(glue.subscribe(), { message: 'denied' });
  assert.equal(browser.subscribeCalls.length, 0);
});

test('a subscription made with another key is replaced', async () => {
  const { browser, glue } = load();
  browser.subscribed = browser.make(new Uint8Array(65));
  await glue.subscribe();
  assert.deepEqual(browser.unsubscribed, ['https://push.example/abc']);
  assert.equal(browser.subscribeCalls.length, 1);
});

test('unsubscribing answers the endpoint to forget, or null when there was none', async () => {
  const { browser, glue } = load();
  assert.equal(await glue.unsubscribe(), null);
  browser.subscribed = browser.make(new Uint8Array(65));
  assert.equal(await glue.unsubscribe(), 'https://push.example/abc');
  assert.equal(browser.subscribed, null);
});
