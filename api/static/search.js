/* The case workers' search page: sign in with a bearer token, search with filters, read a document.
 * Server text is always inserted as text (textContent, text nodes, <mark> built with DOM calls). */
(function () {
  "use strict";
  var KEY = "procurement-assistant:caseworker-token";
  var PER_PAGE = 10;
  var TYPES = { supplier_input: "Leverandørinnspill", project_description: "Prosjektbeskrivelse", contact: "Kontakt og spørsmål",
    event: "Arrangement", stage1: "Byggetrinn 1", about: "Om assistenten", qa: "Publisert svar", document: "Dokument" };
  var $ = function (id) { return document.getElementById(id); };
  var current = { params: null, page: 1, hits: [], opener: null };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "onclick") node.addEventListener("click", attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined && c !== "") node.append(c); });
    return node;
  }
  function token() { try { return sessionStorage.getItem(KEY); } catch (e) { return null; } }
  function typeName(t) { return TYPES[t] || t; }
  function badge(audience) {
    return el("span", { class: "badge " + (audience === "internal" ? "internal" : "public"),
      text: audience === "internal" ? "Intern" : "Offentlig" });
  }

  function api(path) {
    return fetch(path, { headers: { Authorization: "Bearer " + token(), Accept: "application/json" }, credentials: "omit",
      cache: "no-store" }).then(function (res) {
      if (res.status === 401 || res.status === 403) {
        signOut(res.status === 403 ? "Nøkkelen gir ikke tilgang til saksbehandlersøket." : "Nøkkelen ble avvist. Logg inn på nytt.");
        throw new Error("auth");
      }
      if (!res.ok) return res.json().catch(function () { return {}; }).then(function (body) {
        var detail = Array.isArray(body.detail) ? body.detail.join("; ") : body.detail;
        throw new Error(detail || "Feil fra tjenesten (" + res.status + ").");
      });
      return res.json();
    });
  }

  /* ---------- signing in and out ---------- */
  function signIn(event) {
    event.preventDefault();
    var value = $("token").value.trim();
    if (!value) { showSignInError("Skriv inn tilgangsnøkkelen."); return; }
    try { sessionStorage.setItem(KEY, value); } catch (e) { showSignInError("Nettleseren tillater ikke lagring i økten."); return; }
    api("/api/documents").then(function (body) {
      $("token").value = "";
      showApp(body.documents || []);
      $("q").focus();
    }).catch(function (err) {
      if (err.message === "auth") $("token").setAttribute("aria-invalid", "true");
      else showSignInError(err.message);
    });
  }
  function showSignInError(text) {
    $("token-error").textContent = text;
    $("token").setAttribute("aria-invalid", "true");
    $("token").focus();
  }
  function signOut(message) {
    try { sessionStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    $("app").hidden = true; $("signout").hidden = true; $("signin").hidden = false;
    $("hits").textContent = ""; $("results").hidden = true; $("doc").hidden = true; $("status").textContent = "";
    $("token-error").textContent = typeof message === "string" ? message : "";
    $("token").removeAttribute("aria-invalid");
    $("token").focus();
  }
  function showApp(documents) {
    $("signin").hidden = true; $("app").hidden = false; $("signout").hidden = false;
    $("token-error").textContent = ""; $("token").removeAttribute("aria-invalid");
    fillOptions($("doc_type"), unique(documents, "doc_type"), typeName, "Alle typer");
    var list = $("organisations");
    list.textContent = "";
    unique(documents, "organisation").forEach(function (o) { list.append(el("option", { value: o })); });
  }
  function unique(documents, field) {
    return documents.map(function (d) { return d[field]; }).filter(function (v, i, all) { return v && all.indexOf(v) === i; }).sort();
  }
  function fillOptions(select, values, label, all) {
    select.textContent = "";
    select.append(el("option", { value: "", text: all }));
    values.forEach(function (v) { select.append(el("option", { value: v, text: label(v) })); });
  }

  /* ---------- searching ---------- */
  function searchParams() {
    var params = new URLSearchParams({ q: $("q").value.trim(), k: String(PER_PAGE) });
    ["audience", "doc_type", "organisation", "date_from", "date_to"].forEach(function (name) {
      var value = $(name).value.trim();
      if (value) params.set(name, value);
    });
    return params;
  }
  function submitSearch(event) {
    event.preventDefault();
    var params = searchParams();
    if (!params.get("q")) { $("status").textContent = "Skriv et søkeord."; $("q").focus(); return; }
    run(params, 1, false);
  }
  function run(params, page, moveFocus) {
    params.set("page", String(page));
    $("status").textContent = "Søker …";
    api("/api/search?" + params.toString()).then(function (body) {
      current = { params: params, page: page, hits: body.hits || [], opener: null };
      showResults(body, moveFocus);
    }).catch(function (err) { if (err.message !== "auth") $("status").textContent = "Søket feilet: " + err.message; });
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
    $("next").disabled = typeof body.total === "number" ? page >= pages : hits.length < per;
    if (moveFocus) $("results-title").focus();
  }
  function result(hit, i) {
    var titleId = "hit-" + i;
    var open = el("button", { type: "button", id: titleId, text: hit.title, onclick: function () { openDocument(hit, open); } });
    var meta = [badge(hit.audience), el("span", { text: typeName(hit.doc_type) })];
    if (hit.organisation) meta.push(el("span", { text: hit.organisation }));
    if (hit.date) meta.push(el("span", { text: hit.date }));
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
    api("/api/documents/" + encodeURIComponent(hit.doc_id)).then(function (doc) {
      current.opener = opener;
      $("results").hidden = true;
      $("doc").hidden = false;
      $("doc-title").textContent = doc.title;
      $("doc-badge").replaceChildren(badge(doc.audience));
      var rows = [["Type", typeName(doc.doc_type)], ["Organisasjon", doc.organisation], ["Dato", doc.date],
        ["Språk", doc.lang], ["Fil", doc.source]];
      var meta = $("doc-meta");
      meta.textContent = "";
      rows.forEach(function (row) { if (row[1]) meta.append(el("dt", { text: row[0] }), el("dd", { text: row[1] })); });
      if (doc.url) meta.append(el("dt", { text: "Kilde" }), el("dd", {}, [el("a", { href: safeUrl(doc.url), text: doc.url, rel: "noopener noreferrer" })]));
      var text = $("doc-text");
      text.textContent = "";
      text.setAttribute("lang", doc.lang || "nb");
      var found = null;
      doc.text.split(/\n{2,}/).forEach(function (para) {
        if (!para.trim()) return;
        var p = el("p", { text: para });
        if (hit.text && hit.text.indexOf(para.trim()) >= 0) { p.className = "found"; found = found || p; }
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

  function start() {
    $("signin-form").addEventListener("submit", signIn);
    $("signout").addEventListener("click", function () { signOut("Du er logget ut."); });
    $("search-form").addEventListener("submit", submitSearch);
    $("prev").addEventListener("click", function () { run(current.params, current.page - 1, true); });
    $("next").addEventListener("click", function () { run(current.params, current.page + 1, true); });
    $("back").addEventListener("click", closeDocument);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !$("doc").hidden) closeDocument(); });
    if (token()) api("/api/documents").then(function (body) { showApp(body.documents || []); }).catch(function () { /* signed out */ });
  }
  start();
})();
