"""Writes that span several rows; each runs in one transaction so a failure leaves nothing half-saved."""

from django.db import transaction

from finsam.lib.sync import sync_figures
from members.models import FeeYear, FixedShare, Population, SplitMethod


@transaction.atomic
def save_fee_year(*, fee_year: FeeYear, percentages: dict) -> FeeYear:
    """Save the fee year and make its fixed shares exactly `percentages` (member -> percent).

    With a split by population the fixed shares are kept as they are, so switching back loses nothing.
    Unchanged shares are not saved again, so the history shows only real changes.
    """
    fee_year.full_clean()
    fee_year.save()
    if fee_year.split_method != SplitMethod.PERCENTAGES:
        return fee_year
    existing = {share.member_id: share for share in fee_year.fixed_shares.all()}
    for member, percent in percentages.items():
        share = existing.pop(member.pk, None)
        if share is None:
            FixedShare.objects.create(fee_year=fee_year, member=member, percent=percent)
        elif share.percent != percent:
            share.percent = percent
            share.save(update_fields=["percent"])
    for share in existing.values():
        share.delete()
    return fee_year


@transaction.atomic
def save_populations(*, reference_date, age_band: str, counts: dict) -> None:
    """Store each municipality's inhabitants on `reference_date`; only changed figures are written."""
    rows = Population.objects.filter(
        member__in=list(counts), reference_date=reference_date, age_band=age_band
    )
    sync_figures(
        {row.member: row for row in rows},
        counts,
        lambda member, inhabitants: Population.objects.create(
            member=member, reference_date=reference_date, age_band=age_band, inhabitants=inhabitants
        ),
        field="inhabitants",
    )
