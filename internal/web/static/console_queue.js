// The queue and request pages work as plain HTML; this adds live updates
// (Server-Sent Events), the S1 alert (banner, tab title, sound), ticking
// SLA clocks, macro and article insertion, the reply preview and keyboard
// shortcuts.
(function () {
  "use strict";

  var page = document.getElementById("queue-page") || document.getElementById("ticket-page");
  if (!page) return;
  var isQueue = page.id === "queue-page";
  var ticketID = page.dataset.ticket || "";

  function fmt(s) {
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    return String(s || "").replace(/%[ds]/g, function () { return i < args.length ? String(args[i++]) : ""; });
  }

  // ---- SLA clocks ---------------------------------------------------------
  function duration(ms) {
    var m = Math.max(0, Math.floor(ms / 60000));
    if (m < 60) return fmt(page.dataset.fmtMinutes, m);
    if (m < 48 * 60) return fmt(page.dataset.fmtHours, Math.floor(m / 60), m % 60);
    return fmt(page.dataset.fmtDays, Math.floor(m / 1440), Math.floor(m / 60) % 24);
  }
  var clockStates = ["clock-ok", "clock-soon", "clock-breached"];
  function tickClocks(root) {
    var now = Date.now();
    (root || document).querySelectorAll(".q-clock[data-due]").forEach(function (el) {
      var due = +el.dataset.due, start = +el.dataset.start;
      if (!due || +el.dataset.answered) return;
      var left = due - now, state = "clock-ok";
      if (left < 0) state = "clock-breached";
      else if (due > start && left < 0.25 * (due - start)) state = "clock-soon";
      el.textContent = left < 0 ? fmt(page.dataset.fmtOverdue, duration(-left)) : fmt(page.dataset.fmtDue, duration(left));
      var row = el.closest(".q-row");
      [el, row].forEach(function (n) {
        if (!n) return;
        clockStates.forEach(function (c) { n.classList.toggle(c, c === state); });
      });
    });
  }
  setInterval(tickClocks, 30000);

  // ---- S1 alert: banner until acknowledged, tab title, sound -------------
  var store = window.sessionStorage;
  function load(key, def) {
    try { return JSON.parse(store.getItem(key)) || def; } catch (e) { return def; }
  }
  function save(key, v) { try { store.setItem(key, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  var alerted = load("wd.s1.alerted", {});
  var pending = load("wd.s1.pending", []);
  var banner = document.getElementById("s1-alert");
  var bannerList = document.getElementById("s1-alert-list");
  var baseTitle = document.title;
  var flash = null;

  function showBanner() {
    if (!banner) return;
    bannerList.textContent = "";
    pending.forEach(function (p, i) {
      if (i) bannerList.appendChild(document.createTextNode(" · "));
      var a = document.createElement("a");
      a.href = "/console/tickets/" + p.id;
      a.textContent = "#" + p.id + " " + p.subject;
      bannerList.appendChild(a);
    });
    banner.hidden = pending.length === 0;
    if (pending.length && !flash) {
      var on = false;
      flash = setInterval(function () {
        on = !on;
        document.title = on ? fmt(page.dataset.s1Title, pending.length) : baseTitle;
      }, 1000);
    }
    if (!pending.length && flash) {
      clearInterval(flash);
      flash = null;
      document.title = baseTitle;
    }
  }
  if (banner) {
    document.getElementById("s1-ack").addEventListener("click", function () {
      pending = [];
      save("wd.s1.pending", pending);
      showBanner();
    });
  }

  // Browsers let a page play sound only after the user has interacted with
  // it: the audio context is created (or resumed) on the first click or key.
  var audio = null;
  function unlockAudio() {
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return;
    if (!audio) audio = new AC();
    if (audio.state === "suspended") audio.resume();
  }
  document.addEventListener("click", unlockAudio, { once: true });
  document.addEventListener("keydown", unlockAudio, { once: true });
  function chime() {
    if (!audio || audio.state !== "running") return;
    var t = audio.currentTime;
    [0, 0.35, 0.7].forEach(function (d, i) {
      var o = audio.createOscillator(), g = audio.createGain();
      o.type = "sine";
      o.frequency.value = i === 1 ? 660 : 880;
      g.gain.setValueAtTime(0.0001, t + d);
      g.gain.exponentialRampToValueAtTime(0.35, t + d + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + d + 0.3);
      o.connect(g);
      g.connect(audio.destination);
      o.start(t + d);
      o.stop(t + d + 0.32);
    });
  }

  function raise(row) {
    if (alerted[row.id]) return;
    alerted[row.id] = Date.now();
    save("wd.s1.alerted", alerted);
    pending.push({ id: row.id, subject: row.subject });
    save("wd.s1.pending", pending);
    showBanner();
    chime();
  }
  showBanner();

  // ---- Queue rows ----------------------------------------------------------
  var list = document.getElementById("queue-list");
  function keyOf(el) { return (el.dataset.key || "0.0.0").split(".").map(Number); }
  function less(a, b) {
    for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }
  function parseRow(html) {
    var t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }
  function removeRow(id) {
    var old = document.getElementById("t" + id);
    if (old && old.parentNode === list) old.remove();
  }
  function upsertRow(row) {
    var el = parseRow(row.html);
    if (!el || !list) return;
    var old = document.getElementById("t" + row.id);
    var wasCurrent = old && old.classList.contains("q-current");
    if (old) old.remove();
    var key = keyOf(el), rows = list.querySelectorAll(".q-row");
    // Rows that sort after the last one shown belong to a later page.
    if (page.dataset.more === "true" && rows.length && less(keyOf(rows[rows.length - 1]), key)) return;
    var before = null;
    for (var i = 0; i < rows.length; i++) {
      if (less(key, keyOf(rows[i]))) { before = rows[i]; break; }
    }
    list.insertBefore(el, before);
    if (wasCurrent) el.classList.add("q-current");
    if (!old) {
      el.classList.add("q-new");
      setTimeout(function () { el.classList.remove("q-new"); }, 8000);
    }
    var empty = document.getElementById("queue-empty");
    if (empty) empty.hidden = true;
    tickClocks(el);
  }
  var notice = document.getElementById("q-notice");
  function showNotice(text) {
    if (!notice) return;
    var t = document.getElementById("q-notice-text");
    t.textContent = text || t.dataset.text;
    notice.hidden = false;
  }
  var refresh = document.getElementById("q-refresh");
  if (refresh) refresh.addEventListener("click", function (ev) { ev.preventDefault(); location.reload(); });

  // ---- Live updates --------------------------------------------------------
  var state = document.getElementById("live-state");
  function liveState(text, reload) {
    if (!state) return;
    state.textContent = text + " ";
    if (reload) {
      var a = document.createElement("a");
      a.href = location.href;
      a.textContent = state.dataset.reload;
      state.appendChild(a);
    }
    state.hidden = false;
  }
  var shownUpdated = +(page.dataset.updated || 0);
  function onQueue(ev) {
    var msg;
    try { msg = JSON.parse(ev.data); } catch (e) { return; }
    if (msg.reload) {
      if (isQueue) showNotice(); else liveState(state.dataset.reload, true);
    }
    (msg.rows || []).forEach(function (row) {
      if (row.alert) raise(row);
      if (isQueue) {
        if (row.match === "yes") upsertRow(row);
        else if (row.match === "no") removeRow(row.id);
        else if (document.getElementById("t" + row.id)) upsertRow(row);
        else showNotice();
      } else if (String(row.id) === ticketID && row.updated > shownUpdated) {
        liveState(page.dataset.changed, true);
      }
    });
  }
  if (window.EventSource && page.dataset.live) {
    var es = new EventSource(page.dataset.live);
    es.addEventListener("queue", onQueue);
    es.addEventListener("open", function () { if (state && !state.querySelector("a")) state.hidden = true; });
    es.onerror = function () {
      // A closed stream (signed out, server gone) does not come back by itself.
      if (es.readyState === EventSource.CLOSED) liveState(state.dataset.paused, true);
    };
    window.addEventListener("pagehide", function () { es.close(); });
  }

  // ---- Request page --------------------------------------------------------
  var body = document.getElementById("reply-body");
  var replyForm = document.getElementById("reply-form");
  function insertText(text) {
    if (!body) return;
    var s = body.selectionStart, e = body.selectionEnd, v = body.value;
    if (typeof s !== "number") { s = e = v.length; }
    var pre = v.slice(0, s), sep = pre && !/\s$/.test(pre) ? " " : "";
    body.value = pre + sep + text + v.slice(e);
    var at = (pre + sep + text).length;
    body.focus();
    body.setSelectionRange(at, at);
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  document.querySelectorAll("[data-insert]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { insertText(b.dataset.insert); });
  });
  var macroForm = document.getElementById("macro-form");
  if (macroForm && window.consoleFetch) {
    macroForm.addEventListener("submit", function (ev) {
      var pick = document.getElementById("macro-pick");
      if (!pick.value) { ev.preventDefault(); return; }
      ev.preventDefault();
      consoleFetch("/console/api/tickets/" + macroForm.dataset.ticket + "/macros/" + encodeURIComponent(pick.value))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (m) {
          if (body.value.trim() === "") { body.value = m.body; body.focus(); } else { insertText(m.body); }
          body.dispatchEvent(new Event("input", { bubbles: true }));
        })
        .catch(function () { macroForm.submit(); });
    });
  }
  function setKind(kind) {
    var r = document.getElementById("kind-" + kind);
    if (!r || r.disabled) return false;
    r.checked = true;
    r.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }
  if (replyForm) {
    var send = document.getElementById("reply-send");
    var syncKind = function () {
      var note = document.getElementById("kind-note");
      var isNote = !!(note && note.checked);
      replyForm.classList.toggle("is-note", isNote);
      if (send) send.textContent = isNote ? send.dataset.note : send.dataset.reply;
    };
    replyForm.addEventListener("change", syncKind);
    syncKind();
    var prevBtn = document.getElementById("reply-preview-button");
    if (prevBtn && window.consoleFetch) {
      prevBtn.addEventListener("click", function (ev) {
        ev.preventDefault();
        var data = new URLSearchParams();
        data.set("body", body.value);
        consoleFetch("/console/api/tickets/" + ticketID + "/preview", { method: "POST", body: data })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (p) {
            document.getElementById("reply-preview-body").innerHTML = p.html;
            document.getElementById("reply-preview").hidden = false;
          })
          .catch(function () { replyForm.requestSubmit(prevBtn); });
      });
    }
  }

  // ---- Keyboard ------------------------------------------------------------
  var help = document.getElementById("kbd-help");
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = !show;
    if (show) document.getElementById("kbd-close").focus();
  }
  document.querySelectorAll("[data-kbd-help]").forEach(function (b) {
    b.addEventListener("click", function () { toggleHelp(true); });
  });
  var closeBtn = document.getElementById("kbd-close");
  if (closeBtn) closeBtn.addEventListener("click", function () { toggleHelp(false); });

  var current = -1;
  function rows() { return list ? list.querySelectorAll(".q-row") : []; }
  function select(i) {
    var rs = rows();
    if (!rs.length) return;
    current = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r, j) { r.classList.toggle("q-current", j === current); });
    var link = rs[current].querySelector(".q-link");
    link.focus();
    rs[current].scrollIntoView({ block: "nearest" });
  }
  function currentRow() {
    var rs = rows(), el = document.activeElement && document.activeElement.closest && document.activeElement.closest(".q-row");
    return el || rs[current] || null;
  }
  var messages = document.querySelectorAll(".t-msg"), msgAt = messages.length;
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && help && !help.hidden) { toggleHelp(false); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var k = ev.key, handled = true;
    if (k === "?") toggleHelp(!help || help.hidden);
    else if (isQueue && k === "j") select(current + 1);
    else if (isQueue && k === "k") select(current - 1);
    else if (isQueue && (k === "o" || k === "Enter")) {
      // Enter on a button or link elsewhere keeps its own meaning.
      var act = document.activeElement;
      if (k === "Enter" && act && act !== document.body && !(list && list.contains(act))) return;
      var r = currentRow();
      if (r) location.href = r.querySelector(".q-link").href; else handled = false;
    } else if (isQueue && k === "/") document.getElementById("queue-q").focus();
    else if (isQueue && k === "a") {
      var row = currentRow();
      if (!row || !window.consoleFetch) { handled = false; } else {
        var form = new URLSearchParams();
        form.set("assignee", "me");
        consoleFetch("/console/tickets/" + row.dataset.id + "/assign", { method: "POST", body: form, headers: { "X-Requested-With": "fetch" } })
          .then(function (r) { if (r.ok) row.classList.add("q-mine"); });
      }
    } else if (!isQueue && (k === "j" || k === "k")) {
      if (!messages.length) { handled = false; } else {
        msgAt = Math.max(0, Math.min(messages.length - 1, msgAt + (k === "j" ? 1 : -1)));
        messages[msgAt].scrollIntoView({ block: "start" });
      }
    } else if (!isQueue && k === "r") { if (setKind("reply") || body) body.focus(); }
    else if (!isQueue && k === "n") { if (setKind("note")) body.focus(); else handled = false; }
    else if (!isQueue && k === "m") {
      var pick = document.getElementById("macro-pick");
      if (pick) pick.focus(); else handled = false;
    } else if (!isQueue && k === "a") {
      var me = document.getElementById("assign-me");
      if (me) me.click(); else handled = false;
    } else if (!isQueue && k === "s") {
      var st = document.getElementById("status-pick");
      if (st) st.focus(); else handled = false;
    } else if (!isQueue && k === "u") location.href = "/console/";
    else handled = false;
    if (handled) ev.preventDefault();
  });
})();
