/* Shared by the case workers' pages (/search, /questions, /documents): signing in with the bearer token
 * (kept in sessionStorage for this tab only), calling the API, building DOM with text only, Norwegian labels
 * and dates. A page calls Casework.start(onSignedIn); onSignedIn(me) gets {role, document_management}. */
(function () {
  "use strict";
  var KEY = "procurement-assistant:caseworker-token";
  var TYPES = { supplier_input: "Leverandørinnspill", project_description: "Prosjektbeskrivelse", contact: "Kontakt og spørsmål",
    event: "Arrangement", stage1: "Byggetrinn 1", about: "Om assistenten", qa: "Publisert svar", document: "Dokument",
    background: "Bakgrunn", plan: "Plan", report: "Rapport", minutes: "Referat", notice: "Kunngjøring", tender: "Konkurransegrunnlag" };
  var REASONS = { no_evidence: "Ikke i dokumentene", equal_treatment: "Likebehandling", out_of_scope: "Utenfor temaet",
    greeting: "Hilsen", invalid: "Ugyldig spørsmål" };
  var $ = function (id) { return document.getElementById(id); };
  var onReady = null, denied = "Nøkkelen gir ikke tilgang til denne siden.";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined && c !== "") node.append(c); });
    return node;
  }
  function token() { try { return sessionStorage.getItem(KEY); } catch (e) { return null; } }
  function typeName(t) { return TYPES[t] || (t ? "Annen type (" + t + ")" : "Dokument"); }
  function reasonName(r) { return REASONS[r] || r || ""; }
  function badge(audience) {
    var internal = audience === "internal";
    return el("span", { class: "ds-tag badge " + (internal ? "badge-internal" : "badge-public"), "data-color": internal ? "danger" : "success",
      "data-variant": "outline", text: internal ? "Intern" : "Offentlig" });
  }
  /* 2020-03-07 or an ISO timestamp -> 07.03.2020 (timestamps in Norwegian time, with the clock). */
  function date(iso, withTime) {
    if (!iso) return "";
    if (!withTime) { var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso); return m ? m[3] + "." + m[2] + "." + m[1] : iso; }
    var d = new Date(iso);
    if (isNaN(d)) return iso;
    var parts = new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", day: "2-digit", month: "2-digit", year: "numeric",
      hour: "2-digit", minute: "2-digit" }).formatToParts(d);
    var p = {}; parts.forEach(function (x) { p[x.type] = x.value; });
    return p.day + "." + p.month + "." + p.year + " kl. " + p.hour + "." + p.minute;
  }
  /* "7.3.2020" or "07.03.2020" -> "2020-03-07"; "" -> ""; anything else -> null (invalid). */
  function parseDate(text) {
    text = (text || "").trim();
    if (!text) return "";
    var m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    if (!m) return null;
    var d = new Date(Date.UTC(+m[3], +m[2] - 1, +m[1]));
    if (d.getUTCDate() !== +m[1] || d.getUTCMonth() !== +m[2] - 1) return null;
    return d.toISOString().slice(0, 10);
  }

  function api(path, options) {
    options = options || {};
    var headers = { Authorization: "Bearer " + token(), Accept: options.accept || "application/json" };
    var body = options.body;
    if (body && !(body instanceof FormData)) { headers["Content-Type"] = "application/json"; body = JSON.stringify(body); }
    return fetch(path, { method: options.method || "GET", headers: headers, body: body, credentials: "omit", cache: "no-store" })
      .then(function (res) {
        if (res.status === 401) { signOut("Nøkkelen ble avvist. Logg inn på nytt."); throw new Error("auth"); }
        if (!res.ok) return res.json().catch(function () { return {}; }).then(function (b) {
          var detail = Array.isArray(b.detail) ? b.detail.join("; ") : b.detail;
          var err = new Error(detail || "Feil fra tjenesten (" + res.status + ").");
          err.status = res.status;
          throw err;
        });
        if (res.status === 204) return null;
        return options.raw ? res : res.json();
      });
  }

  function signIn(event) {
    event.preventDefault();
    var value = $("token").value.trim();
    if (!value) { showSignInError("Skriv inn tilgangsnøkkelen."); return; }
    try { sessionStorage.setItem(KEY, value); } catch (e) { showSignInError("Nettleseren tillater ikke lagring i økten."); return; }
    enter(true).then(function () { $("token").value = ""; }).catch(function (err) {
      if (err.message === "auth") $("token").setAttribute("aria-invalid", "true");
      else if (err.status === 403) signOut(denied);
      else showSignInError(err.message);
    });
  }
  function enter(moveFocus) {
    return api("/api/me").then(function (me) {
      $("signin").hidden = true; $("app").hidden = false; $("signout").hidden = false;
      $("token-error").textContent = ""; $("token").removeAttribute("aria-invalid");
      document.body.setAttribute("data-role", me.role);
      return onReady(me, moveFocus);
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
    document.body.removeAttribute("data-role");
    $("token-error").textContent = typeof message === "string" ? message : "";
    $("token").removeAttribute("aria-invalid");
    if (window.Casework.onSignOut) window.Casework.onSignOut();
    $("token").focus();
  }

  /* A modal confirmation (<dialog>): resolves true when confirmed; Escape or "Avbryt" resolves false.
   * Focus goes to "Avbryt" first and back to the opener afterwards. */
  function confirmDialog(title, message, confirmLabel) {
    var opener = document.activeElement;
    return new Promise(function (resolve) {
      var dialog = el("dialog", { class: "ds-dialog", id: "confirm", "aria-labelledby": "confirm-title", "aria-describedby": "confirm-text" });
      function close(answer) { dialog.close(); dialog.remove(); if (opener && opener.isConnected) opener.focus(); resolve(answer); }
      var cancel = el("button", { type: "button", class: "ds-button", "data-variant": "secondary", text: "Avbryt", onclick: function () { close(false); } });
      var ok = el("button", { type: "button", class: "ds-button", "data-variant": "primary", "data-color": "danger", id: "confirm-ok",
        text: confirmLabel, onclick: function () { close(true); } });
      dialog.append(el("h2", { class: "ds-heading", "data-size": "xs", id: "confirm-title", text: title }),
        el("p", { class: "ds-paragraph", id: "confirm-text", text: message }), el("div", { class: "actions" }, [ok, cancel]));
      dialog.addEventListener("cancel", function (e) { e.preventDefault(); close(false); });
      document.body.append(dialog);
      dialog.showModal();
      cancel.focus();
    });
  }

  function start(ready, options) {
    onReady = ready;
    if (options && options.denied) denied = options.denied;
    $("signin-form").addEventListener("submit", signIn);
    $("signout").addEventListener("click", function () { signOut("Du er logget ut."); });
    if (token()) enter(false).catch(function () { /* signed out by api() */ });
  }

  window.Casework = { el: el, api: api, token: token, typeName: typeName, reasonName: reasonName, badge: badge, date: date,
    parseDate: parseDate, signOut: signOut, confirm: confirmDialog, start: start, $: $, TYPES: TYPES, REASONS: REASONS };
})();
