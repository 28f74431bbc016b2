//! The text a session shows: feedback after an answer, a revealed flashcard, the summary.
//!
//! Every result carries a symbol (`✓`, `✗`, `≈`) as well as a colour, so it reads the same
//! in the plain [`Palette`] (`NO_COLOR`, `TERM=dumb`). Long lines are wrapped to the width
//! given, with a hanging indent ([`wrap_into`]), so a 60-column terminal stays tidy.
//! Drawn through the text layer; imports `session`, `quiz`, `schedule`, `ids` and `text`,
//! never `ui`.

use std::fmt::Write as _;
use std::time::Duration;

use jiff::civil::Date;

use super::{Ending, Outlook, Report};
use crate::ids::DeckId;
use crate::quiz::composite::Composite;
use crate::quiz::{Difference, Judgement, Question, only_adds_words, render_differences};
use crate::schedule::{ExamDates, Grade};
use crate::stats::SessionMode;
use crate::text::wrap::wrap_lines;
use crate::text::{Palette, printable, wrap_hanging, wrap_into};

/// A grade as shown on the buttons.
pub fn grade_name(grade: Grade) -> &'static str {
    match grade {
        Grade::Again => "Again",
        Grade::Hard => "Hard",
        Grade::Good => "Good",
        Grade::Easy => "Easy",
    }
}

/// Feedback after an auto-graded answer: the verdict with its symbol, the right answer, what
/// the learner gave, the differences of a near miss, the explanation and the source.
pub fn feedback(
    q: &Question,
    outcome: &Judgement,
    given: &str,
    width: usize,
    palette: Palette,
) -> String {
    // The deck's text and the learner's with their control characters written out.
    let q = &*q.printable();
    let given = &*printable(given);
    let mut out = String::new();
    let indent = "    ";
    match outcome {
        Judgement::Correct => {
            let _ = writeln!(out, "  {} {}", palette.mark_right(), palette.good("Right"));
            if q.options.is_empty() && !same_text(given, &q.answer) {
                wrap_into(&mut out, &format!("Answer: {}", q.answer), indent, width);
            }
        }
        Judgement::NearMiss { expected, differences } => {
            // Only extra words (`… of 2018`): the spelling was right, the answer said more.
            let verdict = if only_adds_words(differences) {
                "Almost: more than the answer"
            } else {
                "Almost: check the spelling"
            };
            let _ = writeln!(out, "  {} {}", palette.mark_near(), palette.warn(verdict));
            wrap_into(&mut out, &format!("Answer: {}", q.answer), indent, width);
            wrap_into(&mut out, &format!("You typed: {given}"), indent, width);
            if !differences.is_empty() {
                wrap_into(
                    &mut out,
                    &format!("Differences: {}", differences_styled(differences, palette)),
                    indent,
                    width,
                );
                let legend = palette.dim("([-x-] missing from yours, {+x+} extra)");
                let _ = writeln!(out, "{indent}{legend}");
            } else if !same_text(expected, &q.answer) {
                let expected = printable(expected);
                wrap_into(&mut out, &format!("Closest accepted: {expected}"), indent, width);
            }
        }
        Judgement::Wrong | Judgement::DontKnow => {
            let verdict =
                if matches!(outcome, Judgement::DontKnow) { "Not answered" } else { "Wrong" };
            let _ = writeln!(out, "  {} {}", palette.mark_wrong(), palette.bad(verdict));
            wrap_into(&mut out, &format!("Answer: {}", q.answer), indent, width);
            if !given.trim().is_empty() {
                let verb = if q.options.is_empty() { "You typed" } else { "You chose" };
                wrap_into(&mut out, &format!("{verb}: {given}"), indent, width);
            }
        }
    }
    notes(&mut out, q, indent, width, palette);
    out.trim_end().to_owned()
}

/// An option as the exam prints it: `(b) 1 and 3 only`.
pub fn lettered(i: usize, option: &str) -> String {
    format!("({}) {}", crate::deck::option_letter(i), printable(option))
}

/// Feedback after a statement set or pairs question: right or wrong with the right option,
/// then each statement with whether it was true and why (the statement made true, the fact's
/// explanation), then what the answer did to each fact's schedule: its own review where the
/// option reveals the judgement (`grades`, in part order), else none, with the facts to be
/// asked again on their own.
pub fn set_feedback(
    c: &Composite,
    chosen: usize,
    grades: Option<&[Grade]>,
    width: usize,
    palette: Palette,
) -> String {
    let mut out = String::new();
    let indent = "    ";
    let right_option = lettered(c.correct, c.answer());
    if chosen == c.correct {
        let _ = writeln!(out, "  {} {}", palette.mark_right(), palette.good("Right"));
        wrap_into(&mut out, &format!("Answer: {right_option}"), indent, width);
    } else {
        let _ = writeln!(out, "  {} {}", palette.mark_wrong(), palette.bad("Wrong"));
        wrap_into(&mut out, &format!("Answer: {right_option}"), indent, width);
        let given = lettered(chosen, c.options.get(chosen).map_or("", String::as_str));
        wrap_into(&mut out, &format!("You chose: {given}"), indent, width);
    }
    for (i, p) in c.parts.iter().enumerate() {
        let mut line = match (&p.truth, &p.correction) {
            (false, Some(fix)) => {
                let stop = if fix.ends_with(['.', '?', '!']) { "" } else { "." };
                format!("{}. False: {}{stop}", i + 1, printable(fix))
            }
            (false, None) => format!("{}. False.", i + 1),
            (true, _) => {
                let stop = if p.text.ends_with(['.', '?', '!']) { "" } else { "." };
                format!("{}. True: {}{stop}", i + 1, printable(&p.text))
            }
        };
        if let Some(why) = &p.explain {
            line.push(' ');
            line.push_str(&printable(why));
        }
        wrap_hanging(&mut out, &line, "  ", "     ", width);
    }
    let what = match grades {
        Some(grades) => {
            let each: Vec<String> = grades
                .iter()
                .enumerate()
                .map(|(i, g)| format!("{} {}", i + 1, grade_name(*g)))
                .collect();
            format!("Each fact gets its own review: {}.", each.join(" · "))
        }
        None => format!(
            "This count does not say which statements you misjudged, so no fact gets a review \
             from it: the {} facts are asked again on their own later in this session.",
            c.parts.len()
        ),
    };
    let mut note = String::new();
    wrap_into(&mut note, &what, "  ", width);
    let _ = write!(out, "{}", palette.dim(note.trim_end()));
    out.trim_end().to_owned()
}

/// An authored question's layout split for a choice prompt: the stem and statements (or
/// pairs), the first line led by the question's `position`, each line wrapped to `width`
/// under its label; and the closing question, the last line, as the prompt. A question of
/// one line is all prompt.
pub fn authored_parts(prompt: &str, position: &str, width: usize) -> (String, String) {
    let text = format!("{position} {prompt}");
    match text.rsplit_once('\n') {
        Some((body, ask)) => {
            let lines = wrap_lines(body, width, "", crate::deck::authored::hanging_indent);
            (lines.join("\n"), ask.to_owned())
        }
        None => (String::new(), text),
    }
}

/// A flashcard's answer, with its explanation and source.
pub fn revealed(q: &Question, width: usize, palette: Palette) -> String {
    let q = &*q.printable();
    let mut out = String::new();
    wrap_into(&mut out, &format!("Answer: {}", q.answer), "  ", width);
    notes(&mut out, q, "  ", width, palette);
    out.trim_end().to_owned()
}

fn notes(out: &mut String, q: &Question, indent: &str, width: usize, palette: Palette) {
    if let Some(explain) = &q.explain {
        wrap_into(out, explain, indent, width);
    }
    if let Some(source) = &q.source {
        let mut s = String::new();
        wrap_into(&mut s, &format!("Source: {source}"), indent, width);
        for line in s.lines() {
            let _ = writeln!(out, "{}", palette.dim(line));
        }
    }
}

/// [`render_differences`] with colour when it is on: what is missing from the learner's answer
/// in green, what is extra in red; the `[-…-]`/`{+…+}` marks stay, so it reads without colour.
fn differences_styled(diffs: &[Difference], palette: Palette) -> String {
    if !palette.is_color() {
        return printable(&render_differences(diffs)).into_owned();
    }
    diffs
        .iter()
        .map(|d| match d {
            Difference::Same(t) => printable(t).into_owned(),
            Difference::Missing(t) => {
                palette.good(format!("[-{}-]", printable(t))).bold().to_string()
            }
            Difference::Extra(t) => {
                palette.bad(format!("{{+{}+}}", printable(t))).bold().to_string()
            }
        })
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// `4m 12s`, `1h 03m`, `35s`.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The end-of-session summary.
pub fn summary(report: &Report, outlook: &Outlook, width: usize, palette: Palette) -> String {
    let mut out = String::new();
    let head = match report.ending {
        Ending::Done => "Session complete",
        Ending::Quit => "Session stopped: every answer so far is saved",
        Ending::TimeUp => "Time's up: every answer so far is saved",
        Ending::Limit => "Question limit reached",
    };
    let cram = if report.mode == SessionMode::Cram { " (cram: schedules unchanged)" } else { "" };
    let _ = writeln!(out, "{}{}", palette.bold(head), cram);
    if report.questions == 0 && report.skipped == 0 {
        let _ = write!(out, "  No answers given: nothing changed.");
        return out;
    }
    let accuracy = if report.questions > 0 {
        format!(
            " ({}%)",
            (u64::from(report.right) * 100 + u64::from(report.questions) / 2)
                / u64::from(report.questions)
        )
    } else {
        String::new()
    };
    // A value too long for the line wraps at words under itself.
    let row = |out: &mut String, label: &str, value: String| {
        wrap_hanging(out, &value, &format!("  {label:<11} "), "              ", width);
    };
    let mut answered = plural(report.questions, "question");
    if report.skipped > 0 {
        let _ = write!(answered, ", {} skipped", report.skipped);
    }
    row(&mut out, "Answered", answered);
    row(&mut out, "Right", format!("{} {}{accuracy}", palette.mark_right(), report.right));
    row(&mut out, "Time", duration(report.elapsed));
    if report.mode != SessionMode::Cram {
        row(&mut out, "New facts", report.new_facts.to_string());
    }
    row(&mut out, "Streak", plural(outlook.streak, "day"));
    let left = if outlook.left_today > 0 {
        format!(" ({} left from today)", outlook.left_today)
    } else {
        String::new()
    };
    row(
        &mut out,
        "Due",
        format!(
            "{} tomorrow{left} · {} in the next 7 days",
            outlook.due_tomorrow, outlook.due_week
        ),
    );
    if report.learning_later > 0 {
        row(
            &mut out,
            "Later today",
            format!("{} to see again in a few minutes", plural(report.learning_later, "card")),
        );
    }
    if !report.weakest.is_empty() {
        let _ = writeln!(out, "  Weakest:");
        for w in &report.weakest {
            let misses =
                if w.misses > 1 { format!(" (missed {}×)", w.misses) } else { String::new() };
            let (cue, answer) = (printable(&w.cue), printable(&w.answer));
            let text = format!("{} {cue} → {answer}{misses}", palette.mark_wrong());
            wrap_hanging(&mut out, &text, "    ", "      ", width);
        }
    }
    out.trim_end().to_owned()
}

/// The session header's exam line for the decks studied: the earliest exam still ahead with
/// the days left and the recall aimed at, else (an exam date today or past) that scheduling is
/// ordinary again. `None` when none of the decks has an exam date.
pub fn exam_note(exams: &ExamDates, decks: &[DeckId], today: Date) -> Option<String> {
    let dates = decks.iter().filter_map(|d| exams.date(d));
    let ahead = dates.clone().filter(|d| *d > today).min();
    let note = match ahead {
        Some(date) => {
            let days = (date - today).get_days();
            let target = (f64::from(exams.target()) * 100.0).round();
            format!(
                "Exam {date} · {} left · new facts paced, intervals capped for {target}% recall \
                 on the day",
                plural(days.unsigned_abs(), "day")
            )
        }
        None => {
            let last = dates.max()?;
            let when =
                if last == today { "is today".to_owned() } else { format!("{last} is past") };
            format!("Exam {when}: ordinary scheduling")
        }
    };
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::QuestionKind;
    use crate::quiz::{Response, grade};

    fn typed(answer: &str) -> Question {
        Question {
            card: "d/f/forward".parse().unwrap(),
            kind: QuestionKind::Typed,
            prompt: "?".into(),
            options: vec![],
            correct: None,
            answer: answer.into(),
            accepted: vec![answer.into()],
            unordered: false,
            person: false,
            explain: None,
            source: None,
            topic: None,
        }
    }

    fn shown(answer: &str, given: &str) -> String {
        let q = typed(answer);
        let outcome = grade(&q, &Response::Text(given.into()));
        console::set_colors_enabled(false);
        feedback(&q, &outcome, given, 100, Palette::PLAIN)
    }

    #[test]
    fn near_misses_are_shown_in_the_learners_characters() {
        let text = shown("2+2 dialogue", "2+2 dialog");
        assert!(text.contains("≈ Almost: check the spelling"), "{text}");
        assert!(text.contains("Differences: 2+2 dialog[-ue-]"), "{text}");
        let text = shown("Sushma Swaraj", "Sushma Swaraaj");
        assert!(text.contains("≈ Almost: check the spelling"), "{text}");
        let text = shown(
            "Communications Compatibility and Security Agreement",
            "the Communications Compatibility and Security Agreement of 2018",
        );
        assert!(text.contains("≈ Almost: more than the answer"), "{text}");
        assert!(text.contains("Agreement {+of 2018+}"), "{text}");
    }
}
