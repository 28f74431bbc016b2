//! The text layer: everything the screens are made of that is plain text, laid out to a width
//! and drawn in a [`Palette`]: styles and result marks ([`style`]), columns and cutting
//! ([`measure`]), word wrapping ([`mod@wrap`]), times ([`time`]), tables ([`table`]) and charts
//! ([`chart`]), and text from decks made safe to print ([`mod@printable`]).
//!
//! Pure: nothing here reads the terminal, the environment, the clock or a global. The width is
//! a number and the colour a [`Palette`], both decided by the shell (`app`, `ui`, the commands)
//! and passed in; `stats`, `paper` and `session` render through this layer, and `ui` draws what
//! it returns. It imports no other layer of recall (only `console`'s text functions and `jiff`'s
//! dates), and every layer may import it.

pub mod chart;
pub mod measure;
pub mod printable;
pub mod style;
pub mod table;
pub mod time;
pub mod wrap;

pub use chart::{column_chart, heatmap, sparkline};
pub use measure::{fit, width};
pub use printable::printable;
pub use style::{Palette, Tone};
pub use table::{Align, Cell, Table};
pub use time::clock;
pub use wrap::{wrap, wrap_hanging, wrap_into, wrap_prefixed};
