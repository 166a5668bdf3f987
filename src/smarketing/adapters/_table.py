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
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import IO

import attrs

from smarketing.contract import MisalignedPart
from smarketing.errors import UnreadableInput

__all__ = ["CELL_LIMIT", "CsvPart", "CsvTable", "MisalignedPart", "OnBroken"]

_DELIMITERS = (",", ";", "\t")
#: Encodings in which a newline byte is always a newline and a quote byte always a quote.
_SPLITTABLE = frozenset({"utf-8-sig", "utf-8", "utf8", "cp1252", "latin-1", "latin1", "ascii"})
_BLOCK = 1 << 20
#: The longest cell read, in characters: the csv module's field size limit,
#: which is left as it is (it is global to the process).
CELL_LIMIT = csv.field_size_limit()
#: What a table calls with the line and the reason of a row that is not CSV.
OnBroken = Callable[[int, str], None]
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
        self._check_encoding(head)
        self.delimiter = delimiter or _detect(self._first_line())
        self.header = [name.strip() for name in self._header()]
        if not any(self.header):
            raise UnreadableInput(
                f"{self.path}: the first line holds no column names", path=self.path
            )

    def _check_encoding(self, head: bytes) -> None:
        try:
            head.decode(self.encoding)
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not merely a character cut at the chunk's end
                raise self._not_encoded(head[: error.start].count(b"\n") + 1) from None

    def _first_line(self) -> str:
        """The first physical line (ended by a newline only), to detect the delimiter by."""
        with open(self.path, encoding=self.encoding, newline="", errors="replace") as handle:
            return handle.readline(1 << 24).rstrip("\r\n")

    def _header(self) -> list[str]:
        """The first row, read as CSV: quoted names may hold delimiters and newlines."""
        with open(self.path, encoding=self.encoding, newline="") as handle:
            try:
                return next(csv.reader(handle, delimiter=self.delimiter, strict=True), [])
            except UnicodeDecodeError:
                raise self._not_encoded(1) from None
            except csv.Error as error:
                raise UnreadableInput(
                    f"{self.path}, line 1: the header is not readable as CSV ({error}); "
                    "check that it is a CSV export and that its quotes are balanced",
                    path=self.path,
                    line=1,
                ) from None

    def _not_encoded(self, line: int) -> UnreadableInput:
        return UnreadableInput(
            f"{self.path}, line {line}: the bytes are not {self.encoding}; "
            "pass the file's encoding, such as encoding='cp1252' (Excel on Windows) or 'latin-1'",
            path=self.path,
            line=line,
        )

    def rows(
        self, on_broken: OnBroken | None = None, single_line: Sequence[int] = ()
    ) -> Iterator[tuple[int, list[str]]]:
        """Each data row with the line it starts on; blank lines are skipped.

        A row that is not CSV is handed to ``on_broken(line, reason)`` (when
        given) instead, and reading goes on: a quote that is never closed, or
        whose closing is followed by text, is a broken row on the line where it
        opened, and the lines it swallowed are read again as rows of their own;
        so is a row that spans several lines and has not the header's number of
        fields, or holds a line break in one of the ``single_line`` columns (an
        id, a date, an amount: a stray quote closed by chance); a cell longer than
        :data:`CELL_LIMIT` characters breaks its row. A file cut inside a
        quoted field ends in a broken row, never in a shortened value.

        For a :class:`CsvPart`, the rows of that part only (raising
        :class:`MisalignedPart` if its end is not a row boundary, or if a row
        in it is broken: the caller then reads the file whole).
        """
        if self.part is not None:
            yield from self._part_rows(self.part)
            return
        with (
            open(self.path, encoding=self.encoding, newline="") as handle,
            open(self.path, encoding=self.encoding, newline="", errors="replace") as again,
        ):
            yield from self._rows(handle, on_broken, single_line, _Again(again))

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
            lines = _Lines(handle, part.start, self.encoding, self.path)
            rows = self._rows(lines, _misaligned, (), None, part.line, skip_header=part.start == 0)
            for line, row in rows:
                if lines.offset > part.end:
                    raise MisalignedPart(f"{self.path}: a row runs over byte {part.end}")
                yield line, row
                if lines.offset == part.end:
                    return

    def _rows(
        self,
        lines: Iterator[str],
        on_broken: OnBroken | None,
        single_line: Sequence[int],
        again: _Again | None,
        line: int = 1,
        *,
        skip_header: bool = True,
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of ``lines``, the first of which is ``line``; see :meth:`rows`.

        ``csv.reader`` reads ``lines`` straight; only a broken row costs more:
        ``again`` (a second handle on the file) gives the lines it swallowed,
        which are read again before the rest.
        """
        width = len(self.header)
        data_rows = 0
        while True:  # one reader for each stretch of rows between broken ones
            reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
            before = line - 1  # the line the reader's line_num counts from
            broken = ""
            try:
                for row in reader:
                    start, line = line, before + reader.line_num + 1
                    if skip_header:
                        skip_header = False
                        continue
                    if line - start > 1 and (
                        len(row) != width or any(_broken_line(row[at]) for at in single_line)
                    ):
                        line, broken = start, "ragged"
                        break
                    if not row or (len(row) == 1 and not row[0].strip()):
                        continue
                    data_rows += 1
                    yield start, row
            except csv.Error as error:
                broken = str(error)
            except UnicodeDecodeError:
                raise self._not_encoded(line) from None
            if not broken:
                break
            data_rows += 1
            end = before + reader.line_num + 1  # the line after the broken row
            reason, swallowed = _why(broken, end - line)
            if on_broken is not None:
                on_broken(line, reason)
            if swallowed and again is not None:
                lines = itertools.chain(again.lines(line + 1, end), lines)
                line += 1
            else:
                line = end
        if data_rows == 0 and self.part is None:
            raise UnreadableInput(
                f"{self.path}: the file has a header but no data rows", path=self.path
            )


def _why(error: str, spanned: int) -> tuple[str, bool]:
    """The reason a row is broken, and whether the lines after its first are read again.

    They are, unless the row broke on a cell over the size limit (its lines
    are then one long cell).
    """
    if "field larger than field limit" in error:
        return f"a cell is longer than {CELL_LIMIT:,} characters", False
    if error == "ragged":
        reason = f"a quoted field opened on this line runs over {spanned} lines"
    elif "unexpected end of data" in error:
        reason = "a quoted field opened on this line is never closed: the file may be cut"
    else:
        reason = f"a quote on this line is not where CSV allows it ({error})"
    if spanned > 1:
        reason += "; the lines after it are read as rows of their own"
    return reason, spanned > 1


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


class _Again:
    """A second, forward-only handle on a file: the lines a broken row swallowed, to read again."""

    __slots__ = ("_handle", "_kept", "_line")

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._kept: list[str] = []  # lines from _line - len(_kept) to _line - 1
        self._line = 1  # the line the handle reads next

    def lines(self, first: int, stop: int) -> list[str]:
        """Lines ``first`` to ``stop - 1``; ``first`` never goes back from one call to the next."""
        kept_from = self._line - len(self._kept)
        if first > kept_from:
            del self._kept[: min(first - kept_from, len(self._kept))]
        while self._line < stop:
            text = self._handle.readline()
            if not text:
                break
            if self._line >= first:
                self._kept.append(text)
            self._line += 1
        kept_from = self._line - len(self._kept)
        return self._kept[first - kept_from : stop - kept_from]


class _Lines:
    """Lines of a binary file from a byte offset, decoded, with the offset reached."""

    __slots__ = ("_decode", "_handle", "offset", "path")

    def __init__(self, handle: IO[bytes], offset: int, encoding: str, path: str) -> None:
        self._handle = handle
        self._decode = codecs.getdecoder(encoding)
        self.offset = offset
        self.path = path

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self._handle.readline()
        if not raw:
            raise StopIteration
        self.offset += len(raw)
        try:
            return self._decode(raw)[0]
        except UnicodeDecodeError:
            raise UnreadableInput(
                f"{self.path}: a line is not in the file's encoding; "
                "pass the file's encoding, such as encoding='cp1252' (Excel on Windows)",
                path=self.path,
            ) from None


def _broken_line(cell: str) -> bool:
    return "\n" in cell or "\r" in cell


def _misaligned(line: int, reason: str) -> None:
    raise MisalignedPart(f"line {line}: {reason}")
