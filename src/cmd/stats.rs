//! `recall stats`: where the learner stands over the decks named (cards, due forecast,
//! retention, streak, calendar, topics, weakest facts, exam outlook), as text or JSON.
//!
//! A thin shell: load and narrow the decks, read the store's rows once, and hand them to
//! [`crate::stats::compute_stats`]. With an exam date (`--exam` or the decks' `exam` fields)
//! it also asks the scheduler for today's pace of new facts, the same quotas `recall study`
//! paces its queue with.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;

use crate::check::{fact_cards, load_decks};
use crate::cli::{StatsArgs, UsageError};
use crate::context::{Access, Context, Workspace};
use crate::deck::Library;
use crate::ids::{CardKey, DeckId, FactId};
use crate::learner::calibrate;
use crate::learner::log;
use crate::quiz::composite::Format;
use crate::schedule::exam_date::plan::{self, ExamGoal};
use crate::schedule::exam_date::reach::{self, CardNow, Estimator, Pace};
use crate::schedule::{
    ExamDates, Filter, LearnerDays, QueueInput, add_days, days_between, exam_new_quotas,
    introduced_today,
};
use crate::session::library_cards;
use crate::stats::{
    CardFact, CardId, ExamPace, ExamReach, StatsJson, StatsParams, compute_stats_counted,
    detail_since, exam_date, render_stats, scope_library,
};
use crate::text::{Align, Palette, Table};
use crate::ui;

pub fn run(ctx: &Context, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let loaded = load_decks(ctx, &args.decks)?;
    // One that matches nothing is a usage error, said as `study` and `exam` say it.
    let filter = Filter::from_flags(&loaded, &args.deck, args.topic.as_deref(), None)
        .map_err(|e| UsageError(e.to_string()))?;
    let library = scope_library(&loaded, &filter.decks, args.topic.as_deref());

    let ws = ctx.open_workspace(Access::Read)?;
    let Workspace { store, settings, .. } = &ws;
    let mut params = StatsParams::new(ctx.now, ctx.tz.clone());
    params.days = LearnerDays::new(ctx.tz.clone(), settings.rollover_hour);
    // Through the f32's shortest decimal form, so 0.9 shows as 0.9 and not 0.8999999761581421.
    params.desired_retention = settings
        .desired_retention
        .to_string()
        .parse()
        .unwrap_or(f64::from(settings.desired_retention));
    if let Some(parameters) = store.fsrs_parameters()? {
        params.decay = crate::schedule::decay(&parameters);
    }
    let today = params.days.day_of(ctx.now);
    params.exam = args.exam.or_else(|| exam_date(&library, today));
    if let Some(exam) = params.exam {
        params.exam_pace = exam_pace(&ws, &loaded, &library, args.exam)?;
        params.exam_reach = exam_reach(ctx, &ws, &library, exam)?;
    }

    let rows = store.stats_rows_since(detail_since(&params))?;
    let sessions = store.stats_sessions()?;
    let cards = with_unanswered_cards(rows.cards, &library);
    let report =
        compute_stats_counted(&library, &cards, &rows.counted, &rows.reviews, &sessions, &params);

    let formats = by_format(&store.exam_format_answers()?);
    // Study sessions keep their tallies in their own rows: one per session, no review read.
    let study_formats: Vec<(Format, u32, u32)> =
        store.study_formats()?.iter().map(|t| (t.format, t.right, t.answered - t.right)).collect();
    let sync = store.sync_status()?;

    // Buffered: stdout is line-buffered, and pretty JSON is thousands of short lines.
    let mut out = std::io::BufWriter::new(crate::out::stdout());
    if args.json {
        let mut json = serde_json::to_value(StatsJson::from(&report))?;
        if let Some(map) = json.as_object_mut() {
            map.insert("formats".to_owned(), formats_json(&formats));
            map.insert("study_formats".to_owned(), formats_json(&study_formats));
            if let Some(sync) = &sync {
                map.insert(
                    "sync".to_owned(),
                    serde_json::json!({
                        "last_sync": sync.last_sync.map(|t| t.to_string()),
                        "waiting": sync.waiting,
                    }),
                );
            }
        }
        serde_json::to_writer_pretty(&mut out, &json).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render_stats(&report, ui::width(), ctx.colors.stdout))?;
        let palette = ctx.colors.stdout;
        if !study_formats.is_empty() {
            let title = "Study by format";
            write!(out, "{}", render_formats(title, &study_formats, ui::width(), palette))?;
        }
        if !formats.is_empty() {
            let title = "Mock papers by format";
            write!(out, "{}", render_formats(title, &formats, ui::width(), palette))?;
        }
        if let Some(sync) = &sync {
            writeln!(out, "\n{}", sync_line(sync, &ctx.tz))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The learner's pace is their mean study time a day over this many days (fewer if they began
/// later): recent enough to be today's pace, long enough to smooth a busy or an idle day.
const PACE_DAYS: i64 = 14;

/// Whether the exam target is within reach for the cards shown ([`reach::reach`] with the
/// learner's parameters and the plan's margin), at the learner's pace, and how many long-term
/// reviews the prediction rests on. `None` once the exam is today or past.
fn exam_reach(
    ctx: &Context,
    ws: &Workspace,
    shown: &Library,
    exam: Date,
) -> anyhow::Result<Option<ExamReach>> {
    let Workspace { store, settings, day, .. } = ws;
    let today = day.today();
    let days_left = days_between(today, exam);
    if days_left <= 0 {
        return Ok(None);
    }
    let scheduler = ws.scheduler()?;
    let states = store.card_states()?;
    // Cards seen are followed one by one; new *facts* are what the pace introduces.
    let mut cards = Vec::new();
    let mut facts: HashSet<(&DeckId, &FactId)> = HashSet::new();
    let mut seen: HashSet<(&DeckId, &FactId)> = HashSet::new();
    let all = library_cards(shown);
    for (key, _) in &all {
        let fact = (&key.deck, &key.fact);
        facts.insert(fact);
        let Some(s) = states.get(key).filter(|s| !s.suspended) else { continue };
        if let (Some(memory), Some(last)) = (s.memory, s.last_review) {
            let last_day = -i64::from(day.days_since(last));
            cards.push(CardNow { memory: memory.into(), last_day });
            seen.insert(fact);
        }
    }
    let new = u32::try_from(facts.difference(&seen).count()).unwrap_or(u32::MAX);
    let since = day.start_of(add_days(today, 1 - PACE_DAYS));
    let (seconds, first) = store.study_seconds_since(since)?;
    let pace = first.map(|first| {
        let days = (days_between(day.day_of(first), today) + 1).clamp(1, PACE_DAYS);
        seconds / 60.0 / days as f64
    });
    let history_days = LearnerDays::new(ctx.tz.clone(), settings.rollover_hour);
    let history = log::store_history(store, &history_days)?;
    let reviews = history.items.len();
    // The plan `recall study` would make today: calibrated as the session will be.
    use crate::learner::refit;
    let last_days = refit::last_days_from(day, exam);
    let gap = refit::calibration(store, &history, last_days)?.map_or(0.0, |c| c.gap);
    let (retention, target) =
        calibrate::raised(settings.desired_retention, settings.exam_target, gap);
    let goal = ExamGoal {
        exam_day: days_left,
        target: (target + plan::PLANNING_MARGIN).min(0.99),
        retention: plan::far_retention(retention),
    };
    // The range: a learner whose recall falls below the model's by its uncertainty fails
    // more reviews, and sessions, once they see it, plan higher (as `recall simulate` checks).
    let shortfall = calibrate::uncertainty(reviews);
    let (high_retention, high_target) = calibrate::raised(retention, target, shortfall);
    let high_goal = ExamGoal {
        target: (high_target + plan::PLANNING_MARGIN).min(0.99),
        retention: plan::far_retention(high_retention),
        ..goal
    };
    let model = scheduler.exam_model();
    let need = reach::reach_range(
        &mut Estimator::new(model.clone(), goal),
        &mut Estimator::pessimistic(model.clone(), high_goal, shortfall),
        0,
        &cards,
        new,
        Pace { minutes_per_day: f64::INFINITY, max_new_per_day: settings.new_per_day },
    );
    Ok(Some(ExamReach {
        // Through the f32's shortest decimal form, so 0.95 shows as 0.95.
        target: settings.exam_target.to_string().parse().unwrap_or(0.95),
        reviews: u32::try_from(reviews).unwrap_or(u32::MAX),
        minutes_needed_per_day: need.minutes_per_day,
        minutes_needed_high: need.minutes_per_day_high,
        new_per_day_needed: need.new_per_day,
        minutes_per_day: pace,
        new_per_day_limit: settings.new_per_day,
        calibration: f64::from(gap),
    }))
}

/// When this computer last synced and what waits to be sent (`recall sync`).
fn sync_line(sync: &crate::store::SyncStatus, tz: &jiff::tz::TimeZone) -> String {
    let when = match sync.last_sync {
        Some(t) => {
            format!("Last synced {}", t.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M"))
        }
        None => "Never synced".to_owned(),
    };
    match sync.waiting {
        0 => format!("{when}; nothing waits to be sent."),
        1 => format!("{when}; 1 event waits to be sent (run `recall sync`)."),
        n => format!("{when}; {n} events wait to be sent (run `recall sync`)."),
    }
}

/// Today's pace of new facts for the decks shown that have an exam ahead: the quotas
/// `recall study` paces its queue with ([`exam_new_quotas`]), over whole decks as study counts
/// them (a `--topic` narrows what is shown, not the pace), within what is left of the
/// new-per-day limit. `None` when no deck shown has an exam ahead.
fn exam_pace(
    ws: &Workspace,
    loaded: &Library,
    shown: &Library,
    flag: Option<Date>,
) -> anyhow::Result<Option<ExamPace>> {
    let Workspace { store, settings, day, .. } = ws;
    let exams =
        ExamDates::from_decks(loaded.decks.iter().map(|f| &f.deck), settings.exam_target, flag);
    let scheduler = ws.scheduler()?;
    let states = store.card_states()?;
    let done = store.day_counts(day)?;
    let cards = library_cards(loaded);
    let input = QueueInput {
        cards: &cards,
        states: &states,
        scheduler: &scheduler,
        day,
        settings,
        filter: &Filter::default(),
        done: &done,
    };
    let shown: HashSet<&DeckId> = shown.decks.iter().map(|f| &f.deck.id).collect();
    let mut paced = false;
    let (mut left, mut introduced) = (0u32, 0u32);
    for (deck, quota) in exam_new_quotas(&input, &exams) {
        if shown.contains(deck) {
            paced = true;
            left = left.saturating_add(quota);
            introduced += introduced_today(&input, deck);
        }
    }
    if !paced {
        return Ok(None);
    }
    // The new-per-day limit holds over all decks together, as in the study queue.
    let left = left.min(settings.new_per_day.saturating_sub(done.new_cards_used(settings)));
    Ok(Some(ExamPace { per_day: left + introduced, left_today: left }))
}

/// The store's cards plus every card of the library that has no row yet (never answered):
/// those are new, and the card counts show them as such.
fn with_unanswered_cards(mut cards: Vec<CardFact>, library: &Library) -> Vec<CardFact> {
    let stored: HashSet<CardKey> = cards.iter().map(|c| c.card.clone()).collect();
    for file in &library.decks {
        for fact in &file.deck.facts {
            for card in fact_cards(&file.deck.id, fact) {
                if !stored.contains(&card) {
                    cards.push(CardFact::new(CardId(cards.len() as i64), card));
                }
            }
        }
    }
    cards
}

/// Answered paper questions per format (direct, statements, pairs, authored): right and
/// wrong, only the formats answered.
fn by_format(answers: &[(Format, bool)]) -> Vec<(Format, u32, u32)> {
    Format::ALL
        .into_iter()
        .filter_map(|f| {
            let (right, wrong) = answers
                .iter()
                .filter(|(g, _)| *g == f)
                .fold((0, 0), |(r, w), (_, ok)| if *ok { (r + 1, w) } else { (r, w + 1) });
            (right + wrong > 0).then_some((f, right, wrong))
        })
        .collect()
}

/// `(format, right, wrong)` as JSON: `{format, answered, right, wrong, accuracy}` each.
fn formats_json(formats: &[(Format, u32, u32)]) -> serde_json::Value {
    formats
        .iter()
        .map(|(f, right, wrong)| {
            serde_json::json!({
                "format": f.slug(),
                "answered": right + wrong,
                "right": right,
                "wrong": wrong,
                "accuracy": f64::from(*right) / f64::from((right + wrong).max(1)),
            })
        })
        .collect()
}

/// A "… by format" table (study sessions, mock papers): where a learner's marks go.
fn render_formats(
    title: &str,
    formats: &[(Format, u32, u32)],
    width: usize,
    palette: Palette,
) -> String {
    let mut table = Table::new(["Format", "Answered", "Right", "Accuracy"])
        .align(&[Align::Left, Align::Right, Align::Right, Align::Right])
        .indent(2);
    for (f, right, wrong) in formats {
        let answered = right + wrong;
        table.row([
            f.slug().to_owned(),
            answered.to_string(),
            right.to_string(),
            format!("{:.0}%", f64::from(*right) / f64::from(answered.max(1)) * 100.0),
        ]);
    }
    format!("\n{}\n{}", palette.bold(title), table.render(width, palette))
}
