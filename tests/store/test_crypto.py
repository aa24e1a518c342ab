"""Encrypted columns: round trip, ciphertext at rest, clear errors, rotation; on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, Integer, String, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from store.crypto import (
    EncryptedText,
    EncryptionError,
    Keyring,
    configure_keyring,
    encrypted_columns,
    generate_key,
    rotate,
)
from store.engine import make_engine

NATIONAL_ID = "110101199003078515"
IBAN = "DE89370400440532013000"


class _Base(DeclarativeBase):
    """A throw-away schema of its own, so these tests do not depend on the real models."""


class Secret(_Base):
    __tablename__ = "crypto_test_secrets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    national_id: Mapped[str | None] = mapped_column(
        EncryptedText("crypto_test_secrets.national_id"))
    bank: Mapped[str | None] = mapped_column(EncryptedText("crypto_test_secrets.bank"))


class Pair(_Base):
    """A composite primary key, so rotation's paging is tested on one too."""

    __tablename__ = "crypto_test_pairs"
    workspace_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    note: Mapped[str | None] = mapped_column(EncryptedText("crypto_test_pairs.note"))


KEY_A = generate_key()
KEY_B = generate_key()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    _Base.metadata.create_all(engine)
    yield engine
    _Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(autouse=True)
def _no_keyring() -> Iterator[None]:
    configure_keyring(None)
    yield
    configure_keyring(None)


def _use(keys: str) -> Keyring:
    keyring = Keyring.from_setting(keys)
    assert keyring is not None
    configure_keyring(keyring)
    return keyring


def _save(engine: Engine, *rows: _Base) -> None:
    with Session(engine) as session, session.begin():
        session.add_all(rows)


def _stored(engine: Engine, column: str = "national_id") -> list[str | None]:
    with engine.connect() as conn:
        query = text(f"SELECT {column} FROM crypto_test_secrets ORDER BY id")
        return list(conn.execute(query).scalars())


def _read_all(engine: Engine) -> list[tuple[str | None, str | None]]:
    with Session(engine) as session:
        secrets = session.scalars(select(Secret).order_by(Secret.id))
        return [(s.national_id, s.bank) for s in secrets]


def test_value_round_trips(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID, bank=IBAN))
    assert _read_all(engine) == [(NATIONAL_ID, IBAN)]


def test_database_holds_ciphertext_not_plain_text(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID), Secret(id=2, national_id=NATIONAL_ID))
    first, second = _stored(engine)
    assert first is not None and second is not None
    assert NATIONAL_ID not in first
    assert first != second  # a fresh IV each time: equal values do not look equal at rest


def test_none_stays_none(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=None, bank=IBAN))
    assert _stored(engine) == [None]
    assert _read_all(engine) == [(None, IBAN)]


def test_writing_without_a_keyring_is_refused_and_names_the_setting(engine: Engine) -> None:
    with pytest.raises(EncryptionError) as caught:
        _save(engine, Secret(id=1, national_id=NATIONAL_ID))
    message = str(caught.value)
    assert "CRM_ENCRYPTION_KEYS" in message
    assert "crypto_test_secrets.national_id" in message
    assert NATIONAL_ID not in message
    assert _stored(engine) == []


def test_writing_none_needs_no_keyring(engine: Engine) -> None:
    _save(engine, Secret(id=1))
    assert _read_all(engine) == [(None, None)]


def test_reading_without_a_keyring_is_refused(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID))
    configure_keyring(None)
    with pytest.raises(EncryptionError, match="CRM_ENCRYPTION_KEYS"):
        _read_all(engine)


def test_wrong_key_names_the_column_and_leaks_neither_data_nor_keys(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID))
    _use(KEY_B)
    with pytest.raises(EncryptionError) as caught:
        _read_all(engine)
    message = str(caught.value)
    assert "crypto_test_secrets.national_id" in message
    for secret in (NATIONAL_ID, KEY_A, KEY_B):
        assert secret not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_rotation_moves_every_value_to_the_newest_key(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, *(Secret(id=i, national_id=f"{NATIONAL_ID}-{i}", bank=None if i % 2 else IBAN)
                    for i in range(1, 6)))
    _save(engine, *(Pair(workspace_id="T1", user_id=f"U{i}", note=f"note {i}") for i in range(3)))
    before = _stored(engine)

    keyring = _use(f"{KEY_B},{KEY_A}")
    # batch=2 makes several pages over both tables; 5 ids + 2 banks + 3 notes were written.
    assert rotate(engine, keyring, batch=2, metadata=_Base.metadata) == 10

    after = _stored(engine)
    assert all(old != new for old, new in zip(before, after, strict=True))
    _use(KEY_B)  # the old key is gone: everything must open with B alone
    assert _read_all(engine) == [(f"{NATIONAL_ID}-{i}", None if i % 2 else IBAN)
                                 for i in range(1, 6)]
    with Session(engine) as session:
        notes = session.scalars(select(Pair.note).order_by(Pair.user_id)).all()
    assert notes == ["note 0", "note 1", "note 2"]


def test_rotation_is_idempotent(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID), Secret(id=2, bank=IBAN))
    keyring = _use(f"{KEY_B},{KEY_A}")
    assert rotate(engine, keyring, metadata=_Base.metadata) == 2
    once = _stored(engine)
    # Values the newest key already opens are left alone: nothing to rewrite the second time.
    assert rotate(engine, keyring, metadata=_Base.metadata) == 0
    assert _stored(engine) == once
    _use(KEY_B)
    assert _read_all(engine) == [(NATIONAL_ID, None), (None, IBAN)]


def test_rotation_stops_on_a_value_no_key_opens(engine: Engine) -> None:
    _use(KEY_A)
    _save(engine, Secret(id=1, national_id=NATIONAL_ID))
    keyring = _use(generate_key())
    with pytest.raises(EncryptionError, match="crypto_test_secrets.national_id") as caught:
        rotate(engine, keyring, metadata=_Base.metadata)
    assert NATIONAL_ID not in str(caught.value)


def test_encrypted_columns_are_found_by_type() -> None:
    found = {table.name: names for table, names in encrypted_columns(_Base.metadata).items()}
    assert found == {"crypto_test_secrets": ["national_id", "bank"],
                     "crypto_test_pairs": ["note"]}


@pytest.mark.parametrize("setting", [
    "not-a-key",
    f"{KEY_A},{KEY_B[:-4]}",
    f"{KEY_A},,{KEY_B}",
    f"{KEY_A}x",
    f"{KEY_A},{KEY_B}=",
], ids=["garbage", "truncated", "empty", "trailing-text", "extra-padding"])
def test_malformed_setting_is_rejected_without_echoing_it(setting: str) -> None:
    with pytest.raises(ValueError, match="CRM_ENCRYPTION_KEYS: key") as caught:
        Keyring.from_setting(setting)
    message = str(caught.value)
    for part in setting.split(","):
        if part:
            assert part not in message
    # Nor hidden in a chained exception a traceback would print.
    assert caught.value.__cause__ is None and caught.value.__context__ is None


@pytest.mark.parametrize("setting", [None, "", "  "])
def test_empty_setting_means_no_keyring(setting: str | None) -> None:
    assert Keyring.from_setting(setting) is None


def test_keyring_repr_hides_the_keys() -> None:
    keyring = Keyring.from_setting(f" {KEY_B} , {KEY_A} ")
    assert repr(keyring) == "Keyring(2 keys)"


def test_rotating_the_real_schema_finds_nothing_to_do_yet(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert rotate(engine, Keyring([KEY_B, KEY_A])) == 0
    finally:
        engine.dispose()
