"""Labels in English and French, and numbers and money written the way each language writes them.

English: ``1,234.56``, ``€1,234.56``, ``50.7%``. French: ``1 234,56``
(narrow no-break space between thousands), ``1 234,56 €`` and ``50,7 %``
(no-break space before the sign).
"""

from __future__ import annotations

from decimal import Decimal

from smarketing.reporting.figures import half_up, percent_of, quotient

__all__ = ["Words"]

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$", "AUD": "A$"}

_LABELS: dict[str, tuple[str, str]] = {
    "plan": ("Plan", "Plan"),
    "sla_report": ("SLA report", "Rapport SLA"),
    "period": ("Period", "Période"),
    "as_of": ("as of", "au"),
    "no_period": ("no period", "sans période"),
    "objective": ("Objective", "Objectif"),
    "revenue_goal": ("Revenue goal", "Objectif de chiffre d'affaires"),
    "marketing_share": ("Marketing share", "Part du marketing"),
    "marketing_revenue_goal": ("Marketing revenue goal", "Objectif de CA du marketing"),
    "average_sale": ("Average sale", "Vente moyenne"),
    "close_rate": ("Close rate (lead to customer)", "Taux de conversion (lead à client)"),
    "customers_needed": ("Customers needed", "Clients nécessaires"),
    "leads_needed": ("Leads needed", "Leads nécessaires"),
    "visitors_needed": ("Visitors needed", "Visiteurs nécessaires"),
    "lead_value": ("Lead value", "Valeur d'un lead"),
    "lead_value_goal": ("Lead value goal", "Objectif en valeur de leads"),
    "rounding": ("Rounding", "Arrondi"),
    "funnel": ("Funnel", "Entonnoir"),
    "stage": ("Stage", "Étape"),
    "owner": ("Owner", "Responsable"),
    "needed": ("Needed", "Nécessaires"),
    "rate_to_next": ("Rate to next", "Taux vers la suivante"),
    "sources": ("Lead sources", "Sources de leads"),
    "source": ("Source", "Source"),
    "share": ("Share", "Part"),
    "leads": ("Leads", "Leads"),
    "customers": ("Customers", "Clients"),
    "spend": ("Spend", "Dépense"),
    "cost_per_lead": ("Cost/lead", "Coût/lead"),
    "cost_per_customer": ("Cost/customer", "Coût/client"),
    "roi": ("ROI", "ROI"),
    "months": ("By month", "Par mois"),
    "month": ("Month", "Mois"),
    "leads_due": ("Leads due in", "Leads dus en"),
    "marketing": ("Marketing commitment", "Engagement du marketing"),
    "goal": ("Goal", "Objectif"),
    "actual": ("Actual", "Réalisé"),
    "attainment": ("Attainment", "Atteinte"),
    "pacing": ("Pacing", "Rythme"),
    "expected_to_date": ("Expected by now", "Attendu à date"),
    "projected_end": ("Projected end", "Projection fin de période"),
    "needed_per_day": ("Needed per remaining day", "Nécessaire par jour restant"),
    "days": ("days", "jours"),
    "status": ("Status", "Statut"),
    "followup": ("Sales follow-up", "Suivi commercial"),
    "speed": ("Speed", "Rapidité"),
    "depth": ("Depth", "Insistance"),
    "met": ("Met", "Tenus"),
    "breached": ("Breached", "Manqués"),
    "pending": ("Pending", "En cours"),
    "handed_off": ("Handed off", "Transmis"),
    "target": ("target", "cible"),
    "by_owner": ("By owner", "Par commercial"),
    "breaches": ("Do-not-be-on-it list", "Liste des leads en souffrance"),
    "breach_count": ("breaches", "manquements"),
    "lead": ("Lead", "Lead"),
    "clause": ("Clause", "Clause"),
    "handoff": ("Handed off", "Transmis le"),
    "deadline": ("Deadline", "Échéance"),
    "first_touch": ("First touch", "Premier contact"),
    "touches": ("Touches", "Contacts"),
    "won_deals": ("Won", "Gagnés"),
    "won_revenue": ("Revenue", "CA"),
    "cohort": ("Cohort", "Cohorte"),
    "entries": ("In period", "Dans la période"),
    "median": ("Median", "Médiane"),
    "p90": ("90th pct", "9e décile"),
    "cost_and_return": ("Cost and return by source", "Coût et retour par source"),
    "same_period": ("same period", "même période"),
    "lost_reasons": ("Lost reasons", "Motifs de perte"),
    "reason": ("Reason", "Motif"),
    "count": ("Count", "Nombre"),
    "findings": ("Data quality", "Qualité des données"),
    "finding": ("Finding", "Constat"),
    "examples": ("Examples", "Exemples"),
    "no_findings": ("No problem found.", "Aucun problème relevé."),
    "input": ("Input", "Entrées"),
    "rows_read": ("rows read", "lignes lues"),
    "records": ("records", "enregistrements"),
    "rejected": ("rejected", "rejetées"),
    "response_time": ("Response time", "Délai de réponse"),
    "none": ("none", "aucun"),
    "more": ("and {n} more", "et {n} de plus"),
    "breaches_all": (
        "{count} breaches, all listed below",
        "{count} manquements, tous listés ci-dessous",
    ),
    "breaches_some": (
        "{count} breaches; {shown} listed below (the earliest hand-offs), {hidden} not listed",
        "{count} manquements ; {shown} listés ci-dessous (les plus anciennes transmissions), "
        "{hidden} non listés",
    ),
    "breaches_file": (
        "The full list: smarketing report --breaches FILE (CSV).",
        "La liste complète : smarketing report --breaches FICHIER (CSV).",
    ),
    "sources_some": (
        "{shown} of {count} sources shown (spend given, then the most leads); the other "
        "{hidden}: {leads} leads, {won} won deals, {revenue} revenue",
        "{shown} sources sur {count} affichées (avec dépense, puis le plus de leads) ; les "
        "{hidden} autres : {leads} leads, {won} affaires gagnées, {revenue} de CA",
    ),
    "owners_some": (
        "{shown} of {count} owners shown (the most leads handed off); the other {hidden}: {parts}",
        "{shown} responsables sur {count} affichés (le plus de leads transmis) ; les {hidden} "
        "autres : {parts}",
    ),
    "clause_met_of": ("{clause} met {met}/{decided}", "{clause} tenus {met}/{decided}"),
    "lost_not_listed": (
        "{n} more lost deals and leads in the sources not listed",
        "{n} affaires et leads perdus de plus dans les sources non listées",
    ),
    "rows_some": (
        "{shown} of {count} rows shown (the largest counts)",
        "{shown} lignes sur {count} affichées (les plus grands nombres)",
    ),
    "chart_pacing": (
        "Pacing: cumulative against the ideal line",
        "Rythme : cumul face à la ligne idéale",
    ),
    "chart_funnel": ("Funnel by stage", "Entonnoir par étape"),
    "chart_sources": ("Attainment by source", "Atteinte par source"),
    "chart_value": ("Lead value by source", "Valeur des leads par source"),
    "ideal": ("ideal", "idéal"),
    "measured": ("The four metrics measured back", "Les quatre indicateurs mesurés"),
    "metric": ("Metric", "Indicateur"),
    "revenue_won": ("Revenue won", "CA gagné"),
    "revenue_won_from_leads": (
        "Revenue won from marketing's leads",
        "CA gagné sur les leads du marketing",
    ),
    "win_rate": ("Win rate", "Taux de gain"),
    "open_pipeline": ("Open pipeline (deals · amount)", "Pipeline ouvert (affaires · montant)"),
    "median_sales_cycle": (
        "Median sales cycle (lead to won)",
        "Cycle de vente médian (lead à gagné)",
    ),
    "measured_counts": (
        "Deals won: {won} ({from_leads} from marketing's leads); lost: {lost}. "
        "Customers so far among the {leads} leads created in the period: {customers}.",
        "Affaires gagnées : {won} ({from_leads} sur des leads du marketing) ; perdues : {lost}. "
        "Clients à ce jour parmi les {leads} leads créés dans la période : {customers}.",
    ),
    "pipeline_as_of": (
        "Pipeline: the deals open on {day}.",
        "Pipeline : les affaires ouvertes au {day}.",
    ),
    "trend": ("Trend: the periods before", "Tendance : les périodes précédentes"),
    "trend_note": (
        "Empty: before the first day with data. No goal: none given for that period.",
        "Vide : avant le premier jour de données. Sans objectif : aucun donné pour cette période.",
    ),
    "no_data_yet": ("no data yet", "pas encore de données"),
    "no_goal": ("no goal", "sans objectif"),
    "serves_revenue_of": (
        "The leads due in this period serve the revenue of",
        "Les leads dus sur cette période servent le chiffre d'affaires de",
    ),
    "outside_plan": (
        "Leads that would serve revenue after the objective (no goal)",
        "Leads qui serviraient un chiffre d'affaires après l'objectif (sans objectif)",
    ),
    "due_before_objective": (
        "Leads of the objective's first months, due before it started",
        "Leads des premiers mois de l'objectif, dus avant son début",
    ),
    "handoff_rate": ("Hand-off → next (cohort)", "Transmission → suivante (cohorte)"),
    "chart_trend_leads": (
        "Leads by period, against the goal",
        "Leads par période, face à l'objectif",
    ),
    "chart_trend_revenue": ("Revenue won by period", "CA gagné par période"),
    "unknown": ("unknown", "inconnue"),
    # data-quality findings (smarketing.measuring.findings.Finding), read by Words.finding
    "finding_unknown_deal_stage": (
        "Deal stage neither won, lost nor a known open stage (counted as open)",
        "Étape de transaction ni gagnée, ni perdue, ni ouverte connue (comptée ouverte)",
    ),
    "finding_lead_after_as_of": (
        "Leads created after the as-of date (left out)",
        "Leads créés après la date d'arrêté (écartés)",
    ),
    "source_leads_note": (
        "The sources' leads add up to {total}, not the {needed} leads needed: each source "
        "has its own close rate (and average sale), while the leads needed use the "
        "objective's close rate.",
        "Les leads des sources totalisent {total}, et non les {needed} leads nécessaires : "
        "chaque source a son propre taux de conversion (et sa vente moyenne), alors que les "
        "leads nécessaires suivent le taux de conversion de l'objectif.",
    ),
    # statuses
    "ahead": ("AHEAD", "EN AVANCE"),
    "on_track": ("ON TRACK", "DANS LES TEMPS"),
    "behind": ("BEHIND", "EN RETARD"),
    "missed": ("MISSED", "MANQUÉ"),
    "met_ahead": ("MET, AHEAD", "TENU, EN AVANCE"),
    "not_started": ("NOT STARTED", "PAS COMMENCÉ"),
    "status_met": ("MET", "TENU"),
    "status_breached": ("BREACHED", "NON TENU"),
    "no_data": ("NO DATA", "PAS DE DONNÉES"),
    "marketing_owner": ("marketing", "marketing"),
    # data-quality findings (smarketing.measuring.findings.Finding)
    "finding_stage_skipped": (
        "Stage skipped (counted as passed)",
        "Étape sautée (comptée comme franchie)",
    ),
    "finding_stage_out_of_order": ("Stages out of order", "Étapes dans le désordre"),
    "finding_unknown_stage": ("Stage not in the funnel", "Étape hors de l'entonnoir"),
    "finding_deal_without_lead": ("Deal without a known lead", "Affaire sans lead connu"),
    "finding_won_before_lead_created": (
        "Won before the lead was created",
        "Gagnée avant la création du lead",
    ),
    "finding_won_without_close_date": ("Won without a close date", "Gagnée sans date de clôture"),
    "finding_won_without_amount": ("Won without an amount", "Gagnée sans montant"),
    "finding_lost_without_date": ("Lost without any date", "Perdue sans aucune date"),
    "finding_other_currency": ("Deal in another currency", "Affaire dans une autre devise"),
    "finding_touch_before_handoff": (
        "Touched before the hand-off",
        "Contacté avant la transmission",
    ),
    "finding_depth_from_count": (
        "Depth judged from a touch count",
        "Insistance jugée sur un nombre de contacts",
    ),
    "sales_owner": ("sales", "ventes"),
}


class Words:
    """Labels and number formats of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._index = 0 if lang == "en" else 1

    def __call__(self, key: str, **values: object) -> str:
        """The label for ``key``."""
        label = _LABELS[key][self._index]
        return label.format(**values) if values else label

    def status(self, value: str | None) -> str:
        """A pacing or clause status, in capitals."""
        if value is None:
            return ""
        if value in ("met", "breached"):
            return self(f"status_{value}")
        return self(value)

    def finding(self, kind: str) -> str:
        """A data-quality finding in words (its code when this version has no words for it)."""
        label = _LABELS.get(f"finding_{kind}")
        return kind if label is None else label[self._index]

    def number(self, value: Decimal | int | str | None, places: int = 0) -> str:
        """A number with thousands separators and ``places`` decimals (half up)."""
        if value is None:
            return "–"
        amount = half_up(value, places)
        text = f"{amount:,.{places}f}"
        if self.lang == "fr":
            text = text.replace(",", NARROW_NBSP).replace(".", ",")
        return text

    def integer(self, value: Decimal | int | str | None) -> str:
        """A count."""
        return self.number(value, 0)

    def money(self, value: Decimal | str | None, currency: str) -> str:
        """Money with its currency: ``€1,234.56`` or ``1 234,56 €``."""
        if value is None:
            return "–"
        text = self.number(value, 2)
        symbol = _SYMBOLS.get(currency)
        if self.lang == "fr":
            return f"{text}{NBSP}{symbol or currency}"
        if symbol is None:
            return f"{text} {currency}"
        if text.startswith("-"):
            return f"-{symbol}{text[1:]}"
        return f"{symbol}{text}"

    def percent(self, value: Decimal | str | None, places: int = 1) -> str:
        """A ratio as a percentage: ``50.7%`` or ``50,7 %``."""
        if value is None:
            return "–"
        text = self.number(percent_of(value), places)
        return f"{text}{NBSP}%" if self.lang == "fr" else f"{text}%"

    def duration(self, seconds: int | None) -> str:
        """A duration in days, hours or minutes."""
        if seconds is None:
            return "–"
        if seconds >= 2 * 86400:
            return (
                f"{self.number(quotient(seconds, 86400), 1)}{NBSP if self.lang == 'fr' else ' '}"
                + ("j" if self.lang == "fr" else "d")
            )
        if seconds >= 3600:
            return f"{self.number(quotient(seconds, 3600), 1)} h"
        return f"{self.number(quotient(seconds, 60), 0)} min"
