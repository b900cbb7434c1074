//! The phone's connection, between the browser and the server: a TCP relay
//! on its own port that counts what crosses it and can be cut.
//!
//! The browser talks to the relay's address (so the app's origin is the
//! relay's), the relay to the real server. Cut, it closes every open
//! connection and refuses new ones at once, as an absent mobile network
//! does: the service worker's fetches fail as well as the page's, while the
//! server keeps running and can be asked what it received.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A running relay.
pub struct Link {
    /// `http://127.0.0.1:<port>`: what the browser opens.
    pub address: String,
    shared: Arc<Shared>,
    cut_tx: watch::Sender<u64>,
}

struct Shared {
    up: AtomicBool,
    bytes_down: AtomicU64,
    /// Request lines seen going up (`GET /x HTTP/1.1`), in order.
    requests: Mutex<Vec<String>>,
}

impl Link {
    /// Relays a fresh port to `upstream` (`127.0.0.1:<port>`).
    pub async fn start(upstream: &str) -> Link {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("relay port");
        let address = format!("http://{}", listener.local_addr().unwrap());
        let shared = Arc::new(Shared { up: AtomicBool::new(true), bytes_down: AtomicU64::new(0), requests: Mutex::new(Vec::new()) });
        let (cut_tx, cut_rx) = watch::channel(0_u64);
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let accepting = shared.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if !accepting.up.load(Ordering::SeqCst) {
                    // No network: the connection is refused at once.
                    drop(client);
                    continue;
                }
                let (shared, upstream, cut) = (accepting.clone(), upstream.clone(), cut_rx.clone());
                tokio::spawn(relay(client, upstream, shared, cut));
            }
        });
        Link { address, shared, cut_tx }
    }

    /// Cuts the connection (`false`) or brings it back (`true`).
    pub fn set_up(&self, up: bool) {
        self.shared.up.store(up, Ordering::SeqCst);
        if !up {
            self.cut_tx.send_modify(|n| *n += 1);
        }
    }

    /// Bytes sent from the server to the browser since the last reset.
    pub fn bytes_down(&self) -> u64 {
        self.shared.bytes_down.load(Ordering::SeqCst)
    }

    /// The paths of the requests since the last reset (`/api/v1/due`, …).
    pub fn paths(&self) -> Vec<String> {
        let lines = self.shared.requests.lock().unwrap();
        lines.iter().filter_map(|line| line.split(' ').nth(1).map(str::to_owned)).collect()
    }

    /// Starts counting afresh.
    pub fn reset(&self) {
        self.shared.bytes_down.store(0, Ordering::SeqCst);
        self.shared.requests.lock().unwrap().clear();
    }
}

async fn relay(mut client: TcpStream, upstream: String, shared: Arc<Shared>, mut cut: watch::Receiver<u64>) {
    let Ok(mut server) = TcpStream::connect(&upstream).await else { return };
    cut.mark_unchanged();
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let up = async {
        let mut buf = vec![0_u8; 16 * 1024];
        let mut pending = Vec::new();
        loop {
            let n = client_read.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            record_request_lines(&shared, &mut pending, &buf[..n]);
            if server_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    let down = async {
        let mut buf = vec![0_u8; 16 * 1024];
        loop {
            let n = server_read.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            shared.bytes_down.fetch_add(n as u64, Ordering::SeqCst);
            if client_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    tokio::select! {
        _ = up => {}
        _ = down => {}
        _ = cut.changed() => {}
    }
}

/// Notes every HTTP/1.1 request line in the upward stream. Request bodies
/// of this app are JSON or files, which never hold a line of this shape.
fn record_request_lines(shared: &Shared, pending: &mut Vec<u8>, chunk: &[u8]) {
    pending.extend_from_slice(chunk);
    while let Some(end) = pending.windows(2).position(|w| w == b"\r\n") {
        let line = String::from_utf8_lossy(&pending[..end]).into_owned();
        pending.drain(..end + 2);
        let method = line.split(' ').next().unwrap_or("");
        if line.ends_with(" HTTP/1.1") && ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].contains(&method) {
            shared.requests.lock().unwrap().push(line);
        }
    }
    // A body without line breaks (a file) should not grow the buffer forever.
    if pending.len() > 64 * 1024 {
        pending.clear();
    }
}
