"""Write bpnn/articles/data/reading.json: the record of the second sentence-by-sentence reading (issue 13).

The reading went section by section through the five articles. For each section this records its line
range, the claims registered on its lines (from the registry, so the record cannot list a claim that does
not exist) and, in words, why its other sentences gave no claim. Sentence counts are not stored: they are
computed from bpnn/articles/data/article_structure.json (bpnn.articles.claims.structure) wherever they are shown.

Usage: python scripts/build_reading.py [--added-from OLD_CHECK_JSON]
(OLD_CHECK_JSON: `bpnn check --json` from before the reading, to mark which claims it added; without it,
the marks of the existing reading.json are kept.)
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bpnn.articles.claims import all_claims  # noqa: E402
from bpnn.articles.claims.structure import structure  # noqa: E402

OUT = ROOT / "bpnn" / "articles" / "data" / "reading.json"

# why the sentences of a section that gave no claim gave none: (article, first line of section) -> reason.
# For article 002 the reasons of version 1 apply to the same section of version 2 (same text).
R = {
    ("000", 1): "Scene-setting (deep learning's progress 'was not smooth'): nothing definite.",
    ("000", 5): "Also: a BP network adjusts weights and biases to minimise a loss — true, the usual definition, "
                "not worth a claim beside the false comparison.",
    ("000", 9): "The step list (initialise, forward, loss, backward, update, repeat until convergence) is the "
                "standard loop and right. 'Backpropagation ... updates the weights by gradient descent' uses the word "
                "for the whole training procedure, as Rumelhart, Hinton and Williams did in 1986; Goodfellow et al. "
                "reserve it for the gradient computation. A usage, not a checkable fact.",
    ("000", 20): "Also: the symbol definitions (Δw_ij update amount, η learning rate, w_ij from neuron i to j) "
                 "agree with the formulas; the formulas themselves are claims.",
    ("000", 36): "The listing's introduction ('a BP network implemented with TensorFlow') is accurate: a Keras MLP "
                 "trained by backpropagation.",
    ("000", 60): "Application areas (image recognition, NLP, computer vision; handwriting, sentiment, translation, "
                 "segmentation, detection, faces): all real uses of networks trained by backpropagation, "
                 "stated without anything specific to check.",
    ("000", 68): "TensorFlow 'open-source deep learning framework, quick to start': true and vague.",
    ("000", 76): "Outlook and challenges (compute, data, complexity; neuro-symbolic reasoning as a competitor): "
                 "forecasts and opinions, nothing definite. Generative models named as a competitor are a claim "
                 "(third reading).",
    ("000", 80): "FAQ 1 restates section 3 (same usage of 'backpropagation'); FAQ 3 (hyperparameters: learning "
                 "rate, batch size, regularisation; chosen by cross-validation and grid search) is ordinary practice "
                 "and right, too general to register.",
    ("001", 1): "Also: deep learning uses artificial neural networks; backpropagation is key to training them — "
                "true, general.",
    ("001", 5): "Also: backpropagation adjusts weights to minimise prediction error and is the basis of training "
                "large networks — true, general.",
    ("001", 9): "The four steps (forward, loss with MSE or cross-entropy, backward by the chain rule, update by "
                "gradient descent) are right and general.",
    ("001", 21): "Also: the symbol definitions under the formula agree with it (the formula is a claim).",
    ("001", 41): "The listing's introduction ('some Python code to implement the process') is accurate.",
    ("001", 112): "Application areas (image recognition, NLP, game AI): true, general.",
    ("001", 116): "TensorFlow (open source, pretrained models), PyTorch (flexible, for research and development), "
                  "Coursera (online courses): true and vague; no title or version to check.",
    ("001", 123): "Outlook (more innovation; challenges of compute and efficiency): forecasts, nothing definite.",
    ("002", 1): "Keywords line: a list of topics, no statement.",
    ("002", 7): "Deep learning's successes and its need for algorithms and data; BP 'an important deep-learning "
                "algorithm': general and true, nothing definite.",
    ("002", 11): "Also: BP networks optimise weights iteratively by gradient descent; applications grew with "
                 "compute and data — true, general.",
    ("002", 15): "",
    ("002", 23): "The Mermaid diagram (neuron → network → input/hidden/output layers; activation → hidden, output) "
                 "and its introduction: a picture of vocabulary, nothing to check.",
    ("002", 37): "A neuron's parts (weights scale inputs, bias shifts the threshold, activation makes it "
                 "nonlinear): textbook definitions, right.",
    ("002", 45): "Layers of a network (input, hidden for features, output for predictions): right, general.",
    ("002", 49): "Activations introduce nonlinearity; common ones Sigmoid, ReLU, Tanh: right.",
    ("002", 53): "Heading.",
    ("002", 55): "Two steps, forward and backward, the backward one 'computing the gradients and then updating' — the "
                 "broad usage of 'backpropagation' (see article 000, section 3); right as a description of training.",
    ("002", 62): "Heading.",
    ("002", 64): "Forward-pass steps: right, except that initialisation is listed as a step of every forward pass "
                 "where it happens once before training — a matter of arrangement, not a false statement.",
    ("002", 73): "Backward-pass steps (output error, propagate back, gradients for every neuron, update): right; "
                 "the example of section 4.3 does not follow them (claims there).",
    ("002", 82): "Heading.",
    ("002", 84): "",
    ("002", 90): "'Computational cost is high in large networks': no comparison is stated, so nothing definite; what "
                 "is known (cost a small multiple of the forward pass, memory for stored activations) is in the "
                 "facts chapter under 'efficient'.",
    ("002", 95): "CNNs for image classification, RNNs for text classification and translation, LSTMs for speech: "
                 "true of networks trained by backpropagation, general.",
    ("002", 103): "Heading.",
    ("002", 105): "The parts of the model (x, w, b, f) and y = f(w·x + b) with '·' a dot product: the formula is a "
                  "claim; the list is what the worked example's undeclared-quantity claims compare against.",
    ("002", 120): "Also: 'then differentiate with respect to w and b' introduces the formulas (claims).",
    ("002", 132): "Every line with a number or formula is a claim (coverage test). Also: the section headings "
                  "'input to hidden', 'hidden to output', 'output error', 'hidden error' and the closing 'after many "
                  "iterations the weights improve the prediction' (one step is shown; gradient descent with a small "
                  "step does lower the loss, the chapter checks it on the corrected example).",
    ("002", 221): "Introduction of the code section: accurate.",
    ("002", 225): "Also: 'we use PyTorch' is accurate.",
    ("002", 240): "The listing's introduction ('a simple implementation') is accurate in the usual sense: a network "
                  "trained with PyTorch's automatic differentiation; backpropagation is not written out.",
    ("002", 296): "",
    ("002", 308): "Heading and introduction.",
    ("002", 312): "CNNs with convolution and pooling extract image features: right, general.",
    ("002", 316): "RNNs and LSTMs process sequences for text understanding and generation: right, general.",
    ("002", 320): "LSTMs and self-attention for speech recognition: right, general.",
    ("002", 324): "Heading.",
    ("002", 326): "",
    ("002", 331): "PyTorch and TensorFlow 'popular, support backpropagation': true and vague.",
    ("002", 336): "",
    ("002", 341): "Heading.",
    ("002", 343): "Results summary: general praise, nothing definite.",
    ("002", 347): "Future trends (bigger models and data, adaptive optimisers, multimodal learning): forecasts.",
    ("002", 353): "Challenges (cost 'high' without comparison; overfitting 'easy'): nothing definite; the overfitting "
                  "line is cited by the scalability claims.",
    ("002", 358): "Outlook: forecasts.",
    ("002", 362): "Heading.",
    ("002", 364): "'A deep-learning algorithm based on gradient descent for optimising weights': the broad usage of "
                  "the word again (see 000, section 3).",
    ("002", 368): "Restates the advantages of section 3.3.1 (claims there).",
    ("002", 372): "Restates the application areas: general.",
    ("002", 376): "Restates the steps: right.",
    ("002", 380): "Restates the drawbacks of 3.3.2 (local optima is a claim there; cost has no comparison).",
    ("002", 384): "Restates the trends (forecasts); the byline 'Zen and the Art of Computer Programming' is a "
                  "pen name, not a statement.",
    ("003", 1): "Scene-setting: BPNN and fine-tuning are 'two very important techniques'; the promise of "
                "'principles, applications and best practices' is kept in outline. Nothing definite.",
    ("003", 5): "Heading.",
    ("003", 7): "Also: 'it uses gradient descent to minimise the error' — right.",
    ("003", 11): "Also: fine-tuning improves accuracy on specific categories in NLP and vision — general.",
    ("003", 15): "Heading.",
    ("003", 17): "Steps 1, 2, 4 are right and general.",
    ("003", 24): "Steps 1 and 4 (start from a pretrained model; descend until convergence) are right.",
    ("003", 31): "",
    ("003", 33): "Also: losses 'usually MSE or cross-entropy'; the symbol definitions agree with the formula.",
    ("003", 43): "Also: SGD or Adam for fine-tuning — right; the symbol definitions agree with the formula.",
    ("003", 53): "The one sentence after the listing is a claim (003:86); the section's promise of a detailed "
                 "explanation is not registered separately for that reason.",
    ("003", 88): "Heading.",
    ("003", 90): "BPNN for vision, NLP, game AI, image classification, language models, translation: general.",
    ("003", 94): "Fine-tuning pretrained CNNs and Transformers for specific tasks: right, general.",
    ("003", 98): "Heading.",
    ("003", 100): "TensorFlow (open-source ML framework) and Keras (high-level API): right; no backend named "
                  "(facts chapter, tools).",
    ("003", 105): "'TensorFlow provides APIs for fine-tuning, e.g. model.fit()': fit() trains whatever is trainable, "
                  "and is what fine-tuning calls after unfreezing; as an example of an API not false.",
    ("003", 110): "Outlook (compute limits, data privacy): forecasts.",
    ("003", 114): "Also: the questions themselves; 'learning rate is an important hyper-parameter, chosen by trial "
                  "and error' — right, general.",
    ("004", 1): "Scene-setting ('the world is changing'; BP 'the cornerstone of deep learning'): nothing definite "
                "beyond the promise registered.",
    ("004", 5): "Also: 'large model' and 'fine-tuning' defined vaguely; the list of four topics (history, "
                "development, fine-tuning, applications) is the promise checked at line 3 and by the fine-tuning "
                "chapter (004:74).",
    ("004", 14): "Also: the four-step list is right.",
    ("004", 23): "Also: 'fully connected network as the example' is what follows.",
    ("004", 27): "The symbol definitions agree with the formula (a claim).",
    ("004", 37): "Also: the definitions of ΔW and Δb as gradients (the usual ΔW is the update −η∂L/∂W; the "
                 "article defines its own use, consistently).",
    ("004", 51): "The listing's introduction ('Python and TensorFlow') is accurate.",
    ("004", 77): "Application areas as bare names (image and speech recognition, NLP, recommendation, driving): "
                 "real uses of large models, nothing specific.",
    ("004", 87): "Python, TensorFlow, Keras, PyTorch: real tools for the purpose, nothing to check.",
    ("004", 97): "Outlook (compute, data security, innovation): forecasts.",
    ("004", 101): "The closing sentence thanks the reader.",
}


def sections(article: str) -> list[tuple[int, int]]:
    st = structure(article)
    starts = sorted({1} | {n for n, _ in st["headings"]})
    return [(lo, (starts[i + 1] - 1) if i + 1 < len(starts) else st["n_lines"]) for i, lo in enumerate(starts)]


def main() -> None:
    old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else None
    added_ids: set[str] = set()
    if len(sys.argv) == 3 and sys.argv[1] == "--added-from":
        before = {c["id"] for c in json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))["claims"]}
        added_ids = {c.id for c in all_claims()} - before
    elif old:
        added_ids = {i for a in old["articles"].values() for s in a["sections"] for i in s["added"]}
    claims = all_claims()
    out = {"about": "Second reading of the five articles (issue 13), section by section: the claims each section's "
                    "sentences gave and why the others gave none. Written by scripts/build_reading.py; sentence "
                    "counts come from bpnn/articles/data/article_structure.json.",
           "articles": {}}
    v2_start = 387
    for a in ("000", "001", "002", "003", "004"):
        secs = sections(a)
        v1_heads = [lo for lo, _ in secs if 7 <= lo < v2_start]
        v2_heads = [lo for lo, _ in secs if lo >= 398]
        twin = dict(zip(v2_heads, v1_heads)) if a == "002" else {}
        if a == "002" and len(v1_heads) != len(v2_heads):
            raise SystemExit("002: the two versions have different section lists")
        entries = []
        for lo, hi in secs:
            key = (a, lo)
            if a == "002" and lo >= v2_start:
                # the same section of version 1 (the two versions have the same headings in the same order)
                if lo < 398:
                    reason = "Title, keywords and abstract of version 2 (the abstract's promise is a claim)."
                else:
                    reason = R.get((a, twin[lo]))
            else:
                reason = R.get(key)
            if reason is None:
                raise SystemExit(f"{a}:{lo}: no reason written for this section")
            ids = [c.id for c in claims if c.article == a and lo <= c.line <= hi]
            entries.append({"lines": [lo, hi], "claims": [i for i in ids if i not in added_ids],
                            "added": [i for i in ids if i in added_ids],
                            "no_claim": reason or "Each of its checkable sentences gave a claim."})
        out["articles"][a] = {"source": structure(a)["source"], "sections": entries}
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_added = sum(len(s["added"]) for v in out["articles"].values() for s in v["sections"])
    print(OUT, "sections:", sum(len(v["sections"]) for v in out["articles"].values()), "added:", n_added)


if __name__ == "__main__":
    main()
