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
    """

    file: str
    row: int | None
    column: str | None
    message: str
    sheet: str | None = None

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


def grouped_problems(problems: list[Problem]) -> list[str]:
    """One line per distinct (file, column, message), naming its rows: the same unknown
    region in 880 rows printed 880 identical lines."""
    groups: dict[tuple, list] = {}
    for p in problems:
        groups.setdefault((p.file, p.sheet, p.column, p.message), []).append(p.row)
    lines = []
    for (file, sheet, column, message), rows in groups.items():
        known = [r for r in rows if r is not None]
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


class InsufficientDataError(ValueError):
    """Raised when a computation needs more observations than the series has."""
