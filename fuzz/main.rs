//! A small mutation fuzzer on stable Rust, for the readers of files recall did not write: the
//! deck reader, the CSV/TSV/Anki-text importer, the importer of authored questions (CSV/TSV)
//! and the review-log reader ([`targets`]).
//!
//! ```text
//! cargo run --release --example fuzz [-- TARGET...]      # deck, import, questions, log; all by default
//! RECALL_FUZZ_SECONDS=600 RECALL_FUZZ_SEED=7 cargo run --release --example fuzz
//! ```
//!
//! No coverage instrumentation is needed (nor cargo-fuzz, nor a nightly compiler): each target
//! starts from its seed corpus (`fuzz/corpus/TARGET/`, every file run as it is first), then
//! runs inputs made by stacking one to eight random mutations on a corpus file: bit flips,
//! bytes set to values that mean something to a parser, ranges deleted, repeated or spliced in
//! from another file, long runs, and tokens from the target's dictionary (deck syntax, Anki
//! header lines, HTML entities, times and numbers at their limits). `RECALL_FUZZ_SECONDS`
//! (default 20) is the whole run's time, shared between the targets; `RECALL_FUZZ_SEED`
//! (default 1) makes a run repeatable.
//!
//! An input that makes a target panic is written to `fuzz/crashes/TARGET-HASH` and the run ends
//! with exit status 1. Once fixed, the input goes into the target's corpus as its regression
//! case, where `cargo test` replays it (`tests/cli/fuzz_corpus.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer's tool: a setup failure panics

#[path = "targets.rs"]
mod targets;

use std::hash::Hasher;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Inputs grow no larger than this (a parser's cost, not the input size, is under test; the
/// size limits are tested on their own).
const MAX_INPUT: usize = 256 * 1024;

fn main() {
    let seconds: f64 = env_or("RECALL_FUZZ_SECONDS", 20.0);
    let seed: u64 = env_or("RECALL_FUZZ_SEED", 1);
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let chosen: Vec<&targets::Target> = targets::TARGETS
        .iter()
        .filter(|t| wanted.is_empty() || wanted.iter().any(|w| w == t.name))
        .collect();
    if chosen.is_empty() {
        eprintln!("fuzz: no such target; the targets are deck, import, questions, log");
        std::process::exit(2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    // Panics are expected and reported here, with the input: the default hook would print
    // each one's message and backtrace in the middle of the run.
    let last_panic = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let hook_panic = last_panic.clone();
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        *hook_panic.lock().unwrap() = format!("{message}{place}");
    }));
    let share = Duration::from_secs_f64(seconds / chosen.len() as f64);
    println!("fuzz: seed {seed}, {seconds} s in all");
    let mut crashed = false;
    for (i, target) in chosen.into_iter().enumerate() {
        let corpus = read_corpus(&root.join("corpus").join(target.name));
        let mut fuzzer = Fuzzer::new(seed ^ (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let dictionary = dictionary(target.name);
        let started = Instant::now();
        let (mut runs, mut slowest, mut crash) = (0u64, Duration::ZERO, None);
        // Every corpus file as it is, then mutants until the target's share of time is up.
        let mut seeds = corpus.iter().map(|(_, b)| b.clone());
        while started.elapsed() < share || runs < corpus.len() as u64 {
            let input = match seeds.next() {
                Some(bytes) => bytes,
                None => fuzzer.mutant(&corpus, dictionary),
            };
            let one = Instant::now();
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| (target.run)(&input)));
            slowest = slowest.max(one.elapsed());
            runs += 1;
            if result.is_err() {
                crash = Some(input);
                break;
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "fuzz: {:<6} {runs} runs in {elapsed:.1} s ({:.0}/s), corpus {}, slowest {} ms",
            target.name,
            runs as f64 / elapsed.max(1e-9),
            corpus.len(),
            slowest.as_millis()
        );
        if let Some(input) = crash {
            crashed = true;
            let path = save_crash(&root, target.name, &input);
            println!(
                "fuzz: {} CRASHED: {}\nfuzz: input saved to {} ({} bytes)",
                target.name,
                last_panic.lock().unwrap(),
                path.display(),
                input.len()
            );
        }
    }
    if crashed {
        std::process::exit(1);
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")),
        Err(_) => default,
    }
}

/// The files of a corpus folder, by name (so a run is the same on every machine).
fn read_corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no seed", dir.display());
    files
}

/// Writes a crashing input where the developer finds it, named by its content.
fn save_crash(root: &Path, target: &str, input: &[u8]) -> PathBuf {
    let dir = root.join("crashes");
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = std::hash::DefaultHasher::new();
    h.write(input);
    let path = dir.join(format!("{target}-{:016x}", h.finish()));
    std::fs::write(&path, input).unwrap();
    path
}

/// Tokens that mean something to a target's parser, inserted or written over its input.
fn dictionary(target: &str) -> &'static [&'static [u8]] {
    match target {
        "deck" => &[
            b"Deck(",
            b"Fact(",
            b"id: \"",
            b"kind: ",
            b"cue: \"",
            b"answer: \"",
            b"facts: [",
            b"title: \"",
            b"Some(",
            b"None",
            b"r#\"",
            b"\"#",
            b"\\u{",
            b"\\u{1b}",
            b"\\n",
            b"\\",
            b"#![enable(implicit_some)]\n",
            b"//",
            b"/*",
            b"*/",
            b"Term",
            b"Acronym",
            b"Date",
            b"Number",
            b"Statement",
            b"cloze: [\"",
            b"{",
            b"}",
            b"accept: [",
            b"skip: [",
            b"MultipleChoice",
            b"Reverse",
            b"reverse: \"",
            b"question: \"",
            b"topic: \"",
            b"tags: [",
            b"explain: \"",
            b"source: \"",
            b"),\n",
            b"],",
            b"\r\n",
            b"\xef\xbb\xbf",
            b"1e309",
            b"-0",
            b"\xf0\x9f\x98\x80",
            b"\xe0\xa4\xb2",
            b"\xff",
            b"\"\"",
            b"Question(",
            b"stem: \"",
            b"statements: [\"",
            b"pairs: [(\"",
            b"options: [\"",
            b"answer: \"(",
            b"year: ",
            b"65535",
            b"\"1. ",
            b"\"Statement-II: ",
            b"(a) ",
        ],
        "import" => &[
            b"#separator:tab\n",
            b"#separator:Comma\n",
            b"#separator:|\n",
            b"#html:true\n",
            b"#html:false\n",
            b"#tags column:3\n",
            b"#columns:Front,Back,Tags\n",
            b"#guid column:1\n",
            b"#notetype column:2\n",
            b"#deck column:9\n",
            b"&#27;",
            b"&#x1b;",
            b"&#0;",
            b"&amp;",
            b"&#1114111;",
            b"&#xD800;",
            b"<br>",
            b"<div>",
            b"</",
            b"<",
            b"{{c1::",
            b"}}",
            b"\"\"",
            b"\"",
            b"\r\n",
            b"\r",
            b"\t",
            b",",
            b";",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"\xfe\xff",
            b"\x00",
            b"Term\tDefinition\n",
            b"front,back\n",
            b"\x1b[31m",
            b"\x07",
            b"\xe0\xa4\xb2\xe0\xa5\x8b\xe0\xa4\x95",
            b"\xc3\xa9",
            b"\xff",
        ],
        "questions" => &[
            b"stem,statements,pairs,ask,options,answer,explain,source,year,topic,tags\n",
            b"stem\toptions\tanswer\n",
            b"stem",
            b"options",
            b"answer",
            b"statements",
            b"pairs",
            b"year",
            b"id",
            b"|",
            b" = ",
            b"=",
            b"1. ",
            b"2. ",
            b"Statement-I: ",
            b"Statement-II: ",
            b"(a) ",
            b"Only one",
            b"All four",
            b"1 and 4 only",
            b"65536",
            b"2023",
            b"\"\"",
            b"\"",
            b"\r\n",
            b"\t",
            b",",
            b";",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"\x00",
            b"\x1b[31m",
            b"\x1b]0;title\x07",
            b"\xc2\x85",
            b"\xe2\x80\xa8",
            b"\xff",
        ],
        _ => &[
            b"card_id,review_rating,review_time,review_duration\n",
            b"cid,rating,time\n",
            b"card_id",
            b"review_rating",
            b"review_time",
            b"9223372036854775807",
            b"-9223372036854775808",
            b"99999999999999999999",
            b"2024-01-01T00:00:00Z",
            b"2024-02-30T25:61:61+05:30",
            b"9999-12-31T23:59:59Z",
            b"1709460000000",
            b"253402300800000",
            b"4294967295",
            b"4294967296",
            b",",
            b"\n",
            b"\"",
            b"\r\n",
            b" ",
            b"1",
            b"4",
            b"5",
            b"0",
            b"-1",
            b"\xff",
        ],
    }
}

/// Bytes that mean something to one parser or another.
const INTERESTING: [u8; 24] = [
    0, 0xff, 0x7f, 0x80, 0xc0, 0xe0, 0xf0, b'"', b'\\', b'\n', b'\r', b'\t', b',', b';', b'(',
    b')', b'[', b']', b'{', b'}', b'#', b':', 0x1b, b' ',
];

/// The mutator: a seeded xorshift generator and the mutations.
struct Fuzzer {
    state: u64,
}

impl Fuzzer {
    fn new(seed: u64) -> Fuzzer {
        Fuzzer { state: seed.max(1) }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A length, mostly small, now and then large.
    fn length(&mut self) -> usize {
        match self.below(16) {
            0 => self.below(64 * 1024) + 1,
            1..=3 => self.below(512) + 1,
            _ => self.below(8) + 1,
        }
    }

    fn mutant(&mut self, corpus: &[(String, Vec<u8>)], dictionary: &[&[u8]]) -> Vec<u8> {
        let mut data = corpus[self.below(corpus.len())].1.clone();
        let stacked = 1 << self.below(4);
        for _ in 0..stacked {
            self.mutate(&mut data, corpus, dictionary);
        }
        data.truncate(MAX_INPUT);
        data
    }

    fn mutate(&mut self, data: &mut Vec<u8>, corpus: &[(String, Vec<u8>)], dict: &[&[u8]]) {
        let len = data.len();
        let at = self.below(len + 1);
        match self.below(11) {
            0 if len > 0 => {
                let i = self.below(len);
                data[i] ^= 1 << self.below(8);
            }
            1 if len > 0 => {
                let i = self.below(len);
                data[i] = INTERESTING[self.below(INTERESTING.len())];
            }
            2 if len > 0 => {
                let end = (at + self.length()).min(len);
                data.drain(at..end);
            }
            3 if len > 0 => {
                // A range repeated where it was: long lines, nested brackets, repeated rows.
                let start = self.below(len);
                let end = (start + self.length()).min(len);
                let piece = data[start..end].to_vec();
                for _ in 0..1 + self.below(4) {
                    data.splice(start..start, piece.iter().copied());
                }
            }
            4 | 5 => {
                let token = dict[self.below(dict.len())];
                data.splice(at..at, token.iter().copied());
            }
            6 if len > 0 => {
                let token = dict[self.below(dict.len())];
                let end = (at + token.len()).min(len);
                data.splice(at..end, token.iter().copied());
            }
            7 => {
                // A range from another corpus file: structure from one, context from another.
                let other = &corpus[self.below(corpus.len())].1;
                if !other.is_empty() {
                    let start = self.below(other.len());
                    let end = (start + self.length()).min(other.len());
                    data.splice(at..at, other[start..end].iter().copied());
                }
            }
            8 => {
                let byte = INTERESTING[self.below(INTERESTING.len())];
                let run = self.length();
                data.splice(at..at, std::iter::repeat_n(byte, run));
            }
            9 if len > 0 => data.truncate(at),
            _ => {
                // A digit run replaced by a number at a limit.
                let numbers: [&[u8]; 6] = [
                    b"0",
                    b"-1",
                    b"9223372036854775807",
                    b"18446744073709551616",
                    b"1e309",
                    b"NaN",
                ];
                if let Some(start) = data.iter().skip(at).position(u8::is_ascii_digit) {
                    let start = at + start;
                    let end =
                        start + data[start..].iter().take_while(|b| b.is_ascii_digit()).count();
                    data.splice(start..end, numbers[self.below(numbers.len())].iter().copied());
                }
            }
        }
    }
}
