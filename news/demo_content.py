"""Demo news and events: general facts only, with no figures and no promises on anyone's behalf."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoItem:
    language: str
    slug: str
    title: str
    summary: str
    body: str
    place: str = ""


@dataclass(frozen=True)
class DemoStory:
    """One group: news (days_ago) or an event (starts in_days at hour, for hours, Vilnius time)."""

    items: tuple[DemoItem, ...]
    kind: str = "news"
    organisation: str = ""
    days_ago: int = 0
    in_days: int | None = None
    hour: int = 17
    hours: int = 2
    online: bool = False
    registration_url: str = ""
    published: bool = True


STORIES = (
    DemoStory(
        organisation="migration-department",
        days_ago=3,
        items=(
            DemoItem(
                "lt",
                "prasymai-leidimams-gyventi-per-migris",
                "Prašymai dėl leidimo gyventi teikiami per MIGRIS",
                "Prašymą išduoti ar pakeisti leidimą laikinai gyventi pradedama pildyti "
                "Lietuvos migracijos informacinėje sistemoje MIGRIS.",
                "Prašymą dėl leidimo laikinai gyventi pirmiausia užpildote sistemoje **MIGRIS**, "
                "tada pasirenkate laiką atvykti į Migracijos departamentą.\n\n"
                "- Pasiruoškite dokumentus iš anksto ir patikrinkite jų galiojimą.\n"
                "- Prašymą pakeisti leidimą pateikite laiku, kol dar galioja dabartinis.\n\n"
                "Tikslius reikalavimus savo atvejui visada pasitikrinkite Migracijos "
                "departamente.",
            ),
            DemoItem(
                "en",
                "residence-permit-applications-through-migris",
                "Residence permit applications go through MIGRIS",
                "Applications for a temporary residence permit, or to replace one, start in "
                "MIGRIS, the Lithuanian migration information system.",
                "You first fill in the application for a temporary residence permit in "
                "**MIGRIS**, then choose a time to visit the Migration Department.\n\n"
                "- Prepare your documents in advance and check that they are still valid.\n"
                "- Apply to replace a permit in time, while the current one is still valid.\n\n"
                "Always check the exact requirements for your own case with the Migration "
                "Department.",
            ),
            DemoItem(
                "ru",
                "zayavleniya-na-vnzh-cherez-migris",
                "Заявления на вид на жительство подаются через MIGRIS",
                "Заявление на выдачу или замену временного вида на жительство начинают "
                "заполнять в MIGRIS — информационной системе миграции Литвы.",
                "Сначала вы заполняете заявление на временный вид на жительство в **MIGRIS**, "
                "затем выбираете время визита в Департамент миграции.\n\n"
                "- Подготовьте документы заранее и проверьте, что они действительны.\n"
                "- Подавайте заявление о замене вовремя, пока текущий вид ещё действует.\n\n"
                "Точные требования для вашего случая всегда уточняйте в Департаменте миграции.",
            ),
        ),
    ),
    DemoStory(
        organisation="caritas-lithuania",
        days_ago=8,
        items=(
            DemoItem(
                "en",
                "where-to-look-for-lithuanian-language-courses",
                "Where to look for Lithuanian language courses",
                "Several organisations that work with foreigners offer Lithuanian language "
                "courses. Ask them about the next groups.",
                "Learning Lithuanian helps at work, at school and with institutions. Some "
                "non-governmental organisations that work with foreigners run language courses "
                "for beginners.\n\n"
                "Ask the organisation directly about the next groups, the level and the "
                "schedule: courses change from season to season.",
            ),
        ),
    ),
    DemoStory(
        days_ago=15,
        items=(
            DemoItem(
                "lt",
                "persikelus-deklaruokite-gyvenamaja-vieta",
                "Persikėlus – deklaruokite gyvenamąją vietą",
                "Pakeitus adresą Lietuvoje, gyvenamąją vietą reikia deklaruoti iš naujo. Tai "
                "galima padaryti seniūnijoje arba internetu.",
                "Kai persikeliate gyventi kitur, deklaruokite naują gyvenamąją vietą. "
                "Tai galima padaryti savivaldybės seniūnijoje arba elektroninių paslaugų "
                "portale.\n\n"
                "Deklaruota gyvenamoji vieta svarbi daugeliui paslaugų, todėl neatidėliokite. "
                "Kokių dokumentų reikės, pasiteiraukite savo seniūnijoje.",
            ),
        ),
    ),
    DemoStory(
        organisation="migration-department",
        days_ago=21,
        items=(
            DemoItem(
                "ru",
                "kak-podgotovitsya-k-vizitu-v-departament-migratsii",
                "Как подготовиться к визиту в Департамент миграции",
                "Несколько простых шагов, которые помогают, чтобы визит прошёл спокойно "
                "и без повторного прихода.",
                "Перед визитом проверьте, что вы записались на нужную услугу, и возьмите "
                "с собой паспорт и оригиналы документов, которые прикладывали к заявлению.\n\n"
                "Если чего-то не хватает, спросите заранее, можно ли донести документ позже. "
                "Требования для вашего случая уточняйте в самом департаменте.",
            ),
        ),
    ),
    DemoStory(
        kind="event",
        organisation="iom-vilnius",
        days_ago=2,
        in_days=10,
        hour=17,
        hours=2,
        online=True,
        items=(
            DemoItem(
                "en",
                "online-information-session-for-newcomers",
                "Online information session for newcomers",
                "An online meeting on the first steps in Lithuania: documents, declaring your "
                "place of residence, health insurance. Bring your questions.",
                "The session is for people who have recently come to Lithuania. We will go "
                "through the first steps and say which institution deals with what.\n\n"
                "There will be time for questions. The session is general information, not "
                "advice on your own case.",
            ),
            DemoItem(
                "ru",
                "onlain-vstrecha-dlya-nedavno-priekhavshikh",
                "Онлайн-встреча для недавно приехавших",
                "Онлайн-встреча о первых шагах в Литве: документы, декларирование места "
                "жительства, медицинское страхование. Приходите с вопросами.",
                "Встреча для тех, кто недавно приехал в Литву. Мы пройдём первые шаги и "
                "расскажем, какое учреждение чем занимается.\n\n"
                "Будет время для вопросов. Это общая информация, а не консультация по "
                "вашему делу.",
            ),
        ),
    ),
    DemoStory(
        kind="event",
        organisation="red-cross-lithuania",
        days_ago=5,
        in_days=20,
        hour=10,
        hours=4,
        registration_url="https://www.redcross.lt",
        items=(
            DemoItem(
                "lt",
                "konsultaciju-diena-uzsienieciams-vilniuje",
                "Konsultacijų diena užsieniečiams Vilniuje",
                "Teisininkai atsakys į bendrus klausimus apie prieglobstį ir leidimus "
                "gyventi. Registracija būtina.",
                "Konsultacijų dieną galėsite užduoti klausimus apie prieglobsčio procedūrą, "
                "leidimus gyventi ir šeimos susijungimą.\n\n"
                "Konsultacijos nemokamos. Atsineškite savo dokumentų kopijas.",
                place="Vilnius",
            ),
        ),
    ),
    DemoStory(
        kind="event",
        organisation="caritas-lithuania",
        days_ago=40,
        in_days=-20,
        hour=18,
        hours=2,
        items=(
            DemoItem(
                "en",
                "information-evening-for-newcomers-in-kaunas",
                "Information evening for newcomers in Kaunas",
                "An evening to meet others who have moved to Kaunas, and to hear where to "
                "turn for language courses, work and housing.",
                "A relaxed evening with short talks and time to talk to each other.\n\n"
                "Staff of the organisation will say where to turn for language courses, "
                "looking for work and finding housing.",
                place="Kaunas",
            ),
        ),
    ),
    DemoStory(
        published=False,
        days_ago=0,
        items=(
            DemoItem(
                "lt",
                "nauji-lietuviu-kalbos-kursai-juodrastis",
                "Nauji lietuvių kalbos kursai pradedantiesiems",
                "Juodraštis: kursų datos ir vieta dar tikslinamos su organizatoriais.",
                "Kai organizatoriai patvirtins datas ir vietą, šią žinią papildysime ir "
                "paskelbsime.",
            ),
        ),
    ),
)
