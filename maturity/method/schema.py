"""The schema of a questionnaire profile file (questionnaires/*.yaml), as pydantic models.

Structure only: cross-references (a component naming an unknown question, a norm naming an
unknown option…) are checked by :func:`Profile.check_references`, called by the loader.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PositiveFloat

from maturity.text_rules import label_problem

MAX_LABEL = 200  # a title, a label, an answer offered in a list: one line, as an organization's name
MAX_TEXT = 2000  # a question's text, its help, an advice, a message: a paragraph


def _checked(limit: int, *, required: bool, one_line: bool):
    def check(value: str) -> str:
        problem = label_problem(value, limit, required=required, one_line=one_line)
        if problem is not None:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


# Every human text of a profile follows the rules of organization names (maturity.text_rules): no control
# or broken characters, something visible (when required), a length cap.
Label = Annotated[str, _checked(MAX_LABEL, required=True, one_line=True)]
ShortLabel = Annotated[str, _checked(MAX_LABEL, required=False, one_line=True)]
Text = Annotated[str, _checked(MAX_TEXT, required=True, one_line=False)]
OptionalText = Annotated[str, _checked(MAX_TEXT, required=False, one_line=False)]

QuestionType = Literal["bool", "int", "number", "choice", "multi", "text"]
OrgLevel = str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    id: str = Field(min_length=1)
    label: Label
    value: float | None = Field(default=None, ge=0, le=1)


class Condition(Strict):
    """A relevance or zero condition on one earlier answer."""

    question: str
    equals: bool | int | float | str | None = None
    greater_than: float | None = None
    one_of: tuple[str, ...] | None = None  # the answer to a choice question is one of these options


class PlausibleRatio(Strict):
    """A figure above ``times`` × the answer to ``question`` is probably a typo (a warning, not an error)."""

    question: str
    times: PositiveFloat


class Question(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    type: QuestionType
    text: Text
    help: OptionalText | None = None
    optional: bool = False
    informational: bool = False
    personal: bool = False  # personal data (a person's name, role): left out of reports unless asked for
    options: tuple[Option, ...] = ()
    # A text question's usual answers: offered as a list with «другое» for any other text, which stays valid
    # (an answer given before the list existed reads as it was).
    suggested: tuple[ShortLabel, ...] = ()
    relevant_if: Condition | None = None
    min: float | None = None
    max: float | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1)
    money: bool = False
    max_question: str | None = None
    max_message: OptionalText | None = None
    warn_if_less_than: str | None = None
    warn_message: OptionalText | None = None
    # Above these the answer is allowed but probably mistyped: a warning beside the field.
    plausible_max: float | None = None
    plausible_per: PlausibleRatio | None = None
    plausible_message: OptionalText | None = None
    # A new year's assessment starts with last year's answer (false: counts for the year start empty).
    carry_over: bool = True
    # «expected»: an answer without an evidence mark («подтверждается документом») gets a warning, never an error.
    evidence: Literal["expected"] | None = None

    @property
    def section_id(self) -> str:
        return self.id.split(".", 1)[0]

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None


class Section(Strict):
    id: str = Field(min_length=1)
    title: Label
    intro: OptionalText | None = None
    questions: tuple[Question, ...] = Field(min_length=1)


class Target(Strict):
    """The target of a ratio: a parameter (maybe per level, maybe keyed), or the members count.

    - ``{param: p}``: the parameter's value (per level when the parameter is a mapping by level);
    - ``{param: p, key: k}``: ``p[level][k]``;
    - ``{param: p, of_members: true}``: ``p · M``;
    - ``{param: p, one_per_members: true}``: ``max(1, ceil(M / p))``;
    - ``{members: true}``: ``M``.
    """

    param: str | None = None
    key: str | None = None
    of_members: bool = False
    one_per_members: bool = False
    members: bool = False


class ValuePart(Strict):
    kind: Literal["value"]
    question: str
    weight: PositiveFloat = 1.0


class SharePart(Strict):
    kind: Literal["share"]
    question: str
    weight: PositiveFloat = 1.0


class RatioPart(Strict):
    kind: Literal["ratio"]
    sum: tuple[str, ...] = Field(min_length=1)
    factor: PositiveFloat = 1.0
    per: str | None = None
    per_zero: Literal["na", "zero"] = "na"
    target: Target
    weight: PositiveFloat = 1.0


Part = Annotated[Union[ValuePart, SharePart, RatioPart], Field(discriminator="kind")]


class ComponentCommon(Strict):
    id: str = Field(min_length=1)
    weight: PositiveFloat
    advice: Text
    zero_when: Condition | None = None
    only_when: Condition | None = None
    otherwise_zero_above: str | None = None


class ValueComponent(ComponentCommon, ValuePart):
    pass


class ShareComponent(ComponentCommon, SharePart):
    # The advice once some options are chosen: «{missing}» is the labels of those not chosen yet,
    # so the road map never recommends what the organization already has.
    advice_missing: OptionalText | None = None


class RatioComponent(ComponentCommon, RatioPart):
    pass


class BlendComponent(ComponentCommon):
    kind: Literal["blend"]
    parts: tuple[Part, ...] = Field(min_length=1)


Component = Annotated[
    Union[ValueComponent, ShareComponent, RatioComponent, BlendComponent], Field(discriminator="kind")
]


class Kpi(Strict):
    id: str = Field(pattern=r"^k\d+$")
    key: str
    title: Label
    weight: PositiveFloat = 1.0
    components: tuple[Component, ...] = Field(min_length=1)


class NormRule(Strict):
    kind: Literal["share_at_least", "all", "not_in", "in", "is_true", "contains", "at_least"]
    question: str | None = None
    of: str | None = None
    param: str | None = None
    per_members_param: str | None = None
    value: float | None = None
    option: str | None = None
    options: tuple[str, ...] = ()
    rules: tuple[NormRule, ...] = ()


class Norm(Strict):
    id: str = Field(min_length=1)
    title: Label
    source: OptionalText = ""
    levels: tuple[str, ...] | None = None
    members_above: str | None = None
    rule: NormRule
    advice: Text


class MaturityLevel(Strict):
    id: str
    label: Label
    from_: float = Field(alias="from", ge=0, le=100)


class MemberBand(Strict):
    """A member-size band: organizations with at least ``from`` members and fewer than the next band's
    ``from``. Contests and «У кого поучиться» compare organizations within a band."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    label: Label
    from_: int = Field(alias="from", ge=0)


DEFAULT_MEMBER_BANDS: tuple[MemberBand, ...] = tuple(
    MemberBand.model_validate({"id": band_id, "label": label, "from": start})
    for band_id, label, start in (
        ("under-100", "до 100 членов", 0),
        ("100-299", "100–299 членов", 100),
        ("300-999", "300–999 членов", 300),
        ("1000-4999", "1000–4999 членов", 1000),
        ("5000-plus", "5000 членов и более", 5000),
    )
)


class OrganizationLevel(Strict):
    id: str
    label: Label
    short: ShortLabel = ""  # the comparison table's column («ППО»); the label when empty


class OrganizationQuestions(Strict):
    """Which questions of the profile say who the organization is: its name, level, members, parent,
    region and sector, and who answered. The program reads the organization's facts through these,
    never through question ids of its own."""

    name: str = "profile.name"
    level: str = "profile.level"
    members: str = "profile.members"
    parent: str = "profile.parent"
    region: str = "profile.region"
    sector: str = "profile.sector"
    respondent: str = "profile.respondent"


class MergeRules(Strict):
    """How the answers of several respondents become one (``maturity merge``), per question type:
    numbers the median (or the mean), yes/no and single choices the majority (a tie is left for the chair),
    multiple choices the options a majority chose, texts the first respondent's answer (the chair's copy)
    or the majority."""

    numbers: Literal["median", "mean"] = "median"
    yes_no: Literal["majority"] = "majority"
    choice: Literal["majority"] = "majority"
    multi: Literal["majority"] = "majority"
    text: Literal["first", "majority"] = "first"


class Roadmap(Strict):
    steps_per_quarter: int = Field(default=3, ge=1)
    component_threshold: float = Field(default=0.5, ge=0, le=1)


class Nomination(Strict):
    """A nomination of the annual contest (смотр-конкурс) and what it ranks by: the index («index»), the
    digital index («digital_index»), a KPI («k4») or one component of a KPI («k6.stand»). ``remove: true``
    drops a nomination of the default set (:mod:`maturity.method.nominations`) with this id."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=40)
    title: ShortLabel = ""  # required unless ``remove`` (the profile check says so)
    by: str = Field(default="index", min_length=1, max_length=100)
    description: OptionalText = ""  # what it rewards: the protocol's rules quote it
    remove: bool = False


class ContestRules(Strict):
    """The contest's rules: the range of a commission member's mark, the weight of the commission's mean
    mark in the final score (final = the method's score + weight × mean mark), the number of prize places."""

    mark_min: float = Field(default=0, ge=0, le=100)
    mark_max: float = Field(default=10, gt=0, le=100)
    commission_weight: float = Field(default=1.0, ge=0, le=10)
    prize_places: int = Field(default=3, ge=1, le=10)


class ProfileFile(Strict):
    """A complete (already merged with its base) profile."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    version: str = Field(min_length=1)
    title: Label
    description: OptionalText = ""
    extends: str | None = None
    extends_version: str | None = None  # the base's version (None: its current one)
    decisions: dict[str, OptionalText] = Field(default_factory=dict)
    organization_levels: tuple[OrganizationLevel, ...] = Field(min_length=1)
    organization: OrganizationQuestions = OrganizationQuestions()
    parameters: dict[str, Any]
    # Target parameters whose federation value is a floor: an organization's own approved target may not be
    # less demanding (``"param"`` or, for a keyed target, ``"param.key"``; see maturity.engine.own_targets).
    floors: tuple[str, ...] = ()
    maturity_levels: tuple[MaturityLevel, ...] = Field(min_length=1)
    digital_kpis: tuple[str, ...] = ()
    member_bands: tuple[MemberBand, ...] = Field(default=DEFAULT_MEMBER_BANDS, min_length=1)
    roadmap: Roadmap = Roadmap()
    merge: MergeRules = MergeRules()
    sections: tuple[Section, ...] = Field(min_length=1)
    kpis: tuple[Kpi, ...] = Field(min_length=1)
    norms: tuple[Norm, ...] = ()
    # The annual contest: nominations over the default set (by id), and its rules.
    nominations: tuple[Nomination, ...] = ()
    contest: ContestRules = ContestRules()
