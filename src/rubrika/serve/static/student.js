/* Rubrika student page: live feedback on a draft. The draft stays in this browser
   (localStorage); the server only checks it. All essay text reaches the page through
   textContent / text nodes, never as HTML.
   The page decides nothing about the essay: /api/feedback gives the view of the checked essay
   that the report and `rubrika check` lay out too (warnings and notes, statuses and their
   reasons, next steps, numbers already written in the page's language, the stretches to
   highlight), and this script only lays it out. */
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("strings").textContent);
  var LANG = document.documentElement.lang || "id";
  var DRAFT_KEY = "rubrika.draft", RUBRIC_KEY = "rubrika.rubric", NAME_KEY = "rubrika.name";
  var KEPT_KEY = "rubrika.draft.kept", KEPT_NAME_KEY = "rubrika.name.kept";  // a typed draft a file replaced
  var STUDENT_KEY = "rubrika.student";  // the name the report carries
  var nameInput = document.getElementById("name"), nameAsk = document.getElementById("name-ask");
  var restoreButton = document.getElementById("restore"), keptBox = document.getElementById("kept");
  var DEBOUNCE_MS = 600;
  var draft = document.getElementById("draft");
  var backdrop = document.getElementById("backdrop");
  var rubric = document.getElementById("rubric");
  var fileInput = document.getElementById("file");
  var feedback = document.getElementById("feedback");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var fileErrorEl = document.getElementById("file-error");
  var bar = document.getElementById("summary-bar");
  var barMessage = document.getElementById("bar-message");
  var shownStatus = null;  // each concept's status at the last feedback: what changed is the newest message
  var EMPTY = feedback.textContent.trim();
  var timer = null, seq = 0, controller = null, lastChecked = null;
  var lastPainted = null, lastSpans = [];

  function fmt(s, params) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in params ? String(params[k]) : m; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function store(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function setStatus(msg) { statusEl.textContent = msg || ""; }
  function showError(msg, code) {
    errorEl.textContent = msg || "";
    errorEl.hidden = !msg;
    if (code) errorEl.dataset.code = code; else delete errorEl.dataset.code;
  }

  function showFileError(msg, code) {  // next to the file field, where the student just acted
    fileErrorEl.textContent = msg || "";
    fileErrorEl.hidden = !msg;
    if (code) fileErrorEl.dataset.code = code; else delete fileErrorEl.dataset.code;
  }

  /* The summary bar: the score and the newest message, kept in view above the draft. */
  var RANK = {missing: 0, partial: 1, found: 2};
  function updateBar(v) {
    var status = {}, changed = null;
    v.criteria.forEach(function (c) {
      c.concepts.forEach(function (k) {
        status[k.id] = k.status;
        if (shownStatus && shownStatus[k.id] && shownStatus[k.id] !== k.status &&
            (!changed || RANK[k.status] > RANK[changed.status])) changed = k;  // a gain first
      });
    });
    var message;
    if (changed) message = fmt(S.bar_now, {status: changed.status_text, label: changed.label});
    else if (shownStatus && barMessage.textContent) message = barMessage.textContent;  // nothing new: keep the last
    else if (v.warnings.length) message = "⚠ " + v.warnings[0].label;
    else if (v.next_steps.length) message = fmt(S.bar_next, {label: v.next_steps[0].label});
    else message = "";
    shownStatus = status;
    document.getElementById("bar-total").textContent = v.score;
    document.getElementById("bar-grade").textContent = v.grade;
    barMessage.textContent = message;
    bar.hidden = false;
  }
  function hideBar() { bar.hidden = true; shownStatus = null; barMessage.textContent = ""; }

  /* Python counts characters as code points; JavaScript strings count UTF-16 units. */
  function offsetMap(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return null;
    var map = [], i = 0;
    for (var u = 0; u < text.length; u++) {
      var c = text.charCodeAt(u);
      map.push(u);
      if (c >= 0xD800 && c <= 0xDBFF && u + 1 < text.length) u++;
      i++;
    }
    map.push(text.length);
    return map;
  }

  /* The view's highlights ({start, end, concepts}, in code points) in UTF-16 offsets. */
  function spansOf(highlights, text) {
    var map = offsetMap(text);
    var conv = function (i) { return map ? map[Math.min(i, map.length - 1)] : Math.min(i, text.length); };
    return (highlights || []).map(function (h) { return {start: conv(h.start), end: conv(h.end), concepts: h.concepts}; })
      .filter(function (h) { return h.end > h.start; });
  }

  function paintBackdrop(text, spans) {
    lastPainted = text;
    lastSpans = spans || [];
    backdrop.textContent = "";
    var at = 0;
    (spans || []).forEach(function (s) {
      if (s.start > at) backdrop.appendChild(document.createTextNode(text.slice(at, s.start)));
      var mark = el("mark", {text: text.slice(s.start, s.end)});
      mark.dataset.concepts = " " + s.concepts.join(" ") + " ";
      mark.dataset.start = s.start;
      backdrop.appendChild(mark);
      at = s.end;
    });
    backdrop.appendChild(document.createTextNode(text.slice(at) + "\n"));
    backdrop.scrollTop = draft.scrollTop;
  }

  function showConcept(conceptId) {
    if (draft.value !== lastChecked) return;
    var marks = backdrop.querySelectorAll("mark");
    var target = null;
    marks.forEach(function (m) {
      var on = m.dataset.concepts.indexOf(" " + conceptId + " ") >= 0;
      m.classList.toggle("active", on);
      if (on && !target) target = m;
    });
    if (!target) return;
    var start = Number(target.dataset.start);
    draft.focus({preventScroll: true});
    draft.setSelectionRange(start, start + target.textContent.length);
    draft.scrollTop = Math.max(0, target.offsetTop - draft.clientHeight / 3);
    backdrop.scrollTop = draft.scrollTop;
    draft.scrollIntoView({block: "nearest"});
  }

  function advisory(a, className, prefix) {
    var p = el("p", {className: className}, [el("strong", {text: prefix}), " " + a.message]);
    p.dataset.code = a.code;
    return p;
  }

  function render(data, text) {
    var v = data.view;
    feedback.textContent = "";
    if (v.warnings.length) {  // they question the score: above it
      var warnings = el("section", {id: "warnings", className: "warnings", "aria-label": S.warnings_label});
      v.warnings.forEach(function (a) { warnings.appendChild(advisory(a, "warning", S.warning + ": " + a.label + ".")); });
      feedback.appendChild(warnings);
    }
    var gradeLabel = v.grade_label ? " · " + v.grade_label : "";
    feedback.appendChild(el("div", {className: "score" + (v.warnings.length ? " flagged" : "")}, [
      el("div", null, [el("span", {className: "big", id: "total", text: v.score}), el("span", {className: "meta", text: "/100 " + S.total})]),
      el("div", null, [el("span", {className: "grade", id: "grade", text: v.grade}), el("span", {className: "meta", text: " " + S.grade + gradeLabel})]),
      el("div", {className: "meta", text: fmt(S.words, {words: v.words, sentences: v.sentences})}),
      v.warnings.length ? el("p", {className: "flag-note", text: S.score_flagged}) : null
    ]));
    if (v.notes.length) {
      var notes = el("section", {id: "notes", "aria-label": S.advisories});
      v.notes.forEach(function (a) { notes.appendChild(advisory(a, "note", S.note + ":")); });
      feedback.appendChild(notes);
    }
    if (v.next_steps.length) {
      var ol = el("ol", {className: "steps"});
      v.next_steps.forEach(function (s) {
        if (!s.concept_id) {  // a step for the whole essay: write on the topic, in your own words
          ol.appendChild(el("li", null, [el("strong", {text: s.label}), s.feedback ? el("span", {className: "advice", text: s.feedback}) : null]));
          return;
        }
        var b = el("button", {type: "button", className: "concept-link", text: s.label});
        b.addEventListener("click", function () { var li = document.getElementById("k-" + s.concept_id); if (li) { li.scrollIntoView({block: "center"}); li.querySelector("button, .label").focus(); } });
        ol.appendChild(el("li", null, [b, " (" + s.criterion + ") " + s.gain]));
      });
      feedback.appendChild(el("section", {id: "next-steps"}, [el("h3", {text: S.next}), ol]));
    }
    var crit = el("section", {id: "criteria", "aria-label": S.criteria});
    v.criteria.forEach(function (c) {
      var ul = el("ul", {className: "concepts"});
      c.concepts.forEach(function (k) {
        var label = k.status === "missing"
          ? el("strong", {className: "label", tabindex: "-1", text: k.label})
          : el("button", {type: "button", className: "concept-link label", title: S.show, text: k.label});
        if (k.status !== "missing") label.addEventListener("click", function () { showConcept(k.id); });
        ul.appendChild(el("li", {id: "k-" + k.id, className: "s-" + k.status}, [
          el("span", {className: "st " + k.status, text: k.symbol + " " + k.status_text + ": "}), label,
          k.reason ? el("span", {className: "reason", text: " (" + k.reason + ")"}) : null,
          k.feedback ? el("span", {className: "advice", text: k.feedback}) : null,
          k.terms ? el("span", {className: "advice meta", text: S.terms + ": " + k.terms}) : null
        ]));
      });
      crit.appendChild(el("article", {className: "criterion", id: "c-" + c.id}, [
        el("header", null, [el("h3", {text: c.title}), el("span", {className: "points", text: c.points + "/" + c.weight + " " + S.points + " · " + c.level})]),
        el("p", {text: c.feedback}), ul
      ]));
    });
    feedback.appendChild(crit);
    updateBar(v);
    paintBackdrop(text, spansOf(v.highlights, text));
  }

  function showEmpty(text) {
    feedback.textContent = "";
    feedback.appendChild(el("p", {className: "meta", text: EMPTY}));
    hideBar();
    paintBackdrop(text, []);
    lastChecked = text;
    setStatus("");
  }

  function errorMessage(res, body) {
    if (body && body.error && body.error.message) return body.error.message;
    return S.offline + " (" + res.status + ")";
  }

  function payload(text) {
    var body = {text: text, rubric: rubric.value, lang: LANG}, name = nameInput.value.trim() || load(NAME_KEY);
    if (name) body.name = name;  // the student's name, or the opened file's name, names the report
    return body;
  }

  function check() {
    var text = draft.value;
    if (text === "") { showEmpty(text); showError(""); return; }  // nothing to check; any other text is the server's to judge
    var mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    setStatus(S.checking);
    fetch("/api/feedback?lang=" + LANG, {method: "POST", headers: {"Content-Type": "application/json"}, credentials: "same-origin",
      body: JSON.stringify(payload(text)), signal: controller.signal})
      .then(function (res) { return res.json().catch(function () { return null; }).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        if (mine !== seq) return;
        var res = pair[0], body = pair[1];
        if (!res.ok) {
          var code = body && body.error ? body.error.code : null;
          if (code === "empty") showEmpty(text);  // white space or invisible characters only
          showError(errorMessage(res, body), code);
          setStatus("");
          if (res.status === 429 || res.status === 503) {  // busy or too fast: try again by itself
            var wait = Math.min(30, Math.max(1, Number(res.headers.get("Retry-After")) || 2));
            clearTimeout(timer);
            timer = setTimeout(check, wait * 1000);
          }
          return;
        }
        showError("");
        lastChecked = text;
        render(body, text);
        setStatus(S.updated);
      })
      .catch(function (e) { if (e.name !== "AbortError" && mine === seq) { showError(S.offline); setStatus(""); } });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  /* While the student types, the highlights before and after the edit move with their words;
     those the edit touched wait for the next feedback. */
  function carriedSpans(oldText, newText, spans) {
    if (oldText == null || !spans) return [];
    var p = 0, max = Math.min(oldText.length, newText.length);
    while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
    var q = 0;
    while (q < max - p && oldText.charCodeAt(oldText.length - 1 - q) === newText.charCodeAt(newText.length - 1 - q)) q++;
    var delta = newText.length - oldText.length, tail = oldText.length - q;
    return spans.filter(function (sp) { return sp.end <= p || sp.start >= tail; })
      .map(function (sp) { return sp.end <= p ? sp : {start: sp.start + delta, end: sp.end + delta, concepts: sp.concepts}; });
  }

  draft.addEventListener("input", function () {
    store(DRAFT_KEY, draft.value);
    lastSpans = carriedSpans(lastPainted, draft.value, lastSpans);
    paintBackdrop(draft.value, lastSpans);
    schedule();
  });
  draft.addEventListener("scroll", function () { backdrop.scrollTop = draft.scrollTop; });
  function showChosen() {  // the chosen rubric in full under the select, which cuts a long title
    var chosen = document.getElementById("rubric-chosen");
    if (chosen && rubric.selectedIndex >= 0) chosen.textContent = rubric.options[rubric.selectedIndex].textContent;
  }
  rubric.addEventListener("change", function () { store(RUBRIC_KEY, rubric.value); showChosen(); check(); });

  fileInput.addEventListener("change", function () {
    var f = fileInput.files && fileInput.files[0];
    if (!f) return;
    var form = new FormData();
    form.append("file", f);
    form.append("rubric", rubric.value);
    form.append("lang", LANG);
    setStatus(S.opening);
    var mine = ++seq;
    fetch("/api/feedback?lang=" + LANG, {method: "POST", body: form, credentials: "same-origin"})
      .then(function (res) { return res.json().catch(function () { return null; }).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        fileInput.value = "";
        if (!res.ok) { showFileError(errorMessage(res, body), body && body.error ? body.error.code : null); setStatus(""); return; }
        if (mine !== seq) return;
        showError("");
        showFileError("");
        shownStatus = null;  // another text: nothing to compare with
        var kept = draft.value.trim() && draft.value !== body.text;
        if (kept) {  // never lose a typed draft to a file: keep it, one click restores it
          store(KEPT_KEY, draft.value);
          store(KEPT_NAME_KEY, load(NAME_KEY));
          keptBox.hidden = false;
        }
        draft.value = body.text;
        store(DRAFT_KEY, body.text);
        store(NAME_KEY, body.file);
        if (body.view && body.view.student) { nameInput.value = body.view.student; store(STUDENT_KEY, body.view.student); }
        lastChecked = body.text;
        render(body, body.text);
        setStatus(fmt(S.opened, {name: body.file}));
      })
      .catch(function () { showFileError(S.offline); setStatus(""); });
  });

  function reportFile(name) {  // "umpan-balik-Budi-Santoso.html": letters of any script kept
    var stem = name.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^[-.]+|-+$/g, "").slice(0, 80);
    return fmt(S.report_file, {name: stem || "esai"});
  }

  nameInput.addEventListener("input", function () { store(STUDENT_KEY, nameInput.value); nameAsk.hidden = true; });

  document.getElementById("download").addEventListener("click", function () {
    var text = draft.value;
    var name = nameInput.value.trim();
    if (!name) {  // a report with no name is lost among a class's downloads: ask for it first
      nameAsk.textContent = S.ask_name;
      nameAsk.hidden = false;
      nameInput.focus();
      return;
    }
    nameAsk.hidden = true;
    setStatus(S.downloading);
    fetch("/api/report?lang=" + LANG, {method: "POST", headers: {"Content-Type": "application/json"}, credentials: "same-origin",
      body: JSON.stringify(payload(text))})
      .then(function (res) {
        if (!res.ok) return res.json().catch(function () { return null; }).then(function (body) { showError(errorMessage(res, body)); setStatus(""); });
        return res.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var a = el("a", {href: url, download: reportFile(name)});
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
          showError("");
          setStatus("");
        });
      })
      .catch(function () { showError(S.offline); setStatus(""); });
  });

  document.getElementById("clear").addEventListener("click", function () {
    if (draft.value.trim() && !window.confirm(S.ask_clear)) return;
    draft.value = "";
    store(DRAFT_KEY, null);
    store(NAME_KEY, null);
    check();
    setStatus(S.confirm_clear);
    draft.focus();
  });

  restoreButton.addEventListener("click", function () {
    var before = load(KEPT_KEY);
    if (before === null) { keptBox.hidden = true; return; }
    draft.value = before;
    store(DRAFT_KEY, before);
    store(NAME_KEY, load(KEPT_NAME_KEY));
    store(KEPT_KEY, null);
    store(KEPT_NAME_KEY, null);
    keptBox.hidden = true;
    shownStatus = null;
    lastSpans = [];
    paintBackdrop(before, []);
    check();
    setStatus(S.restored);
    draft.focus();
  });
  if (load(KEPT_KEY) !== null) keptBox.hidden = false;  // still there after a reload

  nameInput.value = load(STUDENT_KEY) || "";

  var savedRubric = load(RUBRIC_KEY);
  if (savedRubric && Array.prototype.some.call(rubric.options, function (o) { return o.value === savedRubric; })) rubric.value = savedRubric;
  showChosen();
  var saved = load(DRAFT_KEY);
  if (saved) { draft.value = saved; paintBackdrop(saved, []); check(); }
})();
