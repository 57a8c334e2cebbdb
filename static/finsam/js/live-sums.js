// Live sums for entry grids. The server renders every sum, so a page without JavaScript shows the
// sums of what was last saved or submitted; this only recomputes them as the user types.
//
// An element with data-sum="a b -c" shows the sum of the elements with those ids (a leading "-" subtracts).
// A term is an <input> (its typed whole number; when empty, its data-fallback-sum expression or its
// data-fallback number), another data-sum element, or any element with data-value.
(function () {
  "use strict";

  function parse(raw) {
    var text = raw.replace(/[\s\u00a0]/g, "").replace("\u2212", "-");
    return /^-?\d+$/.test(text) ? Number(text) : NaN;
  }

  function format(value) {
    if (isNaN(value)) {
      return "–";
    }
    var digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return value < 0 ? "\u2212" + digits : digits;
  }

  function evaluate(expression, memo) {
    var total = 0;
    expression.trim().split(/\s+/).forEach(function (term) {
      if (!term) {
        return;
      }
      var sign = term.charAt(0) === "-" ? -1 : 1;
      total += sign * valueOf(sign < 0 ? term.slice(1) : term, memo);
    });
    return total;
  }

  function valueOf(id, memo) {
    if (Object.prototype.hasOwnProperty.call(memo, id)) {
      return memo[id];
    }
    memo[id] = 0; // guards against a cycle in badly formed markup
    var element = document.getElementById(id);
    var value = 0;
    if (element === null) {
      value = 0;
    } else if (element.dataset.sum !== undefined) {
      value = evaluate(element.dataset.sum, memo);
    } else if (element.tagName === "INPUT") {
      if (element.value.trim() !== "") {
        value = parse(element.value);
      } else if (element.dataset.fallbackSum !== undefined) {
        value = evaluate(element.dataset.fallbackSum, memo);
      } else {
        value = Number(element.dataset.fallback || 0);
      }
    } else {
      value = Number(element.dataset.value || 0);
    }
    memo[id] = value;
    return value;
  }

  function update(root) {
    var memo = {};
    root.querySelectorAll("[data-sum]").forEach(function (output) {
      output.textContent = format(output.id ? valueOf(output.id, memo) : evaluate(output.dataset.sum, memo));
    });
  }

  document.querySelectorAll("form[data-live-sums]").forEach(function (form) {
    form.addEventListener("input", function () {
      update(form);
    });
    update(form);
  });
})();
