//! Totals against plan (KH) and last year (CK), through HTTP on both databases.
//!
//! Each test writes its own figures for 2023 and 2024, years the demo leaves
//! empty, so every expected number is worked out here by hand.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// The demo with helpers to send and approve village figures.
struct Setup {
    app: TestApp,
    commune: String,
    form_id: i64,
    indicators: Vec<(i64, String)>,
}

async fn setup(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    Setup { app, commune, form_id, indicators }
}

impl Setup {
    /// A village submits its monthly form, every figure 0 but those given;
    /// the commune approves it when asked.
    async fn send(&self, village: &str, period: &str, figures: &[(&str, f64)], approve: bool) {
        let unit = self.app.unit_id(village).await;
        let values: Vec<Value> = self
            .indicators
            .iter()
            .map(|(id, code)| {
                let value = figures.iter().find(|(c, _)| c == code).map_or(0.0, |(_, v)| *v);
                json!({"indicator_id": id, "value": value})
            })
            .collect();
        let path = TestApp::submission_path(unit, self.form_id, period);
        let sent = self
            .app
            .call(Method::POST, &format!("{path}/submit"), Some(&self.commune), Some(json!({"version": 0, "values": values})))
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{village} {period}: {:?}", sent.body);
        if approve {
            let version = sent.body["version"].as_i64().unwrap();
            let approved =
                self.app.call(Method::POST, &format!("{path}/approve"), Some(&self.commune), Some(json!({"version": version}))).await;
            assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
        }
    }

    async fn indicator_id(&self, code: &str) -> i64 {
        let all = self.app.get("/api/v1/indicators", &self.commune).await;
        all.body.as_array().unwrap().iter().find(|i| i["code"] == code).unwrap()["id"].as_i64().unwrap()
    }

    async fn plan(&self, unit: &str, code: &str, year: i32, value: f64, target: bool, year_end_only: bool) {
        let body = json!({
            "unit_id": self.app.unit_id(unit).await, "indicator_id": self.indicator_id(code).await, "year": year,
            "value": value, "resolution_target": target, "year_end_only": year_end_only,
        });
        let answer = self.app.call(Method::PUT, "/api/v1/plans", Some(&self.commune), Some(body)).await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    }

    async fn totals(&self, period: &str, provisional: bool) -> Value {
        let xp = self.app.unit_id("XP").await;
        let path = format!("/api/v1/totals?unit_id={xp}&period={period}&include_provisional={provisional}");
        let answer = self.app.get(&path, &self.commune).await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
        answer.body
    }
}

fn row<'a>(table: &'a Value, code: &str) -> &'a Value {
    table["rows"].as_array().unwrap().iter().find(|r| r["indicator"]["code"] == code).unwrap_or_else(|| panic!("no row {code}: {table}"))
}

async fn a_flow_adds_up_and_a_stock_takes_each_villages_last_month(db: Db) {
    let s = setup(db).await;
    for (m, grain, cattle) in [("01", 10.0, 101.0), ("02", 20.0, 102.0), ("03", 30.0, 103.0)] {
        s.send("XP-BANGOC", &format!("2024-{m}"), &[("GRAIN_OUTPUT", grain), ("CATTLE", cattle)], true).await;
    }
    // Làng Sung has sent January and February only: its cattle stand at February's count.
    s.send("XP-LANGSUNG", "2024-01", &[("GRAIN_OUTPUT", 5.5), ("CATTLE", 50.0)], true).await;
    s.send("XP-LANGSUNG", "2024-02", &[("GRAIN_OUTPUT", 4.5), ("CATTLE", 55.0)], true).await;

    let q1 = s.totals("2024-Q1", false).await;

    assert_eq!(row(&q1, "GRAIN_OUTPUT")["actual"], 70.0);
    assert_eq!(row(&q1, "CATTLE")["actual"], 158.0);
    assert_eq!(row(&q1, "GRAIN_OUTPUT")["provisional"], false);
    assert_eq!(q1["period_label"], "Quý I/2024");
}

async fn a_rate_comes_from_the_totals_of_its_parts_not_an_average_of_rates(db: Db) {
    let s = setup(db).await;
    // 10 of 100 households (10%) and 1 of 400 (0,25%): 11 of 500 is 2,2%, where
    // the average of the two rates would be 5,125%.
    s.send("XP-BANGOC", "2024-05", &[("HOUSEHOLDS", 100.0), ("POOR_HOUSEHOLDS", 10.0), ("POPULATION", 3.0), ("INSURED_PEOPLE", 2.0)], true)
        .await;
    s.send("XP-LANGSUNG", "2024-05", &[("HOUSEHOLDS", 400.0), ("POOR_HOUSEHOLDS", 1.0)], true).await;

    let may = s.totals("2024-05", false).await;

    assert_eq!(row(&may, "POVERTY_RATE")["actual"], 2.2);
    // 2 of 3 people insured: 66,666...% rounded to the indicator's one decimal.
    assert_eq!(row(&may, "HEALTH_INSURANCE_RATE")["actual"], 66.7);
}

async fn only_approved_figures_count_unless_provisional_ones_are_asked_for(db: Db) {
    let s = setup(db).await;
    s.send("XP-BANGOC", "2024-04", &[("GRAIN_OUTPUT", 10.0)], true).await;
    s.send("XP-LANGSUNG", "2024-04", &[("GRAIN_OUTPUT", 7.0)], false).await;

    let approved = s.totals("2024-04", false).await;
    let provisional = s.totals("2024-04", true).await;

    assert_eq!(row(&approved, "GRAIN_OUTPUT")["actual"], 10.0);
    assert_eq!(row(&approved, "GRAIN_OUTPUT")["provisional"], false);
    assert_eq!(row(&provisional, "GRAIN_OUTPUT")["actual"], 17.0);
    assert_eq!(row(&provisional, "GRAIN_OUTPUT")["provisional"], true);
    assert_eq!(provisional["include_provisional"], true);
}

async fn six_months_end_with_junes_period_under_decree_09(db: Db) {
    let s = setup(db).await;
    s.send("XP-BANGOC", "2024-06", &[("GRAIN_OUTPUT", 8.0)], true).await;
    s.send("XP-BANGOC", "2024-07", &[("GRAIN_OUTPUT", 100.0)], true).await;

    let h1 = s.totals("2024-H1", false).await;
    let year = s.totals("2024", false).await;

    assert_eq!(row(&h1, "GRAIN_OUTPUT")["actual"], 8.0);
    assert_eq!((h1["date_from"].as_str(), h1["date_to"].as_str()), (Some("2023-12-15"), Some("2024-06-14")));
    assert_eq!(h1["period_label"], "6 tháng đầu năm 2024");
    assert_eq!(row(&year, "GRAIN_OUTPUT")["actual"], 108.0);
    assert_eq!(year["date_to"], "2024-12-14");
}

async fn figures_are_set_against_plan_and_last_year_or_say_why_not(db: Db) {
    let s = setup(db).await;
    s.send("XP-BANGOC", "2023-03", &[("GRAIN_OUTPUT", 1698.0), ("SOWN_AREA", 2.0)], true).await;
    s.send("XP-BANGOC", "2024-03", &[("GRAIN_OUTPUT", 1936.0), ("SOWN_AREA", 3.0), ("CATTLE", 40.0)], true).await;
    s.plan("XP", "GRAIN_OUTPUT", 2024, 3226.0, true, false).await;
    s.plan("XP", "SOWN_AREA", 2024, 0.0, false, false).await;

    let h1 = s.totals("2024-H1", false).await;
    let (grain, sown, cattle) = (row(&h1, "GRAIN_OUTPUT"), row(&h1, "SOWN_AREA"), row(&h1, "CATTLE"));

    // 1.936 of 3.226 is 60,01...%: one decimal, the indicator's precision.
    assert_eq!(grain["plan"]["percent"], 60.0);
    assert_eq!(grain["plan"]["base"], 3226.0);
    assert_eq!(grain["last_year"]["base"], 1698.0);
    assert_eq!(grain["last_year"]["percent"], 114.0);
    assert_eq!(grain["last_year"]["change"], 238.0);
    assert_eq!(grain["status"], "reached");
    assert_eq!(sown["plan"]["missing"], "zero_base");
    assert_eq!(sown["plan"]["percent"], Value::Null);
    assert_eq!(sown["last_year"]["percent"], 150.0);
    assert_eq!(cattle["plan"]["missing"], "no_base");
    assert_eq!(cattle["last_year"]["missing"], "zero_base");
    assert_eq!(cattle["status"], "no_plan");
}

async fn the_target_summary_counts_reached_behind_and_not_yet_evaluable(db: Db) {
    let s = setup(db).await;
    s.send(
        "XP-BANGOC",
        "2024-02",
        &[("GRAIN_OUTPUT", 30.0), ("TRAFFIC_ACCIDENTS", 2.0), ("POOR_HOUSEHOLDS", 9.0), ("HOUSEHOLDS", 300.0)],
        true,
    )
    .await;
    s.send("XP-BANGOC", "2024-05", &[("TRAFFIC_ACCIDENTS", 1.0), ("POOR_HOUSEHOLDS", 8.0), ("HOUSEHOLDS", 300.0)], true).await;
    s.plan("XP", "GRAIN_OUTPUT", 2024, 50.0, true, false).await; // 60% of plan: reached
    s.plan("XP", "TRAFFIC_ACCIDENTS", 2024, 4.0, true, false).await; // 3 of 4 by mid-year: behind
    s.plan("XP", "POVERTY_RATE", 2024, 2.5, true, false).await; // 2,67% above 2,5%: behind
    s.plan("XP", "NTM_CRITERIA", 2024, 19.0, true, true).await; // judged at year end
    s.plan("XP", "BUDGET_REVENUE", 2024, 2657.0, true, false).await; // no figure yet
    s.plan("XP", "SOWN_AREA", 2024, 100.0, false, false).await; // not a resolution target

    let h1 = s.totals("2024-H1", false).await;

    assert_eq!(row(&h1, "POVERTY_RATE")["actual"], 2.67);
    assert_eq!(row(&h1, "TRAFFIC_ACCIDENTS")["status"], "behind");
    assert_eq!(row(&h1, "NTM_CRITERIA")["status"], "not_evaluable");
    let summary = &h1["summary"];
    assert_eq!(summary["total"], 5);
    assert_eq!(summary["threshold_percent"], 50.0);
    assert_eq!(summary["reached"], json!(["GRAIN_OUTPUT"]));
    assert_eq!(summary["behind"], json!(["TRAFFIC_ACCIDENTS", "POVERTY_RATE"]));
    assert_eq!(summary["not_evaluable"], json!(["BUDGET_REVENUE", "NTM_CRITERIA"]));
    assert_eq!(
        summary["sentence"],
        "Trong 5 chỉ tiêu chủ yếu theo Nghị quyết, có 1 chỉ tiêu đạt từ 50% kế hoạch trở lên, 2 chỉ tiêu đạt dưới 50%, 2 chỉ tiêu chưa đánh giá được."
    );
}

async fn a_breakdown_shows_each_village_and_a_trend_each_month(db: Db) {
    let s = setup(db).await;
    s.send("XP-BANGOC", "2024-01", &[("GRAIN_OUTPUT", 10.0)], true).await;
    s.send("XP-BANGOC", "2024-02", &[("GRAIN_OUTPUT", 20.0)], true).await;
    s.send("XP-LANGSUNG", "2024-02", &[("GRAIN_OUTPUT", 5.0)], true).await;
    s.send("XP-LANGSUNG", "2023-02", &[("GRAIN_OUTPUT", 4.0)], true).await;
    let (xp, grain) = (s.app.unit_id("XP").await, s.indicator_id("GRAIN_OUTPUT").await);

    let breakdown = s.app.get(&format!("/api/v1/totals/breakdown?unit_id={xp}&period=2024-Q1&indicator_id={grain}"), &s.commune).await;
    let trend = s.app.get(&format!("/api/v1/totals/trend?unit_id={xp}&indicator_id={grain}&year=2024"), &s.commune).await;

    assert_eq!(breakdown.status, StatusCode::OK, "{:?}", breakdown.body);
    let child = |code: &str| breakdown.body["children"].as_array().unwrap().iter().find(|c| c["unit"]["code"] == code).unwrap().clone();
    assert_eq!(child("XP-BANGOC")["rows"][0]["actual"], 30.0);
    assert_eq!(child("XP-LANGSUNG")["rows"][0]["actual"], 5.0);
    assert_eq!(child("XP-LANGSUNG")["rows"][0]["last_year"]["base"], 4.0);
    assert_eq!(child("XP-DADUNG")["rows"][0]["actual"], Value::Null);
    assert_eq!(trend.status, StatusCode::OK, "{:?}", trend.body);
    let points = trend.body["points"].as_array().unwrap();
    assert_eq!(points.len(), 12);
    assert_eq!(points[0]["actual"], 10.0);
    assert_eq!(points[1]["actual"], 25.0);
    assert_eq!(points[2]["actual"], Value::Null);
    assert_eq!(points[1]["last_year"], 4.0);
}

async fn the_upper_level_reads_each_commune_and_a_village_reads_no_commune_totals(db: Db) {
    let s = setup(db).await;
    s.send("XP-BANGOC", "2024-01", &[("GRAIN_OUTPUT", 12.5)], true).await;
    let (th, xp) = (s.app.unit_id("TH").await, s.app.unit_id("XP").await);
    let province = s.app.token("tinh.thanhhoa").await;
    let village = s.app.token("thon.bangoc").await;

    let by_commune = s.app.get(&format!("/api/v1/totals/breakdown?unit_id={th}&period=2024-01"), &province).await;
    let province_total = s.app.get(&format!("/api/v1/totals?unit_id={th}&period=2024-01"), &province).await;
    let refused = s.app.get(&format!("/api/v1/totals?unit_id={xp}&period=2024-01"), &village).await;
    let bad_period = s.app.get(&format!("/api/v1/totals?unit_id={xp}&period=2024-H3"), &s.commune).await;

    assert_eq!(by_commune.status, StatusCode::OK, "{:?}", by_commune.body);
    let commune = &by_commune.body["children"][0];
    assert_eq!(commune["unit"]["code"], "XP");
    assert_eq!(row(commune, "GRAIN_OUTPUT")["actual"], 12.5);
    assert_eq!(row(&province_total.body, "GRAIN_OUTPUT")["actual"], 12.5);
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(bad_period.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_period.fields(), vec!["period"]);
}

async fn plans_are_set_by_the_commune_office_and_checked(db: Db) {
    let s = setup(db).await;
    let (xp, grain) = (s.app.unit_id("XP").await, s.indicator_id("GRAIN_OUTPUT").await);
    let village = s.app.token("thon.bangoc").await;
    let province = s.app.token("tinh.thanhhoa").await;
    let plan = |value: Value| json!({"unit_id": xp, "indicator_id": grain, "year": 2024, "value": value, "resolution_target": true});

    let by_village = s.app.call(Method::PUT, "/api/v1/plans", Some(&village), Some(plan(json!(10)))).await;
    let by_viewer = s.app.call(Method::PUT, "/api/v1/plans", Some(&province), Some(plan(json!(10)))).await;
    let too_precise = s.app.call(Method::PUT, "/api/v1/plans", Some(&s.commune), Some(plan(json!(10.25)))).await;
    let stored = s.app.call(Method::PUT, "/api/v1/plans", Some(&s.commune), Some(plan(json!(3226.5)))).await;
    let replaced = s.app.call(Method::PUT, "/api/v1/plans", Some(&s.commune), Some(plan(json!(3300)))).await;
    let listed = s.app.get(&format!("/api/v1/plans?unit_id={xp}&year=2024"), &province).await;

    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(by_viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(too_precise.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_precise.fields(), vec!["value"]);
    assert_eq!(stored.status, StatusCode::OK, "{:?}", stored.body);
    assert_eq!(replaced.body["id"], stored.body["id"]);
    let plans = listed.body.as_array().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["value"], 3300.0);
    assert_eq!(plans[0]["resolution_target"], true);

    let id = stored.body["id"].as_i64().unwrap();
    let deleted = s.app.call(Method::DELETE, &format!("/api/v1/plans/{id}"), Some(&s.commune), None).await;
    let after = s.app.get(&format!("/api/v1/plans?unit_id={xp}&year=2024"), &s.commune).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(after.body, json!([]));
}

async fn a_criteria_count_takes_the_latest_month_and_averages_over_communes(db: Db) {
    let s = setup(db).await;
    let admin = s.app.token("admin").await;
    let ntm = s.indicator_id("NTM_CRITERIA").await;
    let th = s.app.unit_id("TH").await;
    let form = json!({"code": "COMMUNE_MONTHLY", "name": "Báo cáo tháng của xã", "unit_kind": "commune", "frequency": "monthly", "indicator_ids": [ntm]});
    let form = s.app.call(Method::POST, "/api/v1/forms", Some(&admin), Some(form)).await;
    assert_eq!(form.status, StatusCode::CREATED, "{:?}", form.body);
    let form_id = form.body["id"].as_i64().unwrap();
    let other = json!({"parent_id": th, "kind": "commune", "code": "XT", "name": "Xã Xuân Thắng"});
    let other = s.app.call(Method::POST, "/api/v1/units", Some(&admin), Some(other)).await;
    assert_eq!(other.status, StatusCode::CREATED, "{:?}", other.body);
    let xp = s.app.unit_id("XP").await;
    let xt = other.body["id"].as_i64().unwrap();
    // Xuân Phú met 17 criteria in March and 18 in June; Xuân Thắng 15 in May.
    for (unit, period, met) in [(xp, "2024-03", 17), (xp, "2024-06", 18), (xt, "2024-05", 15)] {
        let path = TestApp::submission_path(unit, form_id, period);
        let body = json!({"version": 0, "values": [{"indicator_id": ntm, "value": met}]});
        let sent = s.app.call(Method::POST, &format!("{path}/submit"), Some(&admin), Some(body)).await;
        assert_eq!(sent.status, StatusCode::OK, "{:?}", sent.body);
        let approve = json!({"version": sent.body["version"]});
        let approved = s.app.call(Method::POST, &format!("{path}/approve"), Some(&admin), Some(approve)).await;
        assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
    }

    let commune = s.totals("2024-H1", false).await;
    let province = s.app.get(&format!("/api/v1/totals?unit_id={th}&period=2024-H1"), &admin).await;
    let first_quarter = s.totals("2024-Q1", false).await;

    assert_eq!(row(&commune, "NTM_CRITERIA")["actual"], 18.0);
    assert_eq!(row(&first_quarter, "NTM_CRITERIA")["actual"], 17.0);
    // On average 16,5 criteria per commune: (18 + 15) / 2.
    assert_eq!(row(&province.body, "NTM_CRITERIA")["actual"], 16.5);
}

async fn a_stock_takes_the_later_of_imported_and_sent_months(db: Db) {
    let s = setup(db).await;
    // Ba Ngọc's January and February were imported; March came through the
    // app. Làng Sung has only an imported February.
    let csv = "unit_code,indicator_code,period,value\n\
               XP-BANGOC,CATTLE,2024-01,90\nXP-BANGOC,CATTLE,2024-02,95\nXP-LANGSUNG,CATTLE,2024-02,40\n\
               XP-BANGOC,GRAIN_OUTPUT,2024-02,12,5\n";
    let csv = csv.replace("2024-02,12,5", "2024-02,\"12,5\"");
    let imported = s.app.post_file("/api/v1/imports/values?format=csv", &s.commune, "text/csv", csv.into_bytes()).await;
    assert_eq!(imported.status, StatusCode::OK, "{:?}", imported.body);
    s.send("XP-BANGOC", "2024-03", &[("CATTLE", 100.0), ("GRAIN_OUTPUT", 1.5)], true).await;

    let q1 = s.totals("2024-Q1", false).await;
    let february = s.totals("2024-02", false).await;

    assert_eq!(row(&q1, "CATTLE")["actual"], 140.0);
    assert_eq!(row(&q1, "GRAIN_OUTPUT")["actual"], 14.0);
    assert_eq!(row(&february, "CATTLE")["actual"], 135.0);

    // Làng Sung later sends February through the app: its figure replaces
    // the imported one instead of adding to it.
    s.send("XP-LANGSUNG", "2024-02", &[("CATTLE", 60.0)], true).await;
    let february = s.totals("2024-02", false).await;
    assert_eq!(row(&february, "CATTLE")["actual"], 155.0);
}

on_both_databases!(
    a_flow_adds_up_and_a_stock_takes_each_villages_last_month,
    a_rate_comes_from_the_totals_of_its_parts_not_an_average_of_rates,
    only_approved_figures_count_unless_provisional_ones_are_asked_for,
    six_months_end_with_junes_period_under_decree_09,
    figures_are_set_against_plan_and_last_year_or_say_why_not,
    the_target_summary_counts_reached_behind_and_not_yet_evaluable,
    a_breakdown_shows_each_village_and_a_trend_each_month,
    the_upper_level_reads_each_commune_and_a_village_reads_no_commune_totals,
    plans_are_set_by_the_commune_office_and_checked,
    a_criteria_count_takes_the_latest_month_and_averages_over_communes,
    a_stock_takes_the_later_of_imported_and_sent_months,
);
