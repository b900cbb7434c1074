//! A picker that steps through six-month periods, the usual span of an
//! activity section: `‹ 6 tháng đầu năm 2026 ›`. Which six months come
//! before and after, and whether one has begun, are `tonghop_shared`'s
//! rules ([`ReportPeriod::previous_half`], [`ReportPeriod::has_begun`]), the
//! server's own.

use tonghop_shared::{MonthPeriod, ReportPeriod};
use yew::prelude::*;

/// Props of [`HalfPicker`].
#[derive(Properties, PartialEq)]
pub struct HalfPickerProps {
    /// The period shown.
    pub period: ReportPeriod,
    /// The reporting month in progress: periods that have not begun by then
    /// cannot be written yet, and are not offered.
    pub current: MonthPeriod,
    /// Another period was chosen.
    pub on_change: Callback<ReportPeriod>,
}

/// `‹ 6 tháng đầu năm 2026 ›`.
#[component]
pub fn HalfPicker(props: &HalfPickerProps) -> Html {
    let period = props.period;
    let earlier = period.previous_half();
    let later = period.next_half().filter(|p| p.has_begun(props.current));
    let go = |to: Option<ReportPeriod>| {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = to {
                on_change.emit(to);
            }
        })
    };
    html! {
        <div class="period-picker">
            <button type="button" class="button button-icon" aria-label="Kỳ trước" data-testid="period-prev"
                disabled={earlier.is_none()} onclick={go(earlier)}>{ "‹" }</button>
            <span class="period-label" data-testid="period">{ period.label_vi() }</span>
            <button type="button" class="button button-icon" aria-label="Kỳ sau" data-testid="period-next"
                disabled={later.is_none()} onclick={go(later)}>{ "›" }</button>
        </div>
    }
}
