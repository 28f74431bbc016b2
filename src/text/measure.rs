//! Text measured and cut in terminal columns, not bytes or chars: a wide character (`日`)
//! takes two columns, a combining accent none, and colour codes none at all, so styled text
//! measures the same as plain.

/// The columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    console::measure_text_width(text)
}

/// `text` cut to at most `width` columns, ending in `…` when cut; styles are kept intact.
pub fn fit(text: &str, width: usize) -> String {
    console::truncate_str(text, width, "…").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Palette;

    #[test]
    fn wide_characters_count_twice_and_styles_not_at_all() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width(&Palette::COLOR.bold("Cards").to_string()), 5);
        assert_eq!(fit("Communications", 6), "Commu…");
        assert_eq!(fit("short", 6), "short");
        let cut = fit(&Palette::COLOR.bold("Weakest facts").to_string(), 8);
        assert_eq!(console::strip_ansi_codes(&cut), "Weakest…");
    }
}
