"""Opening a CSV file as real exports write them, and streaming its rows with line numbers.

Handles UTF-8 with or without a byte-order mark, cp1252 and latin-1 by
option, ``,`` ``;`` and tab delimiters (detected from the header line),
quoted and unquoted fields. A file that is empty, has no data rows, holds
NUL bytes or is not in the expected encoding raises
:class:`~smarketing.errors.UnreadableInput` naming the file and the line.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from typing import IO

from smarketing.errors import UnreadableInput

__all__ = ["CsvTable"]

_DELIMITERS = (",", ";", "\t")


class CsvTable:
    """A CSV file's header and a stream of its data rows, read once per :meth:`rows` call."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        encoding: str = "utf-8",
        delimiter: str | None = None,
    ) -> None:
        self.path = os.fspath(path)
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UnreadableInput(
                f"{self.path}: {encoding!r} is not an encoding Python knows; "
                "use utf-8, cp1252 or latin-1",
                path=self.path,
            ) from None
        self.encoding = (
            "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
        )
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(65536)
        except OSError as error:
            raise UnreadableInput(
                f"{self.path}: cannot open the file ({error.strerror or error})", path=self.path
            ) from None
        if not head.strip():
            raise UnreadableInput(f"{self.path}: the file is empty", path=self.path)
        if b"\x00" in head:
            raise UnreadableInput(
                f"{self.path}: the file holds NUL bytes: it is binary, or UTF-16; "
                "export it again as CSV in UTF-8",
                path=self.path,
            )
        first_line = self._first_line(head)
        self.delimiter = delimiter or _detect(first_line)
        header = next(csv.reader([first_line], delimiter=self.delimiter), [])
        self.header = [name.strip() for name in header]
        if not any(self.header):
            raise UnreadableInput(
                f"{self.path}: the first line holds no column names", path=self.path
            )

    def _first_line(self, head: bytes) -> str:
        try:
            text = head.decode(self.encoding)
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not merely a character cut at the chunk's end
                raise self._not_encoded(head[: error.start].count(b"\n") + 1) from None
            text = head[: error.start].decode(self.encoding)
        return text.splitlines()[0] if text else ""

    def _not_encoded(self, line: int) -> UnreadableInput:
        return UnreadableInput(
            f"{self.path}, line {line}: the bytes are not {self.encoding}; "
            "pass the file's encoding, such as encoding='cp1252' (Excel on Windows) or 'latin-1'",
            path=self.path,
            line=line,
        )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data row with the line it starts on; blank lines are skipped."""
        with open(self.path, encoding=self.encoding, newline="") as handle:
            yield from self._rows(handle)

    def _rows(self, handle: IO[str]) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(handle, delimiter=self.delimiter)
        line = 1
        data_rows = 0
        try:
            next(reader)  # the header, read already
            line = reader.line_num + 1
            for row in reader:
                start, line = line, reader.line_num + 1
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                data_rows += 1
                yield start, row
        except UnicodeDecodeError:
            raise self._not_encoded(line) from None
        except csv.Error as error:
            raise UnreadableInput(
                f"{self.path}, line {line}: not readable as CSV ({error}); check that it is "
                "a CSV export and that quotes are balanced",
                path=self.path,
                line=line,
            ) from None
        if data_rows == 0:
            raise UnreadableInput(
                f"{self.path}: the file has a header but no data rows", path=self.path
            )


def _detect(line: str) -> str:
    """The delimiter that splits the header line into the most fields (outside quotes)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
