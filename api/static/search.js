/* The case workers' search page: search with filters (a changed filter searches again), read a document.
 * Signing in, the API and DOM helpers come from casework.js. Server text always goes in as text. */
(function () {
  "use strict";
  var C = window.Casework, el = C.el, $ = C.$;
  var PER_PAGE = 10;
  var current = { params: null, page: 1, hits: [], opener: null };

  function ready(me, moveFocus) {
    return C.api("/api/documents").then(function (body) {
      var documents = body.documents || [];
      fillOptions($("doc_type"), unique(documents, "doc_type"), C.typeName, "Alle typer");
      var list = $("organisations");
      list.textContent = "";
      unique(documents, "organisation").forEach(function (o) { list.append(el("option", { value: o })); });
      if (moveFocus) $("q").focus();
    });
  }
  function unique(documents, field) {
    return documents.map(function (d) { return d[field]; }).filter(function (v, i, all) { return v && all.indexOf(v) === i; }).sort();
  }
  function fillOptions(select, values, label, all) {
    var chosen = select.value;
    select.textContent = "";
    select.append(el("option", { value: "", text: all }));
    values.forEach(function (v) { select.append(el("option", { value: v, text: label(v) })); });
    select.value = values.indexOf(chosen) >= 0 ? chosen : "";
  }

  /* ---------- searching ---------- */
  function searchParams() {
    var params = new URLSearchParams({ q: $("q").value.trim(), k: String(PER_PAGE) });
    var bad = null;
    ["audience", "doc_type", "organisation", "date_from", "date_to"].forEach(function (name) {
      var input = $(name), value = input.value.trim();
      if (name.indexOf("date") === 0) {
        var iso = C.parseDate(value);
        input.setAttribute("aria-invalid", String(iso === null));
        if (iso === null) { bad = bad || input; return; }
        value = iso;
      }
      if (value) params.set(name, value);
    });
    return bad ? { bad: bad } : params;
  }
  function search(moveFocus) {
    var params = searchParams();
    if (params.bad) { $("status").textContent = "Skriv datoen som dd.mm.åååå, for eksempel 07.03.2020."; params.bad.focus(); return; }
    if (!params.get("q")) { if (moveFocus) { $("status").textContent = "Skriv et søkeord."; $("q").focus(); } return; }
    run(params, 1, false);
  }
  var latest = 0;  // a slow answer to an older search must not replace a newer one
  function run(params, page, moveFocus) {
    params.set("page", String(page));
    $("status").textContent = "Søker …";
    var mine = ++latest;
    C.api("/api/search?" + params.toString()).then(function (body) {
      if (mine !== latest) return;
      current = { params: params, page: page, hits: body.hits || [], opener: null };
      showResults(body, moveFocus);
    }).catch(function (err) {
      if (mine === latest && err.message !== "auth") $("status").textContent = "Søket feilet: " + err.message;
    });
  }
  function showResults(body, moveFocus) {
    var hits = body.hits || [], per = body.per_page || PER_PAGE, page = body.page || current.page;
    var total = typeof body.total === "number" ? body.total : hits.length;
    var pages = Math.max(1, Math.ceil(total / per));
    var first = (page - 1) * per + 1;
    $("doc").hidden = true;
    $("results").hidden = false;
    var list = $("hits");
    list.textContent = "";
    hits.forEach(function (hit, i) { list.append(result(hit, i)); });
    $("status").textContent = total === 0 ? "Ingen treff for «" + body.query + "»." :
      total + " treff for «" + body.query + "». Viser " + first + "–" + (first + hits.length - 1) + ".";
    $("pageinfo").textContent = "Side " + page + " av " + pages;
    $("prev").disabled = page <= 1;
    $("next").disabled = page >= pages;
    $("prev").parentNode.hidden = total <= per;
    if (moveFocus) $("results-title").focus();
  }
  function result(hit, i) {
    var titleId = "hit-" + i;
    var open = el("button", { type: "button", class: "linkish", id: titleId, text: hit.title, onclick: function () { openDocument(hit, open); } });
    var meta = [C.badge(hit.audience), el("span", { text: C.typeName(hit.doc_type) })];
    if (hit.organisation) meta.push(el("span", { text: hit.organisation }));
    if (hit.date) meta.push(el("span", { text: C.date(hit.date) }));
    if (hit.page) meta.push(el("span", { text: "side " + hit.page }));
    if (hit.heading_path && hit.heading_path.length) meta.push(el("span", { text: hit.heading_path.join(" › ") }));
    var hasSnippet = typeof hit.snippet === "string" && hit.snippet;
    return el("li", { class: "hit" }, [el("article", { "aria-labelledby": titleId }, [
      el("h3", {}, [open]),
      el("p", { class: "meta" }, meta),
      el("p", { class: "snippet" }, [highlighted(hasSnippet ? hit.snippet : hit.text, hasSnippet ? hit.highlights : [])])
    ])]);
  }
  function highlighted(text, ranges) {
    var out = document.createDocumentFragment(), pos = 0;
    (ranges || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (r) {
      var start = Math.max(pos, r[0] | 0), end = Math.min(text.length, r[1] | 0);
      if (end <= start) return;
      out.append(text.slice(pos, start), el("mark", { text: text.slice(start, end) }));
      pos = end;
    });
    out.append(text.slice(pos));
    return out;
  }

  /* ---------- the document view ---------- */
  function openDocument(hit, opener) {
    C.api("/api/documents/" + encodeURIComponent(hit.doc_id)).then(function (doc) {
      current.opener = opener;
      $("results").hidden = true;
      $("doc").hidden = false;
      $("doc-title").textContent = doc.title;
      $("doc-badge").replaceChildren(C.badge(doc.audience));
      var rows = [["Type", C.typeName(doc.doc_type)], ["Organisasjon", doc.organisation], ["Dato", C.date(doc.date)],
        ["Språk", { nb: "Norsk bokmål", nn: "Nynorsk", en: "Engelsk" }[doc.lang] || doc.lang], ["Fil", doc.source]];
      var meta = $("doc-meta");
      meta.textContent = "";
      rows.forEach(function (row) { if (row[1]) meta.append(el("dt", { text: row[0] }), el("dd", { text: row[1] })); });
      if (doc.url) meta.append(el("dt", { text: "Kilde" }), el("dd", {}, [el("a", { class: "ds-link", href: safeUrl(doc.url), text: doc.url, rel: "noopener noreferrer" })]));
      var text = $("doc-text");
      text.textContent = "";
      text.setAttribute("lang", doc.lang || "nb");
      var found = null;
      doc.text.split(/\n{2,}/).forEach(function (para) {
        if (!para.trim()) return;
        var p = el("p", { class: "ds-paragraph", text: para });
        if (hit.text && hit.text.indexOf(para.trim()) >= 0) { p.classList.add("found"); found = found || p; }
        text.append(p);
      });
      $("status").textContent = "Viser dokumentet «" + doc.title + "».";
      $("doc-title").focus();
      if (found) found.scrollIntoView({ block: "center" });
    }).catch(function (err) { if (err.message !== "auth") $("status").textContent = "Kunne ikke åpne dokumentet: " + err.message; });
  }
  function safeUrl(url) {
    try { var u = new URL(url); return u.protocol === "https:" || u.protocol === "http:" ? u.href : "#"; } catch (e) { return "#"; }
  }
  function closeDocument() {
    $("doc").hidden = true;
    $("results").hidden = false;
    $("status").textContent = "";
    if (current.opener && current.opener.isConnected) current.opener.focus(); else $("results-title").focus();
  }

  C.onSignOut = function () { $("hits").textContent = ""; $("results").hidden = true; $("doc").hidden = true; $("status").textContent = ""; };
  $("search-form").addEventListener("submit", function (e) { e.preventDefault(); search(true); });
  ["audience", "doc_type", "organisation", "date_from", "date_to"].forEach(function (name) {
    $(name).addEventListener("change", function () { search(false); });
  });
  $("prev").addEventListener("click", function () { run(current.params, current.page - 1, true); });
  $("next").addEventListener("click", function () { run(current.params, current.page + 1, true); });
  $("back").addEventListener("click", closeDocument);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !$("doc").hidden) closeDocument(); });
  C.start(ready, { denied: "Nøkkelen gir ikke tilgang til saksbehandlersøket." });
})();
