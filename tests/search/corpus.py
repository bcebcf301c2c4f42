"""A fixed corpus of questions in Lithuanian, English and Russian, and what must find them.

Ids: 1-29 Lithuanian, 101-125 English, 201-222 Russian, 301-303 knowledge-base articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from search.backend import Document, DocumentKind

START = datetime(2026, 1, 1, tzinfo=UTC)


def _doc(
    id_: int,
    language: str,
    topic: str,
    title: str,
    body: str,
    boosted: str = "",
    kind: DocumentKind = DocumentKind.QUESTION,
) -> Document:
    return Document(
        kind=kind,
        id=id_,
        title=title,
        body=body,
        url_path=f"/{'questions' if kind == DocumentKind.QUESTION else 'kb'}/{id_}/x",
        language=language,
        topic=topic,
        answered=bool(boosted),
        boosted=boosted,
        updated_at=START + timedelta(days=id_ % 97),
    )


LITHUANIAN = [
    _doc(
        1,
        "lt",
        "residence-permits",
        "Leidimas gyventi pasibaigs po dviejų mėnesių – ką daryti?",
        "Mano leidimas laikinai gyventi galioja iki gegužės. Ar galiu prašymą pakeisti pateikti "
        "jau dabar ir ar reikia registruotis vizitui?",
        "Prašymą pakeisti leidimą laikinai gyventi pateikite per MIGRIS ne vėliau kaip prieš "
        "du mėnesius iki jo galiojimo pabaigos.",
    ),
    _doc(
        2,
        "lt",
        "residence-permits",
        "Kokių dokumentų reikia leidimui nuolat gyventi gauti?",
        "Lietuvoje gyvenu penkerius metus su leidimu laikinai gyventi. Kokius dokumentus turiu "
        "surinkti ir ar reikia išlaikyti egzaminus?",
    ),
    _doc(
        3,
        "lt",
        "health",
        "Ar darbdavys moka privalomąjį sveikatos draudimą?",
        "Dirbu pagal darbo sutartį. Ar mano sveikatos draudimą moka darbdavys, ar turiu mokėti "
        "pats? Kaip tai patikrinti?",
        "Dirbant pagal darbo sutartį privalomojo sveikatos draudimo įmokos išskaičiuojamos iš "
        "darbo užmokesčio. Draustumą galite pasitikrinti Valstybinės ligonių kasos svetainėje.",
    ),
    _doc(
        4,
        "lt",
        "health",
        "Kaip prisirašyti prie poliklinikos ir pasirinkti šeimos gydytoją?",
        "Atvykau neseniai ir noriu užsiregistruoti pas šeimos gydytoją. Kur kreiptis ir ko reikės?",
    ),
    _doc(
        5,
        "lt",
        "work",
        "Minimalus darbo užmokestis ir atlyginimas į rankas",
        "Koks šiuo metu minimalus mėnesinis darbo užmokestis ir kiek lieka sumokėjus mokesčius?",
        "Minimalioji mėnesinė alga nustatoma kasmet; iš jos išskaičiuojamas gyventojų pajamų "
        "mokestis ir socialinio draudimo įmokos.",
    ),
    _doc(
        6,
        "lt",
        "work",
        "Ar galiu keisti darbdavį turėdamas leidimą dirbti?",
        "Turiu leidimą laikinai gyventi darbo pagrindu. Naujas darbdavys siūlo geresnes sąlygas. "
        "Ar reikės naujo leidimo?",
    ),
    _doc(
        7,
        "lt",
        "driving",
        "Kaip pasikeisti užsienio vairuotojo pažymėjimą į lietuvišką?",
        "Turiu Ukrainos vairuotojo pažymėjimą. Ar galiu juo vairuoti Lietuvoje ir kaip jį "
        "pasikeisti Regitroje?",
    ),
    _doc(
        8,
        "lt",
        "citizenship",
        "Pilietybės egzaminą laikau kitą mėnesį",
        "Kaip pasiruošti Lietuvos Respublikos Konstitucijos pagrindų egzaminui ir valstybinės "
        "kalbos egzaminui prieš prašant pilietybės?",
    ),
    _doc(
        9,
        "lt",
        "language",
        "Nemokami lietuvių kalbos kursai Vilniuje",
        "Ieškau nemokamų lietuvių kalbos kursų pradedantiesiems. Gal kas žinote organizacijas, "
        "kurios juos rengia?",
    ),
    _doc(
        10,
        "lt",
        "housing",
        "Kaip deklaruoti gyvenamąją vietą nuomojamame bute?",
        "Nuomojuosi butą Kaune. Savininkas nenori, kad deklaruočiau gyvenamąją vietą. Ką daryti?",
    ),
    _doc(
        11,
        "lt",
        "family-reunification",
        "Šeimos susijungimas: kiek laiko nagrinėjamas prašymas?",
        "Noriu atsivežti žmoną ir vaikus. Kiek laiko Migracijos departamentas nagrinėja "
        "prašymą dėl šeimos susijungimo?",
    ),
    _doc(
        12,
        "lt",
        "asylum",
        "Prieglobsčio prašytojo teisės dirbti",
        "Pateikiau prieglobsčio prašymą. Ar galiu dirbti, kol laukiu sprendimo?",
    ),
    _doc(
        13,
        "lt",
        "education",
        "Vaiko priėmimas į darželį užsieniečiams",
        "Mūsų vaikui treji metai. Kaip užregistruoti jį į savivaldybės darželį, jei neturime "
        "leidimo nuolat gyventi?",
    ),
    _doc(
        14,
        "lt",
        "taxes",
        "Metinė pajamų deklaracija VMI: ar privalau teikti?",
        "Pirmus metus dirbu Lietuvoje. Ar turiu pildyti metinę gyventojų pajamų deklaraciją?",
    ),
    _doc(
        15,
        "lt",
        "social-security",
        "Sodros pensija dirbant Lietuvoje užsieniečiui",
        "Ar sukaupsiu Sodros pensiją, jei dirbsiu čia dešimt metų, o vėliau grįšiu namo?",
    ),
    _doc(
        16,
        "lt",
        "banking",
        "Banko sąskaitos atidarymas be leidimo gyventi",
        "Bankas atsisakė atidaryti sąskaitą, nes neturiu leidimo gyventi. Kur dar galima kreiptis?",
    ),
    _doc(
        17,
        "lt",
        "return",
        "Savanoriškas grįžimas į kilmės šalį",
        "Noriu grįžti namo. Ar yra programų, kurios padengia bilieto išlaidas?",
    ),
    _doc(
        18,
        "lt",
        "work",
        "Darbo sutarties nutraukimas bandomuoju laikotarpiu",
        "Darbdavys nori nutraukti darbo sutartį per bandomąjį laikotarpį. Ar tai turi įtakos "
        "mano leidimui?",
    ),
    _doc(
        19,
        "lt",
        "residence-permits",
        "MIGRIS sistemoje nematau savo prašymo būsenos",
        "Pateikiau prašymą MIGRIS prieš mėnesį, bet būsena vis dar „pateiktas“. Ar tai normalu?",
    ),
    _doc(
        20,
        "lt",
        "education",
        "Universiteto diplomo pripažinimas Lietuvoje",
        "Baigiau universitetą Indijoje. Kaip pripažinti diplomą, kad galėčiau dirbti pagal "
        "specialybę?",
    ),
    _doc(
        21,
        "lt",
        "housing",
        "Buto nuoma: ar nuomotojas gali reikalauti trijų mėnesių užstato?",
        "Nuomotojas prašo trijų mėnesių užstato ir atsisako sudaryti rašytinę sutartį.",
    ),
    _doc(
        22,
        "lt",
        "health",
        "Skubi medicinos pagalba be draudimo",
        "Ar ligoninė suteiks skubią pagalbą, jei neturiu sveikatos draudimo?",
    ),
    _doc(
        23,
        "lt",
        "work",
        "Darbas per agentūrą ir atlyginimo vėlavimas",
        "Įdarbinimo agentūra jau du mėnesius vėluoja mokėti atlyginimą. Kur skųstis?",
        "Kreipkitės į Valstybinę darbo inspekciją ir į Darbo ginčų komisiją.",
    ),
    _doc(
        24,
        "lt",
        "citizenship",
        "Dviguba pilietybė santuokos pagrindu",
        "Mano vyras lietuvis. Ar galėsiu turėti dvigubą pilietybę?",
    ),
]

ENGLISH = [
    _doc(
        101,
        "en",
        "residence-permits",
        "How do I renew my temporary residence permit?",
        "My TRP expires in two months. When should I apply for the renewal and do I need an "
        "appointment at the Migration Department?",
        "Apply in MIGRIS at least two months before your residence permit expires; the "
        "appointment is booked after the application.",
    ),
    _doc(
        102,
        "en",
        "residence-permits",
        "Can I travel while my residence permit renewal is being processed?",
        "I applied for renewal and my card expires next week. Can I leave the Schengen area?",
    ),
    _doc(
        103,
        "en",
        "health",
        "Does my employer pay my health insurance?",
        "I work under an employment contract. Is health insurance deducted from my salary "
        "automatically?",
        "Yes: compulsory health insurance contributions are withheld by your employer.",
    ),
    _doc(
        104,
        "en",
        "health",
        "Registering with a family doctor at a polyclinic",
        "How do I register with a GP? The polyclinic says I need a personal code.",
    ),
    _doc(
        105,
        "en",
        "work",
        "Changing employers on a work-based residence permit",
        "I hold a temporary residence permit for work. My new employer wants me to start next "
        "month. What must happen first?",
    ),
    _doc(
        106,
        "en",
        "taxes",
        "Do I have to file an annual income tax return?",
        "I moved to Lithuania last year and worked for two employers. Do I file a tax "
        "declaration with the VMI?",
    ),
    _doc(
        107,
        "en",
        "language",
        "Where can I learn Lithuanian for free?",
        "I am looking for free Lithuanian language courses for beginners in Vilnius or online.",
        "Several NGOs run free courses; ask Caritas or the Red Cross about the next group.",
    ),
    _doc(
        108,
        "en",
        "driving",
        "Exchanging a foreign driving licence in Lithuania",
        "I have a driver's license from India. Can I exchange it at Regitra without an exam?",
    ),
    _doc(
        109,
        "en",
        "citizenship",
        "Citizenship exam: what does the Constitution test cover?",
        "I plan to apply for citizenship. How hard is the exam on the basics of the Constitution?",
    ),
    _doc(
        110,
        "en",
        "housing",
        "Declaring my place of residence when renting a flat",
        "My landlord refuses to let me declare my address at the flat I rent. What can I do?",
    ),
    _doc(
        111,
        "en",
        "family-reunification",
        "Bringing my spouse and children: family reunification timeline",
        "How long does the Migration Department take to decide on family reunification?",
    ),
    _doc(
        112,
        "en",
        "asylum",
        "Can asylum seekers work while waiting for a decision?",
        "I applied for asylum four months ago. Am I allowed to take a job?",
    ),
    _doc(
        113,
        "en",
        "education",
        "Recognition of my university degree",
        "I studied engineering at university in Nigeria. How do I get my diploma recognised "
        "so I can work as an engineer?",
    ),
    _doc(
        114,
        "en",
        "social-security",
        "Will I get a Sodra pension if I leave Lithuania?",
        "I have paid social insurance for eight years. What happens to my pension if I move "
        "back home?",
    ),
    _doc(
        115,
        "en",
        "banking",
        "Opening a bank account as a newcomer",
        "Banks keep asking for documents I do not have yet. Which banks open accounts for "
        "foreigners?",
    ),
    _doc(
        116,
        "en",
        "work",
        "My employer pays my salary late every month",
        "The agency I work through has not paid wages for two months. Where do I complain?",
        "Write to the State Labour Inspectorate; the Labour Disputes Commission can order "
        "the payment.",
    ),
    _doc(
        117,
        "en",
        "return",
        "Help with voluntary return home",
        "Is there support for a plane ticket if I decide to return to my country of origin?",
    ),
    _doc(
        118,
        "en",
        "education",
        "Kindergarten place for my daughter",
        "How do foreigners apply for a municipal kindergarten place in Vilnius?",
    ),
    _doc(
        119,
        "en",
        "health",
        "Emergency care without insurance",
        "Will the hospital treat me in an emergency if I am not insured?",
    ),
    _doc(
        120,
        "en",
        "work",
        "What is the minimum wage after taxes?",
        "How much of the minimum monthly wage is left after income tax and social insurance?",
    ),
    _doc(
        121,
        "en",
        "residence-permits",
        "Lost residence permit card abroad",
        "I lost my residence permit card while travelling. How do I get back into Lithuania?",
    ),
    _doc(
        122,
        "en",
        "housing",
        "Universal credit style housing benefit?",
        "Is there a housing benefit for low-income renters similar to a universal allowance?",
    ),
    _doc(
        123,
        "en",
        "other",
        "Running and swimming clubs for newcomers",
        "Are there sports clubs where newcomers can meet people? I like running.",
    ),
    _doc(
        124,
        "en",
        "residence-permits",
        "Permission from the landlord for the residence permit application",
        "The migration office asks for proof of accommodation. Do I need written consent from "
        "the owner?",
    ),
    _doc(
        125,
        "en",
        "work",
        "Working remotely for a foreign company while living here",
        "Can I keep my remote job for a company abroad on a family reunification permit?",
    ),
]

RUSSIAN = [
    _doc(
        201,
        "ru",
        "residence-permits",
        "Вид на жительство для студентов после окончания учёбы",
        "Заканчиваю магистратуру в Вильнюсе. Могу ли я получить вид на жительство для поиска "
        "работы?",
        "Да, выпускники могут получить временный вид на жительство для поиска работы на срок "
        "до двенадцати месяцев.",
    ),
    _doc(
        202,
        "ru",
        "residence-permits",
        "Продление вида на жительство: когда подавать документы?",
        "Мой ВНЖ заканчивается через три месяца. За сколько времени нужно подать заявление "
        "на продление через MIGRIS?",
    ),
    _doc(
        203,
        "ru",
        "health",
        "Медицинская страховка для работающих по трудовому договору",
        "Оплачивает ли работодатель медицинскую страховку, или я должен платить сам?",
        "Обязательное медицинское страхование удерживается из зарплаты работодателем.",
    ),
    _doc(
        204,
        "ru",
        "driving",
        "Обмен водительских прав в Литве",
        "У меня водительские права Беларуси. Нужно ли сдавать экзамен, чтобы обменять их в "
        "Регитре?",
    ),
    _doc(
        205,
        "ru",
        "language",
        "Бесплатные курсы литовского языка в Каунасе",
        "Где можно записаться на курсы литовского языка для взрослых? Желательно вечером.",
    ),
    _doc(
        206,
        "ru",
        "work",
        "Смена работодателя с ВНЖ на основании работы",
        "Хочу перейти к другому работодателю. Нужно ли заново получать разрешение на работу?",
    ),
    _doc(
        207,
        "ru",
        "taxes",
        "Налоговая декларация для иностранцев",
        "Нужно ли подавать годовую декларацию о доходах, если я работаю только у одного "
        "работодателя?",
    ),
    _doc(
        208,
        "ru",
        "citizenship",
        "Экзамен по Конституции для получения гражданства",
        "Какие вопросы бывают на экзамене по основам Конституции Литовской Республики?",
    ),
    _doc(
        209,
        "ru",
        "housing",
        "Декларирование места жительства в арендованной квартире",
        "Хозяин квартиры против декларирования места жительства. Что делать?",
    ),
    _doc(
        210,
        "ru",
        "family-reunification",
        "Воссоединение семьи: какие документы нужны для жены",
        "Хочу привезти жену. Какие документы нужны для воссоединения семьи и сколько ждать "
        "решения?",
    ),
    _doc(
        211,
        "ru",
        "asylum",
        "Права просителей убежища на работу",
        "Подал заявление на убежище. Разрешено ли работать до решения Департамента миграции?",
    ),
    _doc(
        212,
        "ru",
        "education",
        "Запись ребёнка в детский сад",
        "Как записать ребёнка в муниципальный детский сад, если у нас временный вид на жительство?",
    ),
    _doc(
        213,
        "ru",
        "social-security",
        "Пенсия Содры после отъезда из Литвы",
        "Сохранится ли мой пенсионный стаж, если я уеду из Литвы через десять лет?",
    ),
    _doc(
        214,
        "ru",
        "banking",
        "Открытие банковского счёта без вида на жительство",
        "Банк отказал в открытии счёта. Какие банки открывают счета иностранцам?",
    ),
    _doc(
        215,
        "ru",
        "return",
        "Добровольное возвращение на родину",
        "Есть ли программы, которые оплачивают билет при добровольном возвращении?",
    ),
    _doc(
        216,
        "ru",
        "work",
        "Задержка зарплаты в агентстве",
        "Агентство уже два месяца задерживает зарплату. Куда жаловаться?",
        "Обратитесь в Государственную инспекцию труда и в Комиссию по трудовым спорам.",
    ),
    _doc(
        217,
        "ru",
        "health",
        "Как прикрепиться к поликлинике и выбрать семейного врача",
        "Недавно приехал. Как записаться к семейному врачу в поликлинике?",
    ),
    _doc(
        218,
        "ru",
        "residence-permits",
        "Учёт иностранцев: нужно ли сообщать о смене адреса?",
        "Я переехал в другую квартиру. Нужно ли сообщать о новом адресе в Департамент миграции?",
    ),
    _doc(
        219,
        "ru",
        "other",
        "Видео о жизни в Литве для новичков",
        "Посоветуйте видео или каналы о повседневной жизни в Литве.",
    ),
    _doc(
        220,
        "ru",
        "education",
        "Признание диплома университета",
        "Как признать диплом украинского университета, чтобы работать по специальности?",
    ),
    _doc(
        221,
        "ru",
        "work",
        "Минимальная зарплата после налогов",
        "Сколько остаётся от минимальной месячной зарплаты после уплаты налогов?",
    ),
    _doc(
        222,
        "ru",
        "health",
        "Скорая помощь без медицинской страховки",
        "Окажут ли неотложную помощь в больнице, если у меня нет страховки?",
    ),
]

ARTICLES = [
    _doc(
        301,
        "lt",
        "residence-permits",
        "Leidimo laikinai gyventi pakeitimas: žingsnis po žingsnio",
        "Leidimą laikinai gyventi reikia pakeisti, kai baigiasi jo galiojimas arba pasikeičia "
        "jo išdavimo pagrindas. Prašymas teikiamas per MIGRIS.",
        kind=DocumentKind.ARTICLE,
    ),
    _doc(
        302,
        "en",
        "health",
        "Health insurance in Lithuania: who is insured",
        "Employees, self-employed people and some others are covered by compulsory health "
        "insurance. Check your insurance status with the National Health Insurance Fund.",
        kind=DocumentKind.ARTICLE,
    ),
    _doc(
        303,
        "ru",
        "residence-permits",
        "Вид на жительство в Литве: обзор",
        "Временный вид на жительство выдаётся на основании работы, учёбы или воссоединения семьи.",
        kind=DocumentKind.ARTICLE,
    ),
]

CORPUS: list[Document] = [*LITHUANIAN, *ENGLISH, *RUSSIAN, *ARTICLES]


@dataclass(frozen=True)
class Finds:
    """`query` must rank every one of `ids` among its first three results."""

    query: str
    ids: tuple[int, ...]
    why: str


@dataclass(frozen=True)
class Misses:
    """`query` must not find any of `ids` (none at all if `ids` is empty)."""

    query: str
    ids: tuple[int, ...]
    why: str


FINDS = [
    # Inflected Lithuanian: another case of the same word.
    Finds("leidimo gyventi", (1,), "genitive finds the nominative of the title"),
    Finds("leidimas gyventi", (1,), "nominative"),
    Finds("leidimą nuolat gyventi", (2,), "accusative finds the dative in the title"),
    Finds("sveikatos draudimas", (3,), "nominative finds the accusative"),
    Finds("buto nuomos", (21,), "genitive finds the nominative"),
    Finds("vairuotojo pažymėjimo keitimas", (7,), "genitive and a noun for the verb"),
    Finds("pilietybės egzaminas", (8,), "nominative finds the accusative"),
    Finds("lietuvių kalbos kursus", (9,), "accusative plural finds the nominative"),
    Finds("gyvenamosios vietos deklaravimas", (10,), "genitive finds the accusative"),
    Finds("šeimos susijungimo", (11,), "genitive finds the nominative"),
    Finds("prieglobsčio prašytojai", (12,), "plural finds the singular"),
    Finds("darželio", (13,), "genitive finds the accusative"),
    Finds("pajamų deklaracijos", (14,), "genitive of the title's noun"),
    Finds("pensijos", (15,), "genitive finds the accusative"),
    Finds("diplomų pripažinimas", (20,), "plural genitive"),
    # Lithuanian typed without its letters.
    Finds("sveikatos draudima", (3,), "accusative without the ogonek"),
    Finds("darbo uzmokestis", (5,), "without the caron"),
    Finds("pilietybes egzaminas", (8,), "without the dot"),
    Finds("lietuviu kalbos kursai", (9,), "without the ogonek"),
    Finds("vairuotojo pazymejimas", (7,), "without the caron and the dot"),
    Finds("prasyma pakeisti leidima", (1,), "a whole phrase without diacritics"),
    # Russian case forms and letter variants.
    Finds("вид на жительство", (201, 303), "nominative"),
    Finds("продления вида на жительство", (202,), "genitive finds the nominative"),
    Finds("медицинской страховки", (203,), "genitive finds the nominative"),
    Finds("водительские права", (204,), "nominative finds the genitive"),
    Finds("курсы литовского языка", (205,), "nominative plural"),
    Finds("учет иностранцев", (218,), "е typed for ё"),
    Finds("детского сада", (212,), "genitive finds the accusative"),
    Finds("задержали зарплату", (216,), "another form of the verb"),
    Finds("воссоединение семьи", (210,), "nominative finds the genitive"),
    # English stems.
    Finds("renewing residence permits", (101,), "gerund and plural"),
    Finds("insured employees", (302,), "participle and plural"),
    Finds("employers paying insurance", (103,), "plural and gerund"),
    Finds("learning Lithuanian", (107,), "gerund"),
    Finds("exchange driving license", (108,), "American spelling in the body"),
    Finds("recognising degrees", (113,), "plural, British spelling"),
    Finds("wages paid late", (116,), "plural and past tense"),
    Finds("declared address", (110,), "past tense"),
    # Mixed-language queries.
    Finds("MIGRIS leidimas", (1, 301), "a system's name and a Lithuanian word"),
    Finds("residence permit leidimas gyventi", (301,), "English and Lithuanian words"),
    Finds("apply for leidimas laikinai gyventi", (1,), "English words around a Lithuanian term"),
    Finds("как получить leidimą laikinai gyventi", (1,), "Russian words around a Lithuanian term"),
    Finds("sveikatos draudimas health insurance", (3, 103), "Lithuanian and English"),
    Finds("Sodra pension", (114,), "an institution's name and English"),
    Finds("Sodros pensija", (15,), "Lithuanian forms of both"),
    Finds("ВНЖ MIGRIS", (202,), "an abbreviation and a system"),
    # Titles and knowledge-base articles weigh more.
    Finds("leidimo laikinai gyventi pakeitimas", (301,), "the article with the title"),
    Finds("minimum wage", (120,), "the title over mentions in bodies"),
]

MISSES = [
    Misses("news", (105, 218), "news is not new"),
    Misses("видео", (201, 202, 212, 214, 303), "вид (permit) is not видео (video)"),
    Misses("darbas", (13,), "work is not darželis (kindergarten)"),
    Misses("permission", (101, 105, 121), "permission is not permit"),
    Misses("running", (101, 102), "running is not renewal"),
    Misses("kaip ir kur", (), "function words alone find nothing"),
    Misses("the and of", (), "English function words alone find nothing"),
    Misses("xqzvwk", (), "a word no document has"),
    Misses("пенсия", (15, 114), "a Russian word finds Russian documents only"),
]
