"""Issue acceptance: a set-to-same-value script leaves the cell byte-identical; one port change is one line."""

import difflib
import os
import shutil

import pytest
from conftest import run_wsadmin, snapshot
from jobs_helpers import INTERPRETERS
from paths import REAL_CONFIG, SAMPLE_CONFIG, TESTS

SCRIPT = os.path.join(TESTS, "wsadmin", "roundtrip.py")

PORT_SCRIPT = """
for ep in AdminConfig.list('NamedEndPoint').splitlines():
    if AdminConfig.showAttribute(ep, 'endPointName') == 'WC_defaulthost':
        AdminConfig.modify(AdminConfig.showAttribute(ep, 'endPoint'), [['port', 80]])
        break
AdminConfig.save()
"""


@pytest.mark.parametrize("interpreter", INTERPRETERS)
@pytest.mark.parametrize("source", ["real", "sample", "generator options"])
def test_set_every_attribute_to_itself_is_byte_identical(source, interpreter, real_config, generated_variant, tmp_path):
    if source == "real":
        cfg, pristine = real_config, REAL_CONFIG
    elif source == "generator options":  # clusters, co-located Proxy+Meeting, IHS (conftest.GENERATOR_VARIANT)
        cfg, pristine = str(tmp_path / "variant"), generated_variant
        shutil.copytree(generated_variant, cfg)
    else:
        if not os.path.isdir(SAMPLE_CONFIG):
            pytest.skip("no bundled sample cell yet")
        cfg = str(tmp_path / "sample")
        shutil.copytree(SAMPLE_CONFIG, cfg)
        pristine = SAMPLE_CONFIG
    rc, out, err = run_wsadmin(
        ["-interpreter", interpreter, "-conntype", "NONE", "-configRoot", cfg, "-lang", "jython", "-f", SCRIPT]
    )
    assert rc == 0, out + err
    n = int(out.split("set ")[1].split()[0])
    assert n > 1000
    assert snapshot(cfg) == snapshot(pristine)


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_one_port_change_is_one_line(interpreter, real_config, tmp_path):
    script = tmp_path / "port.py"
    script.write_text(PORT_SCRIPT)
    before = snapshot(real_config)
    rc, out, err = run_wsadmin(
        ["-interpreter", interpreter, "-conntype", "NONE", "-configRoot", real_config, "-lang", "jython", "-f", str(script)]
    )
    assert rc == 0, out + err
    after = snapshot(real_config)
    changed = [k for k in after if after[k] != before[k]]
    assert changed == [os.path.join("cells", "jennexNode01Cell", "nodes", "jennexNode01", "serverindex.xml")]
    diff = [
        line
        for line in difflib.unified_diff(
            before[changed[0]].decode().splitlines(), after[changed[0]].decode().splitlines(), lineterm="", n=0
        )
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert diff == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="80"/>',
    ]
