//! The published figures the server answers from: one `Figures` snapshot, rebuilt from the
//! database when a measure, the employment figures or the catalog changed. An import may run in
//! another process, so the stamp is compared again at most once per `page_cache::RECHECK_AFTER`
//! (as the page cache does): a request in between uses the snapshot without asking the database.

use std::sync::Arc;
use std::time::Instant;

use tokio::sync::Mutex;

use crate::db::{self, Pool};
use crate::measures::figures::Figures;
use crate::report::OccupationReport;

/// The snapshot, the stamp it was built for, and when that stamp was last compared.
type Stamped = Option<(String, Arc<Figures>, Instant)>;

#[derive(Clone, Default)]
pub struct FiguresCache {
    current: Arc<Mutex<Stamped>>,
}

impl FiguresCache {
    /// The snapshot for what the database holds now.
    pub async fn current(&self, pool: &Pool) -> Result<Arc<Figures>, sqlx::Error> {
        let mut current = self.current.lock().await;
        if let Some((_, figures, checked)) = current.as_ref() {
            if checked.elapsed() < super::page_cache::RECHECK_AFTER {
                return Ok(figures.clone());
            }
        }
        let stamp = db::measures::figures_stamp(pool).await?;
        if let Some((stored, figures, checked)) = current.as_mut() {
            if *stored == stamp {
                *checked = Instant::now();
                return Ok(figures.clone());
            }
        }
        let figures = Arc::new(db::measures::snapshot(pool).await?);
        *current = Some((stamp, figures.clone(), Instant::now()));
        Ok(figures)
    }

    /// Attaches the published figures to an occupation's report (not to a profile's).
    pub async fn attach(
        &self,
        pool: &Pool,
        report: &mut OccupationReport,
    ) -> Result<(), sqlx::Error> {
        if let Some(code) = report.code.clone() {
            let figures = self.current(pool).await?;
            report.figures = Some(figures.for_occupation(&code, &report.assessment));
        }
        Ok(())
    }
}
