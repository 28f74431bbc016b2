//! Session time: the instant the command started (read once at the edge) plus a monotonic
//! elapsed time, so answers get real timestamps and durations while `RECALL_NOW` keeps runs
//! reproducible, and unit tests move time by hand.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Time elapsed since the session began.
pub trait Clock {
    fn elapsed(&self) -> Duration;
}

/// The real clock: a monotonic [`Instant`] taken when the session starts.
#[derive(Clone, Copy, Debug)]
pub struct MonotonicClock {
    start: Instant,
}

impl MonotonicClock {
    pub fn start() -> MonotonicClock {
        MonotonicClock { start: Instant::now() }
    }
}

impl Clock for MonotonicClock {
    fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A clock for tests: time passes only when told to.
#[derive(Debug, Default)]
pub struct FakeClock {
    elapsed: Cell<Duration>,
}

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        self.elapsed.set(self.elapsed.get() + by);
    }
}

impl Clock for FakeClock {
    fn elapsed(&self) -> Duration {
        self.elapsed.get()
    }
}
