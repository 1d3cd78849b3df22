"""The demonstration federation of the shipped fnpr-base method: its organizations and how they
answer the method's questions, drawn by a seeded generator (data, like the method's YAML; the
demo use case in :mod:`maturity.usecases.demo` checks the answers and writes them).

Two sector unions, each with territorial organizations in several regions and primary
organizations under them, plus regional associations (federations of unions). Every
organization has a hidden "maturity" that drifts up or down from year to year; answers are
drawn around it.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from typing import Any

from maturity.method.profile import Profile

YEARS = (2023, 2024, 2025)
DEFAULT_PRIMARIES = 240
# answers a draft may lack: the later sections, which a chair fills in last
DRAFT_MAY_LACK = ("k7.", "k8.", "k9.", "k10.")

# region: (territorial organization's name start, association's name, towns)
REGIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Самарская область": (
        "Самарская областная",
        "Федерация профсоюзов Самарской области",
        ("Самара", "Тольятти", "Сызрань", "Новокуйбышевск", "Чапаевск"),
    ),
    "Свердловская область": (
        "Свердловская областная",
        "Федерация профсоюзов Свердловской области",
        ("Екатеринбург", "Нижний Тагил", "Каменск-Уральский", "Первоуральск", "Серов"),
    ),
    "Республика Татарстан": (
        "Татарстанская республиканская",
        "Федерация профсоюзов Республики Татарстан",
        ("Казань", "Набережные Челны", "Нижнекамск", "Альметьевск", "Зеленодольск"),
    ),
    "Краснодарский край": (
        "Краснодарская краевая",
        "Краснодарское краевое объединение организаций профсоюзов",
        ("Краснодар", "Сочи", "Новороссийск", "Армавир", "Ейск"),
    ),
    "Новосибирская область": (
        "Новосибирская областная",
        "Федерация профсоюзов Новосибирской области",
        ("Новосибирск", "Бердск", "Искитим", "Куйбышев", "Обь"),
    ),
    "Нижегородская область": (
        "Нижегородская областная",
        "Союз «Нижегородское областное объединение организаций профсоюзов»",
        ("Нижний Новгород", "Дзержинск", "Арзамас", "Саров", "Бор"),
    ),
}

UNIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Профессиональный союз работников здравоохранения Российской Федерации",
        "организация Профсоюза работников здравоохранения РФ",
        (
            "ГБУЗ «Городская клиническая больница № {n}» г. {town}",
            "ГБУЗ «Городская поликлиника № {n}» г. {town}",
            "ГБУЗ «Станция скорой медицинской помощи» г. {town}",
            "ГБУЗ «Детская городская больница № {n}» г. {town}",
            "ГАУЗ «Стоматологическая поликлиника № {n}» г. {town}",
            "ГБУЗ «Центральная районная больница» г. {town}",
            "ГБУЗ «Областной онкологический диспансер» г. {town}",
            "ГБПОУ «Медицинский колледж № {n}» г. {town}",
        ),
    ),
    (
        "Профессиональный союз работников народного образования и науки Российской Федерации",
        "организация Профсоюза работников народного образования и науки РФ",
        (
            "МБОУ «Средняя общеобразовательная школа № {n}» г. {town}",
            "МБДОУ «Детский сад № {n}» г. {town}",
            "МАОУ «Лицей № {n}» г. {town}",
            "МБОУ «Гимназия № {n}» г. {town}",
            "ГБПОУ «Политехнический колледж» г. {town}",
            "МБУ ДО «Дом детского творчества» г. {town}",
            "ФГБОУ ВО «Государственный технический университет» г. {town}",
        ),
    ),
)

# each union's sector as the base profile's list of sectors names it (profile.sector's «suggested»)
SECTORS = {
    "Профессиональный союз работников здравоохранения Российской Федерации": "Профсоюз работников здравоохранения РФ",
    "Профессиональный союз работников народного образования и науки Российской Федерации": (
        "Профсоюз работников народного образования и науки РФ"
    ),
}

SURNAMES = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
)
MALE_NAMES = (
    ("Алексей", "Алексеевич"),
    ("Сергей", "Сергеевич"),
    ("Андрей", "Андреевич"),
    ("Дмитрий", "Дмитриевич"),
    ("Николай", "Николаевич"),
    ("Игорь", "Игоревич"),
    ("Владимир", "Владимирович"),
)
FEMALE_NAMES = (
    ("Елена", "Викторовна"),
    ("Ольга", "Николаевна"),
    ("Татьяна", "Сергеевна"),
    ("Наталья", "Ивановна"),
    ("Ирина", "Александровна"),
    ("Светлана", "Петровна"),
    ("Марина", "Юрьевна"),
)
ROLES = (
    "Председатель",
    "Заместитель председателя",
    "Информационный работник",
    "Специалист по информационной работе",
    "Председатель молодёжного совета",
)


@dataclass
class DemoOrganization:
    uid: str
    name: str
    level: str
    parent: DemoOrganization | None
    region: str | None
    sector: str | None
    members: int
    quality: float  # hidden maturity in [0, 1] in the first year
    trend: float  # change of quality per year
    first_year: int


def new_uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def clamp(x: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(max(x, low), high)


def demo_federation(rng: random.Random, primaries: int = DEFAULT_PRIMARIES) -> list[DemoOrganization]:
    """The organizations, every parent before its children."""
    orgs: list[DemoOrganization] = []

    def add(name, level, parent, region, sector, members, base) -> DemoOrganization:
        quality = clamp(rng.gauss(base, 0.18), 0.03, 0.97)
        org = DemoOrganization(
            uid=new_uid(rng),
            name=name,
            level=level,
            parent=parent,
            region=region,
            sector=sector,
            members=members,
            quality=quality,
            trend=rng.choice((-1, 1, 1, 1)) * rng.uniform(0.0, 0.1),
            first_year=YEARS[0] if rng.random() > 0.06 else YEARS[1],
        )
        orgs.append(org)
        return org

    for region, (_start, association, _towns) in REGIONS.items():
        if len(orgs) < 4 or rng.random() < 0.7:
            add(association, "association", None, region, None, rng.randint(12_000, 30_000), 0.62)
    territorials: list[tuple[DemoOrganization, tuple[str, ...], tuple[str, ...]]] = []
    for union_name, territorial_tail, templates in UNIONS:
        sector = SECTORS[union_name]
        union = add(union_name, "union", None, "г. Москва", sector, rng.randint(25_000, 30_000), 0.68)
        for region, (start, _association, towns) in REGIONS.items():
            territorial = add(
                f"{start} {territorial_tail}",
                "territorial",
                union,
                region,
                sector,
                rng.randint(3_000, 25_000),
                0.55,
            )
            territorials.append((territorial, templates, towns))
    used: set[str] = set()
    for i in range(primaries):
        territorial, templates, towns = territorials[i % len(territorials)]
        for _attempt in range(50):
            place = rng.choice(templates).format(n=rng.randint(1, 180), town=rng.choice(towns))
            name = f"Первичная профсоюзная организация {place}"
            if name not in used:
                break
        else:
            name = f"{name} ({i + 1})"
        used.add(name)
        members = int(math.exp(rng.uniform(math.log(30), math.log(3_000))))
        if rng.random() < 0.05:
            members = rng.randint(5_000, 30_000)  # a big hospital or university
        add(name, "primary", territorial, territorial.region, territorial.sector, members, 0.42)
    return orgs


class _Answers:
    """Draws believable answers for one organization and year around its quality ``q``."""

    def __init__(self, rng: random.Random, profile: Profile, org: DemoOrganization, q: float, members: int):
        self.rng, self.profile, self.org, self.q, self.m = rng, profile, org, q, members

    def near(self, shift: float = 0.0, spread: float = 0.2) -> float:
        return clamp(self.rng.gauss(self.q + shift, spread))

    def yes(self, shift: float = 0.0) -> bool:
        return self.rng.random() < clamp(0.1 + 0.85 * (self.q + shift))

    def ordered(self, qid: str, shift: float = 0.0) -> str:
        options = sorted(self.profile.question(qid).options, key=lambda o: o.value or 0)
        return options[round(self.near(shift) * (len(options) - 1))].id

    def some(self, qid: str, shift: float = 0.0, first: tuple[str, ...] = ()) -> list[str]:
        ids = [o.id for o in self.profile.question(qid).options]
        count = round(self.near(shift) * len(ids))
        chosen = [i for i in first if i in ids and self.yes(shift + 0.2)]
        rest = [i for i in ids if i not in chosen]
        self.rng.shuffle(rest)
        chosen += rest[: max(0, count - len(chosen))]
        return [i for i in ids if i in chosen]

    def count(self, target: float, spread: float = 0.5) -> int:
        return max(0, int(round(target * self.near() * self.rng.uniform(1 - spread, 1 + spread) * 1.3)))

    def person(self) -> str:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        if rng.random() < 0.6:
            first, patronymic = rng.choice(FEMALE_NAMES)
            surname += "а"
        else:
            first, patronymic = rng.choice(MALE_NAMES)
        return f"{surname} {first} {patronymic}"

    def draw(self, year: int) -> dict[str, Any]:
        rng, m, org = self.rng, self.m, self.org
        level_targets = {"primary": (2, 4, 4), "territorial": (6, 12, 12)}.get(org.level, (12, 24, 24))
        budget = round(m * rng.uniform(250, 900), -2)
        a: dict[str, Any] = {
            "profile.name": org.name,
            "profile.level": org.level,
            "profile.parent": org.parent.name if org.parent else None,
            "profile.region": org.region,
            "profile.sector": org.sector,
            "profile.members": m,
            "profile.employees": int(m * rng.uniform(1.0, 1.7)),
            "profile.budget": budget,
            "profile.info_spending": round(min(budget, budget * 0.08 * self.near() * rng.uniform(0.4, 1.3)), -2),
            "profile.respondent": self.person(),
            "profile.respondent_role": rng.choice(ROLES),
            "k1.structure": self.ordered("k1.structure", 0.1 if org.level != "primary" else 0.0),
            "k1.responsible_designated": self.yes(0.1),
            "k1.plan_quarterly": self.yes(-0.1),
            "k3.exchange_up": self.ordered("k3.exchange_up"),
            "k3.exchange_down": self.ordered("k3.exchange_down", 0.05),
            "k3.contacts_db_sent": self.yes(),
            "k3.info_meetings": self.count(5),
            "k3.body_reviewed": self.yes(0.15),
            "k4.site_exists": self.yes(0.25 if m > 5000 or org.level != "primary" else -0.15),
            "k4.social_pages": 0 if not self.yes(0.2) else rng.randint(1, 2 + round(4 * self.q)),
            "k5.leader_citations": self.count(level_targets[0]),
            "k5.positive_publications": self.count(level_targets[1]),
            "k5.materials_up": self.count(level_targets[2]),
            "k6.channels": self.some("k6.channels", 0.05, first=("email", "chats", "stand")),
            "k6.members_reached": min(m, int(m * clamp(self.near(0.1) * rng.uniform(0.6, 1.1)))),
            "k6.non_union_reach": self.count(0.1 * m),
            "k6.stand_update": self.ordered("k6.stand_update", 0.1),
            "k6.solidarnost_copies": self.count(max(1, math.ceil(m / 100))),
            "k7.contacts": self.some("k7.contacts", 0.2, first=("phone", "email")),
            "k7.feedback_forms": self.some("k7.feedback_forms", -0.05),
            "k7.hotline": self.ordered("k7.hotline", -0.05),
            "k7.legal_online": self.yes(),
            "k7.response_time": self.ordered("k7.response_time", 0.1),
            "k7.appeals": self.count(m / 20),
            "k8.member_registry": self.ordered("k8.member_registry"),
            "k8.vks": self.ordered("k8.vks"),
            "k8.elearning": self.ordered("k8.elearning", -0.05),
            "k8.crm": self.ordered("k8.crm", -0.15),
            "k8.edo": self.ordered("k8.edo", -0.1),
            "k8.online_voting": self.yes(-0.1),
            "k8.mobile_app": self.yes(-0.3),
            "k8.pd_protection": self.some("k8.pd_protection", 0.1, first=("consents",)),
            "k8.e_periodicals": self.yes(-0.1),
            "k9.campaigns": self.count(4),
            "k9.participants_offline": self.count(0.35 * m),
            "k9.participants_online": self.count(0.25 * m),
            "k10.trained": self.count(max(1, math.ceil(m / 1000))),
            "k10.training_events": self.count(2),
            "k10.youth_involved": self.yes(-0.05),
        }
        if a["k4.site_exists"]:
            a["k4.site_visitors"] = self.count(m, 0.8)
            a["k4.site_materials"] = self.count(150)
            a["k4.site_criteria"] = self.some("k4.site_criteria", 0.05)
        if a["k4.social_pages"]:
            subscribers = self.count(0.3 * m, 0.7)
            main = int(subscribers * rng.uniform(0.5, 1.0))
            a["k4.social_networks"] = self.some("k4.social_networks", 0.1, first=("vk", "telegram")) or ["vk"]
            a["k4.subscribers"] = subscribers
            a["k4.main_subscribers"] = main
            a["k4.reactions_last10"] = self.count(main * 10 * 0.03, 0.8)
            a["k4.posts_per_week"] = round(5 * self.near() * rng.uniform(0.5, 1.3), 1)
            a["k4.extras"] = self.some("k4.extras", -0.1)
        a.update(self.the_rest(a))
        return {k: v for k, v in a.items() if v is not None}

    def the_rest(self, drawn: dict[str, Any]) -> dict[str, Any]:
        """An answer to every required question not drawn above, by its type and around the quality (the
        questions a newer version of the method adds: no question is named here)."""
        found: dict[str, Any] = {}
        for section in self.profile.sections:
            for question in section.questions:
                if question.id in drawn or question.optional or question.type == "text":
                    continue
                found[question.id] = self.any_answer(question, {**drawn, **found})
        return found

    def any_answer(self, question: Any, answers: dict[str, Any]) -> Any:
        if question.type == "bool":
            return self.yes()
        if question.type == "choice":
            return self.ordered(question.id)
        if question.type == "multi":
            return self.some(question.id)
        value = self.count(3)
        limits = [question.max, answers.get(question.max_question) if question.max_question else None]
        value = int(min([value, *(limit for limit in limits if isinstance(limit, (int, float)))]))
        return max(value, int(question.min or 0)) if question.type == "int" else float(max(value, question.min or 0))


def unfinished(rng: random.Random, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers of a draft: some of the later sections' answers not given yet."""
    optional_free = [k for k in answers if k.startswith(DRAFT_MAY_LACK)]
    for key in rng.sample(optional_free, k=min(len(optional_free), rng.randint(3, 12))):
        answers.pop(key)
    return answers


def drawn_answers(rng: random.Random, profile: Profile, org: DemoOrganization, year: int) -> dict[str, Any]:
    """One organization's answers for one year, before they are checked."""
    years_on = year - YEARS[0]
    q = clamp(org.quality + org.trend * years_on + rng.gauss(0, 0.03), 0.02, 0.98)
    members = max(1, int(org.members * (1 + rng.uniform(-0.04, 0.03)) ** years_on))
    return _Answers(rng, profile, org, q, members).draw(year)
