//! A [`Prompter`] that replays a script, for driving the session walk in unit tests without a
//! terminal. Compiled only for tests (`#[cfg(test)]` in `ui`), so the library carries no test
//! double; it imports nothing but the prompt trait.
//!
//! It is strict on purpose: a reply of the wrong sort (text at a menu), a menu item that does
//! not exist, a hot key the prompt did not offer, or a prompt after the script has ended is an
//! error, so a test whose script no longer matches the flow fails instead of wandering on.

use std::collections::VecDeque;
use std::io;

use crate::session::{Prompter, Reply};

/// One scripted reply, for driving session logic in unit tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptedStep {
    Select(Reply<usize>),
    Input(Reply<String>),
}

/// A [`Prompter`] that replays a script and records everything shown, for tests.
#[derive(Debug, Default)]
pub struct Scripted {
    steps: VecDeque<ScriptedStep>,
    /// Every prompt and every block shown, in order.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(steps: impl IntoIterator<Item = ScriptedStep>) -> Scripted {
        Scripted { steps: steps.into_iter().collect(), transcript: Vec::new() }
    }

    /// Steps not consumed yet.
    pub fn remaining(&self) -> usize {
        self.steps.len()
    }

    fn next(&mut self, what: &str) -> io::Result<ScriptedStep> {
        self.steps.pop_front().ok_or_else(|| {
            io::Error::new(io::ErrorKind::UnexpectedEof, format!("script ended at {what}"))
        })
    }
}

/// A learner can only press the hot keys a prompt offers.
fn offered<T>(reply: Reply<T>, keys: &[char], prompt: &str) -> io::Result<Reply<T>> {
    match reply {
        Reply::Key(k) if !keys.contains(&k) => {
            Err(io::Error::other(format!("script pressed `{k}`, not offered at `{prompt}`")))
        }
        reply => Ok(reply),
    }
}

impl Prompter for Scripted {
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        _default: usize,
        keys: &[char],
    ) -> io::Result<Reply<usize>> {
        self.transcript.push(format!("select: {prompt} {items:?}"));
        match self.next(prompt)? {
            ScriptedStep::Select(reply) => {
                if let Reply::Answer(i) = reply
                    && i >= items.len()
                {
                    return Err(io::Error::other(format!("script picked {i} of {items:?}")));
                }
                offered(reply, keys, prompt)
            }
            other => Err(io::Error::other(format!("script has {other:?} at select `{prompt}`"))),
        }
    }

    fn input(&mut self, prompt: &str, keys: &[char]) -> io::Result<Reply<String>> {
        self.transcript.push(format!("input: {prompt}"));
        match self.next(prompt)? {
            ScriptedStep::Input(reply) => offered(reply, keys, prompt),
            other => Err(io::Error::other(format!("script has {other:?} at input `{prompt}`"))),
        }
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.transcript.push(text.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        vec!["one".into(), "two".into()]
    }

    #[test]
    fn replays_the_script_and_keeps_a_transcript() {
        let mut script = Scripted::new([
            ScriptedStep::Select(Reply::Answer(1)),
            ScriptedStep::Input(Reply::Key('u')),
            ScriptedStep::Select(Reply::Quit),
        ]);
        assert_eq!(script.select("Pick", &items(), 0, &[]).unwrap(), Reply::Answer(1));
        script.show("feedback").unwrap();
        assert_eq!(script.input("Type", &['u']).unwrap(), Reply::Key('u'));
        assert_eq!(script.remaining(), 1);
        assert_eq!(script.select("Again", &items(), 0, &[]).unwrap(), Reply::Quit);
        assert_eq!(script.remaining(), 0);
        assert_eq!(
            script.transcript,
            [
                r#"select: Pick ["one", "two"]"#,
                "feedback",
                "input: Type",
                r#"select: Again ["one", "two"]"#
            ]
        );
    }

    #[test]
    fn a_script_that_no_longer_fits_the_flow_is_an_error() {
        let error = |steps: Vec<ScriptedStep>, select: bool| {
            let mut script = Scripted::new(steps);
            let result = if select {
                script.select("Pick", &items(), 0, &['s']).map(|_| ())
            } else {
                script.input("Type", &['s']).map(|_| ())
            };
            result.unwrap_err().to_string()
        };
        assert_eq!(error(vec![], true), "script ended at Pick");
        let text = ScriptedStep::Input(Reply::Answer("x".into()));
        assert!(error(vec![text], true).starts_with("script has Input"));
        assert!(
            error(vec![ScriptedStep::Select(Reply::Quit)], false).starts_with("script has Select")
        );
        assert_eq!(
            error(vec![ScriptedStep::Select(Reply::Answer(2))], true),
            r#"script picked 2 of ["one", "two"]"#
        );
        assert_eq!(
            error(vec![ScriptedStep::Select(Reply::Key('u'))], true),
            "script pressed `u`, not offered at `Pick`"
        );
        assert_eq!(
            error(vec![ScriptedStep::Input(Reply::Key('u'))], false),
            "script pressed `u`, not offered at `Type`"
        );
    }
}
