//! One task row of the profile form: title, share, kind of work with the suggestion from the
//! closest archetype, the four ratings, notes, the row's preview and (with JavaScript) the buttons
//! that move and remove it.

use leptos::prelude::*;

use super::{input_id, textarea_text, Row};
use crate::assess::{anchors, Dimension, Kind, Rating};
use crate::profile::{
    rating_field, suggest, task_field, ArchetypeHint, TaskDraft, MAX_NOTES_CHARS,
};
use crate::ui::components::badges::PatternBadge;

#[component]
pub(super) fn TaskRowView(
    row: Row,
    rows: RwSignal<Vec<Row>>,
    preview: Memo<Option<(crate::assess::OccupationAssessment, Vec<usize>)>>,
    hints: StoredValue<Vec<ArchetypeHint>>,
) -> impl IntoView {
    let key = row.key;
    let position = Memo::new(move |_| {
        rows.with(|rows| rows.iter().position(|row| row.key == key).unwrap_or(0))
    });
    let error_for = {
        let errors = row.errors.clone();
        move |field: &str| {
            errors
                .iter()
                .find(|(name, _)| name == field)
                .map(|(_, message)| message.clone())
        }
    };
    let update = move |change: &dyn Fn(&mut TaskDraft)| {
        rows.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|row| row.key == key) {
                change(&mut row.task);
            }
        });
    };
    let id = move |field: &str| input_id(&task_field(key, field));
    let title_error = error_for("title");
    let share_error = error_for("share");
    let kind_error = error_for("kind");
    let notes_error = error_for("notes");
    let current_value = move |read: &dyn Fn(&TaskDraft) -> String| {
        rows.with(|rows| {
            rows.iter()
                .find(|row| row.key == key)
                .map(|row| read(&row.task))
                .unwrap_or_default()
        })
    };
    let suggestion = Memo::new(move |_| {
        let title = current_value(&|task| task.title.clone());
        hints.with_value(|hints| suggest(&title, hints))
    });
    let use_suggestion = move |_| {
        if let Some(found) = suggestion.get_untracked() {
            update(&move |task| {
                task.kind = found.kind.name().to_owned();
                task.ratings = Dimension::ALL
                    .map(|dimension| found.ratings.get(dimension).value().to_string());
            });
        }
    };
    let pattern = move || {
        preview.with(|preview| {
            preview.as_ref().and_then(|(assessment, indices)| {
                indices
                    .iter()
                    .position(|&index| index == position.get())
                    .and_then(|assessed| assessment.tasks.get(assessed))
                    .map(|task| task.assessment.pattern)
            })
        })
    };
    let task = row.task.clone();
    view! {
        <li class="task-row" id=format!("task-{key}")>
            <fieldset>
                <legend>{move || format!("Task {}", position.get() + 1)}</legend>
                <div class="task-main">
                    <div class="field task-title-field">
                        <label for=id("title")>"What is the task?"</label>
                        <input id=id("title") type="text" maxlength="200"
                            name=move || task_field(position.get(), "title")
                            value=task.title.clone()
                            on:input=move |event| { let value = event_target_value(&event); update(&move |task| task.title = value.clone()) }
                            aria-invalid=title_error.is_some().then_some("true") />
                        {title_error.map(|text| view! { <p class="field-error">{text}</p> })}
                    </div>
                    <div class="field share-field">
                        <label for=id("share")>"Share of time (%)"</label>
                        <input id=id("share") type="text" inputmode="decimal" size="5"
                            name=move || task_field(position.get(), "share")
                            value=task.share.clone()
                            on:input=move |event| { let value = event_target_value(&event); update(&move |task| task.share = value.clone()) }
                            aria-invalid=share_error.is_some().then_some("true") />
                        {share_error.map(|text| view! { <p class="field-error">{text}</p> })}
                    </div>
                </div>
                <div class="field kind-field">
                    <label for=id("kind")>"Kind of work"</label>
                    <select id=id("kind")
                        name=move || task_field(position.get(), "kind")
                        prop:value=move || current_value(&|task| task.kind.trim().to_owned())
                        on:change=move |event| { let value = event_target_value(&event); update(&move |task| task.kind = value.clone()) }
                        aria-invalid=kind_error.is_some().then_some("true")>
                        <option value="" selected=task.kind.trim().is_empty()>"Choose…"</option>
                        {Kind::ALL.into_iter().map(|kind| view! {
                            <option value=kind.name() selected=task.kind.trim() == kind.name() title=kind.anchor().definition>{kind.label()}</option>
                        }).collect_view()}
                    </select>
                    {kind_error.map(|text| view! { <p class="field-error">{text}</p> })}
                </div>
                <p class="suggestion small js-only" aria-live="polite">
                    {move || suggestion.get().map(|found| view! {
                        "Suggested: " <strong>{found.kind.label()}</strong>
                        {format!(", ratings {} {} {} {}", found.ratings.standardization, found.ratings.error_tolerance, found.ratings.verifiability, found.ratings.frequency)}
                        " " <button type="button" class="secondary small-button use-suggestion" on:click=use_suggestion>"Use"</button>
                        <span class="muted">" " {found.explanation()}</span>
                    })}
                </p>
                <div class="rating-fields">
                    {Dimension::ALL.into_iter().map(|dimension| {
                        let field = format!("ratings.{}", dimension.name());
                        let rating_error = error_for(&field);
                        let select_id = input_id(&rating_field(key, dimension));
                        let current = task.rating(dimension).trim().to_string();
                        view! {
                            <div class="field">
                                <label for=select_id.clone()>{dimension.label()}</label>
                                <select id=select_id
                                    name=move || rating_field(position.get(), dimension)
                                    prop:value=move || current_value(&move |task: &TaskDraft| task.rating(dimension).trim().to_owned())
                                    on:change=move |event| { let value = event_target_value(&event); update(&move |task| task.ratings[dimension.index()] = value.clone()) }
                                    aria-invalid=rating_error.is_some().then_some("true")>
                                    <option value="" selected=current.is_empty()>"Choose…"</option>
                                    {Rating::ALL.into_iter().map(|rating| {
                                        let value = rating.value().to_string();
                                        let selected = current == value;
                                        let anchor = &anchors(dimension)[rating.index()];
                                        view! { <option value=value selected=selected>{format!("{} — {}", rating.value(), anchor.label)}</option> }
                                    }).collect_view()}
                                </select>
                                {rating_error.map(|text| view! { <p class="field-error">{text}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="field">
                    <label for=id("notes")>"Notes (optional)"</label>
                    <textarea id=id("notes") rows="1" maxlength=MAX_NOTES_CHARS.to_string()
                        name=move || task_field(position.get(), "notes")
                        on:input=move |event| { let value = event_target_value(&event); update(&move |task| task.notes = value.clone()) }
                        aria-invalid=notes_error.is_some().then_some("true")>{textarea_text(task.notes.clone())}</textarea>
                    {notes_error.map(|text| view! { <p class="field-error">{text}</p> })}
                </div>
                <p class="row-footer">
                    <span class="row-preview small" aria-live="polite">
                        {move || pattern().map(|pattern| view! { "Preview: " <PatternBadge pattern /> })}
                    </span>
                    <RowActions key rows position />
                </p>
            </fieldset>
        </li>
    }
}

/// Moving a row up or down and removing it, in the browser only.
#[component]
fn RowActions(key: usize, rows: RwSignal<Vec<Row>>, position: Memo<usize>) -> impl IntoView {
    let move_by = move |delta: isize| {
        rows.update(|rows| {
            let Some(from) = rows.iter().position(|row| row.key == key) else {
                return;
            };
            let to = from as isize + delta;
            if to >= 0 && (to as usize) < rows.len() {
                rows.swap(from, to as usize);
            }
        });
    };
    let remove = move |_| rows.update(|rows| rows.retain(|row| row.key != key));
    view! {
        <span class="row-actions js-only">
            <button type="button" class="secondary small-button" on:click=move |_| move_by(-1) disabled=move || position.get() == 0
                aria-label=move || format!("Move task {} up", position.get() + 1)>"↑ Up"</button>
            <button type="button" class="secondary small-button" on:click=move |_| move_by(1)
                disabled=move || rows.with(|rows| position.get() + 1 >= rows.len())
                aria-label=move || format!("Move task {} down", position.get() + 1)>"↓ Down"</button>
            <button type="button" class="secondary small-button remove-row" on:click=remove
                aria-label=move || format!("Remove task {}", position.get() + 1)>"Remove"</button>
        </span>
    }
}
