"""The `karabakh` command: run, refresh, list and params. User mistakes print one line, exit 2."""

from __future__ import annotations

import argparse
import sys
import traceback

from ..errors import Interrupted, KarabakhError
from .workers import lean_imports

MEND = "mend the environment with `make clean && make run`"


class UsageError(KarabakhError):
    """A malformed command line (unknown option, missing value, not a number)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises one-line UsageError instead of printing usage and exiting."""

    def error(self, message: str):
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="karabakh", description=__doc__)
    verbose = dict(action="store_true", help="show the traceback of an error")
    parser.add_argument("-v", "--verbose", **verbose)
    sub = parser.add_subparsers(dest="command", required=True)
    common = _Parser(add_help=False)
    common.add_argument("-v", "--verbose", default=argparse.SUPPRESS, **verbose)

    run = sub.add_parser(
        "run", parents=[common], help="execute notebooks with papermill into build/<run>/"
    )
    run.add_argument("notebooks", nargs="*", help="numbers (1, 01) or names; all by default")
    run.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter (repeatable); see `karabakh params`",
    )
    run.add_argument("--preset", help="parameters from params/PRESET.yaml (-p overrides)")
    run.add_argument(
        "-j", "--jobs", type=int, default=None, help="parallel processes (default: number of cores)"
    )
    run.add_argument("--name", help="run folder under build/ (default from the parameters)")
    run.add_argument("--force", action="store_true", help="rerun even if inputs are unchanged")
    run.add_argument("--no-html", action="store_true", help="skip the HTML pages")

    ref = sub.add_parser(
        "refresh", parents=[common], help="rewrite the stored outputs in notebooks/ (default run)"
    )
    ref.add_argument("notebooks", nargs="*")
    ref.add_argument("-j", "--jobs", type=int, default=None)
    ref.add_argument(
        "--force", action="store_true", help="overwrite notebooks with uncommitted edits"
    )

    site = sub.add_parser(
        "site", parents=[common], help="build the HTML site from executed runs (first = home)"
    )
    site.add_argument("runs", nargs="*", default=["default", "today"], help="runs under build/")
    site.add_argument("--out", help="output folder (default: build/<first run>/site)")
    sub.add_parser(
        "findings", parents=[common], help="regenerate the README's findings from notebooks/"
    )

    sub.add_parser("list", parents=[common], help="list the notebooks and their parameters")
    sub.add_parser(
        "params", parents=[common], help="list every parameter, what it means and what it accepts"
    )
    sub.add_parser("validate", parents=[common], help="validate the data package in data/")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv`; return 0, 1 (a notebook failed), 2 (refused) or 130 (Ctrl-C)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lean_imports()
    verbose = any(a in ("-v", "--verbose") for a in argv)
    try:
        return _dispatch(_parser().parse_args(argv))
    except KeyboardInterrupt:
        print("karabakh: interrupted", file=sys.stderr)
        return 130
    except KarabakhError as exc:
        error, message = exc, str(exc)
        code = 130 if isinstance(exc, Interrupted) else 2
    except ImportError as exc:  # a package missing from .venv
        error = exc
        message = f"cannot import {exc.name or exc}; the environment is incomplete: {MEND}"
        code = 2
    except Exception as exc:  # a fault of the environment or a bug: one line, the rest on -v
        first = (str(exc).strip().splitlines() or [""])[0]
        error = exc
        message = f"{type(exc).__name__}: {first} (rerun with --verbose for details; {MEND})"
        code = 2
    if verbose:
        traceback.print_exception(error)
    print(f"karabakh: error: {message}", file=sys.stderr)
    return code


def _dispatch(args) -> int:
    if args.command == "run":
        from .presets import assignments, load_preset
        from .runner import run

        given = load_preset(args.preset) if args.preset else {}
        given.update(assignments(args.param))
        if args.jobs is not None and args.jobs < 1:
            raise UsageError(f"--jobs {args.jobs}: give 1 or more parallel processes")
        out, results = run(
            args.notebooks,
            given,
            jobs=args.jobs,
            name=args.name,
            force=args.force,
            preset=args.preset,
            html=not args.no_html,
        )
        failed = [r for r in results if r.status == "failed"]
        for r in failed:
            print(f"karabakh: {r.notebook} failed at {r.error} (kept: {r.output})", file=sys.stderr)
        print(f"{len(results) - len(failed)} of {len(results)} notebooks ok; outputs in {out}")
        return 1 if failed else 0
    if args.command == "refresh":
        from .refresh import refresh

        if args.jobs is not None and args.jobs < 1:
            raise UsageError(f"--jobs {args.jobs}: give 1 or more parallel processes")
        refresh(args.notebooks, jobs=args.jobs, force=args.force)
        from .results import update_readme

        if update_readme():  # the README's findings come from the stored outputs
            print("README.md findings updated")
        return 0
    if args.command == "site":
        from ..paths import BUILD
        from .site import build_site

        build_site([BUILD / r for r in args.runs], out=args.out)
        return 0
    if args.command == "findings":
        from .results import update_readme

        changed = update_readme()
        print("README.md findings " + ("updated" if changed else "unchanged"))
        return 0
    if args.command == "list":
        from .notebooks import discover, parameters

        for path in discover():
            names = ", ".join(f"{k}={v!r}" for k, v in parameters(path).items())
            print(f"{path.stem}: {names}")
        return 0
    if args.command == "params":
        from .params import SPECS

        for name, spec in SPECS.items():
            print(f"{name}: {spec.help}; {spec.allowed()}")
        return 0
    if args.command == "validate":
        from ..evidence.package import validate_package

        tables = validate_package()
        print(", ".join(f"{k}: {len(v)} rows" for k, v in tables.items()))
        return 0
    return 2
