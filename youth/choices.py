"""The registry's vocabularies: the guideline's seven target groups and the details each takes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    DISABILITY = "disability", _("Youth with disabilities")
    SERIOUS_ILLNESS = "serious_illness", _("Youth with a serious illness")
    POVERTY = "poverty", _("Youth of poor or near-poor households")
    UNEMPLOYMENT = "unemployment", _("Unemployed youth, despite trying to find work")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic-minority youth in remote or hardship areas")
    REHABILITATION = "rehabilitation", _("Delinquent youth, youth after drug rehabilitation")
    REINTEGRATION = "reintegration", _("Ex-offenders reintegrating")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Status(models.TextChoices):
    SUPPORTED = "supported", _("Being supported")
    RISEN = "risen", _("Risen out of hardship")
    MOVED = "moved", _("Moved away")
    DECEASED = "deceased", _("Deceased")
    AGED_OUT = "aged_out", _("Aged out")


class Need(models.TextChoices):
    HEALTH = "health", _("Health care")
    EDUCATION = "education", _("Schooling or vocational training")
    JOB = "job", _("A job")
    LIVELIHOOD = "livelihood", _("Capital or livelihood")
    PSYCHOSOCIAL = "psychosocial", _("Psychological or social support")
    OTHER = "other", _("Other")


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


# Law on Persons with Disabilities (51/2010/QH12), art. 3.
class DisabilityKind(models.TextChoices):
    MOBILITY = "mobility", _("Mobility")
    HEARING_SPEECH = "hearing_speech", _("Hearing or speech")
    VISUAL = "visual", _("Visual")
    MENTAL = "mental", _("Mental or neurological")
    INTELLECTUAL = "intellectual", _("Intellectual")
    OTHER = "other", _("Other")


class DisabilityDegree(models.TextChoices):
    ESPECIALLY_SEVERE = "especially_severe", _("Especially severe")
    SEVERE = "severe", _("Severe")
    MILD = "mild", _("Mild")


class HouseholdKind(models.TextChoices):
    POOR = "poor", _("Poor household")
    NEAR_POOR = "near_poor", _("Near-poor household")


class AreaKind(models.TextChoices):
    HARDSHIP = "hardship", _("Hardship area")
    REMOTE = "remote", _("Remote area")
    BORDER = "border", _("Border area")
    ISLAND = "island", _("Island")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed on paper")
    VERBAL = "verbal", _("Verbally, recorded by the officer")
    ELECTRONIC = "electronic", _("Electronically")


class ConsentState(models.TextChoices):
    NONE = "none", _("Not recorded")
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# One bit per group in Youth.group_bits: counts per group over a province are one pass over the
# records, without a join to the group rows.
GROUP_BITS: dict[str, int] = {code: 1 << index for index, code in enumerate(TargetGroup.values)}


def group_bits(codes) -> int:
    return sum(GROUP_BITS[code] for code in set(codes))


# The detail fields each group takes; the others stay empty for that group.
GROUP_DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    TargetGroup.DISABILITY: ("disability_kind", "disability_degree"),
    TargetGroup.SERIOUS_ILLNESS: ("illness",),
    TargetGroup.POVERTY: ("household_kind", "certificate_year"),
    TargetGroup.UNEMPLOYMENT: ("unemployed_since",),
    TargetGroup.ETHNIC_MINORITY: ("area_kind",),
    TargetGroup.REHABILITATION: ("rehabilitation_finished_on",),
    TargetGroup.REINTEGRATION: ("released_on",),
}

# Age bands for the list filter: (code, label, lowest age, highest age inclusive).
AGE_BANDS = [
    ("under16", _("Under 16"), 0, 15),
    ("16-17", _("16 to 17"), 16, 17),
    ("18-24", _("18 to 24"), 18, 24),
    ("25-30", _("25 to 30"), 25, 30),
    ("over30", _("Over 30"), 31, 200),
]
