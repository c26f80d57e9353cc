//! apiproof proves API reference documentation right.
//!
//! Docs pages are Markdown; each example request, response or resource is a
//! fenced code block after an HTML comment holding JSON metadata. apiproof pulls
//! every example out of a docs tree, parses it with exact positions, and reports
//! each defect at the line and column where a writer can fix it.
//!
//! The flow: [`workspace`] finds the files, [`document`] decodes each one,
//! [`markdown`] finds its blocks and comments, [`annotation`], [`http`] and
//! [`json`] read them, [`rules`] produce [`diagnostic`]s, and [`render`] prints
//! them. [`run`] drives a whole run in parallel; [`fix`] applies the fixes that
//! have one right answer and writes the pages back.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotation;
pub mod baseline;
pub mod changes;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod explain;
pub mod fingerprint;
pub mod fix;
pub mod http;
pub mod inventory;
pub mod json;
pub mod markdown;
pub mod mock;
pub mod model;
pub mod render;
pub mod replay;
pub mod report;
pub mod rules;
pub mod run;
pub mod source_map;
pub mod workspace;
