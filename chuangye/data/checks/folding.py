"""Root causes first: the findings of every check become Problems, with consequences folded under their cause.

A row's problem is a *consequence* when the code it depends on (``Finding.depends``) is

- explained by another row's problem (``Finding.explains``: a street filed under the wrong county explains why
  its villages' township is "not in their county"), or
- missing from its table while one row probably held it (``replaced.Replacement``: the county code typed as
  320199 on its own row explains the 70 units still naming 320102); that row gets a ``replaced_code`` problem
  when it has none of its own, else its own problem says which code it probably was, or
- missing and named by several rows with no such row to blame: the first row of each file naming it stands for
  the others of that file.

A root cause is listed before the other problems of its kind; its message counts what follows from it ("and 70
rows depending on it (units.csv: 70 x 'county not in the regions table')"). With ``list_all`` the consequences
are listed right after it, each naming its root's file and row; otherwise they are only counted in the root's
message, and nowhere else.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from chuangye.data.checks.base import Finding, Key
from chuangye.data.checks.replaced import Replacement
from chuangye.data.problems import Problem, caused_by, fold_under

Position = tuple[int, int]  # (finding index, row position in the finding)


@dataclass
class Built:
    problems: list[Problem]
    not_listed: Counter[tuple[str, str, str]]  # (file, check, severity) -> problems counted, not listed
    consequences: dict[Problem, list[Problem]] = field(default_factory=dict)  # root -> listed under it

    def listed_in_order(self, capped: list[Problem]) -> list[Problem]:
        """``capped`` with every root's consequences right after it."""
        return [p for root in capped for p in (root, *self.consequences.get(root, ()))]


def build(findings: list[Finding], replacements: list[Replacement], *, per_group: int, list_all: bool) -> Built:
    roots, hints = _roots(findings, replacements)
    under, same_code = _fold(findings, roots)
    for pos, children in under.items():
        finding = findings[pos[0]]
        if finding.check == "replaced_code":  # as serious as the worst problem it explains
            finding.severity = "error" if any(findings[c[0]].is_error for c in children) else "warning"
    return _problems(findings, under, same_code, hints, per_group=per_group, list_all=list_all)


def rows_with_errors(findings: list[Finding]) -> set[tuple[str, int]]:
    """(file, row) of every row with an error of its own (not one that follows from another row)."""
    return {
        (f.file, int(row)) for f in findings if f.is_error and f.depends is None for row in f.rows if row is not None
    }


def _roots(findings: list[Finding], replacements: list[Replacement]) -> tuple[dict[Key, Position], dict[Position, str]]:
    roots: dict[Key, Position] = {}
    for fi, f in enumerate(findings):
        if f.explains and f.is_error:
            for pos, key in enumerate(f.explains):
                if key is not None:
                    roots.setdefault(key, (fi, pos))
    own = _code_errors(findings)
    hints: dict[Position, str] = {}
    for rep in replacements:
        at = own.get((rep.file, rep.row))
        if at is None:
            findings.append(
                Finding("replaced_code", rep.file, [rep.row], rep.column, [rep.value], params={"missing": rep.key[1]})
            )
            at = (len(findings) - 1, 0)
        else:
            hints[at] = rep.key[1]
        roots[rep.key] = at
    return roots, hints


def _code_errors(findings: list[Finding]) -> dict[tuple[str, int], Position]:
    """Per (file, row), the row's own error about its code (one that explains it: its shape, prefix, length),
    which names the code a changed row holds; the root of a replacement is that error when there is one."""
    own: dict[tuple[str, int], Position] = {}
    for fi, f in enumerate(findings):
        if f.is_error and f.explains is not None:
            for pos, row in enumerate(f.rows):
                if row is not None:
                    own.setdefault((f.file, int(row)), (fi, pos))
    return own


def _fold(findings: list[Finding], roots: dict[Key, Position]) -> tuple[dict[Position, list[Position]], set[Position]]:
    under: dict[Position, list[Position]] = defaultdict(list)
    first_naming: dict[tuple[Key, str], Position] = {}
    same_code: set[Position] = set()
    for fi, f in enumerate(findings):
        for pos, key in enumerate(f.depends or ()):
            if key is None:
                continue
            me = (fi, pos)
            root = roots.get(key)
            if root is None:  # each file keeps its first row naming the code, so every file stays named
                root = first_naming.setdefault((key, f.file), me)
                if root != me:
                    same_code.add(root)
            if root != me:
                under[root].append(me)
    return under, same_code


def _problems(
    findings: list[Finding],
    under: dict[Position, list[Position]],
    same_code: set[Position],
    hints: dict[Position, str],
    *,
    per_group: int,
    list_all: bool,
) -> Built:
    folded = {child for children in under.values() for child in children}
    special = folded | set(under) | set(hints)
    touched = {fi for fi, _ in special}
    built = Built([], Counter())
    listed: Counter[tuple[str, str]] = Counter()
    for pos in sorted(set(under) | set(hints)):  # roots before the rest of their kind
        finding = findings[pos[0]]
        if listed[(finding.file, finding.check)] >= per_group:  # counted, with what follows from them
            for fi, n in Counter([pos[0], *(c[0] for c in under.get(pos, ()))]).items():
                built.not_listed[(findings[fi].file, findings[fi].check, findings[fi].severity_of)] += n
            continue
        built.problems.append(_root_problem(findings, pos, under.get(pos, []), same_code, hints, list_all, built))
        listed[(finding.file, finding.check)] += 1
    for fi, f in enumerate(findings):
        group = (f.file, f.check)
        free = range(len(f)) if fi not in touched else [i for i in range(len(f)) if (fi, i) not in special]
        take = max(min(per_group - listed[group], len(free)), 0)  # list the first rows, count the rest
        built.problems.extend(f.problem(i) for i in free[:take])
        listed[group] += take
        if len(free) > take:
            built.not_listed[(f.file, f.check, f.severity_of)] += len(free) - take
    return built


def _root_problem(
    findings: list[Finding],
    pos: Position,
    children: list[Position],
    same_code: set[Position],
    hints: dict[Position, str],
    list_all: bool,
    built: Built,
) -> Problem:
    problem = findings[pos[0]].problem(pos[1])
    counts = Counter((findings[c[0]].file, findings[c[0]].check) for c in children)
    hint = {"missing": hints[pos]} if pos in hints else None
    root = fold_under(problem, counts, listed=list_all, same_code=pos in same_code, hint=hint)
    if list_all and children:
        built.consequences[root] = [caused_by(findings[c[0]].problem(c[1]), root) for c in children]
    return root
