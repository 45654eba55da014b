//! Criterion benchmark of the assessment model: 1,000 occupations of 20 tasks each, the size of
//! a full catalog re-assessment after a model change. Inputs are built once, outside the timed
//! loop, from a fixed pseudo-random sequence so every run measures the same work.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use atlas::assess::{assess_occupation, assess_task, Kind, Rating, Ratings, TaskInput};

const OCCUPATIONS: usize = 1_000;
const TASKS_PER_OCCUPATION: usize = 20;

/// A small linear congruential generator: deterministic and dependency-free.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn rating(&mut self) -> Rating {
        Rating::new((self.next() % 5) as u8 + 1).expect("1..=5 is a valid rating")
    }
}

fn occupations() -> Vec<Vec<TaskInput>> {
    let mut sequence = Sequence(42);
    (0..OCCUPATIONS)
        .map(|occupation| {
            (0..TASKS_PER_OCCUPATION)
                .map(|task| TaskInput {
                    title: format!("Occupation {occupation} task {task}"),
                    share: (sequence.next() % 100 + 1) as f64,
                    kind: Kind::ALL[(sequence.next() % Kind::ALL.len() as u64) as usize],
                    ratings: Ratings::new(
                        sequence.rating(),
                        sequence.rating(),
                        sequence.rating(),
                        sequence.rating(),
                    ),
                })
                .collect()
        })
        .collect()
}

fn assess_catalog(criterion: &mut Criterion) {
    let inputs = occupations();
    criterion.bench_function("assess 1000 occupations x 20 tasks", |bencher| {
        bencher.iter(|| {
            for tasks in &inputs {
                let result = assess_occupation(black_box(tasks));
                black_box(result.ok());
            }
        })
    });
    let ratings = Ratings::new(
        Rating::MAX,
        Rating::MIN,
        Rating::new(4).expect("valid rating"),
        Rating::MAX,
    );
    criterion.bench_function("assess one task (live preview)", |bencher| {
        bencher.iter(|| {
            black_box(assess_task(
                black_box(Kind::JudgingCases),
                black_box(&ratings),
            ))
        })
    });
}

criterion_group!(benches, assess_catalog);
criterion_main!(benches);
