/* Search results without raw TeX.
 *
 * Sphinx's search page (searchtools.js) shows under each hit a few lines of the page's text,
 * taken from the page's HTML source, where a formula is still the TeX that MathJax typesets
 * in the browser: "\(\sigma'(z) = \sigma(z)(1-\sigma(z))\)".  This file wraps
 * Search.htmlToText so that each formula (span.math, div.math) is first replaced by a plain
 * reading of it: "σ′(z) = σ(z)(1−σ(z))".  Only the snippet changes; the index and the pages
 * do not.  bpnnTexToText is also what tests/test_search_snippets.py runs.
 */
(function () {
  "use strict";

  const SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ",
    eta: "η", theta: "θ", vartheta: "ϑ", iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν",
    xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", upsilon: "υ", phi: "φ", varphi: "φ",
    chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ",
    Pi: "Π", Sigma: "Σ", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
    cdot: "·", times: "×", div: "÷", pm: "±", mp: "∓", odot: "⊙", otimes: "⊗", circ: "∘",
    partial: "∂", nabla: "∇", sum: "Σ", prod: "∏", int: "∫", infty: "∞", approx: "≈",
    neq: "≠", ne: "≠", le: "≤", leq: "≤", ge: "≥", geq: "≥", ll: "≪", gg: "≫", equiv: "≡",
    sim: "∼", propto: "∝", to: "→", rightarrow: "→", leftarrow: "←", Rightarrow: "⇒",
    Leftrightarrow: "⇔", mapsto: "↦", in: "∈", notin: "∉", subset: "⊂", forall: "∀",
    exists: "∃", ldots: "…", cdots: "⋯", dots: "…", vdots: "⋮", ddots: "⋱", prime: "′",
    top: "ᵀ", intercal: "ᵀ", mid: "|", lvert: "|", rvert: "|", lVert: "‖", rVert: "‖",
    langle: "⟨", rangle: "⟩", lbrace: "{", rbrace: "}", "{": "{", "}": "}", "%": "%", "&": "&",
    "#": "#", "_": "_", "$": "$", exp: "exp", log: "log", ln: "ln", max: "max", min: "min",
    tanh: "tanh", sin: "sin", cos: "cos", det: "det", arg: "arg", argmin: "argmin",
    argmax: "argmax", sqrt: "√", neg: "¬", land: "∧", lor: "∨", cap: "∩", cup: "∪",
    emptyset: "∅", Re: "ℜ", ell: "ℓ",
  };
  // commands whose braced argument is kept as it is (fonts, text, operators)
  const KEEP_ARGUMENT = new Set(["text", "textrm", "textbf", "textit", "mathrm", "mathbf", "mathit",
    "mathsf", "mathtt", "mathcal", "boldsymbol", "bm", "operatorname", "mbox", "hat", "bar",
    "tilde", "vec", "dot", "overline", "underline", "widehat", "widetilde", "mathbb", "displaystyle",
    "textstyle", "color", "tag"]);
  // commands that print nothing
  const SILENT = new Set(["left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
    "Bigr", "biggl", "biggr", "limits", "nolimits", "displaystyle", "textstyle", "scriptstyle",
    "nonumber", "notag", "label", "begin", "end", "hline", "qquad", "quad"]);
  const BLACKBOARD = { R: "ℝ", N: "ℕ", Z: "ℤ", Q: "ℚ", C: "ℂ", E: "𝔼" };
  const SUPERSCRIPT = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
    "7": "⁷", "8": "⁸", "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", T: "ᵀ", "(": "⁽", ")": "⁾",
    n: "ⁿ", i: "ⁱ", "′": "′" };

  // the braced group starting at s[i] === "{" : [its content, the index after it]
  function group(s, i) {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === "\\") { j++; continue; }
      if (s[j] === "{") depth++;
      else if (s[j] === "}" && --depth === 0) return [s.slice(i + 1, j), j + 1];
    }
    return [s.slice(i + 1), s.length];
  }

  // one argument: a braced group, or one command, or one character
  function argument(s, i) {
    while (s[i] === " ") i++;
    if (s[i] === "{") return group(s, i);
    if (s[i] === "\\") {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i));
      return m ? [m[0], i + m[0].length] : ["", i + 1];
    }
    return [s[i] || "", i + 1];
  }

  function script(text, marker) {
    const plain = convert(text);
    if (marker === "^") {
      if (plain === "T" || plain === "⊤" || plain === "ᵀ") return "ᵀ";
      if ([...plain].every((c) => c in SUPERSCRIPT)) return [...plain].map((c) => SUPERSCRIPT[c]).join("");
    }
    if ([...plain].length === 1 || /^\(.*\)$/.test(plain)) return marker + plain;
    if (marker === "_" && /^[A-Za-z0-9]+$/.test(plain)) return marker + plain;
    return marker + "(" + plain + ")";
  }

  function convert(tex) {
    let out = "";
    let i = 0;
    const s = tex;
    while (i < s.length) {
      const c = s[i];
      if (c === "\\") {
        const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i));
        if (!m) { i++; continue; }
        const name = m[1];
        i += m[0].length;
        if (name === "frac" || name === "dfrac" || name === "tfrac") {
          const [a, j] = argument(s, i);
          const [b, k] = argument(s, j);
          const num = convert(a), den = convert(b);
          const wrap = (x) => ([...x].length > 1 && /[\s+\-−·×/]/.test(x) ? "(" + x + ")" : x);
          out += wrap(num) + "/" + wrap(den);
          i = k;
        } else if (name === "sqrt") {
          const [a, j] = argument(s, i);
          out += "√(" + convert(a) + ")";
          i = j;
        } else if (name === "mathbb") {
          const [a, j] = argument(s, i);
          out += BLACKBOARD[a.trim()] || convert(a);
          i = j;
        } else if (name === "begin" || name === "end") {
          const [, j] = argument(s, i);           // the environment's name prints nothing
          i = j;
          if (name === "begin" && s[i] === "{") i = argument(s, i)[1];   // array's column spec
        } else if (name === "label" || name === "tag" || name === "color") {
          const [, j] = argument(s, i);
          i = j;
        } else if (KEEP_ARGUMENT.has(name)) {
          if (s[i] === "{" || s[i] === " ") {
            const [a, j] = argument(s, i);
            out += convert(a);
            i = j;
          }
        } else if (name === "," || name === ";" || name === ":" || name === " " || name === "quad"
                   || name === "qquad") {
          out += " ";
        } else if (name === "!") {
          // negative thin space: nothing
        } else if (name === "\\") {
          out += "; ";
        } else if (SILENT.has(name)) {
          // prints nothing
        } else if (name in SYMBOLS) {
          out += SYMBOLS[name];
          if (/^[A-Za-z]+$/.test(name) && /^[A-Za-z0-9]/.test(s.slice(i)) && SYMBOLS[name].length > 1) out += " ";
        } else {
          out += name;                           // an unknown command: its name, without the backslash
        }
      } else if (c === "^" || c === "_") {
        const [a, j] = argument(s, i + 1);
        out += c === "^" ? script(a, "^") : script(a, "_");
        i = j;
      } else if (c === "{" || c === "}") {
        i++;
      } else if (c === "&") {
        out += "  ";
        i++;
      } else if (c === "'" ) {
        out += "′";
        i++;
      } else if (c === "-") {
        out += "−";
        i++;
      } else if (c === "~") {
        out += " ";
        i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  function strip(tex) {
    let t = tex.trim();
    for (const [open, close] of [["\\(", "\\)"], ["\\[", "\\]"], ["$$", "$$"], ["$", "$"]]) {
      if (t.startsWith(open) && t.endsWith(close) && t.length >= open.length + close.length) {
        t = t.slice(open.length, t.length - close.length);
        break;
      }
    }
    return convert(t).replace(/\s+/g, " ").trim();
  }

  window.bpnnTexToText = strip;

  function patch() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search.htmlToText.bpnn) return;
    const original = Search.htmlToText;
    const wrapped = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".math").forEach((el) => {
        const text = strip(el.textContent);
        el.replaceWith(doc.createTextNode(el.tagName === "DIV" ? " " + text + " " : text));
      });
      return original(doc.documentElement.outerHTML, anchor);
    };
    wrapped.bpnn = true;
    Search.htmlToText = wrapped;
  }

  patch();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", patch);
})();
