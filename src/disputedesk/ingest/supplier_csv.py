"""Supplier CSV import: decode, check columns, validate every row; all or nothing.

Spreadsheets of Chinese suppliers arrive in three encodings: UTF-8, UTF-8 with a BOM
("CSV UTF-8" in Excel) and GBK/GB18030 (Excel's plain "CSV" on a Chinese Windows). The
decoder tries exactly these, strictly, in that order. A general charset guesser is not used
on purpose: with only two candidate encodings a strict decode is deterministic, while
guessers misread short GBK text as other legacy encodings. A file whose lines are partly
UTF-8 and partly GBK (two exports pasted together) is refused with the line numbers, rather
than turned into mojibake.

The result is either every row as a :class:`SupplierProfile` or a list of errors naming the
spreadsheet row (the header is row 1) and the column; never a partial list. The caller
stores the rows in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.payment_safety import normalise_name
from ..domain.suppliers import DOMAIN_NAME, SupplierKind, SupplierProfile, parse_money
from ..domain.text import Quoted, Seq, T, Text
from ..domain.uscc import check_uscc

REQUIRED = ("legal_name_zh", "uscc")
OPTIONAL = (
    "supplier_id",
    "legal_name_en",
    "registered_address",
    "legal_representative",
    "registered_capital",
    "business_scope",
    "kind",
    "export_licence",
    "websites",
    "email_domains",
    "store_links",
)
#: Header spellings accepted for each column (after trimming and case-folding).
ALIASES: dict[str, tuple[str, ...]] = {
    "legal_name_zh": ("legal_name_zh", "legal name (zh)", "chinese name", "企业名称", "公司名称", "名称", "中文名称"),
    "uscc": ("uscc", "unified social credit code", "统一社会信用代码", "信用代码"),
    "supplier_id": ("supplier_id", "id", "供应商编号"),
    "legal_name_en": ("legal_name_en", "legal name (en)", "english name", "英文名称"),
    "registered_address": ("registered_address", "address", "注册地址", "住所"),
    "legal_representative": ("legal_representative", "法定代表人", "法人代表"),
    "registered_capital": ("registered_capital", "注册资本"),
    "business_scope": ("business_scope", "经营范围"),
    "kind": ("kind", "type", "factory_or_trading", "类型", "企业类型"),
    "export_licence": ("export_licence", "export_license", "出口许可证"),
    "websites": ("websites", "website", "网站", "官网"),
    "email_domains": ("email_domains", "email_domain", "邮箱域名"),
    "store_links": ("store_links", "store", "店铺链接"),
}
_KINDS = {
    "factory": SupplierKind.FACTORY,
    "manufacturer": SupplierKind.FACTORY,
    "工厂": SupplierKind.FACTORY,
    "生产厂家": SupplierKind.FACTORY,
    "trading_company": SupplierKind.TRADING_COMPANY,
    "trading company": SupplierKind.TRADING_COMPANY,
    "trader": SupplierKind.TRADING_COMPANY,
    "贸易公司": SupplierKind.TRADING_COMPANY,
    "factory_and_trading": SupplierKind.FACTORY_AND_TRADING,
    "工贸一体": SupplierKind.FACTORY_AND_TRADING,
    "unknown": SupplierKind.UNKNOWN,
    "": SupplierKind.UNKNOWN,
}
_LIST_SPLIT = re.compile(r"[;；\n|]+")


@dataclass(frozen=True)
class CsvError:
    row: int | None  # spreadsheet row (header = 1); None for file-level problems
    field: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"column {self.field}")
        return f"{', '.join(where) or 'file'}: {self.message}"


@dataclass(frozen=True)
class CsvImport:
    source: str
    encoding: str | None
    rows: tuple[SupplierProfile, ...] = ()
    errors: tuple[CsvError, ...] = ()
    warnings: tuple[CsvError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvDecodeError(ValueError):
    pass


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): "utf-8-sig", "utf-8" or "gb18030" (a superset of GBK/GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CsvDecodeError(
                _mixed_message(data[3:]) or T("UTF-8 BOM but invalid UTF-8: %(why)s", why=str(exc))
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CsvDecodeError(T("UTF-16 file: save it from Excel as 'CSV UTF-8 (comma delimited)'"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed_message(data)
    if mixed:
        raise CsvDecodeError(mixed)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvDecodeError(
            T(
                "line %(line)s: neither UTF-8 nor GBK/GB18030; save it from Excel as 'CSV UTF-8 (comma delimited)'",
                line=line,
            )
        ) from exc


def _mixed_message(data: bytes) -> Text | None:
    utf8_lines: list[int] = []
    gb_lines: list[int] = []
    for n, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines.append(n)
        except UnicodeDecodeError:
            gb_lines.append(n)
    if utf8_lines and gb_lines:
        return T(
            "mixed encodings: line(s) %(utf8)s are UTF-8 but line(s) %(gb)s are not (GBK?); "
            "save the whole sheet once as 'CSV UTF-8' and import again",
            utf8=_lines(utf8_lines),
            gb=_lines(gb_lines),
        )
    return None


def _lines(nums: list[int]) -> str:
    shown = ", ".join(str(n) for n in nums[:5])
    return T("%(lines)s and %(n)s more", lines=shown, n=len(nums) - 5) if len(nums) > 5 else shown


def _header_key(h: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", h).strip().casefold())


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in _LIST_SPLIT.split(value) if x.strip())


def parse_supplier_csv(
    data: bytes,
    *,
    source: str = "suppliers.csv",
    existing_usccs: Iterable[str] = (),
    existing_names: Iterable[str] = (),
) -> CsvImport:
    """Parse and validate a supplier CSV. ``existing_*`` are the suppliers already stored, so
    duplicates against them are reported too. ``rows`` is empty whenever ``errors`` is not."""
    try:
        text, encoding = decode_csv_bytes(data)
    except CsvDecodeError as exc:
        return CsvImport(source, None, errors=(CsvError(None, None, exc.args[0]),))
    if not text.strip():
        return CsvImport(source, encoding, errors=(CsvError(None, None, T("the file is empty")),))

    # Delimiter from the header line only (Excel writes ";" in some locales); cells may hold
    # ";" lists, so sniffing the whole sample could pick the wrong one.
    first_line = text.lstrip("\ufeff").splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:  # pragma: no cover - text is not empty
        return CsvImport(source, encoding, errors=(CsvError(None, None, T("no header row")),))

    lookup = {_header_key(a): col for col, names in ALIASES.items() for a in names}
    columns: dict[str, int] = {}
    errors: list[CsvError] = []
    warnings: list[CsvError] = []
    for idx, h in enumerate(header):
        key = lookup.get(_header_key(h))
        if key is None:
            if h.strip():
                warnings.append(CsvError(1, h, T("unknown column, ignored")))
            continue
        if key in columns:
            errors.append(CsvError(1, h, T("column %(column)s appears twice", column=key)))
        columns[key] = idx
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        errors.append(
            CsvError(
                1,
                ", ".join(missing),
                T(
                    "missing required column(s): %(missing)s (found: %(found)s)",
                    missing=", ".join(missing),
                    found=", ".join(h for h in header if h),
                ),
            )
        )
    if errors:
        return CsvImport(source, encoding, errors=tuple(errors), warnings=tuple(warnings))

    known_usccs = {check_uscc(u).code for u in existing_usccs}
    known_names = {normalise_name(n) for n in existing_names if n}
    seen_usccs: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    rows: list[SupplierProfile] = []
    for rownum, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(
                CsvError(rownum, None, T("%(n)s cells but the header has %(m)s", n=len(cells), m=len(header)))
            )
            continue

        def get(col: str, cells: list[str] = cells) -> str:
            i = columns.get(col)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        row_errors: list[CsvError] = []
        name_zh = get("legal_name_zh")
        if not name_zh:
            row_errors.append(CsvError(rownum, "legal_name_zh", T("empty")))
        raw_uscc = get("uscc")
        res = check_uscc(raw_uscc)
        if not raw_uscc:
            row_errors.append(CsvError(rownum, "uscc", T("empty")))
        elif not res.valid:
            row_errors.append(
                CsvError(
                    rownum,
                    "uscc",
                    T(
                        "%(value)s is not a valid USCC: %(why)s",
                        value=Quoted(raw_uscc),
                        why=Seq(p.message for p in res.problems),
                    ),
                )
            )
        else:
            for w in res.warnings:
                warnings.append(CsvError(rownum, "uscc", w))
            if res.code in known_usccs:
                row_errors.append(CsvError(rownum, "uscc", T("%(value)s is already a stored supplier", value=res.code)))
            elif res.code in seen_usccs:
                row_errors.append(
                    CsvError(
                        rownum,
                        "uscc",
                        T("%(value)s duplicates row %(row)s of this file", value=res.code, row=seen_usccs[res.code]),
                    )
                )
            else:
                seen_usccs[res.code] = rownum
        if name_zh:
            nk = normalise_name(name_zh)
            if nk in known_names:
                row_errors.append(
                    CsvError(
                        rownum, "legal_name_zh", T("%(value)s is already a stored supplier", value=Quoted(name_zh))
                    )
                )
            elif nk in seen_names:
                row_errors.append(
                    CsvError(
                        rownum,
                        "legal_name_zh",
                        T("%(value)s duplicates row %(row)s of this file", value=Quoted(name_zh), row=seen_names[nk]),
                    )
                )
            else:
                seen_names[nk] = rownum
        capital = None
        if get("registered_capital"):
            try:
                capital = parse_money(get("registered_capital"))
            except ValueError as exc:
                row_errors.append(CsvError(rownum, "registered_capital", exc.args[0] if exc.args else str(exc)))
        kind_raw = get("kind").casefold()
        kind = _KINDS.get(kind_raw)
        if kind is None:
            row_errors.append(
                CsvError(
                    rownum,
                    "kind",
                    T("%(value)s: use factory, trading_company, factory_and_trading", value=Quoted(get("kind"))),
                )
            )
        domains = tuple(d.lower().lstrip("@") for d in _split_list(get("email_domains")))
        for d in domains:
            if not DOMAIN_NAME.match(d):
                row_errors.append(
                    CsvError(rownum, "email_domains", T("%(value)s is not a domain name", value=Quoted(d)))
                )
        websites = _split_list(get("websites"))
        stores = _split_list(get("store_links"))
        for col, urls in (("websites", websites), ("store_links", stores)):
            for u in urls:
                if not re.match(r"^https?://[^\s/]+\.\S+$", u):
                    row_errors.append(CsvError(rownum, col, T("%(value)s is not an http(s) URL", value=Quoted(u))))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            SupplierProfile(
                supplier_id=get("supplier_id") or f"SUP-{res.code}",
                legal_name_zh=name_zh,
                uscc=res.code,
                legal_name_en=get("legal_name_en") or None,
                registered_address=get("registered_address") or None,
                legal_representative=get("legal_representative") or None,
                registered_capital=capital,
                business_scope=get("business_scope") or None,
                kind=kind or SupplierKind.UNKNOWN,
                export_licence=get("export_licence") or None,
                websites=websites,
                email_domains=domains,
                store_links=stores,
            )
        )
    if not rows and not errors:
        errors.append(CsvError(None, None, T("no supplier rows after the header")))
    if errors:
        return CsvImport(source, encoding, errors=tuple(errors), warnings=tuple(warnings))
    return CsvImport(source, encoding, rows=tuple(rows), warnings=tuple(warnings))
