//! The `git` command-line tool as the transport: a clone of the learner's remote in the data
//! folder (`sync/`), fetched, merged, committed and pushed with `git` itself, so any remote git
//! can reach works (SSH, HTTPS, a bare repository on a USB stick or a network share) and
//! credentials are git's business. No libgit2, no network code of ours.
//!
//! Merges never conflict: each device commits only its own files (`log/<device>/`), so a
//! merge of two devices' work is a union of files. A git operation cut off by a crash (a
//! merge half done, a stale `index.lock`) is cleaned up at the start of the next sync; recall
//! holds its sync lock, so no other recall process is using the clone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The branch every device pushes to and merges from.
pub const BRANCH: &str = "main";

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "git is not installed (or not on PATH): install git, or sync through a folder kept in \
         step by Syncthing or Dropbox with `recall sync init --folder DIR`"
    )]
    Missing,
    #[error("running git: {0}")]
    Io(std::io::Error),
    #[error("`git {command}` failed: {detail}")]
    Failed { command: String, detail: String },
    #[error(
        "could not reach the sync remote {remote}: {detail}\n  hint: your answers are kept \
         here and the next `recall sync` sends them"
    )]
    Unreachable { remote: String, detail: String },
    #[error(
        "the remote {remote} refused the push: {detail}\n  hint: your answers are kept here; \
         run `recall sync` again"
    )]
    Refused { remote: String, detail: String },
}

/// A clone of the sync remote.
#[derive(Debug)]
pub struct Repo {
    pub dir: PathBuf,
}

impl Repo {
    pub fn new(dir: PathBuf) -> Repo {
        Repo { dir }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir).args(args);
        // Messages in English whatever the locale: refusals are recognized by their words.
        cmd.env("LC_ALL", "C");
        cmd
    }

    fn output(&self, args: &[&str]) -> Result<Output, GitError> {
        self.command(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Io(e),
        })
    }

    /// Runs git; an exit other than 0 is an error with git's own words.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(GitError::Failed { command: args.join(" "), detail: detail(&out) })
        }
    }

    /// Whether git exits 0 (a question such as `rev-parse --verify`).
    fn ok(&self, args: &[&str]) -> Result<bool, GitError> {
        Ok(self.output(args)?.status.success())
    }

    /// Makes the clone of `remote`: an empty repository that fetches from it, on the remote's
    /// branch if it has one. A remote git cannot reach is an error, and nothing is left.
    pub fn init(dir: &Path, remote: &str) -> Result<Repo, GitError> {
        std::fs::create_dir_all(dir).map_err(GitError::Io)?;
        let repo = Repo::new(dir.to_path_buf());
        let made = (|| {
            repo.run(&["init", "-q"])?;
            repo.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{BRANCH}")])?;
            // Commits need a name: the learner's own if git has one, else recall's.
            if repo.run(&["config", "user.email"]).is_err() {
                repo.run(&["config", "user.name", "recall"])?;
                repo.run(&["config", "user.email", "recall@localhost"])?;
            }
            // A learner's global signing setting would stop every sync at a passphrase prompt.
            repo.run(&["config", "commit.gpgsign", "false"])?;
            repo.run(&["remote", "add", "origin", remote])?;
            repo.fetch(remote)?;
            if repo.has_remote_branch()? {
                repo.run(&["reset", "-q", "--hard", &format!("origin/{BRANCH}")])?;
            }
            Ok(())
        })();
        match made {
            Ok(()) => Ok(repo),
            Err(e) => {
                // Nothing half made: `recall sync init` can simply be run again.
                let _ = std::fs::remove_dir_all(dir);
                Err(e)
            }
        }
    }

    /// Cleans up what a crash left: a merge half done, a stale lock of the index.
    pub fn recover(&self) -> Result<(), GitError> {
        let git = self.dir.join(".git");
        if git.join("index.lock").exists() {
            std::fs::remove_file(git.join("index.lock")).map_err(GitError::Io)?;
        }
        if git.join("MERGE_HEAD").exists() {
            self.run(&["merge", "--abort"])?;
        }
        Ok(())
    }

    pub fn fetch(&self, remote: &str) -> Result<(), GitError> {
        let out = self.output(&["fetch", "-q", "origin"])?;
        if out.status.success() {
            Ok(())
        } else {
            Err(GitError::Unreachable { remote: remote.to_owned(), detail: detail(&out) })
        }
    }

    fn has_remote_branch(&self) -> Result<bool, GitError> {
        self.ok(&["rev-parse", "-q", "--verify", &format!("refs/remotes/origin/{BRANCH}")])
    }

    fn has_head(&self) -> Result<bool, GitError> {
        self.ok(&["rev-parse", "-q", "--verify", "HEAD"])
    }

    /// Takes in what the other devices pushed (their files only: never a conflict).
    pub fn merge(&self) -> Result<(), GitError> {
        if !self.has_remote_branch()? {
            return Ok(());
        }
        let theirs = format!("origin/{BRANCH}");
        if !self.has_head()? {
            return self.run(&["reset", "-q", "--hard", &theirs]).map(|_| ());
        }
        match self.run(&["merge", "-q", "--no-edit", "-m", "recall: merge", &theirs]) {
            Ok(_) => Ok(()),
            Err(e) => {
                let _ = self.run(&["merge", "--abort"]);
                Err(e)
            }
        }
    }

    /// Commits this device's folder if anything in it changed; returns whether it did.
    pub fn commit(&self, folder: &Path, message: &str) -> Result<bool, GitError> {
        if !self.dir.join(folder).exists() {
            return Ok(false);
        }
        let folder = folder.to_string_lossy();
        self.run(&["add", "--", &folder])?;
        if self.ok(&["diff", "--cached", "--quiet"])? {
            return Ok(false);
        }
        self.run(&["commit", "-q", "--no-verify", "-m", message])?;
        Ok(true)
    }

    /// Whether this clone has commits the remote lacks.
    pub fn ahead(&self) -> Result<bool, GitError> {
        if !self.has_head()? {
            return Ok(false);
        }
        if !self.has_remote_branch()? {
            return Ok(true);
        }
        let count = self.run(&["rev-list", "--count", &format!("origin/{BRANCH}..HEAD")])?;
        Ok(count.trim() != "0")
    }

    /// Lines under `folder` (this device's log: one event a line) that this clone has and the
    /// remote lacks: what a push sends.
    pub fn unpushed_lines(&self, folder: &Path) -> Result<u64, GitError> {
        if !self.has_head()? {
            return Ok(0);
        }
        // Against git's empty tree when the remote has no branch yet.
        let base = if self.has_remote_branch()? {
            format!("origin/{BRANCH}")
        } else {
            "4b825dc642cb6eb9a060e54bf8d69288fbee4904".to_owned()
        };
        let folder = folder.to_string_lossy();
        let out = self.run(&["diff", "--numstat", &base, "HEAD", "--", &folder])?;
        Ok(out.lines().filter_map(|l| l.split_whitespace().next()?.parse::<u64>().ok()).sum())
    }

    /// Pushes; `Ok(false)` if the remote has new commits (fetch, merge and push again).
    pub fn push(&self, remote: &str) -> Result<bool, GitError> {
        let out = self.output(&["push", "-q", "origin", &format!("HEAD:refs/heads/{BRANCH}")])?;
        if out.status.success() {
            return Ok(true);
        }
        let words = detail(&out);
        if ["rejected", "fetch first", "non-fast-forward"].iter().any(|w| words.contains(w)) {
            return Ok(false);
        }
        Err(GitError::Refused { remote: remote.to_owned(), detail: words })
    }
}

/// git's message, on one line.
fn detail(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() { format!("exit status {}", out.status) } else { lines.join("; ") }
}
