//! The real terminal: a choice menu and a line editor drawn in dialoguer's theme on stderr.
//!
//! Why not `dialoguer::Select` and `dialoguer::Input` themselves: `Select` has no number keys,
//! and both turn Ctrl-C into a SIGINT that kills the process with the cursor hidden. These two
//! widgets read keys with `console::Term::read_key_raw`, so Ctrl-C, Ctrl-D, Esc and `q` arrive
//! as keys and become a clean [`Reply::Quit`]: the caller then ends the session properly.
//! The other prompts (confirmations, fuzzy topic search in `recall add`) use dialoguer as is.
//!
//! Each prompt starts by discarding keys typed ahead (`tcflush`), so a key pressed for one
//! prompt never answers the next; and every line it draws is broken between words to fit the
//! terminal.
//!
//! Colour is the [`Palette`] the command passes: dialoguer's theme styles are forced on or off
//! by it, so the menus do not depend on `console`'s process-wide switch.

use std::fmt::Write as _;
use std::io::{self, Write as _};

use console::{Key, Style, StyledObject, Term, measure_text_width};
use dialoguer::theme::{ColorfulTheme, Theme};

use crate::session::{Prompter, Reply};
use crate::text::{self, Palette};

/// Prompts on the terminal's stderr, so stdout stays clean for pipes.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    palette: Palette,
}

impl TerminalPrompter {
    /// A prompter drawing in `palette` (stderr's colour).
    pub fn new(palette: Palette) -> TerminalPrompter {
        TerminalPrompter { term: Term::stderr(), theme: theme(palette), palette }
    }

    fn columns(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    /// Rows a line of text takes on screen once wrapped.
    fn rows(&self, line: &str) -> usize {
        let width = measure_text_width(line);
        width.div_ceil(self.columns()).max(1)
    }

    /// `line` as screen lines no wider than the terminal, broken between words (a word longer
    /// than a whole line is cut): a line that fits is left as it is; a longer one keeps its
    /// leading spaces, and its continuation lines start at column `under` (or under its first
    /// word, if that is further in). Without this the terminal broke long questions, options
    /// and feedback inside words (`ministri` / `es of defence`).
    fn fit(&self, line: &str, under: usize) -> Vec<String> {
        fit_line(line, self.columns(), under)
    }

    /// Writes `lines`, each followed by a newline, and returns the screen rows they took.
    fn draw_lines(&self, lines: &[String]) -> io::Result<usize> {
        let mut rows = 0;
        for line in lines {
            self.term.write_line(line)?;
            rows += self.rows(line);
        }
        Ok(rows)
    }
}

/// Throws away keys typed before the prompt about to be drawn: a key counts only for the
/// prompt on screen when it was pressed. Without this a second Enter, meant for the grade
/// menu, answered the next question with its first option. Keys are read from stdin when it
/// is a terminal, else from `/dev/tty` (as `console` does), so that is what is flushed. Best
/// effort: a terminal that cannot be flushed keeps its keys.
#[cfg(unix)]
fn discard_typed_ahead() {
    use rustix::termios::{QueueSelector, tcflush};
    use std::io::IsTerminal;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let _ = tcflush(&stdin, QueueSelector::IFlush);
    } else if let Ok(tty) = std::fs::File::open("/dev/tty") {
        let _ = tcflush(&tty, QueueSelector::IFlush);
    }
}

/// Elsewhere keys typed ahead are kept (no flush without `unsafe` there).
#[cfg(not(unix))]
fn discard_typed_ahead() {}

/// Columns kept free for the answer after a typed question that had to be broken.
const ANSWER_ROOM: usize = 30;

/// [`TerminalPrompter::fit`] at `width` columns.
fn fit_line(line: &str, width: usize, under: usize) -> Vec<String> {
    if measure_text_width(line) <= width {
        return vec![line.to_owned()];
    }
    let text = line.trim_start_matches(' ');
    let lead = &line[..line.len() - text.len()];
    text::wrap_prefixed(lead, text, width, &" ".repeat(under.max(lead.len())))
}

/// dialoguer's colourful theme with every style forced on or off by `palette`.
fn theme(palette: Palette) -> ColorfulTheme {
    let color = palette.is_color();
    let force = |s: Style| s.force_styling(color);
    let force_obj = |s: StyledObject<String>| s.force_styling(color);
    let t = ColorfulTheme::default();
    ColorfulTheme {
        defaults_style: force(t.defaults_style),
        prompt_style: force(t.prompt_style),
        prompt_prefix: force_obj(t.prompt_prefix),
        prompt_suffix: force_obj(t.prompt_suffix),
        // dialoguer marks an answered prompt with a green `✔`; in a quiz that reads as "right"
        // even beside a wrong answer, so the echo of an answer gets a neutral mark.
        success_prefix: force_obj(console::style("›".to_owned()).for_stderr().dim()),
        success_suffix: force_obj(t.success_suffix),
        error_prefix: force_obj(t.error_prefix),
        error_style: force(t.error_style),
        hint_style: force(t.hint_style),
        values_style: force(t.values_style),
        active_item_style: force(t.active_item_style),
        inactive_item_style: force(t.inactive_item_style),
        active_item_prefix: force_obj(t.active_item_prefix),
        inactive_item_prefix: force_obj(t.inactive_item_prefix),
        checked_item_prefix: force_obj(t.checked_item_prefix),
        unchecked_item_prefix: force_obj(t.unchecked_item_prefix),
        picked_item_prefix: force_obj(t.picked_item_prefix),
        unpicked_item_prefix: force_obj(t.unpicked_item_prefix),
        fuzzy_cursor_style: force(t.fuzzy_cursor_style),
        fuzzy_match_highlight_style: force(t.fuzzy_match_highlight_style),
    }
}

fn hint_line(count: usize, keys: &[char], lettered: bool) -> String {
    let mut hint = String::from("↑↓");
    if count > 1 && lettered {
        let last = char::from(b'a' + u8::try_from(count.min(9) - 1).unwrap_or(0));
        let _ = write!(hint, " or a-{last}");
    } else if count > 1 {
        let _ = write!(hint, " or 1-{}", count.min(9));
    }
    hint.push_str(" · Enter");
    for key in keys {
        let _ = write!(hint, " · {key} {}", key_name(*key));
    }
    hint.push_str(" · q quit");
    hint
}

/// Whether every item carries the exam's option letter in order (`(a) …`, `(b) …`): such
/// options are shown as they are, and answered by letter as well as by number.
fn is_lettered(items: &[String]) -> bool {
    items.len() <= 9
        && items.iter().enumerate().all(|(i, item)| {
            let letter = char::from(b'a' + i as u8);
            item.starts_with(&format!("({letter}) "))
        })
}

/// What a hot key does, for the hint line. Keys are chosen by the caller; these are the
/// conventional ones.
fn key_name(key: char) -> &'static str {
    match key {
        'u' => "undo",
        's' => "skip",
        'b' => "bury",
        'x' => "suspend",
        'e' => "edit",
        'm' => "mark",
        'n' => "next",
        'p' => "previous",
        'g' => "go to",
        'f' => "finish",
        _ => "",
    }
}

impl Prompter for TerminalPrompter {
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
        keys: &[char],
    ) -> io::Result<Reply<usize>> {
        if items.is_empty() {
            return Err(io::Error::other("nothing to choose from"));
        }
        let mut active = default.min(items.len() - 1);
        let lettered = is_lettered(items);
        discard_typed_ahead();
        self.term.hide_cursor()?;
        let result = (|| {
            let mut drawn = 0;
            loop {
                let mut lines = Vec::with_capacity(items.len() + 2);
                let mut head = String::new();
                self.theme.format_select_prompt(&mut head, prompt).map_err(io::Error::other)?;
                lines.extend(self.fit(&head, 2));
                let hint = self.fit(&hint_line(items.len(), keys, lettered), 0);
                lines.extend(hint.iter().map(|l| self.palette.dim(l).to_string()));
                for (i, item) in items.iter().enumerate() {
                    let mut line = String::new();
                    // Options that carry the exam's letters are shown as printed: `(b) 1 and
                    // 3 only`, not `2) (b) 1 and 3 only`.
                    let text = if lettered || i >= 9 {
                        format!("{}{item}", if lettered { "" } else { "   " })
                    } else {
                        format!("{}) {item}", i + 1)
                    };
                    self.theme
                        .format_select_prompt_item(&mut line, &text, i == active)
                        .map_err(io::Error::other)?;
                    // Under the option's text, past `❯ 1) ` (or `❯ (a) `).
                    lines.extend(self.fit(&line, if lettered { 6 } else { 5 }));
                }
                if drawn > 0 {
                    self.term.clear_last_lines(drawn)?;
                }
                drawn = self.draw_lines(&lines)?;
                let key = self.term.read_key_raw()?;
                let picked = match key {
                    Key::ArrowDown | Key::Tab | Key::Char('j') => {
                        active = (active + 1) % items.len();
                        None
                    }
                    Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                        active = (active + items.len() - 1) % items.len();
                        None
                    }
                    Key::Enter | Key::Char(' ') => Some(Reply::Answer(active)),
                    Key::Char(c @ '1'..='9') => {
                        let index = c as usize - '1' as usize;
                        (index < items.len()).then_some(Reply::Answer(index))
                    }
                    // A lettered option by its letter, unless the letter is a hot key here.
                    Key::Char(c @ 'a'..='i') if lettered && !keys.contains(&c) => {
                        let index = c as usize - 'a' as usize;
                        (index < items.len()).then_some(Reply::Answer(index))
                    }
                    Key::Escape | Key::CtrlC | Key::Char('q' | '\u{4}') => Some(Reply::Quit),
                    Key::Char(c) if keys.contains(&c.to_ascii_lowercase()) => {
                        Some(Reply::Key(c.to_ascii_lowercase()))
                    }
                    _ => None,
                };
                if let Some(reply) = picked {
                    self.term.clear_last_lines(drawn)?;
                    if let Reply::Answer(i) = reply {
                        let mut done = String::new();
                        self.theme
                            .format_select_prompt_selection(&mut done, prompt, &items[i])
                            .map_err(io::Error::other)?;
                        for line in self.fit(&done, 2) {
                            self.term.write_line(&line)?;
                        }
                    }
                    return Ok(reply);
                }
            }
        })();
        self.term.show_cursor()?;
        result
    }

    fn input(&mut self, prompt: &str, keys: &[char]) -> io::Result<Reply<String>> {
        discard_typed_ahead();
        let mut whole = String::new();
        self.theme.format_input_prompt(&mut whole, prompt, None).map_err(io::Error::other)?;
        // A prompt wider than the screen: its lines are written once, broken between words,
        // and the answer is typed after the last, or under it when too little room is left
        // there (a long answer still runs on to the next row as it is typed).
        let mut above = self.fit(whole.trim_end(), 2);
        let mut head = above.pop().unwrap_or_default();
        if whole.ends_with(' ') {
            head.push(' ');
        }
        let room = (self.columns() / 2).min(ANSWER_ROOM);
        if !above.is_empty() && measure_text_width(&head) + room > self.columns() {
            above.push(std::mem::replace(&mut head, "  ".to_owned()));
        }
        for line in &above {
            self.term.write_line(line)?;
        }
        // Takes the prompt's lines above the answer off the screen.
        let clear_above = |term: &Term| match above.len() {
            0 => Ok(()),
            n => term.clear_last_lines(n),
        };
        let mut text: Vec<char> = Vec::new();
        let mut pos = 0;
        let mut rows = 0;
        loop {
            // Redraw the prompt and the text, then put the cursor at `pos`.
            if rows > 0 {
                self.term.clear_line()?;
                if rows > 1 {
                    self.term.clear_last_lines(rows - 1)?;
                }
            }
            let shown: String = text.iter().collect();
            let line = format!("{head}{shown}");
            self.term.write_str(&line)?;
            rows = self.rows(&line);
            let after: String = text[pos..].iter().collect();
            let back = measure_text_width(&after);
            if back > 0 && rows == 1 {
                self.term.move_cursor_left(back)?;
            }
            self.term.flush()?;
            match self.term.read_key_raw()? {
                Key::Enter => {
                    self.term.clear_line()?;
                    if rows > 1 {
                        self.term.clear_last_lines(rows - 1)?;
                    }
                    clear_above(&self.term)?;
                    let answer: String = text.iter().collect();
                    match hot_key(&answer, keys) {
                        Some('q') => return Ok(Reply::Quit),
                        Some(key) => return Ok(Reply::Key(key)),
                        None => {}
                    }
                    let mut done = String::new();
                    self.theme
                        .format_input_prompt_selection(&mut done, prompt, &answer)
                        .map_err(io::Error::other)?;
                    for line in self.fit(&done, 2) {
                        self.term.write_line(&line)?;
                    }
                    return Ok(Reply::Answer(answer));
                }
                Key::Escape | Key::CtrlC | Key::Char('\u{4}') => {
                    self.term.write_line("")?;
                    return Ok(Reply::Quit);
                }
                Key::Backspace if pos > 0 => {
                    pos -= 1;
                    text.remove(pos);
                }
                Key::Del if pos < text.len() => {
                    text.remove(pos);
                }
                Key::ArrowLeft if pos > 0 => pos -= 1,
                Key::ArrowRight if pos < text.len() => pos += 1,
                Key::Home => pos = 0,
                Key::End => pos = text.len(),
                Key::Char('\u{15}') => {
                    // Ctrl-U: clear the line, as in a shell.
                    text.clear();
                    pos = 0;
                }
                Key::Char(c) if !c.is_control() => {
                    text.insert(pos, c);
                    pos += 1;
                }
                _ => {}
            }
        }
    }

    /// Each line of `text` as it is when it fits the screen, else broken between words under
    /// its own indent (the session lays its text out to a width already; this keeps a
    /// narrower terminal, or a message that was not laid out, from breaking words).
    fn show(&mut self, text: &str) -> io::Result<()> {
        let mut out = String::new();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&self.fit(line, 0).join("\n"));
        }
        self.term.write_line(&out)
    }
}

/// `:u` typed at a text prompt means the hot key `u`.
fn hot_key(answer: &str, keys: &[char]) -> Option<char> {
    let mut chars = answer.trim().strip_prefix(':')?.chars();
    let c = chars.next()?.to_ascii_lowercase();
    (chars.next().is_none() && (keys.contains(&c) || c == 'q')).then_some(c)
}

/// Makes a stray Ctrl-C or SIGTERM (outside our prompts, or from `kill`) leave the terminal
/// usable: the cursor is shown again and the process exits with 130. Answers need no saving
/// here because each one is committed as it is given.
pub fn install_interrupt_guard() {
    // Installing twice fails harmlessly (e.g. in tests); nothing else to do then.
    let _ = ctrlc::set_handler(|| {
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
        let _ = crate::out::stderr().flush();
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hot_keys_in_text() {
        assert_eq!(hot_key(":u", &['u', 's']), Some('u'));
        assert_eq!(hot_key(" :S ", &['u', 's']), Some('s'));
        assert_eq!(hot_key(":q", &[]), Some('q'));
        assert_eq!(hot_key(":x", &['u']), None);
        assert_eq!(hot_key("u", &['u']), None);
        assert_eq!(hot_key(":uu", &['u']), None);
    }

    /// The menus draw in the palette they are given, whatever `console`'s global switch says
    /// (it is off in tests).
    #[test]
    fn the_theme_follows_the_palette() {
        let item = |palette| {
            let mut line = String::new();
            theme(palette).format_select_prompt_item(&mut line, "1) LEMOA", true).unwrap();
            line
        };
        assert_eq!(item(Palette::PLAIN), "❯ 1) LEMOA");
        let coloured = item(Palette::COLOR);
        assert!(coloured.contains('\u{1b}'), "{coloured:?}");
        assert_eq!(console::strip_ansi_codes(&coloured), "❯ 1) LEMOA");
        let mut done = String::new();
        theme(Palette::PLAIN).format_input_prompt_selection(&mut done, "Answer", "x").unwrap();
        assert_eq!(done, "› Answer · x");
    }

    #[test]
    fn long_lines_break_between_words_under_their_indent() {
        let option = "  2) National Security Advisory Board of eminent persons from outside";
        assert_eq!(
            fit_line(option, 40, 5),
            ["  2) National Security Advisory Board of", "     eminent persons from outside"]
        );
        assert_eq!(fit_line("    Set up in April 2018 to bring the", 30, 0)[1], "    bring the");
        assert_eq!(fit_line("fits", 40, 2), ["fits"]);
    }

    #[test]
    fn hint_lists_keys() {
        assert_eq!(
            hint_line(4, &['u', 's'], false),
            "↑↓ or 1-4 · Enter · u undo · s skip · q quit"
        );
        // The exam's lettered options are answered by letter (numbers still work).
        assert_eq!(hint_line(4, &['u', 's'], true), "↑↓ or a-d · Enter · u undo · s skip · q quit");
        let lettered: Vec<String> =
            ["(a) 1 only", "(b) 2 only", "(c) Both", "(d) Neither"].map(String::from).to_vec();
        assert!(is_lettered(&lettered));
        assert!(!is_lettered(&["(b) x".to_owned(), "(a) y".to_owned()]));
        assert!(!is_lettered(&["Good · 3d".to_owned()]));
    }
}
