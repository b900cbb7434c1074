//! A unit's monthly form: enter figures, save a draft, send to the commune.

mod actions;
mod head;
mod outcomes;
mod state;
#[cfg(test)]
mod tests;

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Role, SubmissionStatus};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::confirm::ConfirmDialog;
use crate::components::indicator_field::IndicatorField;
use crate::components::loading::{LoadError, Loading};
use crate::components::notice::Notice;
use crate::drafts::DraftKey;
use crate::session::use_session;
use head::FormHead;
use state::{FormAction, FormState};

/// Props of [`FormPage`].
#[derive(Properties, PartialEq)]
pub struct FormPageProps {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The reporting month.
    pub period: MonthPeriod,
}

/// The form. Read-only once submitted, and for users of other units.
#[component]
pub fn FormPage(props: &FormPageProps) -> Html {
    let session = use_session();
    let state = use_reducer(FormState::default);
    let key = DraftKey { unit_id: props.unit_id, form_id: props.form_id, period: props.period };
    let reload = use_state(|| 0_u32);

    use_effect_with((key, *reload), {
        let (dispatch, session) = (state.dispatcher(), session.clone());
        move |(key, _)| actions::load(dispatch, session, *key)
    });
    // Mirror every keystroke to localStorage; forget it once the server has it.
    let status = state.loaded.as_ref().map(|(_, sub)| sub.status);
    use_effect_with((key, status, state.texts.clone(), state.version), {
        let state = state.clone();
        move |(key, status, _, _)| match status {
            None => {}
            Some(SubmissionStatus::Submitted) => key.clear(),
            Some(_) if state.has_unsaved() => key.store(&state.local_draft()),
            Some(_) => key.clear(),
        }
    });

    if let Some(e) = &state.load_error {
        let on_retry = Callback::from(move |()| reload.set(*reload + 1));
        return html! { <LoadError message={e.message()} {on_retry} /> };
    }
    let Some((form, sub)) = state.loaded.clone() else { return html! { <Loading /> } };
    let user = session.user.as_ref();
    let own_unit = user.is_some_and(|u| u.unit.id == props.unit_id && u.role != Role::Viewer);
    // Typing stays possible while a save is on its way over a slow line.
    let editable = own_unit && sub.status.editable_by_unit();
    let readonly = !editable;

    let fields = form.indicators.iter().map(|ind| {
        let code = ind.code.clone();
        let on_input = state.dispatcher().to_callback().reform({
            let code = code.clone();
            move |text| FormAction::Edit(code.clone(), text)
        });
        let on_blur = state.dispatcher().to_callback().reform(move |()| FormAction::Blur(code.clone()));
        html! {
            <IndicatorField key={ind.code.clone()} indicator={ind.clone()} text={state.text(&ind.code).to_owned()}
                error={state.field_error(ind).map(AttrValue::from)} server_value={state.server_values.get(&ind.code).cloned().map(AttrValue::from)}
                {readonly} {on_input} {on_blur} />
        }
    });
    let on = |f: fn(&FormState, yew::UseReducerDispatcher<FormState>, crate::session::SessionContext, DraftKey)| {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |_: MouseEvent| f(&state, state.dispatcher(), session.clone(), key))
    };
    let save = on(actions::save_draft);
    let ask = on(|s, d, _, _| actions::ask_submit(s, d));
    let reload_latest = on(|_, d, sess, k| actions::reload(d, sess, k));
    let confirm = {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |()| actions::submit(&state, state.dispatcher(), session.clone(), key))
    };
    let cancel = state.dispatcher().to_callback().reform(|()| FormAction::Confirm(false));
    let question = format!(
        "Gửi báo cáo {} cho xã? Sau khi gửi, đơn vị không sửa được số liệu của kỳ này nữa.",
        props.period.label_vi().to_lowercase()
    );

    // While editing, messages sit in the action bar at the bottom, next to
    // the buttons that caused them: at the top they would be off screen.
    let notice = html! {
        <Notice flash={state.flash.clone()}>
            if state.conflict {
                <button type="button" class="button button-small" data-testid="reload" onclick={reload_latest}>{ "Tải lại" }</button>
            }
        </Notice>
    };
    html! {
        <section class="form-page">
            <Link<Route> to={Route::Home} classes="back">{ "‹ Quay lại" }</Link<Route>>
            <FormHead form={form.clone()} submission={sub.clone()} />
            if !editable { { notice.clone() } }
            if !own_unit {
                <p class="muted">{ "Chỉ xem: đơn vị khác nhập số liệu này." }</p>
            }
            <form class="fields" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())} novalidate=true>
                { for fields }
            </form>
            if editable {
                <div class="action-bar">
                    { notice }
                    <div class="actions">
                        <button type="button" class="button" data-testid="save-draft" disabled={state.busy} onclick={save}>{ "Lưu nháp" }</button>
                        <button type="button" class="button button-primary" data-testid="submit" disabled={state.busy} onclick={ask}>{ "Gửi báo cáo" }</button>
                    </div>
                </div>
            }
            if state.confirming {
                <ConfirmDialog message={question} confirm_label="Gửi báo cáo" on_confirm={confirm} on_cancel={cancel} />
            }
        </section>
    }
}
