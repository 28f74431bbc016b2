//! `recall man`: the manual page in roff, from clap's own description of the command line
//! (`clap_mangen`), so it says exactly what `--help` says. Printed for `man -l -` or a
//! redirect, or written with one page per command into a folder of `man1` pages.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};

pub fn run(args: &ManArgs) -> anyhow::Result<ExitCode> {
    let cmd = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
            // recall's commands have no subcommands of their own: one page each, and recall.1.
            let pages = 1 + cmd.get_subcommands().filter(|s| !s.is_hide_set()).count();
            clap_mangen::generate_to(cmd, dir)
                .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
            outln!(
                "Wrote {pages} manual pages (recall.1 and one per command) into {}.",
                dir.display()
            )?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page)?;
            let mut out = crate::out::stdout();
            out.write_all(&page)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
