// Article editor: live preview, confirmations on buttons, shortcuts.
// The editor works without this file: "Preview" posts the form and the
// server renders the page with the preview.
(function () {
  "use strict";

  var form = document.getElementById("article-form");

  // Buttons with data-confirm (unpublish) ask first; console.js does the
  // same for whole forms.
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button[data-confirm]") : null;
    if (b && !window.confirm(b.dataset.confirm)) {
      ev.preventDefault();
    }
  });

  if (!form || !window.consoleFetch) return;
  var body = form.querySelector("#body");
  var preview = document.getElementById("preview");
  var locale = form.querySelector("[name=locale]");
  if (!body || !preview) return;

  var timer = null;
  var seq = 0;

  // The server renders and sanitizes exactly as for readers; the fragment
  // it returns is safe to insert.
  function refresh() {
    var mine = ++seq;
    var data = new URLSearchParams();
    data.set("body", body.value);
    data.set("locale", locale ? locale.value : "en");
    preview.setAttribute("aria-busy", "true");
    window.consoleFetch("/console/articles/preview", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString()
    }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }).then(function (html) {
      if (mine !== seq) return; // a newer preview is on its way
      if (html.trim()) {
        preview.innerHTML = html;
      } else {
        preview.textContent = preview.dataset.empty || "";
      }
      preview.removeAttribute("aria-busy");
    }).catch(function () {
      preview.removeAttribute("aria-busy");
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  body.addEventListener("input", later);
  if (locale) locale.addEventListener("change", later);
  refresh();

  // With the live preview, the Preview button only refreshes it.
  var pb = document.getElementById("preview-button");
  if (pb) {
    pb.addEventListener("click", function (ev) {
      ev.preventDefault();
      refresh();
      preview.scrollIntoView({ block: "nearest" });
    });
  }

  // Ctrl/Cmd+S saves a draft; Ctrl/Cmd+Enter refreshes the preview.
  document.addEventListener("keydown", function (ev) {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    if (ev.key === "s" || ev.key === "S") {
      ev.preventDefault();
      var save = document.getElementById("save-draft");
      if (save) save.click();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      refresh();
    }
  });

  // Leaving with unsaved text asks first.
  var initial = body.value;
  var submitting = false;
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (ev) {
    if (!submitting && body.value !== initial) {
      ev.preventDefault();
      ev.returnValue = "";
    }
  });
})();
