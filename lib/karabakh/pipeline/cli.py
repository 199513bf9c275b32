"""The `karabakh` command: run, refresh, list and params. User mistakes print one line, exit 2."""

from __future__ import annotations

import argparse
import sys

from ..errors import KarabakhError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="karabakh", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="execute notebooks with papermill into build/<run>/")
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

    ref = sub.add_parser("refresh", help="rewrite the stored outputs in notebooks/ (default run)")
    ref.add_argument("notebooks", nargs="*")
    ref.add_argument("-j", "--jobs", type=int, default=None)

    sub.add_parser("list", help="list the notebooks and their parameters")
    sub.add_parser("params", help="list every parameter, what it means and what it accepts")
    sub.add_parser("validate", help="validate the data package in data/")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KarabakhError as exc:
        print(f"karabakh: error: {exc}", file=sys.stderr)
        return 2


def _dispatch(args) -> int:
    if args.command == "run":
        from .presets import assignments, load_preset
        from .runner import run

        given = load_preset(args.preset) if args.preset else {}
        given.update(assignments(args.param))
        if args.jobs is not None and args.jobs < 1:
            raise KarabakhError(f"--jobs {args.jobs}: give 1 or more")
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

        refresh(args.notebooks, jobs=args.jobs)
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
