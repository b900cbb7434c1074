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
use serde_json::Value;
use tonghop_shared::api::{Form, NewUnit, ReviewAction, Role, UnitKind};
use tonghop_tests::api::SubmissionKey;
use tonghop_tests::scenario::FormFigures;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

struct Setup {
    app: TestApp,
    commune: String,
    form: Form,
    client: reqwest::Client,
}

async fn setup(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    Setup { app, commune, form, client: reqwest::Client::new() }
}

/// A GET with extra headers: status, headers, body bytes.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&self.bytes)))
    }
    fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_owned())
    }
}

impl Setup {
    /// The village's monthly form, every figure 0 but those given, submitted
    /// by the commune office from version `version`; returns the new version.
    async fn submit(&self, village: &str, period: &str, figures: &[(&str, f64)], version: i64) -> i64 {
        let key = self.month(village, period).await;
        self.app.submit(&self.commune, &key, version, self.form.figures(0.0, figures)).await.ok().version
    }

    /// Approves, returns or reopens as the commune office; the new version.
    async fn decide(&self, village: &str, period: &str, action: ReviewAction, version: i64) -> i64 {
        let (key, reason) = (self.month(village, period).await, "Kiểm tra lại số liệu");
        let decided = match action {
            ReviewAction::Approve => self.app.approve(&self.commune, &key, version).await,
            ReviewAction::Return => self.app.send_back(&self.commune, &key, version, reason).await,
            ReviewAction::Reopen => self.app.reopen(&self.commune, &key, version, reason).await,
        };
        decided.ok().version
    }

    async fn month(&self, village: &str, period: &str) -> SubmissionKey {
        SubmissionKey { unit_id: self.app.unit(village).await.id, form_id: self.form.id, period: period.to_owned() }
    }

    async fn import(&self, rows: &str) {
        let csv = format!("unit_code,indicator_code,period,value\n{rows}");
        let answer = self.app.post_file("/api/v1/imports/values?format=csv", &self.commune, "text/csv", csv.into_bytes()).await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
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

    /// `/api/v1/data/values?{query}` as JSON, asserting 200.
    async fn values(&self, query: &str, token: &str) -> Value {
        let answer = self.app.get(&format!("/api/v1/data/values?{query}"), token).await;
        assert_eq!(answer.status, StatusCode::OK, "{query}: {:?}", answer.body);
        answer.body
    }
}

/// (unit code, indicator code, period) → (value, status) of a page.
fn rows(page: &Value) -> BTreeMap<(String, String, String), (f64, String)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key = (
                r["unit_code"].as_str().unwrap().to_owned(),
                r["indicator_code"].as_str().unwrap().to_owned(),
                r["period"].as_str().unwrap().to_owned(),
            );
            (key, (r["value"].as_f64().unwrap(), r["status"].as_str().unwrap().to_owned()))
        })
        .collect()
}

fn key(unit: &str, indicator: &str, period: &str) -> (String, String, String) {
    (unit.to_owned(), indicator.to_owned(), period.to_owned())
}

const YEAR_2023: &str = "from=2023-01&to=2023-12";

async fn filters_choose_units_indicators_months_and_status(db: Db) {
    let s = setup(db).await;
    let v = s.submit("XP-BANGOC", "2023-01", &[("CATTLE", 10.0), ("GRAIN_OUTPUT", 1.5)], 0).await;
    s.decide("XP-BANGOC", "2023-01", ReviewAction::Approve, v).await;
    s.submit("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)], 0).await;
    // Đá Dựng's February was imported; Làng Sung's March too, then sent
    // through the app, which replaces it.
    s.import("XP-DADUNG,CATTLE,2023-02,30\nXP-LANGSUNG,CATTLE,2023-03,5\n").await;
    let v = s.submit("XP-LANGSUNG", "2023-03", &[("CATTLE", 6.0)], 0).await;
    s.decide("XP-LANGSUNG", "2023-03", ReviewAction::Approve, v).await;
    let xp = s.app.unit_id("XP").await;
    let bangoc = s.app.unit_id("XP-BANGOC").await;

    let cattle = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}"), &s.commune).await);
    let approved = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}&status=approved"), &s.commune).await);
    let provisional = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}&status=provisional"), &s.commune).await);
    let two = rows(&s.values(&format!("indicator=CATTLE&indicator=GRAIN_OUTPUT&{YEAR_2023}&unit_id={bangoc}"), &s.commune).await);
    let listed = rows(&s.values(&format!("indicator=CATTLE,GRAIN_OUTPUT&{YEAR_2023}&unit_id={bangoc}"), &s.commune).await);
    let february = rows(&s.values("indicator=CATTLE&from=2023-02&to=2023-02", &s.commune).await);
    let commune_only = rows(&s.values(&format!("{YEAR_2023}&unit_id={xp}&descendants=false"), &s.commune).await);

    assert_eq!(cattle.len(), 4, "{cattle:?}");
    assert_eq!(cattle[&key("XP-BANGOC", "CATTLE", "2023-01")], (10.0, "approved".into()));
    assert_eq!(cattle[&key("XP-LANGSUNG", "CATTLE", "2023-01")], (20.0, "provisional".into()));
    assert_eq!(cattle[&key("XP-DADUNG", "CATTLE", "2023-02")], (30.0, "approved".into()));
    assert_eq!(cattle[&key("XP-LANGSUNG", "CATTLE", "2023-03")], (6.0, "approved".into()), "the app's figure replaces the import");
    assert_eq!(approved.keys().cloned().collect::<Vec<_>>().len(), 3);
    assert!(!approved.contains_key(&key("XP-LANGSUNG", "CATTLE", "2023-01")));
    assert_eq!(provisional.keys().cloned().collect::<Vec<_>>(), [key("XP-LANGSUNG", "CATTLE", "2023-01")]);
    assert_eq!(two, listed);
    assert_eq!(two.len(), 2);
    assert_eq!(two[&key("XP-BANGOC", "GRAIN_OUTPUT", "2023-01")].0, 1.5);
    assert_eq!(february.keys().cloned().collect::<Vec<_>>(), [key("XP-DADUNG", "CATTLE", "2023-02")]);
    assert!(commune_only.is_empty(), "the commune itself reports nothing");
    let item = &s.values("indicator=CATTLE&from=2023-02&to=2023-02", &s.commune).await["items"][0];
    assert_eq!(item["unit_name"], "Thôn Đá Dựng");
    assert!(item["indicator_name"].as_str().unwrap().len() > 3);
    assert!(item["changed_at"].as_str().unwrap().ends_with('Z'));

    let unknown = s.app.get("/api/v1/data/values?indicator=NOPE", &s.commune).await;
    let bad_month = s.app.get("/api/v1/data/values?from=2023-13", &s.commune).await;
    let bad_limit = s.app.get("/api/v1/data/values?limit=5001", &s.commune).await;
    let typo = s.app.get("/api/v1/data/values?indicators=CATTLE", &s.commune).await;
    let bad_cursor = s.app.get("/api/v1/data/values?cursor=abc", &s.commune).await;
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
    s.app.create_unit(&s.app.token("admin").await, &village).await.created();
    let token = s.app.scenario().an_account("XB", Role::Commune, "vp.xuanbai", "Văn phòng xã Xuân Bái", "xuanbai2026").await;
    let csv = "unit_code,indicator_code,period,value\nXB-THON1,CATTLE,2023-01,7\n";
    let imported = s.app.post_file("/api/v1/imports/values?format=csv", &token, "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(imported.status, StatusCode::OK, "{:?}", imported.body);
    token
}

async fn each_caller_reads_only_the_units_it_may(db: Db) {
    let s = setup(db).await;
    s.submit("XP-BANGOC", "2023-01", &[("CATTLE", 10.0)], 0).await;
    s.submit("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)], 0).await;
    let xuanbai = second_commune(&s).await;
    let village = s.app.token("thon.bangoc").await;
    let province = s.app.token("tinh.thanhhoa").await;
    let (xp, langsung) = (s.app.unit_id("XP").await, s.app.unit_id("XP-LANGSUNG").await);

    let other_office = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}"), &xuanbai).await);
    let other_asks = s.app.get(&format!("/api/v1/data/values?unit_id={xp}"), &xuanbai).await;
    let own_village = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}"), &village).await);
    let village_asks_commune = s.app.get(&format!("/api/v1/data/values?unit_id={xp}"), &village).await;
    let village_asks_neighbour = s.app.get(&format!("/api/v1/data/values?unit_id={langsung}"), &village).await;
    let whole_province = rows(&s.values(&format!("indicator=CATTLE&{YEAR_2023}"), &province).await);
    let anonymous = s.app.call(Method::GET, "/api/v1/data/values", None, None).await;

    assert_eq!(other_office.keys().cloned().collect::<Vec<_>>(), [key("XB-THON1", "CATTLE", "2023-01")]);
    assert_eq!(other_asks.status, StatusCode::FORBIDDEN);
    assert_eq!(own_village.keys().cloned().collect::<Vec<_>>(), [key("XP-BANGOC", "CATTLE", "2023-01")]);
    assert_eq!(village_asks_commune.status, StatusCode::FORBIDDEN);
    assert_eq!(village_asks_neighbour.status, StatusCode::FORBIDDEN);
    assert_eq!(whole_province.len(), 3, "the province viewer reads both communes: {whole_province:?}");
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

/// Walks every page of `query` with `limit`, calling `between` after each
/// page; returns every row in order.
async fn walk(s: &Setup, query: &str, limit: usize, mut between: impl AsyncFnMut(usize)) -> Vec<(String, String, String)> {
    let mut seen = Vec::new();
    let mut path = format!("/api/v1/data/values?{query}&limit={limit}");
    for page_number in 0.. {
        let page = s.raw(&path, &s.commune, &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = page.json();
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= limit);
        seen.extend(
            items.iter().map(|r| (r["unit_id"].to_string(), r["indicator_id"].to_string(), r["period"].as_str().unwrap().to_owned())),
        );
        match body["next_cursor"].as_str() {
            Some(cursor) => {
                let link = page.header("link").expect("a Link header while more follow");
                assert!(link.ends_with("rel=\"next\"") && link.contains("cursor="), "{link}");
                path = format!("/api/v1/data/values?{query}&limit={limit}&cursor={cursor}");
                between(page_number).await;
            }
            None => {
                assert!(page.header("link").is_none());
                break;
            }
        }
    }
    seen
}

async fn a_walk_returns_every_row_once_while_figures_are_added(db: Db) {
    let s = setup(db).await;
    // One figure waits for approval when the walk begins.
    let waiting = s.submit("XP-LANGSUNG", "2023-01", &[("CATTLE", 20.0)], 0).await;
    let query = "status=all";
    let before: BTreeSet<_> = walk(&s, query, 5000, async |_| {}).await.into_iter().collect();
    assert!(before.len() > 400, "the demo's months and 2023: {}", before.len());

    // Between pages: new months for several villages (keys before and after
    // the cursor), the waiting figure approved, an import.
    let villages = ["XP-BANGOC", "XP-DADUNG", "XP-PHUXUAN", "XP-XUANTHANH"];
    let during = walk(&s, query, 97, async |n| match n {
        0 => {
            s.decide("XP-LANGSUNG", "2023-01", ReviewAction::Approve, waiting).await;
        }
        1..=4 => {
            s.submit(villages[n - 1], &format!("2023-0{n}"), &[("CATTLE", n as f64)], 0).await;
        }
        5 => s.import("XP-LANGBAI,CATTLE,2023-05,9\nXP-PHUXUAN,CATTLE,2023-12,1\n").await,
        _ => {}
    })
    .await;
    let after: BTreeSet<_> = walk(&s, query, 5000, async |_| {}).await.into_iter().collect();

    let unique: BTreeSet<_> = during.iter().cloned().collect();
    assert_eq!(unique.len(), during.len(), "no row twice");
    let mut sorted = during.clone();
    sorted.sort_by_key(|(u, i, p)| (u.parse::<i64>().unwrap(), i.parse::<i64>().unwrap(), p.clone()));
    assert_eq!(sorted, during, "in key order");
    let missed: Vec<_> = before.difference(&unique).collect();
    assert!(missed.is_empty(), "every row of the start is returned: missed {missed:?}");
    assert!(unique.is_subset(&after));
    assert!(after.len() > before.len() + 4, "rows were added during the walk");
}

async fn an_incremental_pull_sees_a_changed_figure(db: Db) {
    let s = setup(db).await;
    let v = s.submit("XP-BANGOC", "2023-06", &[("CATTLE", 5.0)], 0).await;
    let first = s.raw(&format!("/api/v1/data/values?indicator=CATTLE&{YEAR_2023}"), &s.commune, &[]).await;
    let next_since = first.header("x-next-changed-since").expect("the next pull's changed_since");
    let since = chrono::DateTime::parse_from_rfc3339(&next_since).expect("RFC 3339");
    assert!(since < chrono::Utc::now());
    assert_eq!(rows(&first.json())[&key("XP-BANGOC", "CATTLE", "2023-06")].0, 5.0);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mark = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true).replace('+', "%2B");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let v = s.decide("XP-BANGOC", "2023-06", ReviewAction::Return, v).await;
    s.submit("XP-BANGOC", "2023-06", &[("CATTLE", 8.0)], v).await;
    let changed = rows(&s.values(&format!("indicator=CATTLE&changed_since={mark}"), &s.commune).await);
    let incremental = rows(&s.values(&format!("indicator=CATTLE&changed_since={}", next_since.replace('+', "%2B")), &s.commune).await);

    assert_eq!(changed.keys().cloned().collect::<Vec<_>>(), [key("XP-BANGOC", "CATTLE", "2023-06")], "only what changed since");
    assert_eq!(changed[&key("XP-BANGOC", "CATTLE", "2023-06")], (8.0, "provisional".into()));
    assert_eq!(incremental[&key("XP-BANGOC", "CATTLE", "2023-06")].0, 8.0);
    let malformed = s.app.get("/api/v1/data/values?changed_since=yesterday", &s.commune).await;
    assert_eq!(malformed.fields(), ["changed_since"]);
}

async fn an_unchanged_answer_is_304_and_a_changed_figure_changes_the_etag(db: Db) {
    let s = setup(db).await;
    let v = s.submit("XP-BANGOC", "2023-07", &[("CATTLE", 5.0)], 0).await;
    let path = format!("/api/v1/data/values?{YEAR_2023}");
    let csv_path = format!("/api/v1/data/values?{YEAR_2023}&format=csv");
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
    s.decide("XP-BANGOC", "2023-07", ReviewAction::Approve, v).await;
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
    assert_eq!(rows(&reimported.json())[&key("XP-DADUNG", "CATTLE", "2023-07")].0, 2.0);
    let periods = s.raw("/api/v1/data/periods?year=2026", &s.commune, &[]).await;
    let periods_again = s.raw("/api/v1/data/periods?year=2026", &s.commune, &[("If-None-Match", &periods.header("etag").unwrap())]).await;
    assert_eq!(periods_again.status, StatusCode::NOT_MODIFIED);
}

async fn csv_and_xlsx_open_with_vietnamese_names_and_numbers(db: Db) {
    let s = setup(db).await;
    let v = s.submit("XP-BANGOC", "2023-01", &[("CATTLE", 1936.0), ("GRAIN_OUTPUT", 12.5)], 0).await;
    s.decide("XP-BANGOC", "2023-01", ReviewAction::Approve, v).await;
    let query = format!("/api/v1/data/values?indicator=GRAIN_OUTPUT,CATTLE&{YEAR_2023}");

    let csv = s.raw(&format!("{query}&format=csv"), &s.commune, &[]).await;
    let excel_csv = s.raw(&format!("{query}&format=csv&decimal=comma"), &s.commune, &[]).await;
    let accepted = s.raw(&query, &s.commune, &[("Accept", "text/csv")]).await;
    let paged = s.raw(&format!("{query}&format=csv&limit=1"), &s.commune, &[]).await;
    let xlsx = s.raw(&format!("{query}&format=xlsx"), &s.commune, &[]).await;

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
    let list = s.app.get("/api/v1/data/periods?year=2026", &s.commune).await;
    let out_of_range = s.app.get("/api/v1/data/periods?year=1990", &s.commune).await;

    assert_eq!(list.status, StatusCode::OK);
    let periods = list.body["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 20);
    let h1 = periods.iter().find(|p| p["code"] == "2026-H1").unwrap();
    assert_eq!(h1["label"], "6 tháng đầu năm 2026");
    assert_eq!((h1["first_month"].as_str(), h1["last_month"].as_str()), (Some("2026-01"), Some("2026-06")));
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
