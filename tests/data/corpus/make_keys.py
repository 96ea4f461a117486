"""Answer keys for the corpus of real articles, recomputed independently of bpnn with mpmath.

Run ``python tests/data/corpus/make_keys.py`` to rewrite ``keys.json``; ``tests/test_corpus.py``
checks that the stored keys are what this script computes and compares ``bpnn audit`` with them.

For every line of an excerpt that states arithmetic, the key lists the comparisons the line makes,
written out here by hand as Python arithmetic on the numbers the article prints (never by parsing
the article).  A comparison is an *error* when the two sides differ by more than the article's
printed precision allows:

* a printed result stands for any value within half a unit of its last digit;
* an input is exact when it is data (the example's weights, inputs, targets, learning rate, whole
  numbers) or a result that an earlier line of the article computed exactly; any other printed
  input is a rounded intermediate and may lie anywhere within half a unit of its last digit, which
  moves the side by up to sum |df/dx_i| * h_i (first order, computed with mpmath).

A comparison within 10 % of that threshold either way is *borderline*: either verdict is accepted
there (the audit and this key bound rounding in slightly different ways).  Lines whose numbers are
no arithmetic (a definition such as ``w_5 = 0.40``, a bare result, a matrix) have no entry, or an
entry with ``skip`` giving what the audit should say and why.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from mpmath import diff, exp, mp, mpf

mp.dps = 50
HERE = Path(__file__).resolve().parent


def sig(x):
    return 1 / (1 + exp(-x))


def F(fn, *args):
    """A formula side: ``fn`` applied to the printed numbers ``args`` (strings, as printed)."""
    return ("f", fn, args)


def C(snippet, *sides, exact=False):
    """One line: its unique snippet (or, with ``exact``, its whole text) and the sides it equates,
    left to right (strings are printed numbers).  A chain continued over several lines or rows is
    keyed on the line where each comparison's right-hand side is printed, as the audit reports it."""
    return {"snippet": snippet, "sides": sides, "exact": exact}


def SKIP(snippet, expect, why, offset=0):
    """A line with numbers that the audit must not check: ``expect`` is its verdict (unchecked/unparsed).
    ``offset``: the line is that many lines from the snippet's (a block is reported where its text starts)."""
    return {"snippet": snippet, "skip": expect, "why": why, "offset": offset}


def INCONSISTENT(snippet, why):
    return {"snippet": snippet, "inconsistent": why}


def half(text: str) -> mpf:
    exp_ = Decimal(text.lstrip("-")).as_tuple().exponent
    return mpf(5) * mpf(10) ** (int(exp_) - 1) if int(exp_) < 0 else mpf("0.5")


STD_DATA = {"0.15", "0.2", "0.20", "0.25", "0.3", "0.30", "0.35", "0.4", "0.40", "0.45", "0.5", "0.50", "0.55",
            "0.6", "0.60", "0.05", "0.1", "0.10", "0.01", "0.99", "1", "2", "0.0", "0"}


class Key:
    def __init__(self, name, lines, data=STD_DATA):
        self.name = name
        self.lines = lines
        self.data = set(data)
        self.exact: set[str] = set()

    def _is_exact(self, text: str) -> bool:
        t = text.lstrip("-")
        return t in self.data or t in self.exact or "." not in t

    def side(self, s):
        """(value, slack) of a side."""
        if isinstance(s, str):
            return mpf(s), half(s)
        _, fn, args = s
        xs = [mpf(a) for a in args]
        v = fn(*xs)
        slack = mpf(0)
        for i, a in enumerate(args):
            if self._is_exact(a):
                continue

            def g(t, i=i):
                ys = list(xs)
                ys[i] = t
                return fn(*ys)
            slack += abs(diff(g, xs[i])) * half(a)
        return v, slack

    def build(self) -> dict:
        text = (HERE / self.name).read_text(encoding="utf-8").splitlines()
        body = text.index("-->") + 1         # the excerpt starts after its header comment
        out = {}
        for entry in self.lines:
            if entry.get("exact"):
                hits = [i + 1 for i, t in enumerate(text) if i >= body and t.strip() == entry["snippet"]]
            else:
                hits = [i + 1 for i, t in enumerate(text) if i >= body and entry["snippet"] in t]
            if len(hits) != 1:
                raise SystemExit(f"{self.name}: snippet {entry['snippet']!r} found on lines {hits}")
            line = hits[0] + entry.get("offset", 0)
            if "skip" in entry:
                out[line] = {"verdict": "skip", "expect": entry["skip"], "why": entry["why"]}
                continue
            if "inconsistent" in entry:
                out[line] = {"verdict": "inconsistent", "why": entry["inconsistent"]}
                continue
            checks = []
            sides = entry["sides"]
            for a, b in zip(sides, sides[1:]):
                va, sa = self.side(a)
                vb, sb = self.side(b)
                if isinstance(a, str) and isinstance(b, str):
                    threshold = max(sa, sb)
                else:
                    threshold = (sa if not isinstance(a, str) else sa) + (sb if not isinstance(b, str) else sb)
                d = abs(va - vb)
                eps = mpf(10) ** -40
                if d <= threshold * mpf("0.9") + eps:
                    verdict = "ok"
                elif d > threshold * mpf("1.1") + eps:
                    verdict = "error"
                else:
                    verdict = "borderline"
                checks.append({"left": mp.nstr(va, 15), "right": mp.nstr(vb, 15),
                               "threshold": mp.nstr(threshold, 3), "verdict": verdict})
                # a printed result that its formula gives exactly is exact for later lines
                if isinstance(b, str) and not isinstance(a, str) and d <= eps and sa == 0:
                    self.exact.add(b.lstrip("-"))
            verdicts = {c["verdict"] for c in checks}
            line_verdict = "error" if "error" in verdicts else "borderline" if "borderline" in verdicts else "ok"
            out[line] = {"verdict": line_verdict, "checks": checks}
        return {str(k): v for k, v in sorted(out.items())}


# ------------------------------------------------------------------------------ the keys

def lin3(a, b, c, d, e):
    return a * b + c * d + e


def lin3x(a, b, c, d, e, f):
    return a * b + c * d + e * f


KEYS = []

KEYS.append(Key("zh-zhwhong-jianshu.md", [
    C("input(h1) = 0.15", F(lin3, "0.15", "0.05", "0.20", "0.10", "0.35"), "0.3775"),
    C("1 / (1 + e^-0.3775)", F(lambda z: 1 / (1 + exp(-z)), "0.3775"), "0.593269992"),
    C("input(h2) = 0.25", F(lin3, "0.25", "0.05", "0.30", "0.10", "0.35"), "0.3925"),
    C("1 / (1 + e^-0.3925)", F(lambda z: 1 / (1 + exp(-z)), "0.3925"), "0.596884378"),
    C("input(o1) = w5", F(lin3, "0.40", "0.593269992", "0.45", "0.596884378", "0.60"), "1.105905967"),
    C("output(o1) = f(input(o1))", F(lambda z: 1 / (1 + exp(-z)), "1.105905967"), "0.75136507"),
    C("Jo1 = 1/2", F(lambda a, t: (a - t) ** 2 / 2, "0.75136507", "0.01"), "0.298371109"),
    C("Jo2 = 1/2", F(lambda a, t: (a - t) ** 2 / 2, "0.772928465", "0.99"), "0.023560026"),
    # Jtotal = Jo1 + Jo2 with the values the article printed for Jo1 and Jo2
    C("Jtotal = Jo1 + Jo2", F(lambda a, b: a + b, "0.298371109", "0.023560026"), "0.321931135"),
    C("a = (0.75136507 - 0.01)", F(lambda o, t, h: (o - t) * o * (1 - o) * h, "0.75136507", "0.01", "0.593269992"),
      "0.082167041"),
    C("w5+ = w5 - eta", F(lambda w, n, g: w - n * g, "0.40", "0.5", "0.082167041"), "0.35891648"),
    C("tmp1 = ", F(lambda o, t, w: (o - t) * (o * (1 - o)) * w, "0.75136507", "0.01", "0.40"),
      F(lambda a, b, w: a * b * w, "0.74136507", "0.186815602", "0.40"), "0.055399425"),
    C("tmp3 = ", F(lambda h, x: h * (1 - h) * x, "0.593269992", "0.05"), "0.012065035"),
    C("w1+ = w1 - eta", F(lambda w, n, g: w - n * g, "0.15", "0.5", "0.000438568"), "0.149780716"),
]))

KEYS.append(Key("zh-cv-notes-aligned.md", [
    C(r"\\&=0.15\times0.05", F(lin3x, "0.15", "0.05", "0.2", "0.1", "0.35", "1"), "0.3775"),
    C(r"a_{h1}=\frac{1}{1+e^{-z_{h1}}}", F(sig, "0.3775"), F(sig, "0.3775"), "0.593269992"),
    C(r"\\&=0.4\times 0.593269992", F(lin3x, "0.4", "0.593269992", "0.45", "0.596884378", "0.6", "1"), "1.105905967"),
    # a_{o1} = … = 1/(1+e^{-1.105905967}) = 0.751365069; z_{o1} = 1.105905967 was printed on the line before
    C(r"a_{o1}&=\frac{1}{1+e^{-z_{o1}}}", F(sig, "1.105905967"), F(sig, "1.105905967"), "0.751365069"),
    SKIP(r"E_{total}=\sum\frac{1}{2}", "unparsed", r"a \sum without bounds: a definition, not arithmetic"),
    C(r"E_{o1}=\frac{1}{2}(0.01-0.751365069)^2", F(lambda t, o: (t - o) ** 2 / 2, "0.01", "0.751365069"), "0.274811083"),
    C(r"E_{o2}=\frac{1}{2}(0.99-0.772928465)^2", F(lambda t, o: (t - o) ** 2 / 2, "0.99", "0.772928465"), "0.023560026"),
    C(r"E_{total}=E_{o1}+E_{o2}=0.298371109", F(lambda a, b: a + b, "0.274811083", "0.023560026"), "0.298371109"),
    C(r"\partial a_{o1}}{\partial z_{o1}}&=a_{o1}", F(lambda o: o * (1 - o), "0.751365069"),
      F(lambda o: o * (1 - o), "0.751365069"), "0.186815602"),
    C(r"=0.741365069\times0.186815602\times0.593269992", F(lambda a, b, c: a * b * c, "0.741365069", "0.186815602",
                                                          "0.593269992"), "0.082167041"),
    C(r"w_5^+&=w_5-\eta", F(lambda w, n, g: w - n * g, "0.4", "0.5", "0.082167041"), "0.35891648"),
    C(r"\frac{\part E_{o1}}{\part a_{h1}}&=", F(lambda a, b, w: a * b * w, "0.741365069", "0.186815602", "0.4"),
      "0.055399425"),
    C(r"\frac{\part E_{total}}{\part a_{h1}}&=", F(lambda a, b: a - b, "0.055399435", "0.019049119"), "0.036350306"),
    C(r"\frac{\part a_{h1}}{\part z_{h1}}&=", F(lambda h: h * (1 - h), "0.593269992"), F(lambda h: h * (1 - h), "0.593269992"),
      "0.2413007086"),
    C(r"=0.036350306\times0.2413007086\times0.05", F(lambda a, b, c: a * b * c, "0.036350306", "0.2413007086", "0.05"),
      "0.000438568"),
    C(r"w_1^+=w_1-\eta\times", F(lambda w, n, g: w - n * g, "0.15", "0.5", "0.000438568"), "0.149780716"),
]))

def prod(*xs):
    r = mpf(1)
    for x in xs:
        r *= x
    return r


def add(*xs):
    return sum(xs, mpf(0))


def upd(w, n, g):
    return w - n * g


def one_minus(o):
    return o * (1 - o)


def half_sq(t, o):
    return (t - o) ** 2 / 2


KEYS.append(Key("zh-charlotte77-cnblogs.md", [
    C("{ net }_{h 1}=0.15 * 0.05", F(lin3x, "0.15", "0.05", "0.2", "0.1", "0.35", "1"), "0.3775"),
    C(r"{ out }_{h 1}=\frac{1}{1+e^{-n e t_{h 1}}}", F(sig, "0.3775"), "0.593269992"),
    C("{ net }_{o 1}=0.4 * 0.593269992", F(lin3x, "0.4", "0.593269992", "0.45", "0.596884378", "0.6", "1"), "1.105905967"),
    C(r"{ out }_{o 1}=\frac{1}{1+e^{-n e t_{o 1}}}", F(sig, "1.105905967"), "0.75136507"),
    C(r"E_{o 1}=\frac{1}{2}\left(", F(half_sq, "0.01", "0.75136507"), "0.274811083"),
    C(r"E_{ {total }}=E_{o 1}+E_{o 2}=", F(add, "0.274811083", "0.023560026"), F(add, "0.274811083", "0.023560026"),
      "0.298371109"),
    C(r"\partial  { outo }}=-\left(", F(lambda t, o: -(t - o), "0.01", "0.75136507"), "0.74136507"),
    C("=0.75136507(1-0.75136507)=0.186815602", F(one_minus, "0.75136507"), F(one_minus, "0.75136507"), "0.186815602"),
    C("=0.74136507 * 0.186815602 * 0.593269992=0.082167041", F(prod, "0.74136507", "0.186815602", "0.593269992"),
      "0.082167041"),
    C("w_{5}^{+}=w_{5}-", F(upd, "0.4", "0.5", "0.082167041"), "0.35891648"),
    C("=0.74136507 * 0.186815602=0.138498562", F(prod, "0.74136507", "0.186815602"), "0.138498562"),
    C("=0.138498562 * 0.40=0.055399425", F(prod, "0.138498562", "0.40"), "0.055399425"),
    C("=0.055399425+-0.019049119=0.036350306", F(add, "0.055399425", "-0.019049119"), "0.036350306"),
    C("=0.59326999(1-0.59326999)=0.241300709", F(one_minus, "0.593269992"), F(one_minus, "0.59326999"), "0.241300709"),
    C("=0.036350306 * 0.241300709 * 0.05=0.000438568", F(prod, "0.036350306", "0.241300709", "0.05"), "0.000438568"),
    C("w_{1}^{+}=w_{1}-", F(upd, "0.15", "0.5", "0.000438568"), "0.149780716"),
]))

KEYS.append(Key("zh-notes-rows-star.md", [
    C("net_{h1}=0.15*0.05", F(lin3x, "0.15", "0.05", "0.2", "0.1", "0.35", "1"), "0.3775"),
    C(r"out_{h1}=\frac{1}{1+e^{-net_{h1}}}", F(sig, "0.3775"), F(sig, "0.3775"), "0.593269992"),
    C("net_{o1}=0.4*0.59326992", F(lin3x, "0.4", "0.59326992", "0.45", "0.596884378", "0.6", "1"), "1.105905967"),
    C(r"out_{o1}=\frac{1}{1+e^{net_o1}}", F(sig, "1.105905967"), "0.75136507"),
    C(r"E_{o1}=\frac{1}{2}(target_{o1}", F(half_sq, "0.01", "0.75136507"), "0.274811083"),
    C("E_{total}=E_{o1}+E_{o2}=0.274811083 + 0.023560025", F(add, "0.274811083", "0.023560025"),
      F(add, "0.274811083", "0.023560025"), "0.298371109"),
    C(r"\frac{\partial E_{total}}{\partial out_{o1}}=2*", F(lambda t, o: -(t - o), "0.01", "0.75136507"), "0.74136507"),
    C("out_{o1}(1-out_{o1})=0.75136507(1-0.75136507)", F(one_minus, "0.75136507"), F(one_minus, "0.75136507"),
      "0.186815602"),
    C(r"\frac{net_{o1}}{\partial w_5}=1*out_{h1}", F(lambda h: 1 * h, "0.593269992"), "0.593269992"),
    C("=0.74136507*0.186815602*0.593269992=0.082167041", F(prod, "0.74136507", "0.186815602", "0.593269992"),
      "0.082167041"),
    C("=0.4-0.5*0.082167041=0.35891648", F(upd, "0.4", "0.5", "0.082167041"), "0.35891648"),
    C("=0.74136507*0.186815602=0.138498562", F(prod, "0.74136507", "0.186815602"), "0.138498562"),
    C("=0.138498562*0.40=0.055399425", F(prod, "0.138498562", "0.40"), "0.055399425"),
    C("=-0.217071535*0.175510053=-0.03809823661", F(prod, "-0.217071535", "0.175510053"), "-0.03809823661"),
    C("=-0.03809823661*0.50=-0.01904911831", F(prod, "-0.03809823661", "0.50"), "-0.01904911831"),
    C("=0.055399425+-0.01904911831=0.03635030669", F(add, "0.055399425", "-0.01904911831"), "0.03635030669"),
    C("out_{h1}*(1-out_{h1})=0.59326999*(1-0.59326999)", F(one_minus, "0.593269992"), F(one_minus, "0.59326999"),
      "0.241300709"),
    C("=0.03635030669*0.241300709*0.05=0.000438568", F(prod, "0.03635030669", "0.241300709", "0.05"), "0.000438568"),
]))

KEYS.append(Key("zh-cases-primes.md", [
    SKIP(r"w_{1} & w_{2} & w_{3} & w_{4}\\", "unchecked", "a matrix assignment: defines w_1 … w_8 element by element, nothing to compare", offset=-1),
    C(r"hidden1= sigmoid(hidden1^{'})", F(sig, "0.3775"), F(sig, "0.3775"), "0.5932699921"),
    C(r"hidden2= sigmoid(hidden2^{'})", F(sig, "0.3925"), F(sig, "0.3925"), "0.5968843782"),
    C(r"output1= sigmoid(outout1^{'})", F(sig, "1.105905967"), "0.7513650695"),
    C(r"output2= sigmoid(output2^{'})", F(sig, "1.224921404"), F(sig, "1.224921404"), "0.7729284653"),
    C(r"loss=1/2*((output1-y_{1})^2", F(lambda a, t, b, u: ((a - t) ** 2 + (b - u) ** 2) / 2, "0.7513650695", "0.01",
                                         "0.7729284653", "0.99"), "0.2983711087"),
    C(r"=0.751365095*(1-0.751365095)=0.186815589", F(one_minus, "0.7513650695"), F(one_minus, "0.751365095"),
      "0.186815589"),
    C(r"=0.7413650695*0.186815589*0.5932699921=0.0821670349", F(prod, "0.7413650695", "0.186815589", "0.5932699921"),
      "0.0821670349"),
    C(r"\\=0.7413650695*0.186815589*0.40+", F(lambda a, b, w, c, d, v: a * b * w + c * d * v, "0.7413650695", "0.186815589",
                                              "0.40", "-0.2170715347", "0.1755100528", "0.50"), "0.0363503025"),
    C(r"hidden1*(1-hidden1)=0.5932699921", F(one_minus, "0.5932699921"), F(one_minus, "0.5932699921"), "0.2413007085"),
    C(r"=0.0363503025*0.2413007085*0.05=0.0004385676", F(prod, "0.0363503025", "0.2413007085", "0.05"), "0.0004385676"),
]))

KEYS.append(Key("zh-translation-equation.md", [
    C(r"out_{h1}=\frac{1}{1+e^{-net_{h1}}}=\frac{1}{1+e^{-0.3775}}", F(sig, "0.3775"), "0.593269992"),
    C("net_{o1}=0.4*0.593269992", F(lin3x, "0.4", "0.593269992", "0.45", "0.596884378", "0.6", "1"), "1.105905967"),
    C(r"out_{o1}=\frac{1}{1+e^{-net_{o1}}}=", F(sig, "1.105905967"), F(sig, "1.105905967"), "0.75136507"),
    C(r"E_{O1}=\frac{1}{2}(target-output)^2=", F(half_sq, "0.01", "0.75136507"), "0.274811083"),
    C("E_{total}=E_{O1}+E_{O2}=0.274811083", F(add, "0.274811083", "0.023560026"), F(add, "0.274811083", "0.023560026"),
      "0.298371109"),
    C("out_{O1}(1-out_{O1})=0.75136507(1-0.75136507)", F(one_minus, "0.75136507"), "0.186815602"),
    C("=0.74136507*0.186815602*0.593269992=0.082167041", F(prod, "0.74136507", "0.186815602", "0.593269992"),
      "0.082167041"),
    C("=0.74136507*0.186815602=0.138498562", F(prod, "0.74136507", "0.186815602"), "0.138498562"),
    C("=0.138498562*0.40=0.055399425", F(prod, "0.138498562", "0.40"), "0.055399425"),
    INCONSISTENT(r"\frac{\partial E_{O2}}{\partial out_{h1}}=w_5=-0.019049119",
                 "w_5 = 0.40 two blocks earlier, here w_5 = -0.019049119"),
    C("=0.055399425+(-0.019049119)=0.036350306", F(add, "0.055399425", "-0.019049119"), "0.036350306"),
    C("=0.59326999(1-0.59326999)=0.241300709", F(one_minus, "0.593269992"), F(one_minus, "0.59326999"), "0.241300709"),
    C("=0.036350306*0.241300709*0.05=0.000438568", F(prod, "0.036350306", "0.241300709", "0.05"), "0.000438568"),
    C(r"w_1^+=w_1-\eta*", F(upd, "0.15", "0.5", "0.000438568"), "0.149780716"),
]))

KEYS.append(Key("en-basic-intro-jekyll.md", [
    C("net_{h_{1}} = 0.15", F(lin3, "0.15", "0.05", "0.20", "0.10", "0.35"), "0.3775"),
    C(r"out_{h_{1}} = \frac{1}{1+e^{0.3775}}", F(lambda z: 1 / (1 + exp(z)), "0.3775"), "0.593269992"),
    C("net_{h_{2}} = 0.25", F(lin3, "0.25", "0.05", "0.30", "0.10", "0.35"), "0.3925"),
    C(r"out_{h_{2}} = \frac{1}{1+e^{0.3925}}", F(lambda z: 1 / (1 + exp(z)), "0.3925"), "0.596884378"),
    C("net_{o_{1}} = 0.40", F(lin3, "0.40", "0.593269992", "0.45", "0.596884378", "0.35"), "1.105905967"),
    C(r"out_{o_{1}} = \frac{1}{1+e^{1.105905967}}", F(lambda z: 1 / (1 + exp(z)), "1.105905967"), "0.75136507"),
    C("net_{o_{2}} = 0.50", F(lin3, "0.50", "0.593269992", "0.45", "0.596884378", "0.55"), "1.224921404"),
    C(r"out_{o_{2}} = \frac{1}{1+e^{1.224921404}}", F(lambda z: 1 / (1 + exp(z)), "1.224921404"), "0.772928465"),
    C(r"E_{o1} = \frac {1}{2}(0.01", F(half_sq, "0.01", "0.75136507"), "0.274811083"),
    C(r"E_{o2} = \frac {1}{2}(0.99", F(half_sq, "0.99", "0.772928465"), "0.023560026"),
    C("E_{total} = E_{o1} + E_{o2} = 0.274811083", F(add, "0.274811083", "0.023560026"),
      F(add, "0.274811083", "0.023560026"), "0.298371109"),
    C(r"\partial out_{o1}} = -(0.01 - 0.75136507)", F(lambda t, o: -(t - o), "0.01", "0.75136507"), "0.74136507"),
    C("= 0.75136507(1 - 0.75136507) = 0.186815602", F(one_minus, "0.75136507"), "0.186815602"),
    C("= 0.74136507 * 0.186815602 * 0.593269992 = 0.0821671041",
      F(prod, "0.74136507", "0.186815602", "0.593269992"), "0.0821671041"),
    C(r"\delta_{o1} = \frac", F(prod, "0.74136507", "0.186815602"), F(prod, "0.74136507", "0.186815602"), "0.13849856185"),
    C("w_{11}^{2+} = 0.40", F(upd, "0.40", "0.5", "0.0821671041"), "0.35891648"),
    C("= 0.13849856185 * 0.596884378  = 0.082667628", F(prod, "0.13849856185", "0.596884378"), "0.082667628"),
    C("w_{21}^{2+} = 0.45", F(upd, "0.45", "0.5", "0.082667628"), "0.408666186"),
    C(r"\delta_{o2} = -(0.99", F(lambda t, o: -(t - o) * o * (1 - o), "0.99", "0.772928465"), "-0.03809823661"),
    C(r"= \delta_{o2} out_{h_{1}} = -0.03809823661", F(prod, "-0.03809823661", "0.593269992"),
      F(prod, "-0.03809823661", "0.593269992"), "-0.022602541"),
    C("w_{12}^{2+} = 0.50", F(upd, "0.50", "0.5", "-0.022602541"), "0.51130127"),
    C("= 0.74136507 * 0.186815602 * 0.4 = 0.055399425", F(prod, "0.74136507", "0.186815602", "0.4"), "0.055399425"),
    C("* 0.772928465(1 - 0.772928465) * 0.5 = -0.019049118",
      F(lambda t, o, w: -(t - o) * o * (1 - o) * w, "0.99", "0.772928465", "0.5"), "-0.019049118"),
    C("= 0.055399425 - 0.019049118 = 0.036350307", F(lambda a, b: a - b, "0.055399425", "0.019049118"), "0.036350307"),
    C("= 0.593269992(1 - 0.593269992) = 0.241300709", F(one_minus, "0.593269992"), "0.241300709"),
    C(r"\delta_{h1} = 0.036350307", F(prod, "0.036350307", "0.241300709"), "0.008771354"),
    C("w_{11}^{1+} = 0.15", F(upd, "0.15", "0.5", "0.000438568"), "0.149780716"),
    C("w_{21}^{1+} = 0.20", F(upd, "0.20", "0.5", "0.0008771354"), "0.1995614323"),
]))

KEYS.append(Key("en-mazur-markdown.md", [
    C(r"&= 0.3775", F(lin3x, "0.15", "0.05", "0.2", "0.1", "0.35", "1"), "0.3775", exact=True),
    C(r"&= 0.593269992", F(sig, "0.3775"), "0.593269992", exact=True),
    C(r"&= 1.105905967 \\ \\", F(lin3x, "0.4", "0.593269992", "0.45", "0.596884378", "0.6", "1"), "1.105905967",
      exact=True),
    C(r"&= 0.75136507", F(sig, "1.1059059067"), "0.75136507", exact=True),
    C(r"&= 0.274811083", F(lambda t, o: abs(t - o) ** 2 / 2, "0.01", "0.75136507"), "0.274811083", exact=True),
    C(r"&= 0.298371109", F(add, "0.274811083", "0.023560026"), "0.298371109", exact=True),
    C(r"&= 0.186815602", F(one_minus, "0.75136507"), "0.186815602", exact=True),
    C(r"&= 0.000433568", F(prod, "0.036350306", "0.241300709", "0.05"), "0.000433568", exact=True),
    C(r"&= 0.35891648", F(upd, "0.4", "0.5", "0.082167041"), "0.35891648", exact=True),
    C(r"&= 0.138498562", F(prod, "0.74136507", "0.186815602"), "0.138498562", exact=True),
    C(r"&= 0.036350306", F(add, "0.055399425", "-0.019049119"), "0.036350306", exact=True),
    C(r"&= 0.241300709", F(one_minus, "0.59326999"), "0.241300709", exact=True),
    C(r"&= 0.149780716", F(upd, "0.15", "0.5", "0.000438568"), "0.149780716", exact=True),
]))

KEYS.append(Key("en-obsidian-notes.md", [
    C("&= 0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35 = 0.3775", F(lin3, "0.15", "0.05", "0.2", "0.1", "0.35"), "0.3775"),
    C(r"$$out_{h_1} = \frac{1}{1+e^{-net_{h_1}}}", F(sig, "0.3775"), "0.593269992"),
    C(r"= \frac{1}{2}(0.01 - 0.75136507)^2 = 0.274811083", F(half_sq, "0.01", "0.75136507"), "0.274811083"),
    C("= 0.274811083 + 0.023450026 = 0.298371109", F(add, "0.274811083", "0.023450026"),
      F(add, "0.274811083", "0.023450026"), "0.298371109"),
    C("= -(target_{o_1} - out_{o_1}) = -(0.01 - 0.75136507)", F(lambda t, o: -(t - o), "0.01", "0.75136507"),
      "0.74136507"),
    C("&= 0.75136507(1-0.75136507) = 0.186815602", F(one_minus, "0.75136507"), "0.186815602"),
    C(r"&=  1 \cdot out_{h_1} + 0 + 0 = 0.593269992", F(lambda h: 1 * h + 0 + 0, "0.593269992"), "0.593269992"),
    C(r"&= 0.74136507 \cdot 0.186815602 \cdot 0.593269992 = 0.082167041",
      F(prod, "0.74136507", "0.186815602", "0.593269992"), "0.082167041"),
    C(r"= 0.4 - 0.5 \cdot 0.082167041 = 0.35891648", F(upd, "0.4", "0.5", "0.082167041"), "0.35891648"),
    C(r"= 0.75136507 \cdot 0.186815602 \cdot 0.4 = 0.055399425", F(prod, "0.75136507", "0.186815602", "0.4"),
      "0.055399425"),
    C("= 0.055399425 + (-0.019049119) = 0.36350306", F(add, "0.055399425", "-0.019049119"), "0.36350306"),
    C(r"= 0.036350306 \cdot 0.241300709 \cdot0.05 = 0.000438568", F(prod, "0.036350306", "0.241300709", "0.05"),
      "0.000438568"),
]))

KEYS.append(Key("en-simple-toy-note.md", [
    SKIP("[w_1, w_2, b_1] = [0.15, 0.20, 0.35]", "unchecked", "definitions, name by name"),
    SKIP("[w_3, w_4, b_1] = [0.25, 0.30, 0.35]", "unchecked", "definitions, name by name"),
    SKIP("[w_5, w_6, b_2] = [0.40, 0.45, 0.60]", "unchecked", "definitions, name by name"),
    SKIP("[w_7, w_8, b_2] = [0.50, 0.55, 0.60]", "unchecked", "definitions, name by name"),
    SKIP(r"$net_{h1} = w_1 \times i1", "unchecked", "i1, i2 have no value in the text"),
    C(r"$out_{h1} = \sigma(net_{h1})", F(sig, "0.3775"), "0.593269992"),
    SKIP(r"$net_{h2} = w_3 \times i1", "unchecked", "i1, i2 have no value in the text"),
    C(r"$out_{h2} = \sigma(net_{h2})", F(sig, "0.3925"), "0.596884378"),
    # w_5, w_6, b_2 from the vector assignments, out_{h1}, out_{h2} from the lines above
    C(r"$net_{o_1} = w_5", F(lin3x, "0.40", "0.593269992", "0.45", "0.596884378", "0.60", "1"), "1.10590597"),
    C(r"$out_{o_1} = \sigma(net_{o_1})", F(sig, "1.10590597"), "0.75136507"),
    C(r"$net_{o_2} = w_7", F(lin3x, "0.50", "0.593269992", "0.55", "0.596884378", "0.60", "1"), "1.2249214"),
    C(r"$out_{o_2} = \sigma(net_{o_2})", F(sig, "1.2249214"), "0.772928465"),
    C(r"$E_{o_1} = \frac{1}{2} (0.75136507", F(lambda o, t: (o - t) ** 2 / 2, "0.75136507", "0.01"), "0.274811083"),
    C(r"$E_{o_2} = \frac{1}{2} (0.772928465", F(lambda o, t: (o - t) ** 2 / 2, "0.772928465", "0.99"), "0.023560026"),
    SKIP(r"= (out_{o1} - o_1) \times", "unchecked", "o_1 (the target) is only given in a prose tip"),
    SKIP(r"$w_5^+ = w_5 - \eta", "unchecked", "eta has no value in the text"),
]))

KEYS.append(Key("en-fiqlab-plain.md", [
    # each "= …" line continues the chain of the line above; a comparison is keyed on its right-hand line
    C("= 0.0075 + 0.0200 + 0.3500", F(lin3, "0.15", "0.05", "0.20", "0.10", "0.35"),
      F(add, "0.0075", "0.0200", "0.3500"), exact=True),
    C("= 0.3775", F(add, "0.0075", "0.0200", "0.3500"), "0.3775", exact=True),
    C("= 1 / (1 + e^(−0.3775))", F(sig, "0.3775"), F(lambda z: 1 / (1 + exp(-z)), "0.3775"), exact=True),
    C("= 1 / (1 + 0.68566)", F(lambda z: 1 / (1 + exp(-z)), "0.3775"), F(lambda e: 1 / (1 + e), "0.68566"), exact=True),
    C("= 1 / 1.68566", F(lambda e: 1 / (1 + e), "0.68566"), F(lambda d: 1 / d, "1.68566"), exact=True),
    C("= 0.59327", F(lambda d: 1 / d, "1.68566"), "0.59327", exact=True),
    C("= 0.0125 + 0.0300 + 0.3500", F(lin3, "0.25", "0.05", "0.30", "0.10", "0.35"),
      F(add, "0.0125", "0.0300", "0.3500"), exact=True),
    C("= 0.3925", F(add, "0.0125", "0.0300", "0.3500"), "0.3925", exact=True),
    C("= 1 / (1 + e^(−0.3925))", F(sig, "0.3925"), F(lambda z: 1 / (1 + exp(-z)), "0.3925"), exact=True),
    C("= 1 / (1 + 0.67530)", F(lambda z: 1 / (1 + exp(-z)), "0.3925"), F(lambda e: 1 / (1 + e), "0.67530"), exact=True),
    C("= 1 / 1.67530", F(lambda e: 1 / (1 + e), "0.67530"), F(lambda d: 1 / d, "1.67530"), exact=True),
    C("= 0.59688", F(lambda d: 1 / d, "1.67530"), "0.59688", exact=True),
    C("= 0.23731 + 0.26860 + 0.60000", F(lin3, "0.40", "0.59327", "0.45", "0.59688", "0.60"),
      F(add, "0.23731", "0.26860", "0.60000"), exact=True),
    C("= 1.10591", F(add, "0.23731", "0.26860", "0.60000"), "1.10591", exact=True),
    C("= 1 / (1 + e^(−1.10591))", F(sig, "1.10591"), F(lambda z: 1 / (1 + exp(-z)), "1.10591"), exact=True),
    C("= 1 / (1 + 0.33091)", F(lambda z: 1 / (1 + exp(-z)), "1.10591"), F(lambda e: 1 / (1 + e), "0.33091"), exact=True),
    C("= 1 / 1.33091", F(lambda e: 1 / (1 + e), "0.33091"), F(lambda d: 1 / d, "1.33091"), exact=True),
    C("= 0.75137", F(lambda d: 1 / d, "1.33091"), "0.75137", exact=True),
]))

KEYS.append(Key("en-primelearnpoint-plain.md", [
    SKIP("= 0.0075 + 0.020 + b₁ = 0.3825", "unchecked", "b₁ has no value in the text"),
    SKIP("= 0.0125 + 0.030 + b₂ = 0.3900", "unchecked", "b₂ has no value in the text"),
    C("= 0.2378 + 0.2982 = 0.5359", F(lambda a, x, b, y: a * x + b * y, "0.40", "0.5944", "0.50", "0.5963"),
      F(add, "0.2378", "0.2982"), "0.5359"),
    C("= 0.2675 + 0.3280 = 0.5955", F(lambda a, x, b, y: a * x + b * y, "0.45", "0.5944", "0.55", "0.5963"),
      F(add, "0.2675", "0.3280"), "0.5955"),
    C("= ½ × (−0.747)² = ½ × 0.5580 = 0.279", F(lambda d: d * d / 2, "-0.747"), F(lambda s: s / 2, "0.5580"), "0.279"),
    C("= ½ × (0.222)² = ½ × 0.0493 = 0.025", F(lambda d: d * d / 2, "0.222"), F(lambda s: s / 2, "0.0493"), "0.025"),
]))


def main() -> None:
    keys = {k.name: k.build() for k in KEYS}
    (HERE / "keys.json").write_text(json.dumps(keys, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, lines in keys.items():
        errors = [n for n, v in lines.items() if v["verdict"] in ("error", "inconsistent")]
        print(f"{name}: {len(lines)} lines, errors on {errors}")


if __name__ == "__main__":
    main()
