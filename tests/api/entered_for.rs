//! The commune office enters and sends a village's figures for it (the
//! village phoned them in): allowed, and the village's history marks every
//! step the office took as taken on the village's behalf.

use tonghop_shared::api::HistoryKind;
use tonghop_tests::scenario::FormFigures;
use tonghop_tests::{Db, on_both_databases, spawn_app};

async fn the_history_marks_what_the_office_entered_for_the_village(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").every_figure(10).by("vp.xuanphu").saved().await;
    let village = app.session("thon.bangoc").await;
    let corrected = v.form.figures(10.0, &[("CATTLE", 12.0)]);

    let own = app.save(&village, &v.key, v.version(), corrected).await.ok();
    let sent = app.submit(&v.office, &v.key, own.version, vec![]).await.ok();
    let history = app.history(&village, &v.key, Some("CATTLE")).await.ok();

    assert_eq!(sent.submitted_by.as_deref(), Some("Văn phòng Đảng ủy xã Xuân Phú"));
    let cattle: Vec<(bool, Option<&str>)> =
        history.iter().filter(|e| e.kind == HistoryKind::Value).map(|e| (e.on_behalf, e.by.as_deref())).collect();
    assert_eq!(
        cattle,
        [(true, Some("Văn phòng Đảng ủy xã Xuân Phú")), (false, Some("Chi bộ Thôn Ba Ngọc"))],
        "the office's figure, then the village's own correction"
    );
    let submit = history.iter().rfind(|e| e.kind == HistoryKind::Status).unwrap();
    assert_eq!((submit.status_after.as_deref(), submit.on_behalf), (Some("submitted"), true), "sent by the office for the village");
}

on_both_databases!(the_history_marks_what_the_office_entered_for_the_village);
