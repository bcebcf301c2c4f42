"""Demo accounts and organisations for trying MIPAS on a laptop; never loaded in production."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from app.auth.services import create_account
from app.extensions import db
from app.models import HelpContact, Organisation, OrganisationKind, Role, UrgentReason, User

DEMO_PASSWORD = "demo-password"  # noqa: S105 - published in README.md for trying the site

# key, e-mail, name, role, language, organisation; feature loaders find accounts by key
DEMO_ACCOUNTS = (
    ("admin", "admin@mipas.example", "Administratorė Rūta", Role.ADMIN, "lt", None),
    ("moderator", "moderator@mipas.example", "Moderatorius Tomas", Role.MODERATOR, "lt", None),
    ("expert", "expert@mipas.example", "Expert Laura", Role.EXPERT, "en", "red-cross-lithuania"),
    ("member", "member@mipas.example", "Олена", Role.MEMBER, "ru", None),
)

DEMO_ORGANISATIONS = (
    {
        "slug": "migration-department",
        "kind": OrganisationKind.PUBLIC,
        "website": "https://migracija.lrv.lt",
        "name_lt": "Migracijos departamentas",
        "name_en": "Migration Department",
        "name_ru": "Департамент миграции",
        "description_lt": "Valstybės institucija, kuri išduoda leidimus gyventi, vizas ir "
        "sprendžia prieglobsčio bei pilietybės klausimus.",
        "description_en": "The public body that issues residence permits and visas and decides "
        "on asylum and citizenship.",
        "description_ru": "Государственное учреждение, которое выдаёт виды на жительство и визы и "
        "решает вопросы убежища и гражданства.",
    },
    {
        "slug": "red-cross-lithuania",
        "kind": OrganisationKind.NGO,
        "website": "https://www.redcross.lt",
        "name_lt": "Lietuvos Raudonojo Kryžiaus draugija",
        "name_en": "Lithuanian Red Cross Society",
        "name_ru": "Литовское общество Красного Креста",
        "description_lt": "Teikia nemokamas teisines konsultacijas prieglobsčio prašytojams ir "
        "pabėgėliams, padeda ieškantiems artimųjų.",
        "description_en": "Gives free legal counselling to asylum seekers and refugees and helps "
        "people trace their relatives.",
        "description_ru": "Бесплатно консультирует просителей убежища и беженцев по правовым "
        "вопросам, помогает в поиске родственников.",
    },
    {
        "slug": "caritas-lithuania",
        "kind": OrganisationKind.NGO,
        "website": "https://www.caritas.lt",
        "name_lt": "Lietuvos Caritas",
        "name_en": "Caritas Lithuania",
        "name_ru": "Каритас Литвы",
        "description_lt": "Padeda užsieniečiams integruotis: konsultacijos, lietuvių kalbos "
        "kursai, pagalba ieškant būsto ir darbo.",
        "description_en": "Helps foreigners settle in: counselling, Lithuanian language courses, "
        "help finding housing and work.",
        "description_ru": "Помогает иностранцам интегрироваться: консультации, курсы литовского "
        "языка, помощь в поиске жилья и работы.",
    },
    {
        "slug": "iom-vilnius",
        "kind": OrganisationKind.INTERNATIONAL,
        "website": "https://lithuania.iom.int",
        "name_lt": "Tarptautinės migracijos organizacijos Vilniaus biuras",
        "name_en": "International Organization for Migration, Vilnius office",
        "name_ru": "Бюро Международной организации по миграции в Вильнюсе",
        "description_lt": "Teikia informaciją atvykstantiems ir padeda norintiems savanoriškai "
        "grįžti į kilmės šalį.",
        "description_en": "Informs newcomers and helps people who choose to return voluntarily "
        "to their country of origin.",
        "description_ru": "Информирует приезжающих и помогает тем, кто решил добровольно "
        "вернуться в страну происхождения.",
    },
    {
        "slug": "employment-service",
        "kind": OrganisationKind.PUBLIC,
        "website": "https://uzt.lt",
        "name_lt": "Užimtumo tarnyba",
        "name_en": "Employment Service",
        "name_ru": "Служба занятости",
        "description_lt": "Tarpininkauja įdarbinant ir sprendžia dėl užsieniečių darbo "
        "atitikties Lietuvos darbo rinkos poreikiams.",
        "description_en": "Helps people find work and decides whether a foreigner's job meets "
        "the needs of the Lithuanian labour market.",
        "description_ru": "Помогает найти работу и решает, соответствует ли работа иностранца "
        "потребностям рынка труда Литвы.",
    },
    {
        "slug": "providus",
        "kind": OrganisationKind.NGO,
        "website": "https://providus.lv",
        "name_lt": "Viešosios politikos centras PROVIDUS (Latvija)",
        "name_en": "Centre for Public Policy PROVIDUS (Latvia)",
        "name_ru": "Центр публичной политики PROVIDUS (Латвия)",
        "description_lt": "Rygos analitinis centras, tyrinėjantis imigrantų integracijos politiką "
        "ir vedantis mentorystės programą trečiųjų šalių piliečiams.",
        "description_en": "A think tank in Riga that studies immigrant integration policy and "
        "runs a mentoring programme for third-country nationals.",
        "description_ru": "Аналитический центр в Риге, изучающий политику интеграции иммигрантов "
        "и ведущий программу наставничества для граждан третьих стран.",
    },
)


# Help contacts for urgent questions, each number read on the official page named as its source
# on the day given. Numbers we could not find on an official page are left out (the Lithuanian
# Red Cross's legal help for asylum seekers, which publishes an e-mail address only): check them
# and add them on the admin page "Help contacts".
HELP_CONTACTS_CHECKED_ON = date(2026, 12, 4)
EVERY_REASON = ",".join(reason.value for reason in UrgentReason)
DEMO_HELP_CONTACTS = (
    {
        "position": 0,
        "phone": "112",
        "reasons": EVERY_REASON,
        "source_url": "https://bpc.lrv.lt/lt/numeris-112/",
        "name": {
            "lt": "Bendrasis pagalbos numeris 112",
            "en": "Emergency number 112",
            "ru": "Единый номер экстренной помощи 112",
        },
        "hours": {
            "lt": "visą parą, nemokamai",
            "en": "day and night, free",
            "ru": "круглосуточно, бесплатно",
        },
        "helps_with": {
            "lt": "Policija, greitoji medicinos pagalba, ugniagesiai, kai gresia pavojus gyvybei, "
            "sveikatai ar saugumui.",
            "en": "Police, ambulance and fire service when life, health or safety is in danger.",
            "ru": "Полиция, скорая помощь и пожарные, когда под угрозой жизнь, здоровье или "
            "безопасность.",
        },
    },
    {
        "position": 10,
        "phone": "+370 616 91119",
        "reasons": UrgentReason.VIOLENCE.value,
        "source_url": "https://vilnius.lt/lt/sveikata-ir-socialiniai-reikalai/"
        "isteigta-pagalbos-telefonu-linija-pranesimams-apie-prekybos-zmonemis-atvejus/",
        "name": {
            "lt": "Pagalbos linija dėl prekybos žmonėmis",
            "en": "Human trafficking helpline",
            "ru": "Горячая линия по торговле людьми",
        },
        "hours": {
            "lt": "visą parą; lietuvių, anglų ir rusų kalbomis",
            "en": "day and night; in Lithuanian, English and Russian",
            "ru": "круглосуточно; на литовском, английском и русском",
        },
        "helps_with": {
            "lt": "Jei jūs ar kitas žmogus galbūt nukentėjote nuo prekybos žmonėmis: "
            "informacija ir nukreipimas į pagalbą teikiančias organizacijas.",
            "en": "If you or someone else may be a victim of human trafficking: information, "
            "and referral to organisations that help.",
            "ru": "Если вы или другой человек, возможно, пострадали от торговли людьми: "
            "информация и направление в организации, которые помогают.",
        },
    },
    {
        "position": 20,
        "phone": "116 111",
        "reasons": UrgentReason.VIOLENCE.value,
        "source_url": "https://vaikoteises.lt/vaiko-teisiu-apsauga/vaiko-konstitucija/",
        "name": {
            "lt": "Pagalbos vaikams linija",
            "en": "Helpline for children",
            "ru": "Линия помощи детям",
        },
        "hours": {"lt": "", "en": "", "ru": ""},
        "helps_with": {
            "lt": "Vaikams, patiriantiems smurtą, patyčias ar nepriežiūrą.",
            "en": "For children who face violence, bullying or neglect.",
            "ru": "Для детей, которые сталкиваются с насилием, травлей или пренебрежением.",
        },
    },
    {
        "position": 30,
        "phone": "+370 800 66366",
        "reasons": UrgentReason.VIOLENCE.value,
        "source_url": "https://www.epolicija.lt/web/guest/svarbi-informacija",
        "name": {
            "lt": "Pagalbos moterims linija",
            "en": "Women's helpline",
            "ru": "Линия помощи женщинам",
        },
        "hours": {
            "lt": "visą parą, nemokamai",
            "en": "day and night, free",
            "ru": "круглосуточно, бесплатно",
        },
        "helps_with": {
            "lt": "Emocinė parama patiriantiems smurtą artimoje aplinkoje.",
            "en": "Emotional support for people facing violence at home.",
            "ru": "Эмоциональная поддержка для тех, кто сталкивается с насилием в семье.",
        },
    },
    {
        "position": 40,
        "phone": "116 123",
        "reasons": f"{UrgentReason.VIOLENCE.value},{UrgentReason.HEALTH.value}",
        "source_url": "https://www.epolicija.lt/web/guest/svarbi-informacija",
        "name": {
            "lt": "Vilties linija",
            "en": "Hope Line (Vilties linija)",
            "ru": "Линия надежды (Vilties linija)",
        },
        "hours": {
            "lt": "visą parą",
            "en": "day and night",
            "ru": "круглосуточно",
        },
        "helps_with": {
            "lt": "Emocinė parama krizėje, kai sunku ir reikia pasikalbėti.",
            "en": "Emotional support in a crisis, when things are hard and you need to talk.",
            "ru": "Эмоциональная поддержка в кризисе, когда тяжело и нужно поговорить.",
        },
    },
)


def load_help_contacts() -> None:
    for contact in DEMO_HELP_CONTACTS:
        for language in ("lt", "en", "ru"):
            db.session.add(
                HelpContact(
                    language=language,
                    position=contact["position"],
                    name=contact["name"][language],
                    phone=contact["phone"].replace(" ", ""),
                    hours=contact["hours"][language],
                    helps_with=contact["helps_with"][language],
                    reasons=contact["reasons"],
                    source_url=contact["source_url"],
                    checked_on=HELP_CONTACTS_CHECKED_ON,
                )
            )


def load() -> bool:
    """Add the demo organisations, accounts and content; return False if they are there."""
    if db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0][1])):
        return False
    organisations = {}
    for values in DEMO_ORGANISATIONS:
        organisation = Organisation(**{**values, "kind": values["kind"].value})
        db.session.add(organisation)
        organisations[organisation.slug] = organisation
    db.session.commit()
    accounts = {}
    for key, email, name, role, language, organisation_slug in DEMO_ACCOUNTS:
        user = create_account(email, name, DEMO_PASSWORD, role, language)
        if organisation_slug:
            user.organisation = organisations[organisation_slug]
        accounts[key] = user
    load_help_contacts()
    db.session.commit()
    # each feature package adds its own demo content (registered in create_app)
    for load_feature_demo in current_app.extensions.get("demo_loaders", ()):
        load_feature_demo(accounts)
    return True
