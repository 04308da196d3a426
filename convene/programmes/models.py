"""Programmes and cohorts. The foundation holds only cohorts, which the directory shows."""

from django.conf import settings
from django.db import models


class Cohort(models.Model):
    name = models.CharField(max_length=200, unique=True)
    programme = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LearningSet(models.Model):
    """An action-learning set of 6-8 leaders from one cohort, proposed by the tool, adjusted
    by a facilitator and then confirmed."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="learning_sets")
    number = models.PositiveSmallIntegerField()
    members = models.ManyToManyField("directory.Profile", related_name="learning_sets")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Who confirmed the set, and so facilitates it; null while it is a proposal.
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_sets_facilitated",
    )

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="one_number_per_set")
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: set {self.number}"
