//! Replay: send the documented requests to a live server and report, per example,
//! whether it answered as the page says.
//!
//! [`example`] pairs requests with responses, [`plan`] turns a documented request
//! into one for the target, [`send`] puts it on the wire, [`compare`] holds the
//! answer against the docs, and [`report`] and [`junit`] write the results.
//! [`session`] drives a whole replay; [`command`] is its command line.

pub mod command;
pub mod compare;
pub mod config;
pub mod example;
pub mod junit;
pub mod plan;
pub mod redact;
pub mod report;
pub mod send;
pub mod session;
