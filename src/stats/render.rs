//! The text of `recall stats` and `recall history`, built from computed values, a width and a
//! palette.
//!
//! Commands fetch rows, compute, and print what these return: nothing here reads the terminal
//! or the clock, so the whole output is pinned by tests. Everything is drawn through the text
//! layer ([`crate::text`]: tables, charts, styles), in the [`Palette`] the command passes
//! (plain in pipes and with `NO_COLOR`). Imports: `stats` and `text` only.

use std::collections::HashSet;

use super::activity::{HEATMAP_WEEKS, Tally};
use super::history::SessionRow;
use super::input::{AnswerFact, ExamStatus, SessionMode, Verdict};
use super::memory::{ExamOutlook, Mastery};
use super::report::StatsReport;
use crate::text::{self, Align, Cell, Palette, Table, Tone};

/// What `recall history` and `recall stats` say before the first session.
pub const NO_SESSIONS: &str = "No sessions yet — run `recall study` to start.";

/// Topics and tags listed in the text output (all of them are in `--json`).
const MASTERY_ROWS: usize = 10;

/// Text being built for one screen: every line cut to the width, in one palette.
struct Page {
    out: String,
    width: usize,
    palette: Palette,
}

impl Page {
    fn new(width: usize, palette: Palette) -> Page {
        Page { out: String::new(), width, palette }
    }

    /// Appends `text` cut to the width and a newline.
    fn line(&mut self, text: &str) {
        self.out.push_str(&text::fit(text, self.width));
        self.out.push('\n');
    }

    /// Appends prose `text` word-wrapped to the width, starting with `indent` and its further
    /// lines two columns further in: a sentence is not cut short like a table cell.
    fn para(&mut self, indent: &str, text: &str) {
        let rest = format!("{indent}  ");
        for line in text::wrap::wrap_prefixed(indent, text, self.width, &rest) {
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A section's first line: `Title  rest`, the title in bold.
    fn heading(&mut self, title: &str, rest: &str) {
        let text = format!("{}  {rest}", self.palette.bold(title));
        self.line(&text);
    }

    /// Appends text already laid out to the width (a table, a chart).
    fn push(&mut self, laid_out: &str) {
        self.out.push_str(laid_out);
    }
}

/// `recall stats` as text, no line wider than `width`: one section after another, each
/// starting with a blank line and a bold heading.
pub fn render_stats(r: &StatsReport, width: usize, palette: Palette) -> String {
    let mut page = Page::new(width, palette);
    cards_section(&mut page, r);
    if r.is_empty() {
        page.blank();
        page.line(NO_SESSIONS);
        return page.out;
    }
    due_section(&mut page, r);
    retention_section(&mut page, r);
    streak_section(&mut page, r);
    calendar_section(&mut page, r);
    mastery_section(&mut page, "Topics", "topic", &r.topics, r.desired_retention);
    mastery_section(&mut page, "Tags", "tag", &r.tags, r.desired_retention);
    weakest_section(&mut page, r);
    if let Some(e) = &r.exam {
        exam_section(&mut page, e);
    }
    page.out
}

/// Cards by phase, and facts never seen.
fn cards_section(page: &mut Page, r: &StatsReport) {
    let c = &r.cards;
    page.heading(
        "Cards",
        &format!(
            "{} new · {} learning · {} young · {} mature",
            c.new, c.learning, c.young, c.mature
        ),
    );
    page.line(&format!("       {}, {} never seen", facts(c.facts), c.facts_never_seen));
}

/// Due today, this week and in the forecast, with a column chart of the forecast.
fn due_section(page: &mut Page, r: &StatsReport) {
    let week: u32 = r.forecast.iter().take(7).map(|d| d.count).sum();
    let month: u32 = r.forecast.iter().map(|d| d.count).sum();
    page.blank();
    page.heading(
        "Due",
        &format!(
            "{} today · {} in 7 days · {} in {} days",
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
        page.push(&text::column_chart(&values, &labels, 5, page.width, page.palette));
    }
}

/// True retention over the last windows, young and mature cards apart.
fn retention_section(page: &mut Page, r: &StatsReport) {
    page.blank();
    page.heading(
        "Retention",
        &format!("true retention, desired {}", percent(Some(r.desired_retention))),
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
    page.push(&t.render(page.width, page.palette));
}

/// The streak, the time studied and the number of answers.
fn streak_section(page: &mut Page, r: &StatsReport) {
    page.blank();
    let days = if r.streak_days == 1 { "day" } else { "days" };
    let sessions = if r.sessions == 1 { "session" } else { "sessions" };
    let answers = if r.reviews == 1 { "answer" } else { "answers" };
    page.heading(
        "Streak",
        &format!(
            "{} {days} · {} studied in {} {sessions} · {} {answers}",
            r.streak_days,
            duration_words(r.study_time_seconds),
            r.sessions,
            r.reviews
        ),
    );
}

/// The calendar heatmap of answers per day.
fn calendar_section(page: &mut Page, r: &StatsReport) {
    page.blank();
    page.heading("Calendar", &format!("answers per day, last {HEATMAP_WEEKS} weeks"));
    if let Some(first) = r.heatmap.first() {
        let counts: Vec<u32> = r.heatmap.iter().map(|d| d.count).collect();
        page.push(&text::heatmap(first.date, &counts, HEATMAP_WEEKS, page.width, page.palette));
    }
}

/// Topics or tags, weakest first, at most [`MASTERY_ROWS`] of them; nothing when there are
/// none.
fn mastery_section(page: &mut Page, title: &str, column: &str, rows: &[Mastery], desired: f64) {
    if rows.is_empty() {
        return;
    }
    page.blank();
    page.heading(title, "weakest first");
    let mut t = Table::new([column, "facts", "mature", "recall", "accuracy"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right, Align::Right])
        .indent(2)
        .shrink_first(&[0]);
    for m in rows.iter().take(MASTERY_ROWS) {
        t.row([
            Cell::from(text::printable(&m.name).into_owned()),
            Cell::from(m.facts.to_string()),
            Cell::from(percent(Some(m.mature_share))),
            Cell::styled(percent(Some(m.mean_recall)), recall_tone(m.mean_recall, desired)),
            Cell::from(percent(m.accuracy)),
        ]);
    }
    page.push(&t.render(page.width, page.palette));
    if rows.len() > MASTERY_ROWS {
        let more = format!("  … and {} more (all in --json)", rows.len() - MASTERY_ROWS);
        let more = page.palette.dim(more).to_string();
        page.line(&more);
    }
}

/// The weakest facts: those missed at their latest answer first, then the lowest predicted
/// recall now ([`super::memory::weakest_facts`]); nothing when there are none. A fact missed
/// last shows `missed` for its recall: the figure right after a miss is high and says nothing
/// of how weak it is.
fn weakest_section(page: &mut Page, r: &StatsReport) {
    if r.weakest.is_empty() {
        return;
    }
    page.blank();
    page.heading("Weakest facts", "missed last, then lowest recall");
    // A fact as DECK/FACT, or FACT alone when DECK/FACT, a cue of 20 columns and the figures
    // do not fit and the facts listed differ: cut ids ("india-us-2plus2/two-plus-two-…") would
    // read the same.
    let ids: Vec<String> = r.weakest.iter().map(|w| format!("{}/{}", w.deck, w.fact)).collect();
    let widest = |texts: &mut dyn Iterator<Item = usize>| texts.max().unwrap_or(0);
    let id_width = widest(&mut ids.iter().map(|id| crate::text::width(id)));
    let cue_width = widest(&mut r.weakest.iter().map(|w| crate::text::width(&one_line(&w.cue))));
    let distinct = r.weakest.iter().map(|w| &w.fact).collect::<HashSet<_>>().len() == ids.len();
    let needed = 2 + id_width + cue_width.min(20) + "recall".len() + "misses".len() + 3 * 2;
    let fact_only = distinct && needed > page.width;
    let mut t = Table::new(["fact", "cue", "recall", "misses"])
        .align(&[Align::Left, Align::Left, Align::Right, Align::Right])
        .indent(2)
        .shrink_first(&[1, 0]);
    for (w, id) in r.weakest.iter().zip(ids) {
        t.row([
            Cell::from(if fact_only { w.fact.to_string() } else { id }),
            Cell::from(one_line(&w.cue)),
            match w.missed_last {
                Some(_) => Cell::styled("missed", Tone::Bad),
                None => Cell::styled(
                    percent(Some(w.recall)),
                    recall_tone(w.recall, r.desired_retention),
                ),
            },
            Cell::from(w.misses.to_string()),
        ]);
    }
    page.push(&t.render(page.width, page.palette));
}

/// The exam date: days left, facts not yet introduced, the pace and the predicted recall.
fn exam_section(page: &mut Page, e: &ExamOutlook) {
    page.blank();
    let when = match e.days_left {
        -1 => "was yesterday".to_owned(),
        d if d < 0 => format!("was {} days ago", -d),
        0 => "is today".to_owned(),
        1 => "is tomorrow".to_owned(),
        d => format!("in {d} days"),
    };
    page.heading("Exam", &format!("{} {when}", e.date));
    page.line(&format!(
        "      {} of {} not yet introduced",
        e.facts_not_introduced,
        facts(e.facts)
    ));
    if let Some(p) = e.pace {
        let facts = if p.per_day == 1 { "fact" } else { "facts" };
        page.line(&format!(
            "      pace: {} new {facts} a day ({} still to learn today)",
            p.per_day, p.left_today
        ));
    }
    // A past exam's recall is the model's estimate of that day, not a prediction.
    let recall = if e.days_left < 0 { "estimated" } else { "predicted" };
    page.line(&format!(
        "      {recall} recall on the exam day: {}",
        percent(Some(e.mean_recall_on_exam_day))
    ));
    if let (Some((lo, hi)), Some(r)) = (e.recall_range, e.reach) {
        let reviews = if r.reviews == 1 { "review" } else { "reviews" };
        page.para(
            "      ",
            &format!(
                "likely {}–{}: your memory model is checked on {} {reviews} so far",
                percent(Some(lo)),
                percent(Some(hi)),
                r.reviews
            ),
        );
    }
    if let Some(r) = e.reach.filter(|r| r.calibration > 0.0) {
        page.para(
            "      ",
            &format!(
                "you pass fewer reviews than predicted: sessions plan {:.0} points higher",
                r.calibration * 100.0
            ),
        );
    }
    if let Some(r) = e.reach {
        let pace = match r.minutes_per_day {
            None => String::new(),
            Some(m) if m < 1.0 => "at your pace of under a minute a day, ".to_owned(),
            Some(m) => format!("at your pace of {m:.0} min a day, "),
        };
        if !r.safe() {
            page.para(
                "      ",
                &format!(
                    "warning: {pace}{} on the day {} out of reach",
                    percent(Some(r.target)),
                    if r.reachable() { "may be" } else { "is" }
                ),
            );
        }
        // New facts a day only when the limit is what falls short: the pace line above
        // already says how many the plan introduces.
        let new = if r.new_per_day_needed > r.new_per_day_limit {
            format!(
                " and {} new facts a day (your limit: {})",
                r.new_per_day_needed, r.new_per_day_limit
            )
        } else {
            String::new()
        };
        // Said even when the pace is enough: what the plan asks is worth knowing either way.
        let yours = match r.minutes_per_day.filter(|_| r.safe()) {
            Some(m) if m >= 1.0 => format!(" (you give {m:.0})"),
            _ => String::new(),
        };
        page.para(
            "      ",
            &format!(
                "it takes {} min a day{new} from now{yours}",
                minutes_range(r.minutes_needed_per_day, r.minutes_needed_high)
            ),
        );
    }
}

/// Minutes a day as the exam warnings give them, rounded up: "about 12", or the likely range
/// ("12–24") when it is wider than a minute.
pub fn minutes_range(low: f64, high: f64) -> String {
    let (lo, hi) = (low.ceil(), high.max(low).ceil());
    if hi > lo { format!("{lo:.0}–{hi:.0}") } else { format!("about {lo:.0}") }
}

/// `recall history` as text: a table of sessions (newest first, each with the id `recall
/// history ID` takes) and the trend of their scores. A list of exams only (`--mode exam`) gets
/// the exam table: marks, marking and status per paper.
///
/// The trend plots the table's own `score` column, so its `latest` is a figure the table shows
/// (a paper's marks percentage, a study session's share right): a trend of another measure
/// under a `score` column read as a contradiction.
pub fn render_history(rows: &[SessionRow<'_>], width: usize, palette: Palette) -> String {
    if rows.is_empty() {
        return format!("{NO_SESSIONS}\n");
    }
    let mut out = if rows.iter().all(|r| r.session.mode == SessionMode::Exam) {
        exam_table(rows, width, palette)
    } else {
        session_table(rows, width, palette)
    };
    // Oldest on the left, so the line reads forward in time; only as many as fit.
    let label = "score trend, oldest → newest: ";
    let room = width.saturating_sub(text::width(label) + 14).max(1);
    let trend: Vec<Option<f64>> = rows.iter().take(room).rev().map(|r| r.score_percent).collect();
    if trend.len() >= 2 {
        let last = trend.iter().rev().find_map(|p| *p);
        // Negative marking can take a paper below 0 %: the floor moves down to show it.
        let lo = trend.iter().flatten().copied().fold(0.0f64, f64::min);
        let line = format!(
            "{label}{} (latest {})",
            text::sparkline(&trend, lo, 100.0),
            percent_of_100(last)
        );
        out.push('\n');
        out.push_str(&text::fit(&line, width));
        out.push('\n');
    }
    out
}

/// The score cell of a session: its percentage, or what became of an exam paper that was not
/// marked (`abandoned`, `open`).
fn score_cell(row: &SessionRow<'_>) -> Cell {
    match row.session.status {
        Some(status) if !status.is_marked() => Cell::from(status_text(status)),
        _ => Cell::styled(percent_of_100(row.score_percent), score_tone(row.score_percent)),
    }
}

/// An exam's status as the tables show it.
fn status_text(status: ExamStatus) -> &'static str {
    match status {
        ExamStatus::Running => "open",
        other => other.name(),
    }
}

/// Exams: the id, answers right, wrong and blank; the marks out of the maximum and as a
/// percentage; the marking scheme; how the paper ended. An abandoned paper has no marks.
fn exam_table(rows: &[SessionRow<'_>], width: usize, palette: Palette) -> String {
    let mut t = Table::new([
        "id", "started", "decks", "✓", "✗", "–", "marks", "score", "marking", "status", "time",
    ])
    .align(&[
        Align::Right,
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
    .shrink_first(&[2, 8]);
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
            Cell::from(s.id.to_string()),
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
            // `+2/−2/3` rather than `+2 / −2/3`: three columns that let the table fit 80.
            Cell::from(s.marking.as_deref().unwrap_or_default().replace(" / ", "/")),
            Cell::from(s.status.map(status_text).unwrap_or("")),
            Cell::from(clock(s.duration_seconds)),
        ]);
    }
    t.render(width, palette)
}

/// Sessions of every mode: the id, when, what was studied, questions and right answers, the
/// score (a paper's marks percentage, else the share right) and the time.
fn session_table(rows: &[SessionRow<'_>], width: usize, palette: Palette) -> String {
    let mut t = Table::new(["id", "started", "mode", "decks", "Qs", "right", "score", "time"])
        .align(&[
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ])
        .shrink_first(&[3]);
    for row in rows {
        let s = row.session;
        t.row([
            Cell::from(s.id.to_string()),
            Cell::from(row.started_local.strftime("%Y-%m-%d %H:%M").to_string()),
            Cell::from(s.mode.name()),
            Cell::from(s.decks.join(", ")),
            Cell::from(s.questions.to_string()),
            Cell::from(s.right.to_string()),
            score_cell(row),
            Cell::from(clock(s.duration_seconds)),
        ]);
    }
    t.render(width, palette)
}

/// `recall history SESSION-ID` as text: the session's summary and every question in order.
pub fn render_session_detail(
    row: &SessionRow<'_>,
    answers: &[AnswerFact],
    width: usize,
    palette: Palette,
) -> String {
    let s = row.session;
    let mut page = Page::new(width, palette);
    page.line(&format!(
        "{} {} · {} · {}",
        palette.bold("Session"),
        s.id,
        s.mode,
        row.started_local.strftime("%Y-%m-%d %H:%M")
    ));
    if !s.decks.is_empty() {
        page.line(&format!("Decks: {}", s.decks.join(", ")));
    }
    let questions = if s.questions == 1 { "question" } else { "questions" };
    let mut summary = match row.marks {
        // An unmarked paper's answers were never judged: how many were given is what is known.
        None if s.mode == SessionMode::Exam => format!(
            "{} {questions} · {} answered",
            s.questions,
            s.questions.saturating_sub(s.unanswered)
        ),
        _ => format!("{} {questions} · {} right · {} wrong", s.questions, s.right, s.wrong),
    };
    if s.mode == SessionMode::Exam {
        summary.push_str(&format!(" · {} unanswered", s.unanswered));
        page.line(&summary);
        let marking = s.marking.as_deref().map(|m| format!(" · marking {m}")).unwrap_or_default();
        // Written as the paper's result wrote it (`paper::render`), so the two agree.
        let score = match (row.marks, s.status) {
            (Some(marks), _) => format!(
                "Score {} of {} ({}){marking}",
                marks2(marks),
                marks2(s.max_score),
                percent_of_100(row.score_percent)
            ),
            (None, Some(ExamStatus::Abandoned)) => format!("Abandoned: not marked{marking}"),
            (None, _) => format!("Not submitted: not marked{marking}"),
        };
        page.line(&score);
        if row.marks.is_some() {
            let attempted = s.questions.saturating_sub(s.unanswered);
            page.line(&match row.accuracy {
                Some(a) => format!("Accuracy {} of the {attempted} attempted", percent(Some(a))),
                None => "Accuracy: nothing attempted".to_owned(),
            });
        }
    } else {
        summary.push_str(&format!(" · score {}", percent_of_100(row.score_percent)));
        page.line(&summary);
    }
    let ended = match s.status {
        Some(ExamStatus::TimedOut) => " · time up, submitted",
        _ => "",
    };
    page.line(&format!("Time {}{ended}", clock(s.duration_seconds)));
    page.blank();
    if answers.is_empty() {
        page.push("No questions were answered in this session.\n");
        return page.out;
    }
    let mut t = Table::new(["#", "", "question", "answer", "expected", "grade"])
        .align(&[Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left])
        .shrink_first(&[2, 4, 3]);
    for (i, a) in answers.iter().enumerate() {
        let (mark, response) = match a.outcome {
            Verdict::Right => (Cell::styled("✓", Tone::Good), a.response.clone()),
            Verdict::Wrong => (Cell::styled("✗", Tone::Bad), a.response.clone()),
            Verdict::Unanswered => (Cell::from("–"), "(blank)".to_owned()),
        };
        let grade = a.grade.map(grade_name).unwrap_or("");
        t.row([
            Cell::from((i + 1).to_string()),
            mark,
            Cell::from(one_line(&a.question)),
            Cell::from(one_line(&response)),
            Cell::from(one_line(&a.expected)),
            Cell::from(if a.regraded { format!("{grade}*") } else { grade.to_owned() }),
        ]);
    }
    page.push(&t.render(width, palette));
    // Statement sets and pairs: each statement, whether it was true and why.
    for (i, a) in answers.iter().enumerate().filter(|(_, a)| !a.statements.is_empty()) {
        page.blank();
        let mut block = String::new();
        text::wrap_into(
            &mut block,
            &format!("{}. {}", i + 1, a.question.lines().last().unwrap_or("")),
            "",
            width,
        );
        for line in &a.statements {
            text::wrap_hanging(&mut block, line, "   ", "      ", width);
        }
        page.push(block.trim_end());
        page.blank();
    }
    if answers.iter().any(|a| a.regraded) {
        page.blank();
        let note = "* you changed the grade recall proposed: ✓ and ✗ follow your grade, as the \
                    counts above and the schedule do";
        let mut wrapped = String::new();
        text::wrap_into(&mut wrapped, note, "  ", width);
        page.push(&palette.dim(wrapped.trim_end()).to_string());
        page.blank();
    }
    page.out
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

/// A percentage (0–100, below 0 under negative marking) rounded to a whole number, formatted
/// as a paper's result formats it, so the two screens never differ by a rounding.
fn percent_of_100(p: Option<f64>) -> String {
    match p {
        Some(p) if p.is_finite() => {
            let whole = format!("{:.0}", p.abs());
            if p < 0.0 && whole != "0" { format!("−{whole}%") } else { format!("{whole}%") }
        }
        _ => "—".to_owned(),
    }
}

/// "88% of 25" with the share coloured against the desired retention.
fn rate(t: Tally, desired: f64) -> Cell {
    match t.share() {
        None => Cell::from("—"),
        Some(s) => {
            Cell::styled(format!("{} of {}", percent(Some(s)), t.total), recall_tone(s, desired))
        }
    }
}

/// Green at or above the desired share, yellow up to 15 points below, red further down.
fn recall_tone(share: f64, desired: f64) -> Tone {
    if share >= desired {
        Tone::Good
    } else if share >= desired - 0.15 {
        Tone::Warn
    } else {
        Tone::Bad
    }
}

/// A session's score (0–100) against 80 %.
fn score_tone(p: Option<f64>) -> Tone {
    recall_tone(p.unwrap_or(0.0) / 100.0, 0.8)
}

/// "3 h 05 min", "12 min", "40 s".
pub fn duration_words(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

/// "4:05" or "1:02:03": a session's length in the history tables (minutes unpadded, unlike
/// the exam's [`text::clock`]).
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// "Dec 7": a forecast axis label.
fn short_date(d: jiff::civil::Date) -> String {
    d.strftime("%b %-d").to_string()
}

/// Marks with two decimals and a true minus sign (`5.33`, `−0.67`), as a paper's result writes
/// them; never `-0.00`.
fn marks2(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    if x < 0.0 && s != "0.00" { format!("−{s}") } else { s }
}

/// Marks without trailing zeros (`44.7`, `60`), with a true minus sign as the score beside
/// them and the paper's result write it (`−3.33`); never `-0`.
fn trim_float(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if x < 0.0 && s != "0" { format!("−{s}") } else { s.to_owned() }
}

/// `1 fact`, `6 facts`.
fn facts(n: u32) -> String {
    if n == 1 { "1 fact".to_owned() } else { format!("{n} facts") }
}

/// A deck's text on one line, its control characters written out.
fn one_line(s: &str) -> String {
    text::printable(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
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

    /// Long deck and fact ids at 80 columns: each fact is shown by its id alone, whole, not
    /// as three rows of the same "india-us-2plus2/two-plus-two-…".
    #[test]
    fn weakest_facts_with_long_ids_stay_apart_at_80_columns() {
        let mut r = report();
        let weak = |fact: &str, cue: &str| super::super::memory::WeakFact {
            deck: crate::ids::DeckId::new("india-us-2plus2").unwrap(),
            fact: crate::ids::FactId::new(fact).unwrap(),
            cue: cue.to_owned(),
            topic: None,
            recall: 0.5,
            lapses: 0,
            misses: 1,
            missed_last: None,
        };
        r.weakest = vec![
            weak("two-plus-two-ministers-count", "How many ministers from each country meet?"),
            weak("two-plus-two-ministers", "the ministers each country sends"),
            weak("two-plus-two-agenda", "What do the ministers discuss?"),
        ];
        let text = render_stats(&r, 80, Palette::PLAIN);
        for l in text.lines() {
            assert!(crate::text::width(l) <= 80, "{l:?}");
        }
        for fact in
            ["two-plus-two-ministers-count  ", "two-plus-two-ministers  ", "two-plus-two-agenda  "]
        {
            assert!(text.contains(&format!("  {fact}")), "{fact}: {text}");
        }
        // With room, the deck stays.
        let wide = render_stats(&r, 120, Palette::PLAIN);
        assert!(wide.contains("india-us-2plus2/two-plus-two-agenda"), "{wide}");
    }

    #[test]
    fn stats_at_60_and_100_columns() {
        let r = report();
        for width in [60, 100] {
            let text = render_stats(&r, width, Palette::PLAIN);
            for l in text.lines() {
                assert!(crate::text::width(l) <= width, "{width}: {l:?}");
            }
            golden(&format!("stats-{width}.txt"), &text);
        }
    }

    /// Colour only wraps text already laid out: without its codes, the coloured report is the
    /// plain one, line for line.
    #[test]
    fn colour_changes_no_layout() {
        let r = report();
        let coloured = render_stats(&r, 60, Palette::COLOR);
        assert!(coloured.contains("\u{1b}[1mCards\u{1b}[0m"), "{coloured}");
        assert_eq!(console::strip_ansi_codes(&coloured), render_stats(&r, 60, Palette::PLAIN));
        let mut all = sessions();
        all.push(exam_session());
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let coloured = render_history(&rows, 60, Palette::COLOR);
        assert!(coloured.contains('\u{1b}'), "{coloured}");
        assert_eq!(console::strip_ansi_codes(&coloured), render_history(&rows, 60, Palette::PLAIN));
    }

    #[test]
    fn history_table_and_trend() {
        let mut all = sessions();
        all.push(exam_session());
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let text = render_history(&rows, 60, Palette::PLAIN);
        for l in text.lines() {
            assert!(crate::text::width(l) <= 60, "{l:?}");
        }
        golden("history-60.txt", &text);
    }

    #[test]
    fn exam_history_table() {
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
        let text = render_history(&rows, 100, Palette::PLAIN);
        for l in text.lines() {
            assert!(crate::text::width(l) <= 100, "{l:?}");
        }
        golden("history-exam-100.txt", &text);
        let narrow = render_history(&rows, 60, Palette::PLAIN);
        assert!(narrow.lines().all(|l| crate::text::width(l) <= 60), "{narrow}");
        // A mixed list keeps the general table; an abandoned paper says so, with no percentage.
        let mut mixed = sessions();
        mixed.push(all[2].clone());
        let rows = history_rows(&mixed, &HistoryFilter::default(), &ist());
        let first = render_history(&rows, 100, Palette::PLAIN).lines().nth(1).unwrap().to_owned();
        assert!(first.contains("abandoned") && !first.contains('%'), "{first}");
        let detail =
            render_session_detail(&SessionRow::new(&all[2], &ist()), &[], 100, Palette::PLAIN);
        assert!(detail.contains("Abandoned: not marked · marking +2 / −0.66"), "{detail}");
        assert!(detail.contains("30 questions · 29 answered · 1 unanswered"), "{detail}");
        let detail =
            render_session_detail(&SessionRow::new(&all[1], &ist()), &[], 100, Palette::PLAIN);
        assert!(detail.contains("Score 5.33 of 10.00 (53%) · marking +2 / −2/3"), "{detail}");
        assert!(detail.contains("Accuracy 83% of the 29 attempted"), "{detail}");
        assert!(detail.contains("Time 29:50 · time up, submitted"), "{detail}");
    }

    #[test]
    fn session_detail() {
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
            regraded: false,
            duration_ms: 4000,
            statements: Vec::new(),
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
        let text = render_session_detail(&row, &answers, 60, Palette::PLAIN);
        for l in text.lines() {
            assert!(crate::text::width(l) <= 60, "{l:?}");
        }
        golden("session-60.txt", &text);
        assert!(
            render_session_detail(&row, &[], 60, Palette::PLAIN)
                .ends_with("No questions were answered in this session.\n")
        );
    }

    /// A study answer judged wrong and re-graded to Good is counted right in the session's
    /// totals, so its row shows ✓ (with the grade starred and explained), never ✗ beside
    /// `good`.
    #[test]
    fn a_regraded_answer_shows_as_its_grade_says() {
        let mut session = sessions()[1].clone();
        (session.questions, session.right, session.wrong) = (2, 2, 0);
        let row = SessionRow::new(&session, &ist());
        let answer = |response: &str, regraded| AnswerFact {
            time: ts("2026-11-30T10:01:00Z"),
            card: "polity/article-21/forward".parse().unwrap(),
            question: "Which article protects life?".to_owned(),
            expected: "Article 21".to_owned(),
            response: response.to_owned(),
            outcome: Verdict::Right,
            grade: Some(3),
            regraded,
            duration_ms: 4000,
            statements: Vec::new(),
        };
        let answers = [answer("Article 21", false), answer("Art 12", true)];
        let text = render_session_detail(&row, &answers, 80, Palette::PLAIN);
        assert!(text.contains("2 questions · 2 right · 0 wrong · score 100%"), "{text}");
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("Which article")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        assert!(rows.iter().all(|l| l.contains('✓') && !l.contains('✗')), "{text}");
        assert!(rows[0].ends_with("good") && rows[1].ends_with("good*"), "{text}");
        assert!(text.contains("* you changed the grade recall proposed"), "{text}");
    }

    #[test]
    fn number_formats() {
        assert_eq!(percent(Some(0.854)), "85%");
        // Negative marking: a true minus, as the paper's result writes it; never `-0%`.
        assert_eq!(percent_of_100(Some(-26.67)), "−27%");
        assert_eq!(percent_of_100(Some(-0.2)), "0%");
        assert_eq!(percent(None), "—");
        assert_eq!(duration_words(45), "45 s");
        assert_eq!(duration_words(1800), "30 min");
        assert_eq!(duration_words(11_100), "3 h 05 min");
        assert_eq!(clock(245), "4:05");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(trim_float(44.70), "44.7");
        assert_eq!(trim_float(60.0), "60");
        // A paper marked below zero: the exam list's marks column once read `-3.33/60`.
        assert_eq!(trim_float(-10.0 / 3.0), "−3.33");
        assert_eq!(trim_float(-0.001), "0");
    }
}
