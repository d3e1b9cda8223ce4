//! `cargo bench`: the hot functions of a build, timed with a small
//! std-only harness (no extra dependencies).
//!
//! Uses the synthetic corpus of `bench/gen.py` (N = 1,000 and N = 10,000,
//! generated into `target/bench/cargo-*` on first use; needs python3).
//! Each case runs until about a second has passed (at least 3 times) and
//! prints the median and the fastest time per iteration.
//!
//! `cargo bench -- NAME` runs only the cases whose name contains NAME.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use varsel::calendar::Calendar;
use varsel::outage::{Context, Outage};
use varsel::render;
use varsel::schedule;
use varsel::site::Site;

/// The benchmark's `now` (bench/gen.py).
const NOW: &str = "2027-03-10 12:00";

/// Runs `f` repeatedly for about a second and prints its timings.
fn bench<T>(name: &str, filter: &Option<String>, mut f: impl FnMut() -> T) {
    if filter.as_ref().is_some_and(|w| !name.contains(w.as_str())) {
        return;
    }
    let budget = Duration::from_secs(1);
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < 3 || (started.elapsed() < budget && times.len() < 10_000) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{name:<40} median {:>12?}  min {:>12?}  ({} runs)",
        times[times.len() / 2],
        times[0],
        times.len()
    );
}

/// The generated site with `n` outages (generated once, then reused).
fn corpus(n: usize) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = repo.join(format!("target/bench/cargo-n{n}"));
    if !dir.join("varsel/outages").is_dir() {
        let status = Command::new("python3")
            .arg(repo.join("bench/gen.py"))
            .arg(n.to_string())
            .arg(&dir)
            .args(["--only", "varsel"])
            .status()
            .expect("python3 runs bench/gen.py");
        assert!(status.success(), "bench/gen.py failed");
    }
    dir.join("varsel")
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let root = corpus(1_000);
    let site = Site::load(&root, Some(NOW)).expect("the corpus loads");
    assert_eq!(site.outages.len(), 1_000, "every generated outage is valid");

    let file = "outages/2027-03-10-bench-000001.yaml";
    let text = std::fs::read_to_string(root.join(file)).expect("outage file");
    let page_exists = |path: &str| varsel::site::page_exists(&root, path);
    let cx = Context {
        config: &site.config,
        page_exists: &page_exists,
        now: site.now,
    };
    bench("parse+validate one outage file", &filter, || {
        Outage::read(file, "2027-03-10-bench-000001", &text, &cx)
    });

    let calendar = Calendar::new(site.config.policy.extra_closed_days.iter().copied());
    let outage = &site.outages[1];
    let far_end = outage.start + chrono::Duration::days(30);
    bench("working minutes, 8 h", &filter, || {
        calendar.working_minutes(&outage.start, &outage.end.expect("planned"))
    });
    bench("working minutes, 30 days", &filter, || {
        calendar.working_minutes(&outage.start, &far_end)
    });

    bench("markdown render of a 4 KB description", &filter, || {
        render::markdown_to_html(&outage.description)
    });

    bench("render::render, 1k site", &filter, || {
        render::render(&site).expect("renders")
    });
    bench("Site::load, 1k site", &filter, || {
        Site::load(&root, Some(NOW))
    });

    let wants_10k = filter
        .as_ref()
        .is_none_or(|w| "plan of 10k outages".contains(w.as_str()));
    if wants_10k {
        let big = Site::load(&corpus(10_000), Some(NOW)).expect("the corpus loads");
        let sent = HashMap::new();
        bench("plan of 10k outages", &filter, || {
            schedule::plan(&big.config, &big.outages, &sent, big.now)
        });
    }
}
