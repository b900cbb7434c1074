//! Stopping the real program with SIGTERM (systemd, a container runtime, a
//! deploy) while a reporter's saves are arriving: each save in flight is
//! either answered 200 and then stored, or not answered (no connection, a
//! 503) — never acknowledged and lost. The process exits 0, promptly.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::process::{Api, ServerConfig, ServerProcess};
use tonghop_tests::{Db, EmptyDatabase, on_both_databases};

/// One sender per month, long past: each sender's saves are a chain of
/// versions of its own month, so every save it sends is one the server must
/// store (none is refused as a version conflict) and at any moment every
/// sender has one save in flight.
const MONTHS: [&str; 8] = ["2019-01", "2019-02", "2019-03", "2019-04", "2019-05", "2019-06", "2019-07", "2019-08"];

/// How long the senders run before the signal, at least: and until each
/// has had a save acknowledged.
const BEFORE_SIGNAL: Duration = Duration::from_millis(1500);

/// A save answered 200.
struct Acknowledged {
    version: i64,
    value: i64,
    sent: Instant,
    answered: Instant,
}

/// What one sender saw.
struct Sent {
    path: String,
    acknowledged: Vec<Acknowledged>,
    /// The figure of the one save that got no 200 (the sender's last).
    unanswered: Option<i64>,
}

/// Every figure of the form set to `value`.
fn figures(indicators: &[i64], value: i64) -> Value {
    Value::Array(indicators.iter().map(|id| json!({"indicator_id": id, "value": value})).collect())
}

/// Saves one month again and again, each from the version the last answer
/// gave, until a save gets no 200. After SIGTERM the server takes no new
/// connection and closes each open one after its answer, so a sender stops
/// at its first request after the one in flight; the server's exit bounds
/// the loop.
async fn keep_saving(api: Api, token: String, path: String, indicators: Vec<i64>, started_saving: Arc<AtomicUsize>) -> Sent {
    let mut sent = Sent { path: path.clone(), acknowledged: Vec::new(), unanswered: None };
    for seq in 0_i64.. {
        // Differs from the figure stored, so each save is a new version, not a replay.
        let value = seq % 90 + 1;
        let version = sent.acknowledged.last().map_or(0, |a| a.version);
        let started = Instant::now();
        let answer =
            api.try_call(Method::PUT, &path, Some(&token), Some(json!({"version": version, "values": figures(&indicators, value)})));
        match answer.await {
            Ok(answer) if answer.status == StatusCode::OK => {
                let stored = answer.body["version"].as_i64().unwrap();
                assert_eq!(stored, version + 1, "{path}: a save from version {version}");
                sent.acknowledged.push(Acknowledged { version: stored, value, sent: started, answered: Instant::now() });
                if stored == 1 {
                    started_saving.fetch_add(1, Ordering::SeqCst);
                }
            }
            // Not acknowledged: the sender does not know whether it was stored.
            Ok(answer) if answer.status == StatusCode::SERVICE_UNAVAILABLE => {
                sent.unanswered = Some(value);
                break;
            }
            Ok(answer) => panic!("{path}: a save answered {}: {:?}", answer.status, answer.body),
            Err(_) => {
                sent.unanswered = Some(value);
                break;
            }
        }
    }
    sent
}

async fn a_sigterm_lets_the_saves_in_flight_finish_and_loses_none_it_acknowledged(db: Db) {
    let test_started = Instant::now();
    let database = EmptyDatabase::new(db);
    let config = ServerConfig { database_url: database.url.clone(), demo: true, ..ServerConfig::default() };
    let mut server = ServerProcess::start(&config).await;
    let api = server.api();
    let token = api.demo_login("thon.bangoc").await["access_token"].as_str().unwrap().to_owned();
    let me = api.call(Method::GET, "/api/v1/auth/me", Some(&token), None).await;
    let forms = api.call(Method::GET, "/api/v1/forms", Some(&token), None).await;
    let form = forms.body.as_array().unwrap().iter().find(|f| f["code"] == "VILLAGE_MONTHLY").unwrap().clone();
    let indicators: Vec<i64> = form["indicators"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let (unit, form) = (me.body["unit"]["id"].as_i64().unwrap(), form["id"].as_i64().unwrap());

    let started_saving = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = MONTHS
        .iter()
        .map(|month| {
            let path = format!("/api/v1/submissions/{unit}/{form}/{month}");
            tokio::spawn(keep_saving(Api::new(&api.address), token.clone(), path, indicators.clone(), started_saving.clone()))
        })
        .collect();
    tokio::time::sleep(BEFORE_SIGNAL).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while started_saving.load(Ordering::SeqCst) < MONTHS.len() {
        assert!(Instant::now() < deadline, "every sender has a save stored within 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let signalled = Instant::now();
    server.terminate();
    let status = server.wait_exit(Duration::from_secs(35)).await;
    let stopped_in = signalled.elapsed();
    let mut sent = Vec::new();
    for sender in senders {
        sent.push(sender.await.expect("sender"));
    }

    assert_eq!(status.code(), Some(0), "a SIGTERM is a clean stop");
    assert!(stopped_in < Duration::from_secs(35), "stopped {stopped_in:?} after SIGTERM");
    // What makes this a test of requests in flight: saves sent before the
    // signal and answered 200 after it. Eight senders each keep one save in
    // flight all the time (none waits on another: each has its own month),
    // so some are when the signal comes. A server that dropped them, or a
    // run with none in flight, fails here instead of passing with nothing
    // tested.
    let in_flight = sent.iter().flat_map(|s| &s.acknowledged).filter(|a| a.sent < signalled && a.answered > signalled).count();
    assert!(in_flight > 0, "no save was in flight when the signal came");
    let stored_before = sent.iter().map(|s| s.acknowledged.len()).sum::<usize>();

    // A new server on the same database finds every acknowledged save.
    let after = ServerProcess::start(&ServerConfig { demo: false, ..config }).await;
    let api = after.api();
    let token = api.demo_login("thon.bangoc").await["access_token"].as_str().unwrap().to_owned();
    for s in &sent {
        let last = s.acknowledged.last().unwrap_or_else(|| panic!("{}: nothing acknowledged before the signal", s.path));
        let stored = api.call(Method::GET, &s.path, Some(&token), None).await;
        let version = stored.body["version"].as_i64().unwrap();
        let values: Vec<i64> = stored.body["values"].as_array().unwrap().iter().map(|v| v["value"].as_i64().unwrap()).collect();
        // The one unanswered save may have been stored (its answer lost) or not.
        let expected = if version == last.version + 1 { s.unanswered.expect("a later version was sent") } else { last.value };
        assert!(version == last.version || version == last.version + 1, "{}: version {version}, acknowledged {}", s.path, last.version);
        assert_eq!(values.len(), indicators.len(), "{}: every figure", s.path);
        assert!(values.iter().all(|v| *v == expected), "{}: stored {values:?}, version {version}, expected {expected}", s.path);
    }
    println!(
        "{db:?}: {stored_before} saves acknowledged, {in_flight} of them in flight at SIGTERM; exit 0 after {stopped_in:?}; test {:?}",
        test_started.elapsed()
    );
}

on_both_databases!(a_sigterm_lets_the_saves_in_flight_finish_and_loses_none_it_acknowledged);
