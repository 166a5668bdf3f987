"""HubSpot's labels in the languages its UI offers: export columns, deal stages, sources.

A HubSpot export names its columns in the language of the user who exported
it, and writes the labels of enumerations (deal stage, original source,
lifecycle stage) in that language too. These tables hold the labels of
English, French, German, Spanish, Portuguese, Italian, Dutch and Japanese
exports. The French ones, the German and Italian Original Source labels
and values, and the German deal stages were checked against HubSpot's
knowledge base in those languages; the others are HubSpot's UI wording as
far as it could be found. A
label missing here is mapped by hand (the adapter's ``columns``,
``deal_columns``, ``won_values``, ``lost_values``, ``open_values`` and
``source_aliases`` options). Every label is compared folded (lower case,
spacing collapsed), accents kept.
"""

from __future__ import annotations

import re

__all__ = [
    "BECAME",
    "CONTACT_LABELS",
    "DEAL_LABELS",
    "DEAL_STAGE_LABELS",
    "LIFECYCLE_LABELS",
    "LIFECYCLE_STAGE_COLUMNS",
    "LOST_WORDS",
    "SOURCE_LABELS",
    "WON_WORDS",
]

_RECORD_ID = (
    "ID de fiche d'informations",  # fr
    "ID de la fiche d'informations",
    "Datensatz-ID",  # de
    "ID de registro",  # es
    "ID del registro",
    "ID do registro",  # pt
    "ID record",  # it
    "Record-ID",  # nl
    "レコードID",  # ja
)
_CREATED = (
    "Date de création",
    "Erstellungsdatum",
    "Fecha de creación",
    "Data de criação",
    "Data di creazione",
    "Aanmaakdatum",
    "作成日",
)

#: Contact fields and their column labels in other languages than English.
CONTACT_LABELS: dict[str, tuple[str, ...]] = {
    "id": (*_RECORD_ID, "ID de contact", "Kontakt-ID", "ID de contacto", "ID do contato"),
    "created": _CREATED,
    "source": (
        "Source d'origine",
        "Ursprüngliche Quelle",
        "Fuente original",
        "Fonte original",
        "Fonte originale",
        "Fonte di traffico originale",
        "Oorspronkelijke bron",
        "元のソース",
        "オリジナルソース",
    ),
    "source_detail": (
        "Informations sur la source d'origine 1",
        "Données de la source d'origine 1",
        "Exploration de la source d'origine 1",
        "Fonte originale drill-down 1",
        "Fonte di traffico originale drill-down 1",
    ),
    "owner": (
        "Propriétaire du contact",
        "Kontaktinhaber",
        "Propietario del contacto",
        "Proprietário do contato",
        "Proprietario del contatto",
        "Eigenaar van contactpersoon",
        "コンタクト担当者",
    ),
    "handoff": (
        "Date d'attribution du propriétaire",
        "Datum der Zuweisung des Inhabers",
        "Fecha de asignación del propietario",
        "Data de atribuição do proprietário",
        "Data di assegnazione del proprietario",
    ),
    "contacted": (
        "Nombre de fois contacté",
        "Anzahl der Kontaktaufnahmen",
        "Número de veces contactado",
        "Número de vezes contatado",
    ),
    "lead_status": (
        "Statut du lead",
        "Lead-Status",
        "Estado del lead",
        "Status do lead",
        "Stato del lead",
        "Leadstatus",
        "リードステータス",
    ),
}

#: Deal fields and their column labels in other languages than English.
DEAL_LABELS: dict[str, tuple[str, ...]] = {
    "id": (*_RECORD_ID, "ID de transaction", "Deal-ID", "ID del negocio", "ID do negócio"),
    "stage": (
        "Phase de la transaction",
        "Deal-Phase",
        "Etapa del negocio",
        "Fase do negócio",
        "Etapa do negócio",
        "Fase della trattativa",
        "Dealfase",
        "取引ステージ",
    ),
    "closed": (
        "Date de fermeture",
        "Abschlussdatum",
        "Fecha de cierre",
        "Data de fechamento",
        "Data di chiusura",
        "Sluitingsdatum",
        "クローズ日",
        "完了予定日",
    ),
    "amount": ("Montant", "Betrag", "Importe", "Valor", "Importo", "Bedrag", "金額"),
    "currency": ("Devise", "Währung", "Moneda", "Moeda", "Valuta", "通貨"),
    "created": _CREATED,
    "owner": (
        "Propriétaire de la transaction",
        "Deal-Inhaber",
        "Propietario del negocio",
        "Proprietário do negócio",
        "Proprietario della trattativa",
        "Eigenaar van deal",
        "取引担当者",
    ),
    "lead_ids": ("ID des contacts associés", "Contacts associés", "ID de contacto asociado"),
}

#: The lifecycle stage column: a contacts export has it, a deals export has not.
LIFECYCLE_STAGE_COLUMNS = (
    "Lifecycle Stage",
    "lifecyclestage",
    "Phase du cycle de vie",
    "Lifecycle-Phase",
    "Lebenszyklusphase",
    "Etapa del ciclo de vida",
    "Fase do ciclo de vida",
    "Fase del ciclo di vita",
    "Levenscyclusfase",
    "ライフサイクルステージ",
)

#: French "Became a ... Date" columns: "Date de conversion en lead qualifié marketing".
BECAME = (re.compile(r"^date de conversion en (.+)$"),)

#: Lifecycle stage labels (folded) to HubSpot's internal stage names.
LIFECYCLE_LABELS = {
    "abonné": "subscriber",
    "lead qualifié marketing": "marketingqualifiedlead",
    "lead qualifié pour la vente": "salesqualifiedlead",
    "lead qualifié vente": "salesqualifiedlead",
    "opportunité": "opportunity",
    "client": "customer",
    "évangéliste": "evangelist",
    "autre": "other",
}

#: Original Source labels (folded) in other languages to smarketing's source names.
SOURCE_LABELS = {
    "recherche naturelle": "organic search",
    "recherche organique": "organic search",
    "recherche payante": "paid search",
    "e-mail marketing": "email marketing",
    "réseaux sociaux": "organic social",
    "réseaux sociaux organiques": "organic social",
    "réseaux sociaux payants": "paid social",
    "campagne payante": "paid social",
    "renvois": "referrals",
    "sites référents": "referrals",
    "autres campagnes": "other campaigns",
    "trafic direct": "direct traffic",
    "sources hors ligne": "offline sources",
    "organische suche": "organic search",
    "bezahlte suche": "paid search",
    "e-mail-marketing": "email marketing",
    "organische social media": "organic social",
    "bezahlte social media": "paid social",
    "verweise": "referrals",
    "andere kampagnen": "other campaigns",
    "direkter traffic": "direct traffic",
    "offline-quellen": "offline sources",
    "ricerca organica": "organic search",
    "ricerca a pagamento": "paid search",
    "sociale a pagamento": "paid social",
    "traffico diretto": "direct traffic",
    "altre campagne": "other campaigns",
    "fonti offline": "offline sources",
    "búsqueda orgánica": "organic search",
    "búsqueda de pago": "paid search",
    "tráfico directo": "direct traffic",
    "fuentes sin conexión": "offline sources",
    "pesquisa orgânica": "organic search",
    "pesquisa paga": "paid search",
    "tráfego direto": "direct traffic",
    "fontes offline": "offline sources",
}

_OPEN_STAGES = (
    # HubSpot's default sales pipeline: internal values, then labels by language
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    "open",
    # the word for open (a status column), in the same languages
    "in progress",
    "en cours",
    "ouvert",
    "ouverte",
    "offen",
    "abierto",
    "en curso",
    "aberto",
    "em andamento",
    "aperto",
    "in corso",
    "lopend",
    "進行中",
    "appointment scheduled",
    "qualified to buy",
    "presentation scheduled",
    "decision maker bought-in",
    "decision maker bought in",
    "contract sent",
    "rendez-vous programmé",
    "rendez-vous planifié",
    "qualifié pour l'achat",
    "qualifié pour acheter",
    "présentation programmée",
    "présentation planifiée",
    "décideur convaincu",
    "décideur impliqué",
    "contrat envoyé",
    "termin vereinbart",
    "termin geplant",
    "für kauf qualifiziert",
    "präsentation vereinbart",
    "präsentation geplant",
    "entscheidungsträger eingebunden",
    "entscheidungsträger eingebracht",
    "vertrag gesendet",
    "vertrag versendet",
    "cita programada",
    "calificado para comprar",
    "presentación programada",
    "responsable de la toma de decisiones comprometido",
    "contrato enviado",
    "consulta agendada",
    "reunião agendada",
    "qualificado para comprar",
    "apresentação agendada",
    "tomador de decisão envolvido",
    "appuntamento programmato",
    "qualificato per l'acquisto",
    "presentazione programmata",
    "decisore convinto",
    "contratto inviato",
    "afspraak gepland",
    "gekwalificeerd om te kopen",
    "presentatie gepland",
    "beslisser overtuigd",
    "contract verzonden",
    "アポイント設定済み",
    "購入見込みあり",
    "プレゼン予定",
    "意思決定者の同意",
    "契約書送付済み",
)
_WON_STAGES = (
    "closedwon",
    "closed won",
    "won",
    "fermé gagné",
    "abgeschlossen und gewonnen",
    "cerrado ganado",
    "cierre ganado",
    "fechado ganho",
    "fechado",
    "negócio fechado",
    "chiuso vinto",
    "gesloten gewonnen",
    "成立",
    "受注",
)
_LOST_STAGES = (
    "closedlost",
    "closed lost",
    "lost",
    "fermé perdu",
    "abgeschlossen und verloren",
    "cerrado perdido",
    "cierre perdido",
    "fechado perdido",
    "perdido",
    "chiuso perso",
    "gesloten verloren",
    "不成立",
    "失注",
)

#: Deal stage and status labels (folded) that say won, lost or open, in every language here.
DEAL_STAGE_LABELS: dict[str, str] = {
    **dict.fromkeys(_OPEN_STAGES, "open"),
    **dict.fromkeys(_WON_STAGES, "won"),
    **dict.fromkeys(_LOST_STAGES, "lost"),
}
#: A stage label with one of these words is won ("Fermé gagné", "Cerrado ganado") ...
WON_WORDS = frozenset(
    ("won", "gagné", "gagnée", "gewonnen", "ganado", "ganada", "ganho", "ganha", "vinto", "vinta")
)
#: ... and one with one of these is lost ("Fermé perdu", "Abgeschlossen und verloren").
LOST_WORDS = frozenset(
    ("lost", "perdu", "perdue", "verloren", "perdido", "perdida", "perso", "persa")
)
