//! `/api/v1/data`: figures for scripts and spreadsheets, through HTTP on both
//! databases: filters, access, a cursor walk while figures are written,
//! incremental pulls, ETags, CSV and XLSX.
//!
//! The tests write their own figures for 2023, a year the demo leaves empty;
//! the walk test also reads the demo's own months.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use tonghop_shared::Amount;
use tonghop_shared::api::{DataPage, DataStatus, ImportKind, NewUnit, Role, UnitKind};
use tonghop_tests::api::{CSV, ValuesOf};
use tonghop_tests::scenario::{COMMUNE_OFFICE, FormFigures, Month, MonthScenario, amount};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

struct Setup {
    app: TestApp,
    commune: String,
    client: reqwest::Client,
}

async fn setup(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let commune = app.session(COMMUNE_OFFICE).await;
    Setup { app, commune, client: reqwest::Client::new() }
}

/// A GET with extra headers: status, headers, body bytes.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_owned())
    }
}

impl Setup {
    /// The village's monthly form for `period`, every figure 0 but those
    /// given, as the commune office enters it for the village.
    fn month(&self, village: &str, period: &str, figures: &[(&str, f64)]) -> MonthScenario<'_> {
        self.app.scenario().village(village).in_month(period).figures(figures).by(COMMUNE_OFFICE)
    }

    /// Approves a sent month as the commune office.
    async fn approve(&self, month: &Month) {
        self.app.approve(&self.commune, &month.key, month.version()).await.ok();
    }

    async fn import(&self, rows: &str) {
        let csv = format!("unit_code,indicator_code,period,value\n{rows}");
        self.app.import(&self.commune, ImportKind::Values, CSV, csv).await.ok();
    }

    async fn raw(&self, path: &str, token: &str, headers: &[(&str, &str)]) -> Raw {
        let mut request = self.client.get(format!("{}{path}", self.app.address)).bearer_auth(token);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request sent");
        let (status, headers) = (response.status(), response.headers().clone());
        Raw { status, headers, bytes: response.bytes().await.unwrap().to_vec() }
    }

    /// The first page of `of`, as the commune office (or `token`) reads it.
    async fn values(&self, of: &ValuesOf, token: &str) -> DataPage {
        self.app.data_values(token, of).await.ok()
    }
}

/// (unit code, indicator code, period) → (value, status) of a page.
fn rows(page: &DataPage) -> BTreeMap<(String, String, String), (Amount, DataStatus)> {
    page.items.iter().map(|r| (key(&r.unit_code, &r.indicator_code, &r.period), (r.value, r.status))).collect()
}

fn key(unit: &str, indicator: &str, period: &str) -> (String, String, String) {
    (unit.to_owned(), indicator.to_owned(), period.to_owned())
}

/// Every figure of 2023.
fn in_2023() -> ValuesOf {
    ValuesOf::all().months("2023-01", "2023-12")
}

async fn filters_choose_units_indicators_months_and_status(db: Db) {
    let s = setup(db).await;
    s.month("XP-BANGOC", "2023-01", &[("CATTLE", 10.0), ("GRAIN_OUTPUT", 1.5)]).approved().await;
    s.month("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)]).submitted().await;
    // Đá Dựng's February was imported; Làng Sung's March too, then sent
    // through the app, which replaces it.
    s.import("XP-DADUNG,CATTLE,2023-02,30\nXP-LANGSUNG,CATTLE,2023-03,5\n").await;
    s.month("XP-LANGSUNG", "2023-03", &[("CATTLE", 6.0)]).approved().await;
    let xp = s.app.unit("XP").await.id;
    let bangoc = s.app.unit("XP-BANGOC").await.id;
    let february_cattle = ValuesOf::all().indicator("CATTLE").months("2023-02", "2023-02");

    let cattle = rows(&s.values(&in_2023().indicator("CATTLE"), &s.commune).await);
    let approved = rows(&s.values(&in_2023().indicator("CATTLE").status("approved"), &s.commune).await);
    let provisional = rows(&s.values(&in_2023().indicator("CATTLE").status("provisional"), &s.commune).await);
    let two = rows(&s.values(&in_2023().indicator("CATTLE").indicator("GRAIN_OUTPUT").under(bangoc), &s.commune).await);
    let listed = rows(&s.values(&in_2023().indicator("CATTLE,GRAIN_OUTPUT").under(bangoc), &s.commune).await);
    let february = rows(&s.values(&february_cattle, &s.commune).await);
    let commune_only = rows(&s.values(&in_2023().under(xp).without_descendants(), &s.commune).await);

    assert_eq!(cattle.len(), 4, "{cattle:?}");
    assert_eq!(cattle[&key("XP-BANGOC", "CATTLE", "2023-01")], (amount(10), DataStatus::Approved));
    assert_eq!(cattle[&key("XP-LANGSUNG", "CATTLE", "2023-01")], (amount(20), DataStatus::Provisional));
    assert_eq!(cattle[&key("XP-DADUNG", "CATTLE", "2023-02")], (amount(30), DataStatus::Approved));
    assert_eq!(cattle[&key("XP-LANGSUNG", "CATTLE", "2023-03")], (amount(6), DataStatus::Approved), "the app's figure replaces the import");
    assert_eq!(approved.keys().cloned().collect::<Vec<_>>().len(), 3);
    assert!(!approved.contains_key(&key("XP-LANGSUNG", "CATTLE", "2023-01")));
    assert_eq!(provisional.keys().cloned().collect::<Vec<_>>(), [key("XP-LANGSUNG", "CATTLE", "2023-01")]);
    assert_eq!(two, listed);
    assert_eq!(two.len(), 2);
    assert_eq!(two[&key("XP-BANGOC", "GRAIN_OUTPUT", "2023-01")].0, amount(1.5));
    assert_eq!(february.keys().cloned().collect::<Vec<_>>(), [key("XP-DADUNG", "CATTLE", "2023-02")]);
    assert!(commune_only.is_empty(), "the commune itself reports nothing");
    let page = s.app.data_values(&s.commune, &february_cattle).await;
    let changed_at = page.body["items"][0]["changed_at"].as_str().map(str::to_owned);
    let item = &page.ok().items[0];
    assert_eq!(item.unit_name, "Thôn Đá Dựng");
    assert!(item.indicator_name.len() > 3);
    assert!(changed_at.is_some_and(|at| at.ends_with('Z')), "RFC 3339 in UTC as sent");

    let unknown = s.app.data_values(&s.commune, &ValuesOf::all().indicator("NOPE")).await;
    let bad_month = s.app.data_values(&s.commune, &ValuesOf::all().from("2023-13")).await;
    let bad_limit = s.app.data_values(&s.commune, &ValuesOf::all().limit(5001)).await;
    // A misspelt parameter, as a script might send it.
    let typo = s.app.get("/api/v1/data/values?indicators=CATTLE", &s.commune).await;
    let bad_cursor = s.app.data_values_after(&s.commune, &ValuesOf::all(), "abc").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.fields(), ["indicator"]);
    assert_eq!(bad_month.fields(), ["from"]);
    assert_eq!(bad_limit.fields(), ["limit"]);
    assert_eq!(typo.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_cursor.status, StatusCode::BAD_REQUEST);
}

/// Adds a second commune (Xã Xuân Bái) with one village, its office and a
/// figure of that village.
async fn second_commune(s: &Setup) -> String {
    let commune = s.app.scenario().another_commune("XB", "Xã Xuân Bái").await;
    let village =
        NewUnit { parent_id: Some(commune.id), kind: UnitKind::Village, code: "XB-THON1".into(), name: "Thôn 1".into(), calendar: None };
    s.app.create_unit(&s.app.session("admin").await, &village).await.created();
    let token = s.app.scenario().an_account("XB", Role::Commune, "vp.xuanbai", "Văn phòng xã Xuân Bái", "xuanbai2026").await;
    let csv = "unit_code,indicator_code,period,value\nXB-THON1,CATTLE,2023-01,7\n";
    s.app.import(&token, ImportKind::Values, CSV, csv).await.ok();
    token
}

async fn each_caller_reads_only_the_units_it_may(db: Db) {
    let s = setup(db).await;
    s.month("XP-BANGOC", "2023-01", &[("CATTLE", 10.0)]).submitted().await;
    s.month("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)]).submitted().await;
    let xuanbai = second_commune(&s).await;
    let village = s.app.session("thon.bangoc").await;
    let province = s.app.session("tinh.thanhhoa").await;
    let (xp, langsung) = (s.app.unit("XP").await.id, s.app.unit("XP-LANGSUNG").await.id);

    let other_office = rows(&s.values(&in_2023().indicator("CATTLE"), &xuanbai).await);
    let other_asks = s.app.data_values(&xuanbai, &ValuesOf::all().under(xp)).await;
    let own_village = rows(&s.values(&in_2023().indicator("CATTLE"), &village).await);
    let village_asks_commune = s.app.data_values(&village, &ValuesOf::all().under(xp)).await;
    let village_asks_neighbour = s.app.data_values(&village, &ValuesOf::all().under(langsung)).await;
    let whole_province = rows(&s.values(&in_2023().indicator("CATTLE"), &province).await);
    let anonymous = s.app.call(Method::GET, "/api/v1/data/values", None, None).await;

    assert_eq!(other_office.keys().cloned().collect::<Vec<_>>(), [key("XB-THON1", "CATTLE", "2023-01")]);
    assert_eq!(other_asks.status, StatusCode::FORBIDDEN);
    assert_eq!(own_village.keys().cloned().collect::<Vec<_>>(), [key("XP-BANGOC", "CATTLE", "2023-01")]);
    assert_eq!(village_asks_commune.status, StatusCode::FORBIDDEN);
    assert_eq!(village_asks_neighbour.status, StatusCode::FORBIDDEN);
    assert_eq!(whole_province.len(), 3, "the province viewer reads both communes: {whole_province:?}");
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

/// Walks every page of `of` with `limit`, calling `between` after each
/// page; returns every row's key (unit id, indicator id, month) in order.
async fn walk(s: &Setup, of: &ValuesOf, limit: usize, mut between: impl AsyncFnMut(usize)) -> Vec<(i64, i64, String)> {
    let mut seen = Vec::new();
    let of = of.clone().limit(limit);
    let mut cursor: Option<String> = None;
    for page_number in 0.. {
        let answer = match &cursor {
            None => s.app.data_values(&s.commune, &of).await,
            Some(cursor) => s.app.data_values_after(&s.commune, &of, cursor).await,
        };
        let link = answer.headers.get("link").map(|v| v.to_str().unwrap().to_owned());
        let page = answer.ok();
        assert!(page.items.len() <= limit);
        seen.extend(page.items.iter().map(|r| (r.unit_id, r.indicator_id, r.period.clone())));
        match page.next_cursor {
            Some(next) => {
                let link = link.expect("a Link header while more follow");
                assert!(link.ends_with("rel=\"next\"") && link.contains("cursor="), "{link}");
                cursor = Some(next);
                between(page_number).await;
            }
            None => {
                assert!(link.is_none());
                break;
            }
        }
    }
    seen
}

async fn a_walk_returns_every_row_once_while_figures_are_added(db: Db) {
    let s = setup(db).await;
    // One figure waits for approval when the walk begins.
    let waiting = s.month("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)]).submitted().await;
    let query = ValuesOf::all().status("all");
    let before: BTreeSet<_> = walk(&s, &query, 5000, async |_| {}).await.into_iter().collect();
    assert!(before.len() > 400, "the demo's months and 2023: {}", before.len());

    // Between pages: new months for several villages (keys before and after
    // the cursor), the waiting figure approved, an import.
    let villages = ["XP-BANGOC", "XP-DADUNG", "XP-PHUXUAN", "XP-XUANTHANH"];
    let during = walk(&s, &query, 97, async |n| match n {
        0 => {
            s.approve(&waiting).await;
        }
        1..=4 => {
            s.month(villages[n - 1], &format!("2023-0{n}"), &[("CATTLE", n as f64)]).submitted().await;
        }
        5 => s.import("XP-LANGBAI,CATTLE,2023-05,9\nXP-PHUXUAN,CATTLE,2023-12,1\n").await,
        _ => {}
    })
    .await;
    let after: BTreeSet<_> = walk(&s, &query, 5000, async |_| {}).await.into_iter().collect();

    let unique: BTreeSet<_> = during.iter().cloned().collect();
    assert_eq!(unique.len(), during.len(), "no row twice");
    let mut sorted = during.clone();
    sorted.sort();
    assert_eq!(sorted, during, "in key order");
    let missed: Vec<_> = before.difference(&unique).collect();
    assert!(missed.is_empty(), "every row of the start is returned: missed {missed:?}");
    assert!(unique.is_subset(&after));
    assert!(after.len() > before.len() + 4, "rows were added during the walk");
}

async fn an_incremental_pull_sees_a_changed_figure(db: Db) {
    let s = setup(db).await;
    let sent = s.month("XP-BANGOC", "2023-06", &[("CATTLE", 5.0)]).submitted().await;
    let first = s.app.data_values(&s.commune, &in_2023().indicator("CATTLE")).await;
    let next_since = first.headers.get("x-next-changed-since").expect("the next pull's changed_since").to_str().unwrap().to_owned();
    let since = chrono::DateTime::parse_from_rfc3339(&next_since).expect("RFC 3339");
    assert!(since < chrono::Utc::now());
    assert_eq!(rows(&first.ok())[&key("XP-BANGOC", "CATTLE", "2023-06")].0, amount(5));
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mark = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let returned = s.app.send_back(&s.commune, &sent.key, sent.version(), "Kiểm tra lại số liệu").await.ok();
    s.app.submit(&s.commune, &sent.key, returned.version, sent.form.figures(0.0, &[("CATTLE", 8.0)])).await.ok();
    let changed = rows(&s.values(&ValuesOf::all().indicator("CATTLE").changed_since(&mark), &s.commune).await);
    let incremental = rows(&s.values(&ValuesOf::all().indicator("CATTLE").changed_since(&next_since), &s.commune).await);

    assert_eq!(changed.keys().cloned().collect::<Vec<_>>(), [key("XP-BANGOC", "CATTLE", "2023-06")], "only what changed since");
    assert_eq!(changed[&key("XP-BANGOC", "CATTLE", "2023-06")], (amount(8), DataStatus::Provisional));
    assert_eq!(incremental[&key("XP-BANGOC", "CATTLE", "2023-06")].0, amount(8));
    let malformed = s.app.data_values(&s.commune, &ValuesOf::all().changed_since("yesterday")).await;
    assert_eq!(malformed.fields(), ["changed_since"]);
}

async fn an_unchanged_answer_is_304_and_a_changed_figure_changes_the_etag(db: Db) {
    let s = setup(db).await;
    let sent = s.month("XP-BANGOC", "2023-07", &[("CATTLE", 5.0)]).submitted().await;
    let path = in_2023().path();
    let csv_path = in_2023().format("csv").path();
    let first = s.raw(&path, &s.commune, &[]).await;
    let first_csv = s.raw(&csv_path, &s.commune, &[]).await;
    let tag = first.header("etag").expect("an ETag");
    let csv_tag = first_csv.header("etag").expect("a CSV ETag");

    let again = s.raw(&path, &s.commune, &[("If-None-Match", &tag)]).await;
    let again_csv = s.raw(&csv_path, &s.commune, &[("If-None-Match", &csv_tag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    assert_eq!(again.header("etag").as_deref(), Some(tag.as_str()));
    assert_eq!(again_csv.status, StatusCode::NOT_MODIFIED);

    // Approving changes the status; then a new value.
    s.approve(&sent).await;
    let approved = s.raw(&path, &s.commune, &[("If-None-Match", &tag)]).await;
    let approved_csv = s.raw(&csv_path, &s.commune, &[("If-None-Match", &csv_tag)]).await;
    assert_eq!(approved.status, StatusCode::OK);
    assert_ne!(approved.header("etag"), Some(tag.clone()));
    assert_eq!(approved_csv.status, StatusCode::OK);
    assert_ne!(approved_csv.header("etag"), Some(csv_tag.clone()));
    s.import("XP-DADUNG,CATTLE,2023-07,1\n").await;
    let tag = approved.header("etag").unwrap();
    s.import("XP-DADUNG,CATTLE,2023-07,2\n").await;
    let reimported = s.raw(&path, &s.commune, &[("If-None-Match", &tag)]).await;
    assert_eq!(reimported.status, StatusCode::OK);
    let reimported: DataPage = serde_json::from_slice(&reimported.bytes).expect("a page");
    assert_eq!(rows(&reimported)[&key("XP-DADUNG", "CATTLE", "2023-07")].0, amount(2));
    let periods = s.raw("/api/v1/data/periods?year=2026", &s.commune, &[]).await;
    let periods_again = s.raw("/api/v1/data/periods?year=2026", &s.commune, &[("If-None-Match", &periods.header("etag").unwrap())]).await;
    assert_eq!(periods_again.status, StatusCode::NOT_MODIFIED);
}

async fn csv_and_xlsx_open_with_vietnamese_names_and_numbers(db: Db) {
    let s = setup(db).await;
    s.month("XP-BANGOC", "2023-01", &[("CATTLE", 1936.0), ("GRAIN_OUTPUT", 12.5)]).approved().await;
    let of = in_2023().indicator("GRAIN_OUTPUT,CATTLE");

    let csv = s.raw(&of.clone().format("csv").path(), &s.commune, &[]).await;
    let excel_csv = s.raw(&of.clone().format("csv").decimal("comma").path(), &s.commune, &[]).await;
    let accepted = s.raw(&of.path(), &s.commune, &[("Accept", "text/csv")]).await;
    let paged = s.raw(&of.clone().format("csv").limit(1).path(), &s.commune, &[]).await;
    let xlsx = s.raw(&of.clone().format("xlsx").path(), &s.commune, &[]).await;

    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    let text = String::from_utf8(csv.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "ma_don_vi,Đơn vị,ma_chi_tieu,Chỉ tiêu,ĐVT,Kỳ,Giá trị,Trạng thái,Cập nhật");
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines.iter().any(|l| l.starts_with("XP-BANGOC,Thôn Ba Ngọc,GRAIN_OUTPUT,") && l.contains(",2023-01,12.5,Đã duyệt,")), "{text}");
    assert!(lines.iter().any(|l| l.contains(",2023-01,1936,Đã duyệt,")), "{text}");
    let excel_text = String::from_utf8(excel_csv.bytes[3..].to_vec()).unwrap();
    assert!(excel_text.starts_with("ma_don_vi;Đơn vị;"));
    assert!(excel_text.contains(";2023-01;12,5;Đã duyệt;"), "{excel_text}");
    assert_eq!(accepted.bytes, csv.bytes, "Accept: text/csv chooses CSV");
    let paged_text = String::from_utf8(paged.bytes[3..].to_vec()).unwrap();
    assert_eq!(paged_text.split("\r\n").filter(|l| !l.is_empty()).count(), 2);
    assert!(paged.header("link").unwrap().contains("format=csv"));

    assert_eq!(xlsx.status, StatusCode::OK);
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.bytes)).expect("an XLSX");
    let sheet = workbook.worksheet_range("Số liệu").expect("the sheet");
    let table: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(table[0][1], Data::String("Đơn vị".into()));
    assert_eq!(table[0][8], Data::String("Cập nhật".into()));
    assert_eq!(table.len(), 3);
    let grain = table.iter().find(|r| r[2] == Data::String("GRAIN_OUTPUT".into())).expect("the grain row");
    assert_eq!(grain[1], Data::String("Thôn Ba Ngọc".into()));
    assert_eq!(grain[5], Data::String("2023-01".into()));
    assert_eq!(grain[6], Data::Float(12.5));
    assert_eq!(grain[7], Data::String("Đã duyệt".into()));
}

async fn the_periods_of_a_year_have_codes_and_vietnamese_labels(db: Db) {
    let s = setup(db).await;
    let list = s.app.data_periods(&s.commune, 2026).await.ok();
    let out_of_range = s.app.data_periods(&s.commune, 1990).await;

    assert_eq!(list.periods.len(), 20);
    let h1 = list.periods.iter().find(|p| p.code == "2026-H1").unwrap();
    assert_eq!(h1.label, "6 tháng đầu năm 2026");
    assert_eq!((h1.first_month.as_str(), h1.last_month.as_str()), ("2026-01", "2026-06"));
    assert_eq!(out_of_range.status, StatusCode::UNPROCESSABLE_ENTITY);
}

on_both_databases!(
    filters_choose_units_indicators_months_and_status,
    each_caller_reads_only_the_units_it_may,
    a_walk_returns_every_row_once_while_figures_are_added,
    an_incremental_pull_sees_a_changed_figure,
    an_unchanged_answer_is_304_and_a_changed_figure_changes_the_etag,
    csv_and_xlsx_open_with_vietnamese_names_and_numbers,
    the_periods_of_a_year_have_codes_and_vietnamese_labels,
);
