//! Totals against plan (KH) and last year (CK), through HTTP on both databases.
//!
//! Each test writes its own figures for 2023 and 2024, years the demo leaves
//! empty, so every expected number is worked out here by hand.

use reqwest::StatusCode;
use tonghop_shared::api::{MissingReason, PlanInput, TargetStatus, TotalsTable};
use tonghop_tests::api::{RowOf, TotalsOf};
use tonghop_tests::scenario::{COMMUNE_OFFICE, amount};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// The demo, its commune office logged in.
struct Setup {
    app: TestApp,
    commune: String,
    xp: i64,
}

async fn setup(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let commune = app.session(COMMUNE_OFFICE).await;
    let xp = app.unit("XP").await.id;
    Setup { app, commune, xp }
}

impl Setup {
    /// The commune office enters a village's monthly form, every figure 0
    /// but those given, and submits it.
    async fn submitted(&self, village: &str, period: &str, figures: &[(&str, f64)]) {
        self.app.scenario().village(village).in_month(period).figures(figures).by(COMMUNE_OFFICE).submitted().await;
    }

    /// As [`Setup::submitted`], then approves it.
    async fn approved(&self, village: &str, period: &str, figures: &[(&str, f64)]) {
        self.app.scenario().village(village).in_month(period).figures(figures).by(COMMUNE_OFFICE).approved().await;
    }

    async fn plan(&self, unit: &str, code: &str, year: i32, value: f64, resolution_target: bool, year_end_only: bool) {
        let (unit_id, indicator_id) = (self.app.unit(unit).await.id, self.app.indicator(code).await.id);
        let plan = PlanInput { unit_id, indicator_id, year, value: amount(value), resolution_target, year_end_only };
        self.app.set_plan(&self.commune, &plan).await.ok();
    }

    /// The commune's totals of approved figures.
    async fn totals(&self, period: &str) -> TotalsTable {
        self.app.totals(&self.commune, &TotalsOf::approved(self.xp, period)).await.ok()
    }

    /// The commune's totals, provisional figures counted.
    async fn provisional_totals(&self, period: &str) -> TotalsTable {
        self.app.totals(&self.commune, &TotalsOf::provisional(self.xp, period)).await.ok()
    }
}

fn percent(value: f64) -> Option<tonghop_shared::Amount> {
    Some(amount(value))
}

async fn a_flow_adds_up_and_a_stock_takes_each_villages_last_month(db: Db) {
    let s = setup(db).await;
    for (m, grain, cattle) in [("01", 10.0, 101.0), ("02", 20.0, 102.0), ("03", 30.0, 103.0)] {
        s.approved("XP-BANGOC", &format!("2024-{m}"), &[("GRAIN_OUTPUT", grain), ("CATTLE", cattle)]).await;
    }
    // Làng Sung has sent January and February only: its cattle stand at February's count.
    s.approved("XP-LANGSUNG", "2024-01", &[("GRAIN_OUTPUT", 5.5), ("CATTLE", 50.0)]).await;
    s.approved("XP-LANGSUNG", "2024-02", &[("GRAIN_OUTPUT", 4.5), ("CATTLE", 55.0)]).await;

    let q1 = s.totals("2024-Q1").await;

    assert_eq!(q1.row("GRAIN_OUTPUT").actual, Some(amount(70)));
    assert_eq!(q1.row("CATTLE").actual, Some(amount(158)));
    assert!(!q1.row("GRAIN_OUTPUT").provisional);
    assert_eq!(q1.period_label, "Quý I/2024");
}

async fn a_rate_comes_from_the_totals_of_its_parts_not_an_average_of_rates(db: Db) {
    let s = setup(db).await;
    // 10 of 100 households (10%) and 1 of 400 (0,25%): 11 of 500 is 2,2%, where
    // the average of the two rates would be 5,125%.
    s.approved("XP-BANGOC", "2024-05", &[("HOUSEHOLDS", 100.0), ("POOR_HOUSEHOLDS", 10.0), ("POPULATION", 3.0), ("INSURED_PEOPLE", 2.0)])
        .await;
    s.approved("XP-LANGSUNG", "2024-05", &[("HOUSEHOLDS", 400.0), ("POOR_HOUSEHOLDS", 1.0)]).await;

    let may = s.totals("2024-05").await;

    assert_eq!(may.row("POVERTY_RATE").actual, percent(2.2));
    // 2 of 3 people insured: 66,666...% rounded to the indicator's one decimal.
    assert_eq!(may.row("HEALTH_INSURANCE_RATE").actual, percent(66.7));
}

async fn only_approved_figures_count_unless_provisional_ones_are_asked_for(db: Db) {
    let s = setup(db).await;
    s.approved("XP-BANGOC", "2024-04", &[("GRAIN_OUTPUT", 10.0)]).await;
    s.submitted("XP-LANGSUNG", "2024-04", &[("GRAIN_OUTPUT", 7.0)]).await;

    let approved = s.totals("2024-04").await;
    let provisional = s.provisional_totals("2024-04").await;

    assert_eq!(approved.row("GRAIN_OUTPUT").actual, Some(amount(10)));
    assert!(!approved.row("GRAIN_OUTPUT").provisional);
    assert_eq!(provisional.row("GRAIN_OUTPUT").actual, Some(amount(17)));
    assert!(provisional.row("GRAIN_OUTPUT").provisional);
    assert!(provisional.include_provisional);
}

async fn six_months_end_with_junes_period_under_decree_09(db: Db) {
    let s = setup(db).await;
    s.approved("XP-BANGOC", "2024-06", &[("GRAIN_OUTPUT", 8.0)]).await;
    s.approved("XP-BANGOC", "2024-07", &[("GRAIN_OUTPUT", 100.0)]).await;

    let h1 = s.totals("2024-H1").await;
    let year = s.totals("2024").await;

    assert_eq!(h1.row("GRAIN_OUTPUT").actual, Some(amount(8)));
    assert_eq!((h1.date_from.to_string(), h1.date_to.to_string()), ("2023-12-15".to_owned(), "2024-06-14".to_owned()));
    assert_eq!(h1.period_label, "6 tháng đầu năm 2024");
    assert_eq!(year.row("GRAIN_OUTPUT").actual, Some(amount(108)));
    assert_eq!(year.date_to.to_string(), "2024-12-14");
}

async fn figures_are_set_against_plan_and_last_year_or_say_why_not(db: Db) {
    let s = setup(db).await;
    s.approved("XP-BANGOC", "2023-03", &[("GRAIN_OUTPUT", 1698.0), ("SOWN_AREA", 2.0)]).await;
    s.approved("XP-BANGOC", "2024-03", &[("GRAIN_OUTPUT", 1936.0), ("SOWN_AREA", 3.0), ("CATTLE", 40.0)]).await;
    s.plan("XP", "GRAIN_OUTPUT", 2024, 3226.0, true, false).await;
    s.plan("XP", "SOWN_AREA", 2024, 0.0, false, false).await;

    let h1 = s.totals("2024-H1").await;
    let (grain, sown, cattle) = (h1.row("GRAIN_OUTPUT"), h1.row("SOWN_AREA"), h1.row("CATTLE"));

    // 1.936 of 3.226 is 60,01...%: one decimal, the indicator's precision.
    assert_eq!(grain.plan.percent, percent(60.0));
    assert_eq!(grain.plan.base, Some(amount(3226)));
    assert_eq!(grain.last_year.base, Some(amount(1698)));
    assert_eq!(grain.last_year.percent, percent(114.0));
    assert_eq!(grain.last_year.change, Some(amount(238)));
    assert_eq!(grain.status, TargetStatus::Reached);
    assert_eq!(sown.plan.missing, Some(MissingReason::ZeroBase));
    assert_eq!(sown.plan.percent, None);
    assert_eq!(sown.last_year.percent, percent(150.0));
    assert_eq!(cattle.plan.missing, Some(MissingReason::NoBase));
    assert_eq!(cattle.last_year.missing, Some(MissingReason::ZeroBase));
    assert_eq!(cattle.status, TargetStatus::NoPlan);
}

async fn the_target_summary_counts_reached_behind_and_not_yet_evaluable(db: Db) {
    let s = setup(db).await;
    s.approved(
        "XP-BANGOC",
        "2024-02",
        &[("GRAIN_OUTPUT", 30.0), ("TRAFFIC_ACCIDENTS", 2.0), ("POOR_HOUSEHOLDS", 9.0), ("HOUSEHOLDS", 300.0)],
    )
    .await;
    s.approved("XP-BANGOC", "2024-05", &[("TRAFFIC_ACCIDENTS", 1.0), ("POOR_HOUSEHOLDS", 8.0), ("HOUSEHOLDS", 300.0)]).await;
    s.plan("XP", "GRAIN_OUTPUT", 2024, 50.0, true, false).await; // 60% of plan: reached
    s.plan("XP", "TRAFFIC_ACCIDENTS", 2024, 4.0, true, false).await; // 3 of 4 by mid-year: behind
    s.plan("XP", "POVERTY_RATE", 2024, 2.5, true, false).await; // 2,67% above 2,5%: behind
    s.plan("XP", "NTM_CRITERIA", 2024, 19.0, true, true).await; // judged at year end
    s.plan("XP", "BUDGET_REVENUE", 2024, 2657.0, true, false).await; // no figure yet
    s.plan("XP", "SOWN_AREA", 2024, 100.0, false, false).await; // not a resolution target

    let h1 = s.totals("2024-H1").await;

    assert_eq!(h1.row("POVERTY_RATE").actual, percent(2.67));
    assert_eq!(h1.row("TRAFFIC_ACCIDENTS").status, TargetStatus::Behind);
    assert_eq!(h1.row("NTM_CRITERIA").status, TargetStatus::NotEvaluable);
    let summary = &h1.summary;
    assert_eq!(summary.total, 5);
    assert_eq!(summary.threshold_percent, amount(50));
    assert_eq!(summary.reached, ["GRAIN_OUTPUT"]);
    assert_eq!(summary.behind, ["TRAFFIC_ACCIDENTS", "POVERTY_RATE"]);
    assert_eq!(summary.not_evaluable, ["BUDGET_REVENUE", "NTM_CRITERIA"]);
    assert_eq!(
        summary.sentence,
        "Trong 5 chỉ tiêu chủ yếu theo Nghị quyết, có 1 chỉ tiêu đạt từ 50% kế hoạch trở lên, 2 chỉ tiêu đạt dưới 50%, 2 chỉ tiêu chưa đánh giá được."
    );
}

async fn a_breakdown_shows_each_village_and_a_trend_each_month(db: Db) {
    let s = setup(db).await;
    s.approved("XP-BANGOC", "2024-01", &[("GRAIN_OUTPUT", 10.0)]).await;
    s.approved("XP-BANGOC", "2024-02", &[("GRAIN_OUTPUT", 20.0)]).await;
    s.approved("XP-LANGSUNG", "2024-02", &[("GRAIN_OUTPUT", 5.0)]).await;
    s.approved("XP-LANGSUNG", "2023-02", &[("GRAIN_OUTPUT", 4.0)]).await;
    let grain = s.app.indicator("GRAIN_OUTPUT").await.id;

    let breakdown = s.app.breakdown(&s.commune, &TotalsOf::approved(s.xp, "2024-Q1"), Some(grain)).await.ok();
    let trend = s.app.trend(&s.commune, s.xp, grain, 2024).await.ok();

    let child = |code: &str| breakdown.children.iter().find(|c| c.unit.code == code).unwrap().rows[0].clone();
    assert_eq!(child("XP-BANGOC").actual, Some(amount(30)));
    assert_eq!(child("XP-LANGSUNG").actual, Some(amount(5)));
    assert_eq!(child("XP-LANGSUNG").last_year.base, Some(amount(4)));
    assert_eq!(child("XP-DADUNG").actual, None);
    let points = &trend.points;
    assert_eq!(points.len(), 12);
    assert_eq!(points[0].actual, Some(amount(10)));
    assert_eq!(points[1].actual, Some(amount(25)));
    assert_eq!(points[2].actual, None);
    assert_eq!(points[1].last_year, Some(amount(4)));
}

async fn the_upper_level_reads_each_commune_and_a_village_reads_no_commune_totals(db: Db) {
    let s = setup(db).await;
    s.approved("XP-BANGOC", "2024-01", &[("GRAIN_OUTPUT", 12.5)]).await;
    let th = s.app.unit("TH").await.id;
    let province = s.app.token("tinh.thanhhoa").await;
    let village = s.app.token("thon.bangoc").await;

    let by_commune = s.app.breakdown(&province, &TotalsOf::approved(th, "2024-01"), None).await.ok();
    let province_total = s.app.totals(&province, &TotalsOf::approved(th, "2024-01")).await.ok();
    let refused = s.app.totals(&village, &TotalsOf::approved(s.xp, "2024-01")).await;
    let bad_period = s.app.totals(&s.commune, &TotalsOf::approved(s.xp, "2024-H3")).await;

    let commune = &by_commune.children[0];
    assert_eq!(commune.unit.code, "XP");
    assert_eq!(commune.row("GRAIN_OUTPUT").actual, Some(amount(12.5)));
    assert_eq!(province_total.row("GRAIN_OUTPUT").actual, Some(amount(12.5)));
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(bad_period.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_period.fields(), vec!["period"]);
}

async fn plans_are_set_by_the_commune_office_and_checked(db: Db) {
    let s = setup(db).await;
    let grain = s.app.indicator("GRAIN_OUTPUT").await.id;
    let village = s.app.token("thon.bangoc").await;
    let province = s.app.token("tinh.thanhhoa").await;
    let plan = |value: f64| PlanInput {
        unit_id: s.xp,
        indicator_id: grain,
        year: 2024,
        value: amount(value),
        resolution_target: true,
        year_end_only: false,
    };

    let by_village = s.app.set_plan(&village, &plan(10.0)).await;
    let by_viewer = s.app.set_plan(&province, &plan(10.0)).await;
    let too_precise = s.app.set_plan(&s.commune, &plan(10.25)).await;
    let stored = s.app.set_plan(&s.commune, &plan(3226.5)).await;
    let replaced = s.app.set_plan(&s.commune, &plan(3300.0)).await;
    let listed = s.app.plans(&province, s.xp, 2024).await.ok();

    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(by_viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(too_precise.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_precise.fields(), vec!["value"]);
    let stored = stored.ok();
    assert_eq!(replaced.ok().id, stored.id);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].value, amount(3300));
    assert!(listed[0].resolution_target);

    let deleted = s.app.delete_plan(&s.commune, stored.id).await;
    let after = s.app.plans(&s.commune, s.xp, 2024).await.ok();
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(after.is_empty(), "{after:?}");
}

async fn a_criteria_count_takes_the_latest_month_and_averages_over_communes(db: Db) {
    let s = setup(db).await;
    let form = s.app.scenario().a_commune_form_of(&["NTM_CRITERIA"]).await;
    let th = s.app.unit("TH").await.id;
    s.app.scenario().another_commune("XT", "Xã Xuân Thắng").await;
    // Xuân Phú met 17 criteria in March and 18 in June; Xuân Thắng 15 in May.
    for (unit, period, met) in [("XP", "2024-03", 17.0), ("XP", "2024-06", 18.0), ("XT", "2024-05", 15.0)] {
        let month = s.app.scenario().unit(unit).form(&form).in_month(period).figures(&[("NTM_CRITERIA", met)]);
        month.by("admin").decided_by("admin").approved().await;
    }

    let commune = s.totals("2024-H1").await;
    let province = s.app.totals(&s.app.session("admin").await, &TotalsOf::approved(th, "2024-H1")).await.ok();
    let first_quarter = s.totals("2024-Q1").await;

    assert_eq!(commune.row("NTM_CRITERIA").actual, Some(amount(18)));
    assert_eq!(first_quarter.row("NTM_CRITERIA").actual, Some(amount(17)));
    // On average 16,5 criteria per commune: (18 + 15) / 2.
    assert_eq!(province.row("NTM_CRITERIA").actual, Some(amount(16.5)));
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
    s.approved("XP-BANGOC", "2024-03", &[("CATTLE", 100.0), ("GRAIN_OUTPUT", 1.5)]).await;

    let q1 = s.totals("2024-Q1").await;
    let february = s.totals("2024-02").await;

    assert_eq!(q1.row("CATTLE").actual, Some(amount(140)));
    assert_eq!(q1.row("GRAIN_OUTPUT").actual, Some(amount(14)));
    assert_eq!(february.row("CATTLE").actual, Some(amount(135)));

    // Làng Sung later sends February through the app: its figure replaces
    // the imported one instead of adding to it.
    s.approved("XP-LANGSUNG", "2024-02", &[("CATTLE", 60.0)]).await;
    let february = s.totals("2024-02").await;
    assert_eq!(february.row("CATTLE").actual, Some(amount(155)));
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
