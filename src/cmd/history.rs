//! `recall history`: one row per session, newest first (text, JSON or CSV), or every question
//! of one session.
//!
//! The session list needs no decks. The detail view of an exam shows its paper as stored (the
//! questions as asked, the learner's choice, the right option, blanks included). For study and
//! cram it shows each question by its fact's cue and answer, from the decks folder when it
//! exists; the store keeps those answers, not wordings, so a card whose fact cannot be found is
//! shown by its key.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::{HistoryArgs, UsageError};
use crate::context::Context;
use crate::deck::{self, Library, cloze};
use crate::ids::Direction;
use crate::schedule::Outcome as Judged;
use crate::stats::{
    AnswerFact, HistoryFilter, SessionMode, SessionRow, Verdict, history_csv, history_json,
    history_rows, render_history, render_session_detail, session_detail_json,
};
use crate::store::{Review, ReviewId, SessionId};
use crate::ui;

pub fn run(ctx: &Context, args: &HistoryArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.read_store()?;
    let sessions = store.stats_sessions()?;
    // Buffered: stdout is line-buffered, and a JSON list of 5,000 sessions has 100,000 lines.
    let mut out = std::io::BufWriter::new(crate::out::stdout());

    if let Some(id) = args.session {
        let Some(session) = sessions.iter().find(|s| s.id == id) else {
            return Err(UsageError(format!(
                "there is no session {id} (`recall history` lists them)"
            ))
            .into());
        };
        let row = SessionRow::new(session, &ctx.tz);
        // An exam lists every question of its paper as asked, blanks included; its answers
        // to the scheduler (reviews) leave the blanks out and are missing for a paper
        // abandoned. Other sessions (and exams without stored questions) list their reviews.
        let mut answers: Vec<AnswerFact> = if session.mode == SessionMode::Exam {
            store.exam_answer_facts(SessionId(id))?
        } else {
            Vec::new()
        };
        if answers.is_empty() {
            let library = default_library(ctx);
            // A statement set of a study session is listed as the set, in its place among
            // the answers, not as the reviews it gave its facts.
            let sets = store.study_sets(SessionId(id))?;
            let in_sets: HashSet<ReviewId> = sets.iter().flat_map(|s| s.reviews.clone()).collect();
            let mut placed: Vec<((i64, u8), AnswerFact)> = store
                .reviews_in_session(SessionId(id))?
                .iter()
                .filter(|r| !in_sets.contains(&r.id))
                .filter_map(|r| Some(((r.id.0, 0), answer_fact(r, &library)?)))
                .collect();
            for set in &sets {
                let Some(card) = set.first_card() else { continue };
                let at = (set.after.map_or(0, |a| a.0), 1);
                placed.push((at, set.answer_fact(card, session.started)));
            }
            placed.sort_by_key(|(at, _)| *at);
            answers = placed.into_iter().map(|(_, a)| a).collect();
        }
        if args.json {
            serde_json::to_writer_pretty(&mut out, &session_detail_json(&row, &answers))
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        } else {
            let text = render_session_detail(&row, &answers, ui::width(), ctx.colors.stdout);
            write!(out, "{text}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    let filter = HistoryFilter { limit: args.limit.map(|n| n as usize), mode: args.mode };
    let rows = history_rows(&sessions, &filter, &ctx.tz);
    if args.json {
        serde_json::to_writer_pretty(&mut out, &history_json(&rows))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else if args.csv {
        write!(out, "{}", history_csv(&rows)?)?;
    } else if let (true, Some(mode)) = (rows.is_empty(), args.mode)
        && !sessions.is_empty()
    {
        // Not "No sessions yet": there are sessions, of other modes.
        let n = sessions.len();
        let all = if n == 1 { "your 1 session".to_owned() } else { format!("your {n} sessions") };
        writeln!(out, "No {mode} sessions among {all}; `recall history` lists them.")?;
    } else {
        write!(out, "{}", render_history(&rows, ui::width(), ctx.colors.stdout))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The decks in the decks folder if it exists, for the cues and answers of the detail view.
/// Problems in them are `recall check`'s business: whatever loads is used.
fn default_library(ctx: &Context) -> Library {
    match ctx.decks_dir() {
        Ok(dir) if dir.path.is_dir() => deck::load_paths(&[dir.path]).library,
        _ => Library::default(),
    }
}

/// One stored answer as the detail view shows it. `None` for a card key this version cannot
/// read (written by a newer one).
fn answer_fact(review: &Review, library: &Library) -> Option<AnswerFact> {
    let card = review.key()?;
    let (question, expected) = match library.fact(&card.deck, &card.fact) {
        Some(fact) => match card.direction {
            Direction::Forward => (fact.gist(), fact.answer.clone()),
            Direction::Reverse => (fact.answer.clone(), fact.cue.clone()),
            Direction::Cloze(n) => cloze_wording(&fact.cloze, usize::from(n))
                .unwrap_or_else(|| (fact.cue.clone(), fact.answer.clone())),
        },
        None => (card.to_string(), String::new()),
    };
    let judged_right = matches!(review.outcome, Judged::Correct | Judged::NearMiss);
    Some(AnswerFact {
        time: review.time,
        card,
        question,
        expected,
        response: review.response.clone(),
        // Right or wrong as the learner's grade says (`correct`), which is what the session's
        // counts and the schedule went by; the judgement recall proposed may differ.
        outcome: if review.correct { Verdict::Right } else { Verdict::Wrong },
        grade: Some(review.grade.number()),
        regraded: review.correct != judged_right,
        duration_ms: review.duration_ms,
        statements: Vec::new(),
    })
}

/// Blank `n` (1-based, counted across the statements in order) as its statement with the blank
/// shown, and the blank's text.
fn cloze_wording(statements: &[String], n: usize) -> Option<(String, String)> {
    let mut seen = 0;
    for statement in statements {
        let blanks = cloze::blanks(statement);
        if n <= seen + blanks.len() {
            let i = n.checked_sub(seen + 1)?;
            return Some((cloze::render(statement, i)?, blanks[i].answer.clone()));
        }
        seen += blanks.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloze_blanks_count_across_statements() {
        let s = vec!["{A} and {B}".to_owned(), "then {C}".to_owned()];
        assert_eq!(cloze_wording(&s, 1), Some(("____ and B".to_owned(), "A".to_owned())));
        assert_eq!(cloze_wording(&s, 3), Some(("then ____".to_owned(), "C".to_owned())));
        assert_eq!(cloze_wording(&s, 4), None);
        assert_eq!(cloze_wording(&s, 0), None);
    }
}
