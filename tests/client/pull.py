"""What an upper level's script does with a client generated from the
committed OpenAPI document, and nothing else: log in, read a unit's totals
against plan (KH) and last year (CK), the completeness of a form, and every
page of the unit's figures. It prints what it read as one JSON object on
stdout, for `tests/api/generated_client.rs` to compare with what it reads
over HTTP itself.

Usage: python pull.py BASE_URL USERNAME PASSWORD UNIT_ID PERIOD FORM_ID FROM TO PAGE_SIZE
with the generated package `tonghop_api_client` on PYTHONPATH.

It exits non-zero (an exception) when a call does not answer what the
document promises.
"""

import json
import sys

from tonghop_api_client import AuthenticatedClient, Client
from tonghop_api_client.api.auth import login
from tonghop_api_client.api.completeness import completeness
from tonghop_api_client.api.data import values
from tonghop_api_client.api.totals import totals
from tonghop_api_client.models import Completeness, DataPage, LoginRequest, TokenResponse, TotalsTable
from tonghop_api_client.types import UNSET, Unset


def expect(answer, model, what):
    """The typed answer of a `sync_detailed` call, or a clear failure."""
    if not isinstance(answer.parsed, model):
        raise SystemExit(f"{what}: HTTP {int(answer.status_code)}, {answer.content[:500]!r}")
    return answer.parsed


def number_or_none(value, what):
    """A figure the document marks optional and nullable: a number or None."""
    if isinstance(value, Unset):
        return None
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise SystemExit(f"{what}: not a number: {value!r}")
    return value


def comparison(c, what):
    return {
        "base": number_or_none(c.base, f"{what}.base"),
        "percent": number_or_none(c.percent, f"{what}.percent"),
        "change": number_or_none(c.change, f"{what}.change"),
    }


def main():
    base_url, username, password, unit_id, period, form_id, first, last, page_size = sys.argv[1:]
    unit_id, form_id, page_size = int(unit_id), int(form_id), int(page_size)

    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    session = expect(login.sync_detailed(client=anonymous, body=LoginRequest(username=username, password=password)), TokenResponse, "login")
    client = AuthenticatedClient(base_url=base_url, token=session.access_token, raise_on_unexpected_status=True)

    table = expect(totals.sync_detailed(client=client, unit_id=unit_id, period=period), TotalsTable, "totals")
    rows = [
        {
            "code": r.indicator.code,
            "actual": number_or_none(r.actual, f"{r.indicator.code}.actual"),
            "plan": comparison(r.plan, f"{r.indicator.code}.plan"),
            "last_year": comparison(r.last_year, f"{r.indicator.code}.last_year"),
            "status": r.status.value,
        }
        for r in table.rows
    ]
    if not any(r["plan"]["base"] is not None and r["last_year"]["base"] is not None for r in rows):
        raise SystemExit("totals: no row has both a plan (KH) and last year's figure (CK)")

    sheet = expect(completeness.sync_detailed(client=client, form_id=form_id, from_=first, to=last), Completeness, "completeness")

    figures, pages, cursor = [], 0, UNSET
    while True:
        page = expect(
            values.sync_detailed(client=client, unit_id=unit_id, from_=first, to=last, limit=page_size, cursor=cursor),
            DataPage,
            f"values page {pages + 1}",
        )
        pages += 1
        figures += [
            {"unit_id": v.unit_id, "indicator_code": v.indicator_code, "period": v.period, "value": v.value, "status": v.status.value}
            for v in page.items
        ]
        if not isinstance(page.next_cursor, str):
            break
        cursor = page.next_cursor

    json.dump(
        {
            "token_type": session.token_type,
            "totals": {"unit_id": table.unit.id, "period": table.period, "rows": rows, "sentence": table.summary.sentence},
            "completeness": {
                "periods": sheet.periods,
                "totals": [
                    {
                        "period": t.period,
                        "deadline": t.deadline.isoformat(),
                        "expected": t.expected,
                        "received": t.received,
                        "received_percent": t.received_percent,
                    }
                    for t in sheet.totals
                ],
                "cells": [{"unit_id": r.unit.id, "statuses": [c.status.value for c in r.cells]} for r in sheet.rows],
            },
            "values": {"pages": pages, "rows": figures},
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
