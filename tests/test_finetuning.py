"""The fine-tuning run: deterministic, frozen layers really frozen, data as described.

(How long the whole comparison takes is measured in benchmarks/run.py, ``finetune``.)"""
import numpy as np
import pytest

import bpnn
from bpnn.articles import finetune as F
from bpnn.articles import listings as L
from bpnn.datasets import TARGET_DISC, disc_task, gaussian_blobs, one_hot
from bpnn.errors import BpnnError


def _params(net):
    return [a.copy() for l in net.layers for a in (l.W, l.b)]


def test_disc_task_labels_follow_the_disc_and_seed():
    X, T = disc_task(500, 4, TARGET_DISC)
    assert X.shape == (2, 500) and T.shape == (1, 500)
    assert np.all(np.abs(X) <= 1)
    cx, cy, r = TARGET_DISC
    inside = np.hypot(X[0] - cx, X[1] - cy) < r
    assert np.array_equal(T[0] == 1.0, inside)
    X2, T2 = disc_task(500, 4, TARGET_DISC)
    assert np.array_equal(X, X2) and np.array_equal(T, T2)
    X3, _ = disc_task(500, 5, TARGET_DISC)
    assert not np.array_equal(X, X3)


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "10"])
def test_disc_task_rejects_bad_counts(bad):
    with pytest.raises(BpnnError, match="positive whole number"):
        disc_task(bad, 0)


def test_disc_task_rejects_bad_disc():
    with pytest.raises(BpnnError, match="radius"):
        disc_task(10, 0, (0, 0, -1))
    with pytest.raises(BpnnError, match="three numbers"):
        disc_task(10, 0, (0, 0))


def test_one_hot_and_blobs():
    assert one_hot(np.array([2, 0]), 3).tolist() == [[0, 1], [0, 0], [1, 0]]
    with pytest.raises(BpnnError, match="lie in 0"):
        one_hot(np.array([3]), 3)
    X, labels = gaussian_blobs(50, 7, 4, seed=1)
    assert X.shape == (7, 50) and labels.shape == (50,) and labels.max() < 4


def test_finetuning_run_is_deterministic():
    (Xs, Ts), _, _ = F.finetune_data()
    a, ca = F.pretrain(Xs, Ts)
    b, cb = F.pretrained_model()        # the run's own pre-training (the chapter's), computed separately
    assert np.array_equal(ca, cb)
    assert all(np.array_equal(x, y) for x, y in zip(_params(a), _params(b)))
    r1 = F.finetune_comparison(a, n_target=20, k=0)
    r2 = F.finetune_comparison(b, n_target=20, k=0)
    for how in ("scratch", "top", "all"):
        assert np.array_equal(r1[how][1], r2[how][1])
        assert r1[how][2] == r2[how][2]
        assert all(np.array_equal(x, y) for x, y in zip(_params(r1[how][0]), _params(r2[how][0])))


def test_frozen_layer_is_unchanged_bit_for_bit_and_the_rest_moves():
    pre, _ = F.pretrained_model()
    before = _params(pre)
    res = F.finetune_comparison(pre, n_target=20, k=0)
    top, every = res["top"][0], res["all"][0]
    assert np.array_equal(top.layers[0].W, before[0]) and np.array_equal(top.layers[0].b, before[1])
    assert not np.array_equal(top.layers[1].W, before[2])
    assert not np.array_equal(every.layers[0].W, before[0])
    # adapting copies: the pre-trained network itself is untouched
    assert all(np.array_equal(x, y) for x, y in zip(_params(pre), before))
    assert top.layers[0].trainable is False and all(l.trainable for l in every.layers)


def test_top_only_training_equals_training_a_one_layer_net_on_fixed_features():
    """Independent reference: freezing layer 1 = logistic regression on the frozen hidden activations."""
    pre, _ = F.pretrained_model()
    _, (X, T), _ = F.finetune_data(n_target=20)
    net, curve = F.adapt("top", pre, X, T, scratch_seed=0)
    H = pre.forward(X).a[1]
    head = bpnn.Network.from_weights([pre.layers[1].W], [pre.layers[1].b], ["sigmoid"])
    ref = F.fit_full_batch(head, H, T, bpnn.Adam(F.FT["finetune_lr"]), F.FT["adapt_steps"])
    np.testing.assert_allclose(curve, ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(net.layers[1].W, head.layers[0].W, atol=1e-12)


def test_accuracy_counts_the_right_side_of_one_half():
    net = bpnn.Network.from_weights([[[1.0, 0.0]]], [[0.0]], ["sigmoid"])
    X = np.array([[1.0, -1.0, 2.0, -0.5], [0, 0, 0, 0]])
    T = np.array([[1.0, 0.0, 0.0, 1.0]])
    assert F.accuracy(net, X, T) == 0.5


def test_adapt_rejects_unknown_way():
    pre, _ = F.pretrained_model()
    with pytest.raises(BpnnError, match="scratch"):
        F.adapt("middle", pre, np.zeros((2, 1)), np.zeros((1, 1)), 0)


def test_refit_equals_one_longer_fit_and_a_fresh_stream_does_not():
    two, single, a, b = L.keras_like_runs()
    assert np.array_equal(two, single)
    assert all(np.array_equal(x, y) for x, y in zip(_params(a), _params(b)))
    # the comparison can fail: a second call with a fresh shuffling stream ends elsewhere
    X, labels = gaussian_blobs(64, 20, 3, seed=0)
    T = one_hot(labels, 3)
    n1 = bpnn.Network.random([20, 8, 3], ["relu", "softmax"], seed=1)
    n2 = n1.copy()
    opt1, opt2 = bpnn.SGD(0.05), bpnn.SGD(0.05)
    rng = np.random.default_rng(2)
    L.fit_minibatch(n1, X, T, opt1, 2, 8, rng)
    L.fit_minibatch(n1, X, T, opt1, 2, 8, rng)
    L.fit_minibatch(n2, X, T, opt2, 2, 8, np.random.default_rng(2))
    L.fit_minibatch(n2, X, T, opt2, 2, 8, np.random.default_rng(2))
    assert not np.array_equal(n1.layers[0].W, n2.layers[0].W)


def test_whole_comparison_runs_to_the_end():
    """The chapter's whole comparison (the pre-training, then each way on 10, 20 and 40 target points,
    ten draws each) runs and gives accuracies.  The same call as the chapter's, so within one test run
    it is computed once; how long it takes is measured by ``python benchmarks/run.py --only finetune``."""
    summary = F.finetune_summary((10, 20, 40), repeats=10)
    assert list(summary) == [10, 20, 40]
    for ways in summary.values():
        assert list(ways) == ["scratch", "top", "all"]
        for mean, worst in ways.values():
            assert 0.0 <= worst <= mean <= 1.0


def test_adam_fit_with_a_frozen_layer_is_adam_step_by_step_and_continues_its_state():
    """bpnn.fit steps Adam on one flat vector (the "top" way trains that way); its numbers must be those
    of Adam.step on each array, frozen layer included, and a later call must continue the same state."""
    pre, _ = F.pretrained_model()
    _, (X, T), _ = F.finetune_data(n_target=20)
    a, b = pre.copy(), pre.copy()
    oa, ob = bpnn.Adam(0.01), bpnn.Adam(0.01)
    for frozen, steps in (([1], 12), ([1], 5), ([], 7)):
        for net in (a, b):
            net.unfreeze()
            net.freeze(*frozen)
        hist = bpnn.fit(a, X, T, oa, loss="bce", epochs=steps)
        hand = []
        for _ in range(steps):
            g = b.gradients(X, T, "bce")
            hand.append(g.loss)
            ob.step(b, g)
        assert hist.losses.tolist() == hand
        assert all(np.array_equal(x, y) for x, y in zip(_params(a), _params(b)))
        assert oa.t == ob.t and oa._sizes == ob._sizes and set(oa.m) == set(ob.m) == set(ob.v) == set(oa.v)
        assert all(np.array_equal(oa.m[k], ob.m[k]) and np.array_equal(oa.v[k], ob.v[k]) for k in ob.m)
        assert (1, "W") not in oa.m or not frozen     # a frozen layer has no moments until it trains
    assert np.array_equal(a.layers[0].W, b.layers[0].W) and not np.array_equal(a.layers[0].W, pre.layers[0].W)
