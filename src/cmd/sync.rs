//! `recall sync init REMOTE | --folder DIR` and `recall sync`: progress shared between the
//! learner's computers through git or a shared folder ([`crate::sync`]).
//!
//! A thin shell: take the sync lock and the session lock (a sync moves cards a running
//! session schedules), close sessions a crash left open (their answers then travel with their
//! session), run one sync and say what it did.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{SyncArgs, SyncCommand, SyncInitArgs, UsageError};
use crate::context::Context;
use crate::store::Store;
use crate::sync::{self, CrashAt, SyncLock, Target, git};

pub fn run(ctx: &Context, args: &SyncArgs) -> anyhow::Result<ExitCode> {
    let data = ctx.data_dir()?;
    let _sync = SyncLock::acquire(&data)?;
    let mut store = ctx.open_store()?;
    let _session = store.lock_session()?;
    store.close_unfinished_sessions()?;
    if let Some(SyncCommand::Init(init)) = &args.command {
        set_up(ctx, &mut store, &data, init)?;
    }
    let Some(target) = store.sync_value("target")?.and_then(|t| Target::from_text(&t)) else {
        return Err(UsageError(
            "sync is not set up on this computer: run `recall sync init REMOTE` (a git URL or \
             a bare repository) or `recall sync init --folder DIR`"
                .into(),
        )
        .into());
    };
    // A test stops the sync where `kill -9` could (see `CrashAt`).
    let crash = std::env::var("RECALL_SYNC_CRASH").ok().and_then(|s| CrashAt::from_name(&s));
    let report = sync::sync(&mut store, &data, ctx.now, &ctx.tz, crash)?;

    for (file, line, version) in &report.newer {
        errln!(
            "recall: warning: {}:{line}: written by a newer recall (log format {version}); \
             skipped, update recall to take it in",
            file.display()
        );
    }
    for (file, line, why) in &report.damaged {
        errln!("recall: warning: {}:{line}: not a recall event ({why}); skipped", file.display());
    }
    let m = &report.merge;
    let mut out = crate::out::stdout();
    let received = if m.applied == 0 {
        "nothing new from other computers".to_owned()
    } else {
        // Only the parts there are: "(0 answers, 0 sessions)" after an undo says nothing.
        let parts: Vec<String> = [
            (m.answers, "answer"),
            (m.sessions, "session"),
            (m.resets, "reset"),
            (m.undos, "undo"),
            (m.settings, "setting"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(*n, word))
        .collect();
        let parts =
            if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) };
        plural(m.applied, "event") + &parts
    };
    let cards = if m.cards == 0 {
        "none changed".to_owned()
    } else {
        format!("{} brought up to date", m.cards)
    };
    // One fact a line, as a session's summary: a long remote never pushes the counts past
    // 80 columns.
    writeln!(out, "Synced with {}", target.show())?;
    writeln!(out, "  Sent        {}", plural(report.sent, "event"))?;
    writeln!(out, "  Received    {received}")?;
    writeln!(out, "  Cards       {cards}")?;
    if m.parameters {
        writeln!(out, "New FSRS parameters arrived; every card's memory was recomputed.")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// `recall sync init`: records where to sync (a second init with the same target is
/// harmless; another target is refused, so a typo never splits a learner's history).
fn set_up(
    ctx: &Context,
    store: &mut Store,
    data: &Path,
    args: &SyncInitArgs,
) -> anyhow::Result<()> {
    let target = match (&args.remote, &args.folder) {
        (Some(remote), _) => Target::Git(absolute_remote(remote)),
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow::anyhow!("{}: cannot create the folder ({e})", dir.display())
            })?;
            Target::Folder(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone()))
        }
        (None, None) => return Err(UsageError("give a git REMOTE or --folder DIR".into()).into()),
    };
    if let Some(old) = store.sync_value("target")?.and_then(|t| Target::from_text(&t)) {
        if old == target {
            return Ok(());
        }
        return Err(UsageError(format!(
            "this computer already syncs with {}; recall syncs a computer with one remote or \
             folder only: run `recall sync` to sync there",
            old.show()
        ))
        .into());
    }
    if let Target::Git(remote) = &target {
        let dir = data.join(sync::GIT_DIR);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        }
        git::Repo::init(&dir, remote)?;
    }
    let device = store.sync_device(ctx.now)?;
    store.set_sync_value("target", &target.to_text())?;
    let mut out = crate::out::stdout();
    writeln!(
        out,
        "Sync set up with {}; this computer is device {}.",
        target.show(),
        &device[device.len().saturating_sub(12)..]
    )?;
    Ok(())
}

/// A remote given as a path that exists is made absolute: git runs inside the clone, where a
/// relative path would lead elsewhere.
fn absolute_remote(remote: &str) -> String {
    let path = PathBuf::from(remote);
    if path.exists() {
        std::fs::canonicalize(&path).map_or_else(|_| remote.to_owned(), |p| p.display().to_string())
    } else {
        remote.to_owned()
    }
}
