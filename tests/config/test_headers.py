"""Headers every page carries, in the normal settings: CSP with a nonce GOV.UK Frontend's script uses,
Permissions-Policy, Referrer-Policy, and no-store on pages the service makes."""

import re

import pytest


@pytest.mark.django_db
def test_a_page_names_its_nonce_in_the_policy_and_the_inline_script_carries_it(client):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>", html)
    assert inline, "GOV.UK Frontend's page template writes one inline script"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_two_pages_get_two_nonces(client):
    first = re.search(r"'nonce-([^']+)'", client.get("/accessibility/").headers["Content-Security-Policy"]).group(1)
    second = re.search(r"'nonce-([^']+)'", client.get("/accessibility/").headers["Content-Security-Policy"]).group(1)
    assert first != second


@pytest.mark.django_db
def test_a_signed_in_page_with_personal_data_is_not_stored(client, planner):
    client.force_login(planner)
    response = client.get("/your-work/")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_no_template_writes_an_inline_style_or_script_the_policy_would_block():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "areasend"
    offenders = []
    for template in root.rglob("*.html"):
        text = template.read_text()
        if re.search(r"\sstyle=\"", text) or re.search(r"\son[a-z]+=\"", text) or re.search(r"<script(?![^>]*src=)", text):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []
