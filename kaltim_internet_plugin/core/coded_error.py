"""The one shape of a coded core error: a front turns ``code`` and ``params`` into translated text
(``errors.describe``), core itself never writes a message."""
from __future__ import annotations


class CodedError(ValueError):
    """``code`` names the message template in ``errors.py``; ``params`` fill it in (a param may itself be a coded
    error). ``str()`` of the error is for logs and tests: the code and the params."""

    def __init__(self, code: str, /, **params):  # positional-only: a param may be called 'code'
        self.code = code
        self.params = params
        self.also: list = []  # the input's further problems, said after this one (errors.describe)
        super().__init__(f"{code}: " + ", ".join(f"{k}={self.show(v)}" for k, v in params.items()))

    @classmethod
    def of_all(cls, problems: list) -> CodedError:
        """The first of ``problems``, carrying the others in ``also``: an input is said complete at once (every
        problem of every row), not one problem a run."""
        first = problems[0]
        first.also = list(problems[1:])
        if first.also:
            first.args = ("; ".join(str(p) for p in problems),)
        return first

    @staticmethod
    def show(value) -> str:
        """A param in ``str()`` of the error: its repr (a subclass whose params are texts may show them as they are)."""
        return repr(value)


class LoggedCodedError(CodedError):
    """A coded error that also keeps an English sentence for logs, scripts and tests: ``str()`` is ``message``; the
    user still sees ``errors.describe``'s text for ``code``."""

    def __init__(self, message: str, code: str = "invalid", /, **params):
        super().__init__(code, **params)
        self.args = (message,)
