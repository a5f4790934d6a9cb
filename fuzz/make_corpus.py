#!/usr/bin/env python3
"""Writes the seed corpora of the validation fuzzers (fuzz/corpus/{csv_parser,schema,cast}).

The files are checked in; run this only to change them:  python3 fuzz/make_corpus.py
It rewrites the three directories completely. The option bytes at the start of the csv_parser and
cast seeds follow the layouts described at the top of csv_parser_fuzzer.cc and cast_fuzzer.cc; the
cast field indices must match kFields there. The Berlin MSS seeds are the first three lines of the
raw files in /work/shared/data/berlin-mss-2021/raw (skipped with a note when that is missing).
"""
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
MSS = "/work/shared/data/berlin-mss-2021/raw"


def reset(name):
    path = os.path.join(ROOT, "corpus", name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(directory, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


# ------------------------------------------------------------------------------------ csv_parser

DELIMS = {",": 0, ";": 1, "\t": 2, "|": 3}


def csv_options(delim=",", quote='"', double_quote=True, skip_space=False, header=1, escape=False,
                comment=0, null=0, doubled=False, terminator=False, comment_rows=False, tiny=False,
                chunk=0, encoding=0):
    b0 = DELIMS[delim] | (4 if quote == "'" else 0) | (0 if double_quote else 8) | (16 if skip_space else 0)
    b0 |= (header & 3) << 5 | (0x80 if escape else 0)
    b1 = (comment & 3) | (null & 3) << 2 | (0x10 if doubled else 0) | (0x20 if terminator else 0)
    b1 |= (0x40 if comment_rows else 0) | (0x80 if tiny else 0)
    return bytes([b0, b1, chunk & 0xFF, encoding & 7])


def csv_corpus():
    d = reset("csv_parser")
    seeds = {
        "german_semicolon": (csv_options(";", chunk=5),
                             "Gemeinde;Einwohner;Fläche km²\nKöln;1.084.831;405,01\n\"Mülheim an der Ruhr\";170.632;91,28\n"),
        "bom_crlf": (csv_options(chunk=2), "\ufeffid,name\r\n1,Köln\r\n2,Bonn\r\n"),
        "quoted_line_breaks": (csv_options(chunk=11), 'id,text\n1,"Zeile 1\nZeile 2"\n2,"mit ""Zitat"""\r\n3,"a\r\nb"\n'),
        "unterminated_quote": (csv_options(), 'a,b\n1,"offen\n2,3\n4,5\n'),
        "nul_byte": (csv_options(";"), b"a;b\n1;x\x00y\n2;z\n"),
        "windows1252_declared": (csv_options(";", encoding=3), "Straße;Größe\nMüller;12,5 €\n„Zitat“;–\n".encode("cp1252")),
        "windows1252_detected": (csv_options(";"), "Straße;Größe\nMüller;12,5 €\n".encode("cp1252")),
        "latin1_c1_bytes": (csv_options(";"), b"a;b\nx\x81y;\xe4\n"),
        "utf16le_bom": (csv_options(encoding=5), "\ufeffa,b\n1,2\n".encode("utf-16-le")),
        "utf16le_no_bom": (csv_options(), "id,name\n1,Köln\n".encode("utf-16-le")),
        "utf8_cut_sequence": (csv_options(encoding=1), b"a,b\n1,K\xc3"),
        "text_after_quote": (csv_options(), 'id,text\n1,"Sagt "Hallo" laut"\n2,weiter\n'),
        "quote_in_unquoted": (csv_options(";"), 'name;maß\nBildschirm;24" Zoll\nab""c;x"\n'),
        "escape_char": (csv_options(escape=True, chunk=3), 'a,b,c\nx\\,y,"q\\"q",c\\\\d\nz\\\nz,1,2\n'),
        "escape_no_double_quote": (csv_options(escape=True, double_quote=False), 'a,b\n"x\\"y",""\n'),
        "comment_hash": (csv_options(comment=1), '# Quelle: "Amt\nid,name\n#fruits\n1,apple\n  # kein Kommentar\n2,"#x"\n'),
        "comment_slashes": (csv_options(comment=2, header=0), "a\n// weg\n/ bleibt\n//"),
        "comment_rows": (csv_options(comment_rows=True), "id,name\n# Zeile 2\n1,apple\n"),
        "null_na": (csv_options(";", null=1), 'a;b;c;d\nNA;"NA";;NAN\n'),
        "null_empty": (csv_options(";", null=3), 'a;b\n;""\n'),
        "multibyte_delimiter": (csv_options("|", doubled=True, chunk=1), 'a||b||c\n1||2|x||"3||4"\n5|||6||7\n'),
        "custom_terminator": (csv_options(terminator=True), "a,b;1,2;3,\"x;y\"\n4;"),
        "header_rows_two": (csv_options(header=2), "fruit,\nid,name\n1,apple\n2,orange\n"),
        "header_row_second": (csv_options(header=3), "Titel der Tabelle\nid,name\n1,a\n"),
        "no_header": (csv_options(header=0), "1,2\n3,4"),
        "skip_initial_space": (csv_options(skip_space=True), 'id, name\n1,  apple\n2, \t"b, c"\n'),
        "blank_lines_mixed_endings": (csv_options(), "a,b\n\n1,2\r\n\r\n3,4\r5,6"),
        "cr_only": (csv_options(";"), "a;b\r1;2\r3;4\r"),
        "trailing_delimiter": (csv_options(), "a,b\n1,"),
        "tiny_limits_long_record": (csv_options(tiny=True), "a,b\n1," + "x" * 300 + "\n2,b\n"),
        "tiny_limits_many_fields": (csv_options(";", tiny=True), "a\n" + ";".join(str(i) for i in range(20)) + "\n"),
        "tiny_limits_open_quote": (csv_options(tiny=True, chunk=64), 'id,text\n1,"offen\n' + "".join(f"{i},abc\n" for i in range(60))),
        "tab_delimited": (csv_options("\t"), "a\tb\n1\t2\n\"x\ty\"\t3\n"),
        "single_quote_pipe": (csv_options("|", quote="'"), "a|b\n'x|y'|2\n'it''s'|3\n"),
        "bom_only": (csv_options(), "\ufeff"),
        "empty": (csv_options(), ""),
    }
    for name, (opts, body) in seeds.items():
        write(d, name, opts + (body.encode("utf-8") if isinstance(body, str) else body))
    if os.path.isdir(MSS):
        for f in sorted(os.listdir(MSS)):
            if not f.endswith(".csv"):
                continue
            with open(os.path.join(MSS, f), "rb") as fh:
                head = b"".join(fh.readline() for _ in range(3))
            write(d, "berlin_" + f[:-4], csv_options(chunk=13) + head)
    else:
        print(f"Hinweis: {MSS} fehlt, Berlin-MSS-Seeds übersprungen", file=sys.stderr)


# ---------------------------------------------------------------------------------------- schema

def schema_corpus():
    d = reset("schema")
    seeds = {
        # Table Schema spec examples (datapackage.org/standard/table-schema)
        "spec_fields": {"fields": [
            {"name": "first_name", "type": "string", "constraints": {"required": True}},
            {"name": "last_name", "type": "string"},
            {"name": "gender", "type": "string", "constraints": {"enum": ["M", "F"]}},
            {"name": "email", "type": "string", "format": "email"},
            {"name": "date_of_birth", "type": "date", "format": "%d/%m/%Y"}]},
        "spec_primary_foreign_key": {
            "fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}]},
        "spec_missing_values": {"fields": [{"name": "a", "type": "number", "missingValues": ["-", "NaN"]},
                                           {"name": "b", "type": "integer"}],
                                "missingValues": ["", "NA", {"value": "k. A.", "label": "keine Angabe"}]},
        "spec_categories": {"fields": [
            {"name": "fruit", "type": "string", "categories": ["apple", "orange", "banana"]},
            {"name": "rating", "type": "integer", "categoriesOrdered": True,
             "categories": [{"value": 1, "label": "schlecht"}, {"value": 2, "label": "gut"}],
             "constraints": {"enum": [1], "minimum": 1}}]},
        "spec_unique_keys_fields_match": {"fields": [{"name": "a"}, {"name": "b", "type": "year"}],
                                          "uniqueKeys": [["a", "b"], ["b"]], "fieldsMatch": "subset"},
        "number_formats": {"fields": [
            {"name": "betrag", "type": "number", "decimalChar": ",", "groupChar": ".", "bareNumber": False,
             "constraints": {"minimum": "0,01", "exclusiveMaximum": 1000000}},
            {"name": "anteil", "type": "number", "groupChar": " "},
            {"name": "anzahl", "type": "integer", "groupChar": ".", "constraints": {"maximum": 100000}}]},
        "boolean_values": {"fields": [{"name": "aktiv", "type": "boolean", "trueValues": ["ja", "J"],
                                       "falseValues": ["nein", "N"], "constraints": {"enum": [True]}}]},
        "temporal_formats": {"fields": [
            {"name": "datum", "type": "date", "format": "%d.%m.%Y", "constraints": {"minimum": "2020-01-01"}},
            {"name": "zeit", "type": "time", "format": "any", "constraints": {"maximum": "18:00"}},
            {"name": "zeitpunkt", "type": "datetime", "format": "%d.%m.%Y %H:%M"},
            {"name": "alt", "type": "date", "format": "fmt:%Y-%m-%d"},
            {"name": "monat", "type": "yearmonth", "constraints": {"minimum": "2021-01", "maximum": "2020-12"}},
            {"name": "dauer", "type": "duration", "constraints": {"maximum": "P1Y"}}],
            "fieldsMatch": "partial"},
        "list_geo_json": {"fields": [
            {"name": "tags", "type": "list", "delimiter": ";", "itemType": "integer",
             "constraints": {"minLength": 1, "maxLength": 3}},
            {"name": "ort", "type": "geopoint", "format": "array"},
            {"name": "flaeche", "type": "geojson"},
            {"name": "adresse", "type": "object", "constraints": {"jsonSchema": {
                "type": "object", "required": ["plz"],
                "properties": {"plz": {"type": "string", "pattern": "^[0-9]{5}$"}}}}},
            {"name": "werte", "type": "array", "constraints": {"jsonSchema": {"type": "array", "items": {"type": "number"}}}}],
            "fieldsMatch": "superset"},
        "patterns": {"fields": [
            {"name": "ags", "type": "string", "constraints": {"pattern": "[0-9]{8}", "minLength": 8, "maxLength": 8}},
            {"name": "name", "type": "string", "constraints": {"pattern": "[A-ZÄÖÜ][a-zäöüß]+"}},
            {"name": "bad1", "type": "string", "constraints": {"pattern": "\\p{L}+"}},
            {"name": "bad2", "type": "string", "constraints": {"pattern": "(a"}}]},
        "german_municipalities": {
            "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
            "fields": [
                {"name": "AGS", "title": "Amtlicher Gemeindeschlüssel", "type": "string",
                 "constraints": {"required": True, "unique": True, "pattern": "[0-9]{8}"}},
                {"name": "Gemeinde", "type": "string"},
                {"name": "Einwohner", "type": "integer", "constraints": {"minimum": 0}},
                {"name": "Fläche", "type": "number", "description": "km²"},
                {"name": "Stichtag", "type": "date"}],
            "primaryKey": "AGS", "fieldsMatch": "equal"},
        "berlin_mss_indizes": {"fields": [
            {"name": "ZEIT", "type": "integer"}, {"name": "PLR_ID", "type": "string", "constraints": {"pattern": "[0-9]{8}"}},
            {"name": "PLR_NAME", "type": "string"}, {"name": "EW", "type": "integer"},
            {"name": "BEZ_ID", "type": "string"}, {"name": "SI_N", "type": "integer", "categories": [1, 2, 3, 4]},
            {"name": "SI_V", "type": "string", "categories": ["hoch", "mittel", "niedrig", "sehr niedrig"],
             "categoriesOrdered": True},
            {"name": "KOM", "type": "string", "constraints": {"enum": ["gültig"]}}],
            "primaryKey": ["PLR_ID"]},
        "duplicate_names_v1": {"fields": [{"name": "a"}, {"name": "a", "type": "integer"}], "fieldsMatch": "equal"},
        "all_types": {"fields": [{"name": t, "type": t} for t in [
            "string", "number", "integer", "boolean", "object", "array", "list", "datetime", "date", "time",
            "year", "yearmonth", "duration", "geopoint", "geojson", "any"]]},
        "errors_everywhere": {"fields": [{"name": "", "type": "text"}, {"type": "number", "decimalChar": ""},
                                         {"name": "x", "format": 5, "constraints": {"minimum": "a", "foo": 1}}],
                              "primaryKey": ["nope"], "uniqueKeys": [], "foreignKeys": {}, "fieldsMatch": "all"},
        # Data Packages
        "package_foreign_key": {"name": "kommunen", "resources": [
            {"name": "kreise", "path": "kreise.csv", "schema": {"fields": [{"name": "id", "type": "string"}], "primaryKey": "id"}},
            {"name": "gemeinden", "path": "gemeinden.csv", "dialect": {"delimiter": ";"}, "schema": {
                "fields": [{"name": "ags", "type": "string"}, {"name": "kreis", "type": "string"}],
                "foreignKeys": [{"fields": ["kreis"], "reference": {"resource": "kreise", "fields": ["id"]}}]}}]},
        "package_cycle_two": {"resources": [
            {"name": "a", "schema": {"fields": [{"name": "x"}], "foreignKeys": [{"fields": "x", "reference": {"resource": "b", "fields": "y"}}]}},
            {"name": "b", "schema": {"fields": [{"name": "y"}], "foreignKeys": [{"fields": "y", "reference": {"resource": "a", "fields": "x"}}]}}]},
        "package_cycle_three_and_self": {"resources": [
            {"name": "a", "schema": {"fields": [{"name": "id"}, {"name": "c"}, {"name": "p"}], "foreignKeys": [
                {"fields": "c", "reference": {"resource": "c", "fields": "id"}},
                {"fields": "p", "reference": {"resource": "a", "fields": "id"}}]}},
            {"name": "b", "schema": {"fields": [{"name": "id"}, {"name": "a"}], "foreignKeys": [
                {"fields": "a", "reference": {"resource": "a", "fields": "id"}}]}},
            {"name": "c", "schema": {"fields": [{"name": "id"}, {"name": "b"}], "foreignKeys": [
                {"fields": "b", "reference": {"resource": "b", "fields": "id"}}]}}]},
        "package_broken_references": {"resources": [
            {"name": "a", "schema": {"fields": [{"name": "x"}, {"name": "y"}], "foreignKeys": [
                {"fields": ["x", "y"], "reference": {"resource": "fehlt", "fields": ["id"]}},
                {"fields": "x", "reference": {"resource": "b", "fields": "nope"}}]}},
            {"name": "b", "schema": "schema.json"}, {"name": "a"}, "kaputt"]},
        "dialect_everything": {"delimiter": ";", "header": True, "headerRows": [2, 1, 2], "headerJoin": "-",
                               "commentChar": "#", "commentRows": [4], "quoteChar": "'", "doubleQuote": False,
                               "escapeChar": "\\", "nullSequence": "NA", "skipInitialSpace": True,
                               "lineTerminator": "\n", "caseSensitiveHeader": False},
        "dialect_invalid": {"delimiter": "", "quoteChar": "ab", "escapeChar": "\"", "lineTerminator": "xy",
                            "headerRows": [0], "commentChar": "\n"},
    }
    for name, value in seeds.items():
        write(d, name, json.dumps(value, ensure_ascii=False, indent=1 if len(name) % 2 else None))
    invalid = {
        "invalid_truncated": '{"fields": [{"name": "a", "type": "integer"',
        "invalid_trailing_comma": '{"fields": [{"name": "a"},]}',
        "invalid_not_object": '[{"name": "a"}]',
        "invalid_empty": "",
        "invalid_bare_string": '"fields"',
        "invalid_latin1_bytes": b'{"fields": [{"name": "Gr\xf6\xdfe"}]}',
    }
    for name, value in invalid.items():
        write(d, name, value)


# ------------------------------------------------------------------------------------------ cast

# Index into kFields (cast_fuzzer.cc) and a typical cell.
CAST_SEEDS = [
    ("string", 0, 0, "Köln"),
    ("string_email", 1, 0, "name@beispiel.de"),
    ("string_uri", 2, 0, "https://www.berlin.de/sen/?a=%C3%A4"),
    ("number_default", 5, 0, "-1234.5e-3"),
    ("number_german", 6, 5, "1.234,56"),
    ("number_german_not_bare", 7, 0, "ca. 1.234,5 m²"),
    ("number_group_comma", 8, 1, "1,234,567.891"),
    ("number_swiss", 10, 0, "CHF 1'000.50"),
    ("number_long", 5, 0, "123456789012345678901234567890"),
    ("number_inf", 5, 0, "-INF"),
    ("integer_default", 12, 6, "-9223372036854775808"),
    ("integer_german", 13, 4, "1.234.567"),
    ("boolean_german", 17, 0, "Nein"),
    ("date_default", 19, 5, "2024-02-29"),
    ("date_german", 20, 0, "31.12.2024"),
    ("date_any", 21, 0, "31. Dezember 2024"),
    ("date_pattern_month_name", 24, 0, "1. März 2024"),
    ("date_pattern_weekday", 26, 0, "Montag, 01.01.2024"),
    ("date_yday", 27, 0, "366/2024"),
    ("time_default", 29, 6, "14:30:00.123456789+01:00"),
    ("time_any", 31, 0, "14.30 Uhr"),
    ("time_ampm", 33, 0, "12:05 PM"),
    ("time_offset", 35, 0, "08:15+0530"),
    ("datetime_default", 37, 5, "2024-12-31T23:59:59Z"),
    ("datetime_german", 38, 0, "31.12.2024 um 14:30"),
    ("datetime_rfc2822", 43, 0, "Tue, 31 Dec 2024 14:30:00 +0100"),
    ("yearmonth", 45, 0, "2024-12"),
    ("duration", 46, 5, "-P1Y2M10DT2H30M1.5S"),
    ("geopoint_default", 47, 0, "13.405, 52.52"),
    ("geopoint_array", 48, 0, "[13.405, 52.52]"),
    ("geojson", 50, 0, '{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": '
                       '[[[0,0],[1,0],[1,1],[0,0]]]}, "properties": null}'),
    ("object", 52, 7, '{"name": "Berlin", "plz": 10115}'),
    ("array", 53, 7, "[1, 2.5, -3]"),
    ("list_default", 54, 2, "a, b,c"),
    ("list_integer", 55, 0, "1; 2;3"),
    ("list_datetime", 60, 0, "2024-12-31T08:00:00 | 2024-12-31T14:30:00Z"),
    ("any", 61, 16, "irgendwas"),
    ("pattern_date", 63, 0, "%d.%m.%Y\x1f31.12.2024"),
    ("pattern_time", 64, 0, "%I:%M:%S %p\x1f11:59:59 pm"),
    ("pattern_datetime", 65, 0, "%Y%m%d%H%M%S%z\x1f20241231235959-0130"),
]


def cast_corpus():
    d = reset("cast")
    for name, field, variant, cell in CAST_SEEDS:
        write(d, name, bytes([field, variant]) + cell.encode("utf-8"))


if __name__ == "__main__":
    csv_corpus()
    schema_corpus()
    cast_corpus()
    for name in ("csv_parser", "schema", "cast"):
        print(name, len(os.listdir(os.path.join(ROOT, "corpus", name))), "Dateien")
