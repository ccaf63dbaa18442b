"""The plan format, version 1: pydantic models.

This is a contract with users' files: unknown keys are rejected everywhere so
that a typo is caught, and YAML's own types are taken as they are (strict
mode: ``year: "2022"`` is an error, not a silent conversion). Dates accept the
ISO and the Vietnamese day-first forms. Field descriptions exist in both
languages (``description`` English, ``json_schema_extra['description_vi']``
Vietnamese) because the JSON Schema for editors is generated from here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
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
    BeforeValidator(_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": dates.MONTH_PATTERN,
                    "examples": ["2022-09", "9/2022"]}),
]
def _two_decimals(value: float) -> float:
    if points.decimals(value) > points.DECIMALS:
        raise PydanticCustomError("points_decimals", "{value} has more than {decimals} decimals",
                                  {"value": value, "decimals": points.DECIMALS})
    return value


# A score or a maximum: finite (Strict), at most points.LIMIT in size, two decimals.
Points = Annotated[float, Field(ge=-points.LIMIT, le=points.LIMIT), AfterValidator(_two_decimals)]
MaxPoints = Annotated[float, Field(gt=0, le=points.LIMIT), AfterValidator(_two_decimals)]
Ref = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), AfterValidator(_not_all)]
Text = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["planned", "in_progress", "done", "cancelled"]


def describe(en: str, vi: str, **kwargs: Any) -> Any:
    """A field with its description in English and Vietnamese."""
    return Field(description=en, json_schema_extra={"description_vi": vi}, **kwargs)


class Strict(BaseModel):
    # allow_inf_nan: `.nan` compares false with everything, so a NaN score
    # would pass every range check silently.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Signer(Strict):
    authority: str | None = describe(
        "Signing authority prefix and title, e.g. 'KT. CHỦ TỊCH'",
        "Thẩm quyền ký, ví dụ 'KT. CHỦ TỊCH'", default=None)
    position: Text = describe("Position of the signer, e.g. 'PHÓ CHỦ TỊCH'",
                              "Chức vụ người ký, ví dụ 'PHÓ CHỦ TỊCH'")
    name: Text = describe("Full name of the signer", "Họ và tên người ký")


class Document(Strict):
    issuer: Text = describe("Issuing body (cơ quan ban hành)", "Cơ quan ban hành văn bản")
    parent: str | None = describe("Parent body (cơ quan chủ quản), if any",
                                  "Cơ quan chủ quản (nếu có)", default=None)
    number: int | None = describe("Document number; leave out in a draft",
                                  "Số văn bản; để trống khi còn là dự thảo",
                                  default=None, gt=0)
    symbol: Text = describe("Document symbol, e.g. 'KH-LMHTXVN'",
                            "Ký hiệu văn bản, ví dụ 'KH-LMHTXVN'")
    place: Text = describe("Place of issue, e.g. 'Hà Nội'", "Địa danh, ví dụ 'Hà Nội'")
    date: PlanDate | None = describe("Date of issue; leave out in a draft",
                                     "Ngày ban hành; để trống khi còn là dự thảo", default=None)
    signer: Signer | None = describe("Who signs the document", "Người ký văn bản", default=None)
    recipients: list[Text] = describe(
        "Recipients (nơi nhận), without the leading dash or trailing punctuation",
        "Nơi nhận, không ghi gạch đầu dòng và dấu câu cuối dòng", default_factory=list)


class Member(Strict):
    id: Id = describe("Member id, used in references", "Mã thành viên, dùng để tham chiếu")
    name: Text = describe("Full name of the member body", "Tên đầy đủ của cơ quan thành viên")
    short_name: str | None = describe("Short name, e.g. 'BTC'", "Tên viết tắt, ví dụ 'BTC'",
                                      default=None)


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
    date: PlanDate = describe("Date of the legal basis", "Ngày ban hành căn cứ")
    issuer: Text = describe("Who issued it", "Cơ quan ban hành")
    title: Text = describe("Summary of the legal basis", "Trích yếu căn cứ")


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
    def _one_when(self) -> Event:
        if self.date is not None and self.month is not None:
            raise PydanticCustomError("date_and_month", "give either date or month, not both")
        return self


class Criterion(Strict):
    id: Id = describe("Criterion id, used in scores", "Mã tiêu chí chấm điểm")
    title: Text = describe("What is scored", "Nội dung tiêu chí")
    max_points: MaxPoints = describe(
        "Most points a member can get (at most 1,000,000, two decimals)",
        "Điểm tối đa (không quá 1.000.000, tối đa hai chữ số thập phân)")


class Award(Strict):
    title: Text = describe("The award proposed", "Hình thức khen thưởng đề nghị")
    members: list[Ref] = describe("Member ids nominated", "Mã các thành viên được đề nghị",
                                  default_factory=list)
    note: str | None = describe("Remarks", "Ghi chú", default=None)


class Review(Strict):
    number: int | None = describe("Number of the year-end report", "Số của báo cáo tổng kết",
                                  default=None, gt=0)
    date: PlanDate | None = describe("Date of the year-end report", "Ngày báo cáo tổng kết",
                                     default=None)
    achievements: list[Text] = describe("What was achieved", "Kết quả đạt được",
                                        default_factory=list)
    shortcomings: list[Text] = describe("Shortcomings and their causes",
                                        "Tồn tại, hạn chế và nguyên nhân", default_factory=list)
    lessons: list[Text] = describe("Lessons learnt", "Bài học kinh nghiệm", default_factory=list)
    next_year: list[Text] = describe("Tasks for the next year", "Phương hướng, nhiệm vụ năm sau",
                                     default_factory=list)


class Plan(Strict):
    """A bloc's yearly plan for its emulation and commendation movement."""

    model_config = ConfigDict(
        title="thidua plan, format version 1",
        json_schema_extra={"description_vi": "Kế hoạch tổ chức phong trào thi đua, khen thưởng"},
    )

    version: Annotated[Literal[1], BeforeValidator(_version)] = describe(
        "Format version: always 1", "Phiên bản định dạng: luôn là 1")
    year: int = describe("The plan's year", "Năm của kế hoạch", ge=1900, le=2999)
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
    events: list[Event] = describe("Joint activities and milestones",
                                   "Các hoạt động chung, mốc thời gian", default_factory=list)
    criteria: list[Criterion] = describe("Scoring criteria", "Tiêu chí chấm điểm",
                                         default_factory=list)
    scores: dict[Ref, dict[Ref, Points]] = describe(
        "Points per member id, then per criterion id", "Điểm theo mã thành viên, theo mã tiêu chí",
        default_factory=dict)
    awards: list[Award] = describe("Year-end nominations", "Đề nghị khen thưởng cuối năm",
                                   default_factory=list)
    review: Review | None = describe("Narrative for the year-end report",
                                     "Nội dung cho báo cáo tổng kết", default=None)

    def member_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.bloc.members}

    def __repr__(self) -> str:
        # pydantic's repr is every field: a whole plan on one line.
        return (f"Plan(year={self.year}, bloc={self.bloc.name!r}, "
                f"members={len(self.bloc.members)}, tasks={len(self.tasks)})")

    __str__ = __repr__
