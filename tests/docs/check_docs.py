#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the documentation a user reads.

links:  every relative link in README.md, docs/ and examples/ points at a file that exists, and
        every `#anchor` at a heading of that file (GitHub's heading ids).
api:    docs/api.md lists every public header (include/leadsla/**.hpp but the umbrella) and no
        header that does not exist.

Usage: check_docs.py SOURCE_DIR links|api
"""
import pathlib
import re
import sys

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def slug(heading):
    """GitHub's id of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[`*_]", "", text)
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    ids = set()
    for line in FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        m = re.match(r"^#{1,6}\s+(.*)$", line)
        if m:
            base = slug(m.group(1))
            candidate, n = base, 1
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            ids.add(candidate)
    return ids


def check_links(root):
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md")),
             *sorted((root / "examples").rglob("*.md"))]
    problems = []
    for page in pages:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue  # http:, https:, mailto:
            path, _, anchor = target.partition("#")
            file = page if not path else (page.parent / path).resolve()
            where = f"{page.relative_to(root)}: ({target})"
            if not file.exists():
                problems.append(f"{where}: {path} does not exist")
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                problems.append(f"{where}: {file.name} has no heading #{anchor}")
    return problems, len(pages)


def check_api(root):
    api = (root / "docs/api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(leadsla/[a-z_/]+\.hpp)`", api))
    headers = {str(p.relative_to(root / "include")) for p in (root / "include/leadsla").rglob("*.hpp")}
    headers.discard("leadsla/leadsla.hpp")
    problems = [f"docs/api.md does not list {h}" for h in sorted(headers - listed)]
    problems += [f"docs/api.md lists {h}, which does not exist" for h in sorted(listed - headers)]
    return problems, len(headers)


def main():
    root, what = pathlib.Path(sys.argv[1]), sys.argv[2]
    problems, checked = check_links(root) if what == "links" else check_api(root)
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"docs {what}: {checked} checked, all fine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
