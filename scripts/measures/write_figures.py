#!/usr/bin/env python3
"""Write the published-measure and employment figures under data/measures/ (standard library only).

Reads the public datasets in the shared data directory (default: ../shared/data relative to the
repository root) and writes compact CSV files of codes and numbers only, no titles or other text:

  eloundou-2023-beta-model.csv     code,value   O*NET-SOC code, GPT-4-rated beta exposure
  eloundou-2023-beta-human.csv     code,value   O*NET-SOC code, human-rated beta exposure
  microsoft-2025-applicability.csv code,value   2018 SOC code, AI applicability score
  frey-osborne-2013.csv            code,value   2018 SOC code, probability of computerisation,
                                                carried from 2010 SOC through the BLS crosswalk
  oews-2024-employment.csv         code,group,employment,median_annual_wage,wage_note

Every file is sorted by code, uses \\n line endings and is rewritten whole on each run, so the same
inputs always give byte-identical outputs. The files must not be edited by hand; their sources,
licences and the crosswalk rule are described in data/measures/SOURCES.md.

A malformed input row stops the script with a message naming the file and line.

Usage: python3 scripts/measures/write_figures.py [SHARED_DATA_DIR] [--out DIR]
"""

import argparse
import csv
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "data" / "measures"

ELOUNDOU = Path("measures") / "eloundou-2023-occ_level.csv"
MICROSOFT = Path("measures") / "microsoft-2025-soc_ai_applicability_scores.csv"
FREY_OSBORNE = Path("measures") / "frey-osborne-2013-soc2010.csv"
CROSSWALK = Path("measures") / "bls-soc2010-to-soc2018-crosswalk.csv"
OEWS = Path("oews-2024") / "oews_national_may2024.csv"

ONET_CODE = re.compile(r"\d\d-\d\d\d\d\.\d\d")
SOC_CODE = re.compile(r"\d\d-\d\d\d\d")
# Dash-like characters that a hand-made table might use in place of the hyphen in a SOC code.
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
PLACES = Decimal("0.0001")

# BLS OEWS markers in the wage and employment columns.
TOP_CODED = "#"  # wage at or above the top of the survey's range ($239,200 a year in May 2024)
NOT_AVAILABLE = ("*", "**")  # "*": wage not released; "**": employment estimate not released


class Malformed(Exception):
    """A row that cannot be read; the message names file:line."""


def fail(where, message):
    raise Malformed(f"{where}: {message}")


def read_rows(path, required):
    """Yield (where, row dict) for each data row of a CSV file, checking header and row width."""
    if not path.is_file():
        raise Malformed(f"{path}: file not found")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            fail(f"{path}:1", "empty file, expected a header row")
        except csv.Error as error:
            fail(f"{path}:{reader.line_num}", f"unreadable CSV: {error}")
        header = [name.strip() for name in header]
        missing = [name for name in required if name not in header]
        if missing:
            fail(f"{path}:1", f"header lacks column(s) {', '.join(repr(m) for m in missing)}")
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                fail(f"{path}:{reader.line_num}", f"unreadable CSV: {error}")
            where = f"{path}:{reader.line_num}"
            if not cells or all(not cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                fail(where, f"{len(cells)} fields, the header has {len(header)}")
            yield where, dict(zip(header, cells))


def soc_code(where, text, column):
    """A 2010/2018 SOC code NN-NNNN, with surrounding whitespace and odd dashes normalised."""
    code = text.strip().translate(DASHES)
    if not SOC_CODE.fullmatch(code):
        fail(where, f"{column} {text!r} is not a SOC code NN-NNNN")
    return code


def onet_code(where, text, column):
    code = text.strip().translate(DASHES)
    if not ONET_CODE.fullmatch(code):
        fail(where, f"{column} {text!r} is not an O*NET-SOC code NN-NNNN.NN")
    return code


def share(where, text, column):
    """A number from 0 to 1, as an exact Decimal of the source text."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        fail(where, f"{column} {text!r} is not a number")
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        fail(where, f"{column} {text!r} is outside 0 to 1")
    return value


def rounded(value):
    """Round half up to 4 decimals and drop trailing zeros: 0.4600 -> 0.46, 1.0000 -> 1."""
    text = format(value.quantize(PLACES, rounding=ROUND_HALF_UP).normalize(), "f")
    return "0" if text in ("-0", "") else text


def first_seen(seen, key, where, what):
    if key in seen:
        fail(where, f"duplicate {what} {key} (first at {seen[key]})")
    seen[key] = where


def write_csv(path, header, rows):
    """Write a plain CSV with \\n line endings, replacing the file only when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(temporary, path)
    try:
        shown = path.resolve().relative_to(REPO_ROOT)
    except ValueError:
        shown = path
    print(f"wrote {shown} ({len(rows)} rows)")


def eloundou(data, out):
    path = data / ELOUNDOU
    column_code = "O*NET-SOC Code"
    model, human, seen = {}, {}, {}
    for where, row in read_rows(path, [column_code, "dv_rating_beta", "human_rating_beta"]):
        code = onet_code(where, row[column_code], column_code)
        first_seen(seen, code, where, "code")
        model[code] = share(where, row["dv_rating_beta"], "dv_rating_beta")
        human[code] = share(where, row["human_rating_beta"], "human_rating_beta")
    print(f"{ELOUNDOU}: {len(seen)} occupations read")
    write_csv(out / "eloundou-2023-beta-model.csv", ["code", "value"],
              [[code, rounded(model[code])] for code in sorted(model)])
    write_csv(out / "eloundou-2023-beta-human.csv", ["code", "value"],
              [[code, rounded(human[code])] for code in sorted(human)])


def microsoft(data, out):
    path = data / MICROSOFT
    values, seen = {}, {}
    for where, row in read_rows(path, ["SOC Code", "ai_applicability_score"]):
        code = soc_code(where, row["SOC Code"], "SOC Code")
        first_seen(seen, code, where, "code")
        values[code] = share(where, row["ai_applicability_score"], "ai_applicability_score")
    print(f"{MICROSOFT}: {len(values)} occupations read")
    write_csv(out / "microsoft-2025-applicability.csv", ["code", "value"],
              [[code, rounded(values[code])] for code in sorted(values)])


# Frey & Osborne used the OES survey's 2010 codes, a few of which combine several SOC 2010
# detailed occupations and so are not in the SOC crosswalk. These are the ones whose make-up is
# certain (OES 2010 occupation definitions); the other aggregates stay unmatched and are listed
# in SOURCES.md.
OES_2010_AGGREGATES = {
    # Registered nurses: OES 29-1111 is SOC 2010 29-1141.
    "29-1111": ["29-1141"],
    # Physicians and surgeons.
    "29-1060": ["29-1061", "29-1062", "29-1063", "29-1064", "29-1065", "29-1066", "29-1067", "29-1069"],
    # Computer support specialists.
    "15-1150": ["15-1151", "15-1152"],
    # Information security analysts, web developers and computer network architects.
    "15-1179": ["15-1122", "15-1134", "15-1143"],
    # Miscellaneous agricultural workers.
    "45-2090": ["45-2091", "45-2092", "45-2093", "45-2099"],
}


def frey_osborne(data, out):
    """Carry the 2010 SOC probabilities onto 2018 SOC codes.

    A 2010 code that maps to several 2018 codes gives each of them its value (a split inherits).
    A 2018 code with several 2010 sources gets the mean of the sources that have a value (a merge
    averages). A 2018 code none of whose sources has a value is left out.
    """
    probability, seen = {}, {}
    rows_read = 0
    expanded = 0
    for where, row in read_rows(data / FREY_OSBORNE, ["SOC code", "Probability"]):
        rows_read += 1
        code = soc_code(where, row["SOC code"], "SOC code")
        first_seen(seen, code, where, "SOC code")
        value = share(where, row["Probability"], "Probability")
        probability[code] = value
        # An OES 2010 aggregate code stands for the SOC 2010 detailed codes it combines: each
        # inherits the figure, unless the paper rates that detailed code itself.
        for detailed in OES_2010_AGGREGATES.get(code, []):
            probability.setdefault(detailed, value)
            expanded += 1

    targets = {}  # 2010 code -> set of 2018 codes
    sources = {}  # 2018 code -> set of 2010 codes
    for where, row in read_rows(data / CROSSWALK, ["2010 SOC Code", "2018 SOC Code"]):
        old = soc_code(where, row["2010 SOC Code"], "2010 SOC Code")
        new = soc_code(where, row["2018 SOC Code"], "2018 SOC Code")
        targets.setdefault(old, set()).add(new)
        sources.setdefault(new, set()).add(old)

    # Postsecondary teachers: OES 25-1000 stands for every SOC 2010 detailed code 25-1xxx.
    if "25-1000" in probability:
        for old in sorted(targets):
            if old.startswith("25-1") and old not in probability:
                probability[old] = probability["25-1000"]
                expanded += 1
        OES_2010_AGGREGATES["25-1000"] = [old for old in targets if old.startswith("25-1")]

    matched = sorted(code for code in probability if code in targets)
    unmatched = sorted(
        code
        for code in probability
        if code not in targets and not any(d in targets for d in OES_2010_AGGREGATES.get(code, []))
    )

    rows = []
    split = merged = partial = one_to_one = 0
    left_out = 0
    for new in sorted(sources):
        valued = sorted(old for old in sources[new] if old in probability)
        if not valued:
            left_out += 1
            continue
        mean = sum(probability[old] for old in valued) / Decimal(len(valued))
        rows.append([new, rounded(mean)])
        from_split = any(len(targets[old]) > 1 for old in valued)
        split += from_split
        merged += len(valued) > 1
        partial += len(valued) < len(sources[new])
        one_to_one += not from_split and len(valued) == 1
    print(f"{FREY_OSBORNE}: {rows_read} rows read")
    print(f"{CROSSWALK}: {len(targets)} 2010 codes, {len(sources)} 2018 codes")
    print(f"  OES 2010 aggregate codes expanded to SOC 2010 detailed codes: {expanded} codes")
    print(f"  2010 codes matched in the crosswalk: {len(matched)}")
    print(f"  2018 codes written: {len(rows)}")
    print(f"    from a split (a source 2010 code maps to several 2018 codes): {split}")
    print(f"    from a merge (more than one source value averaged): {merged}")
    print(f"    one-to-one (single source, not split): {one_to_one}")
    print(f"    with some but not all 2010 sources valued: {partial}")
    print(f"  2018 codes in the crosswalk left out (no source valued): {left_out}")
    print(f"  Frey & Osborne codes not found in the crosswalk: {len(unmatched)}")
    for code in unmatched:
        print(f"    {code} {probability[code]}")
    write_csv(out / "frey-osborne-2013.csv", ["code", "value"], rows)


def oews_number(where, text, column):
    """A non-negative whole number as text ("1,234" allowed), or fail."""
    cleaned = text.strip().replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        fail(where, f"{column} {text!r} is neither a number nor a BLS marker")
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        fail(where, f"{column} {text!r} is not a whole non-negative number")
    return str(int(value))


def oews(data, out):
    path = data / OEWS
    rows, seen = [], {}
    counts = {"detailed": 0, "broad": 0, "total": 0}
    notes = {"top-coded": 0, "not available": 0}
    employment_missing = 0
    for where, row in read_rows(path, ["OCC_CODE", "O_GROUP", "TOT_EMP", "A_MEDIAN"]):
        group = row["O_GROUP"].strip()
        if group not in counts:
            continue
        code = soc_code(where, row["OCC_CODE"], "OCC_CODE")
        first_seen(seen, f"{code} ({group})", where, "OCC_CODE")
        counts[group] += 1

        employment = row["TOT_EMP"].strip()
        if employment in NOT_AVAILABLE:
            employment = ""
            employment_missing += 1
        else:
            employment = oews_number(where, employment, "TOT_EMP")

        median = row["A_MEDIAN"].strip()
        note = ""
        if median == TOP_CODED:
            median, note = "", "top-coded"
        elif median in NOT_AVAILABLE:
            median, note = "", "not available"
        else:
            median = oews_number(where, median, "A_MEDIAN")
        if note:
            notes[note] += 1
        rows.append([code, group, employment, median, note])
    rows.sort(key=lambda r: (r[0], r[1]))
    print(f"{OEWS}: {counts['detailed']} detailed, {counts['broad']} broad and {counts['total']} total rows kept; "
          f"employment not available: {employment_missing}; "
          f"median top-coded: {notes['top-coded']}, not available: {notes['not available']}")
    write_csv(out / "oews-2024-employment.csv",
              ["code", "group", "employment", "median_annual_wage", "wage_note"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help=f"shared data directory (default {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default {DEFAULT_OUT})")
    args = parser.parse_args()
    try:
        eloundou(args.data, args.out)
        microsoft(args.data, args.out)
        frey_osborne(args.data, args.out)
        oews(args.data, args.out)
    except Malformed as error:
        print(f"write_figures: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
