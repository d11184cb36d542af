import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty(tmp_path, monkeypatch):
    """A git repository (its .git folder is all init looks for) with no tracker files yet; the
    working directory is a folder inside it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.delenv("TRACKER_ROOT", raising=False)
    return tmp_path


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_creates_an_example_that_validates(empty, cli):
    result = cli("init")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        f"Set up tracker in {empty} (git repository):",
        "  created commitments/example/declaration.yaml",
        "  created commitments/example/01.yaml",
    ]
    assert files_under(empty / "commitments") == ["example/01.yaml", "example/declaration.yaml"]
    checked = cli("validate")
    assert (checked.exit_code, checked.stdout) == (0, "")
    assert checked.stderr == "2 files checked: no problems\n"
    listed = cli("list", "--format", "ids")
    assert listed.stdout == "example-01\n"


def _runs(base):
    workflow = yaml.safe_load((base / ".github/workflows/tracker.yml").read_text())
    return workflow, [step.get("run") for step in workflow["jobs"]["tracker"]["steps"]]


def test_init_with_github_ci_writes_a_workflow(empty, cli):
    url = "git+https://git.example.org/team/tracker@v0.1"
    result = cli("init", "--ci", "github", "--install", url)
    assert result.exit_code == 0
    assert "  created .github/workflows/tracker.yml" in result.stdout
    assert f"The workflow installs tracker with: pip install {url}" in result.stdout
    workflow, runs = _runs(empty)
    steps = workflow["jobs"]["tracker"]["steps"]
    assert f"python -m pip install {url}" in runs
    assert "tracker validate --format github" in runs
    assert 'tracker report --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert steps[-1]["if"] == "${{ !cancelled() }}"  # the summary even when validation fails
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads `on` as true


def test_pages_adds_a_job_that_publishes_the_site(empty, cli):
    result = cli("init", "--ci", "github", "--pages", "--no-example", "--install", "x")
    assert result.exit_code == 0
    workflow = yaml.safe_load((empty / ".github/workflows/tracker.yml").read_text())
    job = workflow["jobs"]["pages"]
    assert job["needs"] == "tracker" and "refs/heads/" in job["if"]
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = job["steps"]
    assert "tracker site _site" in [step.get("run") for step in steps]
    assert steps[-2] == {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "_site"}}
    assert steps[-1]["uses"] == "actions/deploy-pages@v4"
    (empty / "other" / ".git").mkdir(parents=True)
    plain = cli(
        "init", "--ci", "github", "--no-example", "--install", "x", "--path", str(empty / "other")
    )
    assert plain.exit_code == 0
    other = yaml.safe_load((empty / "other/.github/workflows/tracker.yml").read_text())
    assert list(other["jobs"]) == ["tracker"]  # no Pages job unless asked


def test_pages_needs_ci_github(empty, cli):
    result = cli("init", "--pages")
    assert result.exit_code == 2 and "--pages goes with --ci github" in result.stderr
    assert files_under(empty) == []


def test_install_from_is_the_old_name_of_install(empty, cli):
    url = "git+https://git.example.org/team/tracker@v0.1"
    result = cli("init", "--ci", "github", "--no-example", "--install-from", url)
    assert result.exit_code == 0
    assert not (empty / "commitments").exists()
    assert f"python -m pip install {url}" in _runs(empty)[1]


def test_in_trackers_own_repository_the_workflow_installs_the_checkout(empty, cli):
    (empty / "pyproject.toml").write_text('[project]\nname = "pledge-tracker"\n')
    result = cli("init", "--ci", "github", "--no-example")
    assert result.exit_code == 0, result.output
    assert "python -m pip install ." in _runs(empty)[1]


def test_a_tracker_from_a_git_checkout_installs_its_remote_at_its_commit(empty, cli, tmp_path):
    from tracker import scaffold

    source = scaffold.install_source(empty)  # this tracker, as pip installed it for the tests
    if source is not None:
        assert cli("init", "--ci", "github").exit_code == 0
        assert f"python -m pip install {source.spec}" in _runs(empty)[1]
    else:  # a checkout with no remote: a runner could reach nothing, and init says so
        result = cli("init", "--ci", "github")
        assert result.exit_code == 2
        assert result.stderr.startswith("error: --install: cannot tell where a runner can")
        assert result.stderr.count("\n") == 1
        assert files_under(empty) == []


@pytest.mark.parametrize("spec", ["x; rm -rf /", "${{ secrets.TOKEN }}", "a b", "'x'", ""])
def test_install_from_refuses_what_could_run_as_code(empty, cli, spec):
    result = cli("init", "--ci", "github", "--install-from", spec)
    assert result.exit_code == 2
    assert files_under(empty) == []


def test_init_refuses_to_overwrite_and_changes_nothing(empty, cli):
    workflow = empty / ".github/workflows/tracker.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("mine\n")
    (empty / "commitments").mkdir()
    result = cli("init", "--ci", "github", "--install", "pledge-tracker")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {empty / 'commitments'} exists: not overwritten",
        f"error: {workflow} exists: not overwritten",
        "Nothing was changed.",
    ]
    assert workflow.read_text() == "mine\n"
    assert files_under(empty) == [".github/workflows/tracker.yml"]


def test_one_existing_path_stops_the_whole_init(empty, cli):
    (empty / "commitments").mkdir()
    result = cli("init", "--ci", "github", "--install", "pledge-tracker")
    assert result.exit_code == 1
    assert not (empty / ".github").exists()


def test_run_again_after_an_interruption_it_completes_the_set_up(empty, cli):
    cli("init", "--ci", "github", "--install", "pledge-tracker")
    whole = {name: (empty / name).read_bytes() for name in files_under(empty)}
    for name in (".github/workflows/tracker.yml", ".gitignore", "commitments/example/01.yaml"):
        (empty / name).unlink()  # as an init killed after its first file leaves the repository
    result = cli("init", "--ci", "github", "--install", "pledge-tracker")
    assert result.exit_code == 0, result.stderr
    assert "  unchanged commitments/example/declaration.yaml" in result.stdout.splitlines()
    assert {name: (empty / name).read_bytes() for name in files_under(empty)} == whole


def test_an_example_file_changed_by_hand_is_in_the_way(empty, cli):
    cli("init")
    pledge = empty / "commitments/example/01.yaml"
    pledge.write_text(pledge.read_text() + "# mine\n")
    result = cli("init")
    assert result.exit_code == 1
    refused = f"error: {empty / 'commitments'} exists: not overwritten"
    assert result.stderr.splitlines()[0] == refused
    assert pledge.read_text().endswith("# mine\n")


def test_a_failed_write_takes_back_what_init_wrote(empty, cli, monkeypatch):
    from tracker import fsutil, scaffold

    def fail(path, data, **kw):
        if path.name == ".gitignore":
            raise OSError(28, "No space left on device")
        return fsutil.atomic_write(path, data, **kw)

    monkeypatch.setattr(scaffold, "atomic_write", fail)
    (empty / ".gitattributes").write_text("*.png binary\n")
    result = cli("init", "--ci", "github", "--install", "pledge-tracker", "--merge-driver")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ")
    assert result.stderr.endswith(
        ".gitignore: the disk is full: free some space, then run the command again\n"
    )
    assert files_under(empty) == [".gitattributes"]
    assert (empty / ".gitattributes").read_text() == "*.png binary\n"
    assert sorted(p.name for p in empty.iterdir()) == [".git", ".gitattributes", "docs"]


def test_outside_git_it_sets_up_the_working_directory_and_says_so(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Set up tracker in {tmp_path} (not a git repository):")
    assert (tmp_path / "commitments/example/01.yaml").exists()


def test_nothing_to_do_is_a_usage_error(empty, cli):
    assert cli("init", "--no-example").exit_code == 2


CONFIG_LINES = [
    "  git config merge.tracker.name 'tracker: merge pledge files on their structure'",
    "  git config merge.tracker.driver 'tracker merge-file %O %A %B --path %P'",
]


def test_merge_driver_writes_gitattributes_and_prints_the_git_config_lines(empty, cli):
    result = cli("init", "--no-example", "--merge-driver")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Set up tracker in {empty} (git repository):",
        "  created .gitattributes",
        "  created .gitignore",
        "To let git merge pledge files with tracker, run in each clone:",
        *CONFIG_LINES,
    ]
    assert (empty / ".gitattributes").read_text() == "commitments/**/*.yaml merge=tracker\n"


def test_init_ignores_the_temporary_files_of_killed_writes(empty, cli):
    (empty / ".gitignore").write_text("*.pyc\n")
    result = cli("init")
    assert "  updated .gitignore (added commitments/**/.*.tmp)" in result.stdout.splitlines()
    assert (empty / ".gitignore").read_text() == "*.pyc\ncommitments/**/.*.tmp\n"
    leftover = empty / "commitments" / "example" / ".01.yaml.abcd1234.tmp"
    leftover.write_text("half")
    (empty / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], cwd=empty, check=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(leftover)], cwd=empty, check=False)
    assert ignored.returncode == 0


def test_merge_driver_adds_its_line_to_gitattributes_once(empty, cli):
    attributes = empty / ".gitattributes"
    attributes.write_text("*.png binary")  # no line break at the end
    first = cli("init", "--no-example", "--merge-driver")
    assert "  updated .gitattributes (added commitments/**/*.yaml merge=tracker)" in first.stdout
    second = cli("init", "--no-example", "--merge-driver")
    assert second.exit_code == 0
    assert "  unchanged .gitattributes (it has commitments/**/*.yaml merge=tracker already)" in (
        second.stdout
    )
    assert attributes.read_text() == "*.png binary\ncommitments/**/*.yaml merge=tracker\n"


def test_merge_driver_with_apply_configures_this_repository(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    result = cli("init", "--no-example", "--merge-driver", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [f"  ran {line.strip()}" for line in CONFIG_LINES]

    def config(key):
        found = subprocess.run(["git", "config", "--local", key], capture_output=True, text=True)
        return found.stdout.strip()

    assert config("merge.tracker.driver") == "tracker merge-file %O %A %B --path %P"
    assert config("merge.tracker.name") == "tracker: merge pledge files on their structure"
    assert not (tmp_path / "global-config").exists()  # nothing set outside the repository


def test_apply_needs_merge_driver_and_a_git_repository(empty, tmp_path, monkeypatch, cli):
    assert cli("init", "--no-example", "--apply").exit_code == 2
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    (tmp_path / ".git").rmdir()
    result = cli("init", "--no-example", "--merge-driver", "--apply")
    assert result.exit_code == 2
    assert not (outside / ".gitattributes").exists()


# --- the workflow, run as a runner runs it ----------------------------------------------------


def _run_steps(steps, repo, path, summary):
    """Each `run:` step in order, as GitHub runs it on Linux (bash -eo pipefail), every step
    run (the report's `if: !cancelled()` runs after a failed step too); their exit codes and
    output by name."""
    ran = {}
    for step in steps:
        if "uses" in step:  # the runner's own set-up: the checkout (here, `repo`) and Python
            assert step["uses"].split("@")[0] in {"actions/checkout", "actions/setup-python"}
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo,
            env={**os.environ, "PATH": path, "GITHUB_STEP_SUMMARY": str(summary)},
            capture_output=True,
            text=True,
        )
        ran[step["name"]] = done
    return ran


def test_the_workflow_runs_on_a_fresh_machine(tmp_path, cli, monkeypatch):
    """`init --ci github`, then the workflow's shell steps in a fresh virtual environment (as
    setup-python gives one), with the install step pointed at this checkout: tracker installs,
    validates the example and writes the report to the job summary; a broken pledge then fails
    the validation with an annotation, and the report is still written."""
    repo = tmp_path / "pledges"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    assert cli("init", "--ci", "github", "--install", str(CHECKOUT)).exit_code == 0
    workflow, _ = _runs(repo)
    steps = workflow["jobs"]["tracker"]["steps"]

    runner = tmp_path / "runner"
    subprocess.run([sys.executable, "-m", "venv", str(runner)], check=True)
    ours = str(Path(sys.executable).parent)
    path = os.pathsep.join(
        [str(runner / "bin"), *(p for p in os.environ["PATH"].split(os.pathsep) if p != ours)]
    )
    summary = tmp_path / "summary.md"

    ran = _run_steps(steps, repo, path, summary)
    assert ran["Install tracker"].returncode == 0, ran["Install tracker"].stderr[-2000:]
    assert (runner / "bin" / "tracker").exists()
    assert (ran["Validate pledges"].returncode, ran["Validate pledges"].stdout) == (0, "")
    assert ran["Progress report"].returncode == 0, ran["Progress report"].stderr
    assert summary.read_text().startswith("## ")
    assert "Example" in summary.read_text()

    broken = repo / "commitments" / "example" / "01.yaml"
    broken.write_text(broken.read_text().replace("status: ", "status: done\n# was: ", 1))
    summary.unlink()
    ran = _run_steps([s for s in steps if s.get("name") != "Install tracker"], repo, path, summary)
    assert ran["Validate pledges"].returncode == 1
    assert "::error file=commitments/example/01.yaml" in ran["Validate pledges"].stdout
    assert ran["Progress report"].returncode == 0
    assert summary.read_text().startswith("## ")
