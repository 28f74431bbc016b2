//! Colour as a value: a [`Palette`] says whether text is drawn in colour, and every style it
//! makes is forced on or off accordingly.
//!
//! Why not `console`'s own switch: a `console::Style` without `force_styling` asks a
//! process-wide flag (`console::colors_enabled`, one for stdout and one for stderr) each time it
//! is displayed, so what a renderer returned depended on who set that flag last, and `recall
//! study` had to set it again because its screen is on stderr. A palette is decided once at the
//! program's edge (`app`: the stream is a terminal, `NO_COLOR` unset, `TERM` not `dumb`) and
//! handed down, so a renderer's output is a function of its arguments, and tests pass
//! [`Palette::PLAIN`] instead of touching a global.
//!
//! Colour only repeats what the text already says (`✓`, `✗`, `≈` marks, words), so the plain
//! palette loses nothing but the colour.

use console::{Style, StyledObject};

/// Whether text is drawn in colour (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    color: bool,
}

/// What a piece of text means to the reader; the palette turns it into a colour, or into
/// nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Right, at or above the target: green.
    Good,
    /// Wrong, far below the target: red.
    Bad,
    /// Near miss, a little below the target, time running out: yellow.
    Warn,
    /// Hints and secondary text.
    Dim,
    /// Headings.
    Bold,
    /// Chart bars: cyan.
    Accent,
}

impl Palette {
    /// No colour: pipes, `NO_COLOR`, `TERM=dumb`, tests.
    pub const PLAIN: Palette = Palette { color: false };
    /// Colour.
    pub const COLOR: Palette = Palette { color: true };

    pub const fn new(color: bool) -> Palette {
        Palette { color }
    }

    /// Whether this palette draws colour (for code that builds text differently without it,
    /// and for libraries that take a flag, like the deck diagnostics).
    pub const fn is_color(self) -> bool {
        self.color
    }

    /// The style of `tone`, forced on or off by this palette. Further attributes added to it
    /// (`.bold()`) keep the force.
    pub fn style(self, tone: Tone) -> Style {
        let style = Style::new().force_styling(self.color);
        match tone {
            Tone::Good => style.green(),
            Tone::Bad => style.red(),
            Tone::Warn => style.yellow(),
            Tone::Dim => style.dim(),
            Tone::Bold => style.bold(),
            Tone::Accent => style.cyan(),
        }
    }

    /// `d` in `tone`.
    pub fn paint<D>(self, tone: Tone, d: D) -> StyledObject<D> {
        self.style(tone).apply_to(d)
    }

    pub fn good<D>(self, d: D) -> StyledObject<D> {
        self.paint(Tone::Good, d)
    }

    pub fn bad<D>(self, d: D) -> StyledObject<D> {
        self.paint(Tone::Bad, d)
    }

    pub fn warn<D>(self, d: D) -> StyledObject<D> {
        self.paint(Tone::Warn, d)
    }

    pub fn dim<D>(self, d: D) -> StyledObject<D> {
        self.paint(Tone::Dim, d)
    }

    pub fn bold<D>(self, d: D) -> StyledObject<D> {
        self.paint(Tone::Bold, d)
    }

    /// A result mark that reads without colour too: `✓`.
    pub fn mark_right(self) -> StyledObject<&'static str> {
        self.good("✓").bold()
    }

    /// `✗`.
    pub fn mark_wrong(self) -> StyledObject<&'static str> {
        self.bad("✗").bold()
    }

    /// `≈`: a near miss.
    pub fn mark_near(self) -> StyledObject<&'static str> {
        self.warn("≈").bold()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes do not depend on `console`'s process-wide switch: the colour palette draws
    /// colour with the switch off (as it is in a test run, and for stdout in a pipe while the
    /// screen on stderr is a terminal), and the plain palette draws none.
    #[test]
    fn the_palette_decides_not_the_global_switch() {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
        let colour = Palette::COLOR;
        assert_eq!(colour.mark_right().to_string(), "\u{1b}[32m\u{1b}[1m✓\u{1b}[0m");
        assert_eq!(colour.bold("Cards").to_string(), "\u{1b}[1mCards\u{1b}[0m");
        assert_eq!(colour.dim("hint").to_string(), "\u{1b}[2mhint\u{1b}[0m");
        assert_eq!(colour.good("[-x-]").bold().to_string(), "\u{1b}[32m\u{1b}[1m[-x-]\u{1b}[0m");
        assert_eq!(colour.style(Tone::Accent).apply_to("▆").to_string(), "\u{1b}[36m▆\u{1b}[0m");
        let plain = Palette::PLAIN;
        assert_eq!(plain.mark_wrong().to_string(), "✗");
        assert_eq!(plain.warn("Almost").bold().to_string(), "Almost");
        assert_eq!(plain.paint(Tone::Bad, 3).to_string(), "3");
    }

    #[test]
    fn marks_are_the_same_symbols_in_both_palettes() {
        for p in [Palette::PLAIN, Palette::COLOR] {
            let text = format!("{} {} {}", p.mark_right(), p.mark_wrong(), p.mark_near());
            assert_eq!(console::strip_ansi_codes(&text), "✓ ✗ ≈");
        }
    }
}
