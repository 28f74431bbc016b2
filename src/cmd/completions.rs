//! `recall completions SHELL`: the shell's completion script, from clap's own generator, so it
//! always matches the command line it completes (every command, flag and value list).

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    // Into a buffer first: the generator panics when a write fails (a full disk), and our
    // writer says it as an error (and a closed pipe not at all).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "recall", &mut script);
    let mut out = crate::out::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
