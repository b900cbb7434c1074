use reqwest::StatusCode;
use tonghop_shared::api::{NewUser, Role};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// A new account's fields.
fn new_user(username: &str, display_name: &str, password: &str, role: Role, unit_id: i64) -> NewUser {
    NewUser { username: username.into(), display_name: display_name.into(), password: password.into(), role, unit_id }
}

async fn the_commune_creates_a_reporter_who_can_log_in(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.unit("XP-LANGBAI").await.id;

    let created = app
        .create_user(&commune, &new_user("Truong.LangBai", "Trưởng thôn Làng Bài", "matkhau-moi", Role::Reporter, village))
        .await
        .created();

    assert_eq!(created.username, "truong.langbai");
    assert_eq!(app.login("truong.langbai", "matkhau-moi").await.status, StatusCode::OK);
}

async fn the_commune_cannot_create_an_administrator_or_a_user_elsewhere(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.unit("XP-LANGBAI").await.id;
    let province = app.unit("TH").await.id;
    let user = |role: Role, unit: i64| new_user("nguoi.moi", "Người mới", "matkhau-moi", role, unit);

    let admin = app.create_user(&commune, &user(Role::Admin, village)).await;
    let elsewhere = app.create_user(&commune, &user(Role::Reporter, province)).await;

    assert_eq!(admin.status, StatusCode::FORBIDDEN);
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
}

async fn a_bad_new_user_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let village = app.unit("XP-LANGBAI").await.id;

    let answer = app.create_user(&admin, &new_user("Thôn", "", "short", Role::Reporter, village)).await;
    let duplicate = app.create_user(&admin, &new_user("thon.bangoc", "X", "matkhau-moi", Role::Reporter, village)).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["username", "display_name", "password"]);
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
}

async fn reporters_and_viewers_cannot_list_users(db: Db) {
    let app = spawn_app(db).await;

    let reporter = app.users(&app.session("thon.bangoc").await).await;
    let viewer = app.users(&app.session("tinh.thanhhoa").await).await;
    let commune = app.users(&app.session("vp.xuanphu").await).await;

    assert_eq!(reporter.status, StatusCode::FORBIDDEN);
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    let names: Vec<String> = commune.ok().into_iter().map(|u| u.username).collect();
    assert!(names.iter().any(|n| n == "thon.bangoc") && !names.iter().any(|n| n == "admin"), "{names:?}");
}

/// A new administrator made by `by`, at `by`'s own unit: (id, access token).
async fn a_new_administrator(app: &TestApp, by: &str, username: &str) -> (i64, String) {
    let own_unit = app.me(by).await.ok().unit.id;
    let created = app.create_user(by, &new_user(username, "Quản trị", "matkhau-quantri", Role::Admin, own_unit)).await.created();
    (created.id, app.login(username, "matkhau-quantri").await.ok().access_token)
}

async fn deactivate(app: &TestApp, token: &str, id: i64) -> StatusCode {
    app.deactivate_user(token, id).await.status
}

fn active_admins(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use tonghop::db::schema::users::dsl as u;
    u::users.filter(u::role.eq("admin")).filter(u::active).count().get_result(&mut app.pool.get().unwrap()).unwrap()
}

async fn the_last_active_administrator_cannot_be_deactivated(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let own_id = app.me(&admin).await.ok().id;

    let alone = app.deactivate_user(&admin, own_id).await;

    assert_eq!(alone.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", alone.body);
    assert_eq!(alone.fields(), ["active"]);
    assert!(alone.error().fields[0].message.contains("quản trị viên cuối cùng"), "{:?}", alone.body);
    assert_eq!(active_admins(&app), 1);
    let (second, second_token) = a_new_administrator(&app, &admin, "quantri.hai").await;
    assert_eq!(deactivate(&app, &admin, own_id).await, StatusCode::OK, "another administrator remains");
    assert_eq!(deactivate(&app, &second_token, second).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(active_admins(&app), 1);
}

/// Two administrators deactivating each other at the same moment: on
/// PostgreSQL both would see the other still active without the lock.
async fn two_administrators_deactivating_each_other_at_once_leave_one(db: Db) {
    let app = spawn_app(db).await;
    let mut survivor = app.session("admin").await;
    let mut survivor_id = app.me(&survivor).await.ok().id;
    for round in 0..4 {
        let (other_id, other) = a_new_administrator(&app, &survivor, &format!("quantri.{round}")).await;
        assert_eq!(active_admins(&app), 2);

        let (a, b) = tokio::join!(deactivate(&app, &survivor, other_id), deactivate(&app, &other, survivor_id));

        assert_eq!([a, b].iter().filter(|s| **s == StatusCode::OK).count(), 1, "round {round}: {a} and {b}");
        assert_eq!(active_admins(&app), 1, "round {round}");
        if b == StatusCode::OK {
            (survivor, survivor_id) = (other, other_id);
        }
    }
}

on_both_databases!(
    the_last_active_administrator_cannot_be_deactivated,
    two_administrators_deactivating_each_other_at_once_leave_one,
    the_commune_creates_a_reporter_who_can_log_in,
    the_commune_cannot_create_an_administrator_or_a_user_elsewhere,
    a_bad_new_user_is_refused_field_by_field,
    reporters_and_viewers_cannot_list_users,
);
