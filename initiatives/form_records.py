"""What Forms 01 and 03 leave behind: who exported or imported which initiatives, and the
source keys of imported rows. Loaded with `initiatives.models` (imported at its end).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from units.models import Unit


class InitiativeAccess(models.Model):
    """One export of Form 01/03 or of the commendation list (`recognition.commendation_export`),
    or one import of Form 01: who, when, which unit, which records.

    Like `youth.models.RegistryAccess`, one row names every record: the initiatives, and for an
    export the registry records it named as beneficiaries (those also get a RegistryAccess row).
    """

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")

    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # "form03.pdf 2026", "commendations.xlsx 2026", or the imported file's name
    detail = models.CharField(max_length=255, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    record_ids = models.JSONField(default=list)  # initiatives
    youth_ids = models.JSONField(default=list)  # registry records named in the document

    class Meta:
        verbose_name = _("initiative list access")
        verbose_name_plural = _("initiative list accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.record_count} @ {self.at:%d/%m/%Y %H:%M}"


class ImportedInitiative(models.Model):
    """The source key of an initiative made from a row of an imported Form 01.

    Importing the same file again finds the keys and adds nothing; deleting the draft deletes
    its key, so the row could be imported again.
    """

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="import_source")
    key = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=200, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("imported initiative")
        verbose_name_plural = _("imported initiatives")

    def __str__(self) -> str:
        return f"{self.filename} {self.sheet}!{self.row}"
