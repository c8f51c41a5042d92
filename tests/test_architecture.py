"""The direction of imports between the project's modules, read from the source with `ast`.

Imports inside functions count: a deferred import hides a circle from Python, not from the design.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_modules(root: Path) -> dict[str, Path]:
    """Every module of the project's apps (top-level folders with an apps.py) and of its settings
    package, migrations left out: they run only under `migrate`, never in the import graph of a running
    process."""
    apps = {path.parent.name for path in root.glob("*/apps.py")} | {"config"}
    modules = {}
    # Only the apps' folders: var/ holds the state of Elasticsearch nodes that other tests change meanwhile.
    for path in (path for app in sorted(apps) for path in (root / app).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def import_graph(root: Path) -> dict[str, set[str]]:
    """module → the project modules it imports, anywhere in its body."""
    modules = project_modules(root)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(resolve(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    # `from pkg import module` imports the module; `from module import name` the module.
                    full = f"{base}.{alias.name}"
                    imported.add(full if full in modules else resolve(base))
        graph[name] = imported - {None, name}
    return graph


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), set()

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def imports_across(graph: dict[str, set[str]], app: str, allowed: set[str]) -> set[tuple[str, str]]:
    """(module of `app`, imported module) pairs that reach an app outside `allowed`."""
    return {
        (module, target)
        for module, targets in graph.items()
        if module.split(".")[0] == app
        for target in targets
        if target.split(".")[0] not in {app, *allowed}
    }


def test_no_import_circle_among_the_projects_modules():
    assert circles(import_graph(ROOT)) == set()


def test_the_portal_kernel_imports_no_app():
    # Apps plug in by registering with portal in AppConfig.ready(); portal may ask the search client.
    assert imports_across(import_graph(ROOT), "portal", {"search"}) == set()


def test_search_imports_no_app_but_the_portal_kernel():
    assert imports_across(import_graph(ROOT), "search", {"portal"}) == set()


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_circle_closed_by_a_deferred_import_is_found(tmp_path):
    root = write(
        tmp_path,
        {
            "desk/apps.py": "",
            "desk/services.py": "from desk.tasks import notify\n",
            "desk/tasks.py": "def sweep():\n    from . import services\n",
            "desk/views.py": "from desk import services\n",
        },
    )

    assert circles(import_graph(root)) == {frozenset({"desk.services", "desk.tasks"})}


def test_an_app_imported_by_search_is_found(tmp_path):
    root = write(
        tmp_path,
        {
            "portal/apps.py": "",
            "portal/access.py": "",
            "desk/apps.py": "",
            "desk/models.py": "",
            "search/apps.py": "",
            "search/registry.py": "from portal import access\n\ndef f():\n    import desk.models\n",
        },
    )

    assert imports_across(import_graph(root), "search", {"portal"}) == {("search.registry", "desk.models")}


def app_names(root: Path) -> set[str]:
    return {path.parent.name for path in root.glob("*/apps.py")} - {"portal", "search"}


def names_of_apps_in_the_kernel(root: Path) -> set[tuple[str, str]]:
    """(file, reference) pairs where portal/'s templates or code reverse an app's URL or render, include
    or extend an app's template: the kernel would then break, or decide, for an app it should not know."""
    apps = "|".join(sorted(app_names(root)))
    template_ref = re.compile(rf"""{{%\s*(?:url|include|extends)\s+['"]((?:{apps})[:/][^'"]*)""")
    code_ref = re.compile(
        rf"""(?:reverse|reverse_lazy|redirect|render|render_to_string)\(\s*(?:request,\s*)?['"]((?:{apps})[:/][^'"]*)"""
    )
    found = set()
    for path in (root / "portal").rglob("*"):
        if "migrations" in path.parts or path.suffix not in {".html", ".txt", ".py"}:
            continue
        pattern = code_ref if path.suffix == ".py" else template_ref
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.add((str(path.relative_to(root)), match.group(1)))
    return found


def test_the_kernel_names_no_apps_urls_or_templates():
    assert names_of_apps_in_the_kernel(ROOT) == set()


def test_an_apps_url_named_by_a_kernel_template_is_found(tmp_path):
    root = write(
        tmp_path,
        {
            "portal/apps.py": "",
            "desk/apps.py": "",
            "portal/templates/portal/home.html": "<a href=\"{% url 'desk:queue' %}\">相談</a>",
            "portal/views.py": "def home(request):\n    return redirect('desk:queue')\n",
        },
    )

    assert names_of_apps_in_the_kernel(root) == {
        ("portal/templates/portal/home.html", "desk:queue"),
        ("portal/views.py", "desk:queue"),
    }
