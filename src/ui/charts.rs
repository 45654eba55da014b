//! Every chart of the app, built with charming from domain figures. Pure functions from data to
//! ECharts option JSON, compiled for the server (first paint) and the browser (what-if redraws).

use charming::{
    component::{Axis, Grid, Legend, RadarCoordinate},
    datatype::DataPointItem,
    element::{AxisType, ItemStyle, Tooltip, Trigger},
    series::{Bar, Radar, Scatter},
    Chart,
};

use crate::assess::{Dimension, DimensionProfile, Pattern, PatternShares, Verdict};
use crate::browse::{GroupVerdicts, MapPoint};
use crate::ui::components::chart::chart_option_json;

/// One colour per pattern, from most machine authority (warm) to least (grey); readable on light
/// and dark backgrounds. The same colours are CSS variables in style/main.css.
pub const fn pattern_color(pattern: Pattern) -> &'static str {
    match pattern {
        Pattern::Automate => "#b4531f",
        Pattern::HumanApproves => "#d98a3d",
        Pattern::SecondReader => "#3a78d6",
        Pattern::Triage => "#3393ad",
        Pattern::QualityControl => "#4c9a5f",
        Pattern::Copilot => "#8a74c9",
        Pattern::HumanLed => "#7d8792",
    }
}

pub const fn verdict_color(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Replace => "#b4531f",
        Verdict::Complement => "#3a78d6",
        Verdict::HumanLed => "#4c9a5f",
    }
}

/// Patterns from most to least machine authority, the order every chart and table uses.
pub fn patterns_by_authority() -> impl Iterator<Item = Pattern> {
    Pattern::ALL.into_iter().rev()
}

/// A share as a percentage with one decimal, rounded by the one rule every page and download
/// uses (`assess::percent_tenths`).
fn percent(share: f64) -> f64 {
    crate::assess::percent_tenths(share) as f64 / 10.0
}

/// Horizontal bars: the share of working time under each pattern.
pub fn pattern_time_chart(shares: &PatternShares) -> String {
    let patterns: Vec<Pattern> = patterns_by_authority().collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left("2%")
                .right("6%")
                .top("4%")
                .bottom("36")
                .contain_label(true),
        )
        // Axis names sit centred below the axis, inside the grid's margin: `contain_label` keeps
        // tick labels in view but not names, which at the axis end were clipped.
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("% of working time")
                .name_location(charming::element::NameLocation::Center)
                .name_gap(26)
                .max(100),
        )
        .y_axis(
            Axis::new().type_(AxisType::Category).inverse(true).data(
                patterns
                    .iter()
                    .map(|pattern| pattern.label().to_string())
                    .collect(),
            ),
        )
        .series(
            Bar::new().name("Share of working time").data(
                patterns
                    .iter()
                    .map(|pattern| {
                        DataPointItem::new(percent(shares.get(*pattern)))
                            .item_style(ItemStyle::new().color(pattern_color(*pattern)))
                    })
                    .collect(),
            ),
        );
    chart_option_json(&chart)
}

/// A radar of the four dimensions (time-weighted mean ratings), one polygon per profile.
pub fn dimension_radar_chart(profiles: &[(String, DimensionProfile)]) -> String {
    let indicators: Vec<(&str, f64, f64)> = Dimension::ALL
        .into_iter()
        .map(|dimension| (dimension.label(), 0.0, 5.0))
        .collect();
    let mut radar = Radar::new().name("Mean rating");
    radar = radar.data(
        profiles
            .iter()
            .map(|(name, profile)| {
                DataPointItem::new(
                    Dimension::ALL
                        .into_iter()
                        .map(|dimension| profile.get(dimension))
                        .collect::<Vec<f64>>(),
                )
                .name(name.clone())
            })
            .collect(),
    );
    let mut chart = Chart::new()
        .tooltip(Tooltip::new())
        .radar(RadarCoordinate::new().indicator(indicators).radius("65%"))
        .series(radar);
    if profiles.len() > 1 {
        chart = chart.legend(
            Legend::new()
                .bottom(0)
                .data(profiles.iter().map(|(name, _)| name.clone()).collect()),
        );
    }
    chart_option_json(&chart)
}

/// Stacked horizontal bars: how many occupations of each major group get each verdict.
pub fn group_verdict_chart(groups: &[GroupVerdicts]) -> String {
    let labels: Vec<String> = groups
        .iter()
        .map(|group| format!("{} {}", group.code, short_group_title(&group.title)))
        .collect();
    let series = |verdict: Verdict, count: fn(&GroupVerdicts) -> u32| {
        Bar::new()
            .name(verdict.label())
            .stack("verdicts")
            .item_style(ItemStyle::new().color(verdict_color(verdict)))
            .data(groups.iter().map(|group| f64::from(count(group))).collect())
    };
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(
            Grid::new()
                .left("2%")
                .right("4%")
                .top("8%")
                .bottom("36")
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Occupations")
                .name_location(charming::element::NameLocation::Center)
                .name_gap(26),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        )
        .series(series(Verdict::Replace, |group| group.replace))
        .series(series(Verdict::Complement, |group| group.complement))
        .series(series(Verdict::HumanLed, |group| group.human_led));
    chart_option_json(&chart)
}

/// "Occupations" is in every SOC major group title; leaving it out keeps the axis readable.
pub fn short_group_title(title: &str) -> String {
    title
        .trim_end_matches(" Occupations")
        .trim_end_matches(" Related")
        .to_string()
}

/// The automation map: every occupation at (mean feasibility, mean autonomy risk), coloured by
/// verdict. Each point carries its page's `url`, which charts.js opens on click.
pub fn automation_map_chart(points: &[MapPoint]) -> String {
    let mut chart = Chart::new()
        .tooltip(Tooltip::new())
        .legend(Legend::new().top(0))
        .grid(
            Grid::new()
                .left("48")
                .right("5%")
                .top("10%")
                .bottom("40")
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Feasibility (0–100)")
                .name_location(charming::element::NameLocation::Center)
                .name_gap(28)
                .min(0)
                .max(100),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Autonomy risk (0–100)")
                .name_location(charming::element::NameLocation::Center)
                .name_gap(36)
                .min(0)
                .max(100),
        );
    for verdict in [Verdict::Replace, Verdict::Complement, Verdict::HumanLed] {
        chart = chart.series(
            Scatter::new()
                .name(verdict.label())
                .symbol_size(9)
                .item_style(ItemStyle::new().color(verdict_color(verdict)))
                .data(
                    points
                        .iter()
                        .filter(|point| point.verdict == verdict)
                        .map(|point| {
                            DataPointItem::new(vec![point.feasibility, point.autonomy_risk])
                                .name(point.title.clone())
                        })
                        .collect(),
                ),
        );
    }
    // charming has no field for a link, so the URL is added to each data item of the JSON.
    let mut option: serde_json::Value =
        serde_json::from_str(&chart_option_json(&chart)).unwrap_or_default();
    if let Some(series) = option
        .get_mut("series")
        .and_then(|series| series.as_array_mut())
    {
        for (series, verdict) in
            series
                .iter_mut()
                .zip([Verdict::Replace, Verdict::Complement, Verdict::HumanLed])
        {
            let codes = points
                .iter()
                .filter(|point| point.verdict == verdict)
                .map(|point| &point.code);
            if let Some(data) = series.get_mut("data").and_then(|data| data.as_array_mut()) {
                for (item, code) in data.iter_mut().zip(codes) {
                    if let Some(item) = item.as_object_mut() {
                        item.insert(
                            "url".to_string(),
                            serde_json::Value::String(format!("/occupations/{code}")),
                        );
                    }
                }
            }
        }
    }
    option.to_string()
}

/// One measure against the Atlas across the catalog: each occupation at (the measure's
/// percentile, the Atlas figure's percentile), linked to its page.
pub fn measure_scatter_chart(
    measure: &str,
    atlas: &str,
    points: &[crate::measures::MeasurePoint],
) -> String {
    let chart = Chart::new()
        .tooltip(Tooltip::new())
        .grid(
            Grid::new()
                .left("48")
                .right("5%")
                .top("6%")
                .bottom("44")
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(format!("{measure}: percentile"))
                .name_location(charming::element::NameLocation::Center)
                .name_gap(28)
                .min(0)
                .max(100),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(format!("{atlas}: percentile"))
                .name_location(charming::element::NameLocation::Center)
                .name_gap(36)
                .min(0)
                .max(100),
        )
        .series(
            Scatter::new().symbol_size(7).data(
                points
                    .iter()
                    .map(|point| {
                        DataPointItem::new(vec![
                            (point.percentile * 10.0).round() / 10.0,
                            (point.atlas_percentile * 10.0).round() / 10.0,
                        ])
                        .name(point.title.clone())
                    })
                    .collect(),
            ),
        );
    let mut option: serde_json::Value =
        serde_json::from_str(&chart_option_json(&chart)).unwrap_or_default();
    if let Some(data) = option
        .pointer_mut("/series/0/data")
        .and_then(|data| data.as_array_mut())
    {
        for (item, point) in data.iter_mut().zip(points) {
            if let Some(item) = item.as_object_mut() {
                item.insert(
                    "url".to_string(),
                    serde_json::Value::String(format!("/occupations/{}", point.code)),
                );
            }
        }
    }
    option.to_string()
}

/// A plan's role titles made unique for chart categories (two roles may share a title).
fn unique_titles(results: &crate::plan::PlanResults) -> Vec<String> {
    let mut titles: Vec<String> = Vec::with_capacity(results.roles.len());
    for role in &results.roles {
        let mut title = role.title.clone();
        let mut count = 1;
        while titles.contains(&title) {
            count += 1;
            title = format!("{} ({count})", role.title);
        }
        titles.push(title);
    }
    titles
}

/// Stacked horizontal bars: each role's hours per year under each pattern.
pub fn plan_role_chart(results: &crate::plan::PlanResults) -> String {
    let titles = unique_titles(results);
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("2%")
                .right("4%")
                .top("4%")
                .bottom("64")
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("hours per year")
                .name_location(charming::element::NameLocation::Center)
                .name_gap(26),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(titles),
        );
    for pattern in patterns_by_authority() {
        chart = chart.series(
            Bar::new()
                .name(pattern.label())
                .stack("hours")
                .item_style(ItemStyle::new().color(pattern_color(pattern)))
                .data(
                    results
                        .roles
                        .iter()
                        .map(|role| role.by_pattern[usize::from(pattern.level())].hours.round())
                        .collect(),
                ),
        );
    }
    chart_option_json(&chart)
}

/// A flow of hours from roles (left) to patterns (right), then from patterns to what happens to
/// the hours (freed, or still spent by people).
pub fn plan_flow_chart(results: &crate::plan::PlanResults) -> String {
    use charming::series::{Sankey, SankeyLink, SankeyNode};
    let titles = unique_titles(results);
    let patterns: Vec<Pattern> = patterns_by_authority()
        .filter(|pattern| results.pattern(*pattern).hours > 0.0)
        .collect();
    const FREED: &str = "Hours freed";
    const KEPT: &str = "Hours people still spend";
    let mut nodes: Vec<SankeyNode> = titles
        .iter()
        .map(|title| SankeyNode::new(title.clone()))
        .collect();
    nodes.extend(patterns.iter().map(|pattern| {
        SankeyNode::new(pattern.label()).item_style(ItemStyle::new().color(pattern_color(*pattern)))
    }));
    nodes.push(SankeyNode::new(FREED).item_style(ItemStyle::new().color("#b4531f")));
    nodes.push(SankeyNode::new(KEPT).item_style(ItemStyle::new().color("#7d8792")));
    let mut links: Vec<SankeyLink> = Vec::new();
    for (role, title) in results.roles.iter().zip(&titles) {
        for pattern in &patterns {
            let hours = role.by_pattern[usize::from(pattern.level())].hours.round();
            if hours > 0.0 {
                links.push((title.clone(), pattern.label().to_owned(), hours).into());
            }
        }
    }
    for pattern in &patterns {
        let figures = results.pattern(*pattern);
        if figures.freed.round() > 0.0 {
            links.push(
                (
                    pattern.label().to_owned(),
                    FREED.to_owned(),
                    figures.freed.round(),
                )
                    .into(),
            );
        }
        if figures.person_hours().round() > 0.0 {
            links.push(
                (
                    pattern.label().to_owned(),
                    KEPT.to_owned(),
                    figures.person_hours().round(),
                )
                    .into(),
            );
        }
    }
    let chart = Chart::new().tooltip(Tooltip::new()).series(
        Sankey::new()
            .left("2%")
            .right("22%")
            .nodes(nodes)
            .links(links),
    );
    chart_option_json(&chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 1/16 = 6.25%: float formatting (`{:.1}`) rounds the tie to even (6.2), the downloads
    // round it up (6.3); every percentage goes through `assess::percent_tenths`.
    #[test]
    fn a_sixteenth_rounds_as_in_the_downloads() {
        assert_eq!(percent(1.0 / 16.0), 6.3);
        assert_eq!(crate::assess::format_percent(1.0 / 16.0), "6.3%");
    }
}
