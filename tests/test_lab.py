"""JupyterLab serves the collection, and a notebook runs through the server's API with the project's
kernel, as a reader's JupyterLab would run it.

A real server (`jupyter lab`, as `make lab` starts it, with --allow-root) listens on a free port of
127.0.0.1 with a token; its runtime, config and data folders are temporary. The test opens a
session for notebook 01 (the kernel then runs in notebooks/, like papermill and nbval), executes
every code cell over the kernel's websocket and compares the printed text with the stored outputs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest

from karabakh.paths import NOTEBOOKS, ROOT

NOTEBOOK = "01_settlement_and_mandate.ipynb"
TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
    }
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--allow-root",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        "--ServerApp.open_browser=False",
    ]
    log = open(tmp / "server.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if proc.poll() is not None:
                break
            try:
                _get(base, "/api/status")
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not answer within 30 s")
        if proc.poll() is not None:
            pytest.fail("JupyterLab exited:\n" + (tmp / "server.log").read_text()[-2000:])
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _request(base: str, path: str, method: str = "GET", body: dict | None = None):
    req = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        raw = resp.read()
        return resp.status, (json.loads(raw) if raw and raw[:1] in b"{[" else raw)


def _get(base: str, path: str):
    return _request(base, path)


def test_lab_serves_its_page_and_the_notebooks(server):
    status, page = _get(server, "/lab")
    assert status == 200 and b"JupyterLab" in page
    _, listing = _get(server, "/api/contents/")
    names = {item["name"] for item in listing["content"]}
    assert NOTEBOOK in names
    _, specs = _get(server, "/api/kernelspecs")
    assert "python3" in specs["kernelspecs"]


def _execute(ws_url: str, codes: list[str]) -> list[dict]:
    """Run each code string on the kernel behind `ws_url`; the outputs of each, in order."""
    from tornado.httpclient import HTTPRequest
    from tornado.ioloop import IOLoop
    from tornado.websocket import websocket_connect

    async def go():
        conn = await websocket_connect(
            HTTPRequest(ws_url, headers={"Authorization": f"token {TOKEN}"})
        )
        results = []
        for code in codes:
            msg_id = uuid.uuid4().hex
            request = {
                "header": {
                    "msg_id": msg_id,
                    "username": "test",
                    "session": uuid.uuid4().hex,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "store_history": True},
                "channel": "shell",
            }
            await conn.write_message(json.dumps(request))
            outputs, status, idle = [], None, False
            while status is None or not idle:  # the reply and the kernel's return to idle
                raw = await conn.read_message()
                if raw is None:
                    raise RuntimeError("the kernel's websocket closed")
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind in ("stream", "execute_result", "display_data", "error"):
                    outputs.append({"type": kind, **msg["content"]})
                elif kind == "execute_reply":
                    status = msg["content"]["status"]
                elif kind == "status":
                    idle = msg["content"]["execution_state"] == "idle"
            results.append({"status": status, "outputs": outputs})
        conn.close()
        return results

    return IOLoop.current().run_sync(go, timeout=240)


def test_a_notebook_runs_through_the_server_api_like_the_stored_outputs(server):
    _, session = _request(
        server,
        "/api/sessions",
        "POST",
        {"path": NOTEBOOK, "type": "notebook", "name": NOTEBOOK, "kernel": {"name": "python3"}},
    )
    kernel = session["kernel"]["id"]
    try:
        _, model = _get(server, f"/api/contents/{NOTEBOOK}")
        nb = nbformat.from_dict(model["content"])
        cells = [c for c in nb.cells if c.cell_type == "code"]
        ws = server.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels"
        codes = ["import os; print(os.path.basename(os.getcwd()))"] + [c.source for c in cells]
        done = _execute(ws, codes)
    finally:
        _request(server, f"/api/sessions/{session['id']}", "DELETE")
    assert done[0]["outputs"][0]["text"].strip() == NOTEBOOKS.name  # kernel cwd = notebooks/
    errors = [o for d in done for o in d["outputs"] if o["type"] == "error"]
    assert errors == [] and all(d["status"] == "ok" for d in done)
    stored = nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4)
    stored_cells = [c for c in stored.cells if c.cell_type == "code"]
    for ran, ref in zip(done[1:], stored_cells, strict=True):
        ran_text = "".join(o.get("text", "") for o in ran["outputs"] if o["type"] == "stream")
        ref_text = "".join(o.get("text", "") for o in ref.outputs if o.output_type == "stream")
        assert ran_text == ref_text
