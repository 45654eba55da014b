//! The two statistics the measures are compared with: a percentile rank and Spearman's rank
//! correlation. Pure; ties are handled the usual way (mid-ranks).

/// The percentile rank of `value` among `sorted` (ascending): the percentage of values below it
/// plus half of those equal to it, 0–100. `None` for an empty population.
pub fn percentile_rank(value: f64, sorted: &[f64]) -> Option<f64> {
    if sorted.is_empty() || !value.is_finite() {
        return None;
    }
    let below = sorted.partition_point(|&other| other < value);
    let not_above = sorted.partition_point(|&other| other <= value);
    let equal = not_above - below;
    Some(100.0 * (below as f64 + 0.5 * equal as f64) / sorted.len() as f64)
}

/// The values sorted ascending, non-finite ones dropped: the population `percentile_rank` takes.
pub fn sorted_population(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut sorted: Vec<f64> = values
        .into_iter()
        .filter(|value| value.is_finite())
        .collect();
    sorted.sort_by(f64::total_cmp);
    sorted
}

/// Mid-ranks (1-based; tied values share the mean of their ranks).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) hold equal values: ranks start+1 ..= end.
        let mid_rank = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = mid_rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation of two equally long series; `None` when shorter than 3 or when either
/// is constant.
fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 3 || n != ys.len() {
        return None;
    }
    let mean = |values: &[f64]| values.iter().sum::<f64>() / n as f64;
    let (mean_x, mean_y) = (mean(xs), mean(ys));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mean_x) * (y - mean_y);
        sxx += (x - mean_x).powi(2);
        syy += (y - mean_y).powi(2);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's ρ: Pearson's correlation of the mid-ranks. `None` for fewer than 3 pairs, for
/// series of different lengths, or when either series is constant.
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() || xs.iter().chain(ys).any(|value| !value.is_finite()) {
        return None;
    }
    pearson(&ranks(xs), &ranks(ys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_rank_counts_half_of_the_ties() {
        let population = sorted_population([4.0, 1.0, 2.0, 2.0, 3.0]);
        assert_eq!(percentile_rank(2.0, &population), Some(40.0));
        assert_eq!(percentile_rank(0.5, &population), Some(0.0));
        assert_eq!(percentile_rank(9.0, &population), Some(100.0));
        assert_eq!(percentile_rank(4.0, &population), Some(90.0));
        assert_eq!(percentile_rank(1.0, &[]), None);
        assert_eq!(percentile_rank(f64::NAN, &population), None);
    }

    #[test]
    fn spearman_of_a_monotone_relation_is_one_and_of_its_reverse_minus_one() {
        let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
        let squares: Vec<f64> = xs.iter().map(|x| x * x).collect();
        let reverse: Vec<f64> = xs.iter().map(|x| -x.powi(3)).collect();
        assert!((spearman(&xs, &squares).unwrap() - 1.0).abs() < 1e-12);
        assert!((spearman(&xs, &reverse).unwrap() + 1.0).abs() < 1e-12);
    }

    #[test]
    fn spearman_matches_the_textbook_value_with_ties() {
        // Mid-ranks of xs: 1, 2.5, 2.5, 4, 5; of ys: 2, 1, 4, 3, 5. Pearson of those ranks:
        // Σ(dx·dy) = 6.5, Σdx² = 9.5, Σdy² = 10 → 6.5 / √95.
        let xs = [1.0, 2.0, 2.0, 3.0, 4.0];
        let ys = [20.0, 10.0, 40.0, 30.0, 50.0];
        let expected = 6.5 / 95f64.sqrt();
        assert!((spearman(&xs, &ys).unwrap() - expected).abs() < 1e-12);
    }

    #[test]
    fn spearman_is_undefined_for_short_or_constant_series() {
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 2.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[5.0, 5.0, 5.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[1.0, 2.0]), None);
        assert_eq!(spearman(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]), None);
    }
}
