"""Every form field of the site takes the XSS corpus, and no page gives any of it back as markup.

The walk that sends the corpus is in tests/walk (shared with the browser test through
the `xss_site` fixture); these tests check what it found and that it missed nothing.
"""

from tests.walk import form_fields
from tests.xss import STORABLE

# POST routes whose form only a state that the demo does not have shows, and why
NOT_REACHED = {
    "auth.resend_confirmation": "a button without fields, for accounts not yet confirmed",
    # its form is the decision form, sent through publication.decide by the demo member
    "publication.consent_link": "a mailed link that opens only for the asker it was sent to",
    "publication.withdraw": "a button without fields, for the asker of a published version",
}


def test_no_page_took_markup_from_the_corpus(xss_site):
    _, walker = xss_site
    assert walker.seen.pages > 300
    problems = walker.seen.problems
    assert problems == [], f"{len(problems)} problems, the first ones:\n" + "\n".join(problems[:40])


def test_every_post_route_of_the_url_map_got_its_form_sent(xss_site):
    app, walker = xss_site
    posted = {form.endpoint for form in walker.forms.values() if form.method == "post"}
    routes = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert routes - posted - set(NOT_REACHED) == set(), (
        "No page that the walk reached has a form for these routes. Link their page from the "
        "demo content, or add them to NOT_REACHED with the reason."
    )


def test_every_field_of_every_form_class_was_sent_the_corpus(xss_site):
    _, walker = xss_site
    sent = walker.seen.fields_sent_vectors
    missed = {
        name: sorted(fields - sent[name])
        for name, fields in form_fields().items()
        if fields - sent[name]
    }
    assert missed == {}


def test_every_field_was_sent_every_vector(xss_site):
    _, walker = xss_site
    short = {
        f"{key[1]} {name}": len(STORABLE) - len(sent)
        for (key, name), sent in walker.seen.vectors_per_field.items()
        if len(sent) < len(STORABLE)
    }
    assert short == {}
    assert len(walker.seen.vectors_per_field) > 50


def test_errors_holding_the_typed_value_were_shown_as_text(xss_site):
    # every form page that shows errors showed the careless lazy message, escaped
    _, walker = xss_site
    assert walker.seen.hostile_shown > 50


def test_every_vector_was_stored(xss_site):
    _, walker = xss_site
    assert set(STORABLE) - walker.seen.stored_vectors == set()


def test_stored_values_were_found_on_the_pages_that_show_them(xss_site):
    _, walker = xss_site
    stored = walker.seen.stored_tokens
    missing = {token: at for token, at in stored.items() if token not in walker.seen.found_tokens}
    assert len(stored) > 20
    # Some forms keep text that no page shows by design (a new account's name before it posts,
    # an expert application once declined), so not every value is found again.
    assert len(missing) <= len(stored) // 4, missing


def test_no_lazy_string_took_a_typed_value(xss_site):
    _, walker = xss_site
    assert walker.seen.lazy_with_text == []
