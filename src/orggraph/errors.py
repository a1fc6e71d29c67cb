"""Typed errors: the library raises these, the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class OrgGraphError(Exception):
    """Base of every error orggraph reports to a user."""

    exit_code = 1


class InputError(OrgGraphError):
    """An input path or file that cannot be used."""

    exit_code = 2


class InputNotFoundError(InputError):
    """A path that does not exist."""


class UnsupportedInputError(InputError):
    """A file of a form orggraph does not read (binary, unknown type)."""


class DecodeError(InputError):
    """Bytes that do not decode in any supported encoding."""


class EmptyInputError(InputError):
    """A file with no text in it, or no articles in the inputs."""


class InputTooLargeError(InputError):
    """A file over the size orggraph reads."""


class ExecutorError(OrgGraphError):
    """An extraction executor that cannot be used (unknown name, unreachable scheduler)."""

    exit_code = 2


class PushError(OrgGraphError):
    """A triple store that refused the graph or could not be reached."""

    exit_code = 6


class GraphError(OrgGraphError):
    """A graph file that cannot be read."""

    exit_code = 3


class QueryError(OrgGraphError):
    """A SPARQL query that is malformed or cannot run."""

    exit_code = 4


class NotFoundError(OrgGraphError):
    """A name or IRI that is not in the graph."""

    exit_code = 5


class NamedCandidate(Protocol):
    """An entity a name may refer to."""

    @property
    def iri(self) -> str: ...

    @property
    def label(self) -> str: ...

    def describe(self) -> str: ...


class AmbiguousNameError(NotFoundError):
    """A name that fits several entities of the graph; ``candidates`` lists them, best first."""

    max_listed = 15

    def __init__(self, name: str, candidates: Sequence[NamedCandidate]) -> None:
        labels = [c.label for c in candidates]
        shown = "、".join(labels[: self.max_listed])
        more = (
            f" … and {len(labels) - self.max_listed} more" if len(labels) > self.max_listed else ""
        )
        super().__init__(
            f"'{name}' fits {len(labels)} entities, give a full label or an IRI: {shown}{more}"
        )
        self.candidates = tuple(candidates)

    def format_candidates(self) -> str:
        """One line per candidate: label, types and IRI."""
        return "\n".join(c.describe() for c in self.candidates)


class OutputError(OrgGraphError):
    """An output that cannot be written."""

    exit_code = 6


class GoldError(OrgGraphError):
    """Gold annotations that cannot be read."""

    exit_code = 7


class ExtractionError(OrgGraphError):
    """An article the pipeline failed on (a library error, with the file and position)."""

    exit_code = 8


class InterruptedBuildError(OrgGraphError):
    """A build stopped by the user (Ctrl-C); its output folder is left as it was."""

    exit_code = 130


class ShapeViolationError(OrgGraphError):
    """A graph that breaks the SHACL shapes of the ontology; ``violations`` lists them."""

    exit_code = 9

    def __init__(self, path: str, violations: Sequence[str]) -> None:
        super().__init__(f"{path}: {len(violations)} SHACL violation(s)")
        self.violations = tuple(violations)
