"""A published hand-worked example, reproduced to the digits it prints.

Matt Mazur, "A Step by Step Backpropagation Example" (2015),
https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/ :
a 2-2-2 sigmoid network, ½ squared error, inputs 0.05, 0.10, targets 0.01,
0.99, learning rate 0.5.  Mazur updates the weights only (not the biases):
the spec file tests/data/mazur.json holds his network with ``"train_biases":
false``.  The expected values are the numbers printed in the post, with the
decimals printed there (his names: E_o1 is the loss term of output o1,
∂E_total/∂out_o1 is ∂L/∂a at o1, ∂out_o1/∂net_o1 is f'(z) there, and
∂E_total/∂out_h1 sums the contributions of both outputs to hidden unit h1).

His post-update error, printed as 0.291027924, is 0.291027774 when computed
from his own network (checked here against an mpmath evaluation at 30 digits).
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
        # the per-unit values the trace added for issue 11
        ("E_o1", lambda t: t.layers[1].loss_terms[0], "0.274811083"),
        ("E_o2", lambda t: t.layers[1].loss_terms[1], "0.023560026"),
        ("dE_total/dout_o1", lambda t: t.layers[1].grad_a[0], "0.74136507"),
        ("dout_o1/dnet_o1", lambda t: t.layers[1].f_prime[0], "0.186815602"),
        ("dE_total/dnet_o1", lambda t: t.layers[1].delta[0], "0.138498562"),
        ("dE_total/dout_h1", lambda t: t.layers[0].grad_a[0], "0.036350306"),
        ("dout_h1/dnet_h1", lambda t: t.layers[0].f_prime[0], "0.241300709"),
    ],
)
def test_mazur_values(tr, what, get, printed):
    assert close_to_printed(float(get(tr)), printed), (what, float(get(tr)), printed)


TRANSCRIPTIONS = [pathlib.Path(__file__).parent / "data" / "corpus" / name
                  for name in ("en-mazur-markdown.md", "zh-translation-equation.md")]


def test_the_expected_values_are_printed_in_the_post():
    """Provenance of the table above: every expected value is printed, digit for digit, in one of
    the two independent transcriptions of the post kept in the audit corpus (an English Markdown
    copy and a Chinese translation, sources in their headers)."""
    import re

    printed_in_post = set()
    for path in TRANSCRIPTIONS:
        printed_in_post |= set(re.findall(r"\d+\.\d+", path.read_text(encoding="utf-8")))
    values = [printed for _, _, printed in test_mazur_values.pytestmark[0].args[1]]
    missing = [v for v in values if v not in printed_in_post]
    assert not missing, f"not printed in the post's transcriptions: {missing}"


def test_cli_json_has_the_documented_keys_and_values(capsys):
    assert main(["trace", str(SPEC), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert close_to_printed(out["loss"], "0.298371109")
    assert out["loss_after"] < out["loss"]
    keys = ["layer", "activation", "z", "a", "f_prime_z", "dL_da", "delta", "grad_weights", "grad_bias",
            "new_weights", "new_bias"]
    assert [sorted(l) for l in out["layers"]] == [sorted(keys), sorted(keys + ["loss_terms"])]
    assert out["train_biases"] is False and out["layers"][1]["new_bias"] == [0.6, 0.6]
    # same nesting as the spec: weights[j][k]
    assert close_to_printed(out["layers"][1]["new_weights"][0][1], "0.408666186")


def test_cli_table_shows_every_stage(capsys):
    assert main(["trace", str(SPEC)]) == 0
    text = capsys.readouterr().out
    for needle in ("Forward pass", "Backward pass", "SGD step", "0.593270", "0.358916", "loss after the step"):
        assert needle in text


def _mazur_after_step_mpmath():
    """Mazur's network after his weights-only step, evaluated at 30 digits with mpmath (independent of NumPy)."""
    import mpmath as mp

    mp.mp.dps = 30
    sig = lambda z: 1 / (1 + mp.e ** (-z))
    x = [mp.mpf("0.05"), mp.mpf("0.10")]
    t = [mp.mpf("0.01"), mp.mpf("0.99")]
    W1 = [[mp.mpf("0.15"), mp.mpf("0.20")], [mp.mpf("0.25"), mp.mpf("0.30")]]
    W2 = [[mp.mpf("0.40"), mp.mpf("0.45")], [mp.mpf("0.50"), mp.mpf("0.55")]]
    b1, b2, eta = mp.mpf("0.35"), mp.mpf("0.60"), mp.mpf("0.5")

    def forward(W1, W2):
        h = [sig(W1[j][0] * x[0] + W1[j][1] * x[1] + b1) for j in range(2)]
        o = [sig(W2[j][0] * h[0] + W2[j][1] * h[1] + b2) for j in range(2)]
        return h, o

    h, o = forward(W1, W2)
    d2 = [(o[j] - t[j]) * o[j] * (1 - o[j]) for j in range(2)]
    d1 = [sum(W2[i][j] * d2[i] for i in range(2)) * h[j] * (1 - h[j]) for j in range(2)]
    W2n = [[W2[j][k] - eta * d2[j] * h[k] for k in range(2)] for j in range(2)]
    W1n = [[W1[j][k] - eta * d1[j] * x[k] for k in range(2)] for j in range(2)]
    _, o = forward(W1n, W2n)
    return float(sum((o[j] - t[j]) ** 2 for j in range(2)) / 2)


def test_mazur_weights_only_step_gives_the_true_post_update_error(capsys):
    assert main(["trace", str(SPEC), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert abs(out["loss_after"] - 0.291027774) < 1e-9
    assert abs(out["loss_after"] - _mazur_after_step_mpmath()) < 1e-14
    assert not close_to_printed(out["loss_after"], "0.291027924")  # the post's printed value is off by 1.5e-7
