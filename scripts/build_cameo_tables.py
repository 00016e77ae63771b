"""Build ``codebooks/cameo/event_codes.csv`` and ``quad_class.csv`` from GDELT's CAMEO lookups.

Usage::

    python scripts/build_cameo_tables.py [REFERENCE_DIR]

REFERENCE_DIR holds ``CAMEO.eventcodes.txt`` and ``CAMEO.goldsteinscale.txt`` (tab-separated,
one header row); it defaults to ``../shared/reference/cameo`` beside the project root.  The
output is deterministic; see ``codebooks/cameo/SOURCES.md`` for provenance.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "codebooks" / "cameo"

# Known mojibake in GDELT's lookup (Mac-Roman smart quotes decoded as UTF-8), and its fix.
LABEL_FIXES = {"044": "Meet at a 'third' location"}

# GDELT QuadClass by root code.
QUAD_CLASSES = [
    (1, "Verbal Cooperation", range(1, 6)),
    (2, "Material Cooperation", range(6, 9)),
    (3, "Verbal Conflict", range(9, 14)),
    (4, "Material Conflict", range(14, 21)),
]


def read_table(path: Path, value_col: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for rec in reader:
            code = (rec.get("CAMEOEVENTCODE") or "").strip()
            if not code:
                continue
            if code in out:
                raise SystemExit(f"{path}: duplicate code {code}")
            out[code] = (rec.get(value_col) or "").strip()
    return out


def read_codefile_extensions(path: Path, known: set[str]) -> dict[str, str]:
    """Codes of the CAMEO 1.1b3 code file (ICEWS-era) that GDELT's lookup lacks, e.g. 1952."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"LABEL:\s*(\d{2,4})=\s*(.+)", line)
        if m and m.group(1) not in known:
            out[m.group(1)] = m.group(2).strip()
    return out


def main(argv: list[str]) -> int:
    ref = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference" / "cameo"
    labels = read_table(ref / "CAMEO.eventcodes.txt", "EVENTDESCRIPTION")
    scores = read_table(ref / "CAMEO.goldsteinscale.txt", "GOLDSTEINSCALE")
    if set(labels) != set(scores):
        raise SystemExit(f"code sets differ: {sorted(set(labels) ^ set(scores))}")
    extensions = read_codefile_extensions(ref / "CAMEO_codefile.txt", set(labels))
    for code, label in extensions.items():
        parent = code[:3]
        if parent not in scores:
            raise SystemExit(f"extension code {code} has no parent {parent} in the lookup")
        labels[code] = label
        scores[code] = scores[parent]  # Goldstein of the 3-digit parent
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "event_codes.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "label", "goldstein", "root", "source"])
        for code in sorted(labels):
            label = LABEL_FIXES.get(code, labels[code])
            origin = ("CAMEO_codefile.txt (ICEWS extension; Goldstein of the parent code)"
                      if code in extensions else "GDELT CAMEO.eventcodes.txt")
            writer.writerow([code, label, f"{float(scores[code]):.1f}", code[:2], origin])
    with (OUT / "quad_class.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["root", "quad_class", "label"])
        for quad, label, roots in QUAD_CLASSES:
            for root in roots:
                writer.writerow([f"{root:02d}", quad, label])
    print(f"wrote {len(labels)} codes to {OUT / 'event_codes.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
