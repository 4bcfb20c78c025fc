"""The diary's vocabularies: the words and codes the national system and the case file use."""

from __future__ import annotations

from enum import StrEnum


class RiskLevel(StrEnum):
    """Risk of serious harm (RoSH)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def label(self) -> str:
        """The level as an officer writes it."""
        return {"low": "Low", "medium": "Medium", "high": "High", "very_high": "Very high"}[self.value]


class OrderType(StrEnum):
    """The kinds of sentence the diary supervises."""

    COMMUNITY_ORDER = "community_order"
    SUSPENDED_SENTENCE_ORDER = "suspended_sentence_order"
    LICENCE = "licence"
    POST_SENTENCE_SUPERVISION = "post_sentence_supervision"

    @property
    def label(self) -> str:
        """A short human label."""
        return {
            "community_order": "Community order",
            "suspended_sentence_order": "Suspended sentence order",
            "licence": "Licence",
            "post_sentence_supervision": "Post-sentence supervision",
        }[self.value]

    @property
    def is_court_order(self) -> bool:
        """True for orders with statutory warning rules (CO and SSO)."""
        return self in (OrderType.COMMUNITY_ORDER, OrderType.SUSPENDED_SENTENCE_ORDER)


class RequirementType(StrEnum):
    """Requirements of an order, and licence conditions."""

    RAR = "rar"
    UNPAID_WORK = "unpaid_work"
    PROGRAMME = "programme"
    CURFEW = "curfew"
    EXCLUSION = "exclusion"
    RESIDENCE = "residence"
    PROHIBITED_ACTIVITY = "prohibited_activity"
    FOREIGN_TRAVEL_PROHIBITION = "foreign_travel_prohibition"
    MENTAL_HEALTH_TREATMENT = "mental_health_treatment"
    DRUG_REHABILITATION = "drug_rehabilitation"
    DRUG_TESTING = "drug_testing"
    ALCOHOL_TREATMENT = "alcohol_treatment"
    ALCOHOL_ABSTINENCE_MONITORING = "alcohol_abstinence_monitoring"
    ATTENDANCE_CENTRE = "attendance_centre"
    ELECTRONIC_MONITORING = "electronic_monitoring"
    LICENCE_CONDITION = "licence_condition"

    @property
    def label(self) -> str:
        """A short human label."""
        special = {"rar": "RAR", "unpaid_work": "Unpaid work"}
        return special.get(self.value, self.value.replace("_", " ").capitalize())

    @property
    def measure(self) -> str | None:
        """The name of the measure this type must carry, if any."""
        return {"rar": "max_days", "unpaid_work": "hours", "programme": "sessions"}.get(self.value)


class AppointmentKind(StrEnum):
    """How a contact happens."""

    OFFICE = "office"
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    VIDEO = "video"
    PRISON_VISIT = "prison_visit"
    THREE_WAY_MEETING = "three_way_meeting"
    UNPAID_WORK_SESSION = "unpaid_work_session"
    PROGRAMME_SESSION = "programme_session"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A short human label."""
        return {
            "office": "Office",
            "home_visit": "Home visit",
            "phone": "Phone",
            "video": "Video",
            "prison_visit": "Prison visit",
            "three_way_meeting": "Three-way meeting",
            "unpaid_work_session": "Unpaid work",
            "programme_session": "Programme",
            "other": "Other",
        }[self.value]


class OutcomeClass(StrEnum):
    """What an outcome counts as for enforcement."""

    ATTENDED = "attended"
    FAILURE = "failure"
    ACCEPTABLE = "acceptable"
    PENDING = "pending"
    NEUTRAL = "neutral"


class Outcome(StrEnum):
    """Appointment outcome codes, as the national system has them."""

    ATTC = "ATTC"
    AFTC = "AFTC"
    ATSH = "ATSH"
    ATSS = "ATSS"
    AFTA = "AFTA"
    AACL = "AACL"
    AAEM = "AAEM"
    AAFC = "AAFC"
    AAHO = "AAHO"
    AAME = "AAME"
    AARE = "AARE"
    AARC = "AARC"
    CO05 = "CO05"
    CO10 = "CO10"
    UAAB = "UAAB"
    RESCHEDULED = "RESCHEDULED"

    @property
    def label(self) -> str:
        """The outcome in plain words."""
        return _OUTCOME_LABELS[self.value]

    @property
    def counts_as(self) -> OutcomeClass:
        """What this outcome counts as (enforcement.md, 'Appointment outcomes')."""
        return _OUTCOME_CLASSES[self.value]

    @property
    def was_seen(self) -> bool:
        """True when the person came (complied or not, or sent home): the outcomes that make a 'last seen'."""
        return self.value.startswith("AT") or self is Outcome.AFTC

    @property
    def is_acceptable_absence(self) -> bool:
        """True for the acceptable-absence codes that need a reason."""
        return self.value.startswith("AA") or self in (Outcome.CO05, Outcome.CO10)

    @property
    def uses_rar_day(self) -> bool:
        """True when a RAR activity with this outcome uses one of the order's RAR days (attended and complied)."""
        return self is Outcome.ATTC

    @property
    def letter(self) -> str | None:
        """The one key that picks this outcome when recording a session (the common outcomes have one)."""
        return _OUTCOME_LETTER.get(self.value)


OUTCOME_KEYS: tuple[tuple[str, str, str], ...] = (
    ("a", "ATTC", "attended, complied"),
    ("c", "AFTC", "failed to comply"),
    ("s", "ATSH", "sent home"),
    ("f", "AFTA", "failed to attend"),
    ("u", "UAAB", "unacceptable"),
    ("r", "RESCHEDULED", "rescheduled"),
    ("m", "AAME", "medical"),
    ("e", "AAEM", "employment"),
    ("h", "AAHO", "holiday"),
)
"""The common outcomes' one-letter keys (letter, code, a word or two to remember it by); any other outcome is found
by typing part of its name or code."""

_OUTCOME_LETTER = {code: letter for letter, code, _words in OUTCOME_KEYS}


def outcome_letters() -> dict[str, Outcome]:
    """Each one-letter key and the outcome it picks."""
    return {letter: Outcome(code) for letter, code, _words in OUTCOME_KEYS}


def outcome_keys_hint(per_line: int = 3) -> str:
    """The one-letter keys in words, a few to a line: 'A attended, complied · C failed to comply · ...'."""
    keys = [f"{letter.upper()} {words}" for letter, _code, words in OUTCOME_KEYS]
    lines = [" · ".join(keys[i:i + per_line]) for i in range(0, len(keys), per_line)]
    return "\n".join(lines) + " · or type any word"


_OUTCOME_LABELS = {
    "ATTC": "Attended, complied",
    "AFTC": "Attended, failed to comply",
    "ATSH": "Attended, sent home (behaviour)",
    "ATSS": "Attended, sent home (service issues)",
    "AFTA": "Failed to attend, awaiting evidence",
    "AACL": "Acceptable absence: court or legal",
    "AAEM": "Acceptable absence: employment",
    "AAFC": "Acceptable absence: family or childcare",
    "AAHO": "Acceptable absence: holiday",
    "AAME": "Acceptable absence: medical",
    "AARE": "Acceptable absence: religious",
    "AARC": "Acceptable absence: remanded in custody",
    "CO05": "Acceptable absence: professional judgement",
    "CO10": "Acceptable failure (none in following 12 months)",
    "UAAB": "Unacceptable absence",
    "RESCHEDULED": "Will be rescheduled",
}

_OUTCOME_CLASSES = {
    "ATTC": OutcomeClass.ATTENDED,
    "AFTC": OutcomeClass.FAILURE,
    "ATSH": OutcomeClass.FAILURE,
    "ATSS": OutcomeClass.NEUTRAL,
    "AFTA": OutcomeClass.PENDING,
    "AACL": OutcomeClass.ACCEPTABLE,
    "AAEM": OutcomeClass.ACCEPTABLE,
    "AAFC": OutcomeClass.ACCEPTABLE,
    "AAHO": OutcomeClass.ACCEPTABLE,
    "AAME": OutcomeClass.ACCEPTABLE,
    "AARE": OutcomeClass.ACCEPTABLE,
    "AARC": OutcomeClass.ACCEPTABLE,
    "CO05": OutcomeClass.ACCEPTABLE,
    "CO10": OutcomeClass.ACCEPTABLE,
    "UAAB": OutcomeClass.FAILURE,
    "RESCHEDULED": OutcomeClass.NEUTRAL,
}


class RescheduleRequester(StrEnum):
    """Who asked for an appointment to be moved or cancelled."""

    PERSON = "person"
    SERVICE = "service"


class EnforcementAction(StrEnum):
    """Dated enforcement records on an order."""

    FIRST_WARNING_LETTER = "first_warning_letter"
    SECOND_WARNING_LETTER = "second_warning_letter"
    LICENCE_COMPLIANCE_LETTER = "licence_compliance_letter"
    BREACH_LETTER = "breach_letter"
    BREACH_INITIATED = "breach_initiated"
    BREACH_CONCLUDED = "breach_concluded"
    RECALL_REQUESTED = "recall_requested"
    NO_FURTHER_ACTION = "no_further_action"
    WARNING_WITHDRAWN = "warning_withdrawn"
    COMPLIANCE_MEETING = "compliance_meeting"

    @property
    def label(self) -> str:
        """A short human label."""
        special = {"breach_concluded": "Court's outcome (breach concluded)"}
        return special.get(self.value, self.value.replace("_", " ").capitalize())

    @property
    def is_warning(self) -> bool:
        """True for the statutory warning letters."""
        return self in (EnforcementAction.FIRST_WARNING_LETTER, EnforcementAction.SECOND_WARNING_LETTER)


class CourtOutcome(StrEnum):
    """What the court decided on a breach (recorded with the hearing date and the court)."""

    CONTINUED = "continued"
    CONTINUED_AMENDED = "continued_amended"
    FINE = "fine"
    REVOKED_RESENTENCED = "revoked_resentenced"
    CUSTODY = "custody"

    @property
    def label(self) -> str:
        """The decision in plain words."""
        return {
            "continued": "Order continued",
            "continued_amended": "Order continued with an added or changed requirement",
            "fine": "Fine (order continued)",
            "revoked_resentenced": "Order revoked and resentenced",
            "custody": "Custody",
        }[self.value]

    @property
    def ends_order(self) -> bool:
        """True when the order ends at the hearing (revoked and resentenced, or custody)."""
        return self in (CourtOutcome.REVOKED_RESENTENCED, CourtOutcome.CUSTODY)


class ContactNoteKind(StrEnum):
    """Kinds of contact note."""

    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    EMAIL = "email"
    TEXT_MESSAGE = "text_message"
    VIDEO = "video"
    OTHER_AGENCY = "other_agency"
    OTHER = "other"
    ARREST = "arrest"
    CHANGE_OF_ADDRESS = "change_of_address"
    NEW_RELATIONSHIP = "new_relationship"
    CHANGE_IN_HEALTH = "change_in_health"
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    SIGNIFICANT_EVENT = "significant_event"

    @property
    def label(self) -> str:
        """A short human label."""
        return "Other significant event" if self is ContactNoteKind.SIGNIFICANT_EVENT else self.value.replace("_", " ").capitalize()

    @property
    def is_significant_event(self) -> bool:
        """True for the kinds that should prompt a risk review (arrest, change of address, ...)."""
        return self in SIGNIFICANT_EVENTS


SIGNIFICANT_EVENTS = frozenset({
    ContactNoteKind.ARREST,
    ContactNoteKind.CHANGE_OF_ADDRESS,
    ContactNoteKind.NEW_RELATIONSHIP,
    ContactNoteKind.CHANGE_IN_HEALTH,
    ContactNoteKind.SAFEGUARDING_CONCERN,
    ContactNoteKind.SIGNIFICANT_EVENT,
})


class CommitmentKind(StrEnum):
    """The officer's own entries in the diary."""

    COURT_DUTY = "court_duty"
    DUTY_OFFICER = "duty_officer"
    RECEPTION_COVER = "reception_cover"
    TRAINING = "training"
    MEETING = "meeting"
    LEAVE = "leave"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A short human label."""
        return self.value.replace("_", " ").capitalize()
