"""Every built-in adapter passes the conformance suite third-party adapters run."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from smarketing.adapters.csv import CsvAdapter
from smarketing.adapters.hubspot import HubSpotAdapter
from smarketing.adapters.records import RecordsAdapter
from smarketing.adapters.sql import SqlAdapter
from smarketing.pipeline.reading import Adapter
from smarketing.testing import AdapterContract

FIXTURES = Path(__file__).parent / "fixtures"


class TestCsvAdapter(AdapterContract):
    @pytest.fixture
    def adapter(self) -> Adapter:
        return CsvAdapter()

    @pytest.fixture
    def leads_source(self) -> Any:
        return FIXTURES / "csv" / "french-excel.csv"

    @pytest.fixture
    def spend_source(self) -> Any:
        return FIXTURES / "spend" / "spend.csv"

    @pytest.fixture
    def options(self) -> dict[str, Any]:
        return {
            "encoding": "cp1252",
            "day_first": True,
            "decimal_comma": True,
            "mapping": {"id": "Identifiant", "created": "Date de création", "source": "Origine"},
            "spend_mapping": {"date": "Date", "source": "Source", "amount": "Amount"},
        }


class TestHubSpotAdapter(AdapterContract):
    @pytest.fixture
    def adapter(self) -> Adapter:
        return HubSpotAdapter()

    @pytest.fixture
    def leads_source(self) -> Any:
        return str(FIXTURES / "hubspot" / "contacts-all-properties.csv")

    @pytest.fixture
    def deals_source(self) -> Any:
        return str(FIXTURES / "hubspot" / "deals.csv")


class TestRecordsAdapter(AdapterContract):
    @pytest.fixture
    def adapter(self) -> Adapter:
        return RecordsAdapter()

    @pytest.fixture
    def leads_source(self) -> Any:
        return [
            {"id": "L1", "created": "2026-11-02 09:00", "source": "Paid Search"},
            {"id": "L2", "created": "yesterday"},
        ]

    @pytest.fixture
    def deals_source(self) -> Any:
        return [{"id": "D1", "lead_ids": "L1", "amount": "100", "status": "won"}]

    @pytest.fixture
    def spend_source(self) -> Any:
        return [
            {"month": "2026-11", "source": "Paid Search", "amount": "3000"},
            {"day": "2026-11-03", "source": "Paid Search", "amount": "-5"},
        ]


class TestSqlAdapter(AdapterContract):
    """The sql adapter over a SQLite file made here: leads, deals and spend tables."""

    @pytest.fixture
    def adapter(self) -> Adapter:
        return SqlAdapter()

    @pytest.fixture
    def database(self, tmp_path: Path) -> str:
        path = tmp_path / "crm.db"
        with sqlite3.connect(path) as connection:
            connection.executescript(
                """
                CREATE TABLE leads (lead_id TEXT, created TEXT, origin TEXT, region TEXT);
                INSERT INTO leads VALUES
                    ('L1', '2026-11-02 09:00', 'Paid Search', 'emea'),
                    ('L2', 'yesterday', 'Organic Search', 'amer'),
                    ('L3', '2026-11-04T10:30:00', NULL, NULL);
                CREATE TABLE deals (deal_id TEXT, lead_id TEXT, amount REAL, status TEXT);
                INSERT INTO deals VALUES ('D1', 'L1', 1200.5, 'won'), ('D2', 'L3', -5, 'lost');
                CREATE TABLE spend (month TEXT, channel TEXT, cost TEXT);
                INSERT INTO spend VALUES ('2026-11', 'Paid Search', '3000'),
                    ('2026-13', 'Paid Search', '10');
                """
            )
        connection.close()
        return f"sqlite:///{path}"

    @pytest.fixture
    def leads_source(self, database: str) -> Any:
        return database

    @pytest.fixture
    def deals_source(self, database: str) -> Any:
        return database

    @pytest.fixture
    def spend_source(self, database: str) -> Any:
        return database

    @pytest.fixture
    def options(self) -> dict[str, Any]:
        return {
            "table": "leads",
            "mapping": {
                "id": "lead_id",
                "created": "created",
                "source": "origin",
                "segments.region": "region",
            },
            "deals_table": "deals",
            "deals_mapping": {
                "id": "deal_id",
                "lead_ids": "lead_id",
                "amount": "amount",
                "status": "status",
            },
            "spend_table": "spend",
            "spend_mapping": {"month": "month", "source": "channel", "amount": "cost"},
        }
