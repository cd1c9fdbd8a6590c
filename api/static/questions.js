/* The questions page: the public's questions with filters, grouping and CSV download; writing, previewing,
 * saving and (admins) publishing an official answer. Signing in and helpers come from casework.js. */
(function () {
  "use strict";
  var C = window.Casework, el = C.el, $ = C.$;
  var me = { role: "caseworker" }, editing = null, answers = [];
  var STATUS = { draft: "Utkast", published: "Publisert", withdrawn: "Trukket tilbake" };

  function ready(who, moveFocus) {
    me = who;
    $("publish").hidden = me.role !== "admin";
    $("role-note").hidden = me.role === "admin";
    var reasons = $("reason");
    if (reasons.options.length === 1) Object.keys(C.REASONS).forEach(function (r) {
      reasons.append(el("option", { value: r, text: C.reasonName(r) }));
    });
    if (moveFocus) $("list-title").focus();
    return Promise.all([load(), loadAnswers()]);
  }

  /* ---------- the questions ---------- */
  function query() {
    var params = new URLSearchParams(), bad = null;
    ["answered", "reason", "feedback"].forEach(function (name) { if ($(name).value) params.set(name, $(name).value); });
    ["date_from", "date_to"].forEach(function (name) {
      var iso = C.parseDate($(name).value);
      $(name).setAttribute("aria-invalid", String(iso === null));
      if (iso === null) bad = bad || $(name); else if (iso) params.set(name, iso);
    });
    return bad ? { bad: bad } : params;
  }
  function load() {
    var params = query();
    if (params.bad) { $("status").textContent = "Skriv datoen som dd.mm.åååå, for eksempel 27.11.2026."; params.bad.focus(); return Promise.resolve(); }
    var grouped = $("view").value === "groups";
    params.set("limit", grouped ? "100" : "200");
    $("status").textContent = "Henter spørsmål …";
    return C.api("/api/questions" + (grouped ? "/groups" : "") + "?" + params.toString()).then(function (rows) {
      var list = $("list");
      list.textContent = "";
      rows.forEach(function (row, i) { list.append(grouped ? groupItem(row, i) : questionItem(row, i)); });
      $("list-title").textContent = grouped ? "Like spørsmål gruppert" : "Spørsmål";
      $("status").textContent = rows.length === 0 ? "Ingen spørsmål passer til filtrene." :
        grouped ? rows.length + " grupper av spørsmål." : rows.length + " spørsmål, nyeste først.";
    }).catch(report);
  }
  function outcome(answered, reason) {
    return el("span", { class: "ds-tag", "data-color": answered ? "success" : "warning", text: answered ? "Besvart" :
      "Ikke besvart" + (reason ? ": " + C.reasonName(reason) : "") });
  }
  function votes(up, down) { return el("span", { text: "Nyttig: " + up + " ja, " + down + " nei" }); }
  function questionItem(row, i) {
    var id = "q-" + i;
    var meta = el("p", { class: "meta" }, [outcome(row.answered, row.reason), el("span", { text: C.date(row.created_at, true) }),
      votes(row.up, row.down)]);
    if (row.answered && row.reason) meta.append(el("span", { text: C.reasonName(row.reason) }));
    var comments = (row.comments || []).length ? el("ul", { class: "comments", "aria-label": "Kommentarer til svaret" },
      row.comments.map(function (c) { return el("li", { text: c }); })) : null;
    return el("li", {}, [el("article", { "aria-labelledby": id }, [
      el("h3", { id: id, class: "ds-paragraph", lang: row.lang || null, text: row.question }), meta, comments,
      el("div", { class: "actions" }, [answerButton(row.question, "Skriv offisielt svar", id)])
    ])]);
  }
  function groupItem(group, i) {
    var id = "g-" + i;
    var meta = el("p", { class: "meta" }, [el("span", { class: "ds-tag", "data-color": "neutral", text: "Stilt " + group.count + " ganger" }),
      el("span", { text: group.answered + " besvart" }), votes(group.up, group.down),
      el("span", { text: "Sist " + C.date(group.last_asked, true) })]);
    (group.reasons || []).forEach(function (r) { meta.append(el("span", { text: C.reasonName(r) })); });
    var examples = group.examples.length > 1 ? el("ul", { "aria-label": "Formuleringer i gruppen" },
      group.examples.map(function (q) { return el("li", { text: q }); })) : null;
    return el("li", {}, [el("article", { "aria-labelledby": id }, [
      el("h3", { id: id, class: "ds-paragraph", text: group.question }), meta, examples,
      el("div", { class: "actions" }, [answerButton(group.question, "Skriv offisielt svar til gruppen", id)])
    ])]);
  }
  function answerButton(question, label, describedBy) {
    return el("button", { type: "button", class: "ds-button", "data-variant": "secondary", "data-size": "sm", text: label,
      "aria-describedby": describedBy, onclick: function () { openEditor(null, question, ""); } });
  }
  function download() {
    var answered = $("answered").value;
    C.api("/api/questions/export.csv" + (answered ? "?answered=" + answered : ""), { raw: true, accept: "text/csv" })
      .then(function (res) { return res.blob(); }).then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: "sporsmal.csv" });
        document.body.append(a); a.click(); a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
        $("status").textContent = "CSV-filen er lastet ned.";
      }).catch(report);
  }

  /* ---------- official answers ---------- */
  function loadAnswers() {
    return C.api("/api/qa/answers").then(function (rows) {
      answers = rows;
      var list = $("answers");
      list.textContent = "";
      if (!rows.length) list.append(el("li", { text: "Ingen utkast eller publiserte svar ennå." }));
      rows.forEach(function (row) { list.append(answerItem(row)); });
    }).catch(report);
  }
  function answerItem(row) {
    var id = "a-" + row.id, title = row.number ? "Spørsmål og svar nr. " + row.number : "Utkast " + row.id;
    var meta = el("p", { class: "meta" }, [el("span", { class: "ds-tag", "data-color": row.status === "published" ? "success" :
      row.status === "draft" ? "info" : "neutral", text: STATUS[row.status] || row.status }),
      el("span", { text: row.published_on ? "Publisert " + C.date(row.published_on) : "Endret " + C.date(row.updated_at, true) })]);
    var actions = el("div", { class: "actions" });
    var admin = me.role === "admin";
    if (row.status === "draft" || (row.status === "published" && admin)) {
      actions.append(button("Rediger", id, function () { openEditor(row, row.question, row.answer); }));
    }
    if (row.status === "draft" && admin) actions.append(button("Publiser", id, function () { publish(row); }, "primary"));
    if (row.status === "published") {
      actions.append(el("a", { class: "ds-link", href: "/qa#nr-" + row.number, text: "Se på Spørsmål og svar" }));
      if (admin) actions.append(button("Trekk tilbake", id, function () { withdraw(row); }));
    }
    return el("li", {}, [el("article", { "aria-labelledby": id }, [el("h3", { id: id, text: title }), meta,
      el("p", { class: "ds-paragraph q", text: row.question }), el("p", { class: "ds-paragraph", text: row.answer }), actions])]);
  }
  function button(label, describedBy, onclick, variant) {
    return el("button", { type: "button", class: "ds-button", "data-variant": variant || "secondary", "data-size": "sm", text: label,
      "aria-describedby": describedBy, onclick: onclick });
  }

  function openEditor(row, question, answer) {
    editing = row;
    $("editor").hidden = false;
    $("preview").hidden = true;
    $("editor-error").textContent = "";
    $("qa-question").value = question;
    $("qa-answer").value = answer;
    $("save").hidden = !!(row && row.status === "published");
    $("publish").textContent = row && row.status === "published" ? "Lagre endringen i det publiserte svaret" : "Publiser til alle";
    $("publish").hidden = me.role !== "admin";
    $("editor-title").textContent = row && row.number ? "Endre spørsmål og svar nr. " + row.number : "Offisielt svar";
    $("editor-title").focus();
  }
  function closeEditor() { $("editor").hidden = true; editing = null; $("list-title").focus(); }
  function texts() {
    var q = $("qa-question").value.trim(), a = $("qa-answer").value.trim();
    $("qa-question").setAttribute("aria-invalid", String(!q));
    $("qa-answer").setAttribute("aria-invalid", String(!a));
    if (!q || !a) { $("editor-error").textContent = "Skriv både spørsmålet og svaret."; (q ? $("qa-answer") : $("qa-question")).focus(); return null; }
    $("editor-error").textContent = "";
    return { question: q, answer: a };
  }
  function preview() {
    var body = texts();
    if (!body) return;
    var next = editing && editing.number ? editing.number :
      answers.reduce(function (n, r) { return Math.max(n, r.number || 0); }, 0) + 1;
    var today = editing && editing.published_on ? editing.published_on : new Date().toISOString().slice(0, 10);
    $("preview-body").replaceChildren(el("h4", { class: "ds-heading", "data-size": "xs", text: "Spørsmål og svar nr. " + next }),
      el("p", { class: "meta", text: "Publisert " + C.date(today) }), el("h5", { text: "Spørsmål" }),
      el("p", { class: "ds-paragraph", text: body.question }), el("h5", { text: "Svar" }), el("p", { class: "ds-paragraph", text: body.answer }));
    $("preview").hidden = false;
    $("preview-title").focus();
  }
  function save(event) {
    event.preventDefault();
    var body = texts();
    if (!body) return;
    var request = editing ? C.api("/api/qa/answers/" + editing.id, { method: "PUT", body: body }) :
      C.api("/api/qa/answers", { method: "POST", body: body });
    request.then(function (row) {
      editing = row;
      $("status").textContent = "Utkastet er lagret.";
      return loadAnswers();
    }).catch(function (err) { if (err.message !== "auth") $("editor-error").textContent = err.message; });
  }
  function publishFromEditor() {
    var body = texts();
    if (!body) return;
    if (editing && editing.status === "published") {
      C.api("/api/qa/answers/" + editing.id, { method: "PUT", body: body }).then(function (row) {
        done("Spørsmål og svar nr. " + row.number + " er endret og publisert på nytt.");
      }).catch(editorError);
      return;
    }
    var draft = editing ? C.api("/api/qa/answers/" + editing.id, { method: "PUT", body: body }) :
      C.api("/api/qa/answers", { method: "POST", body: body });
    draft.then(function (row) { editing = row; return publish(row); }).catch(editorError);
  }
  function publish(row) {
    return C.confirm("Publisere svaret?", "Svaret publiseres til alle som «Spørsmål og svar nr. N», og assistenten svarer ut fra det med en gang.",
      "Publiser").then(function (yes) {
      if (!yes) return;
      return C.api("/api/qa/answers/" + row.id + "/publish", { method: "POST" }).then(function (published) {
        done("Publisert som Spørsmål og svar nr. " + published.number + ".");
      });
    }).catch(editorError);
  }
  function withdraw(row) {
    C.confirm("Trekke tilbake spørsmål og svar nr. " + row.number + "?", "Svaret fjernes fra Spørsmål og svar og fra assistenten. Nummeret brukes ikke igjen.",
      "Trekk tilbake").then(function (yes) {
      if (!yes) return;
      return C.api("/api/qa/answers/" + row.id + "/withdraw", { method: "POST" }).then(function () {
        done("Spørsmål og svar nr. " + row.number + " er trukket tilbake.");
      });
    }).catch(report);
  }
  function done(message) {
    $("editor").hidden = true;
    editing = null;
    $("status").textContent = message;
    loadAnswers().then(function () { $("answers-title").setAttribute("tabindex", "-1"); $("answers-title").focus(); });
  }
  function editorError(err) {
    if (err.message === "auth") return;
    var text = err.status === 403 ? "Bare en administrator kan publisere. Lagre svaret som utkast." :
      /personal data/.test(err.message) ? "Spørsmålet inneholder fortsatt personopplysninger (e-post, telefon- eller " +
      "fødselsnummer). Fjern dem før svaret publiseres til alle." : err.message;
    if ($("editor").hidden) $("status").textContent = text; else $("editor-error").textContent = text;
  }
  function report(err) { if (err && err.message !== "auth") $("status").textContent = "Noe gikk galt: " + err.message; }

  C.onSignOut = function () { $("list").textContent = ""; $("answers").textContent = ""; $("editor").hidden = true; $("status").textContent = ""; };
  ["view", "answered", "reason", "feedback", "date_from", "date_to"].forEach(function (name) { $(name).addEventListener("change", load); });
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); load(); });
  $("download").addEventListener("click", download);
  $("editor-form").addEventListener("submit", save);
  $("preview-btn").addEventListener("click", preview);
  $("publish").addEventListener("click", publishFromEditor);
  $("cancel").addEventListener("click", closeEditor);
  C.start(ready);
})();
