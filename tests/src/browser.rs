//! A real headless Chromium at a phone's size (360 x 740 CSS pixels), driven
//! through chromedriver, which this harness starts on a free port and stops
//! when the test ends.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// A browser session and the chromedriver behind it.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Run before any script of every page: records each Content-Security-Policy
/// refusal in sessionStorage (one tab's, across its pages).
const CSP_RECORDER: &str = "document.addEventListener('securitypolicyviolation', (e) => { \
    const seen = JSON.parse(sessionStorage.getItem('tonghop-test-csp') || '[]'); \
    seen.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber); \
    sessionStorage.setItem('tonghop-test-csp', JSON.stringify(seen)); });";

/// How long chromedriver waits for a navigation before calling it stalled.
const PAGE_LOAD_BUDGET: Duration = Duration::from_secs(45);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium emulating a 360 x 740
    /// phone. Panics with the install command when either is missing.
    pub async fn start() -> Browser {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chrome_bin = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver =
            Command::new(&driver_bin).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap_or_else(
                |e| panic!("{driver_bin} could not start ({e}); install it with: apt-get install -y chromium chromium-driver"),
            );
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--lang=vi-VN".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chrome_bin,
                "args": args,
                "mobileEmulation": {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0, "touch": true}},
            }),
        );
        // Navigation returns once the document is parsed: every test then
        // waits for the element it needs. The full-load wait ("normal") once
        // hung a CI run for chromedriver's whole 300 s budget ("Timed out
        // receiving message from renderer") on a plain page change; a bounded
        // budget and one retry (`goto`) keep such a stall from failing a run.
        caps.insert("pageLoadStrategy".into(), json!("eager"));
        caps.insert("timeouts".into(), json!({"pageLoad": PAGE_LOAD_BUDGET.as_millis() as u64, "script": 30_000}));
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("chromedriver did not answer: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        let browser = Browser { client, driver, _profile: profile };
        // Every page of this tab records what its Content-Security-Policy
        // refused (`csp_violations`), kept in sessionStorage across pages.
        browser.cdp("Page.addScriptToEvaluateOnNewDocument", json!({"source": CSP_RECORDER})).await;
        browser
    }

    /// What the pages' Content-Security-Policy refused in this tab
    /// (`directive blocked-uri source:line`), e.g. an inline script or style.
    pub async fn csp_violations(&self) -> Vec<String> {
        let value = self.client.execute("return JSON.parse(sessionStorage.getItem('tonghop-test-csp') || '[]');", vec![]).await.unwrap();
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Ends the session: chromedriver closes Chromium. (Dropping a `Browser`
    /// without this stops chromedriver, but may leave Chromium running.)
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        let _ = self.driver.kill();
    }

    /// Opens `url`, as typing it in the address bar does. A navigation that
    /// chromedriver reports stalled is tried once more, and said so.
    pub async fn goto(&self, url: &str) {
        match self.client.goto(url).await {
            Ok(()) => {}
            Err(first) => {
                eprintln!("warning: opening {url} stalled ({first}); trying once more");
                self.client.goto(url).await.unwrap_or_else(|e| panic!("could not open {url}: {e}"));
            }
        }
    }

    /// Reloads the page (see `goto` for a stalled navigation).
    pub async fn reload(&self) {
        if let Err(first) = self.client.refresh().await {
            eprintln!("warning: a reload stalled ({first}); trying once more");
            self.client.refresh().await.unwrap_or_else(|e| panic!("could not reload: {e}"));
        }
    }

    /// The element with this `data-testid`, waiting up to 15 s for it.
    pub async fn testid(&self, id: &str) -> fantoccini::elements::Element {
        let selector = format!("[data-testid='{id}']");
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"))
    }

    /// Taps the element with this `data-testid` after scrolling it to the
    /// middle of the screen, where the sticky action bar cannot cover it.
    pub async fn tap(&self, id: &str) {
        let element = self.scroll_to(id).await;
        element.click().await.unwrap_or_else(|e| panic!("could not tap [data-testid='{id}']: {e}"));
    }

    /// Logs out through the header's menu and waits for the login screen.
    pub async fn log_out(&self) {
        self.tap("menu").await;
        self.tap("logout").await;
        self.testid("login-username").await;
    }

    /// Scrolls the element with this `data-testid` to the middle of the screen.
    pub async fn scroll_to(&self, id: &str) -> fantoccini::elements::Element {
        let element = self.testid(id).await;
        let arg = serde_json::to_value(&element).unwrap();
        self.client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]).await.unwrap();
        element
    }

    /// The first element matching a CSS selector, waiting up to 15 s for it.
    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"))
    }

    /// Waits until the element with this `data-testid` contains `text`;
    /// panics with what it shows after 15 s. Returns its text.
    pub async fn wait_for_testid_text(&self, id: &str, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let shown = match self.client.find(Locator::Css(&format!("[data-testid='{id}']"))).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if shown.contains(text) {
                return shown;
            }
            if Instant::now() > deadline {
                panic!("[data-testid='{id}'] never showed «{text}». It shows: «{shown}»");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's text contains `text`; panics with the page text
    /// after 15 s.
    pub async fn wait_for_text(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let body = self.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
            if body.contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("the page never showed «{text}». It shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends a command of the Chrome DevTools protocol to the page (through
    /// chromedriver's `goog/cdp/execute`), e.g. network or CPU emulation.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client.issue_cmd(Cdp { cmd: cmd.to_owned(), params }).await.unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    /// A weak mobile connection as DevTools' "slow 3G" preset defines it:
    /// 400 ms round trip, 400 kbit/s each way (`None`: no throttling).
    pub async fn emulate_slow_3g(&self, on: bool) {
        let (latency, throughput) = if on { (400.0, 400.0 * 1000.0 / 8.0) } else { (0.0, -1.0) };
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": latency, "downloadThroughput": throughput, "uploadThroughput": throughput}),
        )
        .await;
        self.cdp("Emulation.setCPUThrottlingRate", json!({"rate": if on { 4 } else { 1 }})).await;
    }

    /// Tells the page it is offline (`navigator.onLine`, the `online` and
    /// `offline` events, failed requests) or online again.
    pub async fn emulate_offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await;
    }

    /// Saves a screenshot under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await.unwrap()).unwrap();
        path
    }
}

/// chromedriver's command that runs a DevTools protocol method.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({"cmd": self.cmd, "params": self.params}).to_string()))
    }
}
