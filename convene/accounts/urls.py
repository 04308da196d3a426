from django.urls import path

from convene.accounts.views import account, sign_in

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
    # Two-factor sign-in (views/two_factor.py)
    # Delegates (views/delegates.py)
    # Staff administration (views/staff.py)
]
