//! A horizontal bar chart as server-rendered SVG: no script, prints, scales to a phone's width (it is drawn in a
//! fixed coordinate space and stretched by its `viewBox`). It is an image with a title and a description for
//! screen readers; every bar carries its label and figure as text, so colour carries no meaning of its own, and
//! the table next to it holds the same figures. Written here rather than with a charting crate: a bar chart is a
//! few rectangles and labels, and `view!` escapes every text as it does on any page.
use leptos::prelude::*;

/// One bar: its label, its figure, and a note written after the figure (a rate, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub note: String,
}

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 150;
const VALUE_ROOM: i64 = 150;
const ROW: i64 = 34;
const BAR: i64 = 22;

/// The chart; `id` makes the ids of its title and description unique on the page.
#[component]
pub fn BarChart(id: &'static str, title: String, desc: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let span = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    let height = ROW * bars.len() as i64 + 8;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));

    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=title_id.clone()
                aria-describedby=desc_id.clone()
                xmlns="http://www.w3.org/2000/svg"
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id.clone()>{title}</title>
                <desc id=desc_id.clone()>{desc}</desc>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, bar)| {
                        let y = 4 + ROW * i as i64;
                        // a bar of a non-zero figure is always visible
                        let length = if bar.value > 0 { (bar.value * span / max).max(2) } else { 0 };
                        let text_y = y + BAR / 2 + 5;
                        let figure = if bar.note.is_empty() { bar.value.to_string() } else { format!("{} ({})", bar.value, bar.note) };
                        view! {
                            <text x=LABEL_WIDTH - 8 y=text_y text-anchor="end" class="chart-label">{bar.label}</text>
                            <rect x=LABEL_WIDTH y=y width=length height=BAR class="chart-bar" />
                            <text x=LABEL_WIDTH + length + 6 y=text_y class="chart-value">{figure}</text>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
