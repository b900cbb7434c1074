//! The tabular reads upper levels pull (totals, completeness): CSV and XLSX
//! beside JSON with the same numbers, ETags that give 304 until a figure
//! changes (and on every JSON read: reference data too), and completeness
//! summed per unit below.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use reqwest::header::{ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

/// A GET with `If-None-Match`: status and the `ETag` answered.
async fn conditional(app: &TestApp, path: &str, token: &str, tag: &str) -> (StatusCode, String) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .bearer_auth(token)
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .expect("request sent");
    (response.status(), response.headers()[ETAG].to_str().unwrap().to_owned())
}

fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte order mark, for Excel");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

async fn totals_come_as_csv_and_xlsx_with_the_numbers_of_the_json(db: Db) {
    let app = spawn_app(db).await;
    let province = app.token("tinh.thanhhoa").await;
    let xp = app.unit_id("XP").await;
    let path = format!("/api/v1/totals?unit_id={xp}&period=2026-H1");
    let json = app.get(&path, &province).await;
    let (status, headers, csv_bytes) = app.download(&format!("{path}&format=csv"), &province).await;
    let (_, _, comma_bytes) = app.download(&format!("{path}&format=csv&decimal=comma"), &province).await;
    let (_, xlsx_headers, xlsx_bytes) = app.download(&format!("{path}&format=xlsx"), &province).await;
    let (_, _, breakdown) = app.download(&format!("/api/v1/totals/breakdown?unit_id={xp}&period=2026-H1&format=csv"), &province).await;

    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(headers["content-disposition"].to_str().unwrap().contains("tong-hop-XP-2026-H1.csv"));
    let rows = csv_rows(&csv_bytes, b',');
    assert_eq!(rows[0][..8], ["ma_don_vi", "Đơn vị", "Kỳ", "ma_chi_tieu", "Chỉ tiêu", "ĐVT", "Thực hiện", "Kế hoạch (KH)"]);
    let table = json.body["rows"].as_array().unwrap();
    assert_eq!(rows.len(), table.len() + 1);
    let poverty = table.iter().find(|r| r["indicator"]["code"] == "POVERTY_RATE").expect("a rate with decimals");
    let line = rows.iter().find(|r| r[3] == "POVERTY_RATE").unwrap();
    assert_eq!(line[..3], ["XP", "Xã Xuân Phú", "2026-H1"]);
    assert_eq!(line[4], poverty["indicator"]["name"].as_str().unwrap());
    assert_eq!(line[6].parse::<f64>().unwrap(), poverty["actual"].as_f64().unwrap());
    assert!(line[6].contains('.'), "a decimal figure: {}", line[6]);
    let comma = csv_rows(&comma_bytes, b';');
    let comma_line = comma.iter().find(|r| r[3] == "POVERTY_RATE").unwrap();
    assert_eq!(comma_line[6], line[6].replace('.', ","));

    assert!(xlsx_headers["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx_bytes)).expect("an XLSX");
    let sheet = workbook.worksheet_range("Tổng hợp").expect("the sheet");
    let grain = table.iter().find(|r| r["indicator"]["code"] == "GRAIN_OUTPUT").unwrap();
    let row = sheet.rows().find(|r| r[3] == Data::String("GRAIN_OUTPUT".into())).expect("grain's row");
    assert_eq!(row[6], Data::Float(grain["actual"].as_f64().unwrap()), "figures are numbers");

    let children = csv_rows(&breakdown, b',');
    let villages: std::collections::BTreeSet<&str> = children[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(villages.contains("XP-BANGOC") && !villages.contains("XP"), "one row per village and indicator");
}

async fn an_unchanged_table_answers_304_until_a_figure_is_approved(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let xp = app.unit_id("XP").await;
    // One of the recent months the demo leaves submitted, and its year's totals.
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;
    let current: tonghop_shared::MonthPeriod = current_period().parse().unwrap();
    let mut submitted = None;
    for month in [current, current.previous(), current.previous().previous()] {
        let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &month.to_string());
        let found = app.get(&path, &commune).await;
        if found.body["status"] == "submitted" {
            submitted = Some((month, path, found.body["version"].clone()));
            break;
        }
    }
    let (month, submission, version) = submitted.expect("the demo leaves a recent month submitted");
    let path = format!("/api/v1/totals?unit_id={xp}&period={}", month.year());
    let first = app.get(&path, &commune).await;
    let tag = first.headers[ETAG].to_str().unwrap().to_owned();
    let (csv_status, csv_tag) = conditional(&app, &format!("{path}&format=csv"), &commune, &tag).await;
    let (unchanged, same_tag) = conditional(&app, &path, &commune, &tag).await;

    let approved = app.call(Method::POST, &format!("{submission}/approve"), Some(&commune), Some(json!({"version": version}))).await;
    assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
    let (changed, new_tag) = conditional(&app, &path, &commune, &tag).await;

    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(csv_status, StatusCode::OK, "a CSV is another representation, with its own tag");
    assert_ne!(csv_tag, tag);
    assert_eq!(unchanged, StatusCode::NOT_MODIFIED);
    assert_eq!(same_tag, tag);
    assert_eq!(changed, StatusCode::OK, "an approved figure changes the totals");
    assert_ne!(new_tag, tag);
}

async fn completeness_is_summed_per_unit_below_for_the_upper_level(db: Db) {
    let app = spawn_app(db).await;
    let province = app.token("tinh.thanhhoa").await;
    let village = app.token("thon.bangoc").await;
    let (th, xp) = (app.unit_id("TH").await, app.unit_id("XP").await);
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;
    let range = "from=2026-01&to=2026-06";

    let summary = app.get(&format!("/api/v1/completeness/summary?form_id={form_id}&unit_id={th}&{range}"), &province).await;
    let table = app.get(&format!("/api/v1/completeness?form_id={form_id}&unit_id={xp}&{range}"), &province).await;
    let by_village = app.get(&format!("/api/v1/completeness/summary?form_id={form_id}&unit_id={xp}&{range}"), &province).await;
    let (_, _, csv_bytes) =
        app.download(&format!("/api/v1/completeness/summary?form_id={form_id}&unit_id={th}&{range}&format=csv"), &province).await;
    let refused = app.get(&format!("/api/v1/completeness/summary?form_id={form_id}&unit_id={xp}"), &village).await;

    assert_eq!(summary.status, StatusCode::OK, "{:?}", summary.body);
    let groups = summary.body["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "one commune in the demo province");
    assert_eq!(groups[0]["unit"]["code"], "XP");
    assert_eq!(groups[0]["totals"], table.body["totals"], "the commune's group is the commune's table totals");
    assert_eq!(summary.body["totals"], table.body["totals"]);
    let june: &Value = &groups[0]["totals"][5];
    assert_eq!(june["expected"], 6);
    let villages = by_village.body["groups"].as_array().unwrap();
    assert_eq!(villages.len(), 6);
    assert!(villages.iter().all(|g| g["totals"][0]["expected"] == 1));
    let rows = csv_rows(&csv_bytes, b',');
    assert_eq!(rows[0], ["ma_don_vi", "Đơn vị", "Kỳ", "Hạn gửi", "Phải gửi", "Đã nhận", "Đúng hạn", "% đã nhận", "% đúng hạn"]);
    let june_row = rows.iter().find(|r| r[0] == "XP" && r[2] == "2026-06").unwrap();
    assert_eq!((june_row[4].as_str(), june_row[5].parse::<u64>().unwrap()), ("6", june["received"].as_u64().unwrap()));
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn reference_data_answers_304_until_it_changes(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let province = app.token("tinh.thanhhoa").await;
    let first = app.get("/api/v1/units", &province).await;
    let tag = first.headers[ETAG].to_str().unwrap().to_owned();
    let (unchanged, _) = conditional(&app, "/api/v1/units", &province, &tag).await;
    let (indicators, indicator_tag) = conditional(&app, "/api/v1/indicators", &province, &tag).await;
    let (indicators_again, _) = conditional(&app, "/api/v1/indicators", &province, &indicator_tag).await;
    let renamed = app
        .call(
            Method::PATCH,
            &format!("/api/v1/units/{}", app.unit_id("XP-BANGOC").await),
            Some(&admin),
            Some(json!({"name": "Thôn Ba Ngọc Mới"})),
        )
        .await;
    let (changed, new_tag) = conditional(&app, "/api/v1/units", &province, &tag).await;

    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(unchanged, StatusCode::NOT_MODIFIED);
    assert_eq!(indicators, StatusCode::OK, "another answer's tag does not match");
    assert_eq!(indicators_again, StatusCode::NOT_MODIFIED);
    assert_eq!(renamed.status, StatusCode::OK, "{:?}", renamed.body);
    assert_eq!(changed, StatusCode::OK);
    assert_ne!(new_tag, tag);
}

/// A district under the demo province with one commune and a village, and
/// a viewer of the district: (district id, commune id, viewer's token).
async fn district(app: &TestApp, admin: &str, code: &str) -> (i64, i64, String) {
    let th = app.unit_id("TH").await;
    let add = |parent: i64, kind: &str, suffix: &str, name: &str| json!({"parent_id": parent, "kind": kind, "code": format!("{code}{suffix}"), "name": format!("{name} {code}")});
    let district = app.call(Method::POST, "/api/v1/units", Some(admin), Some(add(th, "district", "", "Huyện"))).await;
    let district_id = district.body["id"].as_i64().unwrap_or_else(|| panic!("{:?}", district.body));
    let commune = app.call(Method::POST, "/api/v1/units", Some(admin), Some(add(district_id, "commune", "-X", "Xã"))).await;
    let commune_id = commune.body["id"].as_i64().unwrap();
    app.call(Method::POST, "/api/v1/units", Some(admin), Some(add(commune_id, "village", "-X-T", "Thôn"))).await;
    let username = format!("xem.{}", code.to_lowercase());
    let user = json!({"username": username, "display_name": "Văn phòng huyện", "password": "huyen-2026-mat-khau", "role": "viewer", "unit_id": district_id});
    let created = app.call(Method::POST, "/api/v1/users", Some(admin), Some(user)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let login = app.login_raw(&username, "huyen-2026-mat-khau").await;
    (district_id, commune_id, login.body["access_token"].as_str().unwrap().to_owned())
}

async fn a_viewer_of_one_district_sees_nothing_of_another(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let (a, commune_a, viewer_a) = district(&app, &admin, "HA").await;
    let (b, commune_b, viewer_b) = district(&app, &admin, "HB").await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;

    let units_a = app.get("/api/v1/units", &viewer_a).await;
    let codes: Vec<&str> = units_a.body.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("HA")), "{codes:?}");
    let paths = |d: i64, c: i64| {
        [
            format!("/api/v1/data/values?unit_id={d}"),
            format!("/api/v1/data/values?unit_id={c}&format=csv"),
            format!("/api/v1/totals?unit_id={d}&period=2026-H1"),
            format!("/api/v1/totals/breakdown?unit_id={d}&period=2026-H1"),
            format!("/api/v1/completeness?form_id={form_id}&unit_id={d}"),
            format!("/api/v1/completeness/summary?form_id={form_id}&unit_id={d}"),
            format!("/api/v1/reports?unit_id={d}"),
            format!("/api/v1/units/{c}"),
        ]
    };
    for (other, own) in paths(b, commune_b).into_iter().zip(paths(a, commune_a)) {
        let answer = app.get(&other, &viewer_a).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{other}: {:?}", answer.body);
        let answer = app.get(&own, &viewer_a).await;
        assert_eq!(answer.status, StatusCode::OK, "its own district is readable: {own}: {:?}", answer.body);
    }
    let everything = app.get("/api/v1/completeness/summary?form_id=1", &viewer_a).await;
    assert!(everything.body["groups"].as_array().is_none_or(|g| g.iter().all(|g| g["unit"]["code"].as_str().unwrap().starts_with("HA"))));
    let b_reads_b = app.get(&format!("/api/v1/totals?unit_id={b}&period=2026-H1"), &viewer_b).await;
    assert_eq!(b_reads_b.status, StatusCode::OK);
}

on_both_databases!(
    a_viewer_of_one_district_sees_nothing_of_another,
    reference_data_answers_304_until_it_changes,
    totals_come_as_csv_and_xlsx_with_the_numbers_of_the_json,
    an_unchanged_table_answers_304_until_a_figure_is_approved,
    completeness_is_summed_per_unit_below_for_the_upper_level,
);
