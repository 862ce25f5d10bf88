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
    [S.student, S.score, S.grade, S.report].forEach(function (h) { var th = el("th", h); th.scope = "col"; hr.appendChild(th); });
    thead.appendChild(hr);
    job.rows.forEach(function (r) {
      var tr = el("tr");
      var th = el("th", r.student); th.scope = "row"; tr.appendChild(th);
      tr.appendChild(el("td", r.score_text, "num"));
      tr.appendChild(el("td", r.grade || "–"));
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
