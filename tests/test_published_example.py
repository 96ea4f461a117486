"""A published hand-worked example, reproduced to the digits it prints.

Matt Mazur, "A Step by Step Backpropagation Example" (2015),
https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/ :
a 2-2-2 sigmoid network, ½ squared error, inputs 0.05, 0.10, targets 0.01,
0.99, learning rate 0.5.  Mazur updates the weights only (not the biases).
The spec file tests/data/mazur.json holds his network; the expected values are
the numbers printed in the post, with the decimals printed there.
"""
import json
import pathlib
from decimal import Decimal

import pytest

from bpnn.cli import main
from bpnn.spec import load_spec
from bpnn.trace import trace_spec

SPEC = pathlib.Path(__file__).parent / "data" / "mazur.json"


def close_to_printed(value: float, printed: str) -> bool:
    places = -Decimal(printed).as_tuple().exponent
    return abs(value - float(printed)) <= 0.5 * 10.0**-places


@pytest.fixture(scope="module")
def tr():
    return trace_spec(load_spec(SPEC))


@pytest.mark.parametrize(
    "what,get,printed",
    [
        ("out_h1", lambda t: t.layers[0].a[0], "0.593269992"),
        ("out_h2", lambda t: t.layers[0].a[1], "0.596884378"),
        ("net_h1", lambda t: t.layers[0].z[0], "0.3775"),
        ("out_o1", lambda t: t.layers[1].a[0], "0.75136507"),
        ("out_o2", lambda t: t.layers[1].a[1], "0.772928465"),
        ("E_total", lambda t: t.loss, "0.298371109"),
        ("dE/dw5", lambda t: t.layers[1].grad_W[0, 0], "0.082167041"),
        ("dE/dw1", lambda t: t.layers[0].grad_W[0, 0], "0.000438568"),
        ("w5+", lambda t: t.layers[1].new_W[0, 0], "0.35891648"),
        ("w6+", lambda t: t.layers[1].new_W[0, 1], "0.408666186"),
        ("w7+", lambda t: t.layers[1].new_W[1, 0], "0.511301270"),
        ("w8+", lambda t: t.layers[1].new_W[1, 1], "0.561370121"),
        ("w1+", lambda t: t.layers[0].new_W[0, 0], "0.149780716"),
        ("w2+", lambda t: t.layers[0].new_W[0, 1], "0.19956143"),
        ("w3+", lambda t: t.layers[0].new_W[1, 0], "0.24975114"),
        ("w4+", lambda t: t.layers[0].new_W[1, 1], "0.29950229"),
    ],
)
def test_mazur_values(tr, what, get, printed):
    assert close_to_printed(float(get(tr)), printed), (what, float(get(tr)), printed)


def test_cli_json_has_the_documented_keys_and_values(capsys):
    assert main(["trace", str(SPEC), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert close_to_printed(out["loss"], "0.298371109")
    assert out["loss_after"] < out["loss"]
    assert [sorted(l) for l in out["layers"]] == [sorted(
        ["layer", "activation", "z", "a", "delta", "grad_weights", "grad_bias", "new_weights", "new_bias"])] * 2
    # same nesting as the spec: weights[j][k]
    assert close_to_printed(out["layers"][1]["new_weights"][0][1], "0.408666186")


def test_cli_table_shows_every_stage(capsys):
    assert main(["trace", str(SPEC)]) == 0
    text = capsys.readouterr().out
    for needle in ("Forward pass", "Backward pass", "SGD step", "0.593270", "0.358916", "loss after the step"):
        assert needle in text
