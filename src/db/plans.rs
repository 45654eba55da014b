//! Storing team plans. Every write is one transaction, so a plan is saved whole or not at all;
//! edits and deletes check the edit token's hash inside that transaction. Only the input is
//! stored (roles, headcounts, hours, costs, assumptions): results are recomputed on every read.

use sqlx::Row;

use super::profiles::WriteOutcome;
use super::{Pool, Transaction};
use crate::browse::{ListQuery, SourceFilter};
use crate::plan::{RoleRef, Settings, ValidPlan, ValidRole};
use crate::report::OccupationReport;

/// A plan as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPlan {
    pub id: String,
    pub plan: ValidPlan,
    pub edit_token_hash: String,
    pub created_at: String,
    pub updated_at: String,
}

fn assumptions_json(settings: &Settings) -> String {
    let object: serde_json::Map<String, serde_json::Value> = settings
        .changed_pairs()
        .into_iter()
        .map(|(name, value)| {
            let number = value.parse::<f64>().unwrap_or_default();
            (name, serde_json::json!(number))
        })
        .collect();
    serde_json::Value::Object(object).to_string()
}

fn settings_from_json(text: &str) -> Result<Settings, sqlx::Error> {
    let decode = |message: String| sqlx::Error::Decode(message.into());
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| decode(format!("plan assumptions: {error}")))?;
    let pairs: Vec<(String, String)> = value
        .as_object()
        .map(|object| {
            object
                .iter()
                .map(|(name, value)| (name.clone(), value.to_string()))
                .collect()
        })
        .unwrap_or_default();
    Settings::default()
        .with_pairs(&pairs)
        .map_err(|errors| decode(format!("plan assumptions: {errors:?}")))
}

/// Saves a new plan and its roles in one transaction.
pub async fn insert_plan(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
    plan: &ValidPlan,
    now: &str,
) -> Result<(), sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    sqlx::query(
        "INSERT INTO plans (id, name, description, edit_token_hash, hours_per_fte, assumptions, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(&plan.name)
    .bind(&plan.description)
    .bind(edit_token_hash)
    .bind(plan.hours_per_fte)
    .bind(assumptions_json(&plan.settings))
    .bind(now)
    .bind(now)
    .execute(&mut *transaction)
    .await?;
    insert_roles(&mut transaction, id, &plan.roles).await?;
    transaction.commit().await
}

async fn insert_roles(
    transaction: &mut Transaction,
    id: &str,
    roles: &[ValidRole],
) -> Result<(), sqlx::Error> {
    for (position, role) in roles.iter().enumerate() {
        let (kind, reference) = role.reference.storage();
        // An absent figure is sent as 0 and stored as NULL: through sqlx's `Any` driver a NULL
        // `Option<f64>` reaches PostgreSQL with another type than a present one, and the cached
        // statement then refuses the next row's value ("incorrect binary data format"). Valid
        // figures are always above 0.
        sqlx::query(
            "INSERT INTO plan_roles (plan_id, position, role_kind, role_id, headcount, hours_per_fte, hourly_cost)
             VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0.0), NULLIF($7, 0.0))",
        )
        .bind(id)
        .bind(position as i64)
        .bind(kind)
        .bind(reference)
        .bind(role.headcount)
        .bind(role.hours_per_fte.unwrap_or(0.0))
        .bind(role.hourly_cost.unwrap_or(0.0))
        .execute(&mut **transaction)
        .await?;
    }
    Ok(())
}

/// The plan with `id`, or `None`.
pub async fn load_plan(pool: &Pool, id: &str) -> Result<Option<StoredPlan>, sqlx::Error> {
    if !super::can_be_stored(id) {
        return Ok(None);
    }
    // Both reads in one snapshot, so a plan is never seen without its roles.
    let mut transaction = pool.begin_read().await?;
    let Some(row) = sqlx::query(
        "SELECT id, name, description, edit_token_hash, hours_per_fte, assumptions, created_at, updated_at
         FROM plans WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *transaction)
    .await?
    else {
        return Ok(None);
    };
    let roles = sqlx::query(
        "SELECT role_kind, role_id, headcount, hours_per_fte, hourly_cost
         FROM plan_roles WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *transaction)
    .await?
    .iter()
    .map(|row| {
        let kind: String = row.try_get("role_kind")?;
        let reference: String = row.try_get("role_id")?;
        Ok(ValidRole {
            reference: RoleRef::from_storage(&kind, &reference).ok_or_else(|| {
                sqlx::Error::Decode(format!("plan role kind {kind:?} is unknown").into())
            })?,
            headcount: row.try_get("headcount")?,
            hours_per_fte: row.try_get("hours_per_fte")?,
            hourly_cost: row.try_get("hourly_cost")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    transaction.commit().await?;
    let assumptions: String = row.try_get("assumptions")?;
    Ok(Some(StoredPlan {
        id: row.try_get("id")?,
        plan: ValidPlan {
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            hours_per_fte: row.try_get("hours_per_fte")?,
            roles,
            settings: settings_from_json(&assumptions)?,
        },
        edit_token_hash: row.try_get("edit_token_hash")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    }))
}

async fn check_token(
    transaction: &mut Transaction,
    id: &str,
    edit_token_hash: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    super::profiles::check_token_in(transaction, "plans", id, edit_token_hash).await
}

/// Replaces the plan's content and roles when the token matches; otherwise changes nothing.
pub async fn update_plan(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
    plan: &ValidPlan,
    now: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    if !super::can_be_stored(id) {
        return Ok(WriteOutcome::NotFound);
    }
    let mut transaction = pool.begin_write().await?;
    let outcome = check_token(&mut transaction, id, edit_token_hash).await?;
    if outcome != WriteOutcome::Done {
        return Ok(outcome);
    }
    sqlx::query(
        "UPDATE plans SET name = $1, description = $2, hours_per_fte = $3, assumptions = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(&plan.name)
    .bind(&plan.description)
    .bind(plan.hours_per_fte)
    .bind(assumptions_json(&plan.settings))
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    sqlx::query("DELETE FROM plan_roles WHERE plan_id = $1")
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    insert_roles(&mut transaction, id, &plan.roles).await?;
    transaction.commit().await?;
    Ok(WriteOutcome::Done)
}

/// Deletes the plan and its roles when the token matches.
pub async fn delete_plan(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    if !super::can_be_stored(id) {
        return Ok(WriteOutcome::NotFound);
    }
    let mut transaction = pool.begin_write().await?;
    let outcome = check_token(&mut transaction, id, edit_token_hash).await?;
    if outcome != WriteOutcome::Done {
        return Ok(outcome);
    }
    sqlx::query("DELETE FROM plans WHERE id = $1")
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(WriteOutcome::Done)
}

/// The report a role refers to, recomputed with the current model, or `None` when it no longer
/// exists (a deleted profile, an O\*NET import since replaced).
pub async fn role_report(
    pool: &Pool,
    reference: &RoleRef,
) -> Result<Option<OccupationReport>, sqlx::Error> {
    match reference {
        RoleRef::Occupation(code) => super::occupations::occupation_report(pool, code, None).await,
        RoleRef::Imported(code) => {
            super::occupations::occupation_report(pool, code, Some(SourceFilter::Onet)).await
        }
        RoleRef::Profile(id) => Ok(super::profiles::load_profile(pool, id)
            .await?
            .and_then(|stored| stored.profile.report())),
    }
}

/// Whether a role's reference exists.
pub async fn role_exists(pool: &Pool, reference: &RoleRef) -> Result<bool, sqlx::Error> {
    let table = match reference {
        RoleRef::Occupation(_) => "SELECT COUNT(*) FROM occupations WHERE code = $1",
        RoleRef::Imported(_) => {
            "SELECT COUNT(*) FROM occupations WHERE code = $1 AND source = 'onet'"
        }
        RoleRef::Profile(_) => "SELECT COUNT(*) FROM profiles WHERE id = $1",
    };
    let (_, id) = reference.storage();
    if !super::can_be_stored(id) {
        return Ok(false);
    }
    let count: i64 = sqlx::query_scalar(table)
        .bind(id)
        .fetch_one(pool.any())
        .await?;
    Ok(count > 0)
}

/// The occupation an occupation title names: an exact title (without case; the curated entry
/// first), or the only search result. Otherwise the message says what was found.
pub async fn occupation_by_title(
    pool: &Pool,
    title: &str,
) -> Result<Result<RoleRef, String>, sqlx::Error> {
    let query = ListQuery {
        q: Some(title.to_owned()),
        per_page: 5,
        ..ListQuery::default()
    };
    let page = super::occupations::list_occupations(pool, &query).await?;
    let wanted = title.to_lowercase();
    let reference = |item: &crate::browse::OccupationSummary| {
        if item.source == "onet" {
            RoleRef::Imported(item.code.clone())
        } else {
            RoleRef::Occupation(item.code.clone())
        }
    };
    if let Some(item) = page
        .items
        .iter()
        .filter(|item| item.title.to_lowercase() == wanted)
        .min_by_key(|item| item.source != "curated")
    {
        return Ok(Ok(reference(item)));
    }
    if page.total == 1 {
        if let Some(item) = page.items.first() {
            return Ok(Ok(reference(item)));
        }
    }
    if page.items.is_empty() {
        return Ok(Err(format!(
            "no occupation matches {title:?}; enter its O*NET-SOC code (e.g. 29-1224.00) or pick one from the suggestions"
        )));
    }
    let names: Vec<String> = page
        .items
        .iter()
        .take(3)
        .map(|item| format!("{} ({})", item.title, item.code))
        .collect();
    Ok(Err(format!(
        "{title:?} matches {} occupations, for example {}; enter the code of the one you mean",
        page.total,
        names.join(", ")
    )))
}

/// Occupations for the plan form's suggestions: (reference, title), curated first, then imported
/// entries whose code the catalog does not have.
pub async fn role_choices(pool: &Pool) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (String, String, String)>(
        "SELECT o.code, o.title, o.source FROM occupations o
         WHERE o.source = 'curated' OR NOT EXISTS
           (SELECT 1 FROM occupations c WHERE c.code = o.code AND c.source = 'curated')
         ORDER BY o.code",
    )
    .fetch_all(pool.any())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, title, source)| {
            let reference = if source == "onet" {
                RoleRef::Imported(code)
            } else {
                RoleRef::Occupation(code)
            };
            (reference.to_string(), title)
        })
        .collect())
}

/// Names of the saved profiles among `ids` that still exist, in the order given.
pub async fn profile_names(
    pool: &Pool,
    ids: &[String],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut names = Vec::new();
    for id in ids {
        if !super::can_be_stored(id) {
            continue;
        }
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM profiles WHERE id = $1")
            .bind(id)
            .fetch_optional(pool.any())
            .await?;
        if let Some(name) = name {
            names.push((id.clone(), name));
        }
    }
    Ok(names)
}

/// How many plans are stored.
pub async fn count_plans(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM plans")
        .fetch_one(pool.any())
        .await
}
