"""Every built-in adapter passes the conformance suite third-party adapters run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smarketing.adapters.csv import CsvAdapter
from smarketing.adapters.hubspot import HubSpotAdapter
from smarketing.adapters.records import RecordsAdapter
from smarketing.reading import Adapter
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
