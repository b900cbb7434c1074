//! The tabular reads upper levels pull (totals, completeness): CSV and XLSX
//! beside JSON with the same numbers, ETags that give 304 until a figure
//! changes (and on every JSON read: reference data too), and completeness
//! summed per unit below.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH};
use tonghop_shared::api::{NewUnit, Role, SubmissionStatus, UnitKind, UnitPatch};
use tonghop_tests::api::{CompletenessOf, ReportsOf, RowOf, TotalsOf, ValuesOf};
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
    let province = app.session("tinh.thanhhoa").await;
    let xp = app.unit("XP").await.id;
    let of = TotalsOf::approved(xp, "2026-H1");
    let table = app.totals(&province, &of).await.ok();
    let csv = app.totals_file(&province, &of, "csv", None).await;
    let comma = app.totals_file(&province, &of, "csv", Some("comma")).await;
    let xlsx = app.totals_file(&province, &of, "xlsx", None).await;
    let breakdown = app.breakdown_file(&province, &of, "csv").await;

    assert!(csv.content_type().starts_with("text/csv"));
    assert!(csv.disposition().contains("tong-hop-XP-2026-H1.csv"));
    let rows = csv_rows(&csv.ok(), b',');
    assert_eq!(rows[0][..8], ["ma_don_vi", "Đơn vị", "Kỳ", "ma_chi_tieu", "Chỉ tiêu", "ĐVT", "Thực hiện", "Kế hoạch (KH)"]);
    assert_eq!(rows.len(), table.rows.len() + 1);
    let poverty = table.row("POVERTY_RATE");
    let line = rows.iter().find(|r| r[3] == "POVERTY_RATE").unwrap();
    assert_eq!(line[..3], ["XP", "Xã Xuân Phú", "2026-H1"]);
    assert_eq!(line[4], poverty.indicator.name);
    assert_eq!(line[6].parse::<f64>().unwrap(), poverty.actual.expect("a rate with decimals").to_f64());
    assert!(line[6].contains('.'), "a decimal figure: {}", line[6]);
    let comma = csv_rows(&comma.bytes, b';');
    let comma_line = comma.iter().find(|r| r[3] == "POVERTY_RATE").unwrap();
    assert_eq!(comma_line[6], line[6].replace('.', ","));

    assert!(xlsx.content_type().contains("spreadsheetml"));
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.bytes)).expect("an XLSX");
    let sheet = workbook.worksheet_range("Tổng hợp").expect("the sheet");
    let grain = table.row("GRAIN_OUTPUT");
    let row = sheet.rows().find(|r| r[3] == Data::String("GRAIN_OUTPUT".into())).expect("grain's row");
    assert_eq!(row[6], Data::Float(grain.actual.unwrap().to_f64()), "figures are numbers");

    let children = csv_rows(&breakdown.bytes, b',');
    let villages: std::collections::BTreeSet<&str> = children[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(villages.contains("XP-BANGOC") && !villages.contains("XP"), "one row per village and indicator");
}

async fn an_unchanged_table_answers_304_until_a_figure_is_approved(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    // One of the recent months the demo leaves submitted, and its year's totals.
    let current: tonghop_shared::MonthPeriod = current_period().parse().unwrap();
    let mut submitted = None;
    for month in [current, current.previous(), current.previous().previous()] {
        let found = app.scenario().village("XP-BANGOC").in_month(&month.to_string()).as_the_demo_left_it().await;
        if found.submission.status == SubmissionStatus::Submitted {
            submitted = Some((month, found));
            break;
        }
    }
    let (month, submission) = submitted.expect("the demo leaves a recent month submitted");
    let of = TotalsOf::approved(xp, &month.year().to_string());
    let first = app.totals(&commune, &of).await;
    let tag = first.headers[ETAG].to_str().unwrap().to_owned();
    let (csv_status, csv_tag) = conditional(&app, &of.file_path("csv", None), &commune, &tag).await;
    let (unchanged, same_tag) = conditional(&app, &of.path(), &commune, &tag).await;

    app.approve(&commune, &submission.key, submission.version()).await.ok();
    let (changed, new_tag) = conditional(&app, &of.path(), &commune, &tag).await;

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
    let province = app.session("tinh.thanhhoa").await;
    let village = app.session("thon.bangoc").await;
    let (th, xp) = (app.unit("TH").await.id, app.unit("XP").await.id);
    let form_id = app.form_named("VILLAGE_MONTHLY").await.id;
    let of_province = CompletenessOf::under(form_id, th).months("2026-01", "2026-06");
    let of_commune = CompletenessOf::under(form_id, xp).months("2026-01", "2026-06");

    let summary = app.completeness_summary(&province, &of_province).await;
    let table = app.completeness_table(&province, &of_commune).await.ok();
    let by_village = app.completeness_summary(&province, &of_commune).await.ok();
    let csv_bytes = app.completeness_summary_file(&province, &of_province, "csv").await.bytes;
    let refused = app.completeness_summary(&village, &CompletenessOf::under(form_id, xp)).await;

    let summary = summary.ok();
    let groups = &summary.groups;
    assert_eq!(groups.len(), 1, "one commune in the demo province");
    assert_eq!(groups[0].unit.code, "XP");
    assert_eq!(groups[0].totals, table.totals, "the commune's group is the commune's table totals");
    assert_eq!(summary.totals, table.totals);
    let june = &groups[0].totals[5];
    assert_eq!(june.expected, 6);
    let villages = &by_village.groups;
    assert_eq!(villages.len(), 6);
    assert!(villages.iter().all(|g| g.totals[0].expected == 1));
    let rows = csv_rows(&csv_bytes, b',');
    assert_eq!(rows[0], ["ma_don_vi", "Đơn vị", "Kỳ", "Hạn gửi", "Phải gửi", "Đã nhận", "Đúng hạn", "% đã nhận", "% đúng hạn"]);
    let june_row = rows.iter().find(|r| r[0] == "XP" && r[2] == "2026-06").unwrap();
    assert_eq!((june_row[4].as_str(), june_row[5].parse::<u32>().unwrap()), ("6", june.received));
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn reference_data_answers_304_until_it_changes(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let province = app.session("tinh.thanhhoa").await;
    let first = app.units(&province).await;
    let tag = first.headers[ETAG].to_str().unwrap().to_owned();
    let (unchanged, _) = conditional(&app, "/api/v1/units", &province, &tag).await;
    let (indicators, indicator_tag) = conditional(&app, "/api/v1/indicators", &province, &tag).await;
    let (indicators_again, _) = conditional(&app, "/api/v1/indicators", &province, &indicator_tag).await;
    let rename = UnitPatch { name: Some("Thôn Ba Ngọc Mới".into()), ..UnitPatch::default() };
    let renamed = app.change_unit(&admin, app.unit("XP-BANGOC").await.id, &rename).await;
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
    let th = app.unit("TH").await.id;
    let add = async |parent: i64, kind: UnitKind, suffix: &str, name: &str| {
        let unit =
            NewUnit { parent_id: Some(parent), kind, code: format!("{code}{suffix}"), name: format!("{name} {code}"), calendar: None };
        app.create_unit(admin, &unit).await.created().id
    };
    let district_id = add(th, UnitKind::District, "", "Huyện").await;
    let commune_id = add(district_id, UnitKind::Commune, "-X", "Xã").await;
    add(commune_id, UnitKind::Village, "-X-T", "Thôn").await;
    let username = format!("xem.{}", code.to_lowercase());
    let viewer = app.scenario().an_account(code, Role::Viewer, &username, "Văn phòng huyện", "huyen-2026-mat-khau").await;
    (district_id, commune_id, viewer)
}

async fn a_viewer_of_one_district_sees_nothing_of_another(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let (a, commune_a, viewer_a) = district(&app, &admin, "HA").await;
    let (b, commune_b, viewer_b) = district(&app, &admin, "HB").await;
    let form_id = app.form_named("VILLAGE_MONTHLY").await.id;

    let units_a = app.units(&viewer_a).await.ok();
    let codes: Vec<&str> = units_a.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("HA")), "{codes:?}");
    let paths = |d: i64, c: i64| {
        let totals = TotalsOf::approved(d, "2026-H1");
        [
            ValuesOf::all().under(d).path(),
            ValuesOf::all().under(c).format("csv").path(),
            totals.path(),
            totals.breakdown_path(None),
            CompletenessOf::under(form_id, d).table_path(),
            CompletenessOf::under(form_id, d).summary_path(),
            ReportsOf::of_unit(d).path(),
            TestApp::unit_path(c),
        ]
    };
    for (other, own) in paths(b, commune_b).into_iter().zip(paths(a, commune_a)) {
        let answer = app.get(&other, &viewer_a).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{other}: {:?}", answer.body);
        let answer = app.get(&own, &viewer_a).await;
        assert_eq!(answer.status, StatusCode::OK, "its own district is readable: {own}: {:?}", answer.body);
    }
    let everything = app.completeness_summary(&viewer_a, &CompletenessOf { form_id: 1, unit_id: None, from: None, to: None }).await;
    if everything.status.is_success() {
        let groups = everything.body_as().groups;
        assert!(groups.iter().all(|g| g.unit.code.starts_with("HA")), "{groups:?}");
    }
    let b_reads_b = app.totals(&viewer_b, &TotalsOf::approved(b, "2026-H1")).await;
    assert_eq!(b_reads_b.status, StatusCode::OK);
}

on_both_databases!(
    a_viewer_of_one_district_sees_nothing_of_another,
    reference_data_answers_304_until_it_changes,
    totals_come_as_csv_and_xlsx_with_the_numbers_of_the_json,
    an_unchanged_table_answers_304_until_a_figure_is_approved,
    completeness_is_summed_per_unit_below_for_the_upper_level,
);
