//! The commune office's report at phone width: it starts a six-month report
//! in the Party format, writes a passage of its own (bold and a footnote),
//! survives a change made elsewhere meanwhile, sets the signer's name,
//! issues the report and gets its number, and can download the Word file.

use fantoccini::Locator;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_shared::MonthPeriod;
use tonghop_tests::api::SubmissionKey;
use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, TestApp, current_period, spawn_app};

use crate::monthly_form::log_in;

const WRITTEN: &str = "Sản lượng lương thực đạt **1.250 tấn**, vượt kế hoạch ^[Theo số liệu của 6 thôn đã duyệt.]";
const SIGNER: &str = "Nguyễn Văn An";
const TITLE_ELSEWHERE: &str = "Báo cáo sơ kết 6 tháng (sửa ở máy khác)";

/// The demo's last month that every village sent (submitted, not yet
/// approved), and the six months it falls in, e.g. (`2026-10`, `2026-H2`).
fn last_sent_month_and_half() -> (MonthPeriod, String) {
    let month = current_period().parse::<MonthPeriod>().unwrap().previous();
    (month, format!("{}-{}", month.year(), if month.month() <= 6 { "H1" } else { "H2" }))
}

/// The commune approves a village's month, which changes the report's figures.
async fn approve_month(app: &TestApp, token: &str, village: &str, month: MonthPeriod) {
    let form_id = app.form_named("VILLAGE_MONTHLY").await.id;
    let key = SubmissionKey { unit_id: app.unit(village).await.id, form_id, period: month.to_string() };
    let version = app.read(token, &key).await.ok().version;
    app.approve(token, &key, version).await.ok();
}

/// The report id in the address bar (`/reports/{id}`).
async fn report_id(browser: &Browser) -> i64 {
    let url = browser.client.current_url().await.unwrap();
    url.path().trim_start_matches("/reports/").parse().unwrap_or_else(|_| panic!("not a report page: {url}"))
}

async fn text_of(browser: &Browser, selector: &str) -> String {
    browser.css(selector).await.text().await.unwrap()
}

/// No element is wider than the phone's screen.
async fn assert_no_horizontal_scroll(browser: &Browser, page: &str) {
    let widths = browser.client.execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await.unwrap();
    let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    assert!(scroll <= inner, "{page}: the page is {scroll} px wide on a {inner} px screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_starts_edits_signs_and_issues_a_six_month_report() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask build-frontend` first");
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("vp.xuanphu").await;
    let (month, half) = last_sent_month_and_half();
    let browser = Browser::start().await;

    // «Báo cáo» is in the office's navigation; nothing is kept yet.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("a.tab[href='/reports']").await.click().await.unwrap();
    browser.testid("report-list-empty").await;
    browser.screenshot("reports-list-empty").await;
    assert_no_horizontal_scroll(&browser, "the list").await;

    // Six months, Party format, the built-in outline.
    browser.scroll_to("report-period").await;
    if browser.testid("year").await.text().await.unwrap() != format!("Năm {}", month.year()) {
        browser.tap("year-prev").await;
    }
    browser.css(&format!("[data-testid='report-period'] option[value='{half}']")).await.click().await.unwrap();
    browser.tap("report-profile-party").await;
    assert_eq!(browser.testid("report-template").await.prop("value").await.unwrap().as_deref(), Some(""), "the built-in outline");
    assert!(browser.client.find(Locator::Css("[data-testid='report-draft-docx']")).await.is_ok(), "the draft file is offered");
    assert!(browser.client.find(Locator::Css("[data-testid='report-appendix-xlsx']")).await.is_ok(), "the appendix is offered");
    browser.screenshot("reports-new").await;
    browser.tap("report-create").await;
    browser.wait_for_testid_text("report-status", "Dự thảo").await;
    browser.wait_for_testid_text("report-title-heading", "6 tháng").await;
    let id = report_id(&browser).await;
    // Passage 2 follows the figures.
    browser.wait_for_testid_text("passage-preview-2", "Sản lượng lương thực").await;
    assert!(browser.client.find(Locator::Css("[data-testid='passage-edited-2']")).await.is_err(), "not edited yet");
    browser.screenshot("reports-draft").await;
    assert_no_horizontal_scroll(&browser, "the draft").await;

    // Meanwhile someone changes the title on another phone.
    let path = format!("/api/v1/reports/{id}");
    let server = app.get(&path, &token).await.body;
    let mut header = server["header"].clone();
    header["title"] = json!(TITLE_ELSEWHERE);
    let changed = app.call(Method::PUT, &path, Some(&token), Some(json!({"version": server["version"], "header": header}))).await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);

    // The office writes passage 2 and pauses: saved by itself, first
    // refused as stale, the report reloaded with the other title, the text
    // kept and sent again; the editor stays open all along.
    browser.tap("passage-edit-2").await;
    let area = browser.testid("passage-text-2").await;
    area.clear().await.unwrap();
    area.send_keys(WRITTEN).await.unwrap();
    browser.wait_for_testid_text("passage-draft-2", "1.250 tấn").await;
    browser.screenshot("reports-passage-editing").await;
    browser.wait_for_testid_text("notice", "Đã tải lại bản mới nhất").await;
    assert_eq!(browser.testid("report-title").await.prop("value").await.unwrap().as_deref(), Some(TITLE_ELSEWHERE), "reloaded");
    assert_eq!(browser.testid("passage-text-2").await.prop("value").await.unwrap().as_deref(), Some(WRITTEN), "the text typed is kept");
    browser.screenshot("reports-conflict").await;
    browser.wait_for_testid_text("notice", "Đã tự lưu đoạn văn").await;
    browser.wait_for_testid_text("passage-edited-2", "Đã sửa").await;
    browser.wait_for_testid_text("passage-autosave-2", "Đã lưu").await;
    let stored = app.get(&path, &token).await.body;
    assert_eq!(stored["passages"][2]["text"], WRITTEN, "on the server while the editor is still open");
    browser.tap("passage-save-2").await;
    browser.wait_for_testid_text("notice", "Đã lưu đoạn văn").await;

    // The preview prints it: bold, a footnote mark, the note below, no markup.
    let preview = browser.wait_for_testid_text("passage-preview-2", "1.250 tấn").await;
    assert!(!preview.contains("^[") && !preview.contains("**"), "raw markup shown: {preview}");
    assert_eq!(text_of(&browser, "[data-testid='passage-preview-2'] strong").await, "1.250 tấn");
    assert_eq!(text_of(&browser, "[data-testid='passage-preview-2'] sup").await, "1");
    assert_eq!(
        text_of(&browser, "[data-testid='passage-preview-2'] [data-testid='footnotes'] li").await,
        "Theo số liệu của 6 thôn đã duyệt."
    );
    browser.testid("passage-revert-2").await;
    browser.scroll_to("passage-2").await;
    browser.screenshot("reports-passage-edited").await;

    // A village's month is approved: the figures under the edit changed, and
    // what tonghop would write now shows beside the office's text.
    approve_month(&app, &token, "XP-BANGOC", month).await;
    browser.reload().await;
    browser.wait_for_testid_text("passage-figures-changed-2", "Số liệu đã thay đổi").await;
    browser.wait_for_testid_text("passage-generated-2", "Sản lượng lương thực").await;
    browser.wait_for_testid_text("passage-preview-2", "1.250 tấn").await;
    browser.scroll_to("passage-generated-2").await;
    browser.screenshot("reports-figures-changed").await;

    // The signer's name and on whose behalf: saved by themselves once typed.
    let authority = browser.scroll_to("report-signer-authority").await;
    assert_eq!(authority.prop("value").await.unwrap().as_deref(), Some("T/M ĐẢNG ỦY"), "the Party format's own line");
    authority.clear().await.unwrap();
    authority.send_keys("KT. BÍ THƯ").await.unwrap();
    let name = browser.scroll_to("report-signer-name").await;
    name.clear().await.unwrap();
    name.send_keys(SIGNER).await.unwrap();
    browser.wait_for_testid_text("notice", "Đã tự lưu phần đầu và chữ ký").await;
    let stored = app.get(&path, &token).await.body;
    assert_eq!(
        (stored["header"]["signer_name"].as_str(), stored["header"]["signer_authority"].as_str()),
        (Some(SIGNER), Some("KT. BÍ THƯ"))
    );
    browser.tap("report-header-save").await;
    browser.wait_for_testid_text("notice", "phần đầu và chữ ký").await;

    // Issued after a confirmation: its number and date, nothing to edit.
    browser.tap("report-issue").await;
    browser.testid("report-confirm-issue").await;
    browser.screenshot("reports-issue-confirm").await;
    browser.testid("report-confirm-issue").await.click().await.unwrap();
    browser.wait_for_testid_text("report-number", "Số 01-BC/ĐU").await;
    browser.wait_for_testid_text("report-status", "Đã ban hành").await;
    browser.wait_for_testid_text("report-signer", SIGNER).await;
    browser.wait_for_testid_text("report-authority", "KT. BÍ THƯ").await;
    assert!(browser.client.find(Locator::Css("[data-testid='passage-edit-2']")).await.is_err(), "an issued report is read-only");
    assert!(browser.client.find(Locator::Css("[data-testid='report-header-save']")).await.is_err(), "its header too");
    browser.wait_for_testid_text("passage-preview-2", "1.250 tấn").await;
    browser.testid("report-new-version").await;
    let download = browser.testid("report-download").await;
    assert_eq!(download.text().await.unwrap(), "Tải về (.docx)");
    assert!(download.is_enabled().await.unwrap());
    browser.client.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    browser.screenshot("reports-issued").await;

    // The file behind the button is the issued one, signed.
    let (status, _, bytes) = app.download(&format!("{path}/document.docx"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip file");

    // A new version: a draft again, carrying the office's passage.
    browser.tap("report-new-version").await;
    browser.wait_for_testid_text("report-status", "Dự thảo").await;
    let second = report_id(&browser).await;
    assert_ne!(second, id, "a new report, the issued one stays");
    browser.wait_for_testid_text("passage-edited-2", "Đã sửa").await;
    browser.wait_for_testid_text("passage-preview-2", "1.250 tấn").await;
    assert!(browser.client.find(Locator::Css("[data-testid='report-number']")).await.is_err(), "a draft has no number yet");

    // The list shows both: the issued one with its number, and the new draft.
    browser.goto(&format!("{}/reports", app.address)).await;
    let row = browser.wait_for_testid_text(&format!("report-row-{id}"), "Đã ban hành").await;
    assert!(row.contains("Số 01-BC/ĐU"), "{row}");
    browser.wait_for_testid_text(&format!("report-row-{second}"), "Dự thảo").await;
    browser.screenshot("reports-list").await;
    assert_no_horizontal_scroll(&browser, "the list with a report").await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_copies_the_usual_outline_renames_reorders_and_trims_it_then_starts_a_report_from_it() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask build-frontend` first");
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("vp.xuanphu").await;
    let xp = app.unit_id("XP").await;
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.testid("user-name").await;

    // From «Báo cáo», the templates: the usual outline, to copy.
    browser.goto(&format!("{}/reports", app.address)).await;
    browser.scroll_to("report-templates-link").await;
    browser.css("[data-testid='report-templates-link'] a").await.click().await.unwrap();
    browser.wait_for_testid_text("template-row-0", "có sẵn").await;
    assert!(browser.client.find(Locator::Css("[data-testid='template-edit-0']")).await.is_err(), "the built-in one is not edited");
    browser.tap("template-copy-0").await;
    let parts = browser.client.find_all(Locator::Css("[data-testid^='template-part-']")).await.unwrap().len();
    assert!(parts > 3, "the copy has the usual outline's parts ({parts})");
    browser.screenshot("templates-editor").await;
    assert_no_horizontal_scroll(&browser, "the template editor").await;

    // A name is required, said before anything is sent.
    let name = browser.testid("template-name").await;
    name.clear().await.unwrap();
    name.send_keys(" ").await.unwrap();
    browser.tap("template-save").await;
    browser.wait_for_text("Cần đặt tên cho mẫu báo cáo").await;
    name.send_keys("Báo cáo 6 tháng (Đảng ủy)").await.unwrap();

    // The second part goes first; the last is removed.
    let second = browser.testid("template-heading-1").await.prop("value").await.unwrap().unwrap();
    browser.tap("template-up-1").await;
    assert_eq!(browser.testid("template-heading-0").await.prop("value").await.unwrap().as_deref(), Some(second.as_str()));
    browser.scroll_to("template-part-1").await;
    browser.screenshot("templates-part").await;
    browser.tap(&format!("template-remove-{}", parts - 1)).await;
    browser.tap("template-save").await;
    browser.wait_for_testid_text("notice", "Đã lưu mẫu «Báo cáo 6 tháng (Đảng ủy)»").await;
    let row = browser.wait_for_testid_text("template-row-1", "Báo cáo 6 tháng (Đảng ủy)").await;
    assert!(row.contains(&format!("{} mục", parts - 1)), "{row}");
    browser.screenshot("templates-list").await;

    // Kept on the server, and offered when a report starts.
    let kept = app.get(&format!("/api/v1/report-templates?unit_id={xp}"), &token).await.body;
    assert_eq!(kept[1]["outline"].as_array().unwrap().len(), parts - 1);
    assert_eq!(kept[1]["outline"][0]["heading"], second.as_str());
    browser.goto(&format!("{}/reports", app.address)).await;
    let id = kept[1]["id"].as_i64().unwrap();
    browser.css(&format!("[data-testid='report-template'] option[value='{id}']")).await.click().await.unwrap();
    browser.tap("report-create").await;
    browser.wait_for_testid_text("report-status", "Dự thảo").await;
    let first = browser.testid("passage-0").await.text().await.unwrap();
    assert!(first.contains(second.lines().next().unwrap()), "the report follows the template's order: {first}");
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}
