"""The ``carnet`` command: argument parsing and messages only.

Place in the pipeline: the outermost layer. Each sub-command calls the public API (:mod:`converter`) and
prints one line per problem on standard error: ``file:line: severity: message — what to do``. Exit codes:
0 success, 1 a document could not be converted (or checks found errors), 2 a usage error. A user mistake
never shows a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import CarnetError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_INPUT = Path("input")
DEFAULT_OUTPUT = Path("output")


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"carnet: error: {message} (see 'carnet --help')\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="carnet", description="Accessible DOCX, EPUB 3 and HTML editions of the Carnets NEC.")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    convert = commands.add_parser("convert", help="convert carnets (default: every carnet in input/)")
    convert.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                         help="carnet files (.md, .html) or folders; default: the carnets in input/")
    convert.add_argument("-t", "--to", default="docx,epub,html", metavar="FORMATS",
                         help="comma-separated output formats (default: docx,epub,html)")
    convert.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                         help="output folder (default: output/)")
    convert.add_argument("--inclusive", choices=("doublet", "normalise", "keep"), default="doublet",
                         help="inclusive writing: full doublets (default), one point médian, or as written")
    convert.add_argument("--no-reader-note", action="store_true", help="do not open the edition with the reader's note")
    convert.add_argument("--skip", action="append", default=[], metavar="TRANSFORM",
                         help="do not run this transform (repeatable)")
    convert.add_argument("--encoding", help="encoding of the inputs when they are not UTF-8")
    convert.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    convert.add_argument("--check", action="store_true",
                         help="run the built-in accessibility checks on what was written")
    convert.add_argument("-j", "--jobs", type=_positive, metavar="N",
                         help="carnets converted at once, in separate processes (default: the number of cores)")
    convert.add_argument("--json", action="store_true",
                         help="print one JSON document (carnets, formats, outputs, warnings, seconds, errors)")

    inclusive = commands.add_parser("inclusive", help="rewrite French inclusive writing in a text")
    inclusive.add_argument("input", nargs="?", default="-", help="a text file, or - for standard input")
    inclusive.add_argument("--policy", choices=("doublet", "normalise", "keep"), default="doublet")
    inclusive.add_argument("--report", action="store_true",
                           help="list every form found (line:column, original, replacement or unresolved)")
    inclusive.add_argument("--encoding", help="encoding of the input when it is not UTF-8")

    check = commands.add_parser("check", help="check DOCX, EPUB or HTML files for accessibility")
    check.add_argument("inputs", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the messages")
    check.add_argument("--json", action="store_true", help="findings as JSON")

    importer = commands.add_parser("import", help="raw text extracted from a carnet PDF → carnet Markdown to review")
    importer.add_argument("input", type=Path, metavar="FILE.txt")
    importer.add_argument("-o", "--output", type=Path, metavar="FILE.md",
                          help="where to write the Markdown (default: standard output)")
    importer.add_argument("--force", action="store_true", help="replace an existing output file")
    importer.add_argument("--encoding", help="encoding of the input when it is not UTF-8")

    tree = commands.add_parser("tree", help="print the document tree as JSON")
    tree.add_argument("input", type=Path)
    tree.add_argument("--raw", action="store_true", help="the tree as read, before the transforms")
    tree.add_argument("--encoding")
    return parser


def _inputs(paths: list[Path]) -> list[Path]:
    """The carnet files named, folders expanded to the carnets they hold (README files excepted)."""
    from .readers import EXTENSIONS, FOLDER_FORMATS

    if not paths:
        if not DEFAULT_INPUT.is_dir():
            raise CarnetError("no input given and no input/ folder here", hint="name a carnet: carnet convert FILE.md")
        paths = [DEFAULT_INPUT]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if EXTENSIONS.get(p.suffix.lower()) in FOLDER_FORMATS
                                and not p.name.lower().startswith("readme") and p.is_file()))
        else:
            found.append(path)
    return found


def _report(diagnostics, quiet: bool) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity == "error" or not quiet:
            print(diagnostic, file=sys.stderr)


def command_convert(args: argparse.Namespace) -> int:
    from .batch import BatchSettings, convert_batch
    from .transforms import TRANSFORM_NAMES
    from .writers import UnknownFormatError, canonical_format

    try:
        formats = [canonical_format(f.strip()) for f in args.to.split(",") if f.strip()]
    except UnknownFormatError as error:
        print(f"carnet: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    unknown = [name for name in args.skip if name not in TRANSFORM_NAMES]
    if unknown:
        print(f"carnet: error: unknown transform {unknown[0]!r} (known: {', '.join(TRANSFORM_NAMES)})", file=sys.stderr)
        return EXIT_USAGE
    try:
        sources = _inputs(args.inputs)
    except CarnetError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    settings = BatchSettings(tuple(formats), args.output, args.inclusive, frozenset(args.skip),
                             False if args.no_reader_note else None, args.encoding, args.check, args.quiet)
    return convert_batch(sources, settings, jobs=args.jobs, as_json=args.json)


def command_tree(args: argparse.Namespace) -> int:
    from .dump import dump_json
    from .pipeline import read

    try:
        document = read(args.input, transform=not args.raw, encoding=args.encoding)
    except CarnetError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    _report(document.diagnostics, False)
    sys.stdout.write(dump_json(document) + "\n")
    return EXIT_OK


def command_inclusive(args: argparse.Namespace) -> int:
    from .readers import decode
    from .transforms.inclusive_fr import rewrite_lines

    source = "<stdin>" if args.input == "-" else args.input
    try:
        if args.input == "-":
            data = sys.stdin.buffer.read()
        else:
            path = Path(args.input)
            if not path.is_file():
                raise CarnetError("no such file", source, hint="check the path")
            data = path.read_bytes()
        text = decode(data, source, args.encoding)
    except CarnetError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    lines, forms = rewrite_lines(text.splitlines(keepends=True), args.policy)
    sys.stdout.write("".join(lines))
    if args.report:
        for form in forms:
            outcome = form.replacement if form.replacement is not None else f"unresolved ({form.reason})"
            print(f"{source}:{form.line}:{form.column}: {form.original} → {outcome}", file=sys.stderr)
    unresolved = sum(1 for form in forms if form.replacement is None)
    if forms:
        print(f"{source}: {len(forms) - unresolved} forms rewritten, {unresolved} unresolved", file=sys.stderr)
    return EXIT_OK


def command_check(args: argparse.Namespace) -> int:
    from .checks import run_check

    return run_check(list(args.inputs), args.lang, args.json, sys.stdout)


def command_import(args: argparse.Namespace) -> int:
    from .importer import import_path
    from .pipeline import write_atomically

    try:
        if args.output is not None and args.output.exists() and not args.force:
            raise CarnetError("exists already; it is not replaced", str(args.output),
                              hint="choose another name, or pass --force")
        result = import_path(args.input, args.encoding)
        if args.output is None:
            sys.stdout.write(result.markdown)
        else:
            write_atomically(result.markdown.encode("utf-8"), args.output)
    except CarnetError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    for line in result.summary:
        print(line, file=sys.stderr)
    if args.output is not None:
        print(f"{args.input} → {args.output} ({result.warnings} places to review, marked <!-- carnet-import: … -->)",
              file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handler = {"convert": command_convert, "tree": command_tree, "inclusive": command_inclusive,
               "check": command_check, "import": command_import}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("carnet: interrupted; outputs already written are complete, the others were not written",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> int:
    """The ``carnet`` command and ``python -m converter``: :func:`main`, then Ctrl-C ignored while the
    interpreter shuts down. Once the work is done an interrupt has nothing left to stop, but the shutdown
    restores the default SIGINT action and would die of it, silently, with -2 instead of the exit code of
    a conversion whose outputs are all written (issue 8's Ctrl-C test caught it once, on CI)."""
    try:
        code = main()
    except KeyboardInterrupt:  # between the command's return and here: the outputs are complete
        code = 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
