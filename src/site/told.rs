//! The site read with its ledger, what staff were told (SPEC §4, §7): the
//! plan of every outage, the files gone while staff still believe them,
//! outages past their expected end without `ended`, and files that use an
//! old outage's id for a new outage.

use std::collections::HashMap;

use chrono::DateTime;
use chrono_tz::Tz;

use super::{OUTAGES_DIR, Site, files};
use crate::catalogue::check as msg;
use crate::diagnostic::Diagnostic;
use crate::outage::Outage;
use crate::yaml::Pos;

impl Site {
    /// The plan of every valid outage at `now`, given what `ledger` says
    /// staff were told.
    pub fn plan(&self, ledger: &crate::ledger::Ledger) -> Vec<crate::schedule::OutagePlan> {
        let histories = crate::schedule::histories(ledger, self.config.timezone, self.now);
        self.plan_in(&histories)
    }

    /// [`plan`](Self::plan) for histories already read.
    pub fn plan_in(
        &self,
        histories: &HashMap<String, crate::schedule::History>,
    ) -> Vec<crate::schedule::OutagePlan> {
        crate::schedule::plan(&self.config, &self.outages, histories, self.now)
    }

    /// Errors for outages staff were told about whose file is gone while
    /// what they believe still matters (SPEC §4): one per outage, naming
    /// the id, what staff were told and when, and what to do.
    pub fn vanished(&self, ledger: &crate::ledger::Ledger) -> Vec<Diagnostic> {
        let histories = crate::schedule::histories(ledger, self.config.timezone, self.now);
        self.vanished_in(&histories)
    }

    /// [`vanished`](Self::vanished) for histories already read.
    pub fn vanished_in(
        &self,
        histories: &HashMap<String, crate::schedule::History>,
    ) -> Vec<Diagnostic> {
        let mut files: std::collections::HashSet<&str> =
            self.outages.iter().map(|o| o.file.as_str()).collect();
        files.extend(self.diagnostics.iter().map(|d| d.file.as_str()));
        let present = |id: &str| {
            files::EXTENSIONS
                .iter()
                .any(|ext| files.contains(format!("{OUTAGES_DIR}/{id}.{ext}").as_str()))
        };
        crate::schedule::vanished(histories, &present, self.now)
            .into_iter()
            .map(|v| vanished_error(&v, self.now))
            .collect()
    }

    /// Warns about the outages staff were told about whose expected end
    /// passed more than [`crate::overdue::DASHBOARD_THRESHOLD`] ago without
    /// `ended` (SPEC §7 `OVERRUN`), each at its file's `end:` key (the file
    /// is read again to show the line). `ledger` is what was sent (by
    /// `now`).
    pub fn warn_overruns(&mut self, ledger: &crate::ledger::Ledger) {
        let plans = self.plan(ledger);
        let threshold = crate::overdue::DASHBOARD_THRESHOLD;
        for o in crate::overdue::overruns(&plans, self.now, threshold) {
            let Some(file) = self.outage(&o.id).map(|o| o.file.clone()) else {
                continue;
            };
            let text = std::fs::read_to_string(self.root.join(&file)).ok();
            let pos = text
                .as_deref()
                .and_then(|text| crate::yaml::key_pos(text, "end"))
                .unwrap_or(Pos { line: 1, column: 1 });
            if let Some(text) = &text {
                self.sources.add(&file, text);
            }
            let end = o.end.format("%Y-%m-%d %H:%M").to_string();
            let message = msg::overrun(&o.id, &end, o.ago_words());
            self.diagnostics
                .push(Diagnostic::warning(&file, pos, message).with_hint(msg::overrun_hint(end)));
        }
    }

    /// Errors for outage files whose id names an earlier outage staff were
    /// told about and whose window is over (SPEC §7: an old id reused), one
    /// per file, at its `start`. These outages are left out of `send`.
    pub fn reused_in(
        &self,
        histories: &HashMap<String, crate::schedule::History>,
    ) -> Vec<Diagnostic> {
        self.reused_files(histories)
            .into_iter()
            .map(|(error, _)| error)
            .collect()
    }

    /// Leaves out the outage files [`reused_in`](Self::reused_in) finds,
    /// as invalid files are: each one's error joins the diagnostics (with
    /// the file's text, to show the line) and its outage is no longer
    /// planned, published or explained, so no reader takes the new file
    /// for a change of the old outage. What `check`, `plan`, `explain`,
    /// `build` and `serve` read the site with; `send` leaves them out of
    /// its plan itself and reports them with the vanished files.
    pub fn leave_out_reused(&mut self, histories: &HashMap<String, crate::schedule::History>) {
        for (error, text) in self.reused_files(histories) {
            self.outages.retain(|o| o.file != error.file);
            self.sources.add(&error.file, &text);
            self.diagnostics.push(error);
        }
    }

    /// [`leave_out_reused`](Self::leave_out_reused) by the site's own
    /// ledger (`ledger.jsonl` in the root, the one `build` reads).
    /// A ledger that cannot be read leaves the site as it is: the command
    /// reads it again and says so in its own words.
    pub fn leave_out_reused_by_own_ledger(&mut self) {
        let path = self.root.join(crate::ledger::DEFAULT_FILE);
        if let Ok(ledger) = crate::ledger::Ledger::read(&path) {
            let histories = crate::schedule::histories(&ledger, self.config.timezone, self.now);
            self.leave_out_reused(&histories);
        }
    }

    /// The reused ids' errors, each with its file's text.
    fn reused_files(
        &self,
        histories: &HashMap<String, crate::schedule::History>,
    ) -> Vec<(Diagnostic, String)> {
        crate::schedule::reused(&self.outages, histories, self.now)
            .iter()
            .filter_map(|r| Some(reused_error(self, r, self.outage(&r.id)?)))
            .collect()
    }
}

/// The error for one vanished outage file.
fn vanished_error(v: &crate::schedule::Vanished, now: DateTime<Tz>) -> Diagnostic {
    use crate::schedule::Picture;
    let l = crate::catalogue::language();
    let [usual, short] = files::EXTENSIONS;
    let file = format!("{OUTAGES_DIR}/{}.{usual}", v.id);
    let w = v.belief.window();
    let span = crate::words::span(&w.start, w.end.as_ref(), &now, l);
    let believe = match v.belief {
        Picture::Off(_) => msg::vanished_cancelled(span),
        _ => msg::vanished_on(span),
    };
    let message = msg::vanished(
        &v.id,
        believe,
        crate::words::notice_name(v.told.kind, l),
        crate::words::long_time(&v.told.at, &now, l),
    );
    Diagnostic::error(&file, Pos { line: 1, column: 1 }, message)
        // The ledger does not say which extension the file had.
        .with_hint(msg::vanished_hint(&file, format!(".{short}")))
}

/// The error for one outage file whose id was used before, and the file's
/// text.
fn reused_error(site: &Site, r: &crate::schedule::Reused, outage: &Outage) -> (Diagnostic, String) {
    let l = crate::catalogue::language();
    let now = site.now;
    let w = r.told.window;
    let message = msg::reused_id(
        &r.id,
        crate::words::notice_name(r.told.kind, l),
        crate::words::long_time(&r.told.at, &now, l),
        crate::words::span(&w.start, w.end.as_ref(), &now, l),
        crate::words::long_time(&r.start, &now, l),
    );
    let text = std::fs::read_to_string(site.root.join(&outage.file)).unwrap_or_default();
    let at = crate::yaml::value_pos(&text, "start").unwrap_or(Pos { line: 1, column: 1 });
    let error = Diagnostic::error(&outage.file, at, message).with_hint(msg::reused_id_hint(&r.id));
    (error, text)
}
