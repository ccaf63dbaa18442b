"""thidua's benchmark: whole processes, beside the tools people would use instead.

    python bench/run.py [--quick] [--json OUT] [--check] [--case ID ...]

Generates the inputs (``bench/generate.py``) into a temporary folder, then
times each case as a whole process, the way a user or a CI job runs it:
``thidua`` from this environment's console script, and the peers (yamllint,
check-jsonschema, pandoc, GNU diff) on the same files. Each command runs once to warm
up (page cache, bytecode), then several times; the median counts. The table
gives the ratio peer/thidua (above 1: thidua is faster) of the wall-clock
times, and the same ratio of CPU times (user + system), which a busy machine
disturbs far less. ``--check`` compares the CPU-time ratios with
``bench/thresholds.json``: absolute times differ from machine to machine,
ratios measured in one run much less.

Cases are data (``CASES``): a command line with placeholders, the peers to
run on the same input, and the aim from the issues. A case whose thidua
command does not exist yet is skipped with a note; a peer that is not
installed likewise.

The language server (``thidua lsp``) is measured from inside, as an editor
sees it: ``lsp_client.py`` starts it once, opens the plans and times
``didChange`` to ``publishDiagnostics`` and completion requests after a
warm-up, and reads its memory from ``/proc`` (``LSP_CASES``; Linux only).
There is no peer for these: the aims are time and memory limits.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# `python bench/run.py` puts bench/ on sys.path: the generator is a sibling.
from generate import write_inputs
from lsp_client import Client

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
THRESHOLDS = HERE / "thresholds.json"

# yamllint's relaxed preset still reports long lines, thousands of them in
# these plans; without that rule it parses everything and reports little.
YAMLLINT_CONFIG = "{extends: relaxed, rules: {line-length: disable}}"

# The day deadlines are judged at. Not the clock's: the inputs' deadlines fall
# in 2020-2025, so every later run would time thousands of TD204 warnings (in
# December 2026, 13,107 of them for 1,000 plans) instead of the lint. Before
# every deadline, the plans lint clean, as the generator means them to.
TODAY = "2020-01-01"
# The report of the 2,000-task plan (year 2024) is the mid-year one.
AS_OF = "2024-07-01"


@dataclass(frozen=True)
class Peer:
    """Another tool run on the same input; ``argv`` has placeholders."""

    name: str
    argv: tuple[str, ...]
    ok: tuple[int, ...] = (0, 1)  # exit codes of a run that did the work


@dataclass(frozen=True)
class Ratio:
    """At least ``at_least`` times the peer's speed (peer/thidua), on CPU time and,
    with ``wall``, on wall-clock time too."""

    peer: str
    at_least: float
    wall: bool = False


@dataclass(frozen=True)
class Aim:
    """What the issues ask of a case: ratios to peers and a time limit, all met.

    A time limit is judged on the wall-clock median (what a user waits), or,
    with ``limit_cpu``, on the CPU-time median. ``full_size=False``: the quick
    run's input is smaller (100 plans, not 1,000), so only a full run judges it.
    ``faster_than``: another case's id, whose wall time this one must beat when
    a second CPU was idle (judged in ``judge_across``).
    """

    text: str
    ratios: tuple[Ratio, ...] = ()
    limit_ms: float | None = None
    limit_cpu: bool = False
    full_size: bool = True
    faster_than: str | None = None

    def met(self, mine: Timing, walls: dict[str, float], cpus: dict[str, float],
            quick: bool) -> bool | None:
        if quick and not self.full_size:
            return None
        verdicts: list[bool] = []
        if self.limit_ms is not None:
            verdicts.append((mine.cpu if self.limit_cpu else mine.wall) < self.limit_ms)
        for ratio in self.ratios:
            if ratio.peer not in cpus:
                return None
            verdicts.append(cpus[ratio.peer] >= ratio.at_least)
            if ratio.wall:
                verdicts.append(walls[ratio.peer] >= ratio.at_least)
        return all(verdicts) if verdicts else None


def judge_across(records: list[dict[str, Any]], cpus: int) -> None:
    """Judge the aims that compare two cases (``faster_than``): the wall time of
    ``--jobs auto`` beside ``--jobs 1``, when the load left a second CPU idle at
    the case's start (otherwise there is nothing for a second process to gain,
    and the aim is not judged)."""
    by_id = {r["id"]: r for r in records}
    for case in CASES:
        aim, record = case.aim, by_id.get(case.id)
        if aim is None or aim.faster_than is None or record is None or "thidua" not in record:
            continue
        other = by_id.get(aim.faster_than, {}).get("thidua")
        if other is None or "median_ms" not in other or "median_ms" not in record["thidua"]:
            continue
        idle = record["load"][0] <= cpus - 1
        faster = record["thidua"]["median_ms"] < other["median_ms"]
        if record.get("aim_met") is not False:
            record["aim_met"] = faster if idle else record.get("aim_met")


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    argv: tuple[str, ...]  # thidua's arguments, with placeholders
    peers: tuple[Peer, ...] = ()
    aim: Aim | None = None
    ok: tuple[int, ...] = (0,)  # the generated plans are clean
    # A case whose one run takes minutes runs in the full mode, or when named
    # with --case, so that the quick run (CI's) stays a few minutes long.
    full_only: bool = False


YAMLLINT = ("yamllint", "-d", "{yamllint_config}")
PYTHON_DOCX_TEXT = ("import sys, docx; d = docx.Document(sys.argv[1]); "
                    "print('\\n'.join(p.text for p in d.paragraphs))")
CHECK_JSONSCHEMA = ("check-jsonschema", "--schemafile", "{schema}")

# Placeholders: {example} {big} {big_edited} {big_nfd} {huge} {huge_nfd} plan
# files; {files} the small plans, one argument each; {out} a scratch folder;
# {schema} the plan's JSON Schema; {example_md} {big_md} the plans as Markdown
# and {report_md} the big plan's report as Markdown (made by `thidua render`
# and `thidua report` before the timings, for pandoc: the same content);
# {today} {as_of} the fixed days deadlines are judged at (TODAY, AS_OF);
# {votes} the example plan at year end and {doc_<kind>_md} each kind of it as
# Markdown; {python} this interpreter; {yamllint_config} the configuration
# above; {scoring} a 60-member plan with a criteria tree, {filled} its
# members' sheets filled in, {bench} this folder.
CASES: tuple[Case, ...] = (
    Case("version", "thidua --version (start-up)", ("--version",),
         peers=(Peer("python", ("{python}", "-c", "pass"), ok=(0,)),)),
    Case("lint-example", "lint the example plan (10 KB)",
         ("lint", "--today", "{today}", "{example}"),
         peers=(Peer("yamllint", (*YAMLLINT, "{example}")),
                Peer("check-jsonschema", (*CHECK_JSONSCHEMA, "{example}"))),
         aim=Aim("at most 1.6x yamllint and 0.75x check-jsonschema, wall and CPU",
                 ratios=(Ratio("yamllint", 1 / 1.6, wall=True),
                         Ratio("check-jsonschema", 1 / 0.75, wall=True)))),
    Case("lint-big", "lint a 2,000-task plan (820 KB)",
         ("lint", "--today", "{today}", "{big}"),
         peers=(Peer("yamllint", (*YAMLLINT, "{big}")),
                Peer("check-jsonschema", (*CHECK_JSONSCHEMA, "{big}"))),
         aim=Aim("at most 500 ms CPU and 0.5x check-jsonschema", limit_ms=500, limit_cpu=True,
                 ratios=(Ratio("check-jsonschema", 2.0),))),
    Case("lint-many", "lint {n} small plans (--jobs auto)",
         ("lint", "--today", "{today}", "{files}"),
         peers=(Peer("yamllint", (*YAMLLINT, "{files}")),
                Peer("check-jsonschema", (*CHECK_JSONSCHEMA, "{files}"))),
         aim=Aim("1,000 under 1.5 s; faster than --jobs 1 when a CPU is idle",
                 limit_ms=1500, full_size=False, faster_than="lint-many-serial")),
    Case("lint-many-serial", "lint {n} small plans in one process (--jobs 1)",
         ("lint", "--today", "{today}", "--jobs", "1", "{files}"),
         peers=(Peer("yamllint", (*YAMLLINT, "{files}")),
                Peer("check-jsonschema", (*CHECK_JSONSCHEMA, "{files}"))),
         aim=Aim("1,000 at most 0.06x yamllint and 0.25x check-jsonschema, CPU",
                 ratios=(Ratio("yamllint", 1 / 0.06), Ratio("check-jsonschema", 1 / 0.25)),
                 full_size=False)),
    Case("render-example", "render the example plan to DOCX",
         ("render", "--today", "{today}", "{example}", "-o", "{out}/example.docx"),
         peers=(Peer("pandoc", ("pandoc", "{example_md}", "-o", "{out}/pandoc-example.docx"),
                     ok=(0,)),),
         aim=Aim("under 400 ms, no slower than pandoc", limit_ms=400,
                 ratios=(Ratio("pandoc", 1.0),))),
    Case("render-big", "render a 2,000-task plan to DOCX",
         ("render", "--today", "{today}", "{big}", "-o", "{out}/big.docx"),
         peers=(Peer("pandoc", ("pandoc", "{big_md}", "-o", "{out}/pandoc.docx"), ok=(0,)),),
         aim=Aim("under half of pandoc's time", ratios=(Ratio("pandoc", 2.0),))),
    # GNU diff compares lines, not items: what people run when they have no
    # thidua diff, and the CPU-time reference for --check.
    Case("diff-big", "diff two 2,000-task plans (5% of tasks changed)",
         ("diff", "{big}", "{big_edited}"), ok=(0, 1),
         peers=(Peer("diff -u", ("diff", "-u", "{big}", "{big_edited}")),),
         aim=Aim("at most 0.8 s CPU", limit_ms=800, limit_cpu=True)),
    # The fixes of a plan saved in NFD, as a diff: thidua's own diff of the
    # fixed lines beside GNU diff of the two files (the same hunks).
    Case("fix-diff-big", "lint --fix --diff of a 2,000-task plan in NFD (4,281 fixes)",
         ("lint", "--today", "{today}", "--fix", "--diff", "{big_nfd}"), ok=(1,),
         peers=(Peer("diff -u", ("diff", "-u", "{big_nfd}", "{big}")),),
         aim=Aim("under 3 s", limit_ms=3000)),
    # The same ten times bigger: --fix is linear in the plan (the text parsed
    # once before and once after the fixes); --diff, so that every run has the
    # fixes to make (--fix alone would find none after the first run).
    Case("fix-huge", "lint --fix --diff of a 20,000-task plan in NFD (40,371 fixes)",
         ("lint", "--fix", "--diff", "{huge_nfd}"), ok=(1,),
         peers=(Peer("diff -u", ("diff", "-u", "{huge_nfd}", "{huge}")),),
         aim=Aim("under 30 s (ten times fix-diff-big's aim)", limit_ms=30_000),
         full_only=True),
    # Next year's plan from a 20,000-task one, beside sed changing the year
    # (what a secretariat does without thidua, keeping every comment).
    Case("new-huge", "new --from a 20,000-task plan (8 MB)",
         ("new", "{out}/plan-2025.yaml", "--year", "2025", "--from", "{huge}", "--force"),
         peers=(Peer("sed", ("sed", "-e", "s/2024/2025/g", "{huge}"), ok=(0,)),),
         aim=Aim("under 10 s", limit_ms=10_000), full_only=True),
    Case("report-big", "report of a 2,000-task, 60-member plan as DOCX",
         ("report", "--as-of", "{as_of}", "{big}", "-o", "{out}/report.docx"),
         peers=(Peer("pandoc", ("pandoc", "{report_md}", "-o", "{out}/pandoc-report.docx"),
                     ok=(0,)),),
         aim=Aim("under 1.5 s, at most 0.5x pandoc", limit_ms=1500,
                 ratios=(Ratio("pandoc", 2.0),))),
    # Peers that read the same DOCX: pandoc into Markdown, and the few lines of
    # python-docx a secretariat would script to get the paragraphs' text out.
    Case("import-example", "import the example plan's DOCX back into a plan file",
         ("import", "{example_docx}", "-o", "{out}/imported.yaml", "--force"), ok=(0, 1),
         peers=(Peer("pandoc", ("pandoc", "{example_docx}", "-t", "markdown", "-o",
                                "{out}/pandoc-import.md"), ok=(0,)),
                Peer("python-docx", ("{python}", "-c", PYTHON_DOCX_TEXT, "{example_docx}"),
                     ok=(0,))),
         aim=Aim("under 1 s", limit_ms=1000)),
    # The peer does with bare openpyxl what each command does per file (write a
    # workbook of the sheet's size; load one): the ratio is thidua's own cost.
    Case("scores-sheets", "scoring sheets for 60 members (a three-level tree)",
         ("scores", "sheets", "{scoring}", "-o", "{out}/sheets"),
         peers=(Peer("openpyxl", ("{python}", "{bench}/sheets.py", "write", "{out}/peer", "60"),
                     ok=(0,)),),
         aim=Aim("under 2 s", limit_ms=2000)),
    # Into a copy of the plan: the first run writes it, the later ones read, check
    # and merge the same and find nothing to write.
    Case("scores-import", "import 60 filled sheets into the plan (checked, merged)",
         ("scores", "import", "{out}/filled/plan.yaml", "{filled}"),
         peers=(Peer("openpyxl", ("{python}", "{bench}/sheets.py", "read", "{filled}"),
                     ok=(0,)),),
         aim=Aim("under 2 s", limit_ms=2000)),
    # Each kind of document of the year-end example plan ({votes}), beside pandoc
    # on the same document as Markdown ({doc_<kind>_md}).
    *(Case(f"doc-{kind}", f"render --doc {kind} of the example plan to DOCX",
           ("render", "{votes}", "--doc", kind, *extra, "-o", f"{{out}}/{kind}.docx"),
           peers=(Peer("pandoc", ("pandoc", f"{{doc_{kind.replace('-', '_')}_md}}", "-o",
                                  f"{{out}}/pandoc-{kind}.docx"), ok=(0,)),))
      for kind, extra in (("giao-uoc", ()), ("so-ket", ()),
                          ("don-doc", ("--as-of", "2022-12-01")), ("phieu-bau", ()),
                          ("bien-ban", ()), ("to-trinh", ()))),
)


@dataclass(frozen=True)
class LspCase:
    """A measurement inside a running ``thidua lsp``: a latency (ms) or memory (MB)."""

    id: str
    title: str
    aim: str
    limit: float
    unit: str = "ms"


LSP_CASES: tuple[LspCase, ...] = (
    LspCase("lsp-diagnostics-example", "lsp: didChange to publishDiagnostics, example plan",
            "under 30 ms", 30),
    LspCase("lsp-diagnostics-big", "lsp: didChange to publishDiagnostics, 2,000-task plan",
            "under 500 ms", 500),
    LspCase("lsp-completion", "lsp: completion of a member id in the example plan",
            "under 50 ms", 50),
    LspCase("lsp-memory", "lsp: server memory with ten plans open", "under 200 MB", 200, "MB"),
    LspCase("lsp-memory-big", "lsp: memory with nine small plans and the 2,000-task one open",
            "under 200 MB", 200, "MB"),
)


@dataclass(frozen=True)
class Mode:
    name: str
    repeats: int  # timed runs after the warm-up
    budget_s: float  # fewer runs when one is slow: about this long per command
    files: int


MODES = {
    "full": Mode("full", repeats=10, budget_s=20.0, files=1000),
    "quick": Mode("quick", repeats=5, budget_s=3.0, files=100),
}


@dataclass
class Timing:
    """Wall-clock times (what a user waits) and CPU times (user + system)."""

    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def wall(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_ms)

    def as_dict(self, template: tuple[str, ...]) -> dict[str, Any]:
        record: dict[str, Any] = {"command": " ".join(template)}
        if self.error:
            record["error"] = self.error
        else:
            record.update(median_ms=round(self.wall, 1), cpu_median_ms=round(self.cpu, 1),
                          samples_ms=[round(s, 1) for s in self.wall_ms])
        return record


def environment() -> dict[str, str]:
    """The environment the commands run in: what a user's shell would give.

    ``PYTHONDONTWRITEBYTECODE`` is dropped: with it set, an editable install
    recompiles every thidua module on every run (nothing is cached in
    ``__pycache__``), which no installed user pays for.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR", "THIDUA_DEBUG")}
    env.update({"THIDUA_LANG": "en", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    return env


def tool(name: str) -> str | None:
    """A command from this environment first (where pip put it), then PATH."""
    if name == "{python}":
        return sys.executable
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def expand(argv: tuple[str, ...], values: dict[str, Any]) -> list[str]:
    """``argv`` with its placeholders filled; ``{files}`` becomes many arguments."""
    out: list[str] = []
    for arg in argv:
        if arg == "{files}":
            out.extend(values["files"])
        else:
            out.append(arg.format(**values))
    return out


def measure(argv: list[str], env: dict[str, str], mode: Mode, ok: tuple[int, ...]) -> Timing:
    """Warm up once, then time ``mode.repeats`` runs (fewer when a run is slow)."""
    timing = Timing()

    def once() -> tuple[float, float]:
        cpu = _children_cpu_ms()
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              check=False)
        wall = (time.perf_counter() - start) * 1000
        if done.returncode not in ok:
            tail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise RuntimeError(f"exit {done.returncode}: {tail}")
        return wall, _children_cpu_ms() - cpu

    def keep(sample: tuple[float, float]) -> None:
        timing.wall_ms.append(sample[0])
        timing.cpu_ms.append(sample[1])

    try:
        first = once()
        if first[0] > mode.budget_s * 1000 / 2:
            keep(first)  # a run of many seconds: the warm-up is the measurement
            return timing
        for _ in range(max(1, min(mode.repeats, int(mode.budget_s * 1000 / first[0])))):
            keep(once())
    except (OSError, RuntimeError) as e:
        timing.error = str(e)
    return timing


def _children_cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def available(thidua: str, case: Case, env: dict[str, str]) -> bool:
    """Whether this thidua has the case's command (later issues add them)."""
    if case.argv[0].startswith("-"):
        return True
    probe = subprocess.run([thidua, case.argv[0], "--help"], env=env, capture_output=True,
                           check=False)
    return probe.returncode == 0


def schema_file(out: Path) -> Path:
    """The plan's JSON Schema: the repository's, else generated from the model."""
    committed = ROOT / "schema" / "plan.schema.json"
    if committed.exists():
        return committed
    made = out / "plan.schema.json"
    code = ("import json, sys; from thidua_cli.model import Plan; "
            "json.dump(Plan.model_json_schema(), open(sys.argv[1], 'w', encoding='utf-8'))")
    subprocess.run([sys.executable, "-c", code, str(made)], check=True)
    return made


# Markdown inputs for pandoc: placeholder → (cases that need it, thidua's
# command, which input, file name); made once, untimed, before the cases run.
MARKDOWN: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {
    "example_md": (("render-example",), ("render", "--today", TODAY), "example",
                   "example.md"),
    "big_md": (("render-big",), ("render", "--today", TODAY), "big", "big.md"),
    "report_md": (("report-big",), ("report", "--as-of", AS_OF), "big", "report.md"),
    # Not Markdown: the example rendered to DOCX, for `thidua import`.
    "example_docx": (("import-example",), ("render",), "example", "example.docx"),
    **{f"doc_{kind.replace('-', '_')}_md": ((f"doc-{kind}",), ("render", "--doc", kind, *extra),
                                            "votes", f"{kind}.md")
       for kind, extra in (("giao-uoc", ()), ("so-ket", ()),
                           ("don-doc", ("--as-of", "2022-12-01")), ("phieu-bau", ()),
                           ("bien-ban", ()), ("to-trinh", ()))},
}


def markdown_of(thidua: str, command: tuple[str, ...], plan: Path, target: Path,
                env: dict[str, str]) -> Path | None:
    """``thidua render|report PLAN [OPTIONS] -o TARGET.md``; None when that fails."""
    done = subprocess.run([thidua, *command, str(plan), "-o", str(target)],
                          env=env, capture_output=True, check=False)
    return target if done.returncode == 0 and target.exists() else None


def filled_sheets(thidua: str, plan: Path, folder: Path, env: dict[str, str]) -> Path:
    """The members' sheets of ``plan``, filled in (by ``bench/sheets.py fill``)."""
    done = subprocess.run([thidua, "scores", "sheets", str(plan), "-o", str(folder)],
                          env=env, capture_output=True, check=False)
    if done.returncode == 0:
        subprocess.run([sys.executable, str(HERE / "sheets.py"), "fill", str(folder)],
                       env=env, capture_output=True, check=False)
        shutil.copyfile(plan, folder / "plan.yaml")
    return folder


def run_case(case: Case, thidua: str, values: dict[str, Any], env: dict[str, str],
             mode: Mode, peer_times: dict[tuple[str, ...], Timing]) -> dict[str, Any]:
    """One case as a JSON-ready record: thidua's timing, each peer's, the aim."""
    record: dict[str, Any] = {"id": case.id, "title": case.title.format(n=mode.files),
                              "aim": case.aim.text if case.aim else None}
    # The machine's one-minute load average as the case starts and ends: whether
    # a second CPU was free decides what --jobs can gain, and how far the wall
    # times of this case were stretched.
    record["load"] = [round(os.getloadavg()[0], 2)]
    try:
        return _run_case(case, thidua, values, env, mode, peer_times, record)
    finally:
        record["load"].append(round(os.getloadavg()[0], 2))


def _run_case(case: Case, thidua: str, values: dict[str, Any], env: dict[str, str],
              mode: Mode, peer_times: dict[tuple[str, ...], Timing],
              record: dict[str, Any]) -> dict[str, Any]:
    if not available(thidua, case, env):
        record["skipped"] = f"`thidua {case.argv[0]}` does not exist yet"
        return record
    mine = measure([thidua, *expand(case.argv, values)], env, mode, case.ok)
    record["thidua"] = mine.as_dict(("thidua", *case.argv))
    if mine.error:
        record["failed"] = mine.error
        return record
    record["peers"] = {}
    ratios: dict[str, float] = {}
    cpu_ratios: dict[str, float] = {}
    for peer in case.peers:
        exe = tool(peer.argv[0])
        if exe is None:
            record["peers"][peer.name] = {"skipped": f"{peer.argv[0]} is not installed"}
            continue
        try:
            argv = [exe, *expand(peer.argv[1:], values)]
        except KeyError as e:  # an input this run could not make (e.g. {big_md})
            record["peers"][peer.name] = {"skipped": f"no input {e} for it"}
            continue
        if tuple(argv) not in peer_times:  # two cases on one input share the peer's runs
            peer_times[tuple(argv)] = measure(argv, env, mode, peer.ok)
        theirs = peer_times[tuple(argv)]
        entry = theirs.as_dict(peer.argv)
        if theirs.error is None:
            ratios[peer.name] = theirs.wall / mine.wall
            cpu_ratios[peer.name] = theirs.cpu / mine.cpu
            # Four decimals: a peer far faster than thidua (GNU diff) has a
            # ratio of a hundredth, which two decimals would flatten.
            entry.update(ratio=round(ratios[peer.name], 4),
                         cpu_ratio=round(theirs.cpu / mine.cpu, 4))
        record["peers"][peer.name] = entry
    if case.aim:
        record["aim_met"] = case.aim.met(mine, ratios, cpu_ratios, mode.name == "quick")
    return record


def _mistake(text: str) -> str:
    """``text`` with one member reference broken, so each change is really linted."""
    at = text.index("host: ") if "host: " in text else text.index("lead: ")
    end = text.index("\n", at)
    return text[:at] + text[at:end].split(":")[0] + ": nobody" + text[end:]


def lsp_records(cases: list[LspCase], thidua: str, inputs: Any, env: dict[str, str],
                mode: Mode) -> list[dict[str, Any]]:
    """Start ``thidua lsp`` and measure the cases: medians after a warm-up."""
    samples = mode.repeats * 4
    root = Path(inputs.example).parent
    client = Client([thidua, "lsp"], env, root)
    records = []
    try:
        for case in cases:
            record: dict[str, Any] = {"id": case.id, "title": case.title, "aim": case.aim,
                                      "unit": case.unit}
            if case.unit == "MB":
                plans = sorted(Path(inputs.many).glob("*.yaml"))[:10]
                if case.id == "lsp-memory-big":
                    plans = [*plans[:9], Path(inputs.big)]
                probe = Client([thidua, "lsp"], env, root)
                for path in plans:
                    probe.open(path.as_uri(), path.read_text("utf-8"))
                record["value"] = round(probe.rss_mb(), 1)
                record["plans"] = len(plans)
                probe.close()
            else:
                path = Path(inputs.big if case.id == "lsp-diagnostics-big" else inputs.example)
                uri = path.as_uri() + f"#{case.id}"  # one document per case
                text = path.read_text("utf-8")
                client.open(uri, text)
                times, cpu = _lsp_times(client, uri, text, case, samples)
                record.update(value=round(statistics.median(times), 2),
                              max=round(max(times), 2), cpu_ms=round(cpu, 2),
                              samples_ms=[round(t, 2) for t in times])
            record["aim_met"] = record["value"] < case.limit
            records.append(record)
    finally:
        client.close()
    return records


def _lsp_times(client: Client, uri: str, text: str, case: LspCase,
               samples: int) -> tuple[list[float], float]:
    """Milliseconds per sample (after five to warm up) and the server's CPU ms per sample."""
    texts = [text, _mistake(text)]
    if case.id == "lsp-completion":
        at = text.index("host: ") + len("host: ")
        line = text.count("\n", 0, at)
        params = {"textDocument": {"uri": uri},
                  "position": {"line": line, "character": at - text.rfind("\n", 0, at) - 1}}

        def once(i: int) -> float:
            start = time.perf_counter()
            items = client.request("textDocument/completion", params)
            if not items or not items.get("items"):
                raise RuntimeError("completion returned no members")
            return time.perf_counter() - start
    else:
        def once(i: int) -> float:
            seconds, found = client.change(uri, texts[i % 2])
            if any(d["code"] == "TD101" for d in found) != bool(i % 2):
                raise RuntimeError(f"the broken reference was not found: {found[:2]}")
            return seconds

    for i in range(5):
        once(i + 1)
    cpu = client.cpu_seconds()
    times = [once(i + 1) * 1000 for i in range(samples)]
    return times, (client.cpu_seconds() - cpu) * 1000 / samples


def lsp_table(records: list[dict[str, Any]]) -> str:
    head = ("case", "median", "max", "server cpu ms", "aim")
    rows = [(r["id"], f"{r['value']:,.1f} {r['unit']}",
             f"{r['max']:,.1f} ms" if "max" in r else "",
             f"{r['cpu_ms']:,.1f}" if "cpu_ms" in r else "",
             f"{r['aim']}: {'met' if r['aim_met'] else 'NOT met'}") for r in records]
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    return "\n".join("  ".join(c.rjust(w) if 0 < i < 4 else c.ljust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()
                     for row in (head, tuple("-" * w for w in widths), *rows))


def table(records: list[dict[str, Any]]) -> str:
    """The records as a text table, one row per peer."""
    head = ("case", "thidua ms", "cpu ms", "peer", "peer ms", "ratio", "cpu ratio", "aim")
    rows: list[tuple[str, ...]] = []
    for r in records:
        if "skipped" in r or "failed" in r:
            note = f"skipped: {r['skipped']}" if "skipped" in r else "thidua FAILED"
            rows.append((r["id"], "-", "", "", "", "", "", note))
            continue
        aim = r["aim"] or ""
        if aim:
            aim += {True: ": met", False: ": NOT met", None: " (full run only)"}[r["aim_met"]]
        peers = list(r["peers"].items()) or [("", {})]
        for i, (name, p) in enumerate(peers):
            if "ratio" in p:
                ratios = (_ratio(p["ratio"]), _ratio(p["cpu_ratio"]))
            else:
                ratios = ("", p.get("skipped", "failed" if p.get("error") else ""))
            rows.append((r["id"] if i == 0 else "",
                         f"{r['thidua']['median_ms']:,.0f}" if i == 0 else "",
                         f"{r['thidua']['cpu_median_ms']:,.0f}" if i == 0 else "",
                         name, f"{p['median_ms']:,.0f}" if "median_ms" in p else "",
                         *ratios, aim if i == 0 else ""))
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    right = {1, 2, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()

    return "\n".join([fmt(head), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)])


def _ratio(value: float) -> str:
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def check(records: list[dict[str, Any]], mode: Mode, quiet: bool = False) -> list[str]:
    """The CPU-time ratios below their threshold for this mode, as messages."""
    limits = json.loads(THRESHOLDS.read_text("utf-8"))[mode.name]
    failures = []
    for r in records:
        for peer, least in limits.get(r["id"], {}).items():
            got = r.get("peers", {}).get(peer, {}).get("cpu_ratio")
            if got is None:  # skipped case, peer not installed or failing: not a regression
                if not quiet:
                        print(f"bench: {r['id']}: no {peer} ratio to check", file=sys.stderr)
            elif got < least:
                failures.append(f"{r['id']}: {peer}/thidua CPU time = {got:.2f}, "
                                f"threshold {least:.2f} ({THRESHOLDS.name})")
    return failures


def remeasure(records: list[dict[str, Any]], cases: list[Case], thidua: str,
              values: dict[str, Any], env: dict[str, str], mode: Mode,
              tries: int = 2) -> None:
    """Measure a case below its threshold again (both sides), up to ``tries`` times.

    One slow sample on a shared machine is noise; a regression stays slow.
    The newest measurement replaces the old one, so a pass must be earned by a
    whole fresh run of the case.
    """
    for _ in range(tries):
        failing = {message.split(":", 1)[0] for message in check(records, mode, quiet=True)}
        if not failing:
            return
        for i, record in enumerate(records):
            if record["id"] in failing:
                print(f"bench: {record['id']} is below its threshold; measuring it again",
                      file=sys.stderr, flush=True)
                case = next(c for c in cases if c.id == record["id"])
                records[i] = run_case(case, thidua, values, env, mode, {})


def version_of(exe: str | None) -> str | None:
    if exe is None:
        return None
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description="Time thidua beside its peers.")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs, 100 small plans instead of 1,000 (under a minute)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results here")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when a CPU-time ratio falls below {THRESHOLDS.name}")
    parser.add_argument("--case", action="append", metavar="ID",
                        choices=[c.id for c in (*CASES, *LSP_CASES)],
                        help="run only this case (repeatable)")
    args = parser.parse_args()
    mode = MODES["quick" if args.quick else "full"]
    cases = [c for c in CASES if c.id in (args.case or ())
             or (not args.case and not (c.full_only and mode.name == "quick"))]
    lsp_cases = [c for c in LSP_CASES if not args.case or c.id in args.case]

    thidua = Path(sys.executable).parent / "thidua"
    if not thidua.exists():
        print(f"bench: no thidua next to {sys.executable}; run `pip install -e .` in this "
              "environment first", file=sys.stderr)
        return 2
    env = environment()
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1) * 0.75:
        print(f"bench: the machine is busy (load {load:.1f} on {os.cpu_count()} CPUs): wall "
              "times will be inflated; the CPU-time ratios are the ones to compare",
              file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        out = Path(tmp)
        # thidua as a user runs it: without the cache of compiled templates, which
        # only THIDUA_CACHE_DIR turns on (render/compiled.py).
        env.pop("THIDUA_CACHE_DIR", None)
        huge = 20_000 if any(c.id in ("new-huge", "fix-huge") for c in cases) else 0
        inputs = write_inputs(out / "inputs", files=mode.files, huge_tasks=huge)
        values: dict[str, Any] = {
            "example": inputs.example, "big": inputs.big, "big_edited": inputs.big_edited,
            "big_nfd": inputs.big_nfd, "huge": inputs.huge, "votes": inputs.votes,
            "huge_nfd": inputs.huge_nfd,
            "files": sorted(str(p) for p in inputs.many.glob("*.yaml")),
            "out": out, "schema": schema_file(out), "python": sys.executable,
            "yamllint_config": YAMLLINT_CONFIG, "today": TODAY, "as_of": AS_OF,
            "scoring": inputs.scoring, "bench": HERE,
            "filled": filled_sheets(str(thidua), inputs.scoring, out / "filled", env),
        }
        for key, (needed_by, command, plan, name) in MARKDOWN.items():
            if any(c.id in needed_by for c in cases):
                made = markdown_of(str(thidua), command, values[plan], out / name, env)
                if made is not None:
                    values[key] = made
        records = []
        peer_times: dict[tuple[str, ...], Timing] = {}
        for case in cases:
            print(f"bench: {case.id} ...", file=sys.stderr, flush=True)
            records.append(run_case(case, str(thidua), values, env, mode, peer_times))
        if args.check:
            remeasure(records, cases, str(thidua), values, env, mode)
        judge_across(records, os.cpu_count() or 1)
        lsp: list[dict[str, Any]] = []
        if lsp_cases:
            print("bench: lsp ...", file=sys.stderr, flush=True)
            if available(str(thidua), Case("lsp", "", ("lsp",)), env):
                lsp = lsp_records(lsp_cases, str(thidua), inputs, env, mode)
            else:
                print("bench: `thidua lsp` is not installed (pip install -e '.[lsp]')",
                      file=sys.stderr)

    if records:
        print(table(records))
    if lsp:
        print(("\n" if records else "") + lsp_table(lsp))
    if args.json:
        document = {
            "mode": mode.name, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"python": platform.python_version(), "system": platform.platform(),
                        "cpus": os.cpu_count(), "load_before": round(load, 2),
                        "load_after": round(os.getloadavg()[0], 2)},
            "versions": {name: version_of(tool(name))
                         for name in ("thidua", "yamllint", "check-jsonschema", "pandoc")},
            "cases": records,
            "lsp": lsp,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    broken = [r for r in records if "failed" in r]
    for r in broken:
        print(f"bench: thidua failed on {r['id']}: {r['failed']}", file=sys.stderr)
    if broken:
        return 2
    if args.check:
        failures = check(records, mode)
        for failure in failures:
            print(f"bench: regression: {failure}", file=sys.stderr)
        if failures:
            return 1
        print(f"bench: every ratio is at or above its threshold ({THRESHOLDS.name})",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
