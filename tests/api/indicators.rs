use reqwest::StatusCode;
use tonghop_shared::api::{Aggregation, FormInput, Frequency, IndicatorInput, UnitKind};
use tonghop_tests::{Db, on_both_databases, spawn_app};

fn indicator(code: &str, name: &str, unit_of_measure: &str, aggregation: Aggregation, precision: u32) -> IndicatorInput {
    IndicatorInput {
        code: code.into(),
        name: name.into(),
        unit_of_measure: unit_of_measure.into(),
        aggregation,
        precision,
        input_precision: None,
        higher_is_better: true,
        help: String::new(),
        min_value: None,
        max_value: None,
        numerator_id: None,
        denominator_id: None,
        active: true,
    }
}

fn clean_water() -> IndicatorInput {
    indicator("CLEAN_WATER", "Số hộ có nước sạch", "hộ", Aggregation::Stock, 0)
}

fn village_form(code: &str, name: &str, indicator_ids: Vec<i64>) -> FormInput {
    FormInput { code: code.into(), name: name.into(), unit_kind: UnitKind::Village, frequency: Frequency::Monthly, indicator_ids }
}

async fn the_demo_has_at_least_twenty_indicators_named_in_vietnamese(db: Db) {
    let app = spawn_app(db).await;

    let list = app.indicators(&app.session("thon.bangoc").await).await.ok();

    assert!(list.len() >= 20, "{}", list.len());
    let grain = list.iter().find(|i| i.code == "GRAIN_OUTPUT").unwrap();
    assert_eq!((grain.name.as_str(), grain.unit_of_measure.as_str()), ("Sản lượng lương thực có hạt", "tấn"));
    let poverty = list.iter().find(|i| i.code == "POVERTY_RATE").unwrap();
    assert_eq!(poverty.aggregation, Aggregation::Rate);
    assert!(!poverty.higher_is_better);
    assert!(poverty.numerator_id.is_some() && poverty.denominator_id.is_some());
}

async fn only_an_administrator_creates_indicators_and_forms(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let commune = app.session("vp.xuanphu").await;

    let refused = app.create_indicator(&commune, &clean_water()).await;
    let created = app.create_indicator(&admin, &clean_water()).await.created();
    let form = app.create_form(&admin, &village_form("WATER", "Nước sạch", vec![created.id])).await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(form.created().indicators[0].code, "CLEAN_WATER");
}

async fn a_bad_indicator_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;

    let answer = app.create_indicator(&admin, &indicator("x", "", "%", Aggregation::Rate, 7)).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["code", "name", "precision", "numerator_id"]);
}

async fn an_administrator_reorders_a_form_but_cannot_change_its_code(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    let reversed: Vec<i64> = form.indicators.iter().rev().skip(1).map(|i| i.id).collect();
    let body = |code: &str, ids: &[i64]| village_form(code, "Báo cáo tháng của thôn", ids.to_vec());

    let changed = app.change_form(&admin, form.id, &body("VILLAGE_MONTHLY", &reversed)).await;
    let recoded = app.change_form(&admin, form.id, &body("OTHER", &reversed)).await;
    let repeated = app.change_form(&admin, form.id, &body("VILLAGE_MONTHLY", &[reversed[0], reversed[0]])).await;

    let ids: Vec<i64> = changed.ok().indicators.iter().map(|i| i.id).collect();
    assert_eq!(ids, reversed);
    assert_eq!(recoded.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(repeated.fields(), ["indicator_ids"]);
    assert_eq!(app.form_named("VILLAGE_MONTHLY").await.indicators.len(), form.indicators.len() - 1);
}

on_both_databases!(
    an_administrator_reorders_a_form_but_cannot_change_its_code,
    the_demo_has_at_least_twenty_indicators_named_in_vietnamese,
    only_an_administrator_creates_indicators_and_forms,
    a_bad_indicator_is_refused_field_by_field,
);
