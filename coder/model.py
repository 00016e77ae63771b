"""The records that flow through the pipeline.

article -> normalised text -> sentences -> mentions (dates, places, actors, fatalities) -> events

Each stage owns the fields it fills; :class:`Event` lists every field of the native events table
with the stage that fills it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One usable input record (filled by :mod:`coder.ingest`)."""

    id: str
    published: dt.datetime  # as given; naive when the input had no offset
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    language: str = "ar"
    source_scale: str = ""
    origin: str = ""  # "file:line" or "file:row N", for provenance

    @property
    def pub_date(self) -> dt.date:
        return self.published.date()


@dataclass(frozen=True)
class Reject:
    """An input record that could not be used, with the reason (:mod:`coder.ingest`)."""

    file: str
    location: str  # "line 12" or "row 12"
    reason: str
    record: object  # the original record as read (dict, or the raw line text)
    id: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with offsets into the article text (:mod:`coder.sentences`)."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved against the publication date (:mod:`coder.dates`)."""

    text: str
    start: int
    end: int
    date: dt.date
    earliest: dt.date
    latest: dt.date
    precision: int  # ACLED 1 day, 2 week/span, 3 month; 4 = year only
    rule: str
    warnings: tuple[str, ...] = ()
    anchored: bool = True  # False: relative to another event, not to the publication date
    offset_days: int | None = None  # unanchored: the event it names is this many days earlier

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat(),
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "precision": self.precision,
            "rule": self.rule,
            "warnings": list(self.warnings),
            "anchored": self.anchored,
        }


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (:mod:`coder.places`)."""

    id: str
    name_en: str
    name_ar: str
    feature_type: str
    iso3: str
    iso_num: int
    country: str  # English country name, as ACLED writes it
    admin1: str
    admin2: str
    admin3: str
    fips: str  # FIPS 10-4 country code (GDELT)
    adm1_code: str  # GDELT ADM1 code: FIPS country + FIPS admin1
    latitude: float
    longitude: float
    source: str


@dataclass(frozen=True)
class PlaceMention:
    """A place found in text (:mod:`coder.places`)."""

    text: str
    start: int
    end: int
    place: Place
    geo_precision: int  # ACLED 1/2/3
    context: str = ""  # e.g. "ريف" or "قرب" when a context word set the precision


@dataclass(frozen=True)
class Actor:
    """An actor codebook entry (:mod:`coder.actors`)."""

    id: str
    cameo_code: str  # e.g. USAMIL, IMGINS
    name: str  # English name
    acled_name: str  # ACLED actor name, e.g. "Military Forces of Syria (2000-)"
    inter: str  # ACLED 2024+ inter text, e.g. "State forces"
    country: str  # ISO3 of affiliation, "" for transnational
    role: str  # CAMEO role: MIL, GOV, COP, REB, INS, SPY, CVL, OPP, JUD, MED, ...


@dataclass(frozen=True)
class ActorMention:
    text: str
    start: int
    end: int
    actor: Actor


@dataclass(frozen=True)
class FatalityMention:
    """A reported number of people killed (:mod:`coder.casualties`)."""

    text: str
    start: int
    end: int
    killed: int
    rule: str
    is_update: bool = False  # "ارتفاع حصيلة ... إلى N"


@dataclass
class Event:
    """One coded event: a row of the native events table.

    Stage that fills each group of fields:
      events    -> sentence, cameo_code/root, quad_class, goldstein, source/target actors
      dates     -> event_date, time_precision, date_text
      acled     -> acled_event_type .. interaction, civilian_targeting, notes
      places    -> country_iso3 .. geo_precision
      casualties-> fatalities
      ingest    -> source, source_scale, url, published, article_ids
      dedup     -> event_id, merged article_ids
    """

    article_ids: list[str]
    sentence: str
    event_date: dt.date
    time_precision: int = 1
    date_text: str = ""
    cameo_code: str = ""
    cameo_root: str = ""
    quad_class: int = 0
    goldstein: float = 0.0
    source_actor_code: str = ""
    source_actor_name: str = ""
    target_actor_code: str = ""
    target_actor_name: str = ""
    acled_event_type: str = ""
    acled_sub_event_type: str = ""
    disorder_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: str = ""
    interaction: str = ""
    civilian_targeting: str = ""
    country_iso3: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    source: str = ""
    source_scale: str = ""
    url: str = ""
    published: str = ""
    notes: str = ""
    event_id: str = ""
    # Provenance and working fields (written to the native table as extra columns).
    salience: str = ""  # headline / secondary / background
    rules: list[str] = field(default_factory=list)  # codebook entries that fired
    place: Place | None = None
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    num_mentions: int = 1
    num_sources: int = 1
    fatalities_reported: bool = False  # the text gave a toll (0 included) rather than silence
    fatalities_estimate: bool = False  # a conventional figure ("قتلى" = 3) or a divided total
    from_title: bool = False  # reported in the headline, which summarises the lead
    weak_date: bool = False  # date inherited from context or the publication date
    code_generic: bool = False  # a generic trigger ("هجوم") no tactic word refined
    back_reference: bool = False  # framed as a reference to an event told before
    anaphoric: bool = False  # a definite noun ("الانفجار") with no date of its own
