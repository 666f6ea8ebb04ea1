"""Who may edit a store from the dashboard: a password file of salted scrypt hashes.

One editor a line, ``NAME:scrypt:N:R:P:SALT_HEX:HASH_HEX`` (lines starting with # are comments).
Make or change an entry (the password is asked for, or read from stdin when it is not a terminal):

    python -m dashboard.view.editors PASSWORDS_FILE NAME

The file holds no password, only hashes; keep it out of the repository all the same (chmod 600).
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import re
import sys
from pathlib import Path

from dashboard.curation.errors import CurationError

N, R, P = 2 ** 14, 8, 1
_NAME = re.compile(r"^[\w.@-]{1,64}$")


class PasswordFileError(CurationError):
    """The password file cannot be read or holds a malformed line."""


def hash_password(password: str, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt:{n}:{r}:{p}:{salt.hex()}:{digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split(":")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, bytes.fromhex(digest))


def load_passwords(path: str | os.PathLike) -> dict[str, str]:
    """NAME -> stored hash; PasswordFileError naming the file and the line when it cannot be used."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise PasswordFileError(f"{path}: cannot read the editors' password file ({e.__class__.__name__}); "
                                "check --passwords") from None
    out = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, stored = line.strip().partition(":")
        if not _NAME.match(name) or stored.count(":") != 5:
            raise PasswordFileError(f"{path}, line {number}: not NAME:scrypt:N:R:P:SALT:HASH; "
                                    "make entries with python -m dashboard.view.editors FILE NAME")
        out[name] = stored
    return out


def check_sign_in(passwords: dict[str, str], name: str, password: str) -> bool:
    stored = passwords.get(name)
    if stored is None:
        verify_password(password, hash_password("", b"0" * 16))   # the same time for an unknown name
        return False
    return verify_password(password, stored)


def save_password(path: str | os.PathLike, name: str, password: str) -> None:
    """Add or replace NAME's entry (the file is rewritten atomically, readable by its owner only)."""
    if not _NAME.match(name):
        raise PasswordFileError(f"{name!r}: an editor's name is letters, digits, . _ @ - (at most 64)")
    if not password:
        raise PasswordFileError("the password is empty; give one")
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if line.partition(":")[0] != name]
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join([*kept, f"{name}:{hash_password(password)}"]) + "\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m dashboard.view.editors PASSWORDS_FILE NAME", file=sys.stderr)
        return 2
    password = getpass.getpass(f"password for {args[1]}: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    try:
        save_password(args[0], args[1], password)
    except (PasswordFileError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{args[1]}: saved in {args[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
