#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Keeps docs/policy.schema.json and the policy loader in step.

1. Every bundled policy is valid under the schema (and the loader accepts it: `leadsla validate`).
2. Every broken policy of tests/cli/bad_policies that the schema rejects, the loader rejects too.
3. An unknown key planted in each object of the example company's policy is rejected by both:
   the schema and the loader agree that a typo never silently disables a rule.

Usage: policy_schema_test.py LEADSLA_CLI SOURCE_DIR
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema


def loader_accepts(cli, path):
    r = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"leadsla validate {path} exited {r.returncode}:\n{r.stdout}{r.stderr}")
    return r.returncode == 0


def objects(value, path=()):
    """Every JSON object in `value`, with its path."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from objects(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from objects(v, path + (i,))


def main():
    cli, source = sys.argv[1], pathlib.Path(sys.argv[2])
    schema = json.loads((source / "docs/policy.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    bundled = [source / "examples/company/policy.json", source / "examples/policies/funnel.json",
               source / "examples/policies/peer_lead_scoring.json",
               source / "tests/cli/company_policy_v2.json"]
    for path in bundled:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text()))]
        if errors:
            failures.append(f"{path}: the schema rejects a bundled policy: {errors[:3]}")
        if not loader_accepts(cli, path):
            failures.append(f"{path}: the loader rejects a bundled policy")

    rejected = 0
    for path in sorted((source / "tests/cli/bad_policies").glob("*.json")):
        try:
            document = json.loads(path.read_text())
        except (json.JSONDecodeError, RecursionError):
            continue  # not JSON at all: the loader's own syntax checks cover it
        if not validator.is_valid(document):
            rejected += 1
            if loader_accepts(cli, path):
                failures.append(f"{path}: the schema rejects it but the loader accepts it")

    company = json.loads((source / "examples/company/policy.json").read_text())
    planted = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path, _ in list(objects(company)):
            if any(k in ("properties", "attributes", "activities", "sets", "calendars",
                         "special_dates", "stage_map", "hours") for k in path[-1:]):
                continue  # maps from names the user chooses: any key is allowed
            doc = copy.deepcopy(company)
            target = doc
            for k in path:
                target = target[k]
            target["zz_unknown"] = 1
            planted += 1
            if validator.is_valid(doc):
                failures.append(f"{list(path)}: the schema accepts an unknown key")
            file = pathlib.Path(tmp) / "planted.json"
            file.write_text(json.dumps(doc))
            if loader_accepts(cli, file):
                failures.append(f"{list(path)}: the loader accepts an unknown key")

    print(f"{len(bundled)} bundled policies valid; {rejected} broken policies rejected by the "
          f"schema, all by the loader too; {planted} planted unknown keys rejected by both")
    if failures:
        print("\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
