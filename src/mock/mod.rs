//! Mock: serve the docs as an HTTP server that answers each documented request
//! with its documented response.
//!
//! [`routes`] builds the route table from the examples and matches requests;
//! [`server`] answers on the network; [`command`] is its command line.

pub mod command;
pub mod routes;
pub mod server;
