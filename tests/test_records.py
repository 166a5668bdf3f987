"""Lead and Deal records refuse what they cannot use, naming the record and the field."""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import Deal, DealStatus, InvalidRecord, Lead, SmarketingError

T = datetime(2026, 11, 2, 9)


@pytest.mark.parametrize(
    ("fields", "words", "field"),
    [
        ({"id": ""}, "a lead needs an id", None),
        ({"id": 7}, "a lead needs an id", None),
        ({"created": date(2026, 11, 2)}, "'L1': created must be a datetime, got date", "created"),
        ({"created": "2026-11-02"}, "created must be a datetime, got str", "created"),
        ({"stages": {"customer": "yesterday"}}, r"stages\['customer'\] must be a datetime", None),
        ({"stages": {"": T}}, "a stage name must be non-empty", "stages"),
        ({"touches": [T, None]}, r"touches\[1\] must be a datetime", "touches[1]"),
        ({"touch_count": -1}, "touch_count must be an int of 0 or more", "touch_count"),
        ({"lost": "yes"}, "lost must be True or False", "lost"),
        ({"source": 3}, "source must be text or None", "source"),
        ({"segments": {"Email": "x@y.z"}}, "would carry personal data", "segments"),
        ({"segments": {"phone_number": "1"}}, "would carry personal data", "segments"),
    ],
)
def test_bad_leads(fields: dict[str, Any], words: str, field: str | None) -> None:
    arguments: dict[str, Any] = {"id": "L1", "created": T, **fields}
    with pytest.raises(InvalidRecord, match=words) as raised:
        Lead(**arguments)
    assert isinstance(raised.value, SmarketingError)
    assert isinstance(raised.value, ValueError)
    if field is not None:
        assert raised.value.field == field
        assert raised.value.record_id == "L1"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"id": None}, "a deal needs an id"),
        ({"amount": Decimal(-1)}, "'D1': amount must be 0 or more, got -1"),
        ({"amount": 12.5}, "amount must be a finite Decimal"),
        ({"amount": Decimal("NaN")}, "amount must be a finite Decimal"),
        ({"status": "pending"}, "status must be one of open, won, lost"),
        ({"closed": "2026-11-02"}, "closed must be a datetime"),
        ({"lead_ids": ("L1", "")}, "lead ids must be non-empty text"),
    ],
)
def test_bad_deals(fields: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidRecord, match=words):
        Deal(**{"id": "D1", **fields})


def test_records_hold_their_input_immutably() -> None:
    stages = {"marketingqualifiedlead": T}
    lead = Lead("L1", T, stages=stages, segments={"region": "emea"})
    stages["customer"] = T  # changing the caller's dict does not change the record
    assert lead.stage_times == {"marketingqualifiedlead": T}
    assert lead.segment("region") == "emea"
    assert lead.segment("persona") is None
    assert Deal("D1", lead_ids="L1", status="won").status is DealStatus.WON
    assert Deal("D1", lead_ids=["L1", "L2"]).lead_ids == ("L1", "L2")


def test_record_errors_survive_pickling() -> None:
    """Errors cross process boundaries (a split pass) with their context."""
    with pytest.raises(InvalidRecord) as raised:
        Lead("L9", "soon")  # type: ignore[arg-type]
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (str(copy), copy.record_id, copy.field) == (str(raised.value), "L9", "created")


def test_lead_has_no_personal_fields() -> None:
    import attrs

    names = {field.name for field in attrs.fields(Lead)} | {
        field.name for field in attrs.fields(Deal)
    }
    assert not names & {"name", "email", "phone", "address", "first_name", "last_name"}


def test_trusted_lead_sets_every_field_of_lead() -> None:
    """The adapters' checked-once constructor sets exactly Lead's fields."""
    import attrs

    from smarketing.records import trusted_lead

    lead = trusted_lead({"id": "L1", "created": T}, {"lead": T}, {"region": "emea"})
    for field in attrs.fields(Lead):
        getattr(lead, field.name)  # every slot is set
    assert lead == Lead("L1", T, stages={"lead": T}, segments={"region": "emea"})


@given(
    st.fixed_dictionaries(
        {"id": st.sampled_from(["D1", "D-2"])},
        optional={
            "lead_ids": st.lists(st.sampled_from(["L1", "L2"]), max_size=2).map(tuple),
            "amount": st.decimals(allow_nan=True, allow_infinity=True, places=2),
            "currency": st.just("EUR"),
            "closed": st.just(T),
            "status": st.sampled_from(list(DealStatus)),
            "stage": st.just("Closed won"),
            "source": st.none() | st.just("partner"),
        },
    )
)
def test_trusted_deal_is_a_deal_or_the_same_refusal(values: dict[str, object]) -> None:
    """The adapters' checked-once deal constructor agrees with Deal, refusals included."""
    from smarketing.records import trusted_deal

    try:
        expected = Deal(**values)  # type: ignore[arg-type]
    except InvalidRecord as error:
        with pytest.raises(InvalidRecord, match=re.escape(str(error))):
            trusted_deal(values)
    else:
        assert trusted_deal(values) == expected
