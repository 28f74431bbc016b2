//! The exam screen: a paper under exam conditions with a countdown that keeps ticking.
//!
//! [`super::TerminalPrompter`] blocks in `read_key_raw` until a key comes, so a clock drawn by
//! it would stand still. Here a key-reader thread reads keys on request and sends them over a
//! channel, and the draw loop waits with `recv_timeout` until the next whole second, redrawing
//! the header `[Q 7/25] ⏱ 12:34 left · answered 5 · marked 2` each time.
//!
//! The reader reads one key per request, never ahead: the terminal is in raw mode only while a
//! read is pending, so when the paper ends by a key the terminal is back to normal at once.
//! When it ends by time-out a read is still pending; [`ExamScreen::wait_key`] then consumes it
//! ("press any key to see your result") so the terminal is never left raw.
//!
//! Nothing on screen says whether an answer is right. Drawing follows `terminal.rs`: stderr,
//! dialoguer's `❯` pointer, dim hints, and text that reads the same without colour. The text
//! (wrapping, the clock, styles) comes from the text layer, in the palette the command passes;
//! this module uses `paper` (the sitting) and `text`, and `paper` never uses it.
//!
//! [`TerminalDesk`] is the paper flow's [`Desk`] on the terminal.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use console::{Key, Term};

use super::TerminalPrompter;
use crate::paper::flow::Desk;
use crate::paper::render::{self, Brief};
use crate::paper::{Change, End, PaperQuestion, Sitting};
use crate::session::{Prompter, Reply};
use crate::text::{self, Palette, clock, wrap, wrap_prefixed};

/// The terminal screen a paper is sat on.
pub struct ExamScreen {
    term: Term,
    palette: Palette,
    ask: Sender<()>,
    keys: Receiver<io::Result<Key>>,
    /// A key read has been requested and not yet received.
    pending: bool,
    /// The alternate screen is shown (left again on [`ExamScreen::leave`] or drop).
    alternate: bool,
}

/// What is on screen besides the question.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Mode {
    Question,
    /// Typing a question number to go to.
    GoTo(String),
    /// The list of blank and marked questions before submitting.
    Review,
    /// "Leave the paper?": submit or abandon.
    Quit,
}

impl ExamScreen {
    /// Starts the key reader (it reads nothing until asked); the screen is drawn in `palette`
    /// (stderr's colour).
    pub fn new(palette: Palette) -> ExamScreen {
        let (ask, asked) = mpsc::channel::<()>();
        let (send, keys) = mpsc::channel();
        std::thread::spawn(move || {
            let term = Term::stderr();
            while asked.recv().is_ok() {
                if send.send(term.read_key_raw()).is_err() {
                    break;
                }
            }
        });
        ExamScreen { term: Term::stderr(), palette, ask, keys, pending: false, alternate: false }
    }

    /// Waits for a key until `deadline`; `None` at the deadline.
    fn key_until(&mut self, deadline: Instant) -> io::Result<Option<Key>> {
        if !self.pending {
            self.ask.send(()).map_err(|_| io::Error::other("the key reader stopped"))?;
            self.pending = true;
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.keys.recv_timeout(wait) {
            Ok(key) => {
                self.pending = false;
                key.map(Some)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the key reader stopped")),
        }
    }

    /// Shows `message` and waits for any key (no time limit).
    pub fn wait_key(&mut self, message: &str) -> io::Result<()> {
        self.term.write_line(message)?;
        self.term.flush()?;
        let far = Instant::now() + Duration::from_secs(60 * 60 * 24 * 365);
        while self.key_until(far)?.is_none() {}
        Ok(())
    }

    /// Shows the instructions before the paper on the paper's own screen and waits for the
    /// learner: Enter (or Space) starts the paper, Esc, `q`, Ctrl-C or Ctrl-D leave without
    /// starting. Other keys do nothing, so a stray key neither starts the clock nor loses the
    /// paper. Redrawn every second, so a resized terminal gets lines that fit.
    pub fn instructions(&mut self, brief: &Brief<'_>) -> io::Result<bool> {
        if !self.alternate {
            self.term.write_str("\x1b[?1049h")?;
            self.alternate = true;
        }
        self.term.hide_cursor()?;
        loop {
            let lines = instruction_lines(brief, super::screen_width(), self.palette);
            self.term.write_str(&whole_screen(lines))?;
            self.term.flush()?;
            match self.key_until(Instant::now() + Duration::from_secs(1))? {
                Some(Key::Enter | Key::Char(' ')) => return Ok(true),
                Some(Key::Escape | Key::CtrlC | Key::Char('q' | 'Q' | '\u{4}')) => {
                    return Ok(false);
                }
                _ => {}
            }
        }
    }

    /// Leaves the paper's screen for the normal one (before the result is printed): what was
    /// on the terminal before the paper comes back, and the paper leaves no trail of frames in
    /// the scrollback.
    pub fn leave(&mut self) -> io::Result<()> {
        if self.alternate {
            self.term.write_str("\x1b[?1049l")?;
            self.alternate = false;
        }
        self.term.show_cursor()
    }

    /// Runs the paper until it is submitted, abandoned or out of time. `started` is when the
    /// clock started; `save` is called with every change before the next key is read (a failed
    /// save stops the paper with the error: nothing answered is ever only on screen).
    pub fn sit(
        &mut self,
        paper: &[PaperQuestion],
        sitting: &mut Sitting,
        started: Instant,
        mut save: impl FnMut(Change, u64) -> io::Result<()>,
    ) -> io::Result<End> {
        if !self.alternate {
            self.term.write_str("\x1b[?1049h")?;
            self.alternate = true;
        }
        self.term.hide_cursor()?;
        let result = self.sit_loop(paper, sitting, started, &mut save);
        let _ = self.term.show_cursor();
        result
    }

    fn sit_loop(
        &mut self,
        paper: &[PaperQuestion],
        sitting: &mut Sitting,
        started: Instant,
        save: &mut impl FnMut(Change, u64) -> io::Result<()>,
    ) -> io::Result<End> {
        let mut mode = Mode::Question;
        let mut active = 0usize;
        let mut shown_question = usize::MAX;
        let mut notice: Option<String> = None;
        loop {
            let elapsed = started.elapsed();
            if sitting.tick(elapsed.as_secs()) {
                // The last frame shows the clock at 00:00.
                let frame = self.frame(paper, sitting, &Mode::Question, active, 0, None);
                self.term.write_str(&frame)?;
                return Ok(End::TimedOut);
            }
            if let Some(end) = sitting.end() {
                return Ok(end);
            }
            let current = sitting.current();
            if current != shown_question {
                // On arriving at a question, the pointer starts on the chosen option.
                active = sitting.answer(current).unwrap_or(0);
                shown_question = current;
            }
            let left = sitting.seconds_left(elapsed.as_secs());
            let frame = self.frame(paper, sitting, &mode, active, left, notice.as_deref());
            self.term.write_str(&frame)?;
            self.term.flush()?;
            // Redraw at the next whole second of the clock.
            let next_tick = started + Duration::from_secs(elapsed.as_secs() + 1);
            let Some(key) = self.key_until(next_tick)? else { continue };
            notice = None;
            let seconds = started.elapsed().as_secs();
            let q = &paper[current];
            let options = q.options.len();
            match &mut mode {
                Mode::Question => match key {
                    Key::ArrowDown | Key::Tab | Key::Char('j') => active = (active + 1) % options,
                    Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                        active = (active + options - 1) % options;
                    }
                    Key::Enter | Key::Char(' ') => {
                        save(sitting.choose(active).map_err(io::Error::other)?, seconds)?;
                        sitting.next();
                    }
                    Key::Char(c @ '1'..='9') => {
                        let index = c as usize - '1' as usize;
                        match sitting.choose(index) {
                            Ok(change) => {
                                save(change, seconds)?;
                                sitting.next();
                            }
                            Err(e) => notice = Some(e.to_string()),
                        }
                    }
                    Key::Char('c') => {
                        if let Some(change) = sitting.clear().map_err(io::Error::other)? {
                            save(change, seconds)?;
                        }
                    }
                    Key::Char('m') => {
                        save(sitting.toggle_mark().map_err(io::Error::other)?, seconds)?
                    }
                    Key::ArrowRight | Key::Char('n') => sitting.next(),
                    Key::ArrowLeft | Key::Char('p') => sitting.previous(),
                    Key::Char('g') => mode = Mode::GoTo(String::new()),
                    Key::Char('f') => mode = Mode::Review,
                    Key::Escape | Key::CtrlC | Key::Char('q' | '\u{4}') => mode = Mode::Quit,
                    _ => {}
                },
                Mode::GoTo(typed) => match key {
                    Key::Char(c) if c.is_ascii_digit() && typed.len() < 4 => typed.push(c),
                    Key::Backspace => {
                        typed.pop();
                    }
                    Key::Enter => {
                        let number = typed.parse::<usize>().unwrap_or(0);
                        match sitting.jump(number) {
                            Ok(()) => mode = Mode::Question,
                            Err(e) => {
                                notice = Some(e.to_string());
                                typed.clear();
                            }
                        }
                    }
                    Key::Escape | Key::CtrlC | Key::Char('q' | '\u{4}') => mode = Mode::Question,
                    _ => {}
                },
                Mode::Review => match key {
                    Key::Char('y' | 's') => sitting.submit().map_err(io::Error::other)?,
                    Key::Char('g') => mode = Mode::GoTo(String::new()),
                    Key::Char('n' | 'b') | Key::Escape => mode = Mode::Question,
                    Key::CtrlC | Key::Char('q' | '\u{4}') => mode = Mode::Quit,
                    _ => {}
                },
                Mode::Quit => match key {
                    Key::Char('s') => sitting.submit().map_err(io::Error::other)?,
                    Key::Char('a') => sitting.abandon().map_err(io::Error::other)?,
                    Key::Char('n' | 'b') | Key::Escape => mode = Mode::Question,
                    _ => {}
                },
            }
        }
    }

    /// One whole screen: cursor home, clear, the lines.
    fn frame(
        &self,
        paper: &[PaperQuestion],
        sitting: &Sitting,
        mode: &Mode,
        active: usize,
        left: u64,
        notice: Option<&str>,
    ) -> String {
        let width = super::screen_width();
        whole_screen(screen_lines(paper, sitting, mode, active, left, notice, width, self.palette))
    }
}

/// `lines` as one whole screen: cursor home, each line over the old one (clearing what is
/// left of it), then clear below: no flicker from clearing the whole screen first.
fn whole_screen(lines: Vec<String>) -> String {
    let mut out = String::from("\x1b[H");
    for line in lines {
        out.push_str(&line);
        out.push_str("\x1b[K\r\n");
    }
    out.push_str("\x1b[J");
    out
}

impl Drop for ExamScreen {
    fn drop(&mut self) {
        let _ = self.leave();
    }
}

/// The terminal's [`Desk`] for `recall exam`: the ordinary prompts before a paper (the offer of
/// one cut off), the [`ExamScreen`] for the paper itself, the result on stdout. The screen is
/// opened only when a paper is sat.
pub struct TerminalDesk {
    prompter: TerminalPrompter,
    screen: Option<ExamScreen>,
    /// The prompts and the screen are drawn on stderr in its colours; the result goes to stdout
    /// in stdout's.
    stderr: Palette,
    stdout: Palette,
}

impl TerminalDesk {
    pub fn new(stderr: Palette, stdout: Palette) -> TerminalDesk {
        TerminalDesk { prompter: TerminalPrompter::new(stderr), screen: None, stderr, stdout }
    }
}

impl Desk for TerminalDesk {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.prompter.show(text)
    }

    fn choose(&mut self, prompt: &str, items: &[String]) -> io::Result<Option<usize>> {
        Ok(match self.prompter.select(prompt, items, 0, &[])? {
            Reply::Answer(i) => Some(i),
            Reply::Key(_) | Reply::Quit => None,
        })
    }

    fn instructions(&mut self, brief: &Brief<'_>) -> io::Result<bool> {
        let stderr = self.stderr;
        self.screen.get_or_insert_with(|| ExamScreen::new(stderr)).instructions(brief)
    }

    fn sit(
        &mut self,
        paper: &[PaperQuestion],
        sitting: &mut Sitting,
        save: &mut dyn FnMut(Change, u64) -> io::Result<()>,
    ) -> io::Result<(End, u64)> {
        let stderr = self.stderr;
        let screen = self.screen.get_or_insert_with(|| ExamScreen::new(stderr));
        let started = Instant::now();
        let end = screen.sit(paper, sitting, started, save)?;
        Ok((end, started.elapsed().as_secs()))
    }

    fn wait_key(&mut self, message: &str) -> io::Result<()> {
        match &mut self.screen {
            Some(screen) => screen.wait_key(message),
            None => Ok(()),
        }
    }

    fn leave(&mut self) -> io::Result<()> {
        match &mut self.screen {
            Some(screen) => screen.leave(),
            None => Ok(()),
        }
    }

    fn print(&mut self, text: &str) -> io::Result<()> {
        let mut stdout = crate::out::stdout();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    fn width(&self) -> usize {
        super::width()
    }

    fn palette(&self) -> Palette {
        self.stdout
    }
}

/// The keys of the paper's screen, as its hint lines and the instructions name them.
const KEYS: [&str; 2] = [
    "1-{n} answer ({letters}) · ↑↓ Enter · c clear · m mark for review",
    "←→ or n/p move · g go to · f finish · q quit",
];

/// The keys with `n`, the number of options, filled in.
fn key_hints(options: usize) -> [String; 2] {
    let last = crate::deck::option_letter(options.saturating_sub(1));
    KEYS.map(|k| k.replace("{n}", &options.to_string()).replace("{letters}", &format!("a-{last}")))
}

/// The instructions screen: the paper's cover ([`render::instructions`]), the keys of the
/// paper, and how to start or leave, each line at most `width` columns.
fn instruction_lines(brief: &Brief<'_>, width: usize, palette: Palette) -> Vec<String> {
    let mut lines = vec![palette.bold("Instructions").to_string()];
    lines.push(palette.dim("─".repeat(width)).to_string());
    lines.extend(render::instructions(brief, width));
    lines.push(String::new());
    lines.push(palette.bold("Keys during the paper").to_string());
    for hint in key_hints(brief.options) {
        lines.extend(wrap_prefixed("  ", &hint, width, "    "));
    }
    lines.push(String::new());
    let start = "Press Enter to start the clock · Esc or q to leave without starting";
    lines.extend(wrap(start, width, "").into_iter().map(|l| palette.bold(l).to_string()));
    lines
}

/// The header: `[Q 7/25] ⏱ 12:34 left · answered 5 · marked 2`.
pub fn header(place: &str, left: u64, sitting: &Sitting) -> String {
    format!(
        "[{place}] ⏱ {} left · answered {} · marked {}",
        clock(left),
        sitting.answered(),
        sitting.marked_count()
    )
}

/// The lines of the screen, each at most `width` columns.
// The screen is a function of all of these; a struct would only name them a second time.
#[allow(clippy::too_many_arguments)]
fn screen_lines(
    paper: &[PaperQuestion],
    sitting: &Sitting,
    mode: &Mode,
    active: usize,
    left: u64,
    notice: Option<&str>,
    width: usize,
    palette: Palette,
) -> Vec<String> {
    let current = sitting.current();
    let place = match mode {
        Mode::Review | Mode::Quit => "Paper".to_owned(),
        _ => format!("Q {}/{}", current + 1, sitting.len()),
    };
    let mut head = header(&place, left, sitting);
    if left <= 60 {
        head = palette.warn(head).bold().to_string();
    } else {
        head = palette.bold(head).to_string();
    }
    let mut lines = vec![head, palette.dim("─".repeat(width)).to_string()];
    match mode {
        Mode::Question | Mode::GoTo(_) => {
            let q = &paper[current].printable();
            // Line by line: statements and pairs keep their own lines, wrapped under their
            // numbers (a one-line prompt wraps as before).
            lines.extend(text::wrap::wrap_lines(
                &q.prompt,
                width,
                "",
                crate::deck::authored::hanging_indent,
            ));
            lines.push(String::new());
            let chosen = sitting.answer(current);
            for i in 0..q.options.len() {
                let pointer = if i == active { "❯" } else { " " };
                let dot = if chosen == Some(i) { "●" } else { "○" };
                // The exam's letters, `(a)`…`(d)`, once (an authored option keeps its own).
                let lettered = q.lettered(i);
                let (label, option) = lettered.split_once(' ').unwrap_or(("", &lettered));
                let first = format!("{pointer} {dot} {label} ");
                let rest = " ".repeat(text::width(&first));
                let mut wrapped = wrap_prefixed(&first, option, width, &rest);
                if i == active {
                    wrapped = wrapped.into_iter().map(|l| palette.bold(l).to_string()).collect();
                }
                lines.extend(wrapped);
            }
            lines.push(String::new());
            let mut status = match chosen {
                Some(c) => format!("Your answer: ({})", crate::deck::option_letter(c)),
                None => "Not answered".to_owned(),
            };
            if sitting.is_marked(current) {
                status.push_str(" · ⚑ marked for review");
            }
            lines.push(status);
            if let Mode::GoTo(typed) = mode {
                lines.push(format!("Go to question (1-{}): {typed}_", sitting.len()));
                lines.push(palette.dim("Enter go · Esc back").to_string());
            } else {
                for hint in key_hints(q.options.len()) {
                    lines.extend(
                        wrap(&hint, width, "").into_iter().map(|l| palette.dim(l).to_string()),
                    );
                }
            }
        }
        Mode::Review => {
            lines.push(palette.bold("Before you submit").to_string());
            let unanswered = sitting.unanswered();
            let marked = sitting.marked();
            if unanswered.is_empty() && marked.is_empty() {
                lines.push(format!("All {} questions answered, none marked.", sitting.len()));
            } else {
                lines.extend(wrap(
                    &format!("Unanswered ({}): {}", unanswered.len(), numbers(&unanswered)),
                    width,
                    "  ",
                ));
                lines.extend(wrap(
                    &format!("Marked for review ({}): {}", marked.len(), numbers(&marked)),
                    width,
                    "  ",
                ));
            }
            lines.push(String::new());
            lines.push("Submit the paper now?".to_owned());
            lines.push(
                palette.dim("y submit · n back to the paper · g go to a question").to_string(),
            );
        }
        Mode::Quit => {
            lines.push(palette.bold("Leave the paper?").to_string());
            // The key, then its meaning in a column of its own (`wrap` would fold the two
            // spaces after the key into one).
            let submit = format!("submit it now with {} answered", sitting.answered());
            for (key, what) in [
                ("s", submit.as_str()),
                ("a", "abandon it: not marked, no reviews; kept in history as abandoned"),
                ("n", "back to the paper"),
            ] {
                lines.extend(wrap_prefixed(&format!("{key}  "), what, width, "   "));
            }
        }
    }
    if let Some(notice) = notice {
        // Error messages start in lower case; on a line of their own they read as a sentence.
        let mut chars = notice.chars();
        let notice: String =
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        lines.extend(wrap(&notice, width, "").into_iter().map(|l| palette.warn(l).to_string()));
    }
    lines
}

/// `1, 4, 7`, or `none`.
fn numbers(positions: &[usize]) -> String {
    if positions.is_empty() {
        return "none".to_owned();
    }
    let mut out = String::new();
    for (i, p) in positions.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{}", p + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(prompt: &str, options: &[&str]) -> PaperQuestion {
        PaperQuestion {
            card: "d/f/forward".parse().unwrap(),
            kind: "multiple-choice".into(),
            prompt: prompt.into(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            correct: 0,
            answer: options[0].into(),
            explain: None,
            source: None,
            topic: None,
            format: Default::default(),
            parts: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// The instructions screen fits 60 columns and names the paper, its marking, the keys of
    /// the paper (those of its hint lines) and how to start or leave.
    #[test]
    fn the_instructions_screen_fits_60_columns() {
        let marking = crate::paper::Marking::upsc();
        let decks = vec!["india-us-2plus2".to_owned()];
        let brief =
            Brief { questions: 25, options: 4, limit: 1800, marking: &marking, decks: &decks };
        let lines = instruction_lines(&brief, 60, Palette::PLAIN);
        for l in &lines {
            assert!(text::width(l) <= 60, "too wide: {l:?}");
        }
        let text = lines.join("\n");
        assert!(text.starts_with("Instructions\n"), "{text}");
        assert!(text.contains("Mock paper: 25 questions in 30 minutes"), "{text}");
        assert!(
            text.contains("  1-4 answer (a-d) · ↑↓ Enter · c clear · m mark for review"),
            "{text}"
        );
        assert!(
            text.ends_with("Press Enter to start the clock · Esc or q to leave without\nstarting"),
            "{text}"
        );
    }

    #[test]
    fn clock_and_header() {
        let mut s = Sitting::new(vec![4; 25], 3600);
        s.choose(0).unwrap();
        s.toggle_mark().unwrap();
        assert_eq!(header("Q 7/25", 754, &s), "[Q 7/25] ⏱ 12:34 left · answered 1 · marked 1");
    }

    /// A statement set reads as the exam prints it, at 80 and at 60 columns: statements
    /// `1.` `2.` `3.` wrapped under their own text, options `(a)`…`(d)` once, whether the
    /// options carry their letters (an authored question) or not (a generated set).
    #[test]
    fn a_statement_set_reads_like_the_paper_with_no_doubled_labels() {
        let prompt = "Consider the following statements:\n1. COMCASA facilitates the exchange of \
                      secure communications between the two militaries.\n2. BECA was signed in \
                      2020.\n3. LEMOA stands for Logistics Exchange Memorandum of Agreement.\n\
                      Which of the statements given above is/are correct?";
        for options in [
            ["(a) 1 and 2 only", "(b) 2 and 3 only", "(c) 1 and 3 only", "(d) 1, 2 and 3"],
            ["1 and 2 only", "2 and 3 only", "1 and 3 only", "1, 2 and 3"],
        ] {
            let paper = [question(prompt, &options)];
            let s = Sitting::new(vec![4], 600);
            for width in [80, 60] {
                let lines =
                    screen_lines(&paper, &s, &Mode::Question, 2, 599, None, width, Palette::PLAIN);
                for l in &lines {
                    assert!(text::width(l) <= width, "too wide at {width}: {l:?}");
                }
                let text = lines.join("\n");
                assert!(text.contains("\n1. COMCASA facilitates"), "{text}");
                assert!(text.contains("\n   "), "a statement wraps under its text: {text}");
                assert!(text.contains("❯ ○ (c) 1 and 3 only"), "{text}");
                assert!(text.contains("  ○ (a) 1 and 2 only"), "{text}");
                assert!(!text.contains("(a) (a)") && !text.contains("1) "), "{text}");
            }
        }
    }

    /// The deck's escapes are drawn written out: a cue cannot colour or clear the screen.
    #[test]
    fn the_question_screen_writes_control_characters_out() {
        let paper = [question("Which \u{1b}[31mred?", &["one\u{7}", "two\u{1b}[2J", "3", "4"])];
        let s = Sitting::new(vec![4], 600);
        let text =
            screen_lines(&paper, &s, &Mode::Question, 0, 599, None, 60, Palette::PLAIN).join("\n");
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text:?}");
        for shown in [r"Which \u{1b}[31mred?", r"(a) one\u{7}", r"(b) two\u{1b}[2J"] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn the_question_screen_fits_60_columns_and_shows_no_verdict() {
        let paper = [question(
            "Which agreement between India and the United States, signed at the 2018 2+2 dialogue, lets India receive encrypted communications equipment?",
            &[
                "Communications Compatibility and Security Agreement (COMCASA), signed in New Delhi",
                "LEMOA",
                "BECA",
                "GSOMIA",
            ],
        )];
        let mut s = Sitting::new(vec![4], 600);
        s.choose(3).unwrap();
        s.toggle_mark().unwrap();
        let lines = screen_lines(&paper, &s, &Mode::Question, 3, 599, None, 60, Palette::PLAIN);
        for l in &lines {
            assert!(text::width(l) <= 60, "too wide: {l:?}");
        }
        let text = lines.join("\n");
        assert!(text.starts_with("[Q 1/1] ⏱ 09:59 left · answered 1 · marked 1\n"), "{text}");
        assert!(text.contains("❯ ● (d) GSOMIA"), "{text}");
        assert!(text.contains("Your answer: (d) · ⚑ marked for review"), "{text}");
        assert!(
            !text.contains('✓') && !text.contains('✗') && !text.to_lowercase().contains("right")
        );
        let quit = screen_lines(&paper, &s, &Mode::Quit, 0, 30, None, 60, Palette::PLAIN);
        assert_eq!(quit[3], "s  submit it now with 1 answered", "{quit:#?}");
        assert_eq!(quit[4], "a  abandon it: not marked, no reviews; kept in history as");
        assert_eq!(quit[5], "   abandoned");
        assert_eq!(quit[6], "n  back to the paper");
        let review =
            screen_lines(&paper, &s, &Mode::Review, 0, 30, None, 60, Palette::PLAIN).join("\n");
        assert!(review.contains("Unanswered (0): none"), "{review}");
        assert!(review.contains("Marked for review (1): 1"), "{review}");
    }
}
