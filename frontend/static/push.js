// Web Push, the browser's side of the menu's «Bật thông báo»: permission,
// the push manager, the subscription's JSON. ui/src/push.rs decides and
// talks to the server; it reaches these through `tonghopPush(name)` in
// index.html, which imports this file only when the menu is opened, so it
// costs nothing on a page load. Each function answers a promise; a refused
// permission rejects with Error('denied'). Tested by push.test.mjs.

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function current() {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration ? registration.pushManager.getSubscription() : null;
}

// The server's VAPID key (base64url) as the bytes subscribe() takes.
function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const sameKey = (buffer, bytes) => !!buffer && buffer.byteLength === bytes.length &&
  new Uint8Array(buffer).every((b, i) => b === bytes[i]);

// 'unsupported', 'denied', 'on' or 'off'.
export async function state() {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return (await current()) ? 'on' : 'off';
}

// Asks the permission, subscribes with the server's key, and answers the
// subscription's JSON for the app to send to the server.
export async function subscribe() {
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('denied');
  const registration = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker')), 10000)),
  ]);
  const answer = await fetch('/api/v1/push/key');
  if (!answer.ok) throw new Error(`push key: ${answer.status}`);
  const key = keyBytes((await answer.json()).public_key);
  let subscription = await registration.pushManager.getSubscription();
  // One made with another key (another server, a new key) is of no use.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription = subscription || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  return JSON.stringify(subscription);
}

// Unsubscribes; answers the endpoint the server should forget, or null.
export async function unsubscribe() {
  const subscription = supported() ? await current() : null;
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
