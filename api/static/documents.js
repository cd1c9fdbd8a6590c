/* The documents page (admins): every document with audience, type, organisation, date and chunk count;
 * upload with progress, replace, delete with a confirmation naming the document, re-index, the audit log. */
(function () {
  "use strict";
  var C = window.Casework, el = C.el, $ = C.$;
  var me = null, documents = [], replacing = null;
  var ACTIONS = { upload: "Lastet opp", replace: "Erstattet", "delete": "Slettet", reindex: "Indekserte på nytt",
    qa_draft: "Lagret utkast til svar", qa_publish: "Publiserte svar", qa_edit: "Endret publisert svar", qa_withdraw: "Trakk tilbake svar" };
  var UPLOAD_TYPES = ["document", "supplier_input", "qa", "project_description", "contact", "event", "background", "minutes", "report"];
  var replaceInput = el("input", { type: "file", accept: ".md,.txt,.html,.htm,.pdf,.docx", hidden: true, tabindex: "-1", "aria-hidden": "true" });

  function ready(who, moveFocus) {
    me = who;
    var admin = me.role === "admin", editable = admin && me.document_management;
    $("locked").hidden = !admin || me.document_management;
    $("upload").hidden = !editable;
    $("reindex").hidden = !editable;
    if (!admin) {
      $("status").textContent = "Denne siden krever administratorrollen. Saksbehandlere kan søke i dokumentene på Søk-siden.";
      $("docs").textContent = ""; $("audit").textContent = "";
      return Promise.resolve();
    }
    var types = $("doc_type");
    if (!types.options.length) UPLOAD_TYPES.forEach(function (t) { types.append(el("option", { value: t, text: C.typeName(t) })); });
    if (moveFocus) $("docs-title").focus();
    return Promise.all([loadDocuments(), loadAudit()]);
  }

  function loadDocuments() {
    return C.api("/api/admin/documents").then(function (body) {
      documents = body.documents || [];
      documents.sort(function (a, b) { return a.audience.localeCompare(b.audience) || a.title.localeCompare(b.title, "nb"); });
      var rows = $("docs");
      rows.textContent = "";
      documents.forEach(function (doc, i) { rows.append(row(doc, i)); });
    }).catch(report);
  }
  function row(doc, i) {
    var id = "doc-" + i, actions = el("div", { class: "actions" });
    if (/^qa\//.test(doc.source)) {
      // A published answer is withdrawn where it was published, so its number and the audit log stay right.
      actions.append(el("a", { class: "ds-link", href: "/questions#answers-title", text: "Endres og trekkes tilbake under Spørsmål fra publikum" }));
    } else if (me.document_management) {
      // Only uploaded files can be replaced here; corpus files change in the repository and come in by re-indexing.
      if (/^uploads\//.test(doc.source)) actions.append(
        el("button", { type: "button", class: "ds-button", "data-variant": "secondary", "data-size": "sm", text: "Erstatt",
          "aria-describedby": id, onclick: function () { replacing = doc; replaceInput.value = ""; replaceInput.click(); } }));
      actions.append(
        el("button", { type: "button", class: "ds-button", "data-variant": "secondary", "data-color": "danger", "data-size": "sm",
          text: "Slett", "aria-describedby": id, onclick: function () { remove(doc); } }));
    }
    return el("tr", {}, [
      el("td", {}, [el("span", { id: id, lang: doc.lang || null, text: doc.title }), el("br"), el("span", { class: "help", text: doc.source })]),
      el("td", {}, [C.badge(doc.audience)]), el("td", { text: C.typeName(doc.doc_type) }), el("td", { text: doc.organisation || "–" }),
      el("td", { text: C.date(doc.date) || "–" }), el("td", { text: doc.chunk_count === null || doc.chunk_count === undefined ? "–" : String(doc.chunk_count) }),
      el("td", {}, [actions])]);
  }
  function loadAudit() {
    return C.api("/api/admin/audit").then(function (entries) {
      var rows = $("audit");
      rows.textContent = "";
      entries.slice(0, 50).forEach(function (e) {
        rows.append(el("tr", {}, [el("td", { text: C.date(e.at, true) }), el("td", { text: e.actor }),
          el("td", { text: ACTIONS[e.action] || e.action }), el("td", { text: e.source || e.doc_id || "–" }), el("td", { text: e.detail || "" })]));
      });
    }).catch(report);
  }

  /* ---------- changes ---------- */
  function send(method, path, form, label) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader("Authorization", "Bearer " + C.token());
      xhr.setRequestHeader("Accept", "application/json");
      $("progress-box").hidden = false;
      $("progress").value = 0;
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) $("progress").value = Math.round(100 * e.loaded / e.total);
      };
      xhr.upload.onload = function () { $("progress").value = 100; $("status").textContent = label + " er sendt. Indekserer …"; };
      xhr.onload = function () {
        $("progress-box").hidden = true;
        var body = {};
        try { body = JSON.parse(xhr.responseText || "{}"); } catch (e) { /* not JSON */ }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(rejected(xhr.status, body));
      };
      xhr.onerror = function () { $("progress-box").hidden = true; reject(new Error("Fikk ikke kontakt med tjenesten.")); };
      $("status").textContent = "Laster opp " + label + " …";
      xhr.send(form);
    });
  }
  function rejected(status, body) {
    var detail = Array.isArray(body.detail) ? body.detail.join("; ") : body.detail || "";
    var text = { 401: "Nøkkelen ble avvist. Logg inn på nytt.", 403: "Du har ikke lov til å endre dokumenter her.",
      409: "Det finnes allerede et dokument med dette filnavnet. Bruk «Erstatt» på det i listen.",
      413: "Filen er for stor.", 415: "Filtypen støttes ikke, eller innholdet passer ikke til filendelsen." }[status];
    return new Error("Filen ble avvist: " + (text ? text + " " : "") + (status === 409 || status === 401 ? "" : detail));
  }
  function upload(event) {
    event.preventDefault();
    var file = $("file").files[0], date = C.parseDate($("date").value);
    $("upload-error").textContent = "";
    $("file").setAttribute("aria-invalid", String(!file));
    $("date").setAttribute("aria-invalid", String(date === null));
    if (!file) { fail("Velg en fil.", $("file")); return; }
    if (date === null) { fail("Skriv datoen som dd.mm.åååå, for eksempel 07.03.2020.", $("date")); return; }
    var form = new FormData();
    form.append("file", file);
    form.append("audience", document.querySelector("input[name=audience]:checked").value);
    form.append("doc_type", $("doc_type").value);
    ["title", "organisation"].forEach(function (n) { if ($(n).value.trim()) form.append(n, $(n).value.trim()); });
    if (date) form.append("date", date);
    send("POST", "/api/admin/documents", form, "«" + file.name + "»").then(function (doc) {
      $("upload-form").reset();
      return refresh().then(function () {
        $("status").textContent = "«" + doc.title + "» er lastet opp som " + (doc.audience === "internal" ? "internt" : "offentlig") + " dokument.";
      });
    }).catch(function (err) { fail(err.message, $("file")); $("status").textContent = ""; });
  }
  function fail(message, field) { $("upload-error").textContent = message; field.focus(); }
  function replaceChosen() {
    var doc = replacing, file = replaceInput.files[0];
    if (!doc || !file) return;
    var form = new FormData();
    form.append("file", file);
    send("PUT", "/api/admin/documents/" + encodeURIComponent(doc.doc_id), form, "«" + file.name + "»").then(function () {
      return refresh().then(function () { $("status").textContent = "«" + doc.title + "» er erstattet med innholdet i «" + file.name + "»."; });
    }).catch(report);
  }
  function remove(doc) {
    C.confirm("Slette «" + doc.title + "»?", "«" + doc.title + "» (" + doc.source + ") fjernes fra søket og assistenten. " +
      "Et dokument fra corpus-mappen kommer tilbake ved neste indeksering.", "Slett «" + doc.title + "»").then(function (yes) {
      if (!yes) return;
      return C.api("/api/admin/documents/" + encodeURIComponent(doc.doc_id), { method: "DELETE" }).then(function () {
        return refresh().then(function () { $("status").textContent = "«" + doc.title + "» er slettet."; });
      });
    }).catch(report);
  }
  function reindex() {
    $("reindex").disabled = true;
    $("status").textContent = "Indekserer alle dokumentene … dette kan ta litt tid.";
    C.api("/api/admin/reindex", { method: "POST" }).then(function (r) {
      var skipped = (r.skipped || []).map(function (s) { return s.source + ": " + s.message; });
      $("status").textContent = "Indeksert: " + r.added.length + " nye, " + r.updated.length + " endret, " + r.removed.length +
        " fjernet, " + skipped.length + " avvist." + (skipped.length ? " Avvist: " + skipped.join("; ") : "");
      return refresh();
    }).catch(report).then(function () { $("reindex").disabled = false; });
  }
  function refresh() { return Promise.all([loadDocuments(), loadAudit()]); }
  function report(err) { if (err && err.message !== "auth") $("status").textContent = err.message.indexOf("Filen") === 0 ? err.message : "Noe gikk galt: " + err.message; }

  document.body.append(replaceInput);
  replaceInput.addEventListener("change", replaceChosen);
  C.onSignOut = function () { $("docs").textContent = ""; $("audit").textContent = ""; $("status").textContent = ""; };
  $("upload-form").addEventListener("submit", upload);
  $("reindex").addEventListener("click", reindex);
  C.start(ready);
})();
