"""Typed errors: the library raises these, the CLI turns them into messages and exit codes."""


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


class GraphError(OrgGraphError):
    """A graph file that cannot be read."""

    exit_code = 3


class QueryError(OrgGraphError):
    """A SPARQL query that is malformed or cannot run."""

    exit_code = 4


class NotFoundError(OrgGraphError):
    """A name or IRI that is not in the graph."""

    exit_code = 5


class OutputError(OrgGraphError):
    """An output that cannot be written."""

    exit_code = 6


class GoldError(OrgGraphError):
    """Gold annotations that cannot be read."""

    exit_code = 7
