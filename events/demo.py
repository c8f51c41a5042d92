def load(password: str) -> str:
    return "events: nothing yet"
