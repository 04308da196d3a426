from django.urls import path

from convene.accounts.views import account, delegates, sign_in, staff, two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in_page, name="sign_in"),
    path("sign-in/check-your-email/", sign_in.check_email, name="check_email"),
    path("sign-in/link/<str:token>/", sign_in.sign_in_link, name="sign_in_link"),
    path("invitations/<str:token>/", sign_in.invitation, name="invitation"),
    path("sign-out/", sign_in.sign_out, name="sign_out"),
    path("signed-out/", sign_in.signed_out, name="signed_out"),
    path("sign-out/everywhere/", sign_in.sign_out_everywhere, name="sign_out_everywhere"),
    path("session/keep-alive/", sign_in.keep_alive, name="keep_alive"),
    path("account/", account.account, name="account"),
    path("account/two-factor/set-up/", two_factor.setup, name="two_factor_setup"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("sign-in/two-factor/", two_factor.verify, name="two_factor_verify"),
    path("sign-in/two-factor/recovery/", two_factor.recovery, name="two_factor_recovery"),
    path(
        "staff/users/<id:user_id>/reset-two-factor/",
        two_factor.staff_reset,
        name="staff_reset_two_factor",
    ),
    # Delegates (views/delegates.py)
    path("account/delegates/", delegates.delegates, name="delegates"),
    path(
        "account/delegates/<id:delegation_id>/remove/",
        delegates.remove_delegate,
        name="remove_delegate",
    ),
    path("account/delegate-offers/", delegates.delegate_offers_page, name="delegate_offers"),
    path(
        "account/delegate-offers/<id:offer_id>/accept/",
        delegates.accept_delegate_offer,
        name="accept_delegate_offer",
    ),
    path(
        "account/delegate-offers/<id:offer_id>/decline/",
        delegates.decline_delegate_offer,
        name="decline_delegate_offer",
    ),
    # Staff administration (views/staff.py)
    path("staff/invitations/", staff.invitation_list, name="staff_invitations"),
    path("staff/invitations/list/", staff.invite_list, name="staff_invite_list"),
    path(
        "staff/invitations/<id:invitation_id>/revoke/",
        staff.revoke_invitation,
        name="staff_revoke_invitation",
    ),
    path("staff/users/", staff.user_list, name="staff_users"),
    path("staff/users/<id:user_id>/", staff.user_detail, name="staff_user"),
    path("staff/users/<id:user_id>/role/", staff.change_role, name="staff_change_role"),
    path(
        "staff/users/<id:user_id>/deactivate/",
        staff.deactivate_user,
        name="staff_deactivate_user",
    ),
    path(
        "staff/users/<id:user_id>/reactivate/",
        staff.reactivate_user,
        name="staff_reactivate_user",
    ),
    path("staff/audit/", staff.audit_log, name="staff_audit"),
]
