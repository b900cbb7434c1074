//! Table definitions for diesel, written by hand to match both migration
//! folders (`migrations/sqlite`, `migrations/postgres`). Ids are 64-bit on
//! both; figures are fixed-point integers (see `tonghop_shared::Amount`).

diesel::table! {
    units (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        kind -> Text,
        code -> Text,
        name -> Text,
        active -> Bool,
        path -> Text,
        depth -> Integer,
        calendar_kind -> Nullable<Text>,
        deadline_working_days -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        term_started_on -> Nullable<Date>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        unit_id -> BigInt,
        role -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    access_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        prefix -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (username) {
        username -> Text,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    indicators (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        unit_of_measure -> Text,
        aggregation -> Text,
        display_precision -> Integer,
        higher_is_better -> Bool,
        help -> Text,
        min_value -> Nullable<BigInt>,
        max_value -> Nullable<BigInt>,
        numerator_id -> Nullable<BigInt>,
        denominator_id -> Nullable<BigInt>,
        active -> Bool,
        input_precision -> Integer,
    }
}

diesel::table! {
    forms (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        unit_kind -> Text,
        frequency -> Text,
        active -> Bool,
    }
}

diesel::table! {
    form_indicators (form_id, indicator_id) {
        form_id -> BigInt,
        indicator_id -> BigInt,
        position -> Integer,
    }
}

diesel::table! {
    submissions (id) {
        id -> BigInt,
        unit_id -> BigInt,
        form_id -> BigInt,
        period -> Text,
        status -> Text,
        version -> BigInt,
        late -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> BigInt,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    submission_values (submission_id, indicator_id) {
        submission_id -> BigInt,
        indicator_id -> BigInt,
        value -> Nullable<BigInt>,
        comment -> Nullable<Text>,
        updated_at -> Timestamp,
        updated_by -> BigInt,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        entity -> Text,
        entity_id -> BigInt,
        action -> Text,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        submission_id -> BigInt,
        action -> Text,
        reason -> Nullable<Text>,
        figure_comments -> Text,
        values_json -> Text,
        user_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    validation_rules (id) {
        id -> BigInt,
        indicator_id -> BigInt,
        kind -> Text,
        other_indicator_id -> Nullable<BigInt>,
        min_value -> Nullable<BigInt>,
        max_value -> Nullable<BigInt>,
        severity -> Text,
        message -> Nullable<Text>,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        unit_id -> BigInt,
        indicator_id -> BigInt,
        year -> Integer,
        value -> BigInt,
        resolution_target -> Bool,
        year_end_only -> Bool,
        updated_at -> Timestamp,
        updated_by -> BigInt,
    }
}

diesel::table! {
    imported_values (id) {
        id -> BigInt,
        unit_id -> BigInt,
        indicator_id -> BigInt,
        period -> Text,
        monthly -> Bool,
        value -> BigInt,
        imported_at -> Timestamp,
        imported_by -> BigInt,
    }
}

diesel::table! {
    sections (id) {
        id -> BigInt,
        unit_id -> BigInt,
        period -> Text,
        body -> Text,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> BigInt,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    section_reviews (id) {
        id -> BigInt,
        section_id -> BigInt,
        action -> Text,
        reason -> Nullable<Text>,
        user_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        unit_id -> BigInt,
        period -> Text,
        profile -> Text,
        include_provisional -> Bool,
        status -> Text,
        version -> BigInt,
        number_text -> Nullable<Text>,
        issued_on -> Nullable<Date>,
        issued_file -> Nullable<Binary>,
        previous_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        created_by -> BigInt,
        updated_at -> Timestamp,
        updated_by -> BigInt,
        outline -> Nullable<Text>,
    }
}

diesel::table! {
    report_numbers (report_id) {
        report_id -> BigInt,
        unit_id -> BigInt,
        profile -> Text,
        series -> Text,
        serial -> Integer,
    }
}

diesel::table! {
    report_templates (id) {
        id -> BigInt,
        unit_id -> BigInt,
        name -> Text,
        outline -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> BigInt,
    }
}

diesel::table! {
    report_headers (report_id) {
        report_id -> BigInt,
        title -> Text,
        place -> Text,
        recipients -> Text,
        signer_title -> Text,
        signer_name -> Text,
        signer_authority -> Nullable<Text>,
    }
}

diesel::table! {
    report_passages (report_id, position) {
        report_id -> BigInt,
        position -> Integer,
        text -> Text,
        generated -> Text,
    }
}

diesel::table! {
    /// Read and written through `db::raw` (`auth::tokens`).
    server_secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    /// Read and written through `db::raw` (`auth::rate_limit`).
    rate_limits (bucket) {
        bucket -> Text,
        rested_at -> BigInt,
    }
}

diesel::table! {
    holidays (id) {
        id -> BigInt,
        day -> Date,
        name -> Text,
        unit_id -> Nullable<BigInt>,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    push_subscriptions (id) {
        id -> BigInt,
        user_id -> BigInt,
        endpoint -> Text,
        p256dh -> Text,
        auth -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    push_messages (id) {
        id -> BigInt,
        subscription_id -> BigInt,
        payload -> Text,
        once_key -> Nullable<Text>,
        created_at -> Timestamp,
        due_at -> Timestamp,
        attempts -> Integer,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    reminder_settings (unit_id) {
        unit_id -> BigInt,
        days_before -> Nullable<Integer>,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(users -> units (unit_id));
diesel::joinable!(reviews -> submissions (submission_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(access_tokens -> users (user_id));
diesel::joinable!(form_indicators -> forms (form_id));
diesel::joinable!(form_indicators -> indicators (indicator_id));
diesel::joinable!(submissions -> units (unit_id));
diesel::joinable!(submissions -> forms (form_id));
diesel::joinable!(submission_values -> submissions (submission_id));
diesel::joinable!(submission_values -> indicators (indicator_id));
diesel::joinable!(plans -> units (unit_id));
diesel::joinable!(plans -> indicators (indicator_id));
diesel::joinable!(imported_values -> units (unit_id));
diesel::joinable!(imported_values -> indicators (indicator_id));
diesel::joinable!(sections -> units (unit_id));
diesel::joinable!(section_reviews -> sections (section_id));
diesel::joinable!(section_reviews -> users (user_id));
diesel::joinable!(reports -> units (unit_id));
diesel::joinable!(report_passages -> reports (report_id));
diesel::joinable!(report_headers -> reports (report_id));
diesel::joinable!(report_numbers -> reports (report_id));
diesel::joinable!(report_templates -> units (unit_id));
diesel::joinable!(push_subscriptions -> users (user_id));
diesel::joinable!(push_messages -> push_subscriptions (subscription_id));
diesel::joinable!(reminder_settings -> units (unit_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    users,
    refresh_tokens,
    access_tokens,
    login_throttle,
    indicators,
    forms,
    form_indicators,
    submissions,
    submission_values,
    audit_log,
    reviews,
    validation_rules,
    plans,
    imported_values,
    sections,
    section_reviews,
    reports,
    report_passages,
    report_headers,
    report_numbers,
    report_templates,
    holidays,
    push_subscriptions,
    push_messages,
    reminder_settings,
);
