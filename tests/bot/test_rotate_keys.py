"""`python -m bot rotate-keys` moves every encrypted value to the newest key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.__main__ import main
from store.crypto import Keyring, configure_keyring, generate_key
from store.engine import make_engine, make_session_factory
from store.models import Customer


@pytest.fixture(autouse=True)
def _no_keyring_left_behind():
    yield
    configure_keyring(None)


def test_rotate_keys_command(tmp_path: Path, monkeypatch, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    old, new = generate_key(), generate_key()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    monkeypatch.setenv("CRM_ENCRYPTION_KEYS", old)
    assert main(["migrate"]) == 0
    configure_keyring(Keyring.from_setting(old))
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        session.add(Customer(workspace_id="T1", name="Acme", name_key="acme", owner_id="U1",
                             created_by="U1", created_at=datetime(2026, 1, 1, tzinfo=UTC),
                             national_id="110101199003077777"))
        session.commit()
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT national_id FROM customers")).scalar_one()
    assert "110101199003077777" not in stored  # encrypted at rest

    monkeypatch.setenv("CRM_ENCRYPTION_KEYS", f"{new},{old}")
    assert main(["rotate-keys"]) == 0
    assert "re-encrypted 1 values" in capsys.readouterr().out
    configure_keyring(Keyring.from_setting(new))  # the old key is gone now
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Customer)).one().national_id == "110101199003077777"
    engine.dispose()


def test_rotate_keys_without_keys_explains(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'crm.db'}")
    monkeypatch.delenv("CRM_ENCRYPTION_KEYS", raising=False)
    assert main(["rotate-keys"]) == 2
    assert "CRM_ENCRYPTION_KEYS" in capsys.readouterr().err
