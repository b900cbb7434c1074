//! Report templates the commune adjusts, the list of reports, numbering by
//! series (a Party term, a State year), and notes printed as footnotes.

use std::io::{Cursor, Read};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, on_both_databases, spawn_app};

/// A part of a DOCX by name.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    archive.by_name(name).expect("the part").read_to_string(&mut xml).expect("UTF-8");
    xml
}

fn short_outline() -> Value {
    json!([
        {"level": 0, "heading": "Phần thứ nhất\nKẾT QUẢ {period}", "content": {"kind": "heading"}},
        {"level": 1, "heading": "I. SẢN XUẤT NÔNG NGHIỆP", "content": {"kind": "figures", "indicators": ["grain_output", "SOWN_AREA"]}},
        {"level": 1, "heading": "II. NHIỆM VỤ {next}", "content": {"kind": "prompt", "text": "Nêu nhiệm vụ."}},
    ])
}

async fn a_commune_keeps_its_own_template_and_a_report_keeps_the_outline_it_started_from(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let village = app.token("thon.bangoc").await;
    let xp = app.unit_id("XP").await;
    let list_path = format!("/api/v1/report-templates?unit_id={xp}");

    let offered = app.get(&list_path, &commune).await;
    let bad = json!({"unit_id": xp, "name": " ", "outline": [
        {"level": 5, "heading": "", "content": {"kind": "heading"}},
        {"level": 1, "heading": "I.", "content": {"kind": "figures", "indicators": ["NO_SUCH_CODE"]}},
    ]});
    let refused = app.call(Method::POST, "/api/v1/report-templates", Some(&commune), Some(bad)).await;
    let body = json!({"unit_id": xp, "name": "Báo cáo  nông nghiệp", "outline": short_outline()});
    let by_village = app.call(Method::POST, "/api/v1/report-templates", Some(&village), Some(body.clone())).await;
    let created = app.call(Method::POST, "/api/v1/report-templates", Some(&commune), Some(body.clone())).await;
    let twice = app.call(Method::POST, "/api/v1/report-templates", Some(&commune), Some(body)).await;
    let after = app.get(&list_path, &commune).await;

    assert_eq!(offered.status, StatusCode::OK);
    let built_in = &offered.body[0];
    assert_eq!((built_in["id"].clone(), built_in["outline"].as_array().map(Vec::len)), (Value::Null, Some(11)));
    assert_eq!(offered.body.as_array().unwrap().len(), 1);
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.fields(), ["name", "outline[0].level", "outline[0].heading", "outline[1].content.indicators"]);
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["name"], "Báo cáo nông nghiệp");
    assert_eq!(created.body["outline"][1]["content"]["indicators"][0], "GRAIN_OUTPUT", "codes are stored upper-case");
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(twice.fields(), ["name"]);
    assert_eq!(after.body.as_array().unwrap().len(), 2, "nothing refused was stored");

    // A report follows the template's outline, and keeps it when the template changes.
    let template_id = created.body["id"].as_i64().unwrap();
    let new = json!({"unit_id": xp, "period": "2026-H1", "profile": "state", "template_id": template_id});
    let report = app.call(Method::POST, "/api/v1/reports", Some(&commune), Some(new)).await;
    assert_eq!(report.status, StatusCode::CREATED, "{:?}", report.body);
    let passages = report.body["passages"].as_array().unwrap().clone();
    assert_eq!(passages.len(), 3);
    assert_eq!(passages[0]["heading"], "Phần thứ nhất\nKẾT QUẢ 6 THÁNG ĐẦU NĂM 2026");
    assert!(passages[1]["text"].as_str().unwrap().contains("Sản lượng lương thực có hạt đạt"), "{}", passages[1]["text"]);
    assert_eq!(passages[2]["heading"], "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026");

    let changed =
        json!({"unit_id": xp, "name": "Mẫu mới", "outline": [{"level": 0, "heading": "Một mục", "content": {"kind": "heading"}}]});
    let put = app.call(Method::PUT, &format!("/api/v1/report-templates/{template_id}"), Some(&commune), Some(changed)).await;
    let deleted = app.call(Method::DELETE, &format!("/api/v1/report-templates/{template_id}"), Some(&commune), None).await;
    let report_after = app.get(&format!("/api/v1/reports/{}", report.body["id"]), &commune).await;
    let (status, _, draft) =
        app.download(&format!("/api/v1/reports/draft.docx?unit_id={xp}&period=2026-H1&template_id={template_id}"), &commune).await;

    assert_eq!(put.status, StatusCode::OK, "{:?}", put.body);
    assert_eq!(put.body["outline"].as_array().map(Vec::len), Some(1));
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(report_after.body["passages"].as_array().map(Vec::len), Some(3), "the report kept its outline");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a deleted template is no longer offered: {}", String::from_utf8_lossy(&draft));
}

async fn templates_of_the_units_above_are_offered_and_others_are_not(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let commune = app.token("vp.xuanphu").await;
    let (th, xp, village) = (app.unit_id("TH").await, app.unit_id("XP").await, app.unit_id("XP-BANGOC").await);
    let province = app
        .call(
            Method::POST,
            "/api/v1/report-templates",
            Some(&admin),
            Some(json!({"unit_id": th, "name": "Mẫu của tỉnh", "outline": short_outline()})),
        )
        .await;
    let of_village = app
        .call(
            Method::POST,
            "/api/v1/report-templates",
            Some(&commune),
            Some(json!({"unit_id": village, "name": "Mẫu thôn", "outline": short_outline()})),
        )
        .await;

    let offered = app.get(&format!("/api/v1/report-templates?unit_id={xp}"), &commune).await;
    let with_village_template = app
        .call(
            Method::POST,
            "/api/v1/reports",
            Some(&commune),
            Some(json!({"unit_id": xp, "period": "2026-H1", "profile": "party", "template_id": of_village.body["id"]})),
        )
        .await;

    assert_eq!(province.status, StatusCode::CREATED, "{:?}", province.body);
    assert_eq!(of_village.status, StatusCode::CREATED, "{:?}", of_village.body);
    let names: Vec<&str> = offered.body.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Mẫu chung của tonghop", "Mẫu của tỉnh"]);
    assert_eq!(with_village_template.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(with_village_template.fields(), ["template_id"]);
}

async fn reports_are_listed_and_party_numbers_start_again_with_a_new_term(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let admin = app.token("admin").await;
    let village = app.token("thon.bangoc").await;
    let xp = app.unit_id("XP").await;
    let start = |period: &str, profile: &str| json!({"unit_id": xp, "period": period, "profile": profile});
    let mut numbers = Vec::new();
    let mut ids = Vec::new();
    for (period, profile) in [("2026-H1", "party"), ("2026-Q3", "party"), ("2026-H1", "state")] {
        let draft = app.call(Method::POST, "/api/v1/reports", Some(&commune), Some(start(period, profile))).await;
        let issued = app
            .call(Method::POST, &format!("/api/v1/reports/{}/issue", draft.body["id"]), Some(&commune), Some(json!({"version": 1})))
            .await;
        numbers.push(issued.body["number"].as_str().unwrap().to_owned());
        ids.push(draft.body["id"].as_i64().unwrap());
    }
    // The congress elects a new committee today: a new term, numbered from 01.
    let today = tonghop::clock::today().to_string();
    let term = app.call(Method::PATCH, &format!("/api/v1/units/{xp}"), Some(&admin), Some(json!({"term_started_on": today}))).await;
    let draft = app.call(Method::POST, "/api/v1/reports", Some(&commune), Some(start("2026-9M", "party"))).await;
    let new_term =
        app.call(Method::POST, &format!("/api/v1/reports/{}/issue", draft.body["id"]), Some(&commune), Some(json!({"version": 1}))).await;
    let state_draft = app.call(Method::POST, "/api/v1/reports", Some(&commune), Some(start("2026-9M", "state"))).await;
    let state_again = app
        .call(Method::POST, &format!("/api/v1/reports/{}/issue", state_draft.body["id"]), Some(&commune), Some(json!({"version": 1})))
        .await;

    let all = app.get(&format!("/api/v1/reports?unit_id={xp}"), &commune).await;
    let issued_h1 = app.get(&format!("/api/v1/reports?unit_id={xp}&period=2026-H1&status=issued"), &commune).await;
    let drafts = app.get("/api/v1/reports?status=draft", &commune).await;
    let from_province = app.get("/api/v1/reports?status=issued", &app.token("tinh.thanhhoa").await).await;
    let by_village = app.get(&format!("/api/v1/reports?unit_id={xp}"), &village).await;
    let bad_status = app.get("/api/v1/reports?status=final", &commune).await;

    assert_eq!(numbers, ["Số 01-BC/ĐU", "Số 02-BC/ĐU", "Số: 01/BC-UBND"]);
    assert_eq!(term.status, StatusCode::OK, "{:?}", term.body);
    assert_eq!(term.body["term_started_on"], today.as_str());
    assert_eq!(new_term.body["number"], "Số 01-BC/ĐU", "a new term numbers from 01");
    assert_eq!(state_again.body["number"], "Số: 02/BC-UBND", "the State's numbers run by year, not by term");
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.body.as_array().unwrap().len(), 5);
    let h1: Vec<(i64, &str)> =
        issued_h1.body.as_array().unwrap().iter().map(|r| (r["id"].as_i64().unwrap(), r["number"].as_str().unwrap())).collect();
    assert_eq!(h1, [(ids[2], "Số: 01/BC-UBND"), (ids[0], "Số 01-BC/ĐU")], "newest first");
    assert!(issued_h1.body[0]["title"].as_str().unwrap().starts_with("Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2026"));
    assert_eq!(drafts.body.as_array().map(Vec::len), Some(0));
    assert_eq!(from_province.body.as_array().map(Vec::len), Some(5), "the province lists the issued reports of its communes");
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_status.fields(), ["status"]);
}

async fn notes_in_a_passage_become_footnotes_of_the_word_file(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let xp = app.unit_id("XP").await;
    let created = app
        .call(Method::POST, "/api/v1/reports", Some(&commune), Some(json!({"unit_id": xp, "period": "2026-H1", "profile": "party"})))
        .await;
    let id = created.body["id"].as_i64().unwrap();
    let text = "Hạn chế chính là tiến độ giải ngân.^[Đến 30/6 mới giải ngân 41% vốn được giao.]";
    let edited =
        app.call(Method::PUT, &format!("/api/v1/reports/{id}/passages/9"), Some(&commune), Some(json!({"version": 1, "text": text}))).await;
    let totals = app.get(&format!("/api/v1/totals?unit_id={xp}&period=2026-H1"), &commune).await;

    let (_, _, bytes) = app.download(&format!("/api/v1/reports/{id}/document.docx"), &commune).await;

    assert_eq!(edited.status, StatusCode::OK, "{:?}", edited.body);
    let (body, notes) = (docx_part(&bytes, "word/document.xml"), docx_part(&bytes, "word/footnotes.xml"));
    assert!(body.contains("tiến độ giải ngân.") && !body.contains("^["), "the note marker is not printed");
    assert!(notes.contains("Đến 30/6 mới giải ngân 41% vốn được giao."));
    // The target summary names the targets behind in a note.
    let behind = totals.body["summary"]["behind"].as_array().unwrap();
    let summary = created.body["passages"][1]["text"].as_str().unwrap();
    assert!(!behind.is_empty(), "the demo has targets behind in the first half: {}", totals.body["summary"]);
    let first = totals.body["rows"].as_array().unwrap().iter().find(|r| r["indicator"]["code"] == behind[0]).unwrap();
    let name = first["indicator"]["name"].as_str().unwrap();
    assert!(summary.contains("^[") && summary.contains(name), "{summary}");
    assert!(notes.contains(name), "the footnote names {name}");
}

on_both_databases!(
    a_commune_keeps_its_own_template_and_a_report_keeps_the_outline_it_started_from,
    templates_of_the_units_above_are_offered_and_others_are_not,
    reports_are_listed_and_party_numbers_start_again_with_a_new_term,
    notes_in_a_passage_become_footnotes_of_the_word_file,
);
