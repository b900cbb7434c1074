//! One indicator's plan: the figure, the two marks, save and remove.

use tonghop_shared::api::{Indicator, Plan, PlanInput};
use tonghop_shared::validation;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmDialog;

/// What the row says after the user acted.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Stored.
    Saved,
    /// Refused, with why.
    Refused(String),
}

/// The message of a refused save: the server's words for the value, else
/// for any field, else the error's own sentence.
pub fn refusal(error: &ApiError) -> String {
    let fields = error.fields();
    fields.iter().find(|f| f.field == "value").or_else(|| fields.first()).map_or_else(|| error.message(), |f| f.message.clone())
}

/// What the user typed, checked as the server will: `Err` says why in Vietnamese.
pub fn parse(indicator: &Indicator, text: &str) -> Result<tonghop_shared::Amount, String> {
    match validation::parse_value(indicator, text) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err("Nhập số kế hoạch trước khi lưu".to_owned()),
        Err(e) => Err(e.message),
    }
}

/// Props of [`PlanRow`].
#[derive(Properties, PartialEq)]
pub struct PlanRowProps {
    /// The indicator.
    pub indicator: Indicator,
    /// Its stored plan, if any.
    pub plan: Option<Plan>,
    /// The unit planned for.
    pub unit_id: i64,
    /// The year.
    pub year: i32,
    /// A plan was stored.
    pub on_saved: Callback<Plan>,
    /// The plan with this id was removed.
    pub on_deleted: Callback<i64>,
}

/// Name and unit, the figure, "Chỉ tiêu Nghị quyết", "Chỉ đánh giá cuối năm",
/// "Xoá" and "Lưu", and what happened.
#[component]
pub fn PlanRow(props: &PlanRowProps) -> Html {
    let ind = &props.indicator;
    let stored_text = props.plan.as_ref().map(|p| p.value.format_vi_trimmed(ind.precision)).unwrap_or_default();
    let text = use_state(|| stored_text.clone());
    let resolution = use_state(|| props.plan.as_ref().is_some_and(|p| p.resolution_target));
    let year_end = use_state(|| props.plan.as_ref().is_some_and(|p| p.year_end_only));
    let outcome = use_state(|| None::<Outcome>);
    let busy = use_state(|| false);
    let confirming = use_state(|| false);

    let on_input = {
        let (text, outcome) = (text.clone(), outcome.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value());
            outcome.set(None);
        })
    };
    let toggle = |flag: &UseStateHandle<bool>| {
        let (flag, outcome) = (flag.clone(), outcome.clone());
        Callback::from(move |_: Event| {
            flag.set(!*flag);
            outcome.set(None);
        })
    };
    let save = {
        let (ind, text, resolution, year_end, outcome, busy) =
            (ind.clone(), text.clone(), resolution.clone(), year_end.clone(), outcome.clone(), busy.clone());
        let (unit_id, year, on_saved) = (props.unit_id, props.year, props.on_saved.clone());
        Callback::from(move |_: MouseEvent| {
            let value = match parse(&ind, &text) {
                Ok(value) => value,
                Err(why) => return outcome.set(Some(Outcome::Refused(why))),
            };
            let input = PlanInput { unit_id, indicator_id: ind.id, year, value, resolution_target: *resolution, year_end_only: *year_end };
            let (text, outcome, busy, on_saved, precision) = (text.clone(), outcome.clone(), busy.clone(), on_saved.clone(), ind.precision);
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::put_plan(&input).await {
                    Ok(plan) => {
                        text.set(plan.value.format_vi_trimmed(precision));
                        outcome.set(Some(Outcome::Saved));
                        on_saved.emit(plan);
                    }
                    Err(e) => outcome.set(Some(Outcome::Refused(refusal(&e)))),
                }
                busy.set(false);
            });
        })
    };
    let remove = {
        let (plan, outcome, busy, confirming) = (props.plan.clone(), outcome.clone(), busy.clone(), confirming.clone());
        let (text, resolution, year_end, on_deleted) = (text.clone(), resolution.clone(), year_end.clone(), props.on_deleted.clone());
        Callback::from(move |()| {
            confirming.set(false);
            let Some(id) = plan.as_ref().map(|p| p.id) else { return };
            let (outcome, busy, text, resolution, year_end, on_deleted) =
                (outcome.clone(), busy.clone(), text.clone(), resolution.clone(), year_end.clone(), on_deleted.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::delete_plan(id).await {
                    Ok(()) => {
                        text.set(String::new());
                        resolution.set(false);
                        year_end.set(false);
                        outcome.set(None);
                        on_deleted.emit(id);
                    }
                    Err(e) => outcome.set(Some(Outcome::Refused(e.message()))),
                }
                busy.set(false);
            });
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };

    let code = &ind.code;
    let id = format!("plan-{code}");
    let changed =
        props.plan.as_ref().is_none_or(|p| *text != stored_text || *resolution != p.resolution_target || *year_end != p.year_end_only);
    let state = match (&*outcome, &props.plan) {
        (Some(Outcome::Saved), _) => html! { <span class="plan-state plan-saved">{ "✓ Đã lưu" }</span> },
        (Some(Outcome::Refused(_)), _) => html! {},
        (None, Some(_)) if changed => html! { <span class="plan-state plan-changed">{ "Chưa lưu thay đổi" }</span> },
        (None, Some(_)) => html! { <span class="plan-state muted">{ "Đã có kế hoạch" }</span> },
        (None, None) => html! { <span class="plan-state muted">{ "Chưa có kế hoạch" }</span> },
    };
    let refused = match &*outcome {
        Some(Outcome::Refused(why)) => Some(why.clone()),
        _ => None,
    };
    html! {
        <li class={classes!("card", "plan-row", refused.is_some().then_some("field-invalid"))} data-testid={format!("plan-row-{code}")}>
            <label for={id.clone()} class="plan-name">{ &ind.name }<span class="field-unit">{ format!(" ({})", ind.unit_of_measure) }</span></label>
            <div class="plan-line">
                <input type="text" id={id} inputmode="decimal" autocomplete="off" data-testid={format!("plan-value-{code}")}
                    value={(*text).clone()} oninput={on_input} aria-invalid={refused.is_some().to_string()} />
                <button type="button" class="button button-primary" data-testid={format!("plan-save-{code}")} disabled={*busy} onclick={save}>
                    { "Lưu" }
                </button>
            </div>
            if let Some(why) = refused {
                <p class="field-error" role="alert" data-testid={format!("plan-error-{code}")}>{ why }</p>
            }
            <div class="plan-checks">
                <label class="check">
                    <input type="checkbox" data-testid={format!("plan-resolution-{code}")} checked={*resolution} onchange={toggle(&resolution)} />
                    { "Chỉ tiêu Nghị quyết" }
                </label>
                <label class="check">
                    <input type="checkbox" data-testid={format!("plan-year-end-{code}")} checked={*year_end} onchange={toggle(&year_end)} />
                    { "Chỉ đánh giá cuối năm" }
                </label>
            </div>
            <div class="plan-actions">
                <span data-testid={format!("plan-state-{code}")}>{ state }</span>
                if props.plan.is_some() {
                    <button type="button" class="button button-small" data-testid={format!("plan-delete-{code}")} disabled={*busy} onclick={ask}>
                        { "Xoá" }
                    </button>
                }
            </div>
            if *confirming {
                <ConfirmDialog message={format!("Xoá kế hoạch năm {} của chỉ tiêu «{}»?", props.year, ind.name)} confirm_label="Xoá"
                    confirm_testid="confirm-delete" on_confirm={remove} on_cancel={cancel} />
            }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use tonghop_shared::api::{Aggregation, ErrorBody};
    use tonghop_shared::{Amount, FieldError};

    use super::*;

    fn grain() -> Indicator {
        Indicator::new(1, "GRAIN_OUTPUT", "Sản lượng lương thực có hạt", "tấn", Aggregation::Flow, 1)
    }

    #[test]
    fn plans_are_typed_the_vietnamese_way() {
        assert_eq!(parse(&grain(), "1.936,5"), Ok(Amount::parse_vi("1936,5").unwrap()));
        assert!(parse(&grain(), "").unwrap_err().contains("Nhập số kế hoạch"));
        assert!(parse(&grain(), "45.7").unwrap_err().contains("Dấu chấm"));
        assert!(parse(&grain(), "-5").unwrap_err().contains("không được âm"));
        assert!(parse(&grain(), "1,25").unwrap_err().contains("1 chữ số"));
    }

    #[test]
    fn a_refusal_shows_the_servers_words_for_the_value() {
        let fields = vec![
            FieldError::new("year", "format", "Năm phải từ 2000 đến 2100"),
            FieldError::new("value", "below_min", "Số liệu không được âm"),
        ];
        let body = ErrorBody { code: "validation_failed".into(), message: String::new(), fields };
        let error = ApiError::Server { status: 422, body, retry_after: None };
        assert_eq!(refusal(&error), "Số liệu không được âm");
        assert_eq!(refusal(&ApiError::Network), crate::api::OFFLINE);
    }
}
