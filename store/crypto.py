"""Encryption at rest for sensitive columns: Fernet keys from CRM_ENCRYPTION_KEYS, rotation.

Key material and plain text never appear in an exception message or repr here: errors name
the setting, a key's position in it, or the column, so they are safe to log.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Engine, MetaData, Table, Text, TypeDecorator, select, tuple_, type_coerce
from sqlalchemy import bindparam as bind
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DontWrapMixin

SETTING = "CRM_ENCRYPTION_KEYS"


class EncryptionError(DontWrapMixin, RuntimeError):
    """An encrypted value cannot be written or read (no keyring, or no key that opens it)."""

    # DontWrapMixin: SQLAlchemy would otherwise wrap this in a StatementError whose message
    # lists the statement's parameters, i.e. the very plain text that was being protected.


class Keyring:
    """Fernet keys, newest first: encrypts with the newest, decrypts with any."""

    __slots__ = ("_newest", "_all", "_count")

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError(f"{SETTING}: at least one key is needed")
        fernets = [_fernet(key, position, len(keys)) for position, key in enumerate(keys, 1)]
        self._newest = fernets[0]
        self._all = MultiFernet(fernets)
        self._count = len(fernets)

    @classmethod
    def from_setting(cls, value: str | None) -> Keyring | None:
        """The keyring a CRM_ENCRYPTION_KEYS value describes; None when the setting is empty."""
        if value is None or not value.strip():
            return None
        return cls([part.strip() for part in value.split(",")])

    def __repr__(self) -> str:
        # The keys are secrets: a repr may end up in a log or a traceback's locals.
        return f"Keyring({self._count} key{'s' if self._count != 1 else ''})"

    def encrypt(self, plain: str) -> str:
        """A token for the text, under the newest key."""
        return self._all.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str, *, what: str = "a value") -> str:
        """The text inside a token made with any of the keys."""
        try:
            return self._all.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise _unreadable(what) from None

    def is_current(self, token: str) -> bool:
        """Whether the token is already under the newest key (so rotation can skip it)."""
        try:
            self._newest.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeError):
            return False
        return True

    def rotate(self, token: str, *, what: str = "a value") -> str:
        """The same text re-encrypted under the newest key."""
        try:
            return self._all.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise _unreadable(what) from None


def generate_key() -> str:
    """A new random Fernet key, ready to put first in CRM_ENCRYPTION_KEYS."""
    return Fernet.generate_key().decode("ascii")


def _fernet(key: str, position: int, count: int) -> Fernet:
    where = f"{SETTING}: key {position} of {count}"
    if not key:
        raise ValueError(f"{where} is empty (a stray comma?)")
    try:
        fernet = Fernet(key)
        # Lenient base64 decoding ignores stray trailing characters; a key pasted with
        # extra text is more likely a mistake than a key, so insist on the canonical form.
        canonical = base64.urlsafe_b64encode(base64.urlsafe_b64decode(key)).decode("ascii")
    except (ValueError, TypeError):
        canonical = ""
    if canonical != key:
        # No `from`: the library's own error might one day quote what it was given.
        raise ValueError(
            f"{where} is not a Fernet key (44 characters of url-safe base64); "
            "make one with store.crypto.generate_key()"
        )
    return fernet


def _unreadable(what: str) -> EncryptionError:
    return EncryptionError(
        f"cannot decrypt {what}: no key in {SETTING} opens it "
        "(was the key it was written with removed before rotation finished?)"
    )


# The keyring the column type uses, set by the composition root at start-up (and by tests).
# A registry rather than an import-time global because the keys come from the settings,
# which are read once, after import.
_keyring: Keyring | None = None


def configure_keyring(keyring: Keyring | None) -> None:
    """Make this keyring the one EncryptedText columns use; None turns encryption off."""
    global _keyring
    _keyring = keyring


def _require_keyring(action: str, what: str) -> Keyring:
    if _keyring is None:
        raise EncryptionError(
            f"cannot {action} {what}: no encryption keys configured; set {SETTING} "
            "(see docs/encryption.md)"
        )
    return _keyring


class EncryptedText(TypeDecorator[str]):
    """Text stored as a Fernet token. Encrypted values cannot be searched or compared in SQL.

    `label` names the column in error messages, e.g. "customers.national_id".
    """

    impl = Text
    cache_ok = True

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # Refuse rather than store plain text when the keys are missing.
        return _require_keyring("encrypt", self.label).encrypt(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return _require_keyring("decrypt", self.label).decrypt(str(value), what=self.label)


def encrypted_columns(metadata: MetaData) -> dict[Table, list[str]]:
    """Every table in the metadata with EncryptedText columns, and those columns' names."""
    found: dict[Table, list[str]] = {}
    for table in metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, EncryptedText)]
        if names:
            found[table] = names
    return found


def rotate(engine: Engine, keyring: Keyring, *, batch: int = 500,
           metadata: MetaData | None = None) -> int:
    """Re-encrypt every encrypted value not yet under the newest key; how many were rewritten.

    Idempotent: values the newest key already opens are left alone, so a second run
    returns 0. Each batch is its own transaction, so an interrupted run can simply be rerun.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if metadata is None:
        from store.models import Base  # here, not at the top: models may import this module

        metadata = Base.metadata
    return sum(
        _rotate_table(engine, keyring, table, names, batch)
        for table, names in encrypted_columns(metadata).items()
    )


def _rotate_table(engine: Engine, keyring: Keyring, table: Table, names: list[str],
                  batch: int) -> int:
    pk = list(table.primary_key.columns)
    if not pk:
        raise ValueError(f"{table.name} has encrypted columns but no primary key to update by")
    # type_coerce to plain Text: rotation works on the stored tokens, never on plain text.
    raw = [type_coerce(table.c[name], Text).label(name) for name in names]
    # FOR UPDATE (SQLite's single writer lock does the same): an edit made between this read
    # and the write below must not be overwritten by the old value re-encrypted.
    query = select(*pk, *raw).order_by(*pk).limit(batch).with_for_update()
    # Keyset paging (rows after the last key seen) stays fast on big tables, unlike OFFSET.
    key = tuple_(*pk) if len(pk) > 1 else pk[0]
    # Bind names no column can have: SQLAlchemy reserves a column's own name in SET.
    pk_binds = [(c, f"_crypto_pk{i}") for i, c in enumerate(pk)]
    rewritten = 0
    page = query
    while True:
        with engine.begin() as conn:
            rows = conn.execute(page).all()
            for name in names:
                changes = [
                    {**{b: row._mapping[c.name] for c, b in pk_binds},
                     "_crypto_token": keyring.rotate(token, what=f"{table.name}.{name}")}
                    for row in rows
                    if (token := row._mapping[name]) is not None and not keyring.is_current(token)
                ]
                if changes:
                    update = (table.update()
                              .where(*(c == bind(b) for c, b in pk_binds))
                              .values({name: bind("_crypto_token", type_=Text)}))
                    conn.execute(update, changes)
                    rewritten += len(changes)
        if len(rows) < batch:
            return rewritten
        last = tuple(rows[-1][: len(pk)])
        page = query.where(key > (last if len(pk) > 1 else last[0]))
