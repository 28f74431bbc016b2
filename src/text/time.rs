//! Times written the same way wherever they appear.

/// A countdown or a time used: `mm:ss`, or `h:mm:ss` from an hour up (`12:34`, `04:05`,
/// `1:02:03`). The exam screen's clock and the paper's result use it, so the two agree.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_pads_minutes_and_shows_hours_only_from_one_hour() {
        assert_eq!(clock(754), "12:34");
        assert_eq!(clock(245), "04:05");
        assert_eq!(clock(3723), "1:02:03");
    }
}
