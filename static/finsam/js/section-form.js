// The plan section form: only the fields of the chosen kind are shown, and the Markdown is previewed as the
// plan renders it (the server sanitises it; this only asks and shows). Without JavaScript the server shows
// the fields of the saved kind and the preview of the saved text.
(function () {
  "use strict";

  document.querySelectorAll("form[data-section-form]").forEach(function (form) {
    var groups = form.querySelectorAll("[data-kind-group]");
    form.querySelectorAll("input[name$='kind']").forEach(function (radio) {
      radio.addEventListener("change", function () {
        groups.forEach(function (group) {
          group.hidden = group.dataset.kindGroup !== radio.value;
        });
      });
    });

    var body = form.querySelector("textarea[name$='body']");
    var preview = form.querySelector("#section-preview");
    if (!body || !preview) {
      return;
    }
    var timer = null;
    var sent = 0;
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var data = new FormData();
        data.append("body", body.value);
        data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
        var number = ++sent;
        fetch(form.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
          .then(function (html) {
            if (number === sent) {
              preview.innerHTML = html; // sanitised by the server (nh3), the same HTML the plan shows
            }
          })
          .catch(function () {});
      }, 300);
    });
  });
})();
