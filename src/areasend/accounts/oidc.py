"""Signing in through OpenID Connect (mozilla-django-oidc), for a department's identity provider or GOV.UK One Login.

The provider proves who someone is; the service decides what they may do. So nobody gets an account
by signing in: the address the provider vouches for (and says it has verified) must belong to one
active account already made by invitation, and only then is the person signed in.
"""

from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from areasend.accounts.models import User


class AreasendOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):  # never called while OIDC_CREATE_USER is False; refused all the same
        return None
