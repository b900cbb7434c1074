//! The "Tổng (tạm tính)" card: figures added up over the units that have sent.

use tonghop_shared::Amount;
use tonghop_shared::api::{Aggregation, Indicator, Submission};
use yew::prelude::*;

/// The sum of an indicator over the submitted units; `None` when nothing is
/// submitted yet or the indicator does not add up across units.
pub fn total(ind: &Indicator, submissions: &[Submission]) -> Option<Amount> {
    let sent: Vec<&Submission> = submissions.iter().filter(|s| s.status.received()).collect();
    match ind.aggregation {
        Aggregation::Flow | Aggregation::Stock if !sent.is_empty() => {
            let values = sent.iter().filter_map(|s| s.values.iter().find(|v| v.indicator_id == ind.id)?.value);
            Some(Amount::from_scaled(values.map(Amount::scaled).sum()))
        }
        _ => None,
    }
}

/// Props of [`TotalsCard`].
#[derive(Properties, PartialEq)]
pub struct TotalsCardProps {
    /// The form's indicators.
    pub indicators: Vec<Indicator>,
    /// Every unit's submission.
    pub submissions: Vec<Submission>,
}

/// Sums of the submitted figures (see [`total`]). Only flows and stocks add
/// up across units; a rate or a count of criteria does not, so those show
/// "—". It is provisional: the commune's report applies the full rules.
#[component]
pub fn TotalsCard(props: &TotalsCardProps) -> Html {
    let sent = props.submissions.iter().filter(|s| s.status.received()).count();
    let rows = props.indicators.iter().map(|ind| {
        let text = total(ind, &props.submissions).map_or_else(|| "—".to_owned(), |t| t.format_vi_trimmed(ind.precision));
        html! {
            <li class="figure" data-testid={format!("total-{}", ind.code)}>
                <span class="figure-name">{ &ind.name }</span>
                <span class="figure-value">{ text }<span class="figure-unit">{ format!(" {}", ind.unit_of_measure) }</span></span>
            </li>
        }
    });
    html! {
        <div class="card totals-card" data-testid="totals">
            <div class="card-title">{ "Tổng (tạm tính)" }</div>
            <div class="muted">{ format!("Cộng các đơn vị đã gửi ({sent}/{})", props.submissions.len()) }</div>
            <ul class="figures">{ for rows }</ul>
        </div>
    }
}
