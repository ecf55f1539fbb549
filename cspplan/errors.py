"""Errors that stop cspplan from doing what it was asked (exit status 2).

Problems *in* a plan are not errors: they are findings (see :mod:`cspplan.findings`).
"""


class CspplanError(Exception):
    """Something cspplan could not use: a missing file, a bad option, a broken install.

    The message is one sentence an officer can act on; ``path`` names the file when
    there is one.
    """

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(CspplanError):
    """An input file or directory that cannot be read."""
