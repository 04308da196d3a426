"""Programmes and cohorts. The foundation holds only cohorts, which the directory shows."""

from django.db import models


class Cohort(models.Model):
    name = models.CharField(max_length=200, unique=True)
    programme = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
