//! The overview charts: horizontal bars drawn as inline SVG, so the page needs no
//! script library and looks the same with scripts off.

use std::fmt::Write as _;

use super::escape;

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The text left of the bar.
    pub label: String,
    /// Its length, relative to the longest bar.
    pub value: usize,
    /// CSS class that colours it, such as `error` or `pass`.
    pub class: &'static str,
}

const WIDTH: usize = 520;
const LABEL: usize = 170;
const ROW: usize = 24;
const BAR: usize = 16;

/// An SVG with one bar per entry, in the given order, each labelled with its
/// value; `title` names the chart for screen readers. No bars: a one-line note.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return format!(
            "<p class=\"chart-empty\">{}: nothing to show</p>",
            escape::html(title)
        );
    }
    let longest = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let room = WIDTH - LABEL - 50;
    let height = bars.len() * ROW + 4;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\"><title>{}</title>",
        escape::html(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 2;
        let length = (bar.value * room)
            .div_ceil(longest)
            .max(usize::from(bar.value > 0) * 2);
        let text_y = y + BAR - 3;
        let _ = write!(
            out,
            "<g class=\"bar {class}\"><text class=\"label\" x=\"{x}\" y=\"{text_y}\" \
             text-anchor=\"end\">{label}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{length}\" \
             height=\"{BAR}\" rx=\"2\"></rect><text class=\"value\" x=\"{vx}\" \
             y=\"{text_y}\">{value}</text></g>",
            class = bar.class,
            x = LABEL - 8,
            label = escape::html(&bar.label),
            vx = LABEL + length + 6,
            value = bar.value,
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_bar_fills_the_room_and_labels_are_escaped() {
        let svg = bars(
            "t",
            &[
                Bar {
                    label: "<a>".into(),
                    value: 4,
                    class: "error",
                },
                Bar {
                    label: "b".into(),
                    value: 1,
                    class: "warning",
                },
            ],
        );
        assert!(svg.contains("width=\"300\""));
        assert!(svg.contains("width=\"75\""));
        assert!(svg.contains("&lt;a&gt;"));
    }
}
