//! The log files in the sync folder: `log/<device>/<YYYY-MM>.jsonl`, one writer per folder.
//!
//! Reading takes every file of every device; writing only ever appends to this device's file
//! of the month, and fsyncs before it returns. Nothing here rewrites or deletes a line: a torn
//! last line (a crash mid-write) is left where it is and closed with a newline before the
//! next append, so it stays one damaged line that readers skip, and the event it held is
//! written again whole (its sequence number is not in the file).

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::event::{Event, Parsed, parse};

/// The folder of the logs inside the sync folder.
pub const LOG_DIR: &str = "log";

/// What the sync folder holds.
#[derive(Debug, Default)]
pub struct Logs {
    /// Every device's events, in file order: this device's own too, which the store knows
    /// unless it was put back from a backup made before they were written.
    pub events: Vec<Event>,
    /// This device's sequence numbers already in its files.
    pub own: BTreeSet<u64>,
    /// Lines written by a newer recall: file, line number, format version.
    pub newer: Vec<(PathBuf, usize, u32)>,
    /// Lines that are no event: file, line number, why.
    pub damaged: Vec<(PathBuf, usize, String)>,
}

/// Reads every log file under `root`; `me` is this device's id.
pub fn read_all(root: &Path, me: &str) -> std::io::Result<Logs> {
    let mut logs = Logs::default();
    let dir = root.join(LOG_DIR);
    let devices = match std::fs::read_dir(&dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(logs),
        Err(e) => return Err(e),
    };
    let mut folders: Vec<PathBuf> =
        devices.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    folders.sort();
    for folder in folders {
        let device =
            folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read(&file)?;
            let text = String::from_utf8_lossy(&text);
            for (i, line) in text.split('\n').enumerate() {
                match parse(line) {
                    Parsed::Event(event) if event.device != device => logs.damaged.push((
                        file.clone(),
                        i + 1,
                        format!("an event of device {} in the folder of {device}", event.device),
                    )),
                    Parsed::Event(event) => {
                        if device == me {
                            logs.own.insert(event.seq);
                        }
                        logs.events.push(*event);
                    }
                    Parsed::Newer { version } => logs.newer.push((file.clone(), i + 1, version)),
                    Parsed::Damaged(why) => logs.damaged.push((file.clone(), i + 1, why)),
                    Parsed::Blank => {}
                }
            }
        }
    }
    Ok(logs)
}

/// This device's file for `month` (`YYYY-MM`), relative to the sync folder.
pub fn own_file(device: &str, month: &str) -> PathBuf {
    Path::new(LOG_DIR).join(device).join(format!("{month}.jsonl"))
}

/// Appends `lines` to `root/file` and waits until they are on disk; a torn last line is
/// first closed with a newline.
pub fn append(root: &Path, file: &Path, lines: &[String]) -> std::io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let path = root.join(file);
    let folder = path.parent().unwrap_or(root);
    let created = !folder.exists();
    std::fs::create_dir_all(folder)?;
    let mut f = OpenOptions::new().create(true).read(true).append(true).open(&path)?;
    let mut text = String::new();
    if f.seek(SeekFrom::End(0))? > 0 {
        f.seek(SeekFrom::End(-1))?;
        let mut last = [0u8; 1];
        f.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
    }
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    if created {
        // The new folder's entry must survive a power cut too.
        sync_dir(folder)?;
        if let Some(parent) = folder.parent() {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::event::{Body, VERSION};

    fn event(device: &str, seq: u64) -> Event {
        Event {
            v: VERSION,
            id: format!("{device}-{seq}"),
            device: device.into(),
            seq,
            time: "2026-12-05T10:00:00+00:00".into(),
            body: Body::Reset { card: "a/b/forward".into() },
        }
    }

    #[test]
    fn a_torn_line_is_closed_skipped_and_its_event_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = own_file("d1", "2026-12");
        append(dir.path(), &file, &[event("d1", 1).to_line()]).unwrap();
        // A crash in the middle of the second line.
        let torn = event("d1", 2).to_line();
        let mut f = OpenOptions::new().append(true).open(dir.path().join(&file)).unwrap();
        f.write_all(&torn.as_bytes()[..20]).unwrap();
        drop(f);
        let logs = read_all(dir.path(), "d1").unwrap();
        assert_eq!(logs.own, BTreeSet::from([1]));
        assert_eq!(logs.damaged.len(), 1);

        append(dir.path(), &file, std::slice::from_ref(&torn)).unwrap();
        let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert_eq!(text.lines().count(), 3, "nothing rewritten: {text}");
        assert!(text.ends_with(&format!("{torn}\n")));
        let logs = read_all(dir.path(), "d1").unwrap();
        assert_eq!(logs.own, BTreeSet::from([1, 2]));
        assert_eq!(logs.damaged.len(), 1, "the torn fragment stays one skipped line");
    }

    #[test]
    fn other_devices_events_are_read_and_misplaced_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), &own_file("d2", "2026-11"), &[event("d2", 1).to_line()]).unwrap();
        append(dir.path(), &own_file("d2", "2026-12"), &[event("d2", 2).to_line()]).unwrap();
        append(dir.path(), &own_file("d3", "2026-12"), &[event("d2", 3).to_line()]).unwrap();
        let newer = event("d3", 1).to_line().replacen(r#""v":1"#, r#""v":9"#, 1);
        append(dir.path(), &own_file("d3", "2026-12"), &[newer]).unwrap();
        let logs = read_all(dir.path(), "d1").unwrap();
        let seqs: Vec<u64> = logs.events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 2]);
        assert!(logs.own.is_empty());
        assert_eq!(logs.damaged.len(), 1);
        assert_eq!(logs.newer.len(), 1);
        assert_eq!(logs.newer[0].1, 2);
        assert_eq!(logs.newer[0].2, 9);
    }
}
