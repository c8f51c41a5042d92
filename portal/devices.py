"""A session's User-Agent as people name their device: browser and OS (ua-parser's rules)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from ua_parser import parse

# One name per browser, whatever the device: the OS already says it is a phone.
BROWSER_NAMES = {
    "Mobile Safari": "Safari",
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
}
OS_NAMES = {"Mac OS X": "macOS"}
# Desktop browsers freeze the OS version in the User-Agent (Windows 11 says 10, every macOS says
# 10.15.7): a version there would be wrong, so only mobile systems show theirs.
OS_WITH_VERSION = {"iOS", "Android", "iPadOS"}


@dataclass(frozen=True)
class Device:
    browser: str
    os: str

    def __str__(self) -> str:
        return _("%(browser)s（%(os)s）") % {"browser": self.browser, "os": self.os}


def describe(user_agent: str) -> Device:
    result = parse(user_agent or "")
    browser = _("不明なブラウザ")
    if result.user_agent and result.user_agent.family != "Other":
        name = BROWSER_NAMES.get(result.user_agent.family, result.user_agent.family)
        browser = f"{name} {result.user_agent.major}" if result.user_agent.major else name
    system = _("不明なOS")
    if result.os and result.os.family != "Other":
        name = OS_NAMES.get(result.os.family, result.os.family)
        system = f"{name} {result.os.major}" if result.os.major and name in OS_WITH_VERSION else name
    return Device(browser=browser, os=system)
