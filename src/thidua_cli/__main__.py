"""Entry point: runs the typer app and turns thidua's errors into messages.

This is the one place where an exception becomes text and an exit code; no
traceback reaches a user unless ``THIDUA_DEBUG`` is set.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Answered before typer loads (four fifths of the time it takes
        # otherwise): scripts and CI jobs ask it often. Same text as the option.
        from . import __version__

        sys.stdout.write(f"thidua {__version__}\n")
        return
    if not os.environ.get("THIDUA_DEBUG"):
        import warnings

        # A library's warning is no message for a user: thidua reports what
        # matters as findings or errors.
        warnings.simplefilter("ignore")
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show Vietnamese (LANG=C on an old
        # system, PYTHONIOENCODING=ascii) gets escapes, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    from .cli import State, app
    from .errors import ThiduaError

    try:
        app()
    except ThiduaError as e:
        from .i18n import resolve_lang, t

        lang = State.lang or resolve_lang()
        where = e.location()
        text = e.message(lang)
        # Most messages name their file already; add the location only when not.
        prefix = f"{where}: " if where and (e.path or "") not in text else ""
        sys.stderr.write(f"thidua: {t('report.error', lang)}: {prefix}{text}\n")
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("thidua: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`thidua lint | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as e:  # the promise: never a traceback
        if os.environ.get("THIDUA_DEBUG"):
            raise
        sys.stderr.write(
            f"thidua: internal error: {type(e).__name__}: {e}\n"
            "Please report this with the input that caused it "
            "(set THIDUA_DEBUG=1 for the traceback).\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
