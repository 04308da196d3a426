"""Background work for identity."""

from django.tasks import task


@task
def send_sign_in_link(*, email: str) -> bool:
    # Imported here: the sign-in service enqueues this task, so it imports this module.
    from convene.accounts.services.sign_in import deliver_sign_in_link

    return deliver_sign_in_link(email)


@task
def send_delegate_offer(*, offer_id: int, token: str) -> str:
    # Imported here for the same reason: the offer service enqueues this task.
    from convene.accounts.services.delegate_offers import deliver_delegate_offer

    return deliver_delegate_offer(offer_id, token)
