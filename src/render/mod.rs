//! Output formats. Each turns a [`RunReport`](crate::run::RunReport) into text;
//! nothing else in the crate prints diagnostics.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;
