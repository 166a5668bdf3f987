"""Large HubSpot-style exports made from the demo files, for tests of long runs."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

DEMO = Path(str(files("smarketing.demo")))


def _copy(name: str, target: Path, copies: int, ids: tuple[str, ...]) -> Path:
    with (DEMO / name).open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    columns = [header.index(column) for column in ids]
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for copy in range(copies):
            for row in rows:
                row = list(row)
                for column in columns:
                    row[column] = ";".join(f"{copy}{value}" for value in row[column].split(";"))
                writer.writerow(row)
    return target


def big_export(folder: Path, contacts: int = 60, deals: int = 1200) -> tuple[Path, Path, Path]:
    """Contacts and deals (the demo's, ``contacts`` and ``deals`` times over) and a config."""
    folder.mkdir(parents=True, exist_ok=True)
    leads = _copy("hubspot-contacts.csv", folder / "contacts.csv", contacts, ("Record ID",))
    ids = ("Record ID", "Associated Contact IDs")
    deals_path = _copy("hubspot-deals.csv", folder / "deals.csv", deals, ids)
    config = (DEMO / "smarketing.toml").read_text(encoding="utf-8")
    config = config.replace('"hubspot-contacts.csv"', '"contacts.csv"')
    config = config.replace('"hubspot-deals.csv"', '"deals.csv"')
    path = folder / "smarketing.toml"
    path.write_text(config, encoding="utf-8")
    return leads, deals_path, path
