#!/usr/bin/env python3
"""Build content/kommunen/kommunen.csv, the seed directory of German Kommunen.

Sources (read-only, see ../shared/data/README.md):
  gemeindeverzeichnis/gemeinden-2011.csv   all Gemeinden, Stand 31.12.2011
  gemeindeverzeichnis/kreise-2017.ndjson   Kreis level, Stand 31.03.2017
  gemeindeverzeichnis/laender-2017.ndjson  Länder, Stand 31.03.2017

Output columns: ags,name,verwaltungstyp,bundesland,kreis_ags,einwohner,plz,stand
(UTF-8, header row, LF line endings, RFC 4180 quoting, sorted by ags as string).

Python 3 standard library only. Usage:
  python3 tools/build_kommunen.py [--source DIR] [--out FILE]
"""

import argparse
import collections
import csv
import datetime
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.normpath(
    os.path.join(ROOT, "..", "shared", "data", "gemeindeverzeichnis"))
DEFAULT_OUT = os.path.join(ROOT, "content", "kommunen", "kommunen.csv")

COLUMNS = ["ags", "name", "verwaltungstyp", "bundesland", "kreis_ags",
           "einwohner", "plz", "stand"]
VERWALTUNGSTYPEN = ["kreisfreie_stadt", "kreisangehoerige_stadt", "gemeinde",
                    "landkreis"]

# Every gemeindetyp value found in gemeinden-2011.csv. An unknown value is an
# error, so that a different source file is not mapped silently.
GEMEINDETYP_MAP = {
    "Kreisfreie Stadt": "kreisfreie_stadt",
    "Stadtkreis": "kreisfreie_stadt",              # Baden-Württemberg
    "Stadtstaat": "kreisfreie_stadt",              # Hamburg (Berlin: "Kreisfreie Stadt")
    "Stadt": "kreisangehoerige_stadt",
    "Große Kreisstadt": "kreisangehoerige_stadt",  # BW, BY
    "Große kreisangehörige Stadt": "kreisangehoerige_stadt",  # RP, MV
    "Kreisangehörige Gemeinde": "gemeinde",
    "Markt": "gemeinde",                           # Bayern
    "Bewohntes gemfr. Gebiet": "gemeinde",         # Lohheide, Osterheide (NI)
}

# typ.name values in kreise-2017.ndjson (ebene "kreis").
KREIS_TYP_LANDKREIS = {"landkreis", "kreis", "regionalverband"}
KREIS_TYP_KREISFREI = {"kreisfreie-stadt", "stadtkreis"}


def fail(msg):
    sys.exit("build_kommunen: error: " + msg)


def read_ndjson(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def german_date(value):
    """'31.12.2011' -> '2011-12-31'."""
    return datetime.datetime.strptime(value, "%d.%m.%Y").date().isoformat()


def stand_2017(value):
    """'2017-03-30T22:00:00.000Z' -> '2017-03-31'.

    The 2017 files store the Stichtag as midnight German local time converted
    to UTC (22:00Z in summer time, 23:00Z in winter time); the Stichtag is the
    following calendar day.
    """
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}):00:00(?:\.000)?Z", value)
    if not m:
        fail("unexpected stand format in kreise-2017: %r" % value)
    day = datetime.date.fromisoformat(m.group(1))
    hour = int(m.group(2))
    if hour in (22, 23):
        day += datetime.timedelta(days=1)
    elif hour != 0:
        fail("unexpected stand time in kreise-2017: %r" % value)
    return day.isoformat()


def build(source):
    warnings = []

    # --- Länder -----------------------------------------------------------
    laender = {}
    for rec in read_ndjson(os.path.join(source, "laender-2017.ndjson")):
        laender[rec["schlüssel"]["nummer"]] = rec["name"]
    if len(laender) != 16:
        warnings.append("laender-2017 has %d entries, expected 16" % len(laender))

    # --- Gemeinden 2011 ---------------------------------------------------
    rows = []
    einwohner_by_kreis = collections.Counter()
    gemeinden_by_kreis = collections.Counter()
    typ_counts = collections.Counter()
    with open(os.path.join(source, "gemeinden-2011.csv"),
              encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            ags = rec["ags"].strip()
            if not re.fullmatch(r"\d{8}", ags):
                fail("bad AGS %r" % ags)
            typ = rec["gemeindetyp"].strip()
            typ_counts[typ] += 1
            if typ not in GEMEINDETYP_MAP:
                fail("unknown gemeindetyp %r (AGS %s); extend GEMEINDETYP_MAP"
                     % (typ, ags))
            land = rec["bundesland"].strip()
            if laender.get(ags[:2]) not in (None, land):
                warnings.append("AGS %s: bundesland %r differs from laender-2017 %r"
                                % (ags, land, laender[ags[:2]]))
            m = re.match(r"(\d{5})\b", rec["plz_ort"].strip())
            plz = m.group(1) if m else ""
            if not plz:
                warnings.append("AGS %s: no PLZ in %r" % (ags, rec["plz_ort"]))
            ew = rec["einwohner"].strip()
            if ew and not ew.isdigit():
                warnings.append("AGS %s: einwohner %r not an integer" % (ags, ew))
                ew = ""
            if ew:
                einwohner_by_kreis[ags[:5]] += int(ew)
            gemeinden_by_kreis[ags[:5]] += 1
            rows.append({
                "ags": ags,
                "name": rec["name"].strip(),
                "verwaltungstyp": GEMEINDETYP_MAP[typ],
                "bundesland": land,
                "kreis_ags": ags[:5],
                "einwohner": str(int(ew)) if ew else "",
                "plz": plz,
                "stand": german_date(rec["stand"].strip()),
            })
    kreisfrei_2011 = {r["kreis_ags"] for r in rows
                      if r["verwaltungstyp"] == "kreisfreie_stadt"}

    # --- Kreise 2017 -------------------------------------------------------
    kreis_typ_counts = collections.Counter()
    kreisfrei_2017 = set()
    landkreis_keys = set()
    landkreise_ohne_2011 = []
    for rec in read_ndjson(os.path.join(source, "kreise-2017.ndjson")):
        if rec["ebene"]["name"] != "kreis":
            continue
        key = rec["schlüssel"]["nummer"]
        typ = rec["typ"]["name"]
        kreis_typ_counts[typ] += 1
        if typ in KREIS_TYP_KREISFREI:
            kreisfrei_2017.add(key)
            continue
        if typ not in KREIS_TYP_LANDKREIS:
            fail("unknown Kreis typ %r (key %s)" % (typ, key))
        if not re.fullmatch(r"\d{5}", key):
            fail("bad Kreisschlüssel %r" % key)
        landkreis_keys.add(key)
        if key in gemeinden_by_kreis:
            ew = str(einwohner_by_kreis[key])
        else:
            ew = ""
            landkreise_ohne_2011.append("%s %s" % (key, rec["name"]))
        rows.append({
            "ags": key,
            "name": rec["name"].strip(),
            "verwaltungstyp": "landkreis",
            "bundesland": laender.get(key[:2], ""),
            "kreis_ags": "",
            "einwohner": ew,
            "plz": "",
            "stand": stand_2017(rec["stand"]),
        })

    # --- Checks -------------------------------------------------------------
    dups = [a for a, c in collections.Counter(r["ags"] for r in rows).items() if c > 1]
    if dups:
        fail("duplicate ags: %s" % ", ".join(sorted(dups)))
    if kreisfrei_2011 != kreisfrei_2017:
        warnings.append("kreisfreie Städte differ 2011/2017: only 2011 %s, only 2017 %s"
                        % (sorted(kreisfrei_2011 - kreisfrei_2017),
                           sorted(kreisfrei_2017 - kreisfrei_2011)))
    for key in sorted(set(gemeinden_by_kreis) - landkreis_keys - kreisfrei_2011):
        warnings.append("kreis_ags %s (%d Gemeinden, 2011) has no Landkreis row "
                        "(Kreis no longer exists in 2017)" % (key, gemeinden_by_kreis[key]))
    for entry in landkreise_ohne_2011:
        warnings.append("Landkreis %s has no Gemeinden in the 2011 data; einwohner empty"
                        % entry)

    rows.sort(key=lambda r: r["ags"])
    return rows, typ_counts, kreis_typ_counts, warnings, len(landkreise_ohne_2011)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE,
                    help="directory with the gemeindeverzeichnis files (default: %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output CSV (default: %(default)s)")
    args = ap.parse_args()
    if not os.path.isdir(args.source):
        fail("source directory not found: %s" % args.source)

    rows, typ_counts, kreis_typ_counts, warnings, n_ohne = build(args.source)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n",
                           quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, args.out)

    counts = collections.Counter(r["verwaltungstyp"] for r in rows)
    print("wrote %s: %d rows" % (os.path.relpath(args.out), len(rows)))
    print("verwaltungstyp:")
    for t in VERWALTUNGSTYPEN:
        print("  %-24s %6d" % (t, counts[t]))
    print("  %-24s %6d" % ("Gemeinden (2011)", len(rows) - counts["landkreis"]))
    print("gemeindetyp 2011 -> verwaltungstyp:")
    for t, c in typ_counts.most_common():
        print("  %-30s %6d -> %s" % (t, c, GEMEINDETYP_MAP[t]))
    print("Kreis typ 2017: " + ", ".join("%s %d" % kv for kv in kreis_typ_counts.most_common()))
    print("Landkreise ohne Einwohner (Schlüssel nicht in 2011): %d" % n_ohne)
    for msg in warnings:
        print("note: " + msg, file=sys.stderr)


if __name__ == "__main__":
    main()
