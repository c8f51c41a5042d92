# The corpora and matrices here write through the apps as their users would: they need each app's
# world (and the desk's private file storage), which the apps' own conftest modules define.
from tests.consultations.conftest import _private_files, desk
from tests.knowhow.conftest import world

__all__ = ["_private_files", "desk", "world"]
