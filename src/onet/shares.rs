//! Time shares: how much of an occupation's working time each task takes, estimated from FT, IM
//! and RT, and split into whole tenths of a percent that add up to exactly 100.

use super::mapping::ResolvedTask;

/// RT below this still counts as this, so every listed task keeps a visible share.
pub const MIN_RELEVANCE_PERCENT: f64 = 5.0;
/// Shares are whole tenths of a percent that add up to exactly 100.
pub const SHARE_TENTHS_TOTAL: u32 = 1000;

/// The relative time a task takes: mean FT category × IM × RT / 100. The FT category number
/// grows roughly with the logarithm of how often a task comes round, which suits time spent:
/// frequent tasks are usually short ones.
pub fn time_weight(task: &ResolvedTask) -> f64 {
    task.frequency_category.value
        * task.importance.value
        * task.relevance.value.max(MIN_RELEVANCE_PERCENT)
        / 100.0
}

/// Splits 100% into whole tenths in proportion to `weights` (largest remainder, ties to the
/// earlier task), giving every task at least one tenth. Weights must be positive.
pub fn shares_in_tenths(weights: &[f64]) -> Vec<u32> {
    let total: f64 = weights.iter().sum();
    if weights.is_empty() || total <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights
        .iter()
        .map(|weight| weight / total * f64::from(SHARE_TENTHS_TOTAL))
        .collect();
    let mut tenths: Vec<u32> = exact.iter().map(|value| value.floor() as u32).collect();
    let assigned: u32 = tenths.iter().sum();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    by_remainder.sort_by(|&left, &right| {
        let remainder = |index: usize| exact[index] - exact[index].floor();
        remainder(right)
            .total_cmp(&remainder(left))
            .then(left.cmp(&right))
    });
    for &index in by_remainder
        .iter()
        .cycle()
        .take(SHARE_TENTHS_TOTAL.saturating_sub(assigned) as usize)
    {
        tenths[index] += 1;
    }
    for index in 0..tenths.len() {
        if tenths[index] == 0 {
            let largest = (0..tenths.len())
                .max_by(|&left, &right| tenths[left].cmp(&tenths[right]).then(right.cmp(&left)))
                .unwrap_or(index);
            if tenths[largest] > 1 {
                tenths[largest] -= 1;
                tenths[index] = 1;
            }
        }
    }
    tenths
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn shares_split_by_largest_remainder_and_never_vanish() {
        assert_eq!(shares_in_tenths(&[1.0, 1.0, 1.0]), [334, 333, 333]);
        assert_eq!(shares_in_tenths(&[1.0, 1e-9]), [999, 1]);
        assert!(shares_in_tenths(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn shares_always_add_up_to_a_thousand_tenths(
            weights in proptest::collection::vec(1e-6_f64..1e3, 1..=50)
        ) {
            let tenths = shares_in_tenths(&weights);
            prop_assert_eq!(tenths.iter().sum::<u32>(), SHARE_TENTHS_TOTAL);
            prop_assert!(tenths.iter().all(|&share| share >= 1));
        }
    }
}
