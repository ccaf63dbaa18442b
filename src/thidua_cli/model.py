"""The plan format, version 1: pydantic models.

This is a contract with users' files: unknown keys are rejected everywhere so
that a typo is caught, and YAML's own types are taken as they are (strict
mode: ``year: "2022"`` is an error, not a silent conversion). Dates accept the
ISO and the Vietnamese day-first forms. Field descriptions exist in both
languages (``description`` English, ``json_schema_extra['description_vi']``
Vietnamese) because the JSON Schema for editors is generated from here.
"""

# No `from __future__ import annotations` here: pydantic would then compile and
# evaluate the text of each of the hundred fields' annotations at every start-up,
# where Python evaluates them once as it builds the class (a model referring to
# one defined later, or to itself, is written in quotes).

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import dates, points

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
ALL = "all"
STATUSES = ("planned", "in_progress", "done", "cancelled")
# A task or event in these states is finished: never overdue.
CLOSED = ("done", "cancelled")
#: The document types a legal basis may name in ``kind`` (how it is cited).
BASIS_KINDS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định",
               "Quyết định", "Chỉ thị", "Thông tư", "Thông tư liên tịch", "Kết luận",
               "Quy định", "Quy chế", "Hướng dẫn", "Kế hoạch", "Chương trình", "Đề án",
               "Phương án", "Thông báo", "Công văn", "Báo cáo", "Tờ trình", "Biên bản")
#: Cited by type and name only (Nghị định 30/2020/NĐ-CP, Phụ lục I).
LAW_KINDS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")


def _date(value: Any) -> date:
    try:
        return dates.parse_date(value)
    except dates.ImpossibleDateError:
        raise PydanticCustomError("date_impossible", "{value} is not a day in the calendar",
                                  {"value": value}) from None
    except dates.DateFormatError:
        raise PydanticCustomError("date_format",
                                  "expected a date such as 2022-04-26 or 26/4/2022",
                                  {"value": value}) from None


def _month(value: Any) -> dates.Month:
    try:
        return dates.parse_month(value)
    except dates.ImpossibleDateError:
        raise PydanticCustomError("month_impossible", "{value} is not a month",
                                  {"value": value}) from None
    except dates.DateFormatError:
        raise PydanticCustomError("month_format", "expected a month such as 2022-09 or 9/2022",
                                  {"value": value}) from None


def _version(value: Any) -> Any:
    # Literal[1] would take YAML's `true` (True == 1 in Python).
    if isinstance(value, str):  # "1" is text: say so, not "version 1 unsupported"
        raise PydanticCustomError("int_type", "expected a whole number")
    if isinstance(value, bool) or value != 1:
        raise PydanticCustomError("version", "the format version must be 1, not {value}",
                                  {"value": value})
    return value


def _not_all(value: str) -> str:
    if value == ALL:
        raise PydanticCustomError("id_reserved", "'all' is reserved and cannot be an id")
    return value


PlanDate = Annotated[
    date,
    BeforeValidator(_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": dates.DATE_PATTERN,
                    "examples": ["2022-04-26", "26/4/2022"]}),
]
PlanMonth = Annotated[
    dates.Month,
    # Plain: `_month` makes the month (a NamedTuple, which pydantic would
    # otherwise validate again as a tuple of its fields).
    PlainValidator(_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": dates.MONTH_PATTERN,
                    "examples": ["2022-09", "9/2022"]}),
]
def _two_decimals(value: float) -> float:
    # A float equal to itself rounded to two decimals is the float nearest such a
    # decimal, so the shortest text that gives it back (what ``points.decimals``
    # counts) has two decimals at most: one call in C for nearly every score,
    # instead of its text read as a Decimal (``tests/test_points.py``). A whole
    # number, most scores, has none: ``round`` to some decimals writes the
    # float out and reads it back (some 1,500 instructions), ``is_integer``
    # is a test.
    if ((isinstance(value, float) and value.is_integer())
            or round(value, points.DECIMALS) == value
            or points.decimals(value) <= points.DECIMALS):
        return value
    raise PydanticCustomError("points_decimals", "{value} has more than {decimals} decimals",
                              {"value": value, "decimals": points.DECIMALS})


# A score or a maximum: finite (Strict), at most points.LIMIT in size, two decimals.
Points = Annotated[float, Field(ge=-points.LIMIT, le=points.LIMIT), AfterValidator(_two_decimals)]
MaxPoints = Annotated[float, Field(gt=0, le=points.LIMIT), AfterValidator(_two_decimals)]
Ref = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), AfterValidator(_not_all)]
Text = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["planned", "in_progress", "done", "cancelled"]
BasisKind = Literal["Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định",
                    "Quyết định", "Chỉ thị", "Thông tư", "Thông tư liên tịch", "Kết luận",
                    "Quy định", "Quy chế", "Hướng dẫn", "Kế hoạch", "Chương trình", "Đề án",
                    "Phương án", "Thông báo", "Công văn", "Báo cáo", "Tờ trình", "Biên bản"]
Kind = Literal["points", "bonus", "penalty"]
KINDS = ("points", "bonus", "penalty")


def describe(en: str, vi: str, **kwargs: Any) -> Any:
    """A field with its description in English and Vietnamese."""
    # pydantic reads each default factory's signature (does it take the data?);
    # for the builtins list and dict that means parsing a text signature, which
    # cost about 4 ms of every start-up. The same empty values from plain functions:
    factory = kwargs.get("default_factory")
    if factory is list or factory is dict:
        kwargs["default_factory"] = _empty_list if factory is list else _empty_dict
    return Field(description=en, json_schema_extra={"description_vi": vi}, **kwargs)


def _empty_list() -> list[Any]:
    return []


def _empty_dict() -> dict[str, Any]:
    return {}


class Strict(BaseModel):
    # allow_inf_nan: `.nan` compares false with everything, so a NaN score
    # would pass every range check silently.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False,
                              defer_build=True)


class Signer(Strict):
    authority: str | list[Text] | None = describe(
        "Signing authority prefix and title, e.g. 'KT. CHỦ TỊCH'; a list for two lines, "
        "e.g. ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH']",
        "Thẩm quyền ký, ví dụ 'KT. CHỦ TỊCH'; danh sách khi ký hai dòng, ví dụ "
        "['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH']", default=None)
    position: Text = describe("Position of the signer, e.g. 'PHÓ CHỦ TỊCH'",
                              "Chức vụ người ký, ví dụ 'PHÓ CHỦ TỊCH'")
    name: Text = describe("Full name of the signer", "Họ và tên người ký")

    def authority_lines(self) -> list[str]:
        """The authority one line an item (a text's own line breaks count too)."""
        items = [self.authority] if isinstance(self.authority, str) else self.authority or []
        return [line.strip() for item in items for line in item.split("\n") if line.strip()]


#: The largest document number: numbering restarts at 01 every 1 January, and the
#: busiest ministries reach tens of thousands; a longer number is a typo that would
#: stand in the letterhead (``Số: 100000000000000000000000000/KH-…``).
MAX_NUMBER = 999_999


class Document(Strict):
    issuer: Text = describe("Issuing body (cơ quan ban hành)", "Cơ quan ban hành văn bản")
    parent: str | None = describe("Parent body (cơ quan chủ quản), if any",
                                  "Cơ quan chủ quản (nếu có)", default=None)
    number: int | None = describe("Document number; leave out in a draft",
                                  "Số văn bản; để trống khi còn là dự thảo",
                                  default=None, gt=0, le=MAX_NUMBER)
    symbol: Text = describe("Document symbol, e.g. 'KH-LMHTXVN'",
                            "Ký hiệu văn bản, ví dụ 'KH-LMHTXVN'")
    place: Text = describe("Place of issue, e.g. 'Hà Nội'", "Địa danh, ví dụ 'Hà Nội'")
    date: PlanDate | None = describe("Date of issue; leave out in a draft",
                                     "Ngày ban hành; để trống khi còn là dự thảo", default=None)
    signer: Signer | None = describe("Who signs the document", "Người ký văn bản", default=None)
    issuer_name: str | None = describe(
        "The issuing body's name as running text writes it (sentence case), when the issuer "
        "is not a member of the bloc, e.g. 'Văn phòng Ủy ban nhân dân tỉnh'",
        "Tên cơ quan ban hành viết trong câu văn (chữ thường), khi cơ quan ban hành không "
        "phải thành viên Khối", default=None)
    recipients: list[Text] = describe(
        "Recipients (nơi nhận), without the leading dash or trailing punctuation",
        "Nơi nhận, không ghi gạch đầu dòng và dấu câu cuối dòng", default_factory=list)


class Letterhead(Strict):
    issuer: Text = describe("Issuing body as the letterhead prints it",
                            "Cơ quan ban hành như in ở tiêu đề văn bản")
    parent: str | None = describe("Parent body (cơ quan chủ quản), if any",
                                  "Cơ quan chủ quản (nếu có)", default=None)
    symbol: str | None = describe(
        "The issuer's part of the symbol, e.g. 'UBND' (or 'KH-UBND')",
        "Phần ký hiệu của cơ quan, ví dụ 'UBND' (hoặc 'KH-UBND')", default=None)
    place: str | None = describe("Place of issue, e.g. 'Buôn Ma Thuột'", "Địa danh",
                                 default=None)
    signer: Signer | None = describe("Who signs for this member", "Người ký của thành viên",
                                     default=None)


class Person(Strict):
    """Someone named in a document by name and position (a representative, a chair)."""

    name: Text = describe("Full name", "Họ và tên")
    position: Text = describe("Position, e.g. 'Thứ trưởng'", "Chức vụ, ví dụ 'Thứ trưởng'")


class Member(Strict):
    id: Id = describe("Member id, used in references", "Mã thành viên, dùng để tham chiếu")
    name: Text = describe("Full name of the member body", "Tên đầy đủ của cơ quan thành viên")
    short_name: str | None = describe("Short name, e.g. 'BTC'", "Tên viết tắt, ví dụ 'BTC'",
                                      default=None)
    letterhead: Letterhead | None = describe(
        "The member's letterhead, used by 'thidua new --head' when it becomes the bloc head",
        "Thể thức văn bản của thành viên, dùng khi thành viên làm Khối trưởng "
        "('thidua new --head')", default=None)
    representative: Person | None = describe(
        "Who signs the emulation agreement for the member: {position, name}",
        "Người đại diện ký giao ước thi đua: {position, name}", default=None)


class Bloc(Strict):
    name: Text = describe("Name of the emulation bloc", "Tên khối thi đua")
    head: Ref = describe("Member id of the bloc head (khối trưởng)", "Mã thành viên khối trưởng")
    deputies: list[Ref] = describe("Member ids of the deputies (khối phó)",
                                   "Mã thành viên các khối phó", default_factory=list)
    members: list[Member] = describe("The member bodies, at least two",
                                     "Các cơ quan thành viên, ít nhất hai", min_length=2)


class Basis(Strict):
    id: Id = describe("Basis id, used by tasks", "Mã căn cứ, dùng để tham chiếu")
    number: Text = describe("Number and symbol, e.g. '34-CT/TW' or '07/CT-TTg'",
                            "Số, ký hiệu, ví dụ '34-CT/TW' hoặc '07/CT-TTg'")
    date: PlanDate | None = describe("Date of the legal basis (for a law: of its adoption)",
                                     "Ngày ban hành căn cứ (luật: ngày thông qua)",
                                     default=None)
    issuer: Text = describe("Who issued it", "Cơ quan ban hành")
    title: Text = describe("Summary of the legal basis; a law's name, e.g. "
                           "'Luật Thi đua, khen thưởng'",
                           "Trích yếu căn cứ; tên của luật, ví dụ 'Luật Thi đua, khen thưởng'")
    kind: BasisKind | None = describe(
        "Type of the document, when its number does not tell it (e.g. 'Luật', 'Nghị quyết')",
        "Loại văn bản, khi số, ký hiệu không cho biết (ví dụ 'Luật', 'Nghị quyết')",
        default=None)


class Objective(Strict):
    id: Id = describe("Objective id, used by tasks", "Mã mục tiêu, dùng để tham chiếu")
    text: Text = describe("The objective", "Nội dung mục tiêu")


class Task(Strict):
    id: Id = describe("Task id", "Mã nhiệm vụ")
    title: Text = describe("What is to be done", "Tên nhiệm vụ")
    details: Text | list[Text] | None = describe(
        "Details: a paragraph or a list of points", "Nội dung chi tiết: một đoạn hoặc danh sách",
        default=None)
    objectives: list[Ref] = describe("Ids of the objectives served", "Mã các mục tiêu liên quan",
                                     default_factory=list)
    basis: list[Ref] = describe("Ids of the legal bases cited", "Mã các căn cứ liên quan",
                                default_factory=list)
    lead: Ref = describe("Member id leading the task, or 'all'",
                         "Mã thành viên chủ trì, hoặc 'all' (tất cả)", default=ALL)
    support: list[Ref] = describe("Member ids supporting", "Mã các thành viên phối hợp",
                                  default_factory=list)
    due: PlanDate | None = describe("Deadline", "Thời hạn hoàn thành", default=None)
    status: Status = describe("planned, in_progress, done or cancelled",
                              "Trạng thái: planned, in_progress, done hoặc cancelled",
                              default="planned")
    result: str | None = describe("What came of it", "Kết quả thực hiện", default=None)

    def detail_list(self) -> list[str]:
        if self.details is None:
            return []
        return [self.details] if isinstance(self.details, str) else list(self.details)


class Event(Strict):
    id: Id = describe("Activity id", "Mã hoạt động")
    title: Text = describe("The joint activity or milestone", "Tên hoạt động chung")
    date: PlanDate | None = describe("Day of the activity", "Ngày tổ chức", default=None)
    month: PlanMonth | None = describe("Month of the activity, when the day is not fixed",
                                       "Tháng tổ chức, khi chưa định ngày", default=None)
    host: Ref | None = describe("Member id hosting it", "Mã thành viên đăng cai", default=None)
    place: str | None = describe("Where it takes place", "Địa điểm", default=None)
    status: Status = describe("planned, in_progress, done or cancelled",
                              "Trạng thái: planned, in_progress, done hoặc cancelled",
                              default="planned")
    result: str | None = describe("What came of it", "Kết quả", default=None)

    @model_validator(mode="after")
    def _one_when(self) -> "Event":
        if self.date is not None and self.month is not None:
            raise PydanticCustomError("date_and_month", "give either date or month, not both")
        return self


class Criterion(Strict):
    id: Id = describe("Criterion id, used in scores", "Mã tiêu chí chấm điểm")
    title: Text = describe("What is scored", "Nội dung tiêu chí")
    max_points: MaxPoints | None = describe(
        "Most points a member can get; for a section, the sum of its children's "
        "(may be left out), for bonus and penalty the cap",
        "Điểm tối đa; với một mục có tiêu chí con là tổng điểm các tiêu chí con (có thể "
        "bỏ trống), với điểm thưởng, điểm trừ là mức tối đa", default=None, gt=0)
    kind: Kind | None = describe(
        "points (default), bonus (adds up to max_points) or penalty (subtracts up to "
        "max_points); children take their section's kind",
        "points (mặc định), bonus (điểm thưởng, cộng tối đa max_points) hoặc penalty "
        "(điểm trừ, trừ tối đa max_points); tiêu chí con theo loại của mục", default=None)
    children: list["Criterion"] = describe(
        "Sub-criteria (any depth); scores are given for the leaves only",
        "Các tiêu chí con (nhiều cấp); chỉ chấm điểm các tiêu chí không có tiêu chí con",
        default_factory=list)

    @model_validator(mode="after")
    def _leaf_has_maximum(self) -> "Criterion":
        if not self.children and self.max_points is None:
            raise PydanticCustomError("leaf_max_points",
                                      "a criterion without children needs max_points")
        return self


class LeafScore(Strict):
    """A member's score for one leaf: its own (tự chấm) and the bloc's (thẩm định)."""

    model_config = ConfigDict(json_schema_extra={
        "description_vi": "Điểm của thành viên cho một tiêu chí: tự chấm và thẩm định"})

    self_score: Points | None = Field(
        default=None, validation_alias=AliasChoices("self"), serialization_alias="self",
        description="The member's own score (tự chấm)",
        json_schema_extra={"description_vi": "Điểm tự chấm"})
    final: Points | None = describe(
        "The bloc's checked score (thẩm định); left out while not checked",
        "Điểm Khối chấm (thẩm định); bỏ trống khi chưa thẩm định", default=None)
    note: str | None = describe("Explanation (giải trình)", "Giải trình", default=None)

    @model_validator(mode="after")
    def _some_score(self) -> "LeafScore":
        if self.self_score is None and self.final is None:
            raise PydanticCustomError("score_empty", "give self, final or both")
        return self


def _score_shape(value: Any) -> str:
    # One branch's errors, not both: "18" is "expected a number", not a union puzzle.
    return "detail" if isinstance(value, dict | LeafScore) else "points"


Score = Annotated[
    Annotated[Points, Tag("points")] | Annotated[LeafScore, Tag("detail")],
    Discriminator(_score_shape),
]


class Ranking(Strict):
    tie_break: list[Ref] = describe(
        "Criterion ids compared, in order, when totals are equal (higher first)",
        "Mã các tiêu chí so sánh lần lượt khi tổng điểm bằng nhau (cao hơn xếp trên)",
        default_factory=list)


class Tally(Strict):
    """One candidate's votes for one award."""

    agree: int = describe("Votes in favour (đồng ý)", "Số phiếu đồng ý", ge=0)
    disagree: int = describe("Votes against (không đồng ý)", "Số phiếu không đồng ý", ge=0)


class Award(Strict):
    title: Text = describe("The award proposed", "Hình thức khen thưởng đề nghị")
    members: list[Ref] = describe("Member ids nominated", "Mã các thành viên được đề nghị",
                                  default_factory=list)
    note: str | None = describe("Remarks", "Ghi chú", default=None)
    votes: dict[Ref, Tally] = describe(
        "The vote for each candidate voted on, by member id: {agree, disagree}",
        "Kết quả bỏ phiếu của từng đơn vị được bình xét, theo mã thành viên: "
        "{agree, disagree}", default_factory=dict)


class Meeting(Strict):
    """The bình xét meeting: who met, where, and who was not there."""

    date: PlanDate = describe("Day of the meeting", "Ngày họp")
    place: Text = describe("Where it was held", "Địa điểm họp")
    chair: Person = describe("Who chaired it: {name, position}", "Chủ trì: {name, position}")
    secretary: Person = describe("Who kept the minutes: {name, position}",
                                 "Thư ký: {name, position}")
    present: list[Ref] = describe("Member ids present", "Mã các thành viên có mặt",
                                  default_factory=list)
    absent: list[Ref] = describe("Member ids absent (their written opinions are counted)",
                                 "Mã các thành viên vắng mặt (có ý kiến bằng văn bản)",
                                 default_factory=list)


class Review(Strict):
    number: int | None = describe("Number of the year-end report", "Số của báo cáo tổng kết",
                                  default=None, gt=0, le=MAX_NUMBER)
    date: PlanDate | None = describe("Date of the year-end report", "Ngày báo cáo tổng kết",
                                     default=None)
    achievements: list[Text] = describe("What was achieved", "Kết quả đạt được",
                                        default_factory=list)
    shortcomings: list[Text] = describe("Shortcomings and their causes",
                                        "Tồn tại, hạn chế và nguyên nhân", default_factory=list)
    lessons: list[Text] = describe("Lessons learnt", "Bài học kinh nghiệm", default_factory=list)
    next_year: list[Text] = describe("Tasks for the next year", "Phương hướng, nhiệm vụ năm sau",
                                     default_factory=list)
    meeting: Meeting | None = describe("The bình xét (review and vote) meeting",
                                       "Cuộc họp bình xét, suy tôn", default=None)


class Responsibilities(Strict):
    head: list[Text] = describe("What the bloc head does", "Trách nhiệm của Khối trưởng",
                                default_factory=list)
    deputies: list[Text] = describe("What the deputies do", "Trách nhiệm của các Khối phó",
                                    default_factory=list)
    members: list[Text] = describe("What every member does",
                                   "Trách nhiệm của các thành viên Khối", default_factory=list)
    reporting: list[Text] = describe("Reports and their deadlines",
                                     "Chế độ báo cáo và thời hạn", default_factory=list)


class Plan(Strict):
    """A bloc's yearly plan for its emulation and commendation movement."""

    model_config = ConfigDict(
        title="thidua plan, format version 1",
        json_schema_extra={"description_vi": "Kế hoạch tổ chức phong trào thi đua, khen thưởng"},
    )

    version: Annotated[Literal[1], BeforeValidator(_version)] = describe(
        "Format version: always 1", "Phiên bản định dạng: luôn là 1")
    year: int = describe("The plan's year", "Năm của kế hoạch", ge=dates.EARLIEST_YEAR,
                      le=dates.LATEST_YEAR)
    title: Text = describe("Summary line of the document (trích yếu)", "Trích yếu của văn bản")
    theme: Text = describe("Theme of the movement (chủ đề thi đua)", "Chủ đề thi đua")
    document: Document | None = describe("Letterhead and signature; optional while drafting",
                                         "Thể thức văn bản; có thể để trống khi dự thảo",
                                         default=None)
    bloc: Bloc = describe("The emulation bloc", "Khối thi đua")
    basis: list[Basis] = describe("Legal bases (căn cứ)", "Các căn cứ pháp lý",
                                  default_factory=list)
    objectives: list[Objective] = describe("Purposes of the plan, at least one",
                                           "Mục đích, yêu cầu; ít nhất một", min_length=1)
    tasks: list[Task] = describe("Tasks, at least one", "Nhiệm vụ; ít nhất một", min_length=1)
    pledges: list[Text] = describe(
        "Commitments of the emulation agreement (giao ước thi đua); default: from the "
        "objectives and tasks", "Nội dung giao ước thi đua; mặc định lấy từ mục đích và nhiệm vụ",
        default_factory=list)
    events: list[Event] = describe("Joint activities and milestones",
                                   "Các hoạt động chung, mốc thời gian", default_factory=list)
    criteria: list[Criterion] = describe("Scoring criteria", "Tiêu chí chấm điểm",
                                         default_factory=list)
    scores: dict[Ref, dict[Ref, Score]] = describe(
        "Points per member id, then per leaf criterion id",
        "Điểm theo mã thành viên, theo mã tiêu chí (tiêu chí không có tiêu chí con)",
        default_factory=dict)
    ranking: Ranking | None = describe("How members with equal totals are ordered",
                                       "Cách xếp hạng khi tổng điểm bằng nhau", default=None)
    awards: list[Award] = describe("Year-end nominations", "Đề nghị khen thưởng cuối năm",
                                   default_factory=list)
    responsibilities: Responsibilities | None = describe(
        "Who does what (section III.3); without it a standard sentence is printed",
        "Trách nhiệm thực hiện (mục III.3); nếu để trống, in câu mặc định", default=None)
    review: Review | None = describe("Narrative for the year-end report",
                                     "Nội dung cho báo cáo tổng kết", default=None)

    def member_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.bloc.members}

    def __repr__(self) -> str:
        # pydantic's repr is every field: a whole plan on one line.
        return (f"Plan(year={self.year}, bloc={self.bloc.name!r}, "
                f"members={len(self.bloc.members)}, tasks={len(self.tasks)})")

    __str__ = __repr__
