"""News in Chromium without JavaScript, by keyboard: a moderator announces an event."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.test_moderation_journey import sign_in


def test_a_moderator_announces_an_event_by_keyboard_without_javascript(new_page) -> None:
    moderator: Page = new_page(java_script_enabled=False)
    sign_in(moderator, "moderator@mipas.example")
    moderator.goto("/lt/news/new")
    title = f"Konsultacijų vakaras Klaipėdoje {uuid.uuid4().hex[:4]}"
    moderator.get_by_role("radio", name="Renginys").check()
    moderator.get_by_label("Pavadinimas").fill(title)
    moderator.get_by_label("Santrauka").fill("Teisininkai atsakys į bendrus klausimus.")
    moderator.get_by_label("Tekstas", exact=True).fill(
        "Atsineškite savo dokumentų kopijas. Konsultacijos nemokamos, registracija nebūtina."
    )
    moderator.get_by_label("Pradžia (renginiams)").fill("2030-05-01T18:00")
    # the end before the start: the form comes back, says why beside the field, keeps the rest
    moderator.get_by_label("Pabaiga (renginiams, neprivaloma)").fill("2030-05-01T17:00")
    place = moderator.get_by_label("Vieta (renginiams)")
    place.fill("Klaipėda")
    place.press("Enter")
    expect(moderator.locator("#ends_at-error")).to_have_text(
        "Renginys negali baigtis anksčiau, nei prasideda."
    )
    expect(moderator.get_by_label("Pavadinimas")).to_have_value(title)
    end = moderator.get_by_label("Pabaiga (renginiams, neprivaloma)")
    end.fill("2030-05-01T20:00")
    end.press("Enter")
    expect(moderator).to_have_url(re.compile(r"/lt/news/konsultaciju-vakaras-klaipedoje-\w+$"))
    publish = moderator.get_by_role("button", name="Skelbti")
    publish.focus()
    moderator.keyboard.press("Enter")
    expect(moderator.locator(".flash-success")).to_have_text("Naujiena paskelbta.")

    visitor: Page = new_page(java_script_enabled=False)
    visitor.goto("/ru/news/?kind=event")
    upcoming = visitor.locator("section[aria-labelledby='upcoming-title']")
    expect(upcoming.get_by_role("link", name=title)).to_be_visible()
    upcoming.get_by_role("link", name=title).press("Enter")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("dl.event-facts")).to_contain_text("1 мая 2030")
    expect(visitor.locator("dl.event-facts")).to_contain_text("18:00–20:00")
