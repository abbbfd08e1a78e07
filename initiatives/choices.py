"""The vocabularies of support initiatives, from the guideline (sections 3 and 4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    HEALTH = "health", _("Health care")
    SOCIAL = "social", _("Exchange, sharing and spiritual life")
    LEARNING = "learning", _("Learning and vocational skills")
    LIVELIHOOD = "livelihood", _("Jobs, livelihoods and business")


class Kind(models.TextChoices):
    """The guideline's examples of initiatives, each under its domain (KIND_DOMAIN)."""

    INSURANCE_CARDS = "insurance_cards", _("Health-insurance cards")
    THERAPY = "therapy", _("Treatment and therapy for youth with disabilities")
    SELF_HELP_GROUP = "self_help_group", _("Self-help group")
    CLUB = "club", _("Club, team or group by trade or hobby")
    FORUM = "forum", _("Regular forum or playground")
    CULTURE_CLUB = "culture_club", _("Culture, arts, sports or travel club")
    PRISONER_TRAINING = "prisoner_training", _("Vocational training for prisoners near release")
    VOCATIONAL = "vocational", _("Career guidance and free vocational training")
    ECONOMIC_SUPPORT = "economic_support", _("Technology, workday or capital support")
    FUND = "fund", _("Support fund")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    OTHER = "other", _("Other")


KIND_DOMAIN: dict[str, str] = {
    Kind.INSURANCE_CARDS: Domain.HEALTH,
    Kind.THERAPY: Domain.HEALTH,
    Kind.SELF_HELP_GROUP: Domain.SOCIAL,
    Kind.CLUB: Domain.SOCIAL,
    Kind.FORUM: Domain.SOCIAL,
    Kind.CULTURE_CLUB: Domain.SOCIAL,
    Kind.PRISONER_TRAINING: Domain.LEARNING,
    Kind.VOCATIONAL: Domain.LEARNING,
    Kind.ECONOMIC_SUPPORT: Domain.LIVELIHOOD,
    Kind.FUND: Domain.LIVELIHOOD,
    Kind.JOB_PLACEMENT: Domain.LIVELIHOOD,
}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REGISTERED = "registered", _("Registered, awaiting the union above")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")
    UNDER_WAY = "under_way", _("Under way")
    REPORTED = "reported", _("Results reported")
    CLOSED = "closed", _("Closed")


# Statuses in which an initiative counts as registered for its years (Form 01, the target).
REGISTERED_STATUSES = (Status.REGISTERED, Status.ACCEPTED, Status.UNDER_WAY, Status.REPORTED, Status.CLOSED)
# Statuses in which it is running or has run (an initiative kept up over several years).
ACTIVE_STATUSES = (Status.ACCEPTED, Status.UNDER_WAY, Status.REPORTED, Status.CLOSED)
# Statuses in which the results may be filled in (from acceptance until the report is closed).
RESULTS_EDITABLE_STATUSES = (Status.ACCEPTED, Status.UNDER_WAY, Status.REPORTED)
# Statuses whose results are reported: what Form 03, the snapshots, the board and evaluation read.
REPORTED_STATUSES = (Status.REPORTED, Status.CLOSED)


class Step(models.IntegerChoices):
    """The seven steps of building an initiative (guideline, section 3)."""

    SURVEY = 1, _("Survey and needs")
    IDEA = 2, _("Idea")
    PLAN = 3, _("Plan")
    CONSULTATION = 4, _("Consultation of the beneficiaries")
    APPROVAL = 5, _("Approval by the Party committee and the union above")
    IMPLEMENTATION = 6, _("Implementation")
    REVIEW = 7, _("Review")


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Interim review")
    FINAL = "final", _("Final review")


class Outcome(models.TextChoices):
    """What the support achieved for one young person; shown in their support history."""

    SUPPORTED = "supported", _("Supported")
    JOB = "job", _("Got a job")
    INSURANCE_CARD = "insurance_card", _("Got a health-insurance card")
    COURSE_FINISHED = "course_finished", _("Finished a course")
    BACK_TO_SCHOOL = "back_to_school", _("Back to school")
    LIVELIHOOD = "livelihood", _("Started a livelihood")
    TREATMENT = "treatment", _("Received treatment")
    OTHER = "other", _("Other")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link to an article")
