"""Demo knowledge-base articles, made from demo threads with accepted answers.

Pure data, loaded by forum/knowledge/demo.py. The texts are general and cautious: they
describe how things usually work and name the institution that publishes the current rules.
They are not legal advice.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArticle:
    language: str  # "lt" | "en" | "ru"
    slug: str
    title: str
    summary: str
    body: str  # Markdown


@dataclass(frozen=True)
class DemoGroup:
    """One subject: the demo thread it was made from and its articles, the original first."""

    question_title: str  # the title of a demo question with an accepted answer
    articles: tuple[DemoArticle, ...]
    checked_days_ago: int = 20  # when it was last checked; past the review period: overdue


GROUPS: tuple[DemoGroup, ...] = (
    DemoGroup(
        question_title=(
            "How early should I apply to renew my TRP, and can I keep working while I wait?"
        ),
        articles=(
            DemoArticle(
                "en",
                "renewing-a-temporary-residence-permit",
                "Renewing a temporary residence permit (TRP)",
                "Apply for a new permit through MIGRIS well before your card expires – as a "
                "rule at least two months ahead – and check your own deadline there.",
                "# How it usually works\n\n"
                "- You apply yourself in **MIGRIS**, the online system of the Migration "
                "Department (Migracijos departamentas): fill in the application, upload the "
                "documents, pay the state fee and book an appointment.\n"
                "- Apply **well before the permit expires**, as a rule at least two months "
                "ahead. Appointment slots can be limited.\n"
                "- At the appointment you usually show your passport and current card and "
                "give biometric data.\n\n"
                "# While you wait\n\n"
                "If you applied on time, you can usually stay lawfully until the decision. "
                "Whether you may keep working after the card expires depends on your case: "
                "check it with the Migration Department and your employer.\n\n"
                "Fees, deadlines and processing times change. Check them in MIGRIS and on "
                "the Migration Department's website before you act.",
            ),
            DemoArticle(
                "lt",
                "leidimo-laikinai-gyventi-keitimas",
                "Leidimo laikinai gyventi keitimas",
                "Prašymą išduoti naują leidimą pateikite per MIGRIS gerokai prieš baigiantis "
                "dabartinio galiojimui – paprastai ne vėliau kaip prieš du mėnesius.",
                "# Kaip tai paprastai vyksta\n\n"
                "- Prašymą pateikiate patys **MIGRIS** sistemoje (Migracijos departamentas): "
                "užpildote prašymą, įkeliate dokumentus, sumokate valstybės rinkliavą ir "
                "užsiregistruojate vizitui.\n"
                "- Prašymą pateikite **gerokai prieš baigiantis leidimo galiojimui**, "
                "paprastai ne vėliau kaip prieš du mėnesius.\n"
                "- Vizito metu paprastai pateikiate pasą, dabartinę kortelę ir biometrinius "
                "duomenis.\n\n"
                "# Kol laukiate sprendimo\n\n"
                "Jei prašymą pateikėte laiku, paprastai galite teisėtai likti Lietuvoje iki "
                "sprendimo. Ar galite toliau dirbti, priklauso nuo jūsų atvejo – "
                "pasitikslinkite Migracijos departamente ir pas darbdavį.\n\n"
                "Rinkliavos, terminai ir nagrinėjimo trukmė keičiasi: prieš veikdami "
                "patikrinkite juos MIGRIS sistemoje ir Migracijos departamento svetainėje.",
            ),
            DemoArticle(
                "ru",
                "prodlenie-vremennogo-vida-na-zhitelstvo",
                "Замена временного вида на жительство (ВНЖ)",
                "Подайте заявление на новый ВНЖ через MIGRIS заранее – как правило, не позднее "
                "чем за два месяца до окончания срока действия карты.",
                "# Как это обычно происходит\n\n"
                "- Заявление вы подаёте сами в **MIGRIS**, системе Департамента миграции "
                "(Migracijos departamentas): заполняете заявление, загружаете документы, "
                "оплачиваете госпошлину и записываетесь на визит.\n"
                "- Подавайте **заранее**, как правило не позднее чем за два месяца до "
                "окончания срока действия ВНЖ.\n"
                "- На визите обычно нужны паспорт, действующая карта и биометрические "
                "данные.\n\n"
                "# Пока вы ждёте решения\n\n"
                "Если заявление подано вовремя, обычно можно законно оставаться в Литве до "
                "решения. Можно ли продолжать работать, зависит от вашей ситуации – уточните "
                "в Департаменте миграции и у работодателя.\n\n"
                "Пошлины, сроки и время рассмотрения меняются: проверяйте их в MIGRIS и на "
                "сайте Департамента миграции.",
            ),
        ),
    ),
    DemoGroup(
        question_title="Kaip deklaruoti gyvenamąją vietą persikrausčius į kitą nuomojamą butą?",
        # checked long ago: the demo's knowledge-base review queue has this one in it
        checked_days_ago=400,
        articles=(
            DemoArticle(
                "lt",
                "gyvenamosios-vietos-deklaravimas",
                "Gyvenamosios vietos deklaravimas persikrausčius",
                "Persikraustę deklaruokite naują gyvenamąją vietą internetu per epaslaugos.lt "
                "arba seniūnijoje; nuomojamam būstui reikia savininko sutikimo.",
                "- Deklaruoti galima **internetu per Elektroninius valdžios vartus** "
                "(epaslaugos.lt) arba **seniūnijoje**.\n"
                "- Jei būstas nuomojamas, savininkas turi duoti sutikimą – dažnai tai galima "
                "padaryti internetu.\n"
                "- Užsieniečiams gyvenamosios vietos pakeitimas gali būti svarbus ir "
                "leidimui gyventi: pasitikslinkite Migracijos departamente, ar apie naują "
                "adresą reikia pranešti atskirai.\n\n"
                "Terminai ir tvarka gali keistis. Savo atvejį pasitikslinkite savivaldybėje "
                "arba seniūnijoje.",
            ),
        ),
    ),
    DemoGroup(
        question_title=(
            "Временная защита для украинцев: можно ли работать без разрешения на работу?"
        ),
        checked_days_ago=60,
        articles=(
            DemoArticle(
                "ru",
                "vremennaya-zashchita-i-rabota",
                "Временная защита и работа в Литве",
                "С временной защитой отдельное разрешение на работу, как правило, не нужно: "
                "работают по обычному трудовому договору.",
                "- Лицам с временной защитой **отдельное разрешение на работу, как правило, "
                "не нужно**.\n"
                "- Работодатель заключает **письменный трудовой договор** и до начала работы "
                "сообщает о вас в SODRA.\n"
                "- Помощь с поиском работы и курсами даёт Служба занятости (Užimtumo "
                "tarnyba).\n\n"
                "Условия временной защиты зависят от решений ЕС и меняются. Актуальные сроки "
                "проверяйте на сайтах Департамента миграции и Службы занятости.",
            ),
            DemoArticle(
                "en",
                "temporary-protection-and-work",
                "Temporary protection and work in Lithuania",
                "With temporary protection you usually do not need a separate work permit: "
                "you work under an ordinary employment contract.",
                "- People with temporary protection **usually need no separate work "
                "permit**.\n"
                "- The employer signs a **written employment contract** and registers you "
                "with SODRA before you start.\n"
                "- The Employment Service (Užimtumo tarnyba) helps with finding work and "
                "courses.\n\n"
                "The terms of temporary protection depend on EU decisions and change. Check "
                "the current dates with the Migration Department and the Employment Service.",
            ),
        ),
    ),
    DemoGroup(
        question_title="Kaip Lietuvoje pripažinti užsienyje įgytą bakalauro diplomą?",
        checked_days_ago=5,
        articles=(
            DemoArticle(
                "lt",
                "uzsienio-diplomo-pripazinimas",
                "Užsienyje įgyto diplomo pripažinimas",
                "Akademinį užsienio aukštojo mokslo kvalifikacijų pripažinimą atlieka SKVC; "
                "reglamentuojamoms profesijoms reikia ir profesinio pripažinimo.",
                "- Akademinį pripažinimą atlieka **Studijų kokybės vertinimo centras "
                "(SKVC)**; prašymą galima pateikti per SKVC e. paslaugas.\n"
                "- Paprastai reikia diplomo, jo priedo, vertimų ir asmens dokumento.\n"
                "- Stojant į studijas kai kurios aukštosios mokyklos diplomus vertina pačios "
                "– pasiteiraukite priėmimo skyriuje.\n"
                "- **Reglamentuojamoms profesijoms** (gydytojo, slaugytojo, mokytojo ir "
                "kt.) reikia ir profesinės kvalifikacijos pripažinimo srities institucijoje."
                "\n\nTikslius reikalavimus ir terminus rasite SKVC svetainėje.",
            ),
        ),
    ),
)
