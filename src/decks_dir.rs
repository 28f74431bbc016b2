//! The decks folder: where recall reads decks when a command is given no path, where `new` and
//! `import` write new decks, and where a deck named without a folder (`recall add polity`) is
//! looked for. An installed recall runs from any folder, so the decks need a home that does not
//! depend on the current one; a project folder with its own `decks/` keeps working as before.
//!
//! The folder is, in this order ([`DecksDir::choose`]): `RECALL_DECKS_DIR`; the `decks-dir`
//! setting; `./decks` when it exists; `decks` in the data folder. The bundled decks travel
//! inside the binary ([`BUNDLED`]) and are written to that last folder the first time it is
//! needed and does not exist ([`DecksDir::install_bundled`]): a new learner has something to
//! study at once, and a learner who deleted them is never given them back.
//!
//! It sits at the edge, beside [`crate::context`], which builds the [`DecksDir`] from the
//! environment and the settings; it imports only the deck layer's atomic writes.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::deck::write;

/// Where the decks folder's choice came from, for messages that must say which folder they
/// looked in and why that one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `RECALL_DECKS_DIR`.
    Env,
    /// The `decks-dir` setting (`recall config decks-dir DIR`).
    Setting,
    /// `./decks` in the folder recall runs from.
    Here,
    /// `decks` in the data folder: the default when none of the above applies.
    DataDir,
}

/// The decks folder and why it is that one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecksDir {
    pub path: PathBuf,
    pub origin: Origin,
}

/// The name of the folder recall looks for in the current folder and makes in the data folder.
pub const FOLDER_NAME: &str = "decks";

/// One bundled deck: its file name in the decks folder and its text.
#[derive(Clone, Copy, Debug)]
pub struct Bundled {
    pub file: &'static str,
    pub text: &'static str,
}

/// The decks shipped with recall (the files of `decks/` in the source tree; a unit test keeps
/// this list and that folder the same).
pub const BUNDLED: &[Bundled] = &[
    Bundled { file: "india-us-2plus2.ron", text: include_str!("../decks/india-us-2plus2.ron") },
    Bundled { file: "2plus2-questions.ron", text: include_str!("../decks/2plus2-questions.ron") },
];

/// A deck path that names no file here nor in the decks folder (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("`{}` does not exist here ({}) nor in your decks folder {dir}", arg.display(), here.display())]
pub struct NotFound {
    pub arg: PathBuf,
    pub here: PathBuf,
    pub dir: DecksDir,
}

impl DecksDir {
    /// The folder from its sources, in the documented order: the environment variable, the
    /// setting, `./decks` if it exists (`here_has_decks`), else `decks` in `data_dir`. Empty
    /// values count as unset.
    pub fn choose(
        env: Option<&Path>,
        setting: Option<&Path>,
        here_has_decks: bool,
        data_dir: &Path,
    ) -> DecksDir {
        let set = |p: Option<&Path>| p.filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
        if let Some(path) = set(env) {
            DecksDir { path, origin: Origin::Env }
        } else if let Some(path) = set(setting) {
            DecksDir { path, origin: Origin::Setting }
        } else if here_has_decks {
            DecksDir { path: PathBuf::from(FOLDER_NAME), origin: Origin::Here }
        } else {
            DecksDir { path: data_dir.join(FOLDER_NAME), origin: Origin::DataDir }
        }
    }

    /// Where a deck argument is: the path as given when it exists, else the same relative path
    /// inside the decks folder; either with `.ron` added when it has no extension
    /// (`recall add polity`). A dangling link counts as existing, so loading reports it.
    pub fn find(&self, arg: &Path) -> Result<PathBuf, NotFound> {
        let mut candidates = with_ron(arg);
        if arg.is_relative() {
            candidates.extend(with_ron(&self.path.join(arg)));
        }
        candidates.into_iter().find(|p| std::fs::symlink_metadata(p).is_ok()).ok_or_else(|| {
            NotFound {
                arg: arg.to_path_buf(),
                here: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
                dir: self.clone(),
            }
        })
    }

    /// Writes the bundled decks into the folder if it is recall's own default (in the data
    /// folder) and does not exist yet: the first use of recall with no decks anywhere. Returns
    /// the files written (none when nothing was to be done). A folder the learner chose is
    /// never filled, and one that exists is left as it is, even empty.
    pub fn install_bundled(&self) -> Result<Vec<PathBuf>, InstallError> {
        if self.origin != Origin::DataDir || std::fs::symlink_metadata(&self.path).is_ok() {
            return Ok(Vec::new());
        }
        std::fs::create_dir_all(&self.path)
            .map_err(|source| InstallError::Folder { path: self.path.clone(), source })?;
        let mut written = Vec::new();
        for deck in BUNDLED {
            let path = self.path.join(deck.file);
            write::create(&write::check(&path, deck.text.to_owned())?, false)?;
            written.push(path);
        }
        Ok(written)
    }

    /// What a message says about a folder that does not exist: where the choice came from and
    /// how to change it.
    pub fn missing_hint(&self) -> &'static str {
        match self.origin {
            Origin::Env => "set RECALL_DECKS_DIR to a folder that exists, or create this one",
            Origin::Setting => {
                "create it, or change it with `recall config decks-dir DIR` (`auto` for the default)"
            }
            Origin::Here | Origin::DataDir => "create it with `recall new NAME`",
        }
    }
}

impl fmt::Display for DecksDir {
    /// `/home/me/upsc (RECALL_DECKS_DIR)`: the folder and why it is the one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.origin {
            Origin::Env => "from RECALL_DECKS_DIR",
            Origin::Setting => "the decks-dir setting",
            Origin::Here => "the decks folder here",
            Origin::DataDir => "in your data folder",
        };
        // `./decks`, not `decks`: a bare word reads as a name, not as a folder here.
        if self.path.is_relative() && !self.path.starts_with(".") && !self.path.starts_with("..") {
            write!(f, "./{} ({why})", self.path.display())
        } else {
            write!(f, "{} ({why})", self.path.display())
        }
    }
}

/// The bundled decks could not be written.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("cannot create the decks folder {}: {source}", path.display())]
    Folder { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// `path`, and `path.ron` after it when `path` has no extension.
fn with_ron(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![path.to_path_buf()];
    if path.extension().is_none() && path.file_name().is_some() {
        out.push(path.with_extension("ron"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck;

    #[test]
    fn the_folder_is_chosen_in_the_documented_order() {
        let data = Path::new("/data");
        let env = Some(Path::new("/env"));
        let setting = Some(Path::new("/setting"));
        let choose = DecksDir::choose;
        assert_eq!(choose(env, setting, true, data).path, Path::new("/env"));
        assert_eq!(choose(env, setting, true, data).origin, Origin::Env);
        assert_eq!(choose(None, setting, true, data).origin, Origin::Setting);
        assert_eq!(choose(None, None, true, data).path, Path::new("decks"));
        assert_eq!(choose(None, None, true, data).origin, Origin::Here);
        assert_eq!(choose(None, None, false, data).path, Path::new("/data/decks"));
        assert_eq!(choose(None, None, false, data).origin, Origin::DataDir);
        // An empty RECALL_DECKS_DIR is unset, as for any variable a shell may leave empty.
        assert_eq!(choose(Some(Path::new("")), None, false, data).origin, Origin::DataDir);
    }

    #[test]
    fn a_deck_is_found_as_given_then_in_the_folder_with_or_without_ron() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DecksDir { path: tmp.path().join("decks"), origin: Origin::Setting };
        std::fs::create_dir_all(dir.path.join("gs")).unwrap();
        std::fs::write(dir.path.join("polity.ron"), "").unwrap();
        std::fs::write(dir.path.join("gs/economy.ron"), "").unwrap();
        let found = |arg: &str| dir.find(Path::new(arg)).map_err(|e| e.to_string());
        assert_eq!(found("polity.ron").unwrap(), dir.path.join("polity.ron"));
        assert_eq!(found("polity").unwrap(), dir.path.join("polity.ron"));
        assert_eq!(found("gs/economy").unwrap(), dir.path.join("gs/economy.ron"));
        assert_eq!(found("gs").unwrap(), dir.path.join("gs"));
        // An absolute path is only itself.
        let absolute = tmp.path().join("polity.ron");
        let err = dir.find(&absolute).unwrap_err().to_string();
        assert!(err.contains("does not exist here"), "{err}");
        // The message names the folder it looked in and why that one.
        let err = found("history").unwrap_err();
        assert!(err.contains(&format!("{} (the decks-dir setting)", dir.path.display())), "{err}");
    }

    #[test]
    fn bundled_decks_go_only_into_a_missing_default_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let default = DecksDir { path: tmp.path().join("data/decks"), origin: Origin::DataDir };
        let written = default.install_bundled().unwrap();
        assert_eq!(written.len(), BUNDLED.len());
        assert!(written.iter().all(|p| p.is_file()));
        // A second time, or after the learner emptied the folder: nothing.
        for p in &written {
            std::fs::remove_file(p).unwrap();
        }
        assert!(default.install_bundled().unwrap().is_empty());
        // A folder the learner chose is theirs, even when it does not exist.
        let chosen = DecksDir { path: tmp.path().join("mine"), origin: Origin::Setting };
        assert!(chosen.install_bundled().unwrap().is_empty());
        assert!(!chosen.path.exists());
    }

    #[test]
    fn every_bundled_deck_is_a_sound_deck_in_the_source_tree() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
        let mut on_disk: Vec<String> = std::fs::read_dir(&source)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = BUNDLED.iter().map(|b| b.file.to_owned()).collect();
        bundled.sort();
        assert_eq!(bundled, on_disk, "BUNDLED must list every deck in decks/");
        for b in BUNDLED {
            let mut loaded = deck::Loaded::default();
            deck::load_source(Path::new(b.file), b.text, &mut loaded);
            assert_eq!(loaded.error_count(), 0, "{}", b.file);
        }
    }
}
