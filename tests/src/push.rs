//! A local push service, as a browser's (FCM, Mozilla's) looks to the
//! server: it hands out subscriptions whose endpoints are its own, and for
//! every push it receives it checks what a real one would (the VAPID JWT,
//! signed with the key named beside it, for this origin, not expired) and
//! decrypts the payload with the subscriber's private key, as the browser
//! would. Nothing leaves the machine.
//!
//! The decryption is written here from RFC 8291 and RFC 8188 with the
//! primitives alone (ECDH, HKDF, AES-128-GCM), not with the crate the server
//! encrypts with, so the two check each other. The JWT is checked with
//! `p256`'s ECDSA, not with the library that signed it.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use p256::ecdsa::signature::Verifier;
use p256::elliptic_curve::rand_core::OsRng;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use serde_json::Value;
use sha2::Sha256;
use tonghop_shared::api::{PushSubscriptionInput, PushSubscriptionKeys};

/// A push as the phone would show it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The subscriber it was for.
    pub subscriber: usize,
    /// The decrypted payload.
    pub payload: Value,
    /// The VAPID public key it was signed with (base64url).
    pub vapid_key: String,
    /// Its `TTL` header.
    pub ttl: u64,
}

/// A browser's side of a subscription: what it sends the server, and the
/// private key it decrypts with.
struct Subscriber {
    secret: SecretKey,
    auth: [u8; 16],
    /// What the service answers this subscriber's pushes with.
    answer: u16,
}

#[derive(Default)]
struct Shared {
    subscribers: Vec<Subscriber>,
    received: Vec<Received>,
    /// Pushes refused (bad signature, undecryptable), with why.
    refused: Vec<String>,
}

/// The running service.
pub struct PushService {
    /// `http://127.0.0.1:<port>`.
    pub origin: String,
    shared: Arc<Mutex<Shared>>,
    handle: actix_web::dev::ServerHandle,
}

impl PushService {
    /// Starts the service on a free port.
    pub async fn start() -> Self {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let origin = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let state = (shared.clone(), origin.clone());
        let server =
            HttpServer::new(move || App::new().app_data(web::Data::new(state.clone())).route("/push/{n}", web::post().to(receive)))
                .workers(1)
                .listen(listener)
                .unwrap()
                .run();
        let handle = server.handle();
        tokio::spawn(server);
        Self { origin, shared, handle }
    }

    /// A new browser: its subscription, to send to the server.
    pub fn subscribe(&self) -> (usize, PushSubscriptionInput) {
        let secret = SecretKey::random(&mut OsRng);
        let mut auth = [0u8; 16];
        p256::elliptic_curve::rand_core::RngCore::fill_bytes(&mut OsRng, &mut auth);
        let p256dh = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
        let mut shared = self.shared.lock().unwrap();
        let n = shared.subscribers.len();
        shared.subscribers.push(Subscriber { secret, auth, answer: 201 });
        let input = PushSubscriptionInput {
            endpoint: format!("{}/push/{n}", self.origin),
            keys: PushSubscriptionKeys { p256dh, auth: URL_SAFE_NO_PAD.encode(auth) },
        };
        (n, input)
    }

    /// From now on, answer `subscriber`'s pushes with `status` (410: the
    /// browser unsubscribed).
    pub fn answer_with(&self, subscriber: usize, status: u16) {
        self.shared.lock().unwrap().subscribers[subscriber].answer = status;
    }

    /// What `subscriber` has received so far.
    pub fn received(&self, subscriber: usize) -> Vec<Received> {
        self.shared.lock().unwrap().received.iter().filter(|r| r.subscriber == subscriber).cloned().collect()
    }

    /// Waits (up to 20 s) until `subscriber` has received `count` pushes;
    /// fails the test with what arrived otherwise, or on any push refused.
    pub async fn wait_for(&self, subscriber: usize, count: usize) -> Vec<Received> {
        for _ in 0..200 {
            self.assert_nothing_refused();
            let received = self.received(subscriber);
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("subscriber {subscriber} received {:?}, expected {count} pushes", self.received(subscriber));
    }

    /// Fails the test if any push failed the checks.
    pub fn assert_nothing_refused(&self) {
        let refused = self.shared.lock().unwrap().refused.clone();
        assert!(refused.is_empty(), "pushes refused by the local push service: {refused:?}");
    }

    /// Every push received, for any subscriber.
    pub fn all_received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// Stops the service.
    pub async fn stop(&self) {
        self.handle.stop(false).await;
    }
}

type State = (Arc<Mutex<Shared>>, String);

async fn receive(state: web::Data<State>, request: HttpRequest, path: web::Path<usize>, body: web::Bytes) -> HttpResponse {
    let (shared, origin) = state.get_ref();
    let n = path.into_inner();
    let mut shared = shared.lock().unwrap();
    let Some(subscriber) = shared.subscribers.get(n) else { return HttpResponse::NotFound().finish() };
    let answer = subscriber.answer;
    let checked = check(&request, origin).and_then(|(vapid_key, ttl)| {
        let plain = decrypt(&body, &subscriber.secret, &subscriber.auth)?;
        let payload: Value = serde_json::from_slice(&plain).map_err(|e| format!("payload is not JSON: {e}"))?;
        Ok(Received { subscriber: n, payload, vapid_key, ttl })
    });
    match checked {
        Err(why) => {
            shared.refused.push(why.clone());
            HttpResponse::BadRequest().body(why)
        }
        Ok(received) if answer == 201 => {
            shared.received.push(received);
            HttpResponse::Created().finish()
        }
        Ok(_) => HttpResponse::build(actix_web::http::StatusCode::from_u16(answer).unwrap()).finish(),
    }
}

/// The headers a push must carry (RFC 8030, 8188, 8292); the VAPID key and
/// the TTL.
fn check(request: &HttpRequest, origin: &str) -> Result<(String, u64), String> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if header("content-encoding").as_deref() != Some("aes128gcm") {
        return Err(format!("Content-Encoding is {:?}", header("content-encoding")));
    }
    let ttl: u64 = header("ttl").and_then(|t| t.parse().ok()).ok_or("no TTL")?;
    let authorization = header("authorization").ok_or("no Authorization")?;
    let rest = authorization.strip_prefix("vapid ").ok_or("Authorization is not vapid")?;
    let params: HashMap<&str, &str> = rest.split(',').filter_map(|p| p.trim().split_once('=')).collect();
    let (token, key) = (params.get("t").ok_or("no t=")?, params.get("k").ok_or("no k=")?);
    let key_bytes = URL_SAFE_NO_PAD.decode(key).map_err(|e| format!("k: {e}"))?;
    let verifying = p256::ecdsa::VerifyingKey::from_sec1_bytes(&key_bytes).map_err(|e| format!("k: {e}"))?;
    let parts: Vec<&str> = token.split('.').collect();
    let [head, claims, signature] = parts.as_slice() else { return Err("t is not a JWT".into()) };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|e| format!("JWT: {e}"));
    let head: Value = serde_json::from_slice(&decode(head)?).map_err(|e| e.to_string())?;
    if head["alg"] != "ES256" {
        return Err(format!("JWT alg {}", head["alg"]));
    }
    let signature = p256::ecdsa::Signature::from_slice(&decode(signature)?).map_err(|e| format!("signature: {e}"))?;
    let signed = token.rsplit_once('.').map(|(signed, _)| signed).unwrap_or_default();
    verifying.verify(signed.as_bytes(), &signature).map_err(|_| "the JWT's signature does not verify with k".to_owned())?;
    let claims: Value = serde_json::from_slice(&decode(claims)?).map_err(|e| e.to_string())?;
    if claims["aud"] != origin {
        return Err(format!("aud {} is not {origin}", claims["aud"]));
    }
    let now = chrono::Utc::now().timestamp();
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    if exp <= now || exp > now + 24 * 3600 {
        return Err(format!("exp {exp} is not within 24 hours of {now}"));
    }
    let sub = claims["sub"].as_str().unwrap_or_default();
    if !(sub.starts_with("mailto:") || sub.starts_with("https://")) {
        return Err(format!("sub {sub:?}"));
    }
    Ok((key.to_string(), ttl))
}

/// RFC 8291 on RFC 8188's `aes128gcm`, one record.
fn decrypt(body: &[u8], secret: &SecretKey, auth: &[u8; 16]) -> Result<Vec<u8>, String> {
    if body.len() < 21 {
        return Err("body shorter than its header".into());
    }
    let (salt, rs, idlen) = (&body[..16], u32::from_be_bytes(body[16..20].try_into().unwrap()), body[20] as usize);
    let keyid = body.get(21..21 + idlen).ok_or("key id cut")?;
    let ciphertext = &body[21 + idlen..];
    if rs < 18 || ciphertext.len() > rs as usize {
        return Err(format!("record size {rs} for {} bytes", ciphertext.len()));
    }
    let sender = PublicKey::from_sec1_bytes(keyid).map_err(|_| "the key id is not the sender's P-256 key")?;
    let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), sender.as_affine());
    let mut info = b"WebPush: info\0".to_vec();
    info.extend_from_slice(secret.public_key().to_encoded_point(false).as_bytes());
    info.extend_from_slice(sender.to_encoded_point(false).as_bytes());
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(auth), shared.raw_secret_bytes()).expand(&info, &mut ikm).unwrap();
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let (mut cek, mut nonce) = ([0u8; 16], [0u8; 12]);
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek).unwrap();
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce).unwrap();
    let mut plain = Aes128Gcm::new_from_slice(&cek)
        .unwrap()
        .decrypt(Nonce::from_slice(&nonce), ciphertext)
        .map_err(|_| "the payload does not decrypt with the subscriber's keys")?;
    // Padding: zeros after the last record's delimiter, 0x02.
    while plain.last() == Some(&0) {
        plain.pop();
    }
    if plain.pop() != Some(2) {
        return Err("no last-record delimiter".into());
    }
    Ok(plain)
}
