// walletdesk help center: progressive enhancement only. Every feature here
// also works without JavaScript (the search form submits, the feedback
// form posts); this file makes them faster.
(function () {
  "use strict";

  // As-you-type suggestions under every search box that asks for them.
  function initSuggest(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var endpoint = input.getAttribute("data-suggest");
    var locale = input.getAttribute("data-locale");
    var timer = null, seq = 0, active = -1;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }
    function show(items) {
      list.innerHTML = "";
      items.forEach(function (s, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = "sugg-" + i;
        var a = document.createElement("a");
        a.href = s.url;
        a.textContent = s.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }
    function fetchNow() {
      var q = input.value.trim();
      // Two CJK characters already name something (转账, 送金); Latin needs three.
      var min = /[\u3040-\u30ff\u3400-\u9fff]/.test(q) ? 2 : 3;
      if (q.length < min) { close(); return; }
      var my = ++seq;
      fetch(endpoint + "?locale=" + encodeURIComponent(locale) + "&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (d) { if (my === seq) show(d.suggestions || []); })
        .catch(function () { /* offline or rate limited: the form still works */ });
    }
    function move(delta) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      if (active >= 0) items[active].removeAttribute("aria-selected");
      active = (active + delta + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchNow, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        var a = list.querySelectorAll("li a")[active];
        if (a) { window.location.href = a.href; e.preventDefault(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  // "Was this helpful?": vote and comment without leaving the page.
  function initFeedback(box) {
    var form = box.querySelector("form");
    var thanks = box.querySelector(".thanks");
    if (!form || !thanks) return;
    form.addEventListener("submit", function (e) {
      var btn = e.submitter;
      if (!btn || !btn.getAttribute("data-vote")) return;
      e.preventDefault();
      var helpful = btn.getAttribute("data-vote") === "yes";
      var comment = form.querySelector("textarea");
      fetch(box.getAttribute("data-feedback"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ locale: box.getAttribute("data-locale"), helpful: helpful, comment: comment ? comment.value : "" })
      }).then(function (r) {
        if (!r.ok) return r.json().then(function (d) { throw new Error(d.error && d.error.message); });
        form.hidden = true;
        thanks.textContent = thanks.getAttribute(helpful ? "data-thanks-yes" : "data-thanks-no");
        thanks.hidden = false;
        thanks.setAttribute("data-voted", helpful ? "yes" : "no");
      }).catch(function (err) {
        thanks.textContent = (err && err.message) || "";
        thanks.hidden = !thanks.textContent;
      });
    });
  }

  // Request form: while the requester types, show the articles that most
  // likely answer (deflection; a click is counted) and, when the text reads
  // as an emergency, the first safety steps. Nothing is stored until submit.
  function initRequestForm(form) {
    var endpoint = form.getAttribute("data-triage");
    var deflectURL = form.getAttribute("data-deflect");
    var locale = form.getAttribute("data-locale");
    var subject = form.querySelector("#subject"), body = form.querySelector("#body");
    var category = form.querySelector("#category");
    var box = document.getElementById("deflect"), list = document.getElementById("deflect-list");
    var banner = document.getElementById("emergency"), exposed = document.getElementById("exposed-note");
    var timer = null, seq = 0, last = "";
    function update() {
      var text = subject.value.trim() + "\n" + body.value.trim();
      if (text.length < 12 || text === last) return;
      last = text;
      var my = ++seq;
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ subject: subject.value, body: body.value, locale: locale, category: category ? category.value : "" })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
        if (!d || my !== seq) return;
        banner.hidden = !d.emergency;
        exposed.hidden = !(d.redacted && d.redacted.length);
        list.innerHTML = "";
        (d.suggested_articles || []).forEach(function (a) {
          var li = document.createElement("li"), link = document.createElement("a");
          link.href = a.url; link.textContent = a.title; link.target = "_blank"; link.rel = "noopener";
          link.setAttribute("data-slug", a.slug);
          link.addEventListener("click", function () {
            var payload = JSON.stringify({ slug: a.slug, locale: locale });
            if (navigator.sendBeacon) {
              navigator.sendBeacon(deflectURL, new Blob([payload], { type: "application/json" }));
            } else {
              fetch(deflectURL, { method: "POST", headers: { "Content-Type": "application/json" }, body: payload, keepalive: true });
            }
          });
          li.appendChild(link);
          list.appendChild(li);
        });
        box.hidden = list.children.length === 0;
      }).catch(function () { /* the form still works without this */ });
    }
    function schedule() { clearTimeout(timer); timer = setTimeout(update, 400); }
    subject.addEventListener("input", schedule);
    body.addEventListener("input", schedule);
    if (category) category.addEventListener("change", function () { last = ""; schedule(); });
    if (subject.value || body.value) schedule();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(initSuggest);
    document.querySelectorAll("[data-feedback]").forEach(initFeedback);
    document.querySelectorAll("form[data-triage]").forEach(initRequestForm);
  });
})();
