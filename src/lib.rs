//! varsel: outage notices for clinical staff.
//!
//! Coordinators commit one YAML file per outage; varsel validates them
//! ([`config`], [`outage`]), decides which notices are due ([`calendar`],
//! [`schedule`]), renders the intranet site and sends the email notices.
//! The CLI ([`cli`]) only wires these modules together.

pub mod calendar;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod escape;
pub mod exit;
pub mod explain;
pub mod git;
pub mod init;
pub mod ledger;
pub mod localtime;
pub mod mail;
pub mod new;
pub mod notice_kind;
pub mod outage;
pub mod overdue;
pub mod packaging;
pub mod reader;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod send;
pub mod serve;
pub mod site;
pub mod stop;
pub mod theme;
pub mod timeline;
pub mod watch;
pub mod words;
pub mod yaml;
pub mod yaml_json;
