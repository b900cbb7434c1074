//! Choosing a reporting month with "previous" and "next" buttons: easier
//! with a thumb than a date picker, and months are all there is to choose.

use tonghop_shared::MonthPeriod;
use yew::prelude::*;

/// Props of [`PeriodPicker`].
#[derive(Properties, PartialEq)]
pub struct PeriodPickerProps {
    /// The month shown.
    pub period: MonthPeriod,
    /// Another month was chosen.
    pub on_change: Callback<MonthPeriod>,
}

/// `‹  Tháng 6/2026  ›`.
#[component]
pub fn PeriodPicker(props: &PeriodPickerProps) -> Html {
    let period = props.period;
    let previous = props.on_change.reform(move |_: MouseEvent| period.previous());
    let next = props.on_change.reform(move |_: MouseEvent| period.next());
    html! {
        <div class="period-picker">
            <button type="button" class="button button-icon" aria-label="Tháng trước" data-testid="period-prev" onclick={previous}>
                { "‹" }
            </button>
            <span class="period-label" data-testid="period">{ period.label_vi() }</span>
            <button type="button" class="button button-icon" aria-label="Tháng sau" data-testid="period-next" onclick={next}>
                { "›" }
            </button>
        </div>
    }
}
