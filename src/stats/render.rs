//! The text of `recall stats` and `recall history`, built from computed values and a width.
//!
//! Commands fetch rows, compute, and print what these return: nothing here reads the terminal
//! or the clock, so the whole output is pinned by tests. Colour comes only from console styles,
//! which print plain text when colour is off (`NO_COLOR`, pipes).

use console::{measure_text_width, truncate_str};

use super::activity::{HEATMAP_WEEKS, Tally};
use super::history::SessionRow;
use super::input::{AnswerFact, ExamStatus, SessionMode, Verdict};
use super::memory::Mastery;
use super::report::StatsReport;
use crate::text::{self, Align, Cell, Table};
use crate::ui;

/// What `recall history` and `recall stats` say before the first session.
pub const NO_SESSIONS: &str = "No sessions yet — run `recall study` to start.";

/// Topics and tags listed in the text output (all of them are in `--json`).
const MASTERY_ROWS: usize = 10;

/// `recall stats` as text, no line wider than `width`.
pub fn render_stats(r: &StatsReport, width: usize) -> String {
    let mut out = String::new();
    let c = &r.cards;
    line(
        &mut out,
        width,
        format!(
            "{}  {} new · {} learning · {} young · {} mature",
            ui::bold("Cards"),
            c.new,
            c.learning,
            c.young,
            c.mature
        ),
    );
    line(&mut out, width, format!("       {} facts, {} never seen", c.facts, c.facts_never_seen));
    if r.is_empty() {
        line(&mut out, width, String::new());
        line(&mut out, width, NO_SESSIONS.to_owned());
        return out;
    }

    let week: u32 = r.forecast.iter().take(7).map(|d| d.count).sum();
    let month: u32 = r.forecast.iter().map(|d| d.count).sum();
    line(&mut out, width, String::new());
    line(
        &mut out,
        width,
        format!(
            "{}  {} today · {} in 7 days · {} in {} days",
            ui::bold("Due"),
            r.due_today,
            week,
            month,
            r.forecast.len()
        ),
    );
    if month > 0 {
        let values: Vec<u64> = r.forecast.iter().map(|d| u64::from(d.count)).collect();
        let labels: Vec<(usize, String)> = r
            .forecast
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 7 == 0)
            .map(|(i, d)| (i, if i == 0 { "today".to_owned() } else { short_date(d.date) }))
            .collect();
        out.push_str(&text::column_chart(&values, &labels, 5, width));
    }

    line(&mut out, width, String::new());
    line(
        &mut out,
        width,
        format!(
            "{}  true retention, desired {}",
            ui::bold("Retention"),
            percent(Some(r.desired_retention))
        ),
    );
    let mut t = Table::new(["last", "young", "mature", "all"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right])
        .indent(2);
    for w in &r.retention {
        t.row([
            Cell::from(format!("{} days", w.days)),
            rate(w.young, r.desired_retention),
            rate(w.mature, r.desired_retention),
            rate(w.all, r.desired_retention),
        ]);
    }
    out.push_str(&t.render(width));

    line(&mut out, width, String::new());
    let days = if r.streak_days == 1 { "day" } else { "days" };
    line(
        &mut out,
        width,
        format!(
            "{}  {} {days} · {} studied in {} sessions · {} answers",
            ui::bold("Streak"),
            r.streak_days,
            duration_words(r.study_time_seconds),
            r.sessions,
            r.reviews
        ),
    );

    line(&mut out, width, String::new());
    line(
        &mut out,
        width,
        format!("{}  answers per day, last {HEATMAP_WEEKS} weeks", ui::bold("Calendar")),
    );
    if let Some(first) = r.heatmap.first() {
        let counts: Vec<u32> = r.heatmap.iter().map(|d| d.count).collect();
        out.push_str(&text::heatmap(first.date, &counts, HEATMAP_WEEKS, width));
    }

    let desired = r.desired_retention;
    mastery_section(&mut out, "Topics", "topic", &r.topics, desired, width);
    mastery_section(&mut out, "Tags", "tag", &r.tags, desired, width);

    if !r.weakest.is_empty() {
        out.push('\n');
        out.push_str(&fit(
            &format!("{}  lowest predicted recall now", ui::bold("Weakest facts")),
            width,
        ));
        out.push('\n');
        let mut t = Table::new(["fact", "cue", "recall", "lapses"])
            .align(&[Align::Left, Align::Left, Align::Right, Align::Right])
            .indent(2)
            .shrink_first(&[1, 0]);
        for w in &r.weakest {
            t.row([
                Cell::from(format!("{}/{}", w.deck, w.fact)),
                Cell::from(one_line(&w.cue)),
                Cell::styled(percent(Some(w.recall)), recall_style(w.recall, r.desired_retention)),
                Cell::from(w.lapses.to_string()),
            ]);
        }
        out.push_str(&t.render(width));
    }

    if let Some(e) = &r.exam {
        out.push('\n');
        let when = match e.days_left {
            d if d < 0 => format!("was {} days ago", -d),
            0 => "is today".to_owned(),
            1 => "is tomorrow".to_owned(),
            d => format!("in {d} days"),
        };
        line(&mut out, width, format!("{}  {} {when}", ui::bold("Exam"), e.date));
        line(
            &mut out,
            width,
            format!("      {} of {} facts not yet introduced", e.facts_not_introduced, e.facts),
        );
        if let Some(p) = e.pace {
            let facts = if p.per_day == 1 { "fact" } else { "facts" };
            line(
                &mut out,
                width,
                format!(
                    "      pace: {} new {facts} a day ({} still to learn today)",
                    p.per_day, p.left_today
                ),
            );
        }
        line(
            &mut out,
            width,
            format!(
                "      predicted recall on the exam day: {}",
                percent(Some(e.mean_recall_on_exam_day))
            ),
        );
    }
    out
}

fn mastery_section(
    out: &mut String,
    title: &str,
    column: &str,
    rows: &[Mastery],
    desired: f64,
    width: usize,
) {
    if rows.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&fit(&format!("{}  weakest first", ui::bold(title)), width));
    out.push('\n');
    let mut t = Table::new([column, "facts", "mature", "recall", "accuracy"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right, Align::Right])
        .indent(2)
        .shrink_first(&[0]);
    for m in rows.iter().take(MASTERY_ROWS) {
        t.row([
            Cell::from(m.name.clone()),
            Cell::from(m.facts.to_string()),
            Cell::from(percent(Some(m.mature_share))),
            Cell::styled(percent(Some(m.mean_recall)), recall_style(m.mean_recall, desired)),
            Cell::from(percent(m.accuracy)),
        ]);
    }
    out.push_str(&t.render(width));
    if rows.len() > MASTERY_ROWS {
        let more = format!("  … and {} more (all in --json)", rows.len() - MASTERY_ROWS);
        out.push_str(&fit(&ui::dim(more).to_string(), width));
        out.push('\n');
    }
}

/// `recall history` as text: a table of sessions (newest first) and the accuracy trend. A
/// list of exams only (`--mode exam`) gets the exam table: marks, marking and status per paper.
pub fn render_history(rows: &[SessionRow<'_>], width: usize) -> String {
    if rows.is_empty() {
        return format!("{NO_SESSIONS}\n");
    }
    let mut out = if rows.iter().all(|r| r.session.mode == SessionMode::Exam) {
        exam_table(rows, width)
    } else {
        session_table(rows, width)
    };
    // Oldest on the left, so the line reads forward in time; only as many as fit.
    let label = "accuracy trend, oldest → newest: ";
    let room = width.saturating_sub(measure_text_width(label) + 12).max(1);
    let trend: Vec<Option<f64>> = rows.iter().take(room).rev().map(|r| r.accuracy).collect();
    if trend.len() >= 2 {
        let last = trend.iter().rev().find_map(|a| *a);
        let text =
            format!("{label}{} (latest {})", text::sparkline(&trend, 0.0, 1.0), percent(last));
        out.push('\n');
        out.push_str(&fit(&text, width));
        out.push('\n');
    }
    out
}

/// The score cell of a session: its percentage, or what became of an exam paper that was not
/// marked (`abandoned`, `open`).
fn score_cell(row: &SessionRow<'_>) -> Cell {
    match row.session.status {
        Some(status) if !status.is_marked() => Cell::from(status_text(status)),
        _ => Cell::styled(percent_of_100(row.score_percent), score_style(row.score_percent)),
    }
}

/// An exam's status as the tables show it.
fn status_text(status: ExamStatus) -> &'static str {
    match status {
        ExamStatus::Running => "open",
        other => other.name(),
    }
}

/// ExamDates: answers right, wrong and blank; the marks out of the maximum and as a percentage;
/// the marking scheme; how the paper ended. An abandoned paper has no marks.
fn exam_table(rows: &[SessionRow<'_>], width: usize) -> String {
    let mut t = Table::new([
        "started", "decks", "✓", "✗", "–", "marks", "score", "marking", "status", "time",
    ])
    .align(&[
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
    ])
    .shrink_first(&[1, 7]);
    for row in rows {
        let s = row.session;
        let marks = match row.marks {
            Some(m) if s.max_score > 0.0 => {
                format!("{}/{}", trim_float(m), trim_float(s.max_score))
            }
            Some(m) => trim_float(m),
            None => "—".to_owned(),
        };
        t.row([
            Cell::from(row.started_local.strftime("%Y-%m-%d %H:%M").to_string()),
            Cell::from(s.decks.join(", ")),
            // An unmarked paper's answers were never judged.
            Cell::from(if row.marks.is_some() { s.right.to_string() } else { "—".to_owned() }),
            Cell::from(if row.marks.is_some() { s.wrong.to_string() } else { "—".to_owned() }),
            Cell::from(s.unanswered.to_string()),
            Cell::from(marks),
            match s.status {
                Some(status) if !status.is_marked() => Cell::from("—"),
                _ => score_cell(row),
            },
            Cell::from(s.marking.clone().unwrap_or_default()),
            Cell::from(s.status.map(status_text).unwrap_or("")),
            Cell::from(clock(s.duration_seconds)),
        ]);
    }
    t.render(width)
}

fn session_table(rows: &[SessionRow<'_>], width: usize) -> String {
    let mut t = Table::new(["started", "mode", "decks", "asked", "right", "score", "time"])
        .align(&[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ])
        .shrink_first(&[2]);
    for row in rows {
        let s = row.session;
        t.row([
            Cell::from(row.started_local.strftime("%Y-%m-%d %H:%M").to_string()),
            Cell::from(s.mode.name()),
            Cell::from(s.decks.join(", ")),
            Cell::from(s.questions.to_string()),
            Cell::from(s.right.to_string()),
            score_cell(row),
            Cell::from(clock(s.duration_seconds)),
        ]);
    }
    t.render(width)
}

/// `recall history SESSION-ID` as text: the session's summary and every question in order.
pub fn render_session_detail(row: &SessionRow<'_>, answers: &[AnswerFact], width: usize) -> String {
    let s = row.session;
    let mut out = String::new();
    line(
        &mut out,
        width,
        format!(
            "{} {} · {} · {}",
            ui::bold("Session"),
            s.id,
            s.mode,
            row.started_local.strftime("%Y-%m-%d %H:%M")
        ),
    );
    if !s.decks.is_empty() {
        line(&mut out, width, format!("Decks: {}", s.decks.join(", ")));
    }
    let mut summary = match row.marks {
        // An unmarked paper's answers were never judged: how many were given is what is known.
        None if s.mode == SessionMode::Exam => format!(
            "{} questions · {} answered",
            s.questions,
            s.questions.saturating_sub(s.unanswered)
        ),
        _ => format!("{} questions · {} right · {} wrong", s.questions, s.right, s.wrong),
    };
    if s.mode == SessionMode::Exam {
        summary.push_str(&format!(" · {} unanswered", s.unanswered));
        line(&mut out, width, summary);
        let marking = s.marking.as_deref().map(|m| format!(" · marking {m}")).unwrap_or_default();
        let score = match (row.marks, s.status) {
            (Some(marks), _) => format!(
                "Score {} of {} ({}){marking}",
                trim_float(marks),
                trim_float(s.max_score),
                percent_of_100(row.score_percent)
            ),
            (None, Some(ExamStatus::Abandoned)) => format!("Abandoned: not marked{marking}"),
            (None, _) => format!("Not submitted: not marked{marking}"),
        };
        line(&mut out, width, score);
    } else {
        summary.push_str(&format!(" · score {}", percent_of_100(row.score_percent)));
        line(&mut out, width, summary);
    }
    let ended = match s.status {
        Some(ExamStatus::TimedOut) => " · time up, submitted",
        _ => "",
    };
    line(&mut out, width, format!("Time {}{ended}", clock(s.duration_seconds)));
    out.push('\n');
    if answers.is_empty() {
        out.push_str("No questions were answered in this session.\n");
        return out;
    }
    let mut t = Table::new(["#", "", "question", "answer", "expected", "grade"])
        .align(&[Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left])
        .shrink_first(&[2, 4, 3]);
    for (i, a) in answers.iter().enumerate() {
        let (mark, response) = match a.outcome {
            Verdict::Right => {
                (Cell::styled("✓", console::Style::new().green()), a.response.clone())
            }
            Verdict::Wrong => (Cell::styled("✗", console::Style::new().red()), a.response.clone()),
            Verdict::Unanswered => (Cell::from("–"), "(blank)".to_owned()),
        };
        t.row([
            Cell::from((i + 1).to_string()),
            mark,
            Cell::from(one_line(&a.question)),
            Cell::from(one_line(&response)),
            Cell::from(one_line(&a.expected)),
            Cell::from(a.grade.map(grade_name).unwrap_or("")),
        ]);
    }
    out.push_str(&t.render(width));
    out
}

/// The FSRS grade's name.
pub fn grade_name(grade: u8) -> &'static str {
    match grade {
        1 => "again",
        2 => "hard",
        3 => "good",
        4 => "easy",
        _ => "?",
    }
}

/// A share (0–1) as a whole percentage, `—` for none.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(s) if s.is_finite() => format!("{:.0}%", s * 100.0),
        _ => "—".to_owned(),
    }
}

fn percent_of_100(p: Option<f64>) -> String {
    percent(p.map(|p| p / 100.0))
}

/// "88% of 25" with the share coloured against the desired retention.
fn rate(t: Tally, desired: f64) -> Cell {
    match t.share() {
        None => Cell::from("—"),
        Some(s) => {
            Cell::styled(format!("{} of {}", percent(Some(s)), t.total), recall_style(s, desired))
        }
    }
}

fn recall_style(share: f64, desired: f64) -> console::Style {
    if share >= desired {
        console::Style::new().green()
    } else if share >= desired - 0.15 {
        console::Style::new().yellow()
    } else {
        console::Style::new().red()
    }
}

fn score_style(p: Option<f64>) -> console::Style {
    recall_style(p.unwrap_or(0.0) / 100.0, 0.8)
}

/// "3 h 05 min", "12 min", "40 s".
pub fn duration_words(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

/// "4:05" or "1:02:03".
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// "Dec 7": a forecast axis label.
fn short_date(d: jiff::civil::Date) -> String {
    d.strftime("%b %-d").to_string()
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends `text` cut to `width` and a newline.
fn line(out: &mut String, width: usize, text: String) {
    out.push_str(&fit(&text, width));
    out.push('\n');
}

/// Cuts a line to `width` columns with `…` (styles kept intact).
fn fit(text: &str, width: usize) -> String {
    truncate_str(text, width, "…").into_owned()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::stats::tests::{cards, ist, library, params, reviews, sessions, ts};
    use crate::stats::{HistoryFilter, SessionFact, compute_stats, exam_date, history_rows};

    /// Compares `actual` with the golden file `tests/fixtures/stats/NAME`; with
    /// `RECALL_UPDATE_GOLDEN=1` it writes the file instead (then review the diff).
    fn golden(name: &str, actual: &str) {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats").join(name);
        if std::env::var_os("RECALL_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (RECALL_UPDATE_GOLDEN=1 writes it)", path.display())
        });
        assert_eq!(actual, expected, "output differs from {}", path.display());
    }

    fn report() -> StatsReport {
        let mut p = params();
        p.exam = exam_date(&library(), p.days.day_of(p.now));
        compute_stats(&library(), &cards(), &reviews(), &sessions(), &p)
    }

    fn exam_session() -> SessionFact {
        SessionFact {
            id: 7,
            mode: SessionMode::Exam,
            decks: vec!["polity".to_owned(), "economy".to_owned(), "modern-history".to_owned()],
            started: ts("2026-12-02T04:00:00Z"),
            ended: Some(ts("2026-12-02T04:30:00Z")),
            questions: 30,
            right: 24,
            wrong: 5,
            unanswered: 1,
            score: 44.7,
            max_score: 60.0,
            marking: Some("+2 / −0.66".to_owned()),
            scheme: Some("+2/-0.66".to_owned()),
            status: Some(ExamStatus::Submitted),
            duration_seconds: 1790,
        }
    }

    #[test]
    fn stats_at_60_and_100_columns() {
        console::set_colors_enabled(false);
        let r = report();
        for width in [60, 100] {
            let text = render_stats(&r, width);
            for l in text.lines() {
                assert!(measure_text_width(l) <= width, "{width}: {l:?}");
            }
            golden(&format!("stats-{width}.txt"), &text);
        }
    }

    #[test]
    fn history_table_and_trend() {
        console::set_colors_enabled(false);
        let mut all = sessions();
        all.push(exam_session());
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let text = render_history(&rows, 60);
        for l in text.lines() {
            assert!(measure_text_width(l) <= 60, "{l:?}");
        }
        golden("history-60.txt", &text);
    }

    #[test]
    fn exam_history_table() {
        console::set_colors_enabled(false);
        let mut timed_out = exam_session();
        timed_out.id = 8;
        timed_out.started = ts("2026-12-03T04:00:00Z");
        timed_out.status = Some(ExamStatus::TimedOut);
        timed_out.score = 16.0 / 3.0;
        timed_out.max_score = 10.0;
        timed_out.marking = Some("+2 / −2/3".to_owned());
        let mut abandoned = exam_session();
        abandoned.id = 9;
        abandoned.started = ts("2026-12-04T04:00:00Z");
        abandoned.status = Some(ExamStatus::Abandoned);
        abandoned.score = 0.0;
        let all = [exam_session(), timed_out, abandoned];
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let text = render_history(&rows, 100);
        for l in text.lines() {
            assert!(measure_text_width(l) <= 100, "{l:?}");
        }
        golden("history-exam-100.txt", &text);
        let narrow = render_history(&rows, 60);
        assert!(narrow.lines().all(|l| measure_text_width(l) <= 60), "{narrow}");
        // A mixed list keeps the general table; an abandoned paper says so, with no percentage.
        let mut mixed = sessions();
        mixed.push(all[2].clone());
        let rows = history_rows(&mixed, &HistoryFilter::default(), &ist());
        let first = render_history(&rows, 100).lines().nth(1).unwrap().to_owned();
        assert!(first.contains("abandoned") && !first.contains('%'), "{first}");
        let detail = render_session_detail(&SessionRow::new(&all[2], &ist()), &[], 100);
        assert!(detail.contains("Abandoned: not marked · marking +2 / −0.66"), "{detail}");
        assert!(detail.contains("30 questions · 29 answered · 1 unanswered"), "{detail}");
        let detail = render_session_detail(&SessionRow::new(&all[1], &ist()), &[], 100);
        assert!(detail.contains("Score 5.33 of 10 (53%) · marking +2 / −2/3"), "{detail}");
        assert!(detail.contains("Time 29:50 · time up, submitted"), "{detail}");
    }

    #[test]
    fn session_detail() {
        console::set_colors_enabled(false);
        let session = exam_session();
        let row = SessionRow::new(&session, &ist());
        let answer = |q: &str, expected: &str, response: &str, outcome, grade| AnswerFact {
            time: ts("2026-12-02T04:01:00Z"),
            card: "polity/article-370/forward".parse().unwrap(),
            question: q.to_owned(),
            expected: expected.to_owned(),
            response: response.to_owned(),
            outcome,
            grade,
            duration_ms: 4000,
        };
        let answers = [
            answer(
                "What did Article 370 grant?",
                "Special status to J&K",
                "Special status to J&K",
                Verdict::Right,
                Some(3),
            ),
            answer(
                "Which article protects life and personal liberty?",
                "Article 21",
                "Article 19",
                Verdict::Wrong,
                Some(1),
            ),
            answer("When was GST introduced?", "1 July 2017", "", Verdict::Unanswered, None),
        ];
        let text = render_session_detail(&row, &answers, 60);
        for l in text.lines() {
            assert!(measure_text_width(l) <= 60, "{l:?}");
        }
        golden("session-60.txt", &text);
        assert!(
            render_session_detail(&row, &[], 60)
                .ends_with("No questions were answered in this session.\n")
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(percent(Some(0.854)), "85%");
        assert_eq!(percent(None), "—");
        assert_eq!(duration_words(45), "45 s");
        assert_eq!(duration_words(1800), "30 min");
        assert_eq!(duration_words(11_100), "3 h 05 min");
        assert_eq!(clock(245), "4:05");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(trim_float(44.70), "44.7");
        assert_eq!(trim_float(60.0), "60");
    }
}
