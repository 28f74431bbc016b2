//! Text charts: a sparkline, a column chart and a calendar heatmap.
//!
//! Each draws with Unicode block characters whose shape carries the information, so the charts
//! read the same without colour (`NO_COLOR`, pipes, snapshot tests); colour, where used, only
//! repeats what the shapes already say. They take plain numbers and dates and return strings.

use console::Style;
use jiff::civil::Date;

/// The eight heights of a sparkline or a column top, lowest first.
const EIGHTHS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per value, `▁` for `lo` up to `█` for `hi`; `None` (no data) is a space.
/// Values outside the range are clamped.
pub fn sparkline(values: &[Option<f64>], lo: f64, hi: f64) -> String {
    let span = hi - lo;
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if !v.is_finite() => ' ',
            Some(v) => {
                let t = if span > 0.0 { ((v - lo) / span).clamp(0.0, 1.0) } else { 1.0 };
                // t is in 0..=1, so the index is in 0..=7.
                EIGHTHS[(t * 7.0).round() as usize]
            }
        })
        .collect()
}

/// A vertical column chart: one column per value, `height` rows tall, the y axis labelled with
/// 0 and the largest value, and `x_labels` (index, text) written under the columns they name
/// when they do not overlap the previous label. Columns are two characters wide when that fits
/// in `width`, else one. Values that do not fit in `width` at all are left off the right end.
pub fn column_chart(
    values: &[u64],
    x_labels: &[(usize, String)],
    height: usize,
    width: usize,
) -> String {
    let height = height.max(1);
    let max = values.iter().copied().max().unwrap_or(0);
    let axis_width = max.to_string().len();
    let prefix = axis_width + 2;
    let room = width.saturating_sub(prefix);
    let col = if values.len() * 2 <= room { 2 } else { 1 };
    let shown = values.len().min(room / col);
    let values = &values[..shown];

    let mut out = String::new();
    let bar = Style::new().cyan();
    for row in (0..height).rev() {
        let label = if row == height - 1 { max.to_string() } else { String::new() };
        let tick = if row == height - 1 { '┤' } else { '│' };
        let mut line = format!("{label:>axis_width$} {tick}");
        let mut bars = String::new();
        for &v in values {
            // Eighths of a row filled by this column; a non-zero value shows at least `▁`.
            let eighths = if max == 0 {
                0
            } else {
                let e = (v as f64 / max as f64 * (height * 8) as f64).round() as usize;
                if v > 0 { e.max(1) } else { 0 }
            };
            let here = eighths.saturating_sub(row * 8).min(8);
            bars.push(if here == 0 { ' ' } else { EIGHTHS[here - 1] });
            if col == 2 {
                bars.push(' ');
            }
        }
        line.push_str(&bar.apply_to(bars.trim_end()).to_string());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{:>axis_width$} └{}\n", 0, "─".repeat(shown * col)));
    let mut labels = String::new();
    let mut used = 0;
    for (index, text) in x_labels {
        if *index >= shown {
            continue;
        }
        let at = prefix + index * col;
        let len = console::measure_text_width(text);
        if at < used || at + len > width {
            continue;
        }
        labels.push_str(&" ".repeat(at - used));
        labels.push_str(text);
        used = at + len + 1;
        labels.push(' ');
    }
    out.push_str(labels.trim_end());
    out.push('\n');
    out
}

/// The shades of a heatmap cell: `·` for none, then four levels by quantile.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// The upper bound of each of the four shade levels (`░▒▓█`) for these counts, by quartile of
/// the non-zero counts; `None` for a level no count falls in. When quartiles coincide the
/// higher level keeps the value, so the busiest day is always `█`.
pub fn shade_bounds(counts: &[u32]) -> [Option<u32>; 4] {
    let mut nonzero: Vec<u32> = counts.iter().copied().filter(|c| *c > 0).collect();
    if nonzero.is_empty() {
        return [None; 4];
    }
    nonzero.sort_unstable();
    let n = nonzero.len();
    let quartile = |level: usize| nonzero[(level * n).div_ceil(4) - 1];
    let mut bounds = [None; 4];
    bounds[3] = Some(quartile(4));
    for level in (1..4).rev() {
        let q = quartile(level);
        let above = bounds[level..].iter().flatten().next().copied();
        if above != Some(q) {
            bounds[level - 1] = Some(q);
        }
    }
    bounds
}

/// The shade index (0 = `·`, 1..=4 = `░▒▓█`) of `count` under `bounds`.
fn shade(count: u32, bounds: &[Option<u32>; 4]) -> usize {
    if count == 0 {
        return 0;
    }
    bounds.iter().position(|b| b.is_some_and(|b| count <= b)).map_or(4, |i| i + 1)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A calendar heatmap: weekdays down (Mon–Sun), weeks across, month names on top and a legend
/// with the counts each shade stands for. `counts[i]` is the count of day `first + i`; the last
/// day given is "today" and ends the last column. At most `weeks` columns are drawn, fewer when
/// `width` is too narrow (two characters per week after a four-character weekday label).
pub fn heatmap(first: Date, counts: &[u32], weeks: usize, width: usize) -> String {
    let Some(last) = offset(first, counts.len() as i64 - 1) else {
        return String::new();
    };
    let weeks = weeks.min(width.saturating_sub(4) / 2).max(1);
    let last_monday = offset(last, -i64::from(last.weekday().to_monday_zero_offset()));
    let Some(start) = last_monday.and_then(|m| offset(m, -7 * (weeks as i64 - 1))) else {
        return String::new();
    };
    let count_on = |d: Date| -> Option<u32> {
        let i = (d - first).get_days();
        if i < 0 { None } else { counts.get(i as usize).copied() }
    };
    let shown: Vec<u32> =
        (0..weeks * 7).filter_map(|i| offset(start, i as i64)).filter_map(count_on).collect();
    let bounds = shade_bounds(&shown);

    // Month names over the week in which the month's 1st falls (the week whose Sunday is in
    // a new month); the first column is named after its month unless a new month's name
    // follows right away and would collide with it.
    let mut header = String::from("    ");
    let mondays: Vec<Date> = (0..weeks).filter_map(|w| offset(start, 7 * w as i64)).collect();
    let month_of = |monday: &Date| offset(*monday, 6).map_or(monday.month(), |d| d.month());
    for (w, monday) in mondays.iter().enumerate() {
        let labelled = match w {
            0 => mondays.get(1).is_none_or(|next| month_of(next) == month_of(monday)),
            _ => month_of(&mondays[w - 1]) != month_of(monday),
        };
        let at = 4 + 2 * w;
        // The header is ASCII, so its byte length is its width; keep a space between names.
        let free_from = if header.len() > 4 { header.len() + 1 } else { 4 };
        if labelled && at >= free_from && at + 3 <= width {
            header.push_str(&" ".repeat(at - header.len()));
            header.push_str(MONTHS[(month_of(monday) - 1) as usize]);
        }
    }

    let mut out = header.trim_end().to_owned();
    out.push('\n');
    let styles = [
        Style::new().dim(),
        Style::new().green(),
        Style::new().green(),
        Style::new().green().bold(),
        Style::new().green().bold(),
    ];
    for (row, name) in WEEKDAYS.iter().enumerate() {
        let mut line = format!("{name} ");
        for monday in &mondays {
            let day = offset(*monday, row as i64);
            match day.and_then(|d| if d > last { None } else { count_on(d) }) {
                Some(c) => {
                    let s = shade(c, &bounds);
                    line.push_str(&styles[s].apply_to(SHADES[s]).to_string());
                    line.push(' ');
                }
                None => line.push_str("  "),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&legend(&bounds));
    out.push('\n');
    out
}

/// "less ·░▒▓█ more  · 0  ░ 1–2  ▒ 3  ▓ 4–6  █ 7–12": the shades and the counts they stand for.
fn legend(bounds: &[Option<u32>; 4]) -> String {
    let mut out = String::from("less ·░▒▓█ more   · 0");
    let mut low = 1;
    for (level, bound) in bounds.iter().enumerate() {
        if let Some(high) = bound {
            let range = if *high == low { high.to_string() } else { format!("{low}–{high}") };
            out.push_str(&format!("  {} {range}", SHADES[level + 1]));
            low = high + 1;
        }
    }
    out
}

/// `date` moved by `days`, or `None` past the calendar's ends.
fn offset(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn sparkline_maps_the_range_to_eight_heights() {
        let v = [Some(0.0), Some(0.5), Some(1.0), None, Some(2.0), Some(-1.0)];
        assert_eq!(sparkline(&v, 0.0, 1.0), "▁▅█ █▁");
        assert_eq!(sparkline(&[Some(3.0)], 3.0, 3.0), "█");
    }

    #[test]
    fn shade_bounds_follow_quartiles_and_keep_the_top_for_the_busiest_day() {
        // Non-zero counts 1..=8: quartile ends at 2, 4, 6, 8.
        let counts = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(shade_bounds(&counts), [Some(2), Some(4), Some(6), Some(8)]);
        assert_eq!(shade(0, &shade_bounds(&counts)), 0);
        assert_eq!(shade(3, &shade_bounds(&counts)), 2);
        assert_eq!(shade(8, &shade_bounds(&counts)), 4);
        // All the same: every active day is the darkest shade.
        assert_eq!(shade_bounds(&[5, 5, 0]), [None, None, None, Some(5)]);
        assert_eq!(shade_bounds(&[1, 1, 1, 5]), [None, None, Some(1), Some(5)]);
        assert_eq!(shade_bounds(&[0, 0]), [None; 4]);
    }

    #[test]
    fn heatmap_snapshot() {
        console::set_colors_enabled(false);
        // Three weeks ending Wednesday 2026-12-02; counts 1..=17 with a gap.
        let first = date(2026, 11, 16); // a Monday
        let counts: Vec<u32> = (0..17).map(|i| if i == 3 { 0 } else { i }).collect();
        let out = heatmap(first, &counts, 3, 60);
        let expected = [
            "    Nov Dec",
            "Mon · ▒ █",
            "Tue ░ ▒ █",
            "Wed ░ ▒ █",
            "Thu · ▓",
            "Fri ░ ▓",
            "Sat ░ ▓",
            "Sun ▒ ▓",
            "less ·░▒▓█ more   · 0  ░ 1–5  ▒ 6–9  ▓ 10–13  █ 14–16",
            "",
        ]
        .join("\n");
        assert_eq!(out, expected);
    }

    #[test]
    fn heatmap_fits_the_width_by_dropping_old_weeks() {
        console::set_colors_enabled(false);
        let first = date(2026, 6, 1);
        let counts = vec![1; 185];
        for width in [30, 60, 80] {
            let out = heatmap(first, &counts, 26, width);
            let grid_width = out.lines().nth(1).map(console::measure_text_width).unwrap();
            assert!(grid_width <= width, "{width}: {out}");
        }
        // 26 weeks need 4 + 2 * 26 = 56 columns: all shown at 60.
        let out = heatmap(first, &counts, 26, 60);
        assert_eq!(out.lines().nth(1).unwrap().chars().filter(|c| *c == '█').count(), 26);
    }

    #[test]
    fn column_chart_snapshot() {
        console::set_colors_enabled(false);
        let values = [8, 4, 0, 1, 2];
        let labels = vec![(0, "today".to_owned()), (3, "+3".to_owned())];
        let out = column_chart(&values, &labels, 2, 40);
        let expected = ["8 ┤█", "  │█ █   ▂ ▄", "0 └──────────", "   today +3", ""].join("\n");
        assert_eq!(out, expected);
    }
}
