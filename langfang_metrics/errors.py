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
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


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
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))

    def __reduce__(self):  # keep picklable across processes
        return (type(self), (self.problems,))


class InsufficientDataError(ValueError):
    """Raised when a computation needs more observations than the series has."""
