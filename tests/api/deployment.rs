//! The deployment the README documents: two `tonghop serve` processes on one
//! PostgreSQL database, started at the same moment, behind nginx running the
//! repository's own `deploy/nginx/tonghop.conf`. What one server knows, the
//! other knows: sessions, the lock on a name, versions, the login rate; a
//! database away is a quick 503 through nginx; a server down is stepped
//! around; what nginx refuses itself it answers in the API's shape.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::process::{Api, ServerConfig, ServerProcess};
use tonghop_tests::{Db, EmptyDatabase, current_period, postgres_base};

/// The servers' `tonghop.toml` beyond the database: nginx in front on this
/// machine, a login rate low enough to count, and kept in the database.
const SERVERS_TOML: &str = r#"
trusted_proxies = ["127.0.0.1"]
rate_limit_store = "database"
login_rate_per_minute = 5
login_rate_burst = 5
"#;

/// nginx with the repository's site, its ports changed, in a directory of
/// its own; stopped when dropped.
struct Nginx {
    address: String,
    child: Child,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// Starts nginx in front of the servers on `upstreams`.
    fn start(upstreams: [u16; 2]) -> Nginx {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = tonghop_tests::process::free_port();
        let site_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx/tonghop.conf");
        let mut site = std::fs::read_to_string(&site_path).expect("deploy/nginx/tonghop.conf");
        for (from, to) in [
            ("listen 80;", format!("listen 127.0.0.1:{port};")),
            ("server 127.0.0.1:8081 ", format!("server 127.0.0.1:{} ", upstreams[0])),
            ("server 127.0.0.1:8082 ", format!("server 127.0.0.1:{} ", upstreams[1])),
        ] {
            assert_eq!(site.matches(from).count(), 1, "deploy/nginx/tonghop.conf: `{from}` once");
            site = site.replace(from, &to);
        }
        let d = dir.path().display();
        // Running as root, nginx's workers would switch to `nobody`, who
        // cannot write this directory: here they stay who the test is.
        let user = if is_root() { "user root;" } else { "" };
        let main = format!(
            "daemon off;\n{user}\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log info;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  access_log {d}/access.log;\n  client_body_temp_path {d}/client_body;\n  proxy_temp_path {d}/proxy;\n  \
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  include {d}/tonghop.conf;\n}}\n"
        );
        std::fs::write(dir.path().join("tonghop.conf"), site).unwrap();
        std::fs::write(dir.path().join("nginx.conf"), main).unwrap();
        let binary = std::env::var_os("NGINX").map_or_else(|| PathBuf::from("/usr/sbin/nginx"), PathBuf::from);
        assert!(binary.is_file(), "nginx not found at {} ($NGINX): apt-get install nginx-light", binary.display());
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdin(Stdio::null())
            // Its own process group, so master and worker go together.
            .process_group(0)
            .spawn()
            .expect("start nginx");
        Nginx { address: format!("http://127.0.0.1:{port}"), child, dir }
    }

    /// Waits until nginx listens (bounded).
    async fn ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let port = self.address.rsplit(':').next().unwrap().to_owned();
        while tokio::net::TcpStream::connect(format!("127.0.0.1:{port}")).await.is_err() {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("nginx exited ({status}): {}", self.error_log());
            }
            assert!(Instant::now() < deadline, "nginx did not listen within 10 s: {}", self.error_log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn api(&self) -> Api {
        Api::new(&self.address)
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // TERM: master and worker stop at once; then the group, whatever is left.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- nginx error.log ---\n{}", self.error_log());
        }
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Two servers started at once on one empty database, nginx in front.
struct Deployment {
    // Dropped in this order: nginx, the servers, then the database.
    nginx: Nginx,
    a: ServerProcess,
    b: ServerProcess,
    database: EmptyDatabase,
}

impl Deployment {
    async fn start() -> Deployment {
        let database = EmptyDatabase::new(Db::Postgres);
        let config = ServerConfig { database_url: database.url.clone(), demo: true, extra_toml: SERVERS_TOML.into() };
        // The same moment: both migrate, load the demo and make the secret at once.
        let (mut a, mut b) = (ServerProcess::spawn(&config), ServerProcess::spawn(&config));
        tokio::join!(a.ready(), b.ready());
        let mut nginx = Nginx::start([a.port, b.port]);
        nginx.ready().await;
        Deployment { nginx, a, b, database }
    }

    /// The two servers and nginx, for a client at `client`: every request
    /// says `X-Forwarded-For: <client>`, as one from beyond another proxy;
    /// nginx appends its own hop and the servers (trusting 127.0.0.1) count
    /// `client`. Each part of a test has its own address, so the login rate
    /// (5) is counted only where a test counts it.
    fn clients(&self, client: &str) -> (Api, Api, Api) {
        let from = |api: Api| api.with_header("x-forwarded-for", client);
        (from(self.a.api()), from(self.b.api()), from(self.nginx.api()))
    }

    fn database_name(&self) -> String {
        self.database.url.rsplit('/').next().unwrap().to_owned()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_behind_nginx_on_one_postgres_share_sessions_locks_and_versions() {
    let started = Instant::now();
    let deployment = Deployment::start().await;
    println!("two servers and nginx up in {:?}", started.elapsed());

    both_came_up_with_one_demo(&deployment).await;
    a_session_opened_on_one_server_is_good_on_the_other(&deployment).await;
    failures_spread_over_both_servers_lock_the_name_on_both(&deployment).await;
    a_save_from_an_old_version_on_the_other_server_is_a_conflict(&deployment).await;
    a_database_away_is_a_quick_503_through_nginx_then_works_again(&deployment).await;
    a_body_too_large_is_refused_by_nginx_in_the_api_shape(&deployment).await;
    a_server_down_is_stepped_around_by_nginx(deployment).await;
    println!("deployment test: {:?}", started.elapsed());
}

async fn both_came_up_with_one_demo(d: &Deployment) {
    let (a, b, proxy) = d.clients("192.0.2.1");
    for api in [&a, &b, &proxy] {
        let health = api.call(Method::GET, "/api/health", None, None).await;
        assert_eq!((health.status, health.body["database"].as_str()), (StatusCode::OK, Some("postgres")), "{}", api.address);
    }
    let admin = proxy.demo_login("admin").await;
    let units = proxy.call(Method::GET, "/api/v1/units", admin["access_token"].as_str(), None).await;
    let communes = units.body.as_array().unwrap().iter().filter(|u| u["code"] == "XP").count();
    assert_eq!(communes, 1, "one demo, loaded by one of the two");
    let users = proxy.call(Method::GET, "/api/v1/users", admin["access_token"].as_str(), None).await;
    assert_eq!(users.body.as_array().unwrap().len(), tonghop::demo::logins().len(), "its accounts once");
}

async fn a_session_opened_on_one_server_is_good_on_the_other(d: &Deployment) {
    let (a, b, proxy) = d.clients("192.0.2.2");
    let me = |api: &Api, access: &serde_json::Value| {
        let (api, access) = (api.clone(), access.as_str().unwrap().to_owned());
        async move { api.call(Method::GET, "/api/v1/auth/me", Some(&access), None).await }
    };
    let refresh = |api: &Api, refresh: &serde_json::Value| {
        let (api, body) = (api.clone(), json!({"refresh_token": refresh}));
        async move { api.call(Method::POST, "/api/v1/auth/refresh", None, Some(body)).await }
    };

    let login = a.demo_login("thon.langsung").await;
    for api in [&b, &proxy] {
        let answer = me(api, &login["access_token"]).await;
        assert_eq!((answer.status, answer.body["username"].as_str()), (StatusCode::OK, Some("thon.langsung")), "{}", api.address);
    }
    let renewed = refresh(&a, &login["refresh_token"]).await;
    assert_eq!(renewed.status, StatusCode::OK, "{:?}", renewed.body);
    assert_eq!(me(&b, &renewed.body["access_token"]).await.status, StatusCode::OK, "a refresh on A, its access token on B");
    let again = refresh(&b, &renewed.body["refresh_token"]).await;
    assert_eq!(again.status, StatusCode::OK, "a refresh on A, its refresh token on B: {:?}", again.body);

    let logout = a.call(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": again.body["refresh_token"]}))).await;
    assert_eq!(logout.status, StatusCode::NO_CONTENT);
    let after_logout = refresh(&b, &again.body["refresh_token"]).await;
    assert_eq!(after_logout.status, StatusCode::UNAUTHORIZED, "logged out on A, refused on B: {:?}", after_logout.body);
}

async fn failures_spread_over_both_servers_lock_the_name_on_both(d: &Deployment) {
    // Each guess from an address of its own, as a spread attack would come:
    // what stops them is the lock on the name, not the rate of an address.
    for guess in 0..5 {
        let (a, b, _) = d.clients(&format!("198.51.100.{}", 10 + guess));
        let server = if guess % 2 == 0 { a } else { b };
        let answer = server.login("thon.dadung", "doan-sai").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "guess {guess} on {}: {:?}", server.address, answer.body);
    }
    for (n, client) in ["198.51.100.20", "198.51.100.21"].into_iter().enumerate() {
        let (a, b, _) = d.clients(client);
        let server = if n == 0 { a } else { b };
        let answer = server.login("thon.dadung", "thon2026").await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "the right password on {}: {:?}", server.address, answer.body);
        assert_eq!(answer.code(), "too_many_attempts");
    }
}

async fn a_save_from_an_old_version_on_the_other_server_is_a_conflict(d: &Deployment) {
    let (a, b, _) = d.clients("192.0.2.3");
    let token = a.demo_login("thon.bangoc").await["access_token"].as_str().unwrap().to_owned();
    let unit = a.call(Method::GET, "/api/v1/auth/me", Some(&token), None).await.body["unit"]["id"].as_i64().unwrap();
    let forms = a.call(Method::GET, "/api/v1/forms", Some(&token), None).await;
    let form = forms.body.as_array().unwrap().iter().find(|f| f["code"] == "VILLAGE_MONTHLY").unwrap().clone();
    let indicator = form["indicators"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/submissions/{unit}/{}/{}", form["id"], current_period());
    let version = a.call(Method::GET, &path, Some(&token), None).await.body["version"].as_i64().unwrap();
    let save = |api: &Api, value: i64| {
        let (api, path, token) = (api.clone(), path.clone(), token.clone());
        let body = json!({"version": version, "values": [{"indicator_id": indicator, "value": value}]});
        async move { api.call(Method::PUT, &path, Some(&token), Some(body)).await }
    };

    let first = save(&a, 11).await;
    let second = save(&b, 12).await;

    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!(second.status, StatusCode::CONFLICT, "{:?}", second.body);
    assert_eq!(second.code(), "version_conflict");
}

/// `rate_limit_store = "database"`: login_rate_burst = 5, then one every
/// 12 s; ten logins from one address, alternating between the servers within
/// a few seconds, get five through. Kept in memory, each server would let
/// five through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_rate_of_an_address_is_one_total_over_both_servers() {
    let d = Deployment::start().await;
    let (a, b, _) = d.clients("203.0.113.9");
    let began = Instant::now();
    let mut allowed = 0;
    for n in 0..10 {
        let answer = if n % 2 == 0 { &a } else { &b }.login("vp.xuanphu", "xuanphu2026").await;
        match answer.status {
            StatusCode::OK => allowed += 1,
            StatusCode::TOO_MANY_REQUESTS => assert_eq!(answer.code(), "rate_limited", "{:?}", answer.body),
            other => panic!("login {n}: {other} {:?}", answer.body),
        }
    }
    // One more may have rested in if the logins took over 12 s (a slow machine).
    let rested = (began.elapsed().as_secs() / 12) as usize;
    assert!((5..=5 + rested).contains(&allowed), "{allowed} of 10 logins allowed in {:?}", began.elapsed());
}

async fn a_database_away_is_a_quick_503_through_nginx_then_works_again(d: &Deployment) {
    let (_, _, proxy) = d.clients("192.0.2.4");
    let token = proxy.demo_login("thon.langbai").await["access_token"].as_str().unwrap().to_owned();
    let name = d.database_name();
    let mut admin = PgConnection::establish(&format!("{}/postgres", postgres_base())).unwrap();
    let outage = Outage::begin(&mut admin, &name);

    let asked = Instant::now();
    let due = proxy.call(Method::GET, "/api/v1/due", Some(&token), None).await;
    let waited = asked.elapsed();
    let (a, b, _) = d.clients("192.0.2.4");
    for server in [&a, &b] {
        let ready = server.call(Method::GET, "/api/health/ready", None, None).await;
        let live = server.call(Method::GET, "/api/health/live", None, None).await;
        assert_eq!((ready.status, live.status), (StatusCode::SERVICE_UNAVAILABLE, StatusCode::OK), "{}", server.address);
    }
    drop(outage);
    let due_after = proxy.call(Method::GET, "/api/v1/due", Some(&token), None).await;

    assert_eq!(due.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", due.body);
    assert_eq!(due.code(), "unavailable");
    assert!(due.headers.contains_key("retry-after"), "{:?}", due.headers);
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
    assert_eq!(due_after.status, StatusCode::OK, "{:?}", due_after.body);
    assert_eq!(proxy.call(Method::GET, "/api/health/ready", None, None).await.status, StatusCode::OK);
}

/// PostgreSQL refusing one database's connections until dropped.
struct Outage {
    name: String,
}

impl Outage {
    fn begin(admin: &mut PgConnection, name: &str) -> Outage {
        diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).execute(admin).unwrap();
        diesel::sql_query(format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
            .execute(admin)
            .unwrap();
        Outage { name: name.to_owned() }
    }
}

impl Drop for Outage {
    fn drop(&mut self) {
        let mut admin = PgConnection::establish(&format!("{}/postgres", postgres_base())).unwrap();
        diesel::sql_query(format!("ALTER DATABASE {} ALLOW_CONNECTIONS true", self.name)).execute(&mut admin).unwrap();
    }
}

async fn a_server_down_is_stepped_around_by_nginx(mut d: Deployment) {
    let (_, _, proxy) = d.clients("192.0.2.5");
    d.a.terminate();
    assert!(d.a.wait_exit(Duration::from_secs(35)).await.success());

    // Connections refused by the one, nginx goes to the other: reads, and a
    // login (a POST that never reached the server that is down).
    for _ in 0..4 {
        let health = proxy.call(Method::GET, "/api/health", None, None).await;
        assert_eq!(health.status, StatusCode::OK, "{:?}", health.body);
    }
    let login = proxy.login("thon.xuanthanh", "thon2026").await;
    assert_eq!(login.status, StatusCode::OK, "{:?}", login.body);

    // Both down: nginx's own 503, in the API's shape, with Retry-After.
    d.b.terminate();
    assert!(d.b.wait_exit(Duration::from_secs(35)).await.success());
    let down = proxy.call(Method::GET, "/api/v1/due", Some(login.body["access_token"].as_str().unwrap()), None).await;
    assert_eq!((down.status, down.code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{:?}", down.body);
    assert_eq!(down.headers["retry-after"], "5");
}

/// A body past `client_max_body_size` is refused by nginx before any server
/// reads it, in the API's error shape.
async fn a_body_too_large_is_refused_by_nginx_in_the_api_shape(d: &Deployment) {
    let (_, _, proxy) = d.clients("192.0.2.6");
    let token = proxy.demo_login("vp.xuanphu").await["access_token"].as_str().unwrap().to_owned();
    let client = reqwest::Client::new();
    let file = vec![b'a'; 12 * 1024 * 1024];

    let answer = client.post(format!("{}/api/v1/imports/plans", proxy.address)).bearer_auth(token).body(file).send().await.unwrap();

    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "payload_too_large");
}
