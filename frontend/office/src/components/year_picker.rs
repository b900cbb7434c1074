//! Choosing a year with "previous" and "next" buttons.

use yew::prelude::*;

/// Props of [`YearPicker`].
#[derive(Properties, PartialEq)]
pub struct YearPickerProps {
    /// The year shown.
    pub year: i32,
    /// The latest year offered.
    pub max: i32,
    /// Another year was chosen.
    pub on_change: Callback<i32>,
}

/// `‹  Năm 2026  ›`.
#[component]
pub fn YearPicker(props: &YearPickerProps) -> Html {
    let year = props.year;
    let previous = props.on_change.reform(move |_: MouseEvent| year - 1);
    let next = props.on_change.reform(move |_: MouseEvent| year + 1);
    html! {
        <div class="period-picker year-picker">
            <button type="button" class="button button-icon" aria-label="Năm trước" data-testid="year-prev"
                disabled={year <= 2000} onclick={previous}>
                { "‹" }
            </button>
            <span class="period-label" data-testid="year">{ format!("Năm {year}") }</span>
            <button type="button" class="button button-icon" aria-label="Năm sau" data-testid="year-next"
                disabled={year >= props.max} onclick={next}>
                { "›" }
            </button>
        </div>
    }
}
