//! Plain text for the screens: tables and charts, laid out to a width. Nothing here touches
//! the terminal; the commands and the `ui` layer print what it returns.

pub mod chart;
pub mod table;

pub use chart::{column_chart, heatmap, sparkline};
pub use table::{Align, Cell, Table};
