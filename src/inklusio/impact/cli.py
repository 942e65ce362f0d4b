"""``inklusio report PROJECT [--from DATE --to DATE] [--lang de|en] --format FMT [--output FILE]``."""

import argparse
import sys
from datetime import date

EXIT_USAGE = 2
FORMATS = ("json", "html", "pdf", "docx", "xlsx")  # exports.FORMATS, kept here so --help needs no Django


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def register(subparsers, setup) -> None:
    parser = subparsers.add_parser("report", help="the impact report of a project (JSON, HTML, PDF, DOCX, XLSX)")
    parser.add_argument("project", help="the project's short name (slug), e.g. ausbildungsoffensive")
    parser.add_argument("--from", dest="start", type=_date, help="period start (YYYY-MM-DD); default: project start")
    parser.add_argument("--to", dest="end", type=_date, help="period end (YYYY-MM-DD); default: project end")
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handler(args) -> int:
        setup()
        return run(args)

    parser.set_defaults(func=handler)


def run(args) -> int:
    from inklusio.core.models import Project  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    from . import exports, services  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    project = Project.objects.filter(slug=args.project).first()
    if project is None:
        known = ", ".join(Project.objects.order_by("slug").values_list("slug", flat=True)) or "none"
        print(f"inklusio report: no project {args.project!r} (known: {known})", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = services.build_report(project, args.start, args.end, args.lang, links=False)
    except services.PeriodError:
        print("inklusio report: the period's end (--to) must not be before its start (--from)", file=sys.stderr)
        return EXIT_USAGE
    data = exports.render(report, args.fmt)
    if args.output:
        with open(args.output, "wb") as handle:
            handle.write(data)
        print(f"Wrote {args.output} ({len(data):,} bytes).", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
