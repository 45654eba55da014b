#!/usr/bin/env bash
# Times `atlas import onet` on a full-size O*NET release.
#
# Usage: scripts/onet-bench.sh ONET_DIR
#   ONET_DIR holds O*NET's real "Occupation Data.txt", "Task Statements.txt" and
#   "Content Model Reference.txt" (for example the text release unpacked). Work Context and Task
#   Ratings are too large to keep on the development machines, so this script generates them in
#   /tmp at O*NET's size and in O*NET's format: per task IM, RT and seven FT rows (about 170,000
#   rows), and per occupation a CX row and five CXP rows for each leaf Work Context element (about
#   300,000 rows), with invented but plausible values and about 5% of rows flagged Recommend
#   Suppress. Nothing generated is written inside the repository, and all of it is deleted at the
#   end.
#
# It then builds the release binary (if needed) and times, each against a fresh SQLite file:
# the import of the directory, a second import of the same directory (nothing to change), and
# the import of the same files as a zip archive.
#
# With ONET_BENCH_ONLY_GENERATE=DIR it only writes the full-size release into DIR and stops (for
# the search benchmark: ATLAS_BENCH_ONET=DIR cargo bench --bench search --features ssr).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || [ ! -f "$1/Task Statements.txt" ]; then
    echo "usage: $0 ONET_DIR (a directory with O*NET's Occupation Data.txt and Task Statements.txt)" >&2
    exit 2
fi
source_dir=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/onet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
release="$work/db_29_3_text"
mkdir "$release"

python3 - "$source_dir" "$release" <<'PY'
import os, random, shutil, sys

source, target = sys.argv[1], sys.argv[2]
rng = random.Random(2025)
for name in ("Occupation Data.txt", "Task Statements.txt"):
    shutil.copy(os.path.join(source, name), os.path.join(target, name))
with open(os.path.join(target, "Read Me.txt"), "w") as read_me:
    read_me.write("O*NET 29.3 Database (benchmark: generated Task Ratings and Work Context)\n")

def rows(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        for line in handle:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) >= len(header):
                yield dict(zip(header, cells))

def percents(count):
    weights = [rng.random() ** 2 for _ in range(count)]
    total = sum(weights)
    values = [round(100 * weight / total, 2) for weight in weights]
    values[-1] = round(100 - sum(values[:-1]), 2)
    return [max(value, 0.0) for value in values]

def flag():
    return "Y" if rng.random() < 0.05 else "N"

tasks = list(rows(os.path.join(source, "Task Statements.txt")))
titles = {row["O*NET-SOC Code"]: row["Title"] for row in rows(os.path.join(source, "Occupation Data.txt"))}

with open(os.path.join(target, "Task Ratings.txt"), "w") as out:
    out.write("O*NET-SOC Code\tTitle\tTask ID\tTask\tScale ID\tScale Name\tCategory\tData Value\tN\t"
              "Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")
    count = 0
    for task in tasks:
        # About 2% of tasks have no ratings, as in real releases.
        if rng.random() < 0.02:
            continue
        prefix = f'{task["O*NET-SOC Code"]}\t{task["Title"]}\t{task["Task ID"]}\t{task["Task"]}'
        n = rng.randint(8, 60)
        importance = round(rng.uniform(2.5, 4.9), 2)
        out.write(f"{prefix}\tIM\tImportance\tn/a\t{importance:.2f}\t{n}\t0.15\t3.50\t4.50\t{flag()}\t08/2024\tIncumbent\n")
        relevance = round(rng.uniform(40, 100), 2)
        out.write(f"{prefix}\tRT\tRelevance of Task\tn/a\t{relevance:.2f}\t{n}\t4.10\t60.00\t100.00\t{flag()}\t08/2024\tIncumbent\n")
        for category, percent in enumerate(percents(7), start=1):
            out.write(f"{prefix}\tFT\tFrequency of Task (Categories 1-7)\t{category}\t{percent:.2f}\t{n}\t3.00\t0.00\t40.00\t{flag()}\t08/2024\tIncumbent\n")
        count += 9
    print(f"Task Ratings.txt: {count} rows (generated)")

elements = [row["Element ID"] for row in rows(os.path.join(source, "Content Model Reference.txt"))
            if row["Element ID"].startswith("4.C.")]
leaves = [element for element in elements if not any(other.startswith(element + ".") for other in elements)]
names = {row["Element ID"]: row["Element Name"] for row in rows(os.path.join(source, "Content Model Reference.txt"))}
codes = sorted({task["O*NET-SOC Code"] for task in tasks})
with open(os.path.join(target, "Work Context.txt"), "w") as out:
    out.write("O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tCategory\tData Value\tN\t"
              "Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n")
    count = 0
    for code in codes:
        title = titles.get(code, "")
        for element in leaves:
            prefix = f"{code}\t{title}\t{element}\t{names[element]}"
            n = rng.randint(15, 40)
            shares = percents(5)
            mean = sum((index + 1) * share for index, share in enumerate(shares)) / 100
            mean = min(max(mean, 1.0), 5.0)
            out.write(f"{prefix}\tCX\tContext\tn/a\t{mean:.2f}\t{n}\t0.20\t2.50\t3.50\t{flag()}\tN\t08/2024\tIncumbent\n")
            for category, share in enumerate(shares, start=1):
                out.write(f"{prefix}\tCXP\tContext (Categories 1-5)\t{category}\t{share:.2f}\t{n}\t5.00\t0.00\t30.00\t{flag()}\tn/a\t08/2024\tIncumbent\n")
            count += 6
    print(f"Work Context.txt: {count} rows (generated, {len(leaves)} elements x {len(codes)} occupations)")
print(f"Task Statements.txt: {len(tasks)} rows (real); Occupation Data.txt: {len(titles)} rows (real)")
PY
if [ -n "${ONET_BENCH_ONLY_GENERATE:-}" ]; then
    mkdir -p "$ONET_BENCH_ONLY_GENERATE"
    cp "$release"/* "$ONET_BENCH_ONLY_GENERATE"/
    echo "full-size release written to $ONET_BENCH_ONLY_GENERATE"
    exit 0
fi
(cd "$work" && python3 -m zipfile -c db_29_3_text.zip db_29_3_text/ >/dev/null)
ls -l "$release" "$work/db_29_3_text.zip" | sed 's/^/  /'

target_dir=${CARGO_TARGET_DIR:-target}
cargo build --release --features ssr --quiet
binary="$target_dir/release/atlas"

run() { # label database path
    local label=$1 database=$2 path=$3 start end
    DATABASE_URL="sqlite://$database" "$binary" migrate >/dev/null
    start=$(date +%s.%N)
    DATABASE_URL="sqlite://$database" RUST_LOG=warn "$binary" import onet "$path" </dev/null 2>&1 | sed 's/^/    /'
    end=$(date +%s.%N)
    awk -v label="$label" -v start="$start" -v end="$end" 'BEGIN { printf "%s: %.2f s wall\n", label, end - start }'
}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "import, directory, fresh database" "$work/directory.db" "$release"
run "import again, same content" "$work/directory.db" "$release"
run "import, zip, fresh database" "$work/zip.db" "$work/db_29_3_text.zip"
