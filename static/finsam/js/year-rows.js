// Year rows that follow the period: when the start, the end or the total changes, the rows become the
// period's calendar years with the total spread by days (largest remainder, as projects/amounts.py does).
// Without JavaScript the "Fördela på åren" button asks the server for the same proposal.
(function () {
  "use strict";

  function isoDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  }

  function daysPerYear(start, end) {
    var days = [];
    var day = 86400000;
    for (var year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year++) {
      var first = Math.max(start, Date.UTC(year, 0, 1));
      var last = Math.min(end, Date.UTC(year, 11, 31));
      days.push({ year: year, days: Math.round((last - first) / day) + 1 });
    }
    return days;
  }

  function split(total, days) {
    var sum = days.reduce(function (acc, d) { return acc + d.days; }, 0);
    var parts = days.map(function (d, index) {
      var whole = Math.floor((total * d.days) / sum);
      return { year: d.year, amount: whole, rest: total * d.days - whole * sum, index: index };
    });
    var left = total - parts.reduce(function (acc, p) { return acc + p.amount; }, 0);
    parts.slice().sort(function (a, b) { return b.rest - a.rest || a.index - b.index; })
      .slice(0, left).forEach(function (p) { p.amount += 1; });
    return parts;
  }

  function rows(fieldset) {
    return fieldset.querySelectorAll("tbody tr");
  }

  function addRow(fieldset, prefix) {
    var all = rows(fieldset);
    var last = all[all.length - 1];
    var index = all.length;
    var copy = last.cloneNode(true);
    var pattern = new RegExp(prefix + "-\\d+-", "g");
    copy.querySelectorAll("[name], [id], [for]").forEach(function (element) {
      ["name", "id", "for"].forEach(function (attribute) {
        if (element.hasAttribute(attribute)) {
          element.setAttribute(attribute, element.getAttribute(attribute).replace(pattern, prefix + "-" + index + "-"));
        }
      });
    });
    copy.querySelectorAll(".invalid-feedback, .text-danger").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("input").forEach(function (input) {
      input.value = "";
      input.classList.remove("is-invalid");
    });
    last.parentNode.appendChild(copy);
    document.getElementById("id_" + prefix + "-TOTAL_FORMS").value = String(index + 1);
  }

  function follow(fieldset) {
    var prefix = fieldset.dataset.prefix;
    var start = isoDate(document.getElementById(fieldset.dataset.start).value);
    var end = isoDate(document.getElementById(fieldset.dataset.end).value);
    var total = Number(document.getElementById(fieldset.dataset.total).value.replace(/[\s\u00a0]/g, ""));
    if (isNaN(start) || isNaN(end) || end < start || !Number.isSafeInteger(total) || total < 0) {
      return;
    }
    var parts = split(total, daysPerYear(start, end));
    while (rows(fieldset).length < parts.length) {
      addRow(fieldset, prefix);
    }
    rows(fieldset).forEach(function (row, index) {
      var inputs = row.querySelectorAll("input");
      inputs[0].value = index < parts.length ? String(parts[index].year) : "";
      inputs[1].value = index < parts.length ? String(parts[index].amount) : "";
    });
  }

  document.querySelectorAll("fieldset[data-year-rows]").forEach(function (fieldset) {
    [fieldset.dataset.start, fieldset.dataset.end, fieldset.dataset.total].forEach(function (id) {
      var input = document.getElementById(id);
      if (input) {
        input.addEventListener("change", function () { follow(fieldset); });
      }
    });
  });
})();
