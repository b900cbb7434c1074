//! Every screen of both apps, measured at a phone's size (360 x 740 CSS
//! pixels) the way a thumb and an eye meet it: nothing wider than the
//! screen, no tap target under 44 x 44 CSS px, no text under 13 px, no bar
//! that stays on screen (header, action bar) taller than a fifth of it. Each
//! screen is kept as a screenshot (`target/screenshots/layout-*.png`) for
//! people to look at.
//!
//! What the measure skips, and why:
//! - content inside a box that scrolls sideways on purpose (the
//!   completeness grid, a wide table): the box itself must fit the screen;
//! - a link inside a sentence (WCAG 2.5.8's inline exception);
//! - a check box or a file input inside its label: the label is the target;
//! - visually hidden text for screen readers (1 x 1 px).

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, current_period, spawn_app};

use crate::monthly_form::{FIGURES, log_in};

/// Measures the screen as shown; answers one line per fault.
const MEASURE: &str = r#"
const W = document.documentElement.clientWidth;
const faults = [];
const name = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.dataset && el.dataset.testid) s += `[data-testid=${el.dataset.testid}]`;
  else if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return text ? `${s} «${text}»` : s;
};
const shown = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none' && el.closest('[hidden]') === null;
};
const scrolls = (el) => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
};
if (document.documentElement.scrollWidth > W + 1) faults.push(`the page is ${document.documentElement.scrollWidth} px wide`);
for (const el of document.body.querySelectorAll('*')) {
  if (el.tagName.toLowerCase() === 'text' && el.ownerSVGElement) {
    // Text in a drawing: its size as drawn, the drawing scaled to its box.
    const svg = el.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || svg.getBoundingClientRect().width);
    const drawn = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (drawn < 13 - 0.05) faults.push(`text of ${drawn.toFixed(1)} px in a drawing: ${name(el)}`);
    continue;
  }
  if (!shown(el) || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const r = el.getBoundingClientRect();
  if ((r.right > W + 1 || r.left < -1) && !scrolls(el)) faults.push(`wider than the screen (${Math.round(r.left)}..${Math.round(r.right)} px): ${name(el)}`);
  const small = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (small && size < 13 && !el.classList.contains('visually-hidden')) faults.push(`text of ${size} px: ${name(el)}`);
}
// A bar that stays on screen may take at most a fifth of it.
for (const bar of document.querySelectorAll('.action-bar, .app-header')) {
  const r = bar.getBoundingClientRect();
  const cs = getComputedStyle(bar);
  if (shown(bar) && (cs.position === 'sticky' || cs.position === 'fixed') && r.height > innerHeight / 5) {
    faults.push(`a bar that stays on screen is ${Math.round(r.height)} of ${innerHeight} px: ${name(bar)}`);
  }
}
const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
for (const el of document.body.querySelectorAll(targets)) {
  let target = el;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (el.tagName === 'INPUT' && ['checkbox', 'radio', 'file'].includes(type) && el.closest('label')) target = el.closest('label');
  if (!shown(target) || el.disabled && el.closest('[aria-hidden=true]')) continue;
  if (el.tagName === 'A' && el.closest('p, li.prose, .prose') && !el.classList.contains('button')) continue;
  const r = target.getBoundingClientRect();
  if (r.width < 44 - 0.5 || r.height < 44 - 0.5) faults.push(`tap target ${Math.round(r.width)} x ${Math.round(r.height)} px: ${name(el)}`);
}
return faults;
"#;

/// Measures the screen now shown, keeps its screenshot, and adds its faults
/// to `found`, each under the screen's name.
async fn measure(browser: &Browser, screen: &str, found: &mut Vec<String>) {
    // Let a late layout (fonts, a list that loads) settle.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    browser.screenshot(&format!("layout-{screen}")).await;
    let faults = browser.client.execute(MEASURE, vec![]).await.unwrap();
    let faults: Vec<String> = serde_json::from_value(faults).unwrap();
    found.extend(faults.into_iter().map(|f| format!("{screen}: {f}")));
}

/// Opens `path` of the app and waits for `ready` (a CSS selector).
async fn open(browser: &Browser, address: &str, path: &str, ready: &str) {
    browser.goto(&format!("{address}{path}")).await;
    browser.css(ready).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_of_both_apps_fits_a_phone_with_thumb_sized_targets_and_readable_text() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    let a = app.address.as_str();
    let period = current_period();
    let mut found = Vec::new();

    // The village: login, what is due, the month's form, the month sent.
    browser.goto(a).await;
    browser.testid("login-username").await;
    measure(&browser, "login", &mut found).await;
    log_in(&browser, a, "thon.bangoc", "thon2026").await;
    browser.css("[data-testid='due-item']").await;
    measure(&browser, "village-due", &mut found).await;
    browser.css(&format!("[data-testid='due-item'][data-period='{period}'] a")).await.click().await.unwrap();
    browser.testid("value-GRAIN_OUTPUT").await;
    measure(&browser, "village-form", &mut found).await;
    for (code, figure) in FIGURES {
        let input = browser.testid(&format!("value-{code}")).await;
        input.clear().await.unwrap();
        input.send_keys(figure).await.unwrap();
    }
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;
    measure(&browser, "village-form-saved", &mut found).await;
    browser.testid("submit").await.click().await.unwrap();
    browser.testid("confirm-submit").await;
    measure(&browser, "village-form-confirm", &mut found).await;
    browser.testid("confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã gửi").await;
    measure(&browser, "village-form-sent", &mut found).await;
    browser.log_out().await;

    // A mass organisation: what is due, its section.
    log_in(&browser, a, "phunu.xuanphu", "doanthe2026").await;
    browser.css("[data-testid='due-item']").await;
    measure(&browser, "organisation-due", &mut found).await;
    browser.css("[data-testid='section-entry'] a, a[data-testid='section-entry']").await.click().await.unwrap();
    browser.testid("section-text").await;
    measure(&browser, "organisation-section", &mut found).await;
    browser.log_out().await;

    // The commune office: every tab, a village's month under review with the
    // return panel open, a report, the templates, the access tokens.
    log_in(&browser, a, "vp.xuanphu", "xuanphu2026").await;
    browser.css("[data-testid='unit-card']").await;
    measure(&browser, "office-overview", &mut found).await;
    browser.css("[data-testid='unit-card'][data-unit='XP-BANGOC']").await.click().await.unwrap();
    browser.testid("approve").await;
    measure(&browser, "office-review", &mut found).await;
    browser.testid("return").await.click().await.unwrap();
    browser.testid("return-panel").await;
    measure(&browser, "office-review-return", &mut found).await;
    open(&browser, a, "/dashboard", "[data-testid='totals-summary']").await;
    measure(&browser, "office-dashboard", &mut found).await;
    browser.css("[data-testid='totals'] a.card-link, a.card-link").await.click().await.unwrap();
    browser.testid("indicator-title").await;
    measure(&browser, "office-indicator", &mut found).await;
    open(&browser, a, "/plans", "[data-testid='plan-rows']").await;
    measure(&browser, "office-plans", &mut found).await;
    open(&browser, a, "/completeness", "[data-testid='completeness-row']").await;
    measure(&browser, "office-completeness", &mut found).await;
    open(&browser, a, "/sections", "[data-testid='sections-summary']").await;
    measure(&browser, "office-sections", &mut found).await;
    open(&browser, a, "/reports", "[data-testid='report-new']").await;
    measure(&browser, "office-reports", &mut found).await;
    browser.testid("report-new").await.click().await.unwrap();
    browser.testid("report-create").await;
    measure(&browser, "office-report-new", &mut found).await;
    browser.testid("report-create").await.click().await.unwrap();
    browser.testid("report-passages").await;
    measure(&browser, "office-report", &mut found).await;
    open(&browser, a, "/report-templates", "[data-testid='template-list']").await;
    measure(&browser, "office-templates", &mut found).await;
    open(&browser, a, "/due", "main.page h1, main.page h2").await;
    measure(&browser, "office-due", &mut found).await;
    open(&browser, a, "/tokens", "[data-testid='token-name']").await;
    measure(&browser, "office-tokens", &mut found).await;
    open(&browser, a, "/holidays", "[data-testid='holiday-list']").await;
    measure(&browser, "office-holidays", &mut found).await;
    browser.tap("menu").await;
    measure(&browser, "office-menu", &mut found).await;
    browser.close().await;

    assert!(
        found.is_empty(),
        "{} faults at 360 x 740 (screenshots in target/screenshots/layout-*.png):\n{}",
        found.len(),
        found.join("\n")
    );
}
