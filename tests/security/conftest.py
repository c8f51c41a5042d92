# The XSS corpus writes through the desk as its users would: it needs the desk's world and its private
# file storage, which tests/consultations/conftest.py defines for the desk's own tests.
from tests.consultations.conftest import _private_files, desk

__all__ = ["_private_files", "desk"]
