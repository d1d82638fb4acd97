"""Values the page layout needs for its security: the Content Security Policy nonce."""


def security(request):
    # django-csp's nonce is made when first read as text, and only then named in the header: the layout passes
    # it to GOV.UK Frontend's page template as ``cspNonce`` for the one inline script that template writes.
    nonce = getattr(request, "csp_nonce", None)
    return {"cspNonce": str(nonce) if nonce is not None else ""}
