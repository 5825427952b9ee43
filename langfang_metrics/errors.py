"""The one documented exception of the suite's loaders and validators."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Attributes
    ----------
    file : str
        Path (or name) of the file.
    row : int or None
        1-based row number as a spreadsheet shows it (header is row 1), or None when the
        problem concerns the whole file.
    column : str or None
        Column name as found in the file, or None.
    message : str
        What is wrong and what is expected, in words a non-programmer can act on.
    sheet : str or None
        Worksheet of a workbook the row is on ("a.xlsx [征集 request], row 7"), or None.
    message_zh : str
        The message in Chinese, or "" where it has none yet (the command line then gives
        the English one under a Chinese place: the clerks who correct the files read
        Chinese first).
    """

    file: str
    row: int | None
    column: str | None
    message: str
    sheet: str | None = None
    message_zh: str = ""

    def __str__(self) -> str:
        where = [self.place]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    @property
    def place(self) -> str:
        """The file, with its worksheet when known: ``a.xlsx [征集 request]``."""
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file

    def text(self, lang: str = "en") -> str:
        """The problem in one language: ``str(self)`` in English; in Chinese the place
        (文件，第 7 行，“year”列), the Chinese message, and the English one on a line of
        its own (where there is no Chinese message yet, the English one alone)."""
        if lang != "zh":
            return str(self)
        rows = [] if self.row is None else [self.row]
        return _zh_line(self.place, rows, self.column, self.message, self.message_zh)


def _zh_line(place: str, rows: list[int], column: str | None, message: str,
             message_zh: str) -> str:  # fmt: skip
    """One problem (or one repeated over ``rows``) in Chinese first: the English message
    follows on its own indented line, so a statistician can still quote it."""
    where = [place]
    if len(rows) == 1:
        where.append(f"第 {rows[0]} 行")
    elif rows:
        shown = "、".join(str(r) for r in rows[:ROWS_SHOWN])
        more = f"等 {len(rows)} 行" if len(rows) > ROWS_SHOWN else f"（共 {len(rows)} 行）"
        where.append(f"第 {shown} 行{more}")
    if column is not None:
        where.append(f"“{column}”列")
    head = "，".join(where)
    if not message_zh:
        return f"{head}：{message}"
    return f"{head}：{message_zh}\n    {message}"


class DataValidationError(ValueError):
    """Raised by loaders when an input has problems; carries *all* problems found.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in file order.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found in input data"
        super().__init__(
            head + ":\n" + "\n".join(f"  {line}" for line in grouped_problems(self.problems))
        )

    def __reduce__(self):  # keep picklable across processes
        return (type(self), (self.problems,))


#: Rows named for one repeated problem before "and N more rows".
ROWS_SHOWN = 10


def grouped_problems(problems: list[Problem], lang: str = "en") -> list[str]:
    """One entry per distinct (file, column, message), naming its rows: the same unknown
    region in 880 rows printed 880 identical lines. In Chinese (``lang="zh"``) an entry
    whose problem has a Chinese message is two lines, the English one indented under it."""
    groups: dict[tuple, list] = {}
    for p in problems:
        groups.setdefault((p.file, p.sheet, p.column, p.message, p.message_zh), []).append(p.row)
    lines = []
    for (file, sheet, column, message, message_zh), rows in groups.items():
        known = [r for r in rows if r is not None]
        if lang == "zh":
            place = Problem(file, None, None, "", sheet).place
            lines.append(_zh_line(place, known, column, message, message_zh))
            continue
        if len(known) <= 1:  # one row, or a problem of the whole file (said once)
            lines.append(str(Problem(file, known[0] if known else None, column, message, sheet)))
            continue
        shown = ", ".join(str(r) for r in known[:ROWS_SHOWN])
        more = f" and {len(known) - ROWS_SHOWN} more" if len(known) > ROWS_SHOWN else ""
        where = [
            Problem(file, None, None, "", sheet).place,
            f"rows {shown}{more} ({len(known)} rows)",
        ]
        if column is not None:
            where.append(f"column '{column}'")
        lines.append(f"{', '.join(where)}: {message}")
    return lines


class Refusal(ValueError):
    """A command refusing to do something that would destroy or misplace a file (an output
    folder holding someone's files, a workbook already there): a ``ValueError`` whose
    message is a sentence saying what to do, with its Chinese twin for the command line.

    Parameters
    ----------
    message : str
        What is refused and what to do instead, in English.
    message_zh : str
        The same in Chinese.
    """

    def __init__(self, message: str, message_zh: str = ""):
        super().__init__(message)
        self.message_zh = message_zh

    def __reduce__(self):  # keep picklable across processes
        return (type(self), (str(self), self.message_zh))


class InsufficientDataError(ValueError):
    """Raised when a computation needs more observations than the series has."""
