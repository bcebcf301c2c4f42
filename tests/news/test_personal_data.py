"""A staff member's news items are in their data download and outlive their account."""

import json

from tests.conftest import PASSWORD


def test_the_download_holds_the_news_one_wrote_and_deletion_keeps_it(
    client, write, moderator, sign_in
):
    published = write("Migration Department opens a new service")
    draft = write("A course that is not announced yet", published=False)
    sign_in(moderator.email)
    response = client.post("/en/account/export", data={"current_password": PASSWORD})
    items = {item["title"]: item for item in json.loads(response.data)["news_items"]}
    assert items[published.title]["status"] == "published"
    assert items[draft.title]["status"] == "draft"
    assert items[draft.title]["body_markdown"].startswith("A body long enough")
    client.post("/en/account/delete", data={"current_password": PASSWORD, "posts": "remove"})
    assert published.title in client.get(f"/en/news/{published.slug}").get_data(as_text=True)
