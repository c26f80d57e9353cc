//! The overview charts: horizontal bars drawn as inline SVG, so the page needs no
//! script library and looks the same with scripts off.

use std::fmt::Write as _;

use super::escape;

/// One bar, made of coloured parts laid end to end.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The text left of the bar.
    pub label: String,
    /// Its parts, each a count and the CSS class that colours it (`error`, `pass`).
    pub parts: Vec<(usize, &'static str)>,
}

impl Bar {
    /// The sum of its parts: the number written after it.
    pub fn total(&self) -> usize {
        self.parts.iter().map(|(n, _)| n).sum()
    }
}

const WIDTH: usize = 520;
const LABEL: usize = 170;
const ROW: usize = 24;
const HEIGHT: usize = 16;

/// An SVG with one bar per entry, in the given order, each labelled with its
/// total; `title` names the chart for screen readers. No bars: a one-line note.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return format!(
            "<p class=\"chart-empty\">{}: nothing to show</p>",
            escape::html(title)
        );
    }
    let longest = bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
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
        let text_y = y + HEIGHT - 3;
        let _ = write!(
            out,
            "<g class=\"bar\"><text class=\"label\" x=\"{}\" y=\"{text_y}\" \
             text-anchor=\"end\">{}</text>",
            LABEL - 8,
            escape::html(&bar.label)
        );
        // Each part ends where the running total ends, so rounding never adds up
        // to more than the whole bar.
        let mut done = 0;
        let mut x = LABEL;
        for (value, class) in bar.parts.iter().filter(|(n, _)| *n > 0) {
            done += value;
            let end = LABEL + (done * room).div_ceil(longest).max(2);
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{HEIGHT}\">\
                 <title>{value} {class}</title></rect>",
                end - x
            );
            x = end;
        }
        let _ = write!(
            out,
            "<text class=\"value\" x=\"{}\" y=\"{text_y}\">{}</text></g>",
            x + 6,
            bar.total()
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
                    parts: vec![(3, "error"), (1, "warning")],
                },
                Bar {
                    label: "b".into(),
                    parts: vec![(0, "error"), (1, "warning")],
                },
            ],
        );
        assert!(svg.contains("class=\"error\" x=\"170\" y=\"2\" width=\"225\""));
        assert!(svg.contains("class=\"warning\" x=\"395\" y=\"2\" width=\"75\""));
        assert!(svg.contains("class=\"warning\" x=\"170\" y=\"26\" width=\"75\""));
        assert!(svg.contains("&lt;a&gt;"));
        assert!(!svg.contains("<a>"));
    }
}
