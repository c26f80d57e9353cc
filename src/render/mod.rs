//! Output formats. Each turns a [`RunReport`](crate::run::RunReport) into text;
//! nothing else in the crate prints diagnostics.

pub mod human;
pub mod json;
