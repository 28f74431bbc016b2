//! The result of a marked paper as text: score, counts, time, topics, the comparison with
//! earlier papers, then every question reviewed. Pure: the caller fetches the earlier papers,
//! passes the width and the palette, and prints. Drawn through the text layer
//! ([`crate::text`]); imports `paper` and `text` only, never `ui`.

use std::fmt::Write as _;

use super::{End, Marked, Marking, Marks, PaperQuestion, Verdict, compare};
use crate::text::{self, Align, Palette, Table};

/// Everything the result shows.
pub struct ResultView<'a> {
    pub marking: &'a Marking,
    /// Seconds used and allowed.
    pub used: u64,
    pub limit: u64,
    pub end: End,
    pub questions: &'a [PaperQuestion],
    /// One per question; `None` for a blank.
    pub answers: &'a [Option<usize>],
    pub marked: &'a Marked,
    /// Score percents of earlier marked papers, oldest first.
    pub earlier: &'a [f64],
    pub width: usize,
    /// Colour, or not (stdout's).
    pub palette: Palette,
}

fn signed(m: Marks) -> String {
    if m.is_negative() { format!("−{}", m.fixed2().trim_start_matches('-')) } else { m.fixed2() }
}

/// A whole percentage with a true minus sign (`−27%`), as `recall history` writes the same
/// paper's score.
fn percent(p: f64) -> String {
    let whole = format!("{:.0}", p.abs());
    if p < 0.0 && whole != "0" { format!("−{whole}%") } else { format!("{whole}%") }
}

/// What the right and the wrong answers did to the score: only the parts that happened, so
/// that a paper with no wrong answers does not read `−0.00 lost to 0 wrong`.
fn marks_line(m: &Marking, t: &super::Tally) -> String {
    let mut parts = Vec::new();
    if t.right > 0 {
        parts.push(format!("+{} for {} right", m.right.times(t.right).fixed2(), t.right));
    }
    if t.wrong > 0 {
        parts.push(if t.lost.is_zero() {
            format!("{} wrong, no marks lost (this scheme has no penalty)", t.wrong)
        } else {
            format!("−{} lost to {} wrong", t.lost.fixed2(), t.wrong)
        });
    }
    if parts.is_empty() {
        parts.push("none: nothing attempted".to_owned());
    }
    parts.join(" · ")
}

/// What the instructions before a paper say: the paper's size, time and marking.
#[derive(Clone, Copy, Debug)]
pub struct Brief<'a> {
    pub questions: usize,
    /// The most options a question has (four on a paper recall sets).
    pub options: usize,
    /// The time allowed, in seconds.
    pub limit: u64,
    pub marking: &'a Marking,
    /// The ids of the decks the questions come from, in order of first appearance.
    pub decks: &'a [String],
}

/// The instructions shown before a paper's clock starts, as a real paper prints them on its
/// cover: how many questions, how long, how it is marked (and what a guess is worth under
/// that marking), what happens at the end of the time. One entry per paragraph, each wrapped
/// to `width`; the keys are the screen's business and are added by it.
pub fn instructions(b: &Brief<'_>, width: usize) -> Vec<String> {
    let mut paragraphs = vec![format!(
        "Mock paper: {} {} in {}",
        b.questions,
        if b.questions == 1 { "question" } else { "questions" },
        time_words(b.limit)
    )];
    if !b.decks.is_empty() {
        paragraphs.push(format!("Decks: {}", b.decks.join(", ")));
    }
    paragraphs.push(format!(
        "Each question has {} options and one right answer. Nothing tells you whether an \
         answer is right until the paper is submitted.",
        b.options
    ));
    let m = b.marking;
    let wrong = if m.wrong.is_zero() {
        "nothing off for a wrong one".to_owned()
    } else {
        format!("−{} for a wrong one", m.wrong.plain())
    };
    paragraphs.push(format!(
        "Marking{}: +{} for a right answer, {wrong}, 0 for a question left blank.",
        if m.name.starts_with('+') { String::new() } else { format!(" ({})", m.name) },
        m.right.plain()
    ));
    paragraphs.push(guessing(m, b.options));
    paragraphs.push(
        "The clock starts when you press Enter and does not stop. At 00:00 the paper is \
         submitted with the answers given. Every answer is saved as you give it, and can be \
         changed, cleared or marked for review until you submit."
            .to_owned(),
    );
    let mut lines = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        // The title and the decks are one block; a blank line before each paragraph after.
        if i > 1 || (i == 1 && b.decks.is_empty()) {
            lines.push(String::new());
        }
        lines.extend(text::wrap(p, width, ""));
    }
    lines
}

/// What a blind guess is worth on average under `m`, among all `options` and among one fewer:
/// under UPSC marking a blind guess among four is worth nothing, one option ruled out makes it
/// worth taking. Exact (fractions), so `0.00` is a true zero.
fn guessing(m: &Marking, options: usize) -> String {
    if m.wrong.is_zero() {
        return "A wrong answer costs nothing under this marking: answer every question."
            .to_owned();
    }
    // The expected marks of a guess among `k` options: (right − (k − 1) × wrong) / k.
    let worth = |k: usize| {
        let k = u32::try_from(k.max(1)).unwrap_or(u32::MAX);
        let total = m.right.minus(m.wrong.times(k - 1));
        Marks::new(total.numerator(), total.denominator().saturating_mul(i64::from(k)))
            .unwrap_or(Marks::ZERO)
    };
    let mut text = format!(
        "A blind guess among {options} options is worth {} marks on average",
        signed_plus(worth(options))
    );
    if options > 2 {
        let _ = write!(text, "; with one option ruled out, {}", signed_plus(worth(options - 1)));
    }
    text.push('.');
    text
}

/// `+0.22`, `−0.17`, `0.00`.
fn signed_plus(m: Marks) -> String {
    if m.is_zero() || m.fixed2() == "0.00" {
        "0.00".to_owned()
    } else if m.is_negative() {
        signed(m)
    } else {
        format!("+{}", m.fixed2())
    }
}

/// `30 minutes`, `1 minute`, `90 seconds` (a time that is not whole minutes), `2 h 30 min`.
fn time_words(seconds: u64) -> String {
    match seconds {
        s if s % 60 != 0 => format!("{s} seconds"),
        60 => "1 minute".to_owned(),
        s if s < 3600 || s % 3600 != 0 && s < 7200 => format!("{} minutes", s / 60),
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

/// The result as it is printed (see the module docs).
pub fn result(v: &ResultView<'_>) -> String {
    let width = v.width;
    let palette = v.palette;
    let t = &v.marked.total;
    let m = v.marking;
    let mut out = String::new();
    let how = if v.end == End::TimedOut { "Time up: paper submitted" } else { "Paper submitted" };
    let _ = writeln!(out, "{}", palette.bold(how));
    let named = if m.name.starts_with('+') { String::new() } else { format!(" ({})", m.name) };
    let _ = writeln!(out, "Marking     {}{named} · {} questions", m.label(), t.questions);
    let _ = writeln!(
        out,
        "Score       {} of {}{}",
        palette.bold(signed(t.score)),
        t.max.fixed2(),
        t.percent().map(|p| format!(" ({})", percent(p))).unwrap_or_default()
    );
    let _ = writeln!(out, "Marks       {}", marks_line(m, t));
    let _ = writeln!(
        out,
        "Answers     {} right · {} wrong · {} unanswered",
        t.right, t.wrong, t.unanswered
    );
    let _ = writeln!(
        out,
        "Accuracy    {}",
        match t.accuracy() {
            Some(a) => format!("{:.0}% of the {} attempted", a * 100.0, t.right + t.wrong),
            None => "nothing attempted".to_owned(),
        }
    );
    let _ = writeln!(out, "Time used   {} of {}", text::clock(v.used), text::clock(v.limit));

    let mut table = Table::new(["Topic", "Qs", "Right", "Wrong", "Blank", "Marks"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right])
        .indent(2)
        .shrink_first(&[0]);
    for (topic, tally) in &v.marked.topics {
        table.row([
            text::printable(topic).into_owned(),
            tally.questions.to_string(),
            tally.right.to_string(),
            tally.wrong.to_string(),
            tally.unanswered.to_string(),
            signed(tally.score),
        ]);
    }
    let _ = writeln!(out, "\n{}", palette.bold("By topic"));
    out.push_str(&table.render(width, palette));

    let mut table = Table::new(["Format", "Qs", "Right", "Wrong", "Blank", "Accuracy"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right])
        .indent(2);
    for (format, tally) in &v.marked.formats {
        table.row([
            format.slug().to_owned(),
            tally.questions.to_string(),
            tally.right.to_string(),
            tally.wrong.to_string(),
            tally.unanswered.to_string(),
            tally.accuracy().map_or_else(|| "–".to_owned(), |a| format!("{:.0}%", a * 100.0)),
        ]);
    }
    let _ = writeln!(out, "\n{}", palette.bold("By format"));
    out.push_str(&table.render(width, palette));

    let _ = writeln!(out, "\n{}", palette.bold("Earlier papers"));
    match t.percent() {
        Some(now) if !v.earlier.is_empty() => {
            let c = compare(v.earlier, now);
            let _ = writeln!(
                out,
                "  best {} · last {} · this {} ({} before)",
                c.best.map(percent).unwrap_or_default(),
                c.last.map(percent).unwrap_or_default(),
                percent(now),
                c.earlier
            );
            let values: Vec<Option<f64>> = c.trend.iter().copied().map(Some).collect();
            let lo = c.trend.iter().copied().fold(0.0f64, f64::min);
            let _ = writeln!(
                out,
                "  trend {} (oldest → this paper)",
                text::sparkline(&values, lo, 100.0)
            );
        }
        _ => {
            let _ = writeln!(out, "  your first marked paper: nothing to compare yet");
        }
    }

    let _ = writeln!(out, "\n{}", palette.bold("Review"));
    for (i, ((q, answer), verdict)) in
        v.questions.iter().zip(v.answers).zip(&v.marked.verdicts).enumerate()
    {
        let mark = match verdict {
            Verdict::Right => palette.mark_right().to_string(),
            Verdict::Wrong => palette.mark_wrong().to_string(),
            Verdict::Unanswered => palette.dim("–").to_string(),
        };
        let first = format!("{:>2}. {mark} ", i + 1);
        let lead = "      ";
        let q = &q.printable();
        for (j, line) in q.wrapped_prompt(width.saturating_sub(6)).iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if j == 0 { first.as_str() } else { lead });
        }
        let yours = match answer {
            Some(c) => format!("Your answer: {}", q.lettered(*c)),
            None => "Your answer: (left blank)".to_owned(),
        };
        let mut details = vec![yours];
        if *verdict != Verdict::Right {
            details.push(format!("Right answer: {}", q.lettered_answer()));
        }
        if let Some(why) = &q.explain {
            details.push(format!("Why: {why}"));
        }
        // Each statement (pair) of a composite question: whether it was true and why.
        for (n, part) in q.parts.iter().enumerate() {
            let mut line = match &part.correction {
                None => {
                    let stop = if part.text.ends_with(['.', '?', '!']) { "" } else { "." };
                    format!("{}. True: {}{stop}", n + 1, text::printable(&part.text))
                }
                // A pair's correction (`left — right`) has no full stop of its own.
                Some(right) => {
                    let stop = if right.ends_with(['.', '?', '!']) { "" } else { "." };
                    format!("{}. False: {right}{stop}", n + 1)
                }
            };
            if let Some(why) = &part.explain {
                line.push_str(&format!(" {why}"));
            }
            details.push(line);
        }
        for d in details {
            for line in text::wrap(&d, width.saturating_sub(6), "  ") {
                let _ = writeln!(out, "{lead}{line}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paper::mark;

    fn q(topic: &str, correct: usize) -> PaperQuestion {
        PaperQuestion {
            card: "d/f/forward".parse().unwrap(),
            kind: "multiple-choice".into(),
            prompt: format!("A question on {topic}?"),
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            correct,
            answer: "a".into(),
            explain: Some("Because.".into()),
            source: None,
            topic: Some(topic.into()),
            format: Default::default(),
            parts: Vec::new(),
            claims: Vec::new(),
        }
    }

    #[test]
    fn three_right_one_wrong_one_blank_under_upsc() {
        let questions =
            [q("polity", 0), q("polity", 1), q("economy", 2), q("economy", 3), q("defence", 0)];
        let answers = [Some(0), Some(1), Some(2), Some(0), None];
        let marking = Marking::upsc();
        let marked = mark(&questions, &answers, &marking);
        let text = result(&ResultView {
            marking: &marking,
            used: 125,
            limit: 600,
            end: End::TimedOut,
            questions: &questions,
            answers: &answers,
            marked: &marked,
            earlier: &[40.0, 60.0],
            width: 60,
            palette: Palette::PLAIN,
        });
        assert!(text.starts_with("Time up: paper submitted\n"), "{text}");
        assert!(text.contains("Score       5.33 of 10.00 (53%)"), "{text}");
        assert!(text.contains("Marks       +6.00 for 3 right · −0.67 lost to 1 wrong\n"), "{text}");
        assert!(text.contains("3 right · 1 wrong · 1 unanswered"), "{text}");
        assert!(text.contains("75% of the 4 attempted"), "{text}");
        assert!(text.contains("best 60% · last 60% · this 53% (2 before)"), "{text}");
        assert!(text.contains("Your answer: (left blank)"), "{text}");
        assert!(text.contains("Right answer: (d) a"), "{text}");
        assert!(text.lines().all(|l| crate::text::width(l) <= 60), "{text}");
    }

    /// A deck's escapes in the review and the topic table are written out, never printed.
    #[test]
    fn the_review_writes_control_characters_out() {
        let mut question = q("polity\u{1b}[1m", 0);
        question.prompt = "Which \u{1b}[31mred?".into();
        question.options[1] = "wrong\u{7}".into();
        question.explain = Some("because \u{1b}[2J".into());
        let questions = [question];
        let marking = Marking::upsc();
        let marked = mark(&questions, &[Some(1)], &marking);
        let text = result(&ResultView {
            marking: &marking,
            used: 1,
            limit: 60,
            end: End::Submitted,
            questions: &questions,
            answers: &[Some(1)],
            marked: &marked,
            earlier: &[],
            width: 80,
            palette: Palette::PLAIN,
        });
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text:?}");
        for shown in
            [r"Which \u{1b}[31mred?", r"wrong\u{7}", r"because \u{1b}[2J", r"polity\u{1b}[1m"]
        {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn a_first_paper_has_nothing_to_compare() {
        let questions = [q("polity", 0)];
        let marking = Marking::upsc();
        let marked = mark(&questions, &[None], &marking);
        let text = result(&ResultView {
            marking: &marking,
            used: 1,
            limit: 60,
            end: End::Submitted,
            questions: &questions,
            answers: &[None],
            marked: &marked,
            earlier: &[],
            width: 80,
            palette: Palette::PLAIN,
        });
        assert!(text.contains("your first marked paper: nothing to compare yet"), "{text}");
        assert!(text.contains("Marks       none: nothing attempted\n"), "{text}");
        assert!(text.contains("Accuracy    nothing attempted"), "{text}");
    }

    /// The instructions name the paper's size, time and marking, and what a guess is worth
    /// under that marking, exactly: nothing for a blind guess among four under UPSC marking.
    #[test]
    fn instructions_say_what_the_paper_is_and_what_a_guess_is_worth() {
        let decks = vec!["polity".to_owned()];
        let upsc = Marking::upsc();
        let brief = Brief { questions: 25, options: 4, limit: 1800, marking: &upsc, decks: &decks };
        let lines = instructions(&brief, 60);
        assert!(lines.iter().all(|l| crate::text::width(l) <= 60), "{lines:#?}");
        let text = lines.join("\n");
        assert!(
            text.starts_with("Mock paper: 25 questions in 30 minutes\nDecks: polity\n\n"),
            "{text}"
        );
        let flat = text.replace('\n', " ");
        assert!(flat.contains("Marking (upsc): +2 for a right answer, −2/3 for a wrong one, 0 for a question left blank."), "{flat}");
        assert!(flat.contains("A blind guess among 4 options is worth 0.00 marks on average; with one option ruled out, +0.22."), "{flat}");
        assert!(flat.contains("The clock starts when you press Enter"), "{flat}");

        let none = Marking::none();
        let one = Brief { questions: 1, options: 4, limit: 30, marking: &none, decks: &[] };
        let text = instructions(&one, 80).join("\n");
        assert!(text.starts_with("Mock paper: 1 question in 30 seconds\n\n"), "{text}");
        assert!(
            text.contains("Marking (none): +1 for a right answer, nothing off for a wrong one"),
            "{text}"
        );
        assert!(text.contains("A wrong answer costs nothing under this marking"), "{text}");

        // A heavy penalty makes a blind guess cost marks.
        let harsh = Marking::parse("+1/-1").unwrap();
        let b = Brief { questions: 100, options: 4, limit: 7200, marking: &harsh, decks: &[] };
        let flat = instructions(&b, 200).join(" ");
        assert!(flat.contains("in 2 h"), "{flat}");
        assert!(
            flat.contains("is worth −0.50 marks on average; with one option ruled out, −0.33."),
            "{flat}"
        );
    }

    #[test]
    fn negative_percentages_have_a_true_minus() {
        assert_eq!(percent(-26.666), "−27%");
        assert_eq!(percent(-0.4), "0%");
        assert_eq!(percent(53.3), "53%");
    }

    #[test]
    fn time_in_words() {
        assert_eq!(time_words(30), "30 seconds");
        assert_eq!(time_words(60), "1 minute");
        assert_eq!(time_words(5400), "90 minutes");
        assert_eq!(time_words(9000), "2 h 30 min");
    }

    /// The marks line says only what happened: no `−0.00 lost to 0 wrong` on a paper without
    /// wrong answers, and no loss at all under a scheme without a penalty.
    #[test]
    fn the_marks_line_leaves_out_what_did_not_happen() {
        let questions = [q("polity", 0), q("polity", 1)];
        let line = |marking: &Marking, answers: &[Option<usize>]| {
            let marked = mark(&questions, answers, marking);
            let text = result(&ResultView {
                marking,
                used: 1,
                limit: 60,
                end: End::Submitted,
                questions: &questions,
                answers,
                marked: &marked,
                earlier: &[],
                width: 80,
                palette: Palette::PLAIN,
            });
            text.lines().find(|l| l.starts_with("Marks")).unwrap().to_owned()
        };
        let upsc = Marking::upsc();
        assert_eq!(line(&upsc, &[Some(0), Some(1)]), "Marks       +4.00 for 2 right");
        assert_eq!(line(&upsc, &[Some(1), None]), "Marks       −0.67 lost to 1 wrong");
        assert_eq!(
            line(&Marking::none(), &[Some(0), Some(0)]),
            "Marks       +1.00 for 1 right · 1 wrong, no marks lost (this scheme has no penalty)"
        );
    }
}
