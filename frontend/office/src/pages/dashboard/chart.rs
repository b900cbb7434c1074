//! An indicator month by month, this year beside last year: a bar chart
//! drawn as inline SVG, 340 px wide, with nothing to download.

use tonghop_shared::Amount;
use tonghop_shared::api::Trend;
use yew::prelude::*;

/// Width of the drawing, in CSS pixels.
pub const WIDTH: f64 = 340.0;
/// Height of the drawing.
pub const HEIGHT: f64 = 200.0;
/// Room for the figures of the vertical axis.
const LEFT: f64 = 46.0;
const RIGHT: f64 = 4.0;
const TOP: f64 = 10.0;
/// Room for the month numbers.
const BOTTOM: f64 = 22.0;
/// Width of one bar; two bars and a gap per month.
const BAR: f64 = 9.0;

/// The vertical axis: from 0 to `max`, a line every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The top of the axis, a round number at or above every value.
    pub max: f64,
    /// Between two grid lines.
    pub step: f64,
}

impl Scale {
    /// A round axis over values up to `largest`, with four or five steps:
    /// 331,5 gives 0 to 400 by 100.
    pub fn fit(largest: f64) -> Scale {
        if largest.is_nan() || largest <= 0.0 {
            return Scale { max: 1.0, step: 0.25 };
        }
        let rough = largest / 4.0;
        let magnitude = 10_f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|f| f * magnitude).find(|s| *s >= rough).unwrap_or(10.0 * magnitude);
        Scale { max: (largest / step).ceil() * step, step }
    }

    /// The grid values from 0 to `max`.
    pub fn ticks(self) -> Vec<f64> {
        let n = (self.max / self.step).round() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    /// The height of the plot area a value takes.
    pub fn y(self, value: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - value.max(0.0) / self.max)
    }
}

/// The width of one month's slot.
fn slot() -> f64 {
    (WIDTH - LEFT - RIGHT) / 12.0
}

/// Left edge of a bar: `series` 0 is this year, 1 last year.
pub fn bar_x(month: u32, series: u32) -> f64 {
    let centre = LEFT + slot() * (f64::from(month) - 0.5);
    centre - BAR - 1.0 + f64::from(series) * (BAR + 2.0)
}

/// Centre of a month's slot, under which its number is written.
pub fn month_x(month: u32) -> f64 {
    LEFT + slot() * (f64::from(month) - 0.5)
}

fn num(x: f64) -> String {
    format!("{x:.1}")
}

/// Props of [`TrendChart`].
#[derive(Properties, PartialEq)]
pub struct TrendChartProps {
    /// Twelve months of this year and last.
    pub trend: Trend,
}

/// Bars in the app's blue for this year, grey for last year, months 1–12
/// under them, the legend below.
#[component]
pub fn TrendChart(props: &TrendChartProps) -> Html {
    let trend = &props.trend;
    let ind = &trend.indicator;
    let values = trend.points.iter().flat_map(|p| [p.actual, p.last_year]).flatten().map(Amount::to_f64);
    let scale = Scale::fit(values.fold(0.0, f64::max));
    let base = scale.y(0.0);
    let grid = scale.ticks().into_iter().map(|t| {
        let y = num(scale.y(t));
        let label = Amount::from_f64(t).map(|a| a.format_vi_trimmed(2)).unwrap_or_default();
        html! {
            <g class="chart-grid">
                <line x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={y.clone()} y2={y.clone()} />
                <text x={num(LEFT - 4.0)} y={y} dy="0.32em" text-anchor="end">{ label }</text>
            </g>
        }
    });
    let bars = trend.points.iter().flat_map(|p| {
        [(0, p.actual, trend.year), (1, p.last_year, trend.year - 1)].into_iter().filter_map(move |(series, value, year)| {
            let value = value?;
            let y = scale.y(value.to_f64());
            let title = format!("Tháng {}/{year}: {} {}", p.month, value.format_vi_trimmed(ind.precision), ind.unit_of_measure);
            Some(html! {
                <rect class={if series == 0 { "bar-this" } else { "bar-last" }} x={num(bar_x(p.month, series))} y={num(y)}
                    width={num(BAR)} height={num((base - y).max(0.0))}>
                    <title>{ title }</title>
                </rect>
            })
        })
    });
    let months = (1..=12).map(|m| html! { <text x={num(month_x(m))} y={num(HEIGHT - 6.0)} text-anchor="middle">{ m }</text> });
    let label = format!("{} theo tháng, năm {} so với năm {}", ind.name, trend.year, trend.year - 1);
    html! {
        <figure class="chart" data-testid="trend-chart">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width={num(WIDTH)} height={num(HEIGHT)} role="img" aria-label={label}>
                { for grid }
                <line class="chart-axis" x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={num(base)} y2={num(base)} />
                { for bars }
                <g class="chart-months">{ for months }</g>
            </svg>
            <figcaption class="chart-legend" data-testid="trend-legend">
                <span class="chart-unit">{ format!("Đơn vị: {} · tháng", ind.unit_of_measure) }</span>
                <span><span class="swatch swatch-this" aria-hidden="true"></span>{ format!("Năm {}", trend.year) }</span>
                <span><span class="swatch swatch-last" aria-hidden="true"></span>{ format!("Năm {}", trend.year - 1) }</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_round_and_covers_every_value() {
        assert_eq!(Scale::fit(331.5), Scale { max: 400.0, step: 100.0 });
        assert_eq!(Scale::fit(400.0), Scale { max: 400.0, step: 100.0 });
        assert_eq!(Scale::fit(7.0), Scale { max: 8.0, step: 2.0 });
        assert_eq!(Scale::fit(0.0), Scale { max: 1.0, step: 0.25 });
        assert_eq!(Scale::fit(12_345.0).ticks(), [0.0, 5_000.0, 10_000.0, 15_000.0]);
        for largest in [0.3, 1.0, 9.9, 45.7, 1_936.5, 98_765.0] {
            let s = Scale::fit(largest);
            assert!(s.max >= largest && (4..=6).contains(&s.ticks().len()), "{largest}: {s:?}");
        }
    }

    #[test]
    fn values_map_into_the_plot_area() {
        let s = Scale::fit(331.5);
        assert_eq!(s.y(0.0), HEIGHT - BOTTOM);
        assert_eq!(s.y(400.0), TOP);
        assert!(s.y(-5.0) <= HEIGHT - BOTTOM);
    }

    #[test]
    fn twelve_months_of_two_bars_fit_in_340_px() {
        assert!(bar_x(1, 0) >= LEFT);
        assert!(bar_x(12, 1) + BAR <= WIDTH - RIGHT);
        for m in 1..12 {
            assert!(bar_x(m, 1) + BAR < bar_x(m + 1, 0), "month {m} overlaps the next");
            assert!(bar_x(m, 0) + BAR < bar_x(m, 1));
        }
    }
}
