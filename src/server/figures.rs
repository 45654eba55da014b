//! The published figures the server answers from: one `Figures` snapshot, rebuilt from the
//! database when a measure, the employment figures or the catalog changed (an import may run in
//! another process, so each use compares a stamp, one small query).

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::db::{self, Pool};
use crate::measures::figures::Figures;
use crate::report::OccupationReport;

/// The snapshot with the stamp it was built for.
type Stamped = Option<(String, Arc<Figures>)>;

#[derive(Clone, Default)]
pub struct FiguresCache {
    current: Arc<Mutex<Stamped>>,
}

impl FiguresCache {
    /// The snapshot for what the database holds now.
    pub async fn current(&self, pool: &Pool) -> Result<Arc<Figures>, sqlx::Error> {
        let stamp = db::measures::figures_stamp(pool).await?;
        let mut current = self.current.lock().await;
        if let Some((stored, figures)) = current.as_ref() {
            if *stored == stamp {
                return Ok(figures.clone());
            }
        }
        let figures = Arc::new(db::measures::snapshot(pool).await?);
        *current = Some((stamp, figures.clone()));
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
