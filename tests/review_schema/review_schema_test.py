#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`leadsla report --format json` is valid under docs/review.schema.json, for the small bundled
history and for a generated year of the example company; and the same input gives the same
bytes.

Usage: review_schema_test.py LEADSLA_CLI GENERATE_HISTORY SOURCE_DIR WORK_DIR
"""
import json
import pathlib
import subprocess
import sys

import jsonschema


def report(cli, source, *args):
    r = subprocess.run([cli, "report", "--format", "json", "--fail-on", "never", *args],
                       capture_output=True, text=True, cwd=source)
    if r.returncode != 0:
        raise SystemExit(f"leadsla report {' '.join(args)} exited {r.returncode}:\n{r.stderr}")
    return r.stdout


def main():
    cli, generator = sys.argv[1], sys.argv[2]
    source, work = pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    schema = json.loads((source / "docs/review.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([generator, str(source / "examples/company/policy.json"), str(work),
                    "--grouped"], check=True, capture_output=True)
    policy = "examples/company/policy.json"
    runs = {
        "small history by week": ["--policy", policy,
                                  "--leads", "examples/data/history/leads.ndjson",
                                  "--activities", "examples/data/history/activities.ndjson",
                                  "--window", "2026-11", "--by-period", "week",
                                  "--as-of", "2026-11-27T17:00:00Z"],
        "generated year by month": ["--policy", policy, "--leads", str(work / "leads.ndjson"),
                                    "--activities", str(work / "activities.ndjson"),
                                    "--window", "2026", "--as-of", "2026-12-31T17:00:00Z"],
        "generated year by quarter, mid-year": ["--policy", policy,
                                                "--leads", str(work / "leads.ndjson"),
                                                "--activities", str(work / "activities.ndjson"),
                                                "--window", "2026", "--by-period", "quarter",
                                                "--as-of", "2026-06-15T12:00:00Z"],
    }
    failures = []
    for name, args in runs.items():
        text = report(cli, source, *args)
        document = json.loads(text)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        if errors:
            failures.append(f"{name}: {len(errors)} schema errors, e.g. {errors[:3]}")
        if not document["series"] or not document["targets"]:
            failures.append(f"{name}: no series or no targets")
        if report(cli, source, *args) != text:
            failures.append(f"{name}: two runs gave different bytes")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"review schema: {len(runs)} reports valid and reproducible")
    return 0


if __name__ == "__main__":
    sys.exit(main())
