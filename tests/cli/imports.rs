//! What an import may never do, whatever file it is handed: write a deck that does not load,
//! read without end (a device, a pipe, a file past its limit), bring NULs or terminal escapes
//! into a deck, or leave temporary files behind.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;
use recall::deck::{Deck, write};

use crate::support::{self, Env, read};

/// Long enough for any import here; only a hang (a pipe nobody writes to) gets near it.
const HANG: Duration = Duration::from_secs(60);

fn deck(path: &Path) -> Deck {
    write::check_text(path, &read(path)).unwrap()
}

/// A small deck to import into, as `recall new` writes it.
fn new_deck(env: &Env, name: &str) -> std::path::PathBuf {
    env.recall().args(["new", name, "--title", "Polity"]).assert().success();
    env.path(name)
}

/// Nothing but the deck (no hidden temporary file) is in the folder.
fn only(env: &Env, names: &[&str]) {
    let mut expected: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    expected.sort();
    let found: Vec<String> = env.files().into_iter().filter(|n| n != "data").collect();
    assert_eq!(found, expected);
}

#[test]
fn an_import_that_would_make_a_deck_too_large_writes_nothing() {
    let env = Env::new();
    let deck_path = new_deck(&env, "p.ron");
    let before = std::fs::read(&deck_path).unwrap();
    // 9 MiB of backslashes, within the 16 MiB import limit: a deck writes each as two, so the
    // deck would be 18 MiB, which `recall check` refuses.
    let mut tsv = b"cue\tanswer\nslashes\t".to_vec();
    tsv.extend(std::iter::repeat_n(b'\\', 9 * 1024 * 1024));
    tsv.push(b'\n');
    env.write("big.tsv", &tsv);
    env.recall()
        .args(["import", "big.tsv", "--into", "p.ron"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("p.ron would not load as it would be written"))
        .stderr(predicate::str::contains("too large for a deck"))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(std::fs::read(&deck_path).unwrap(), before);
    env.recall()
        .args(["import", "big.tsv", "--deck", "big", "-o", "big.ron"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("too large for a deck"));
    only(&env, &["big.tsv", "p.ron"]);
    env.recall().args(["check", "p.ron"]).assert().success();
}

#[test]
fn a_long_cell_makes_a_short_id_and_a_deck_that_checks() {
    let env = Env::new();
    let cue = format!("{} and more words", "Lokpal ".repeat(300_000));
    env.write("long.tsv", format!("cue\tanswer\n{cue}\tan ombudsman\n"));
    env.recall()
        .args(["import", "long.tsv", "--deck", "long", "-o", "long.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 fact"));
    let d = deck(&env.path("long.ron"));
    assert_eq!(d.facts[0].id.as_str(), "lokpal-lokpal-lokpal-lokpal-lokpal-lokpal-lokpal");
    env.recall().args(["check", "long.ron"]).assert().success();
}

#[test]
fn a_file_over_its_limit_is_refused_in_mib_before_it_is_read() {
    let env = Env::new();
    // Sparse: 17 MiB on paper, nothing on disk.
    let csv = std::fs::File::create(env.path("huge.csv")).unwrap();
    csv.set_len(17 * 1024 * 1024).unwrap();
    env.recall()
        .args(["import", "huge.csv", "--deck", "huge"])
        .timeout(HANG)
        .assert()
        .code(1)
        .stderr(
            "recall: error: huge.csv is 17.0 MiB: larger than the 16 MiB limit for a CSV or \
             TSV import\n",
        );
    let log = std::fs::File::create(env.path("huge-log.csv")).unwrap();
    log.set_len(300 * 1024 * 1024).unwrap();
    env.recall().args(["import-history", "huge-log.csv"]).timeout(HANG).assert().code(1).stderr(
        "recall: error: huge-log.csv is 300.0 MiB: larger than the 256 MiB limit for a \
             review log\n",
    );
    assert!(!env.data().exists(), "nothing was imported, so no store was made");
}

#[cfg(target_os = "linux")]
#[test]
fn devices_are_refused_not_read() {
    let env = Env::new();
    let deck_path = new_deck(&env, "p.ron");
    let refused = "recall: error: /dev/zero is a device, not a regular file; recall reads only \
                   regular files\n";
    for args in [
        &["import", "/dev/zero", "--deck", "z"][..],
        &["import", "/dev/zero", "--into", "p.ron"],
        &["import-history", "/dev/zero"],
        &["evaluate", "--history", "/dev/zero"],
    ] {
        env.recall().args(args).timeout(HANG).assert().code(1).stdout("").stderr(refused);
    }
    std::os::unix::fs::symlink("/dev/zero", env.path("zero.apkg")).unwrap();
    env.recall()
        .args(["import", "zero.apkg", "--deck", "z"])
        .timeout(HANG)
        .assert()
        .code(1)
        .stderr("recall: error: zero.apkg is a device, not a regular file; recall reads only regular files\n");
    // A deck that is a device is not read either.
    std::os::unix::fs::symlink("/dev/zero", env.path("z.ron")).unwrap();
    env.recall()
        .args(["add", "z.ron", "--cue", "a", "--answer", "b"])
        .timeout(HANG)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("z.ron is a device, not a regular file"));
    assert!(deck(&deck_path).facts.is_empty());
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_without_waiting() {
    let env = Env::new();
    new_deck(&env, "p.ron");
    for name in ["fifo.csv", "fifo.apkg", "fifo-log.csv"] {
        let status = std::process::Command::new("mkfifo").arg(env.path(name)).status().unwrap();
        assert!(status.success());
    }
    let refused = |name: &str| {
        format!(
            "recall: error: {name} is a named pipe (FIFO), not a regular file; recall reads only \
             regular files\n"
        )
    };
    for (args, name) in [
        (&["import", "fifo.csv", "--deck", "f"][..], "fifo.csv"),
        (&["import", "fifo.csv", "--into", "p.ron"], "fifo.csv"),
        (&["import", "fifo.apkg", "--deck", "f"], "fifo.apkg"),
        (&["import-history", "fifo-log.csv"], "fifo-log.csv"),
    ] {
        env.recall().args(args).timeout(HANG).assert().code(1).stderr(refused(name));
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded() {
    let env = Env::new();
    let text = "Term\tDefinition\nLok Sabha\tलोक सभा, the House of the People\nNITI\tAayog\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    env.write("le.txt", &le);
    env.recall()
        .args(["import", "le.txt", "--deck", "le", "-o", "le.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 2 facts"));
    let d = deck(&env.path("le.ron"));
    assert_eq!(d.facts[0].cue, "Lok Sabha");
    assert_eq!(d.facts[0].answer, "लोक सभा, the House of the People");
    assert!(!read(&env.path("le.ron")).contains('\0'));
    // A file with NULs that is not UTF-16 is refused, not imported as NUL-laden facts.
    env.write("nul.csv", b"cue,answer\nLok\0Sabha,House\n");
    env.recall().args(["import", "nul.csv", "--deck", "nul"]).assert().code(1).stderr(
        predicate::str::starts_with(
            "recall: error: nul.csv holds NUL bytes, so it is not a text export",
        ),
    );
}

#[test]
fn terminal_escapes_and_controls_never_reach_a_deck() {
    let env = Env::new();
    new_deck(&env, "p.ron");
    env.write(
        "esc.csv",
        "cue,answer,tags\n\"\x1b[31mLok Sabha\x1b[0m\",\"House\x07 of the\x1b]0;pwned\x07 People\",pol\x07ity\n",
    );
    env.recall().args(["import", "esc.csv", "--into", "p.ron"]).assert().success();
    env.recall()
        .args(["add", "p.ron", "--cue", "\x1b[2JNITI\x7f Aayog", "--answer", "a\x1b[1mthink tank"])
        .args(["--explain", "line one\nline\x07 two"])
        .assert()
        .success();
    let text = read(&env.path("p.ron"));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    let d = deck(&env.path("p.ron"));
    let facts: Vec<(&str, &str)> =
        d.facts.iter().map(|f| (f.cue.as_str(), f.answer.as_str())).collect();
    assert_eq!(facts, [("Lok Sabha", "House of the People"), ("NITI Aayog", "athink tank")]);
    assert_eq!(d.facts[0].id.as_str(), "lok-sabha");
    assert_eq!(d.facts[0].tags, ["polity"]);
    assert_eq!(d.facts[1].explain.as_deref(), Some("line one\nline two"));
    let preview = env.recall().args(["preview", "p.ron"]).assert().success();
    let shown = String::from_utf8_lossy(&preview.get_output().stdout).into_owned();
    assert!(!shown.contains('\x1b') && !shown.contains('\x07'), "{shown}");
}

#[test]
fn anki_imports_leave_nothing_in_the_temporary_folder() {
    let env = Env::new();
    let tmp = env.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    for (package, id) in [("real.apkg", "a"), ("real.colpkg", "c"), ("real-legacy.apkg", "l")] {
        env.recall()
            .env("TMPDIR", &tmp)
            .arg("import")
            .arg(support::fixture("anki").join(package))
            .args(["--deck", id, "-o", &format!("{id}.ron")])
            .assert()
            .success();
        let left: Vec<_> =
            std::fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "{package} left {left:?}");
    }
}

/// A write killed half-way leaves its temporary file beside the deck; the next write to that
/// folder deletes it once it is old enough to be no write in progress.
#[cfg(unix)]
#[test]
fn temporary_files_of_a_killed_write_are_swept_by_the_next() {
    let env = Env::new();
    let deck_path = new_deck(&env, "p.ron");
    let mut tsv = String::from("cue\tanswer\n");
    for i in 0..200 {
        tsv.push_str(&format!("cue number {i}\tanswer number {i}\n"));
    }
    env.write("rows.tsv", &tsv);
    let mut import = env.command();
    import.args(["import", "rows.tsv", "--into", "p.ron"]);
    let out = support::after_shell("ulimit -f 8", &import).output().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(25), "killed by SIGXFSZ half-way: {out:?}");
    let left: Vec<String> = env.files().into_iter().filter(|n| n.starts_with(".recall-")).collect();
    assert_eq!(left.len(), 1, "{:?}", env.files());
    let tmp = env.path(&left[0]);
    // Another write while it is young keeps it: it could be a write in progress.
    env.recall()
        .args(["add", "p.ron", "--cue", "Lokpal", "--answer", "ombudsman"])
        .assert()
        .success();
    assert!(tmp.exists());
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&tmp).unwrap().set_modified(old).unwrap();
    env.recall().args(["add", "p.ron", "--cue", "CAG", "--answer", "auditor"]).assert().success();
    only(&env, &["p.ron", "rows.tsv"]);
    assert_eq!(deck(&deck_path).facts.len(), 2);
}

/// The package of the report: 132 KB whose collection expands to 4 GiB (a zstd frame of 32,768
/// run-length blocks of 128 KiB zeros). Refused on the size its frame declares, before
/// anything is unpacked, and nothing is left in the temporary folder.
#[test]
fn an_anki_package_that_unpacks_to_gigabytes_is_refused_at_once() {
    use std::io::Write as _;
    let env = Env::new();
    let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd, 0xc0, 0x50];
    frame.extend_from_slice(&(4u64 << 30).to_le_bytes());
    for i in 0..32_768u32 {
        let header = u32::from(i == 32_767) | (1 << 1) | (128 * 1024) << 3;
        frame.extend_from_slice(&header.to_le_bytes()[..3]);
        frame.push(0);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("collection.anki21b", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&frame).unwrap();
    env.write("bomb.apkg", zip.finish().unwrap().into_inner());
    let tmp = env.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    env.recall()
        .env("TMPDIR", &tmp)
        .args(["import", "bomb.apkg", "--deck", "bomb"])
        .timeout(HANG)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "recall: error: bomb.apkg: collection.anki21b unpacks to more than the 1024 MiB \
             limit for an Anki collection (unpacked); nothing was imported\n",
        );
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
    assert!(!env.data().exists());
}
