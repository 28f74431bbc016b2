//! Plain-text tables that fit a given terminal width.
//!
//! Cells are measured in terminal columns (wide characters count twice), columns are padded to
//! line up, and when the table is wider than the width the widest columns give way first and
//! their cells are cut with `…`. No line of the result is ever wider than the width, so the
//! tables read the same in a 60-column terminal, a pipe or a snapshot test. Styles (colour,
//! bold) are applied after padding, so they never disturb the alignment and vanish when colour
//! is off.

use console::{Alignment, Style, measure_text_width, pad_str, truncate_str};

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One cell: its text and an optional style.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub style: Option<Style>,
}

impl Cell {
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell { text: text.into(), style: Some(style) }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Cell {
        Cell { text: text.into(), style: None }
    }
}

/// A table: headers, per-column alignment and rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<Cell>>,
    indent: usize,
    shrink_first: Vec<usize>,
}

/// Spaces between two columns.
const GAP: usize = 2;
/// A column is never squeezed below this many columns (or its widest cell, if narrower).
const MIN_COLUMN: usize = 4;

impl Table {
    /// A table with these column headers, all left-aligned until [`Table::align`] says otherwise.
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let aligns = vec![Align::Left; headers.len()];
        Table { headers, aligns, rows: Vec::new(), indent: 0, shrink_first: Vec::new() }
    }

    /// Sets the alignment of each column, in order.
    pub fn align(mut self, aligns: &[Align]) -> Table {
        for (slot, a) in self.aligns.iter_mut().zip(aligns) {
            *slot = *a;
        }
        self
    }

    /// Indents every line by `n` spaces.
    pub fn indent(mut self, n: usize) -> Table {
        self.indent = n;
        self
    }

    /// Names the columns (free text: cues, deck lists) that give way before any other when the
    /// table is too wide, so dates and numbers stay whole as long as possible.
    pub fn shrink_first(mut self, columns: &[usize]) -> Table {
        self.shrink_first = columns.to_vec();
        self
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    pub fn row<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) {
        let mut row: Vec<Cell> =
            cells.into_iter().map(Into::into).take(self.headers.len()).collect();
        row.resize_with(self.headers.len(), || Cell::from(""));
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The column widths that fit in `width` (after the indent).
    fn widths(&self, width: usize) -> Vec<usize> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| measure_text_width(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(measure_text_width(&cell.text));
            }
        }
        let floors: Vec<usize> = widths.iter().map(|w| (*w).min(MIN_COLUMN)).collect();
        let budget = width.saturating_sub(self.indent).saturating_sub(GAP * n.saturating_sub(1));
        // Shrink the widest column one step at a time, the shrink-first columns before the
        // others: the long free-text columns give way and the short numeric ones stay whole.
        while widths.iter().sum::<usize>() > budget {
            let widest_of = |first_only: bool| {
                widths
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| **w > floors[*i])
                    .filter(|(i, _)| !first_only || self.shrink_first.contains(i))
                    .max_by_key(|(i, w)| (**w, usize::MAX - *i))
                    .map(|(i, _)| i)
            };
            match widest_of(true).or_else(|| widest_of(false)) {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
        widths
    }

    /// Renders the table in at most `width` columns per line, one line per row after a header
    /// line, each line ending in `\n`.
    pub fn render(&self, width: usize) -> String {
        let widths = self.widths(width);
        let mut out = String::new();
        let header_style = Style::new().bold();
        let header: Vec<Cell> =
            self.headers.iter().map(|h| Cell::styled(h.clone(), header_style.clone())).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = " ".repeat(self.indent);
            let mut plain_width = self.indent;
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(GAP));
                    plain_width += GAP;
                }
                let align = match self.aligns[i] {
                    Align::Left => Alignment::Left,
                    Align::Right => Alignment::Right,
                };
                let cut = truncate_str(&cell.text, widths[i], "…");
                // The last left-aligned column is not padded: no trailing spaces.
                let padded = if i == last && align == Alignment::Left {
                    cut.into_owned()
                } else {
                    pad_str(&cut, widths[i], align, None).into_owned()
                };
                plain_width += measure_text_width(&padded);
                match &cell.style {
                    Some(style) => line.push_str(&style.apply_to(&padded).to_string()),
                    None => line.push_str(&padded),
                }
            }
            // Only when even the narrowest columns do not fit: cut the line itself.
            if plain_width > width {
                line = truncate_str(&line, width, "…").into_owned();
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(["topic", "facts", "recall"]).align(&[
            Align::Left,
            Align::Right,
            Align::Right,
        ]);
        t.row(["defence agreements", "12", "41%"]);
        t.row(["ancient india", "3", "100%"]);
        t
    }

    #[test]
    fn aligns_columns_at_natural_width() {
        console::set_colors_enabled(false);
        assert_eq!(
            sample().render(80),
            "topic               facts  recall\n\
             defence agreements     12     41%\n\
             ancient india           3    100%\n"
        );
    }

    #[test]
    fn cuts_the_widest_column_with_an_ellipsis() {
        console::set_colors_enabled(false);
        let out = sample().render(25);
        assert_eq!(
            out,
            "topic       facts  recall\n\
             defence a…     12     41%\n\
             ancient i…      3    100%\n"
        );
        assert!(out.lines().all(|l| measure_text_width(l) <= 25));
    }

    #[test]
    fn never_wider_than_the_width() {
        console::set_colors_enabled(false);
        let mut t = Table::new(["a very long header", "another long header", "x"]);
        t.row(["cell", "Communications Compatibility and Security Agreement", "y"]);
        for width in [5, 10, 20, 30, 60] {
            for line in t.render(width).lines() {
                assert!(measure_text_width(line) <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn wide_characters_count_twice() {
        console::set_colors_enabled(false);
        let mut t = Table::new(["word", "n"]).align(&[Align::Left, Align::Right]);
        t.row(["日本", "1"]);
        t.row(["ab", "22"]);
        assert_eq!(t.render(80), "word   n\n日本   1\nab    22\n");
    }

    #[test]
    fn shrink_first_columns_give_way_before_wider_ones() {
        console::set_colors_enabled(false);
        let mut t = Table::new(["started", "decks"]).shrink_first(&[1]);
        t.row(["2026-11-30 09:00", "polity economy"]);
        assert_eq!(t.render(24), "started           decks\n2026-11-30 09:00  polit…\n");
    }

    #[test]
    fn missing_cells_are_blank_and_indent_applies() {
        console::set_colors_enabled(false);
        let mut t = Table::new(["a", "b"]).indent(2);
        t.row(["x"]);
        assert_eq!(t.render(80), "  a  b\n  x\n");
    }

    proptest::proptest! {
        #[test]
        fn no_line_is_ever_wider_than_the_width(
            cells in proptest::collection::vec(
                proptest::collection::vec("[a-zé日 …]{0,30}", 4), 0..6),
            width in 1usize..120,
        ) {
            console::set_colors_enabled(false);
            let mut t = Table::new(["one", "two", "three", "four"])
                .align(&[Align::Left, Align::Right, Align::Left, Align::Right])
                .shrink_first(&[2]);
            for row in &cells {
                t.row(row.iter().cloned());
            }
            let out = t.render(width);
            proptest::prop_assert_eq!(out.lines().count(), cells.len() + 1);
            for line in out.lines() {
                proptest::prop_assert!(measure_text_width(line) <= width, "{width}: {line:?}");
            }
        }
    }
}
