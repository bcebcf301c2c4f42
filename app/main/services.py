"""Reading topics and organisations for the pages that list them, and the site's own pages."""

from sqlalchemy import select, text

from app.extensions import db
from app.models import STAFF_ROLES, HelpContact, Organisation, Topic, UrgentReason, User
from app.sitemap import SitemapPage, SitemapSource


def all_topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def topic_by_slug(slug: str) -> Topic | None:
    return db.session.scalar(select(Topic).where(Topic.slug == slug))


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name_lt)))


def organisation_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def organisation_experts(organisation: Organisation) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.organisation_id == organisation.id,
                User.role.in_(STAFF_ROLES),
                User.deleted_at.is_(None),
            )
            .order_by(User.display_name)
        )
    )


def help_contacts(language: str) -> list[HelpContact]:
    """The help contacts listed for one language, in the admins' order."""
    return list(
        db.session.scalars(
            select(HelpContact)
            .where(HelpContact.language == language)
            .order_by(HelpContact.position, HelpContact.id)
        )
    )


def help_contacts_by_reason(language: str) -> dict[str, list[HelpContact]]:
    """For each urgent reason, the contacts of `language` that help with it."""
    contacts = help_contacts(language)
    return {
        reason.value: [c for c in contacts if reason.value in c.reason_codes]
        for reason in UrgentReason
    }


def database_reachable() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return False
    return True


def _site_pages() -> list[SitemapPage]:
    return [
        SitemapPage.in_every_language("main.home"),
        SitemapPage.in_every_language("main.about"),
        SitemapPage.in_every_language("main.privacy"),
        SitemapPage.in_every_language("main.organisations"),
        *(
            SitemapPage.in_every_language("main.organisation", slug=organisation.slug)
            for organisation in all_organisations()
        ),
    ]


# the home, about and privacy pages and the organisations directory, for /sitemap.xml
SITE_PAGES = SitemapSource(
    "site",
    count=lambda: len(_site_pages()),
    pages=lambda offset, limit: _site_pages()[offset : offset + limit],
)
