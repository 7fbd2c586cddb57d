#!/usr/bin/env python3
"""An analyst's session with atip: load the demo network, rank lawyers for
open matters, run a batch assignment and draw a coverage heat map of the
open matters nobody can take (jurisdiction x practice area).

    python3 examples/python/analyst.py [examples/data/demo.json] [--out DIR]

The heat map is saved as coverage_gaps.png when matplotlib is installed;
otherwise the same table is printed. pandas, when installed, gives the
assignment as a DataFrame (saved as assignments.csv).
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import sys
from typing import Dict, List, Tuple

import atip

OPEN_STATES = ("vetted", "circulated", "interest_expressed", "conflict_check")
DEFAULT_DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "demo.json"

GapCounts = Dict[Tuple[str, str], int]


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=pathlib.Path, default=DEFAULT_DATA,
                        help="data-set JSON to load (default: examples/data/demo.json)")
    parser.add_argument("--db", default=":memory:", help="database file to import into (default: in memory)")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("."),
                        help="folder for coverage_gaps.png and assignments.csv")
    parser.add_argument("--matters", type=int, default=3, help="open matters to rank and print")
    parser.add_argument("--top", type=int, default=3, help="candidates shown per matter")
    return parser.parse_args()


def print_shortlists(ch: atip.Clearinghouse, matters: List[atip.Matter], top: int) -> None:
    for matter in matters:
        shortlist = ch.rank(matter.id, top=top)
        print(f"\n{matter.id}: {matter.title} [{matter.forum}, {matter.practice_area}, "
              f"{'/'.join(matter.languages)}]")
        print(f"  {shortlist.eligible} of {shortlist.lawyers_considered} lawyers are eligible")
        if shortlist.gap is not None:
            print(f"  no candidate: {shortlist.gap.explanation}")
        for match in shortlist:
            print(f"  {match.score:.2f}  {match.lawyer_name} ({match.lawyer_id})")
            for reason in match.reasons[:2]:
                print(f"        - {reason.text}")


def run_assignment(ch: atip.Clearinghouse, out: pathlib.Path) -> None:
    result = ch.assign()
    print(f"\nBatch assignment: {len(result.assignments)} lawyers assigned, "
          f"{len(result.unfilled)} matters short, total score {result.total_score:.2f}, "
          f"{'proved optimal' if result.proved_optimal else 'best found'}")
    reasons = collections.Counter(unfilled.reason for unfilled in result.unfilled)
    for reason, count in reasons.most_common():
        print(f"  {count} matters short: {reason}")
    try:
        frame = result.assignments.to_dataframe()
    except ImportError:
        print("  (install pandas for the assignment as a DataFrame)")
        return
    path = out / "assignments.csv"
    frame.to_csv(path, index=False)
    print(f"  assignments written to {path}")


def cell_of(forum: str, practice_area: str) -> Tuple[str, str]:
    """The heat-map cell of a matter: its forum and top-level practice area."""
    return forum, practice_area.split(".")[0]


def open_counts(matters: List[atip.Matter]) -> GapCounts:
    """Open matters per (forum, top-level practice area)."""
    return collections.Counter(cell_of(matter.forum, matter.practice_area) for matter in matters)


def gap_counts(report: atip.CoverageReport) -> GapCounts:
    """Open matters without an eligible lawyer per (forum, top-level practice area)."""
    counts: GapCounts = collections.Counter()
    for group in report.groups:
        counts[cell_of(group.forum, group.practice_area)] += len(group.matter_ids)
    return counts


def save_heat_map(gaps: GapCounts, totals: GapCounts, path: pathlib.Path) -> bool:
    """Draws, per forum and practice area, the share of open matters without
    an eligible lawyer, labelled "gaps/open". Returns False when matplotlib
    is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    forums = sorted({forum for forum, _ in totals})
    areas = sorted({area for _, area in totals})
    shares = [[gaps.get((forum, area), 0) / totals[(forum, area)] if totals.get((forum, area)) else 0.0
               for area in areas] for forum in forums]

    figure, axes = plt.subplots(figsize=(1.1 * len(areas) + 3, 0.6 * len(forums) + 2.5))
    image = axes.imshow(shares, cmap="Reds", vmin=0.0, vmax=1.0)
    axes.set_xticks(range(len(areas)), labels=areas, rotation=45, ha="right")
    axes.set_yticks(range(len(forums)), labels=forums)
    for row, forum in enumerate(forums):
        for column, area in enumerate(areas):
            total = totals.get((forum, area), 0)
            if total:
                colour = "white" if shares[row][column] > 0.6 else "black"
                axes.text(column, row, f"{gaps.get((forum, area), 0)}/{total}", ha="center", va="center",
                          fontsize=8, color=colour)
    axes.set_title("Open matters without an eligible lawyer (gaps/open)")
    axes.set_xlabel("practice area")
    axes.set_ylabel("forum jurisdiction")
    figure.colorbar(image, ax=axes, label="share of open matters")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return True


def print_table(gaps: GapCounts, totals: GapCounts) -> None:
    for (forum, area), total in sorted(totals.items()):
        print(f"  {forum:6} {area:28} {gaps.get((forum, area), 0)}/{total}")


def main() -> int:
    arguments = parse_arguments()
    arguments.out.mkdir(parents=True, exist_ok=True)
    with atip.open(arguments.db) as ch:
        report = ch.import_json(arguments.data)
        print(f"Loaded {arguments.data}: " + ", ".join(f"{n} {name}" for name, n in report.counts.items() if n))
        open_matters = [matter for matter in ch.matters if matter.status in OPEN_STATES]
        print(f"{len(open_matters)} open matters")
        try:
            print_shortlists(ch, open_matters[:arguments.matters], arguments.top)
            run_assignment(ch, arguments.out)
            coverage = ch.coverage_gaps()
        except atip.InternalError as error:
            print(f"Matching is not available in this build: {error}", file=sys.stderr)
            return 2
        print(f"\nCoverage: {coverage.matters_without_candidates} of {coverage.open_matters} open matters "
              "have no eligible lawyer")
        gaps = gap_counts(coverage)
        totals = open_counts(open_matters)
        path = arguments.out / "coverage_gaps.png"
        if totals and save_heat_map(gaps, totals, path):
            print(f"  heat map saved to {path}")
        else:
            print_table(gaps, totals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
