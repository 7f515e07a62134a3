"""Seeded generator of BACI-shaped synthetic data, for benchmarks (made up: says so in its names).

Writes `synthetic-BACI_HS92_Y2022_V000000.csv` (t,i,j,k,v,q) and
`synthetic-country_codes_V000000.csv` (country_code,country_name,country_iso2,country_iso3) into
--out. Countries are a real subset of ISO 3166-1 (numeric and alpha-3 codes from pycountry); products,
values and quantities are drawn from a seeded RNG, so the same --seed gives the same files. As in
BACI, each (i, j, k) appears once, rows are sorted by i, j, k, k is written as a number (a leading
zero dropped) and some quantities are NA.

    python bench/generate_baci.py --rows 1000000 --seed 1 --out /tmp/baci
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry

COUNTRIES = 120  # distinct countries drawn from ISO 3166-1
PRODUCTS = 5000  # distinct made-up HS6 codes
CHUNK = 200_000


def generate(rows: int, seed: int, out: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    everyone = sorted(pycountry.countries, key=lambda c: int(c.numeric))
    picked = sorted(rng.choice(len(everyone), size=COUNTRIES, replace=False))
    countries = [everyone[i] for i in picked]
    codes = out / "synthetic-country_codes_V000000.csv"
    pd.DataFrame(
        {
            "country_code": [int(c.numeric) for c in countries],
            "country_name": [c.name for c in countries],
            "country_iso2": [c.alpha_2 for c in countries],
            "country_iso3": [c.alpha_3 for c in countries],
        }
    ).to_csv(codes, index=False)

    # made-up HS6 codes: chapter 01-97, heading and subheading 01-99; written as numbers like BACI
    products = np.unique(
        rng.integers(1, 98, PRODUCTS) * 10_000 + rng.integers(1, 100, PRODUCTS) * 100 + rng.integers(1, 100, PRODUCTS)
    )
    numeric = np.array([int(c.numeric) for c in countries])
    space = COUNTRIES * COUNTRIES * len(products)
    if rows > space // 2:
        raise SystemExit(f"--rows {rows} is too many for {space // 2} distinct (i, j, k)")
    # distinct (i, j, k) with i != j: draw a few more than needed, drop repeats and self-flows
    keys = np.empty(0, dtype=np.int64)
    while len(keys) < rows:
        draw = rng.integers(0, space, int((rows - len(keys)) * 1.2) + 1000)
        i, rest = np.divmod(draw, COUNTRIES * len(products))
        j = rest // len(products)
        keys = np.unique(np.concatenate([keys, draw[i != j]]))
    keys = np.sort(rng.choice(keys, size=rows, replace=False))
    data = out / "synthetic-BACI_HS92_Y2022_V000000.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        handle.write("t,i,j,k,v,q\n")
        for start in range(0, rows, CHUNK):
            part = keys[start : start + CHUNK]
            i, rest = np.divmod(part, COUNTRIES * len(products))
            j, k = np.divmod(rest, len(products))
            v = np.round(rng.lognormal(4, 2.5, len(part)), 3)
            q = np.char.mod("%.3f", rng.lognormal(2, 2.5, len(part))).astype(object)
            q[rng.random(len(part)) < 0.05] = "NA"
            pd.DataFrame({"t": 2022, "i": numeric[i], "j": numeric[j], "k": products[k], "v": v, "q": q}).to_csv(
                handle, header=False, index=False, float_format="%.3f"
            )
    return data, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True, help="how many rows")
    parser.add_argument("--seed", type=int, default=0, help="the RNG seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
    args = parser.parse_args()
    data, codes = generate(args.rows, args.seed, args.out)
    print(f"wrote {data} ({args.rows} rows) and {codes}")


if __name__ == "__main__":
    main()
