/*! Procurement assistant chat widget for Løkenåsveien 45 — one self-contained file, no dependencies.
 * Embed:  <script src="https://HOST/widget.js" data-api="https://HOST" data-lang="nb"
 *           data-position="bottom-right" data-title="…" data-greeting="…" data-color="#005a87" defer></script>
 * Talks only to data-api (default: the origin this file came from); no cookies, no other requests.
 * Styles live in a Shadow DOM, so the host page and the widget cannot restyle each other.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || document.querySelector("procurement-assistant")) return;

  var TEXTS = {
    nb: {
      launcher: "Spør om anskaffelsen", title: "Spør om anskaffelsen",
      greeting: "Hei! Jeg svarer på spørsmål om anskaffelsen «Løkenåsveien 45, trinn 2», bare ut fra publiserte dokumenter og alltid med kilder.",
      privacy: "Ikke skriv personopplysninger i spørsmålet.",
      starters: ["Hva er målet med anskaffelsen?", "Når var dialogkonferansen?", "Hvem kan jeg kontakte?"],
      startersLabel: "Forslag til spørsmål", label: "Ditt spørsmål", hint: "Enter sender, Shift+Enter gir ny linje.",
      send: "Send", close: "Lukk", reset: "Ny samtale", conversation: "Samtale", you: "Du skrev:", bot: "Svar:",
      thinking: "Leter i dokumentene …", notFound: "Ikke i dokumentene", sources: "Kilder", channel: "Hvor du kan spørre",
      page: "side", passage: "vis utdraget", same: "samme kilde som", newTab: "(åpnes i ny fane)", helpful: "Var svaret nyttig?", up: "Ja", down: "Nei",
      upName: "Ja, svaret var nyttig", downName: "Nei, svaret var ikke nyttig", thanks: "Takk!",
      feedbackFailed: "Kunne ikke sende tilbakemeldingen.", error: "Beklager, noe gikk galt. Prøv igjen litt senere.",
      invalid: "Skriv et spørsmål på høyst 2000 tegn.", busy: "Det kommer mange spørsmål akkurat nå. Vent litt og prøv igjen."
    },
    en: {
      launcher: "Ask about the procurement", title: "Ask about the procurement",
      greeting: "Hi! I answer questions about the procurement “Løkenåsveien 45, stage 2”, only from published documents and always with sources.",
      privacy: "Please do not write personal data in your question.",
      starters: ["What is the goal of the procurement?", "When was the dialogue conference?", "Who can I contact?"],
      startersLabel: "Suggested questions", label: "Your question", hint: "Enter sends, Shift+Enter adds a line.",
      send: "Send", close: "Close", reset: "New conversation", conversation: "Conversation", you: "You wrote:", bot: "Answer:",
      thinking: "Searching the documents …", notFound: "Not in the documents", sources: "Sources", channel: "Where to ask",
      page: "page", passage: "show the passage", same: "same source as", newTab: "(opens in a new tab)", helpful: "Was this answer helpful?", up: "Yes", down: "No",
      upName: "Yes, the answer was helpful", downName: "No, the answer was not helpful", thanks: "Thanks!",
      feedbackFailed: "Could not send the feedback.", error: "Sorry, something went wrong. Please try again later.",
      invalid: "Write a question of at most 2000 characters.", busy: "Many questions right now. Please wait a moment and try again."
    }
  };
  /* Designsystemet's tokens (@digdir/designsystemet-theme 1.11.0, light scheme, the size mode "sm"), copied here
   * because the widget loads nothing else; tests/browser/test_designsystemet.py checks them against ds/theme.css. */
  var DS = {
    "accent-base-default": "#0062BA", "accent-background-tinted": "#eef4fa", "neutral-text-default": "#292c30",
    "neutral-text-subtle": "#5b5d60", "neutral-border-default": "#77797b", "neutral-border-subtle": "#bbbcbd",
    "neutral-background-default": "#ffffff", "neutral-background-tinted": "#f3f3f4", "neutral-surface-tinted": "#e8e8e9",
    "warning-surface-tinted": "#fae6c6", "warning-border-default": "#a56d13", "warning-text-default": "#3c2807",
    "danger-surface-tinted": "#f8e4e4", "danger-border-default": "#ce4d4d", "danger-text-default": "#590d0d",
    "focus-inner": "#ffffff", "focus-outer": "#292c30",
    "font-family": "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    "font-size-2": "0.875rem", "font-size-3": "1rem", "font-size-4": "1.125rem",
    "border-radius-md": "0.25rem", "border-radius-lg": "0.5rem", "border-radius-xl": "0.75rem", "border-radius-full": "624.9375rem",
    "border-width-focus": "3px"
  };
  var data = script.dataset;
  var pageLang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
  var lang = /^en/.test((data.lang || pageLang).toLowerCase()) ? "en" : "nb";
  var T = TEXTS[lang];
  /* The fixed texts around a message follow the language the API answered in (lang "en" for an English
   * question), so an English asker sees "Sources", not "Kilder", on a Norwegian page; else data-lang. */
  function tx(l) { return TEXTS[/^en/.test(l || "") ? "en" : /^(nb|nn|no)/.test(l || "") ? "nb" : lang]; }
  var api = apiBase(data.api, script.src);
  var storeKey = "procurement-assistant:" + api;
  var colors = palette(data.color || DS["accent-base-default"]);
  var state = load();
  var busy = false, ids = 0;

  function apiBase(given, src) {
    try {
      var url = new URL(given || src, src);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("bad scheme");
      return given ? url.href.replace(/\/+$/, "") : url.origin;
    } catch (e) { return location.origin; }
  }

  /* ---------- colours: readable text on any custom colour (WCAG contrast) ---------- */
  function rgb(hex) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((hex || "").trim());
    if (!m) return null;
    var h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    return [0, 2, 4].map(function (i) { return parseInt(h.substr(i, 2), 16); });
  }
  function luminance(c) {
    var l = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }
  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function css(c) { return "rgb(" + c.join(",") + ")"; }
  function palette(hex) {
    var accent = rgb(hex) || rgb(DS["accent-base-default"]), white = [255, 255, 255], black = [0, 0, 0], ink = accent;
    while (contrast(ink, white) < 4.6) ink = ink.map(function (v) { return Math.floor(v * 0.9); });
    return { accent: css(accent), on: css(contrast(accent, white) >= contrast(accent, black) ? white : black), ink: css(ink) };
  }

  /* ---------- DOM helpers: text always goes in as text, never as HTML ---------- */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") el.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) el.append(arguments[i]);
    return el;
  }
  function icon(path, cls) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), p = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon " + (cls || "")); p.setAttribute("d", path); svg.append(p);
    return svg;
  }
  var CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6v2h2v-2zm4 0v2h2v-2zm4 0v2h2v-2z";
  var THUMB = "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7c.1-.3.2-.5.2-.8v-2z";
  var INFO = "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z";
  var CROSS = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";

  /* ---------- storage: the conversation survives a reload, within this tab only ---------- */
  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storeKey) || "null");
      if (saved && Array.isArray(saved.messages)) {
        saved.messages = saved.messages.filter(function (m) { return !m.pending; });
        return saved;
      }
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { open: false, messages: [] };
  }
  function save() {
    try {
      var kept = state.messages.filter(function (m) { return !m.pending; }).slice(-60);
      sessionStorage.setItem(storeKey, JSON.stringify({ open: state.open, messages: kept }));
    } catch (e) { /* storage full or blocked: the conversation lives in memory only */ }
  }

  /* ---------- building the widget ---------- */
  var host = h("procurement-assistant", { lang: lang });
  host.style.setProperty("all", "initial", "important");
  var root = host.attachShadow({ mode: "open" });
  var STYLE = [
    ":host{all:initial;font-size:medium}",
    ".w{" + Object.keys(DS).map(function (k) { return "--ds-" + k.replace(/^(accent|neutral|warning|danger|focus)-/, "color-$1-") + ":" + DS[k]; }).join(";") +
      ";--accent:" + colors.accent + ";--on:" + colors.on + ";--ink:" + colors.ink +
      ";font-family:var(--ds-font-family);font-size:var(--ds-font-size-3);line-height:1.5;color:var(--ds-color-neutral-text-default)}",
    ".w *{box-sizing:border-box}",
    ".sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
    "button,textarea{font:inherit;color:inherit}",
    "button{cursor:pointer;min-height:2.75em}",
    ":focus-visible{outline:var(--ds-border-width-focus) solid var(--ds-color-focus-outer);outline-offset:var(--ds-border-width-focus);box-shadow:0 0 0 var(--ds-border-width-focus) var(--ds-color-focus-inner)}",
    ".icon{width:1.25em;height:1.25em;fill:currentColor;flex:none}",
    ".launcher{position:fixed;bottom:1.25em;right:1.25em;z-index:2147483000;display:inline-flex;align-items:center;gap:.5em;padding:.6em 1.1em;border:2px solid var(--on);border-radius:var(--ds-border-radius-full);background:var(--accent);color:var(--on);font-weight:600;box-shadow:0 2px 10px rgba(0,0,0,.3);max-width:calc(100vw - 2.5em)}",
    ".launcher:focus-visible{outline-offset:var(--ds-border-width-focus)}",
    ".left .launcher,.left .panel{right:auto;left:1.25em}",
    ".panel{position:fixed;bottom:5.25em;right:1.25em;z-index:2147483001;width:25em;max-width:calc(100vw - 2.5em);height:38em;max-height:calc(100vh - 7em);display:flex;flex-direction:column;background:var(--ds-color-neutral-background-default);border:1px solid var(--ds-color-neutral-border-default);border-radius:var(--ds-border-radius-xl);box-shadow:0 10px 30px rgba(0,0,0,.25);overflow:hidden;animation:in .18s ease-out}",
    ".panel[hidden]{display:none}",
    "@keyframes in{from{opacity:0;transform:translateY(.5em)}}",
    ".head{display:flex;align-items:center;gap:.25em;padding:.35em .4em .35em 1em;background:var(--accent);color:var(--on)}",
    ".head h2{flex:1;margin:0;font-size:var(--ds-font-size-4);line-height:1.3}",
    ".head button{background:transparent;border:2px solid transparent;border-radius:var(--ds-border-radius-md);padding:.25em .5em;display:inline-flex;align-items:center;gap:.3em}",
    ".head button:hover{border-color:var(--on)}",
    ".head .reset{border:1px solid var(--on);font-size:.9em;min-height:2.4em}",
    ".head :focus-visible{outline-offset:-3px;box-shadow:inset 0 0 0 6px var(--ds-color-focus-inner)}",
    ".log{flex:1;overflow-y:auto;overflow-x:hidden;padding:1em;display:flex;flex-direction:column;gap:.75em}",
    ".msg{max-width:92%;padding:.6em .8em;border-radius:var(--ds-border-radius-lg);overflow-wrap:anywhere}",
    ".msg p{margin:0 0 .4em}.msg p:last-child{margin:0}",
    ".user{align-self:flex-end;background:var(--ds-color-accent-background-tinted);border:1px solid var(--ds-color-neutral-border-subtle)}",
    ".bot{align-self:flex-start;background:var(--ds-color-neutral-background-tinted);border-left:4px solid var(--ink)}",
    ".nf{background:var(--ds-color-warning-surface-tinted);border-left:4px dashed var(--ds-color-warning-border-default)}",
    ".badge{display:inline-flex;align-items:center;gap:.3em;width:max-content;max-width:100%;margin-bottom:.35em;padding:.05em .5em;border:1px solid var(--ds-color-warning-border-default);border-radius:var(--ds-border-radius-full);color:var(--ds-color-warning-text-default);background:var(--ds-color-neutral-background-default);font-size:var(--ds-font-size-2);font-weight:600}",
    ".err{align-self:stretch;background:var(--ds-color-danger-surface-tinted);border-left:4px solid var(--ds-color-danger-border-default);color:var(--ds-color-danger-text-default)}",
    ".thinking{font-style:italic;color:var(--ds-color-neutral-text-subtle)}",
    ".fn{font-size:.75em;line-height:0;color:var(--ds-color-neutral-text-subtle)}",
    ".src{margin:.5em 0 0;font-size:var(--ds-font-size-2)}.src p{margin:0;font-weight:600}",
    ".src ol{margin:.2em 0 0;padding-left:1.6em}.src li{margin:.15em 0}",
    "a{color:var(--ink);text-decoration:underline}a:hover{text-decoration-thickness:2px}",
    ".fb{display:flex;flex-wrap:wrap;align-items:center;gap:.4em;margin-top:.5em;font-size:var(--ds-font-size-2)}",
    ".fb button{display:inline-flex;align-items:center;gap:.3em;min-height:2.2em;padding:.1em .6em;background:var(--ds-color-neutral-background-default);border:1px solid var(--ds-color-neutral-border-default);border-radius:var(--ds-border-radius-md)}",
    ".fb button[aria-pressed=true]{background:var(--accent);color:var(--on);border-color:var(--accent)}",
    ".down .icon{transform:rotate(180deg)}",
    ".greet{align-self:flex-start}",
    ".starters{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;align-items:flex-start;gap:.4em}",
    ".starters button{text-align:left;min-height:2.5em;padding:.35em .8em;background:var(--ds-color-neutral-background-default);color:var(--ink);border:1px solid var(--ink);border-radius:var(--ds-border-radius-full)}",
    ".starters button:hover{background:var(--ds-color-accent-background-tinted)}",
    ".form{border-top:1px solid var(--ds-color-neutral-border-subtle);padding:.6em .75em .75em;background:var(--ds-color-neutral-background-default)}",
    ".form label{display:block;font-weight:600;font-size:var(--ds-font-size-2);margin-bottom:.2em}",
    ".row{display:flex;gap:.5em;align-items:flex-end}",
    "textarea{flex:1;min-width:0;resize:none;min-height:2.75em;max-height:8em;padding:.5em .6em;border:1px solid var(--ds-color-neutral-border-default);border-radius:var(--ds-border-radius-md);background:var(--ds-color-neutral-background-default)}",
    ".send{padding:.5em 1em;border:2px solid var(--accent);border-radius:var(--ds-border-radius-md);background:var(--accent);color:var(--on);font-weight:600}",
    ".hint{margin:.3em 0 0;font-size:var(--ds-font-size-2);color:var(--ds-color-neutral-text-subtle)}",
    "@media (max-width:30em),(max-height:32em){.panel,.left .panel{inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;border:0}.msg{max-width:100%}.launcher[aria-expanded=true]{display:none}}",
    "@media (max-height:32em){.hint{display:none}.head{padding-top:.1em;padding-bottom:.1em}}",
    "@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}",
    "@media (forced-colors:active){.launcher,.send,.bot,.user,.panel{border:2px solid CanvasText}}"
  ].join("\n");
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
  } catch (e) { root.append(h("style", { text: STYLE })); }

  var live = h("div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
  var launcher = h("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "pa-panel",
    onclick: function () { setOpen(!state.open, true); } }, icon(CHAT), h("span", { text: T.launcher }));
  var title = h("h2", { id: "pa-title", text: data.title || T.title });
  var log = h("div", { class: "log", role: "region", tabindex: "0", "aria-label": T.conversation });
  var input = h("textarea", { id: "pa-input", rows: "2", maxlength: "2000", autocomplete: "off", "aria-describedby": "pa-hint",
    onkeydown: function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    } });
  var form = h("form", { class: "form", onsubmit: function (e) { e.preventDefault(); submit(); } },
    h("label", { for: "pa-input", text: T.label }),
    h("div", { class: "row" }, input, h("button", { class: "send", type: "submit", text: T.send })),
    h("p", { class: "hint", id: "pa-hint", text: T.privacy + " " + T.hint }));
  var panel = h("div", { class: "panel", id: "pa-panel", role: "dialog", "aria-labelledby": "pa-title", hidden: "" },
    h("div", { class: "head" }, title,
      h("button", { type: "button", class: "reset", onclick: reset, text: T.reset }),
      h("button", { type: "button", "aria-label": T.close, onclick: function () { setOpen(false, true); } }, icon(CROSS))),
    log, form);
  var wrap = h("div", { class: "w" + (/left/.test(data.position || "") ? " left" : ""), lang: lang,
    onkeydown: function (e) { if (e.key === "Escape" && state.open) { e.preventDefault(); setOpen(false, true); } } },
    launcher, panel, live);
  root.append(wrap);

  function setOpen(open, moveFocus) {
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) { scrollDown(); if (moveFocus) input.focus(); } else if (moveFocus) launcher.focus();
    save();
  }

  function announce(text) {
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 150);
  }

  /* ---------- messages ---------- */
  function renderAll() {
    log.textContent = "";
    var greet = h("div", { class: "msg bot greet" }, h("p", { text: data.greeting || T.greeting }));
    log.append(greet);
    if (!state.messages.length) {
      log.append(h("ul", { class: "starters", "aria-label": T.startersLabel }, ...T.starters.map(function (q) {
        return h("li", null, h("button", { type: "button", text: q, onclick: function () { ask(q); } }));
      })));
    }
    state.messages.forEach(function (m) { log.append(view(m).el); });
  }

  function view(m) {
    var t = tx(m.lang);
    if (m.role === "user") {
      return { el: h("div", { class: "msg user", lang: m.lang || lang }, h("span", { class: "sr", text: t.you + " " }), h("p", { text: m.text })) };
    }
    if (m.role === "error") return { el: h("div", { class: "msg err", role: "alert" }, h("p", { text: m.text })) };
    var text = h("p", { class: m.pending && !m.text ? "thinking" : null, text: m.pending && !m.text ? t.thinking : "" });
    var el = h("div", { class: "msg bot" + (m.answered === false ? " nf" : ""), lang: m.lang || lang, "aria-busy": m.pending ? "true" : null },
      h("span", { class: "sr", text: t.bot + " " }), text);
    if (!m.pending) finish(el, text, m);
    else if (m.text) text.textContent = m.text;
    return { el: el, text: text };
  }

  function finish(el, text, m) {
    el.className = "msg bot" + (m.answered === false ? " nf" : "");
    el.setAttribute("lang", m.lang || lang);
    el.removeAttribute("aria-busy");
    el.firstChild.textContent = tx(m.lang).bot + " ";
    text.className = "";
    fillAnswer(text, m);
    if (m.answered === false) el.insertBefore(h("p", { class: "badge" }, icon(INFO), h("span", { text: tx(m.lang).notFound })), el.children[1]);
    if (m.citations && m.citations.length) el.append(sources(m));
    if (m.answer_id) el.append(feedback(m));
  }

  /* The answer text: markers [n] become footnote numbers; quoted sentences in a non-Norwegian answer get lang="nb". */
  function fillAnswer(p, m) {
    p.textContent = "";
    var cites = {}, re = /\s?\[(\d+)\]/g, last = 0, match;
    (m.citations || []).forEach(function (c) { cites[c.n] = c; });
    while ((match = re.exec(m.text))) {
      plain(p, m.text.slice(last, match.index), m.lang !== "nb" && cites[match[1]]);
      p.append(h("sup", { class: "fn" }, " [" + match[1] + "]"));
      last = re.lastIndex;
    }
    plain(p, m.text.slice(last), null);
  }
  function plain(p, segment, cite) {
    var head = cite ? cite.quote.replace(/[.!?…]+["»”')\]]*$/, "") : "";
    var at = head ? segment.lastIndexOf(head) : -1;
    if (at < 0 || at + head.length !== segment.length) { p.append(segment); return; }
    p.append(segment.slice(0, at), h("span", { lang: "nb", text: head }));
  }

  function sources(m) {
    var id = "pa-src-" + (++ids), t = tx(m.lang);
    return h("div", { class: "src" }, h("p", { id: id, text: m.answered === false ? t.channel : t.sources }),
      h("ol", { "aria-labelledby": id }, ...m.citations.map(function (c, i) {
        var same = m.citations.slice(0, i).filter(function (o) { return href(o) === href(c); })[0];
        return h("li", { value: String(c.n) },
          same ? t.same + " " + same.n : link(href(c), h("span", { lang: "nb", text: c.title }), null, t),
          c.page ? ", " + t.page + " " + c.page : "",
          c.url || same ? " · " : "", c.url || same ? link(passage(c), t.passage, h("span", { class: "sr", text: " " + c.n }), t) : "");
      })));
  }

  function link(url, label, extra, t) {
    return h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label, extra, h("span", { class: "sr", text: " " + (t || T).newTab }));
  }
  /* The source's own address when it has a web one, else the quoted passage in the API's document view. */
  function href(c) {
    if (c.url) {
      try {
        var u = new URL(c.url);
        if (u.protocol === "https:" || u.protocol === "http:") return u.href;
      } catch (e) { /* fall through to the document view */ }
    }
    return passage(c);
  }
  function passage(c) { return api + "/documents/" + encodeURIComponent(c.doc_id) + "#chunk-" + c.chunk_id; }

  function feedback(m) {
    var status = h("span", { role: "status" }), t = tx(m.lang);
    function vote(v) {
      if (m.vote) return;
      m.vote = v; mark(); save();
      post("/api/feedback", { answer_id: m.answer_id, vote: v, comment: null }).then(function (res) {
        if (res.status !== 201 && res.status !== 204 && res.status !== 200) throw new Error(String(res.status));
        status.textContent = t.thanks;
      }).catch(function () { m.vote = null; mark(); save(); status.textContent = t.feedbackFailed; });
    }
    var up = h("button", { type: "button", class: "up", "aria-label": t.upName, onclick: function () { vote("up"); } }, icon(THUMB), h("span", { text: t.up, "aria-hidden": "true" }));
    var down = h("button", { type: "button", class: "down", "aria-label": t.downName, onclick: function () { vote("down"); } }, icon(THUMB), h("span", { text: t.down, "aria-hidden": "true" }));
    function mark() {
      up.setAttribute("aria-pressed", String(m.vote === "up"));
      down.setAttribute("aria-pressed", String(m.vote === "down"));
    }
    mark();
    if (m.vote) status.textContent = t.thanks;
    var label = "pa-fb-" + (++ids);
    return h("div", { class: "fb", role: "group", "aria-labelledby": label }, h("span", { id: label, text: t.helpful }), up, down, status);
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  /* ---------- asking: POST /api/chat/stream and read the Server-Sent Events ---------- */
  function post(path, body, accept) {
    return fetch(api + path, {
      method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: accept || "application/json" }, body: JSON.stringify(body)
    });
  }

  function submit() {
    var q = input.value.trim();
    if (!q || busy) return;
    input.value = "";
    ask(q);
  }

  function ask(question) {
    if (busy) return;
    busy = true;
    var history = state.messages.filter(function (m) { return (m.role === "user" || m.role === "assistant") && !m.pending; })
      .slice(-20).map(function (m) { return { role: m.role, content: String(m.text).slice(0, 4000) }; });
    var starters = log.querySelector(".starters");
    if (starters) starters.remove();
    var asked = guessLang(question), t = tx(asked);  // until the API says which language it answered in
    var user = { role: "user", text: question, lang: asked };
    var bot = { role: "assistant", text: "", lang: asked, pending: true };
    state.messages.push(user, bot);
    var userView = view(user), botView = view(bot);
    log.append(userView.el, botView.el);
    scrollDown(); save();
    input.focus();  // a starter button that was clicked is gone; keep focus where the next question goes

    var gotAnswer = false;
    post("/api/chat/stream", { question: question, history: history }, "text/event-stream").then(function (res) {
      if (!res.ok || !res.body) throw shown(res.status === 422 ? t.invalid : res.status === 429 ? t.busy : t.error);
      return readEvents(res.body, function (event, payload) {
        if (event === "delta") {
          bot.text += payload.text || "";
          botView.text.className = "";
          botView.text.textContent = bot.text;
          scrollDown();
        } else if (event === "answer") {
          gotAnswer = true;
          bot.text = payload.answer; bot.lang = payload.lang; bot.answered = payload.answered; bot.reason = payload.reason;
          bot.citations = payload.citations || []; bot.answer_id = payload.answer_id; delete bot.pending;
          user.lang = payload.lang;
          userView.el.setAttribute("lang", payload.lang);
          userView.el.firstChild.textContent = tx(payload.lang).you + " ";
          finish(botView.el, botView.text, bot);
          log.scrollTop = userView.el.offsetTop - log.offsetTop - 8;  // read the answer from its start
          save();
          announce((bot.answered === false ? tx(bot.lang).notFound + ". " : "") + bot.text.replace(/\s?\[\d+\]/g, ""));
        } else if (event === "error") {
          throw new Error(t.error);
        }
      });
    }).then(function () {
      if (!gotAnswer) throw new Error(t.error);
    }).catch(function (err) {
      var text = err && err.shown ? err.message : t.error;
      state.messages.splice(state.messages.indexOf(bot), 1);
      botView.el.remove();
      var e = { role: "error", text: text };
      state.messages.push(e);
      log.append(view(e).el);
      scrollDown();
    }).then(function () { busy = false; save(); });
  }

  /* A first guess at the question's language, for the texts shown before the answer arrives. */
  var ENGLISH = /^(the|what|when|who|whom|how|is|are|was|were|does|do|did|can|could|where|which|why|will|would|should|of|about|with|there|this|that|please|you|your|my|tender|deadline|budget)$/;
  function guessLang(question) {
    var words = question.toLowerCase().match(/[a-zæøå]+/g) || [];
    if (/[æøå]/.test(question.toLowerCase()) || !words.length) return lang;
    var english = words.filter(function (w) { return ENGLISH.test(w); }).length;
    return english >= 1 && english * 4 >= words.length ? "en" : lang;
  }

  function shown(text) { var err = new Error(text); err.shown = true; return err; }

  function readEvents(body, onEvent) {
    var reader = body.getReader(), decoder = new TextDecoder(), buffer = "";
    function dispatch(block) {
      var event = "message", lines = [];
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) event = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) lines.push(line.slice(5).replace(/^ /, ""));
      });
      if (lines.length) onEvent(event, JSON.parse(lines.join("\n")));
    }
    function pump() {
      return reader.read().then(function (chunk) {
        buffer = (buffer + decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done })).replace(/\r\n?/g, "\n");
        var at;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          var block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          dispatch(block);
        }
        if (!chunk.done) return pump();
        if (buffer.trim()) dispatch(buffer);
      });
    }
    return pump();
  }

  function reset() {
    state.messages = [];
    save(); renderAll(); input.focus();
  }

  function mount() {
    document.body.append(host);
    renderAll();
    if (state.open) setOpen(true, false);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
