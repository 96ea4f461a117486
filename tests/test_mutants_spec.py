"""Tests that kill mutants of bpnn/spec.py that the other tests let survive (scripts/mutation.py).

What is checked is what the spec format promises (bpnn/spec.py's docstring and ``KEYS``): the
defaults (learning rate 0.1, biases trained), the limits at their exact value (``MAX_YAML_BYTES``,
``MAX_ALIAS_NODES``), YAML 1.2 core scalars, and one-line errors naming the place.  Expected values
are worked out by hand in each test.
"""
import io
import json
import math
import sys

import numpy as np
import pytest

from bpnn import spec as spec_mod
from bpnn.errors import BpnnError
from bpnn.spec import MAX_ALIAS_NODES, MAX_BYTES, MAX_YAML_BYTES, load_spec, parse_spec

LAYER = {"weights": [[0.5, -1.0]], "bias": [0.25], "activation": "identity"}
BASE = {"layers": [LAYER], "loss": "half_sse", "input": [2.0, 1.0], "target": [0.0]}


def _with(**kw):
    d = json.loads(json.dumps(BASE))
    d.update(kw)
    return d


def _fails(data, *words, source="s.json"):
    with pytest.raises(BpnnError) as info:
        parse_spec(data, source)
    msg = str(info.value)
    assert msg.startswith(f"{source}: "), msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


def _load(tmp_path, name, text):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_spec(p)


def _load_fails(tmp_path, name, text, *words):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(BpnnError) as info:
        load_spec(p)
    msg = str(info.value)
    assert msg.startswith(f"{p}: "), msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


# ----------------------------------------------------------------------------- defaults and the built network
def test_the_default_learning_rate_is_one_tenth_and_biases_are_trained():
    """KEYS documents both defaults: learning_rate 0.1, train_biases true."""
    s = parse_spec(_with())
    assert s.learning_rate == 0.1 and isinstance(s.learning_rate, float)
    assert s.train_biases is True


def test_the_spec_is_built_as_written():
    s = parse_spec(_with(learning_rate=2, train_biases=False, layers=[LAYER, {"weights": [[3], [4]], "bias": [1, 0],
                                                                                "activation": "sigmoid"}],
                         target=[0.5, 0.5]))
    assert s.learning_rate == 2.0 and s.train_biases is False and s.loss == "half_sse"
    assert s.network.sizes == [2, 1, 2]
    np.testing.assert_array_equal(s.network.layers[0].W, [[0.5, -1.0]])
    np.testing.assert_array_equal(s.network.layers[1].W, [[3.0], [4.0]])
    np.testing.assert_array_equal(s.network.layers[1].b, [1.0, 0.0])
    assert [l.activation.name for l in s.network.layers] == ["identity", "sigmoid"]
    np.testing.assert_array_equal(s.x, [2.0, 1.0])
    np.testing.assert_array_equal(s.t, [0.5, 0.5])
    # z = 0.5·2 − 1·1 + 0.25 = 0.25 (identity): the network computes what the spec says
    assert s.network.forward(s.x).z[1][0] == 0.25


def test_a_column_bias_is_accepted():
    s = parse_spec(_with(layers=[{**LAYER, "bias": [[0.25]]}]))
    np.testing.assert_array_equal(s.network.layers[0].b, [0.25])


# ----------------------------------------------------------------------------- the top level
def test_the_top_level_must_be_an_object():
    assert _fails([1]) == "s.json: the top level must be an object with keys input, layers, loss, target; " \
                          "got a list of 1 item"


def test_missing_keys_are_named_with_their_number():
    assert _fails({k: v for k, v in BASE.items() if k != "loss"}) == "s.json: missing key loss"
    assert _fails({"layers": [LAYER], "target": [0.0]}) == "s.json: missing keys input, loss"


def test_unknown_keys_are_named_and_at_most_five_shown():
    assert _fails(_with(lr=1)) == ("s.json: unknown key 'lr'; allowed: input, layers, learning_rate, loss, target, "
                                   "train_biases")
    msg = _fails(_with(**{k: 1 for k in "abcdef"}))
    assert msg.startswith("s.json: unknown keys 'a', 'b', 'c', 'd', 'e'; allowed:") and "'f'" not in msg


def test_keys_must_be_strings():
    _fails({**BASE, 1: 2}, "keys must be names (strings); got the key 1")


def test_a_layer_is_checked_key_by_key():
    assert _fails(_with(layers=[{"weights": [[1.0]], "bias": [0.0]}])) == "s.json: layers[0]: missing key activation"
    assert _fails(_with(layers=[{**LAYER, "units": 2}])) == \
        "s.json: layers[0]: unknown key 'units'; allowed: activation, bias, weights"
    assert _fails(_with(layers=[LAYER, "x"])).startswith("s.json: layers[1] must be an object")


@pytest.mark.parametrize("layers", [[], {}, "x", None])
def test_layers_must_be_a_non_empty_list(layers):
    _fails(_with(layers=layers), "layers must be a non-empty list of layer objects")


def test_names_are_checked_against_the_registries():
    assert _fails(_with(loss="l2")) == "s.json: loss: unknown loss 'l2'; expected one of bce, cross_entropy, " \
                                       "half_sse, mse, sse"
    msg = _fails(_with(layers=[{**LAYER, "activation": "sigmod"}]))
    assert msg == "s.json: layers[0].activation: unknown activation 'sigmod'; expected one of identity, relu, " \
                  "sigmoid, softmax, tanh"
    _fails(_with(loss=3), "loss: must be a name (bce, cross_entropy, half_sse, mse, sse); got 3")


def test_arrays_are_checked_with_their_place():
    _fails(_with(layers=[{**LAYER, "weights": [1.0, 2.0]}]), "layers[0].weights must be a list of rows")
    _fails(_with(layers=[{**LAYER, "bias": "x"}]), "layers[0].bias must be")
    _fails(_with(input=[[2.0, 1.0]]), "input must be a list of numbers")
    _fails(_with(target=["a"]), "target[0] must be a number; got a string 'a'")


# ----------------------------------------------------------------------------- learning rate and train_biases
@pytest.mark.parametrize("lr, words", [
    (0, ["learning_rate must be a positive finite number; got 0.0"]),
    (-0.5, ["learning_rate must be a positive finite number; got -0.5"]),
    ("0.5", ["learning_rate must be a positive finite number; got a string '0.5'"]),
    (True, ["got a boolean (True)"]),
    (None, ["got null"]),
    ([0.5], ["got a list of 1 item"]),
    (float("inf"), ["learning_rate must be finite; got inf"]),
    (float("nan"), ["learning_rate is not a number (NaN)"]),
])
def test_unusable_learning_rates(lr, words):
    _fails(_with(learning_rate=lr), *words)


def test_the_smallest_positive_learning_rate_is_accepted():
    assert parse_spec(_with(learning_rate=5e-324)).learning_rate == 5e-324


@pytest.mark.parametrize("tb", [0, 1, "true", None])
def test_train_biases_must_be_a_boolean(tb):
    _fails(_with(train_biases=tb), "train_biases must be true or false")


# ----------------------------------------------------------------------------- the engine's checks, in the spec's terms
def test_a_layer_error_names_the_spec_layer():
    """The engine numbers layers from 1, the spec from 0: the second layer is layers[1]."""
    second = {"weights": [[1.0, 2.0, 3.0]], "bias": [0.0], "activation": "identity"}
    msg = _fails(_with(layers=[LAYER, second]))
    assert msg.endswith("(layers[1] in the spec)") and "layer 2:" in msg


def test_input_and_target_lengths():
    assert _fails(_with(input=[1.0, 2.0, 3.0])) == \
        "s.json: input has 3 values, but layers[0].weights has 2 columns (one per input)"
    assert _fails(_with(target=[0.0, 1.0])) == "s.json: target has 2 values, but the last layer has 1 units"


def test_the_loss_domain_names_the_output_layer():
    two = [LAYER, {"weights": [[1.0]], "bias": [0.0], "activation": "relu"}]
    msg = _fails(_with(layers=two, loss="bce"))
    assert "the output layer (layers[1]) uses relu" in msg


# ----------------------------------------------------------------------------- JSON
def test_json_numbers(tmp_path):
    s = _load(tmp_path, "s.json", json.dumps(_with(input=[2, 1], learning_rate=1)).replace("0.25", "25e-2"))
    np.testing.assert_array_equal(s.x, [2.0, 1.0])
    assert s.network.layers[0].b[0] == 0.25 and s.learning_rate == 1.0
    big = "1" + "0" * 30                     # 31 digits: a float, 1e30
    s = _load(tmp_path, "s.json", json.dumps(_with()).replace('"target": [0.0]', f'"target": [{big}]'))
    assert s.t[0] == 1e30


def test_json_numbers_beyond_a_float(tmp_path):
    text = json.dumps(_with()).replace('"input": [2.0, 1.0]', '"input": [2.0, 1e999]')
    msg = _load_fails(tmp_path, "s.json", text, "input[1] is too large for a float64 number (1e999)")
    assert "finite" not in msg
    text = json.dumps(_with()).replace('"input": [2.0, 1.0]', '"input": [2.0, -1' + "0" * 400 + "]")
    _load_fails(tmp_path, "s.json", text, "input[1] is too large for a float64 number", "(402 characters)")


def test_json_constants(tmp_path):
    text = json.dumps(_with()).replace('"input": [2.0, 1.0]', '"input": [NaN, -Infinity]')
    _load_fails(tmp_path, "s.json", text, "input[0] is not a number (NaN)")


def test_json_errors(tmp_path):
    msg = _load_fails(tmp_path, "s.json", '{\n  "a" 1}', "not valid JSON at line 2, column 7: Expecting ':' delimiter")
    assert msg.count("\n") == 0
    _load_fails(tmp_path, "s.json", "[" * 100_000 + "]" * 100_000, "JSON is nested too deeply to be a network spec")
    _load_fails(tmp_path, "s.json", '{"a": 1, "a": 2}', "duplicate key 'a' in one object")


# ----------------------------------------------------------------------------- YAML 1.2 core scalars
YAML = "layers: [{weights: [[0.5, -1.0]], bias: [0.25], activation: identity}]\nloss: half_sse\n" \
       "input: [2.0, 1.0]\ntarget: [0.0]\n"


@pytest.mark.parametrize("text, value", [("true", True), ("True", True), ("TRUE", True), ("false", False),
                                         ("False", False), ("FALSE", False)])
def test_yaml_booleans(tmp_path, text, value):
    assert _load(tmp_path, "s.yaml", YAML + f"train_biases: {text}\n").train_biases is value


@pytest.mark.parametrize("text", ["~", "null", "Null", "NULL", ""])
def test_yaml_nulls(tmp_path, text):
    _load_fails(tmp_path, "s.yaml", YAML + f"learning_rate: {text}\n", "learning_rate", "got null")


@pytest.mark.parametrize("text, value", [("2", 2.0), ("+3", 3.0), ("-0", None), ("0.5", 0.5), (".5", 0.5),
                                         ("5.", 5.0), ("1e-1", 0.1), ("1E-1", 0.1), ("+2.5e+0", 2.5),
                                         ("12345678901234567890123", 1.2345678901234568e22)])
def test_yaml_numbers(tmp_path, text, value):
    if value is None:
        _load_fails(tmp_path, "s.yaml", YAML + f"learning_rate: {text}\n", "learning_rate", "got 0.0")
    else:
        assert _load(tmp_path, "s.yaml", YAML + f"learning_rate: {text}\n").learning_rate == value


@pytest.mark.parametrize("text, words", [
    (".inf", ["input[0] must be finite; got inf"]), ("+.inf", ["input[0] must be finite; got inf"]),
    (".Inf", ["input[0] must be finite; got inf"]), ("+.INF", ["input[0] must be finite; got inf"]),
    ("-.inf", ["input[0] must be finite; got -inf"]), ("-.Inf", ["input[0] must be finite; got -inf"]),
    (".nan", ["input[0] is not a number (NaN)"]), (".NaN", ["input[0] is not a number (NaN)"]),
    (".NAN", ["input[0] is not a number (NaN)"]),
    ("1e999", ["input[0] is too large for a float64 number (1e999)"]),
    ("1" + "0" * 5000, ["input[0] is too large for a float64 number", "(5001 characters)"]),
    ("yes", ["input[0] must be a number; got a string 'yes'"]),
    ("1_000", ["input[0] must be a number; got a string '1_000'"]),
    ("0o17", ["got a string '0o17'"]), ("1:30", ["got a string '1:30'"]), ("nan", ["got a string 'nan'"]),
])
def test_yaml_scalars_that_are_not_usable_numbers(tmp_path, text, words):
    _load_fails(tmp_path, "s.yaml", YAML.replace("input: [2.0, 1.0]", f"input: [{text}, 1.0]"), *words)


@pytest.mark.parametrize("name", ["s.yml", "s.YAML", "s.Yaml"])
def test_yaml_suffixes(tmp_path, name):
    assert _load(tmp_path, name, YAML).network.sizes == [2, 1]


def test_yaml_errors(tmp_path):
    _load_fails(tmp_path, "s.yaml", "a: [1, 2\n", "not valid YAML at line 2, column 1:")
    _load_fails(tmp_path, "s.yaml", "[" * 20_000 + "]" * 20_000, "not valid YAML")     # libyaml's own depth limit
    _load_fails(tmp_path, "s.yaml", YAML + "loss: sse\n", "duplicate key 'loss' at line 5")
    _load_fails(tmp_path, "s.yaml", "# nothing\n", "the top level must be an object", "got null")


def test_yaml_merge_keys_are_not_duplicates(tmp_path):
    """``!!merge <<`` merges (YAML 1.1): two of them in one mapping are not a duplicate key.  A plain ``<<``
    is a string in YAML 1.2's core schema, so two of those are."""
    text = ("base: &b {weights: [[0.5, -1.0]], bias: [0.25]}\nact: &a {activation: identity}\n"
            "layers: [{!!merge <<: *b, !!merge <<: *a}]\n")
    msg = _load_fails(tmp_path, "s.yaml", text + "loss: half_sse\ninput: [2.0, 1.0]\ntarget: [0.0]\n",
                      "unknown keys 'act', 'base'")
    assert "duplicate" not in msg
    _load_fails(tmp_path, "s.yaml", text.replace("!!merge ", ""), "duplicate key '<<' at line 3")


# ----------------------------------------------------------------------------- YAML aliases, at the limit
def _aliases(n, k=9):
    """A list of k numbers, anchored, and a list of n aliases to it: the aliases add n·(1 + k) nodes
    (each copy is the list node and its k numbers) to the document's distinct nodes."""
    return f"a: &a [{', '.join(['1'] * k)}]\nb: [{', '.join(['*a'] * n)}]\n"


def test_yaml_aliases_up_to_the_limit_are_accepted(tmp_path):
    assert MAX_ALIAS_NODES == 100_000
    msg = _load_fails(tmp_path, "s.yaml", _aliases(10_000), "missing keys")     # 10 000 · 10 = the limit
    assert "YAML aliases" not in msg


def test_yaml_aliases_beyond_the_limit_are_refused(tmp_path):
    _load_fails(tmp_path, "s.yaml", _aliases(10_001), "YAML aliases expand the document by 100010 nodes; "
                                                      "at most 100000 are allowed")
    _load_fails(tmp_path, "s.yaml", _aliases(1, k=100_000), "expand the document by 100001 nodes")


def test_a_billion_laughs_is_counted_without_expanding_it(tmp_path):
    rows = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    _load_fails(tmp_path, "s.yaml", "\n".join(rows) + "\n", "expand the document by over a billion nodes")


def test_a_yaml_alias_inside_itself(tmp_path):
    _load_fails(tmp_path, "s.yaml", "a: &a {b: [1, *a]}\n", "a YAML alias at line 1 refers to a node that contains it")


# ----------------------------------------------------------------------------- size limits, at the limit
def _padded(text: str, size: int, comment: str) -> str:
    pad = size - len(text.encode("utf-8")) - len(comment) - 1
    return text + comment + "x" * pad + "\n"


def test_a_yaml_spec_of_exactly_the_yaml_limit(tmp_path):
    assert MAX_YAML_BYTES == 2_000_000
    text = _padded(YAML, MAX_YAML_BYTES, "# ")
    assert len(text.encode()) == MAX_YAML_BYTES
    assert _load(tmp_path, "s.yaml", text).network.sizes == [2, 1]
    _load_fails(tmp_path, "s.yaml", text + "\n", "is 2000001 bytes; the limit is 2000000 bytes")


def test_a_json_spec_may_be_larger_than_the_yaml_limit(tmp_path):
    text = json.dumps(_with()) + " " * MAX_YAML_BYTES
    assert MAX_YAML_BYTES < len(text) < MAX_BYTES
    assert _load(tmp_path, "s.json", text).learning_rate == 0.1


class _Stdin:
    def __init__(self, text):
        self.buffer = io.BytesIO(text.encode("utf-8"))


def test_standard_input_json_or_yaml(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(YAML))
    assert load_spec("-").network.sizes == [2, 1]
    # JSON after blanks: read as JSON (NaN is JSON's constant; YAML would read the word as a string)
    text = "  \n" + json.dumps(_with()).replace('"input": [2.0, 1.0]', '"input": [NaN, 1.0]')
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    with pytest.raises(BpnnError, match=r"^-: input\[0\] is not a number \(NaN\)"):
        load_spec("-")
    monkeypatch.setattr(sys, "stdin", _Stdin('  [1]'))
    with pytest.raises(BpnnError, match="^-: the top level must be an object"):
        load_spec("-")


def test_standard_input_yaml_is_limited_like_a_yaml_file(monkeypatch):
    text = _padded(YAML, MAX_YAML_BYTES, "# ")
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    assert load_spec("-").network.sizes == [2, 1]
    monkeypatch.setattr(sys, "stdin", _Stdin(text + "\n"))
    with pytest.raises(BpnnError) as info:
        load_spec("-")
    assert str(info.value) == "-: a YAML spec is limited to 2000000 bytes (JSON to 10000000)"
    # JSON on standard input: up to MAX_BYTES
    monkeypatch.setattr(sys, "stdin", _Stdin(json.dumps(_with()) + " " * MAX_YAML_BYTES))
    assert load_spec("-").learning_rate == 0.1


def test_the_spec_must_be_named_by_a_path():
    with pytest.raises(BpnnError, match=r"^the spec must be a file name \(or '-' for standard input\); got 5$"):
        load_spec(5)


def test_yaml_number_constructors_directly():
    yaml, Loader = spec_mod._yaml_loader()
    data = yaml.load("[1, -1, 1.5, .inf, -.inf, +.inf, .nan, '1']", Loader=Loader)
    assert data[:3] == [1, -1, 1.5] and type(data[0]) is int and type(data[2]) is float
    assert data[3] == math.inf and data[4] == -math.inf and data[5] == math.inf and math.isnan(data[6])
    assert data[7] == "1"


# ----------------------------------------------------------------------------- exact messages of parse_spec
def test_the_default_source_is_spec():
    with pytest.raises(BpnnError) as info:
        parse_spec([1])
    assert str(info.value).startswith("spec: the top level must be an object")


def test_layers_that_are_not_a_list_are_described():
    assert _fails(_with(layers=[])) == "s.json: layers must be a non-empty list of layer objects; got a list of 0 items"
    assert _fails(_with(layers={"w": 1})) == \
        "s.json: layers must be a non-empty list of layer objects; got an object with 1 key"


def test_a_bias_must_be_a_list_and_the_target_a_flat_list():
    """A layer's bias is a list (or a column); input and target are flat lists: a bare number, or a matrix for
    the target, is refused at its place in the spec (not later, by the engine, under the engine's layer number)."""
    assert _fails(_with(layers=[{**LAYER, "bias": 0.25}])) == \
        "s.json: layers[0].bias must be a list of numbers or a list of rows (a matrix); got 0.25"
    assert _fails(_with(target=0.0)) == "s.json: target must be a list of numbers; got 0.0"
    assert _fails(_with(target=[[0.0]])) == "s.json: target must be a list of numbers; got a list of rows (a matrix)"


@pytest.mark.parametrize("lr, shown", [([0.5], "a list of 1 item"), (True, "a boolean (True)"),
                                       (False, "a boolean (False)"), ({"a": 1}, "an object with 1 key")])
def test_a_learning_rate_that_is_not_a_number_is_named_as_such(lr, shown):
    """Not a number at all: the message says what a learning rate must be (positive, finite), not just "a number"."""
    assert _fails(_with(learning_rate=lr)) == f"s.json: learning_rate must be a positive finite number; got {shown}"


def test_a_target_of_the_wrong_length_names_the_output_layer_width():
    """2 inputs → 3 hidden units → 1 output: the target must have 1 value (the last layer's), not 3."""
    hidden = {"weights": [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], "bias": [0.0, 0.0, 0.0], "activation": "identity"}
    out = {"weights": [[1.0, 1.0, 1.0]], "bias": [0.0], "activation": "identity"}
    assert _fails(_with(layers=[hidden, out], target=[0.0, 1.0])) == \
        "s.json: target has 2 values, but the last layer has 1 units"


# ----------------------------------------------------------------------------- integers: exact up to 18 digits
def test_json_integers_of_up_to_18_characters_are_exact():
    """int64 holds every 18-digit integer: those are read exactly, as integers; longer ones become float64
    numbers (1234567890123456789 is not a float64: the nearest is 1234567890123456768)."""
    data = spec_mod.parse_text("[1, 123456789012345678, -12345678901234567, 1234567890123456789]", "m.json")
    assert data[:3] == [1, 123456789012345678, -12345678901234567]
    assert [type(v) for v in data[:3]] == [int, int, int]
    assert type(data[3]) is float and data[3] == 1234567890123456768.0


def test_yaml_integers_of_up_to_18_digits_are_exact():
    """In YAML the sign does not count: ±18 digits stay exact integers, 19 digits become float64 numbers."""
    data = spec_mod.parse_text("[-123456789012345678, +123456789012345678, 123456789012345678, "
                               "1234567890123456789, -1234567890123456789]", "m.yaml", yaml=True)
    assert data[:3] == [-123456789012345678, 123456789012345678, 123456789012345678]
    assert [type(v) for v in data[:3]] == [int, int, int]
    assert data[3:] == [1234567890123456768.0, -1234567890123456768.0]
    assert [type(v) for v in data[3:]] == [float, float]


def test_parse_text_reads_json_unless_told_yaml():
    """NaN is a JSON constant (a float) but a plain string in YAML 1.2's core schema."""
    data = spec_mod.parse_text('["NaN", NaN, Infinity, -Infinity]', "m")
    assert data[0] == "NaN" and math.isnan(data[1]) and data[2:] == [math.inf, -math.inf]
    assert spec_mod.parse_text("[NaN]", "m", yaml=True) == ["NaN"]


def test_standard_input_starting_with_a_bracket_is_json(monkeypatch):
    """``[1,]`` is valid YAML (a flow list may end with a comma) but not valid JSON: read as JSON, it is refused."""
    monkeypatch.setattr(sys, "stdin", _Stdin("[1,]"))
    with pytest.raises(BpnnError) as info:
        load_spec("-")
    assert str(info.value) == "-: not valid JSON at line 1, column 4: Expecting value"


# ----------------------------------------------------------------------------- YAML errors, exactly
def test_a_yaml_syntax_error_names_the_problem_not_the_context(tmp_path):
    """The parser's problem ("did not find ..."), not its context ("while parsing a flow sequence")."""
    msg = _load_fails(tmp_path, "s.yaml", "a: [1, 2\n")
    assert msg == f"{tmp_path / 's.yaml'}: not valid YAML at line 2, column 1: did not find expected ',' or ']'"


def test_a_control_character_in_yaml(tmp_path):
    """The reader's error has no position mark: the message then has no "at line" part."""
    msg = _load_fails(tmp_path, "s.yaml", "a: \x07\n")
    assert msg == f"{tmp_path / 's.yaml'}: not valid YAML: unacceptable character #x0007: " \
                  f"control characters are not allowed"


def test_a_yaml_problem_is_cut_to_120_characters(tmp_path):
    tag = "!" + "t" * 200
    msg = _load_fails(tmp_path, "s.yaml", f"{tag} x\n")
    problem = f"could not determine a constructor for the tag '{tag}'"[:120]
    assert msg == f"{tmp_path / 's.yaml'}: not valid YAML at line 1, column 1: {problem}"


def test_a_yaml_value_that_its_tag_cannot_read(tmp_path):
    p = tmp_path / "s.yaml"
    assert _load_fails(tmp_path, "s.yaml", "!!int abc\n") == \
        f"{p}: not usable YAML: invalid literal for int() with base 10: 'abc'"
    word = "x" * 200
    assert _load_fails(tmp_path, "s.yaml", f"!!float {word}\n") == \
        f"{p}: not usable YAML: " + f"could not convert string to float: '{word}'"[:120]


def test_yaml_nested_up_to_libyamls_limit_is_read():
    """libyaml refuses nesting beyond 1000; up to it, the values are built without recursing (Python's stack
    is about 1000 frames): 999 mappings, one inside the other, are read."""
    depth = 999
    data = spec_mod.parse_text("{a: " * depth + "7" + "}" * depth, "m.yaml", yaml=True)
    for _ in range(depth):
        assert list(data) == ["a"]
        data = data["a"]
    assert data == 7


def test_yaml_without_libyaml(tmp_path, monkeypatch):
    """Without libyaml (PyYAML installed without its C extension), the pure-Python loader reads the same specs;
    its parser recurses, so a very deep document is refused as such, not with a traceback."""
    import yaml
    monkeypatch.delattr(yaml, "CSafeLoader")
    s = _load(tmp_path, "s.yaml", YAML + "train_biases: false\n")
    assert s.network.sizes == [2, 1] and s.train_biases is False
    _load_fails(tmp_path, "s.yaml", YAML + "loss: sse\n", "duplicate key 'loss' at line 5")
    msg = _load_fails(tmp_path, "s.yaml", "[" * 5000 + "]" * 5000)
    assert msg == f"{tmp_path / 's.yaml'}: YAML is nested too deeply to be a network spec"


# ----------------------------------------------------------------------------- "over a billion", at its boundary
def _block(k):
    """A YAML list of exactly 10**k - 1 nodes once its aliases are written out: ``d1`` is a list of 8 numbers
    (1 + 8 = 9 nodes); ``dk`` holds ``d(k-1)`` and 9 aliases to it (10 · (10**(k-1) - 1) nodes) and 8 numbers,
    1 + 10**k - 10 + 8 = 10**k - 1.  Distinct nodes: 9 per level (the list and its 8 numbers)."""
    ones = ["1"] * 8
    if k == 1:
        return f"&d1 [{', '.join(ones)}]"
    return f"&d{k} [{', '.join([_block(k - 1)] + [f'*d{k - 1}'] * 9 + ones)}]"


def test_exactly_a_billion_nodes_is_not_over_a_billion(tmp_path):
    # [d9] is 1 + 10**9 - 1 = 10**9 nodes, 1 + 9·9 = 82 of them distinct: the aliases add 10**9 - 82
    _load_fails(tmp_path, "s.yaml", f"[{_block(9)}]\n",
                "YAML aliases expand the document by 999999918 nodes; at most 100000 are allowed")
    # [d9, 1] is 10**9 + 1 nodes: over a billion
    _load_fails(tmp_path, "s.yaml", f"[{_block(9)}, 1]\n",
                "YAML aliases expand the document by over a billion nodes; at most 100000 are allowed")
