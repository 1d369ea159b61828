#!/usr/bin/env python3
"""Qt's translation tools over kds: collect marked strings, build the .qm, check the catalogue.

    scripts/translations.py update   # lupdate: new strings into kds/i18n/kds_*.ts, drop gone ones
    scripts/translations.py build    # lrelease: kds/i18n/kds_*.qm (the set-up and packaging run it)
    scripts/translations.py check    # fail when vi has an unfinished, obsolete or broken entry

``kds_vi.ts`` holds every string; ``kds_en.ts`` only the plural forms (English is the source
language, but "%n orders" still needs its "1 order" form). Locations are not recorded, so
moving code does not touch the catalogue. The tools are PySide6's own ``pyside6-lupdate`` and
``pyside6-lrelease``, found next to this Python.

One gap of lupdate's Python parser is filled here: it marks ``translate(ctx, text, None, n)``
as a plural message only when ``n`` is a number literal, and turns an existing plural entry
back into a plain, unfinished one when ``n`` is a variable. So every message whose source holds
``%n`` is made a plural entry after lupdate runs, keeping the forms it had before.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_DIR = ROOT / "kds" / "i18n"
# Every client layer; the reference server speaks to programs, not to cooks.
SOURCES = ("kds/core", "kds/net", "kds/app", "kds/ui", "kds/cli")
# `kds.core.words.QT_TRANSLATE_NOOP` is Qt's own name; `translate` is `kds.app.i18n.translate`.
LUPDATE_OPTIONS = ("-extensions", "py", "-locations", "none", "-no-obsolete", "-silent")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n")


def tool(name: str) -> str:
    """The PySide6 tool `name`, beside this Python or on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"translations: {name} not found (run scripts/setup)")
    return found


def catalogues() -> dict[str, Path]:
    return {lang: CATALOGUE_DIR / f"kds_{lang}.ts" for lang in ("en", "vi")}


def lupdate(ts: Path, *, plural_only: bool = False, keep_obsolete: bool = False) -> None:
    options = [o for o in LUPDATE_OPTIONS if not (keep_obsolete and o == "-no-obsolete")]
    files = sorted(str(f) for s in SOURCES for f in (ROOT / s).rglob("*.py"))
    cmd = [tool("pyside6-lupdate"), *files, *options]
    if plural_only:
        cmd.append("-pluralonly")
    cmd += ["-source-language", "en", "-target-language", ts.stem.split("_")[1], "-ts", str(ts)]
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def plural_forms(ts: Path) -> dict[tuple[str, str], tuple[list[str], bool]]:
    """(context, source) → (forms, finished) of every ``%n`` message of a catalogue."""
    found: dict[tuple[str, str], tuple[list[str], bool]] = {}
    if not ts.exists():
        return found
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if "%n" not in source or translation is None:
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            forms = forms or [translation.text or ""]  # a plain entry lupdate made of it
            finished = translation.get("type") is None and all(forms)
            found[(context.findtext("name", ""), source)] = (forms, finished)
    return found


def make_plural(ts: Path, before: dict[tuple[str, str], tuple[list[str], bool]]) -> None:
    """Every ``%n`` message of `ts` a plural entry, with its forms from `before` (see above)."""
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if "%n" not in source or translation is None:
                continue
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            forms, finished = before.get((context.findtext("name", ""), source), ([""], False))
            message.set("numerus", "yes")
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
            if finished:
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


def refresh(ts: Path, *, plural_only: bool, keep_obsolete: bool = False) -> None:
    """lupdate `ts`, keeping its plural entries plural (see the module docstring)."""
    before = plural_forms(ts)
    lupdate(ts, plural_only=plural_only, keep_obsolete=keep_obsolete)
    if plural_only:  # lupdate dropped the %n messages it did not see as plural: add them back
        add_plural_messages(ts)
    make_plural(ts, before)


def add_plural_messages(ts: Path) -> None:
    """The English catalogue keeps only plural entries: put back every ``%n`` message the
    full catalogue has (lupdate's -pluralonly drops the ones it misread as plain)."""
    plural = set(plural_forms(catalogues()["vi"]))
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name", ""): c for c in root.iter("context")}
    for name, source in sorted(plural):
        context = contexts.get(name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
            contexts[name] = context
        if any(m.findtext("source", "") == source for m in context.iter("message")):
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation")
    root[:] = sorted(root, key=lambda c: c.findtext("name", ""))
    tree.write(ts, encoding="utf-8")


def update() -> int:
    for lang, ts in sorted(catalogues().items(), key=lambda kv: kv[0] != "vi"):  # vi first
        refresh(ts, plural_only=lang == "en")
    return 0


def build() -> int:
    for ts in catalogues().values():
        if not ts.exists():
            continue
        qm = ts.with_suffix(".qm")
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT
        )
    return 0


def problems(ts: Path) -> list[str]:
    """What is wrong with a catalogue that lupdate has just refreshed (keeping obsolete ones)."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            where = f"{name}: {source!r}"
            if translation is None:
                found.append(f"{where}: no translation element")
                continue
            kind = translation.get("type")
            if kind in ("obsolete", "vanished"):
                found.append(f"{where}: {kind} (no longer in the code; run update)")
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            if kind == "unfinished" or not all(f.strip() for f in forms):
                found.append(f"{where}: untranslated")
                continue
            want = sorted(set(PLACEHOLDER.findall(source)))
            for form in forms:
                have = sorted(set(PLACEHOLDER.findall(form)))
                if have != want:
                    found.append(f"{where}: placeholders {have} in {form!r}, want {want}")
    return found


def marked_in_code() -> tuple[set[tuple[str, str]], list[str]]:
    """Every ``translate(…)``/``QT_TRANSLATE_NOOP(…)`` of the client with a literal context and
    text, read with Python's own parser; and the calls lupdate cannot read (an f-string)."""
    marked: set[tuple[str, str]] = set()
    wrong: list[str] = []
    for path in sorted(f for s in SOURCES for f in (ROOT / s).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            context, text = node.args[0], node.args[1]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(text, ast.JoinedStr):
                wrong.append(f"{where}: an f-string cannot be translated (use {{placeholders}})")
            elif isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                marked.add((str(context.value), str(text.value)))
    return marked, wrong


def sources(ts: Path) -> set[tuple[str, str]]:
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def check() -> int:
    """lupdate into a copy of each catalogue; fail on anything not translated or out of date,
    and on a marked string lupdate did not collect (its Python parser skips some silently)."""
    marked, failures = marked_in_code()
    vietnamese = catalogues()["vi"]
    if vietnamese.exists():
        lost = sorted(marked - sources(vietnamese))
        failures += [
            f"{context}: {text!r}: marked in the code but not in {vietnamese.name} (run update; "
            "if it stays out, lupdate cannot read the call: see docs/translating.md)"
            for context, text in lost
        ]
    with tempfile.TemporaryDirectory() as tmp:
        for lang, ts in catalogues().items():
            copy = Path(tmp) / ts.name
            if not ts.exists():
                failures.append(f"{ts.relative_to(ROOT)}: missing (run update)")
                continue
            shutil.copy(ts, copy)
            refresh(copy, plural_only=lang == "en", keep_obsolete=True)
            failures += [f"{ts.relative_to(ROOT)}: {p}" for p in problems(copy)]
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        print(f"translations: {len(failures)} problem(s)", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("update", "build", "check"))
    args = parser.parse_args(argv)
    return {"update": update, "build": build, "check": check}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
