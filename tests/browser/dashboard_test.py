#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The dashboard (`leadsla report --format html`) in a real browser: headless Chromium from
Debian renders the bundled company's year and

- the figures the page shows equal review_json's (every cell marked data-series, data-target,
  data-breaches, data-input is checked against the JSON of the same review), and each count's
  drill-down list holds the leads the JSON names for its series; every link resolves;
- no request leaves the page, even with its Content-Security-Policy removed (Chromium's net log:
  no request whose initiator is the page);
- the console shows nothing (no error, no blocked load);
- a screenshot has the expected size and is not blank (written to SCREENSHOT when given: the
  one docs/ shows);
- names from the input are text: a source and an owner that are HTML stay text in the DOM;
- the page is at most 2 MiB, and the same input gives the same bytes;
- the backtest page of the candidate policy over the same year shows the JSON's figures, logs
  nothing and requests nothing.

Usage: dashboard_test.py LEADSLA_CLI GENERATE_HISTORY SOURCE_DIR WORK_DIR [SCREENSHOT]
"""
import html
import html.parser
import json
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import zlib

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--enable-logging=stderr", "--v=0", "--log-level=0"]
SCREEN = (1280, 2400)
failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}", file=sys.stderr)


def chromium(work, name, url, *extra):
    """Runs Chromium on `url`; returns (stdout, console lines, page-initiated request URLs)."""
    profile = work / f"profile-{name}"
    shutil.rmtree(profile, ignore_errors=True)
    netlog = work / f"netlog-{name}.json"
    r = subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--log-net-log={netlog}", *extra, url],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise SystemExit(f"chromium {name} exited {r.returncode}:\n{r.stderr[-3000:]}")
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    log = json.loads(netlog.read_text())
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = []
    for e in log["events"]:
        p = e.get("params", {})
        # Chromium's own background requests have no origin; the page's have the file's.
        if types[e["type"]] == "URL_REQUEST_START_JOB" and "url" in p and \
                p.get("initiator") != "not an origin":
            requests.append(p.get("url"))
    return r.stdout, console, requests


class Marked(html.parser.HTMLParser):
    """The text of every element with a data-series, data-target, data-breaches or data-input
    attribute, and the count of <script> and <img> elements."""

    def __init__(self):
        super().__init__()
        self.marked = []   # (attrs, text)
        self.open = []     # stack of [attrs or None, text parts]
        self.tags = {}
        self.text = []
        self.ids = set()
        self.links = []    # href="#..." targets
        self.lead_details = 0
        self.lists = {}    # drill-down list id -> its items' text
        self.list = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
            for entry in reversed(self.open):   # the link of a marked cell: its drill-down
                if entry[0] is not None:
                    entry[0].setdefault("link", a["href"][1:])
                    break
        if tag == "div" and a.get("class") == "list":
            self.list = self.lists.setdefault(a["id"], [])
        if tag == "details" and a.get("class") == "lead":
            self.lead_details += 1
        keep = any(k in a for k in ("data-series", "data-target", "data-breaches", "data-input"))
        if tag not in ("br", "img", "input", "meta", "circle", "line", "rect", "polyline"):
            self.open.append([a if keep else None, []])

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "circle", "line", "rect", "polyline"):
            return
        attrs, parts = self.open.pop()
        text = "".join(parts)
        if tag == "li" and self.list is not None:
            self.list.append(text)
        if tag == "div":
            self.list = None
        if attrs is not None:
            self.marked.append((attrs, text))
        if self.open:
            self.open[-1][1].append(text)

    def handle_data(self, data):
        self.text.append(data)
        if self.open:
            self.open[-1][1].append(data)


def duration(s):
    if s == 0:
        return "0s"
    out = "-" if s < 0 else ""
    s = abs(s)
    if s >= 3600:
        out += f"{s // 3600}h"
    if s % 3600 >= 60:
        out += f"{s % 3600 // 60}m"
    if s % 60:
        out += f"{s % 60}s"
    return out


def percent(part, whole):
    if whole <= 0:
        return "-"
    tenths = (part * 2000 + whole) // (2 * whole)
    return f"{tenths // 10}.{tenths % 10}%"


def figure_text(kind, f, one_duration=False):
    """How the page shows a figure of review_json, per docs/dashboard.md."""
    if kind == "count":
        return str(f["count"])
    if kind == "rate":
        return percent(int(f["numerator"]), int(f["denominator"]))
    if kind == "amount":
        return f["amount"]
    if int(f["samples"]) == 0:
        return "-"
    if kind == "duration":
        if one_duration:
            return duration(int(f["p50_s"]))
        return f"{duration(int(f['p50_s']))} / {duration(int(f['p90_s']))}"
    return f"{f['p50']} / {f['p90']}"   # points, as the JSON writes them


EMPTY = {"count": {"count": "0"}, "rate": {"numerator": "0", "denominator": "0"},
         "duration": {"samples": "0"}, "points": {"samples": "0"},
         "amount": {"items": "0", "amount": "0.0000"}}
METRIC_KIND = {}


def check_figures(dom, review):
    """Every marked figure against the JSON; every count's drill-down list against the JSON's
    leads of its series."""
    page = Marked()
    page.feed(dom)
    series = {(s["metric"], s["detail"], s["dimension"], s["key"]): s for s in review["series"]}
    for s in review["series"]:
        METRIC_KIND[s["metric"]] = s["kind"]
    targets = {t["id"]: t for t in review["targets"]}
    checked = {"series": 0, "target": 0, "other": 0, "lists": 0}
    for attrs, text in page.marked:
        text = " ".join(text.split())
        if "data-series" in attrs:
            metric, detail, dimension, key = attrs["data-series"].split("|", 3)
            s = series.get((metric, detail, dimension, key))
            kind = s["kind"] if s else METRIC_KIND.get(metric, "count")
            period = attrs["data-period"]
            if s is None:
                f = EMPTY[kind]
            elif period == "window":
                f = s["window"]
            else:
                f = s["periods"][int(period)]
            expected = figure_text(kind, f, one_duration=period != "window")
            checked["series"] += 1
            leads = s.get("leads", []) if s else []
            if "link" in attrs:
                shown = page.lists.get(attrs["link"])
                if shown != leads:
                    fail(f"{attrs}: the drill-down lists {shown}, review_json {leads}")
                checked["lists"] += 1
            elif leads and period == "window":
                fail(f"{attrs}: the count has leads behind it but no link to them")
        elif "data-target" in attrs:
            t = targets[attrs["data-target"]]
            p = t["periods"][int(attrs["data-period"])]
            f = p[attrs["data-field"]]
            kind = {"entries": "count", "leads": "count", "pipeline": "amount",
                    "response_time_p50": "duration", "response_time_p90": "duration"}.get(
                        t["metric"], "rate")
            if kind == "duration":
                key = "p50_s" if t["metric"] == "response_time_p50" else "p90_s"
                expected = duration(int(f[key])) if int(f["samples"]) > 0 else "-"
            else:
                expected = figure_text(kind, f)
            checked["target"] += 1
        elif "data-breaches" in attrs:
            expected = str(review["breaches"]["count"])
            checked["other"] += 1
        else:
            expected = str(review["input"][{"leads": "leads", "bad": "refused"}[
                attrs["data-input"]]])
            checked["other"] += 1
        if text != expected:
            fail(f"{attrs}: the page shows {text!r}, review_json says {expected!r}")
    return checked, page


def png_check(path, size):
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
        return
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != size:
        fail(f"screenshot is {width}x{height}, expected {size[0]}x{size[1]}")
    idat = b""
    i = 8
    while i < len(data):
        length, = struct.unpack(">I", data[i:i + 4])
        if data[i + 4:i + 8] == b"IDAT":
            idat += data[i + 8:i + 8 + length]
        i += 12 + length
    pixels = zlib.decompress(idat)
    distinct = len(set(pixels[j:j + 3] for j in range(0, len(pixels) - 3, 997)))
    if distinct < 20:
        fail(f"screenshot looks blank: {distinct} distinct colours sampled")


def report(cli, source, out, *args):
    r = subprocess.run([cli, "report", "--fail-on", "never", "--output", str(out), *args],
                       capture_output=True, text=True, cwd=source)
    if r.returncode != 0:
        raise SystemExit(f"leadsla report {' '.join(args)} exited {r.returncode}:\n{r.stderr}")


def check_backtest(cli, source, work, inputs):
    """The backtest page (`leadsla backtest --format html`) of the candidate policy: in Chromium
    it logs nothing and requests nothing; each target's periods met under each policy, the
    leads that changed and the figures that differ are the JSON's; the trends are drawn."""
    args = ["backtest", "--policy", "examples/company/policy.json", "--candidate",
            "examples/company/candidate-policy.json", *inputs]
    page = work / "backtest.html"
    for fmt, out in (("html", page), ("json", work / "backtest.json")):
        r = subprocess.run([cli, *args, "--format", fmt, "--output", str(out)],
                           capture_output=True, text=True, cwd=source)
        if r.returncode != 0:
            raise SystemExit(f"leadsla backtest --format {fmt} exited {r.returncode}:\n{r.stderr}")
    result = json.loads((work / "backtest.json").read_text())
    dom, console, requests = chromium(work, "backtest", page.as_uri(), "--dump-dom")
    for line in console:
        fail(f"backtest page console: {line}")
    for url in requests:
        fail(f"the backtest page requested {url}")
    rows = re.findall(r'<tr data-target="([^"]+)" data-side="(current|candidate)">.*?'
                      r'data-met="(\d+)"', dom)
    expected = {(t["id"], side): sum(p["status"] == "met" for p in t["periods"])
                for side in ("current", "candidate") for t in result[side]["targets"]}
    if {(i, s): int(n) for i, s, n in rows} != expected:
        fail(f"backtest page: periods met {rows}, the JSON says {expected}")
    changed = re.findall(r'data-changed="(\d+)"', dom)
    if changed != [str(result["leads"]["changed"])]:
        fail(f"backtest page: {changed} leads changed, the JSON says {result['leads']['changed']}")
    shown = {(html.unescape(m), html.unescape(d))
             for m, d in re.findall(r'<tr data-series="([^"|]*)\|([^"]*)">', dom)}
    differ = {(d["metric"], d["detail"]) for d in result["deltas"]
              if d["dimension"] == "all" and d["current"] != d["candidate"]}
    if not shown or shown != differ:
        fail(f"backtest page: figures {sorted(shown)}, the JSON's differing ones {sorted(differ)}")
    if dom.count("<svg") < 4:
        fail(f"backtest page: expected the MQL, acceptance and on-time trends, "
             f"found {dom.count('<svg')} charts")
    print(f"backtest page: {len(rows)} target rows, {len(shown)} figures checked")


def main():
    cli, generator = sys.argv[1], sys.argv[2]
    source, work = pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    screenshot_out = pathlib.Path(sys.argv[5]) if len(sys.argv) > 5 else None
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([generator, str(source / "examples/company/policy.json"), str(work),
                    "--grouped"], check=True, capture_output=True)
    args = ["--policy", "examples/company/policy.json", "--leads", str(work / "leads.ndjson"),
            "--activities", str(work / "activities.ndjson"), "--window", "2026",
            "--as-of", "2026-12-31T17:00:00Z"]
    page = work / "dashboard.html"
    report(cli, source, page, "--format", "html", *args)
    report(cli, source, work / "review.json", "--format", "json", "--leads-per-figure", "10",
           *args)
    report(cli, source, work / "again.html", "--format", "html", "--jobs", "2", *args)
    if page.read_bytes() != (work / "again.html").read_bytes():
        fail("the same input gave different bytes (--jobs 1 and --jobs 2)")
    size = page.stat().st_size
    if size > 2 * 1024 * 1024:
        fail(f"the dashboard is {size} bytes, more than 2 MiB")
    review = json.loads((work / "review.json").read_text(), parse_float=str, parse_int=str)

    dom, console, requests = chromium(work, "dom", page.as_uri(), "--dump-dom")
    for line in console:
        fail(f"console: {line}")
    for url in requests:
        fail(f"the page requested {url}")
    checked, parsed = check_figures(dom, review)
    print(f"figures checked: {checked}")
    if checked["series"] < 250 or checked["target"] < len(review["targets"]) or \
            checked["other"] < 3 or checked["lists"] < 50:
        fail(f"too few figures marked on the page: {checked}")
    if parsed.tags.get("svg", 0) < 6:
        fail(f"expected the trend, funnel and bucket charts, found {parsed.tags.get('svg', 0)} svg")
    breached = {b["lead"] for b in review["breaches"]["most_recent"]}
    listed = set(breached) | {lead for items in parsed.lists.values() for lead in items}
    if parsed.lead_details != min(len(listed), 300):
        fail(f"{parsed.lead_details} leads explained; the page lists {len(listed)}")
    for target in parsed.links:
        if target not in parsed.ids:
            fail(f"link to #{target}, which the page lacks")
    if len(parsed.links) < len(breached) + 4:
        fail(f"expected the navigation and a link per breached lead: {parsed.links}")

    # Without its Content-Security-Policy the page still requests nothing.
    open_page = work / "dashboard-no-csp.html"
    open_page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                                page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    _, console, requests = chromium(work, "no-csp", open_page.as_uri(), "--dump-dom")
    for url in requests:
        fail(f"the page without its CSP requested {url}")

    shot = work / "dashboard.png"
    chromium(work, "shot", page.as_uri(), f"--screenshot={shot}",
             f"--window-size={SCREEN[0]},{SCREEN[1]}")
    png_check(shot, SCREEN)
    if screenshot_out is not None and not failures:
        shutil.copyfile(shot, screenshot_out)

    # Names from the input are text, never markup.
    hostile_source = "<script>alert(1)</script>"
    hostile_owner = "\"><img src=x onerror=alert(2)>"
    leads = []
    for line in (work / "leads.ndjson").read_text().splitlines()[:200]:
        lead = json.loads(line)
        lead["attributes"]["source"] = hostile_source
        if lead.get("owner"):
            lead["owner"] = hostile_owner
        leads.append(json.dumps(lead))
    (work / "hostile.ndjson").write_text("\n".join(leads) + "\n")
    hostile = work / "hostile.html"
    report(cli, source, hostile, "--format", "html", "--by", "source,owner",
           "--policy", "examples/company/policy.json", "--leads", str(work / "hostile.ndjson"),
           "--window", "2026", "--as-of", "2026-12-31T17:00:00Z")
    dom, console, requests = chromium(work, "hostile", hostile.as_uri(), "--dump-dom")
    for line in console:
        fail(f"console (hostile names): {line}")
    for url in requests:
        fail(f"the page with hostile names requested {url}")
    parsed = Marked()
    parsed.feed(dom)
    text = "".join(parsed.text)
    if parsed.tags.get("script", 0) != 1 or parsed.tags.get("img", 0) != 0:
        fail(f"hostile names became elements: {parsed.tags}")
    if hostile_source not in text or hostile_owner not in text:
        fail("hostile names are not shown as text")

    check_backtest(cli, source, work, args[2:])  # the inputs, without the policy

    if failures:
        raise SystemExit(f"{len(failures)} failures")
    print("dashboard: ok")


main()
