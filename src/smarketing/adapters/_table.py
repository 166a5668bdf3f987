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

import attrs

from smarketing.errors import UnreadableInput

__all__ = ["CsvPart", "CsvTable", "MisalignedPart"]

_DELIMITERS = (",", ";", "\t")
#: Encodings in which a newline byte is always a newline and a quote byte always a quote.
_SPLITTABLE = frozenset({"utf-8-sig", "utf-8", "utf8", "cp1252", "latin-1", "latin1", "ascii"})
_BLOCK = 1 << 20
#: The smallest part worth a process of its own, in bytes.
PART_BYTES = 1 << 20


@attrs.frozen
class CsvPart:
    """Rows of a CSV file from byte ``start`` to byte ``end``, for one of several workers.

    ``line`` is the line the part starts on; part 0 starts at the header.
    """

    path: str
    start: int
    end: int
    line: int

    def __fspath__(self) -> str:
        return self.path


class MisalignedPart(Exception):
    """A part did not end on a row boundary: a quote outside a quoted field misled the split."""


class CsvTable:
    """A CSV file's header and a stream of its data rows, read once per :meth:`rows` call."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        encoding: str = "utf-8",
        delimiter: str | None = None,
    ) -> None:
        self.part = path if isinstance(path, CsvPart) else None
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
        """Each data row with the line it starts on; blank lines are skipped.

        For a :class:`CsvPart`, the rows of that part only (raising
        :class:`MisalignedPart` if its end is not a row boundary).
        """
        if self.part is not None:
            yield from self._part_rows(self.part)
            return
        with open(self.path, encoding=self.encoding, newline="") as handle:
            yield from self._rows(handle)

    def parts(self, count: int, *, smallest: int | None = None) -> list[CsvPart]:
        """The file cut into up to ``count`` parts of about the same size, on row boundaries.

        A row boundary is a newline outside quotes: the quotes before it, counted
        from the start of the file, are even. (A quote inside an unquoted field
        misleads that count; reading a part then raises :class:`MisalignedPart`,
        and the caller reads the file whole.) One part for a small file, or an
        encoding where bytes may not be what they seem. Parts are at least
        ``smallest`` bytes (:data:`PART_BYTES`, a megabyte, by default).
        """
        size = os.path.getsize(self.path)
        whole = [CsvPart(self.path, 0, size, 1)]
        count = min(count, size // max(PART_BYTES if smallest is None else smallest, 1))
        if count < 2 or self.encoding.lower() not in _SPLITTABLE:
            return whole
        targets = [size * index // count for index in range(1, count)]
        cuts: list[tuple[int, int]] = []  # (byte, line) where a part starts
        quotes = lines = 0
        offset = 0
        with open(self.path, "rb") as handle:
            while block := handle.read(_BLOCK):
                position = 0
                while targets and offset + len(block) > targets[0]:
                    at = max(targets[0] - offset, position)
                    newline = block.find(b"\n", at)
                    inside = newline >= 0 and (quotes + block.count(b'"', 0, newline)) % 2
                    while newline >= 0 and inside:  # inside quotes: try the next newline
                        following = block.find(b"\n", newline + 1)
                        if following >= 0:
                            inside ^= block.count(b'"', newline, following) % 2
                        newline = following
                    if newline < 0:
                        break  # no boundary in this block: look in the next one
                    cut = offset + newline + 1
                    if cut < size:
                        cuts.append((cut, lines + block.count(b"\n", 0, newline) + 2))
                    targets.pop(0)
                    position = newline + 1
                if not targets:
                    break
                quotes += block.count(b'"')
                lines += block.count(b"\n")
                offset += len(block)
                if targets[0] < offset:
                    targets[0] = offset
        if not cuts:
            return whole
        starts = [(0, 1), *cuts]
        ends = [cut for cut, _ in cuts] + [size]
        return [
            CsvPart(self.path, start, end, line)
            for (start, line), end in zip(starts, ends, strict=True)
        ]

    def _part_rows(self, part: CsvPart) -> Iterator[tuple[int, list[str]]]:
        """The rows of a part, read line by line so that the byte where each row ends is known."""
        with open(self.path, "rb") as handle:
            handle.seek(part.start)
            lines = _Lines(handle, part.start, self.encoding, self.path, part.line)
            reader = csv.reader(lines, delimiter=self.delimiter)
            try:
                if part.start == 0:
                    next(reader)  # the header, read already
                    lines.row_line = lines.line
                for row in reader:
                    if lines.offset > part.end:
                        raise MisalignedPart(f"{self.path}: a row runs over byte {part.end}")
                    if row and not (len(row) == 1 and not row[0].strip()):
                        yield lines.row_line, row
                    if lines.offset == part.end:
                        return
                    lines.row_line = lines.line
            except csv.Error as error:
                raise UnreadableInput(
                    f"{self.path}, line {lines.line}: not readable as CSV ({error}); check "
                    "that it is a CSV export and that quotes are balanced",
                    path=self.path,
                    line=lines.line,
                ) from None

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


class _Lines:
    """Lines of a binary file from a byte offset, decoded, with the offset and line reached."""

    __slots__ = ("_decode", "_handle", "line", "offset", "path", "row_line")

    def __init__(self, handle: IO[bytes], offset: int, encoding: str, path: str, line: int) -> None:
        self._handle = handle
        self._decode = codecs.getdecoder(encoding)
        self.offset = offset
        self.path = path
        self.line = line  # the line the next line read is
        self.row_line = line  # the line the current row starts on

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self._handle.readline()
        if not raw:
            raise StopIteration
        self.offset += len(raw)
        self.line += 1
        try:
            return self._decode(raw)[0]
        except UnicodeDecodeError:
            raise UnreadableInput(
                f"{self.path}, line {self.line - 1}: the bytes are not in the file's encoding; "
                "pass the file's encoding, such as encoding='cp1252' (Excel on Windows)",
                path=self.path,
                line=self.line - 1,
            ) from None
