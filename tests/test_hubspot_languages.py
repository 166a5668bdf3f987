"""HubSpot exports in other languages, and what the hubspot adapter says of what it cannot read."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smarketing import (
    UNKNOWN_SOURCE,
    Deal,
    DealStatus,
    Finding,
    InputError,
    Lead,
    Period,
    collect_actuals,
    read,
)
from smarketing.adapters._fields import Settings, deal_status
from smarketing.adapters._hubspot_labels import DEAL_STAGE_LABELS, LOST_WORDS, WON_WORDS
from smarketing.measuring.findings import FindingsCollector
from smarketing.parsing import fold
from tests.strategies import HUBSPOT_FUNNEL, respelled, unknown_stages

HUBSPOT = Path(__file__).parent / "fixtures" / "hubspot"
CONTACTS = HUBSPOT / "contacts-all-properties.csv"
DEALS = HUBSPOT / "deals.csv"
FR_CONTACTS = HUBSPOT / "fr-contacts.csv"
FR_DEALS = HUBSPOT / "fr-deals.csv"
NOVEMBER = Period.month(2026, 11)


def test_a_contacts_export_given_as_deals_is_refused() -> None:
    """A contacts export passed as deals would make every deal open: refused, with what to do."""
    reading = read("hubspot", CONTACTS, deals=CONTACTS)
    with pytest.raises(InputError) as caught:
        list(reading.deals())
    message = str(caught.value)
    assert str(CONTACTS) in message
    assert "this looks like a contacts export" in message
    assert "Lifecycle Stage" in message
    assert "no Deal Stage" in message
    assert "pass it as leads" in message
    assert caught.value.path == str(CONTACTS)


def test_a_deals_export_given_as_leads_is_refused() -> None:
    with pytest.raises(InputError, match=r"this looks like a deals export.*pass it as deals"):
        list(read("hubspot", DEALS).leads())
    with pytest.raises(InputError, match="looks like a deals export"):
        list(read("hubspot", FR_DEALS).leads())
    with pytest.raises(InputError, match="looks like a contacts export"):
        list(read("hubspot", FR_CONTACTS, deals=FR_CONTACTS).deals())


def test_french_column_labels_are_read() -> None:
    reading = read("hubspot", FR_CONTACTS, deals=FR_DEALS)
    leads = {lead.id: lead for lead in reading.leads()}
    assert reading.report.leads is not None
    assert reading.report.leads.rejected == 0
    first = leads["201"]
    assert first.created == datetime(2026, 11, 2, 9, 0)
    assert first.source == "organic search"  # "Recherche naturelle"
    assert first.owner == "Léa Vendeuse"
    assert first.handoff == datetime(2026, 11, 2, 9, 30)
    assert first.stage_times == {
        "lead": datetime(2026, 11, 2, 9, 0),
        "marketingqualifiedlead": datetime(2026, 11, 2, 9, 20),
        "customer": datetime(2026, 11, 16, 10, 0),
    }
    assert leads["202"].source == "paid search"
    assert leads["203"].source == "organic social"
    assert leads["204"].source is None
    deals = {deal.id: deal for deal in reading.deals()}
    assert (deals["9101"].status, deals["9101"].amount, deals["9101"].lead_ids) == (
        DealStatus.WON,
        Decimal(12500),
        ("201",),
    )
    assert deals["9101"].closed == datetime(2026, 11, 16, 10, 0)
    assert deals["9102"].status is DealStatus.LOST
    assert deals["9105"].status is DealStatus.OPEN  # "Contrat envoyé", a default stage


def test_labels_of_other_languages(tmp_path: Path) -> None:
    exports = {
        "de": ("Datensatz-ID", "Erstellungsdatum", "Deal-Phase", "Betrag", "Abschlussdatum",
               "Abgeschlossen und gewonnen"),
        "es": ("ID de registro", "Fecha de creación", "Etapa del negocio", "Importe",
               "Fecha de cierre", "Cerrado ganado"),
        "pt": ("ID do registro", "Data de criação", "Fase do negócio", "Valor",
               "Data de fechamento", "Fechado ganho"),
        "it": ("ID record", "Data di creazione", "Fase della trattativa", "Importo",
               "Data di chiusura", "Chiuso vinto"),
        "nl": ("Record-ID", "Aanmaakdatum", "Dealfase", "Bedrag", "Sluitingsdatum",
               "Gesloten gewonnen"),
        "ja": ("レコードID", "作成日", "取引ステージ", "金額", "クローズ日", "成立"),
    }  # fmt: skip
    for language, (record_id, created, stage, amount, closed, won) in exports.items():
        contacts = tmp_path / f"{language}-contacts.csv"
        contacts.write_text(f"{record_id},{created}\n1,2026-11-02 09:00\n", encoding="utf-8")
        deals = tmp_path / f"{language}-deals.csv"
        deals.write_text(
            f"{record_id},{stage},{amount},{closed}\n7,{won},100,2026-11-20 10:00\n",
            encoding="utf-8",
        )
        reading = read("hubspot", contacts, deals=deals)
        (lead,) = reading.leads()
        assert lead.created == datetime(2026, 11, 2, 9, 0), language
        (deal,) = reading.deals()
        assert (deal.status, deal.amount, deal.closed) == (
            DealStatus.WON,
            Decimal(100),
            datetime(2026, 11, 20, 10, 0),
        ), language


def test_any_column_can_be_mapped_by_hand(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Mon ID,Créé le,Origine\n1,2026-11-02 09:00,Recherche payante\n")
    deals = tmp_path / "deals.csv"
    deals.write_text("Numéro,Étape,Valeur,Contact\n7,Fermé gagné,100,1\n")
    options = {
        "columns": {"id": "Mon ID", "created": "Créé le", "source": "Origine"},
        "deal_columns": {"id": "Numéro", "stage": "Étape", "amount": "Valeur",
                         "lead_ids": "Contact"},
    }  # fmt: skip
    reading = read("hubspot", contacts, deals=deals, options=options)
    (lead,) = reading.leads()
    assert (lead.id, lead.source) == ("1", "paid search")
    (deal,) = reading.deals()
    assert (deal.status, deal.lead_ids) == (DealStatus.WON, ("1",))
    # a hand mapping wins over the labels found, and names a column that must be there
    mistyped = {**options["columns"], "id": "Mon Identifiant"}
    with pytest.raises(InputError, match="lacks the mapped column 'Mon Identifiant'"):
        list(read("hubspot", contacts, options={"columns": mistyped}).leads())


def test_french_deal_stages_count_as_won_and_lost() -> None:
    """The issue: "Fermé gagné" was an open deal, won 0 and revenue 0 for every source."""
    reading = read("hubspot", FR_CONTACTS, deals=FR_DEALS)
    actuals = collect_actuals(
        reading.leads(), reading.deals(), funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 30)
    )
    won = actuals.won_in(NOVEMBER)
    assert (won.deals, won.revenue) == (2, Decimal(16700))
    assert sum(actuals.lost_reasons_in(NOVEMBER).values()) == 1


def test_unknown_deal_stages_are_a_finding_with_their_values() -> None:
    reading = read("hubspot", FR_CONTACTS, deals=FR_DEALS)
    actuals = collect_actuals(
        reading.leads(), reading.deals(), funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 30)
    )
    assert actuals.findings.counts[Finding.UNKNOWN_DEAL_STAGE] == 1
    assert actuals.findings.ids[Finding.UNKNOWN_DEAL_STAGE] == ("9104",)
    assert actuals.findings.values[Finding.UNKNOWN_DEAL_STAGE] == {"Négociation": 1}
    # a stage listed in open_values is a known open stage
    reading = read("hubspot", FR_CONTACTS, deals=FR_DEALS, options={"open_values": ["négociation"]})
    actuals = collect_actuals(
        reading.leads(), reading.deals(), funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 30)
    )
    assert Finding.UNKNOWN_DEAL_STAGE not in actuals.findings.counts


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        ("closedwon", DealStatus.WON),
        ("Closed Won", DealStatus.WON),
        ("Fermé gagné", DealStatus.WON),
        ("FERMÉ PERDU", DealStatus.LOST),
        ("Cerrado perdido", DealStatus.LOST),
        ("Abgeschlossen und verloren", DealStatus.LOST),
        ("appointmentscheduled", DealStatus.OPEN),
        ("Decision Maker Bought-In", DealStatus.OPEN),
        ("Rendez-vous programmé", DealStatus.OPEN),
        ("open", DealStatus.OPEN),
        ("Négociation", DealStatus.UNKNOWN),
        ("stage 42", DealStatus.UNKNOWN),
    ],
)
def test_deal_status_of_a_stage(stage: str, status: DealStatus) -> None:
    assert deal_status(stage, Settings()) is status


@given(st.sampled_from(sorted(DEAL_STAGE_LABELS)).flatmap(lambda label: st.tuples(
    st.just(label), respelled(label))))  # fmt: skip
def test_every_known_stage_label_reads_in_any_spelling(labels: tuple[str, str]) -> None:
    label, spelled = labels
    assert deal_status(spelled, Settings()) is DealStatus(DEAL_STAGE_LABELS[label])


@given(unknown_stages)
def test_any_other_stage_is_unknown_until_listed(stage: str) -> None:
    """A stage is won, lost, open (known or listed) or unknown: never silently open.

    A value the user lists (``open_values``, ``won_values``) wins over the built-in labels.
    """
    words = set(fold(stage).split())
    known = fold(stage) in DEAL_STAGE_LABELS or words & (WON_WORDS | LOST_WORDS)
    status = deal_status(stage, Settings())
    if not known:
        assert status is DealStatus.UNKNOWN
    assert deal_status(stage, Settings(open_values=[stage])) is DealStatus.OPEN
    assume(fold(stage.upper()) == fold(stage))  # fold() lowers: "\u0149".upper() is 2 letters
    assert deal_status(stage, Settings(won_values=[stage.upper()])) is DealStatus.WON


def test_leads_created_after_as_of_are_a_finding() -> None:
    leads = [
        Lead("L1", datetime(2026, 11, 2, 9, 0)),
        Lead("L2", datetime(2099, 1, 5, 12, 0)),
        Lead("L3", datetime(2099, 6, 1, 12, 0)),
    ]
    actuals = collect_actuals(leads, funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 30))
    assert (actuals.leads, actuals.leads_after_as_of) == (1, 2)
    assert actuals.findings.counts[Finding.LEAD_AFTER_AS_OF] == 2


def test_a_blank_source_is_kept_apart_from_a_source_named_unknown() -> None:
    leads = [
        Lead("L1", datetime(2026, 11, 2, 9, 0), source="unknown"),
        Lead("L2", datetime(2026, 11, 3, 9, 0)),
        Lead("L3", datetime(2026, 11, 4, 9, 0)),
    ]
    deals = [Deal("D1", lead_ids="nobody", status="won", amount=Decimal(5),
                  closed=datetime(2026, 11, 5))]  # fmt: skip
    actuals = collect_actuals(leads, deals, funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 30))
    assert UNKNOWN_SOURCE == "(no source)"
    assert actuals.by_source("lead", NOVEMBER) == {"unknown": 1, "(no source)": 2}
    assert actuals.won_in(NOVEMBER, source="(no source)").deals == 1


def test_a_huge_lead_response_time_is_a_rejection(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Record ID,Create Date,Owner Assigned Date,Lead response time\n"
        "1,2026-11-02 09:00,2026-11-02 10:00,99999999999999999999\n"
        "2,2026-11-02 09:00,2026-11-02 10:00,1728000000\n"  # 20 days: slow, but real
        "3,2026-11-02 09:00,2026-11-02 10:00,316224000001\n"  # more than ten years
    )
    reading = read("hubspot", path)
    leads = {lead.id: lead for lead in reading.leads()}
    assert list(leads) == ["2"]
    assert leads["2"].first_touch == datetime(2026, 11, 22, 10, 0)
    report = reading.report.leads
    assert report is not None
    assert [(r.line, r.column) for r in report.rejections] == [
        (2, "Lead response time"),
        (4, "Lead response time"),
    ]
    assert "ten years" in report.rejections[1].reason


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args], capture_output=True, text=True, check=False
    )


def test_report_on_a_french_export(tmp_path: Path) -> None:
    """End to end: French exports in, won revenue counted, every finding said."""
    config = tmp_path / "sla.toml"
    config.write_text(
        f"""
[funnel]
preset = "hubspot"
rates = [0.5, 0.5, 0.4, 0.25]

[sla]
leads = 3

[input]
adapter = "hubspot"
leads = "{FR_CONTACTS}"
deals = "{FR_DEALS}"
""",
        encoding="utf-8",
    )
    result = run("report", "--config", str(config), "--period", "2026-11", "--as-of",
                 "2026-11-30", "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    sources = {source["source"]: source for source in report["sources"]}
    assert sources["organic search"]["won_revenue"] == "12500.00"
    assert sources["organic social"]["won_revenue"] == "4200.00"
    assert sum(source["won_deals"] for source in report["sources"]) == 2
    assert "(no source)" in sources
    assert report["findings"]["counts"]["lead_after_as_of"] == 1
    assert report["findings"]["counts"]["unknown_deal_stage"] == 1
    assert report["findings"]["values"]["unknown_deal_stage"] == {"Négociation": 1}
    text = run("report", "--config", str(config), "--period", "2026-11", "--as-of",
               "2026-11-30", "--lang", "fr")  # fmt: skip
    assert text.returncode == 0, text.stderr
    assert "Négociation" in text.stdout


def test_a_deals_export_with_pipeline_dates_is_still_a_deals_export(tmp_path: Path) -> None:
    """Deals have "Date entered ... (Sales Pipeline)" columns: no lifecycle stage dates."""
    path = tmp_path / "deals.csv"
    path.write_text(
        'Record ID,Deal Stage,Create Date,"Date entered ""Closed Won (Sales Pipeline)"""\n'
        "7,Closed Won,2026-11-02 09:00,2026-11-20 10:00\n"
    )
    with pytest.raises(InputError, match="looks like a deals export"):
        list(read("hubspot", path).leads())
    reading = read("hubspot", CONTACTS, deals=path)
    assert [deal.status for deal in reading.deals()] == [DealStatus.WON]


def test_an_unknown_status_of_a_csv_deals_file_is_reported(tmp_path: Path) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("Lead,Created\nA,2026-11-02\n")
    deals = tmp_path / "deals.csv"
    deals.write_text("Deal,Lead,Status\nD1,A,pending\nD2,A,won\nD3,A,open\n")
    options = {
        "mapping": {"id": "Lead", "created": "Created"},
        "deals_mapping": {"id": "Deal", "lead_ids": "Lead", "status": "Status"},
    }
    reading = read("csv", leads, deals=deals, options=options)
    actuals = collect_actuals(reading.leads(), reading.deals(), funnel=HUBSPOT_FUNNEL)
    assert actuals.findings.counts[Finding.UNKNOWN_DEAL_STAGE] == 1
    assert actuals.findings.values[Finding.UNKNOWN_DEAL_STAGE] == {"(status)": 1}


@pytest.mark.parametrize(
    ("column", "value", "source"),
    [
        ("Source d'origine", "Trafic direct", "direct traffic"),
        ("Ursprüngliche Quelle", "Organische Suche", "organic search"),
        ("Ursprüngliche Quelle", "Bezahlte Social Media", "paid social"),
        ("Fonte originale", "Ricerca a pagamento", "paid search"),
        ("Fonte di traffico originale", "Traffico diretto", "direct traffic"),
        ("Original Traffic Source", "Organic Search", "organic search"),
    ],
)
def test_original_source_in_other_languages(
    tmp_path: Path, column: str, value: str, source: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(f"Record ID,Create Date,{column}\n1,2026-11-02 09:00,{value}\n")
    (lead,) = read("hubspot", path).leads()
    assert lead.source == source


@given(
    st.lists(
        st.tuples(st.text("0123456789", min_size=1, max_size=4), st.sampled_from("abcN")),
        max_size=30,
    ),
    st.integers(0, 30),
    st.sampled_from([None, 2, 1000]),
)
def test_finding_values_merge_as_if_collected_at_once(
    deals: list[tuple[str, str]], cut: int, limit: int | None
) -> None:
    """Values counted in two parts and merged are those counted in one."""
    whole, first, second = (FindingsCollector(limit) for _ in range(3))
    for index, (deal_id, stage) in enumerate(deals):
        whole.add_value(Finding.UNKNOWN_DEAL_STAGE, deal_id, stage)
        (first if index < cut else second).add_value(Finding.UNKNOWN_DEAL_STAGE, deal_id, stage)
    merged = first.freeze().merge(second.freeze())
    expected = whole.freeze()
    assert merged.counts == expected.counts
    if limit is None or len({stage for _, stage in deals}) <= limit:
        assert merged.values == expected.values
        assert sum(merged.values.get(Finding.UNKNOWN_DEAL_STAGE, {}).values()) == len(deals)
