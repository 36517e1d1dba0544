// Console helpers. Nothing here is needed for a form to work: every page
// is plain HTML forms; this adds confirmations, copy buttons and the CSRF
// header for fetch() calls.
(function () {
  "use strict";

  // Forms with data-confirm ask before they submit (revoking a token,
  // resetting someone's second factor).
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) {
      ev.preventDefault();
    }
  });

  // Buttons with data-copy="#id" copy that element's text.
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("[data-copy]") : null;
    if (!b) return;
    var el = document.querySelector(b.dataset.copy);
    if (!el || !navigator.clipboard) return;
    var text = el.tagName === "OL" || el.tagName === "UL"
      ? Array.prototype.map.call(el.querySelectorAll("li"), function (li) { return li.textContent.trim(); }).join("\n")
      : el.textContent.trim();
    navigator.clipboard.writeText(text).then(function () {
      var old = b.textContent;
      b.textContent = "✓";
      setTimeout(function () { b.textContent = old; }, 1500);
    });
  });

  // consoleFetch is fetch() with the session's CSRF token, for console
  // pages that change state without a form post.
  var meta = document.querySelector('meta[name="csrf-token"]');
  window.consoleFetch = function (url, opts) {
    opts = opts || {};
    opts.credentials = "same-origin";
    opts.headers = new Headers(opts.headers || {});
    if (meta) opts.headers.set("X-CSRF-Token", meta.content);
    return fetch(url, opts);
  };
})();
