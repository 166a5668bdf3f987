"""Every error raised to a user is a SmarketingError: none of a built-in class is raised in src/."""

from __future__ import annotations

import ast
import builtins
from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import Funnel, Objective
from smarketing.errors import InvalidValue, SmarketingError, UnknownStage
from smarketing.measuring.sketch import DurationSketch
from smarketing.parsing import parse_amount, parse_count, parse_datetime, parse_flag

SOURCE = Path(__file__).parent.parent / "src" / "smarketing"
BUILT_IN = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}
#: Built-ins raised on purpose, each for a protocol or a reader that is not a user.
PROTOCOL = {"StopIteration", "StopAsyncIteration", "GeneratorExit"}
ALLOWED = {
    ("__init__.py", "AttributeError"),  # the module __getattr__ protocol
    ("testing.py", "NotImplementedError"),  # a fixture the adapter's author must provide
    ("measuring/sketch.py", "AssertionError"),  # unreachable, said so
}


def built_ins_raised(root: Path) -> list[tuple[str, int, str]]:
    """(module, line, class) for every ``raise X`` or ``raise X(...)`` of a built-in X."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = raised.id if isinstance(raised, ast.Name) else None
            if name in BUILT_IN - PROTOCOL and (module, name) not in ALLOWED:
                found.append((module, node.lineno, name))
    return found


def test_no_built_in_error_is_raised_in_src() -> None:
    assert built_ins_raised(SOURCE) == []


def test_the_check_finds_a_built_in_raised(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "def f(x):\n    if x:\n        raise ValueError('no')\n    raise TypeError\n"
        "def g():\n    raise InvalidValue('fine')\n"
    )
    assert built_ins_raised(tmp_path) == [("m.py", 4, "TypeError"), ("m.py", 3, "ValueError")]


def test_a_plan_without_the_stage_says_which_are_there() -> None:
    funnel = Funnel.hubspot(
        lead_to_mql=Decimal("0.5"),
        mql_to_sql=Decimal("0.5"),
        sql_to_opportunity=Decimal("0.4"),
        opportunity_to_customer=Decimal("0.25"),
    )
    plan = Objective(
        revenue_goal=Decimal(1000000),
        marketing_share=Decimal("0.5"),
        average_sale=Decimal(10000),
        close_rate=Decimal("0.025"),
        funnel=funnel,
    ).plan()
    with pytest.raises(UnknownStage, match=r"Plan.stage: no stage 'mql' in this plan") as info:
        plan.stage("mql")
    assert isinstance(info.value, KeyError)  # a lookup: except KeyError keeps working
    assert str(info.value).startswith("Plan.stage")  # not quoted as a KeyError's would be
    assert "its stages are ['lead', 'marketingqualifiedlead'" in str(info.value)


def test_sketch_errors_say_what_to_do() -> None:
    with pytest.raises(InvalidValue, match=r"DurationSketch: .* between 0 and 1, got 2"):
        DurationSketch(2)
    with pytest.raises(InvalidValue, match=r"quantile .* between 0 and 1, got 1.5"):
        DurationSketch().quantile(1.5)
    other = DurationSketch(0.02)
    other.add(3600)
    with pytest.raises(InvalidValue, match=r"accuracy 0.01 and 0.02: .*same accuracy"):
        DurationSketch().merge(other)


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_amount, "twelve"),
        (parse_amount, ""),
        (parse_count, "-3"),
        (parse_flag, "maybe"),
        (parse_datetime, "2026-13-45"),
        (parse_datetime, "tomorrow"),
        (parse_datetime, "2026-11-03 10:00 XYZ/Nowhere"),
    ],
)
def test_cell_parsers_raise_smarketing_errors(parse: object, text: str) -> None:
    with pytest.raises(SmarketingError) as info:
        parse(text)  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
