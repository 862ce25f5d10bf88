/* Rubrika teacher page: draft a rubric from an article, review it, save it (serve/drafting.py).
   Everything the server sends reaches the page through textContent or input values only; the server
   writes every doubt, summary and problem in the page's language, this script only lays them out. */
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("strings").textContent);
  var LANG = document.documentElement.lang || "id";
  var form = document.getElementById("draft-form");
  var submit = document.getElementById("draft-submit");
  var statusEl = document.getElementById("draft-status");
  var errorEl = document.getElementById("draft-error");
  var review = document.getElementById("review");
  var reviewForm = document.getElementById("review-form");
  var saveButton = document.getElementById("review-save");
  var saveStatus = document.getElementById("review-status");
  var problemsEl = document.getElementById("review-problems");
  var EXAMPLES = {match: S.draft_match, partial: S.draft_partial, no_match: S.draft_no_match};
  var current = null;  // the draft under review: {token, mark, ...}

  function el(tag, textValue, className) { var n = document.createElement(tag); if (textValue != null) n.textContent = textValue; if (className) n.className = className; return n; }
  function fill(template, values) { return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function showError(msg) { errorEl.textContent = msg || ""; errorEl.hidden = !msg; }
  function jsonOf(res) { return res.json().catch(function () { return null; }); }
  function lines(value) { return value.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; }); }

  function marks(list, mark) {
    var ul = el("ul", null, "marks");
    list.forEach(function (text) { var li = el("li"); li.appendChild(el("strong", mark + ": ")); li.appendChild(document.createTextNode(text)); ul.appendChild(li); });
    return ul;
  }

  function area(id, labelText, values, className) {
    var box = el("div", null, "field" + (className ? " " + className : ""));
    var label = el("label", labelText); label.htmlFor = id;
    var input = el("textarea"); input.id = id; input.rows = Math.min(Math.max(values.length, 2), 8);
    input.value = values.join("\n"); input.spellcheck = false;
    box.appendChild(label); box.appendChild(input);
    return box;
  }

  function conceptBox(criterion, k, n) {
    var box = el("fieldset", null, "concept" + (k.doubts.length ? " periksa" : ""));
    box.id = "d-" + n;
    box.dataset.criterion = criterion.id; box.dataset.concept = k.id;
    box.appendChild(el("legend", k.label + (k.define ? " (" + S.draft_defined + ")" : "")));
    box.appendChild(el("p", fill(S.draft_from, {where: k.where}), "meta"));
    if (k.doubts.length) box.appendChild(marks(k.doubts, current.mark));
    var label = el("div", null, "field");
    var labelLabel = el("label", S.draft_label); labelLabel.htmlFor = box.id + "-label";
    var input = el("input"); input.type = "text"; input.id = box.id + "-label"; input.value = k.label; input.dataset.part = "label";
    label.appendChild(labelLabel); label.appendChild(input);
    box.appendChild(label);
    box.appendChild(area(box.id + "-terms", S.draft_terms, k.terms)).querySelector("textarea").dataset.part = "terms";
    k.groups.forEach(function (g, i) {
      var a = area(box.id + "-group-" + i, fill(S.draft_group, {name: g.name}), g.terms);
      a.querySelector("textarea").dataset.group = String(i);
      box.appendChild(a);
    });
    ["match", "partial", "no_match"].forEach(function (kind) {
      if (kind === "partial" && !k.examples.partial.length) return;
      var a = area(box.id + "-" + kind, EXAMPLES[kind], k.examples[kind], "wide");
      a.querySelector("textarea").dataset.example = kind;
      box.appendChild(a);
    });
    box.appendChild(el("p", null, "error problem"));
    box.lastChild.hidden = true;
    return box;
  }

  function showYaml(text) {
    var pre = document.getElementById("review-yaml");
    pre.textContent = "";
    text.replace(/\n$/, "").split("\n").forEach(function (line, i) {
      var span = el("span", line + "\n", line.indexOf("# " + current.mark) >= 0 ? "periksa-line" : null);
      span.dataset.line = String(i + 1);
      pre.appendChild(span);
    });
  }

  function showReview(d) {
    current = d;
    document.getElementById("review-summary").textContent = d.summary;
    var holder = document.getElementById("review-marks");
    holder.textContent = "";
    if (d.doubts.length) { holder.appendChild(el("h3", S.draft_marks)); holder.appendChild(marks(d.doubts, d.mark)); }
    document.getElementById("review-title").value = d.title;
    document.getElementById("review-id").value = d.id;
    var criteria = document.getElementById("review-criteria");
    criteria.textContent = "";
    var n = 0;
    d.criteria.forEach(function (c) {
      var section = el("section", null, "criterion-review");
      section.appendChild(el("h3", c.title));
      if (c.where) section.appendChild(el("p", fill(S.draft_from, {where: c.where}), "meta"));
      if (c.doubts.length) { section.classList.add("periksa"); section.appendChild(marks(c.doubts, d.mark)); }
      if (c.references) section.appendChild(el("p", S.draft_references, "meta"));
      c.concepts.forEach(function (k) { n += 1; section.appendChild(conceptBox(c, k, n)); });
      criteria.appendChild(section);
    });
    problemsEl.textContent = "";
    saveStatus.textContent = "";
    showYaml(d.yaml);
    review.hidden = false;
    document.getElementById("review-heading").scrollIntoView();
  }

  function edits() {
    var out = {id: document.getElementById("review-id").value, title: document.getElementById("review-title").value, concepts: []};
    document.querySelectorAll("#review-criteria fieldset.concept").forEach(function (box) {
      var item = {criterion: box.dataset.criterion, id: box.dataset.concept, groups: [], examples: {}};
      item.label = box.querySelector("[data-part=label]").value;
      item.terms = lines(box.querySelector("[data-part=terms]").value);
      box.querySelectorAll("textarea[data-group]").forEach(function (a) { item.groups.push(lines(a.value)); });
      box.querySelectorAll("textarea[data-example]").forEach(function (a) { item.examples[a.dataset.example] = lines(a.value); });
      out.concepts.push(item);
    });
    return out;
  }

  function showProblems(body) {
    problemsEl.textContent = "";
    document.querySelectorAll("#review-criteria .problem").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    document.querySelectorAll("#review-criteria .has-problem").forEach(function (b) { b.classList.remove("has-problem"); });
    if (!body) return;
    problemsEl.appendChild(el("p", body.error.message, "error"));
    var ul = el("ul", null, "problems");
    (body.problems || []).forEach(function (p) {
      var li = el("li");
      li.appendChild(el("strong", p.where + ": "));
      li.appendChild(document.createTextNode(p.message));
      if (p.detail) li.appendChild(el("pre", p.detail, "detail"));
      var box = null;
      document.querySelectorAll("#review-criteria fieldset.concept").forEach(function (b) {
        if (b.dataset.criterion === p.criterion && b.dataset.concept === p.concept) box = b;
      });
      if (box) {
        box.classList.add("has-problem");
        var note = box.querySelector(".problem");
        note.textContent = (note.textContent ? note.textContent + "\n" : "") + p.where + ": " + p.message;
        note.hidden = false;
        var go = el("button", box.querySelector("legend").textContent, "concept-link");
        go.type = "button";
        go.addEventListener("click", function () { box.scrollIntoView(); var f = box.querySelector("input, textarea"); if (f) f.focus(); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(go);
      }
      ul.appendChild(li);
    });
    problemsEl.appendChild(ul);
    if (body.yaml) {
      showYaml(body.yaml);
      (body.problems || []).forEach(function (p) {
        var span = document.querySelector('#review-yaml span[data-line="' + p.line + '"]');
        if (span) span.classList.add("problem-line");
      });
    }
  }

  function addOffered(rubric) {
    var select = document.getElementById("rubric");
    if (!select) return;
    var option = null;
    Array.prototype.forEach.call(select.options, function (o) { if (o.value === rubric.id) option = o; });
    if (!option) { option = el("option"); option.value = rubric.id; select.appendChild(option); }
    option.textContent = rubric.title + " (" + rubric.id + " " + rubric.version + ")";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    showError("");
    var data = new FormData(form);
    data.append("lang", LANG);
    submit.disabled = true;
    statusEl.textContent = S.draft_drafting;
    fetch("/api/draft?lang=" + LANG, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (res) { return jsonOf(res).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        submit.disabled = false;
        statusEl.textContent = "";
        if (!res.ok) { showError(body && body.error ? body.error.message : S.offline + " (" + res.status + ")"); return; }
        showReview(body);
      })
      .catch(function () { submit.disabled = false; statusEl.textContent = ""; showError(S.offline); });
  });

  reviewForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current) return;
    saveButton.disabled = true;
    saveStatus.textContent = S.draft_saving;
    showProblems(null);
    fetch("/api/draft/" + encodeURIComponent(current.token) + "?lang=" + LANG, {
      method: "POST", body: JSON.stringify(edits()), credentials: "same-origin",
      headers: {"Content-Type": "application/json"}})
      .then(function (res) { return jsonOf(res).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        saveButton.disabled = false;
        saveStatus.textContent = "";
        if (!res.ok) {
          if (body && body.problems) { showProblems(body); problemsEl.scrollIntoView(); return; }
          problemsEl.appendChild(el("p", body && body.error ? body.error.message : S.offline + " (" + res.status + ")", "error"));
          return;
        }
        saveStatus.textContent = body.message;
        var link = el("a", S.draft_open_student); link.href = "/?lang=" + LANG; link.id = "review-student";
        saveStatus.appendChild(document.createTextNode(" "));
        saveStatus.appendChild(link);
        showYaml(body.yaml);
        addOffered(body.rubric);
      })
      .catch(function () { saveButton.disabled = false; saveStatus.textContent = ""; problemsEl.appendChild(el("p", S.offline, "error")); });
  });
})();
