/* Rubrika teacher page: upload a class, follow the progress, see the overview.
   Names and messages from the server reach the page through textContent only; the server
   writes every number (the rows' scores, the summary line), this script only lays them out. */
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("strings").textContent);
  var LANG = document.documentElement.lang || "id";
  var form = document.getElementById("upload");
  var button = document.getElementById("grade");
  var box = document.getElementById("progress-box");
  var bar = document.getElementById("progress");
  var label = document.getElementById("progress-label");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var results = document.getElementById("results");

  function el(tag, textValue, className) { var n = document.createElement(tag); if (textValue != null) n.textContent = textValue; if (className) n.className = className; return n; }
  var rubricSelect = document.getElementById("rubric");  // the chosen rubric in full under the select
  rubricSelect.addEventListener("change", function () {
    document.getElementById("rubric-chosen").textContent = rubricSelect.options[rubricSelect.selectedIndex].textContent;
  });
  function showError(msg) { errorEl.textContent = msg || ""; errorEl.hidden = !msg; }
  function jsonOf(res) { return res.json().catch(function () { return null; }); }

  function showRefused(refused) {
    var holder = document.getElementById("refused");
    holder.textContent = "";
    if (!refused || !refused.length) return;
    holder.appendChild(el("h2", S.refused));
    var ul = el("ul");
    refused.forEach(function (r) { var li = el("li"); li.appendChild(el("code", r.name)); li.appendChild(document.createTextNode(": " + r.reason)); ul.appendChild(li); });
    holder.appendChild(ul);
  }

  function showResults(job) {
    var base = "/guru/hasil/" + encodeURIComponent(job.id) + "/";
    var s = job.summary || {};
    document.getElementById("results-heading").textContent = S.overview;
    statusEl.textContent = s.message;  // written by the server, numbers in the page's language
    var zip = document.getElementById("zip");
    zip.href = "/api/grade/" + encodeURIComponent(job.id) + "/download";
    zip.textContent = S.download_zip;
    zip.setAttribute("download", "laporan-rubrika.zip");
    var open = document.getElementById("open-overview");
    open.href = base + "index.html";
    open.textContent = S.open_overview;
    showRefused(job.refused);
    var thead = document.querySelector("#rows thead"), tbody = document.querySelector("#rows tbody");
    thead.textContent = ""; tbody.textContent = "";
    var hr = el("tr");
    [S.student, S.score, S.grade, S.warnings, S.report].forEach(function (h) { var th = el("th", h); th.scope = "col"; hr.appendChild(th); });
    thead.appendChild(hr);
    job.rows.forEach(function (r) {
      var tr = el("tr");
      var th = el("th", r.student); th.scope = "row"; tr.appendChild(th);
      tr.appendChild(el("td", r.score_text, "num"));
      tr.appendChild(el("td", r.grade || "–"));
      var warnings = r.warnings || [];  // what questions the score, before anyone reads the overview
      tr.appendChild(el("td", warnings.length ? "⚠ " + warnings.join("; ") : "", warnings.length ? "warn" : null));
      if (warnings.length) tr.className = "flagged";
      var td = el("td");
      if (r.error) td.appendChild(el("span", S.error + ": " + r.error, "error"));
      else if (r.report) { var a = el("a", r.file); a.href = base + r.report; a.target = "_blank"; a.rel = "noopener"; td.appendChild(a); }
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    var frame = document.getElementById("overview");
    frame.title = S.overview;
    frame.src = base + "index.html";
    frame.hidden = false;
    results.hidden = false;
    box.hidden = true;
    button.disabled = false;
    showGrid(job);
  }

  /* The teacher's corrections: a grid of statuses (essays x concepts), an editor, an essay view. */
  var current = null, editing = null, essayOpen = null;
  var STATUSES = ["found", "partial", "missing"];
  var MARK = {found: "\u2713", partial: "\u00bd", missing: "\u2013"};
  function statusWord(st) { return S["status_" + st] || st; }
  function apiBase() { return "/api/grade/" + encodeURIComponent(current.id); }
  function conceptLabel(id) { var c = current.concepts.filter(function (k) { return k.id === id; })[0]; return c ? c.label : id; }

  function cellButton(row, c) {
    var k = row.concepts[c.id];
    if (!k) return el("span", "");
    var b = el("button", (k.confidence === "low" && !k.corrected ? "? " : "") + MARK[k.status] + (k.corrected ? "*" : ""),
               "cell " + k.status + (k.confidence === "low" ? " unsure" : "") + (k.corrected ? " corrected" : ""));
    b.type = "button";
    b.setAttribute("data-file", row.file);
    b.setAttribute("data-concept", c.id);
    var words = row.student + ", " + c.label + ": " + statusWord(k.status) + (k.corrected ? " (" + S.corrected + ")" : "") +
      (k.confidence === "low" && !k.corrected ? " (" + S.unsure + ")" : "");
    b.setAttribute("aria-label", words);
    b.title = words;
    b.addEventListener("click", function () { openEditor(row.file, c.id, b); });
    return b;
  }

  function showGrid(job) {
    current = job;
    var section = document.getElementById("correct");
    document.getElementById("correct-heading").textContent = S.correct_heading;
    document.getElementById("correct-intro").textContent = S.correct_intro;
    document.getElementById("learn").textContent = S.learn;
    var thead = document.querySelector("#grid thead"), tbody = document.querySelector("#grid tbody");
    thead.textContent = ""; tbody.textContent = "";
    var hr = el("tr"), first = el("th", S.student); first.scope = "col"; hr.appendChild(first);
    job.concepts.forEach(function (c) { var th = el("th"); th.scope = "col"; var ab = el("abbr", c.id); ab.title = c.label; th.appendChild(ab); hr.appendChild(th); });
    var sc = el("th", S.score); sc.scope = "col"; hr.appendChild(sc);
    thead.appendChild(hr);
    job.rows.forEach(function (r) {
      if (r.error) return;
      var tr = el("tr"), th = el("th"); th.scope = "row";
      var open = el("button", r.student, "secondary"); open.type = "button";
      open.setAttribute("aria-label", S.open_essay + ": " + r.student);
      open.addEventListener("click", function () { openEssay(r.file); });
      th.appendChild(open);
      if (r.reviewed) th.appendChild(el("span", " \u2713", "meta"));
      tr.appendChild(th);
      job.concepts.forEach(function (c) { var td = el("td"); td.appendChild(cellButton(r, c)); tr.appendChild(td); });
      tr.appendChild(el("td", r.score_text + (r.grade ? " (" + r.grade + ")" : ""), "num score"));
      tbody.appendChild(tr);
    });
    section.hidden = false;
    if (essayOpen) openEssay(essayOpen);
  }

  function rowOf(file) { return current.rows.filter(function (r) { return r.file === file; })[0]; }

  function openEditor(file, concept, from) {
    var row = rowOf(file), k = row.concepts[concept];
    editing = {file: file, concept: concept, from: from};
    document.getElementById("editor-title").textContent = row.student + " \u2014 " + conceptLabel(concept);
    document.getElementById("editor-engine").textContent = S.engine_said.replace("{status}", statusWord(k.engine_status));
    var holder = document.getElementById("editor-statuses");
    holder.textContent = "";
    STATUSES.forEach(function (st) {
      var label = el("label"), input = el("input");
      input.type = "radio"; input.name = "status"; input.value = st; input.checked = k.status === st;
      label.appendChild(input); label.appendChild(document.createTextNode(statusWord(st)));
      holder.appendChild(label);
    });
    document.getElementById("editor-note-label").textContent = S.note;
    document.getElementById("editor-note").value = k.note || "";
    document.getElementById("editor-show-label").textContent = S.show_note;
    document.getElementById("editor-show").checked = !!k.show_note;
    document.getElementById("editor-save").textContent = S.save;
    var undo = document.getElementById("editor-undo");
    undo.textContent = S.undo; undo.hidden = !k.corrected;
    document.getElementById("editor-cancel").textContent = S.cancel;
    var editor = document.getElementById("editor");
    editor.hidden = false;
    holder.querySelector("input:checked, input").focus();
    editor.scrollIntoView({block: "nearest"});
  }

  function closeEditor() {
    document.getElementById("editor").hidden = true;
    if (editing && editing.from && document.body.contains(editing.from)) editing.from.focus();
    editing = null;
  }

  function send(body) {
    var say = document.getElementById("correct-status");
    say.textContent = S.saving;
    showError("");
    return fetch(apiBase() + "/corrections?lang=" + LANG, {method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (res) { return jsonOf(res).then(function (b) { return [res, b]; }); })
      .then(function (pair) {
        var res = pair[0], job = pair[1];
        if (!res.ok) { say.textContent = ""; showError(job && job.error ? job.error.message : S.offline); return null; }
        var focusKey = editing ? [editing.file, editing.concept] : null;
        document.getElementById("editor").hidden = true;
        editing = null;
        showResults(job);
        var row = rowOf(body.file);
        say.textContent = S.saved.replace("{student}", row.student).replace("{score}", row.score_text);
        if (focusKey) {
          var again = document.querySelector('#grid button.cell[data-file="' + CSS.escape(focusKey[0]) + '"][data-concept="' + CSS.escape(focusKey[1]) + '"]');
          if (again) again.focus();
        }
        return job;
      })
      .catch(function () { say.textContent = ""; showError(S.offline); });
  }

  document.getElementById("editor").addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = document.querySelector("#editor-statuses input:checked");
    if (!editing || !chosen) return;
    send({file: editing.file, concept: editing.concept, status: chosen.value,
          note: document.getElementById("editor-note").value, show: document.getElementById("editor-show").checked});
  });
  document.getElementById("editor-undo").addEventListener("click", function () {
    if (editing) send({file: editing.file, concept: editing.concept, status: null});
  });
  document.getElementById("editor-cancel").addEventListener("click", closeEditor);

  function openEssay(file) {
    var row = rowOf(file);
    if (!row) return;
    essayOpen = file;
    var box = document.getElementById("essay");
    document.getElementById("essay-heading").textContent = S.essay_heading.replace("{student}", row.student);
    var reviewed = document.getElementById("essay-reviewed");
    reviewed.checked = !!row.reviewed;
    document.getElementById("essay-reviewed-label").textContent = S.reviewed;
    var list = document.getElementById("essay-concepts");
    list.textContent = "";
    current.concepts.forEach(function (c) {
      var k = row.concepts[c.id];
      if (!k) return;
      var li = el("li"), name = el("span", c.label + ": ");
      name.appendChild(el("strong", statusWord(k.status)));
      if (k.corrected) name.appendChild(document.createTextNode(" (" + S.corrected + ")"));
      li.appendChild(name);
      li.appendChild(cellButton(row, c));
      list.appendChild(li);
    });
    var frame = document.getElementById("essay-report");
    frame.title = S.essay_heading.replace("{student}", row.student);
    frame.src = "/guru/hasil/" + encodeURIComponent(current.id) + "/" + row.report + "?v=" + encodeURIComponent(row.score_text + row.file + Date.now());
    box.hidden = false;
  }
  document.getElementById("essay-reviewed").addEventListener("change", function () {
    if (essayOpen) send({file: essayOpen, reviewed: this.checked});
  });

  document.getElementById("learn").addEventListener("click", function () {
    var out = document.getElementById("learned"), say = document.getElementById("correct-status");
    out.textContent = "";
    say.textContent = S.learning;
    fetch(apiBase() + "/learn?lang=" + LANG, {method: "POST", credentials: "same-origin"})
      .then(function (res) { return jsonOf(res).then(function (b) { return [res, b]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        say.textContent = "";
        if (!res.ok) { out.appendChild(el("p", body && body.error ? body.error.message : S.offline)); return; }
        out.appendChild(el("h3", S.learn));
        out.appendChild(el("p", S.learn_summary.replace("{essays}", body.essays)));
        var any = false, ul = el("ul");
        body.concepts.forEach(function (c) {
          var li = el("li");
          if (c.thin) {
            li.textContent = S.learn_thin.replace("{concept}", conceptLabel(c.id)).replace("{positive}", c.positive)
              .replace("{negative}", c.negative).replace("{min}", body.min_labelled).replace("{negatives}", body.min_negatives);
          } else {
            li.textContent = S.learn_concept.replace("{concept}", conceptLabel(c.id)).replace("{positive}", c.positive)
              .replace("{negative}", c.negative).replace("{changed}", c.changed_elsewhere);
            var inner = el("ul");
            c.proposals.forEach(function (p) {
              any = true;
              var pl = el("li", S.learn_term.replace("{text}", p.text).replace("{positive}", p.positive)
                .replace("{negative}", p.negative).replace("{gain}", p.gain));
              p.examples.forEach(function (e) { pl.appendChild(el("blockquote", "\u201c" + e + "\u201d")); });
              inner.appendChild(pl);
            });
            if (c.proposals.length) li.appendChild(inner);
          }
          ul.appendChild(li);
        });
        out.appendChild(ul);
        if (!any) out.appendChild(el("p", S.learn_none));
        if (body.version) {
          var a = el("a", S.learn_download.replace("{version}", body.version), "button");
          a.href = apiBase() + "/learned-rubric"; a.setAttribute("download", ""); a.id = "learned-rubric";
          out.appendChild(a);
          var use = el("button", S.learn_use.replace("{version}", body.version), "secondary");
          use.type = "button"; use.id = "use-learned";
          var said = el("p"); said.id = "use-learned-status"; said.setAttribute("role", "status");
          use.addEventListener("click", function () { useLearned(use, said); });
          out.appendChild(document.createTextNode(" "));
          out.appendChild(use);
          out.appendChild(said);
        }
      })
      .catch(function () { say.textContent = ""; showError(S.offline); });
  });

  // "Pakai untuk unggahan berikutnya": the server offers the learned version beside the old one;
  // the upload form selects it, so the next class is graded with it.
  function useLearned(button, said) {
    button.disabled = true;
    fetch(apiBase() + "/learned-rubric/use?lang=" + LANG, {method: "POST", credentials: "same-origin"})
      .then(function (res) { return jsonOf(res).then(function (b) { return [res, b]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        if (!res.ok) { said.textContent = body && body.error ? body.error.message : S.offline; button.disabled = false; return; }
        var select = document.getElementById("rubric"), option = null;
        if (select) {
          Array.prototype.forEach.call(select.options, function (o) { if (o.value === body.rubric.id) option = o; });
          if (!option) { option = el("option"); option.value = body.rubric.id; select.appendChild(option); }
          option.textContent = body.rubric.label;
          select.value = body.rubric.id;
          select.dispatchEvent(new Event("change"));
        }
        said.textContent = body.message;
      })
      .catch(function () { said.textContent = S.offline; button.disabled = false; });
  }

  function poll(id) {
    fetch("/api/grade/" + encodeURIComponent(id) + "?lang=" + LANG, {credentials: "same-origin"})
      .then(function (res) { return jsonOf(res).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        var res = pair[0], job = pair[1];
        if (!res.ok) { showError(job && job.error ? job.error.message : S.failed); button.disabled = false; box.hidden = true; return; }
        bar.max = Math.max(job.total, 1);
        bar.value = job.done;
        label.textContent = job.progress;
        if (job.status === "running") { setTimeout(function () { poll(id); }, 400); return; }
        if (job.status === "failed") { showError(job.summary && job.summary.message || S.failed); button.disabled = false; box.hidden = true; return; }
        showResults(job);
      })
      .catch(function () { showError(S.offline); button.disabled = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    showError("");
    showRefused([]);
    results.hidden = true;
    var data = new FormData(form);
    data.append("lang", LANG);
    button.disabled = true;
    box.hidden = false;
    bar.removeAttribute("value");
    label.textContent = S.uploading;
    statusEl.textContent = S.uploading;
    fetch("/api/grade?lang=" + LANG, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (res) { return jsonOf(res).then(function (body) { return [res, body]; }); })
      .then(function (pair) {
        var res = pair[0], body = pair[1];
        if (!res.ok) {
          showError(body && body.error ? body.error.message : S.offline + " (" + res.status + ")");
          if (body && body.refused) showRefused(body.refused);
          button.disabled = false; box.hidden = true; statusEl.textContent = "";
          return;
        }
        statusEl.textContent = "";
        poll(body.id);
      })
      .catch(function () { showError(S.offline); button.disabled = false; box.hidden = true; });
  });
})();
