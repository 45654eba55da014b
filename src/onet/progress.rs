//! How the CLI shows an import's progress: `indicatif` bars on a terminal (one per stage: each
//! file, mapping, assessing, storing), plain `tracing` lines when stderr is not a terminal (logs,
//! CI, a pipe).

use std::cell::{Cell, RefCell};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{
    Progress, OCCUPATION_DATA_FILE, TASK_RATINGS_FILE, TASK_STATEMENTS_FILE, WORK_CONTEXT_FILE,
};

/// Stages measured in bytes (the files); the others count occupations.
const BYTE_STAGES: [&str; 4] = [
    OCCUPATION_DATA_FILE,
    TASK_STATEMENTS_FILE,
    TASK_RATINGS_FILE,
    WORK_CONTEXT_FILE,
];

/// Progress bars when stderr is a terminal, log lines otherwise.
pub fn progress_for_stderr() -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() {
        Box::new(TerminalProgress::default())
    } else {
        Box::new(LogProgress::default())
    }
}

/// One `indicatif` bar per stage, kept on screen when the stage ends.
pub struct TerminalProgress {
    bars: MultiProgress,
    current: RefCell<Option<ProgressBar>>,
}

impl Default for TerminalProgress {
    fn default() -> Self {
        TerminalProgress {
            bars: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            current: RefCell::new(None),
        }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, stage: &str, total: u64) {
        let template = if BYTE_STAGES.contains(&stage) {
            "{prefix:>22} [{bar:32}] {bytes:>10}/{total_bytes:<10} {elapsed_precise}"
        } else {
            "{prefix:>22} [{bar:32}] {pos:>10}/{len:<10} {elapsed_precise}"
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = self.bars.add(ProgressBar::new(total));
        bar.set_style(style);
        bar.set_prefix(stage.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        if let Some(previous) = self.current.replace(Some(bar)) {
            previous.finish();
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.current.borrow().as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.current.take() {
            bar.finish();
        }
    }
}

/// A `tracing` line when a stage starts and when it ends, with its size and duration.
#[derive(Default)]
pub struct LogProgress {
    stage: RefCell<Option<(String, u64, Instant)>>,
    done: Cell<u64>,
}

impl Progress for LogProgress {
    fn start(&self, stage: &str, total: u64) {
        let unit = if BYTE_STAGES.contains(&stage) {
            "bytes"
        } else {
            "occupations"
        };
        tracing::info!("{stage}: started ({total} {unit})");
        self.stage
            .replace(Some((stage.to_owned(), total, Instant::now())));
        self.done.set(0);
    }

    fn advance(&self, n: u64) {
        self.done.set(self.done.get() + n);
    }

    fn finish(&self) {
        if let Some((stage, total, started)) = self.stage.take() {
            tracing::info!(
                "{stage}: finished {}/{total} in {:.2} s",
                self.done.get(),
                started.elapsed().as_secs_f64()
            );
        }
    }
}
