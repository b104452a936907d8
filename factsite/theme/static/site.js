// factsite: a claim's provenance in a panel under the claim (a bottom sheet on a phone), with
// its own address (#cite-N) that Back closes, and a small preview on hover or focus where
// there is a mouse. Without JavaScript the markers and pills are links to the footnotes,
// which hold the same content.
(function () {
  "use strict";
  var open = null; // {panel, trigger, claim, pushed, address}
  var canHover = !!(window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches);
  var TRIGGERS = "a.cite-ref, a.source-count";

  function claimOf(el) {
    return el.closest(".claim") || el.closest("p, li, blockquote") || el.parentNode;
  }

  // a marker opens its note; the "N sources" pill opens every note of its claim
  function notesFor(trigger) {
    var refs = trigger.classList.contains("cite-ref") ? [trigger] : claimOf(trigger).querySelectorAll("a.cite-ref");
    var seen = {}, out = [];
    for (var i = 0; i < refs.length; i++) {
      var id = refs[i].getAttribute("data-note");
      var note = document.getElementById(id);
      if (note && !seen[id]) { seen[id] = true; out.push(note); }
    }
    return out;
  }

  function addressOf(trigger) {
    return trigger.classList.contains("cite-ref")
      ? "#cite-" + trigger.id.replace(/^ref-/, "")
      : "#sources-" + trigger.getAttribute("data-claim");
  }

  function triggerFor(hash) {
    var m = /^#(cite|sources)-(.+)$/.exec(hash);
    if (!m) return null;
    var name = decodeURIComponent(m[2]);
    if (m[1] === "cite") {
      var ref = document.getElementById("ref-" + name);
      return ref && ref.classList.contains("cite-ref") ? ref : null;
    }
    var pills = document.querySelectorAll("a.source-count");
    for (var i = 0; i < pills.length; i++) if (pills[i].getAttribute("data-claim") === name) return pills[i];
    return null;
  }

  // the claim's words with their markup: a quote isolated by <bdi> stays isolated in the panel
  function claimCopy(claim) {
    var copy = claim.cloneNode(true);
    var drop = copy.querySelectorAll("sup.cite, .claim-meta, [id]");
    for (var i = 0; i < drop.length; i++) drop[i].remove();
    var out = document.createDocumentFragment();
    while (copy.firstChild) out.appendChild(copy.firstChild);
    return out;
  }

  // an interface string in the page's language (the template puts them on <body>)
  function say(name, english) {
    return document.body.getAttribute("data-t-" + name) || english;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // the quoted sentences show; the rest of the paragraph is one press away
  function addContextToggles(panel) {
    var paras = panel.querySelectorAll(".cited-paragraph");
    for (var i = 0; i < paras.length; i++) {
      if (!paras[i].querySelector(".ctx")) continue;
      var button = element("button", "ctx-toggle", say("whole", "Whole paragraph"));
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function (event) {
        var para = event.currentTarget.previousElementSibling;
        var whole = para.classList.toggle("whole");
        event.currentTarget.setAttribute("aria-expanded", whole ? "true" : "false");
      });
      paras[i].parentNode.insertBefore(button, paras[i].nextSibling);
    }
  }

  // a bottom sheet covers the lower part of the screen: bring the claim above it
  function keepClaimInView(claim, panel) {
    var sheetTop = panel.getBoundingClientRect().top;
    var rect = claim.getBoundingClientRect();
    var room = sheetTop - 16;
    var shift = rect.height <= room ? rect.top - 8 : rect.bottom - room;
    if (rect.top < 8 || rect.bottom > sheetTop - 8) window.scrollBy(0, shift);
  }

  // `history_`: "push" a new address, "replace" the current one (`pushed`: it was pushed), "none"
  function show(trigger, history_, pushed) {
    var notes = notesFor(trigger);
    if (!notes.length) return;
    var claim = claimOf(trigger);
    var panel = element("div", "cite-panel");
    panel.id = "cite-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "cite-panel-claim");
    panel.tabIndex = -1;
    var button = element("button", "close");
    button.type = "button";
    var cross = element("span", "", "×");
    cross.setAttribute("aria-hidden", "true");
    button.appendChild(cross);
    button.appendChild(element("span", "visually-hidden", say("close", "Close")));
    button.addEventListener("click", function () { close(true); });
    panel.appendChild(button);
    var said = element("p", "panel-claim");
    said.appendChild(claimCopy(claim));
    said.id = "cite-panel-claim";
    panel.appendChild(said);
    for (var i = 0; i < notes.length; i++) panel.appendChild(notes[i].querySelector(".note-body").cloneNode(true));
    addContextToggles(panel);
    claim.parentNode.insertBefore(panel, claim.nextSibling);
    trigger.setAttribute("aria-expanded", "true");
    trigger.setAttribute("aria-controls", panel.id);
    var address = addressOf(trigger);
    if (history_ === "push") {
      history.pushState({ citePanel: true }, "", address);
      pushed = true;
    } else if (history_ === "replace" && location.hash !== address) {
      history.replaceState(history.state, "", address);
    }
    open = { panel: panel, trigger: trigger, claim: claim, pushed: !!pushed, address: address };
    var sheet = window.getComputedStyle(panel).position === "fixed";
    if (sheet) {
      document.body.classList.add("sheet-open");
      keepClaimInView(claim, panel);
    }
    panel.focus({ preventScroll: sheet });
  }

  // `keepHistory`: leave the address alone (the reader is going elsewhere)
  function close(returnFocus, keepHistory) {
    if (!open) return;
    var o = open;
    open = null;
    o.panel.remove();
    o.trigger.setAttribute("aria-expanded", "false");
    o.trigger.removeAttribute("aria-controls");
    document.body.classList.remove("sheet-open");
    if (returnFocus) o.trigger.focus({ preventScroll: true });
    if (!keepHistory && location.hash === o.address) {
      if (o.pushed) history.back();
      else history.replaceState(history.state, "", location.pathname + location.search);
    }
  }

  function toggle(trigger) {
    hidePreview();
    if (open && open.trigger === trigger) {
      close(false);
      trigger.focus();
      return;
    }
    if (open) {
      // another panel: this one takes the open one's place, and its history entry
      var pushed = open.pushed;
      close(false, true);
      show(trigger, "replace", pushed);
    } else {
      show(trigger, "push");
    }
  }

  // the address decides: Back, Forward or a shared link open or close the panel
  function sync() {
    var trigger = triggerFor(location.hash);
    if (open && open.trigger === trigger) return;
    if (open) close(false, true);
    if (trigger) show(trigger, "none");
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest(TRIGGERS);
    if (trigger) {
      event.preventDefault();
      toggle(trigger);
      return;
    }
    if (open && !open.panel.contains(event.target)) {
      close(false, !!(event.target.closest && event.target.closest("a[href]")));
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (preview) {
      hidePreview();
      event.preventDefault();
      return;
    }
    // only when the reader is in the panel or at its marker: Escape elsewhere is theirs
    var at = document.activeElement;
    if (open && (open.panel.contains(at) || at === open.trigger)) {
      event.preventDefault();
      close(true);
    }
  });

  window.addEventListener("popstate", sync);

  // --- the desktop preview: source and quoted words, on hover or keyboard focus ---
  var preview = null, hideTimer = null;

  function hidePreview() {
    clearTimeout(hideTimer);
    if (preview) preview.remove();
    preview = null;
  }

  function showPreview(marker) {
    clearTimeout(hideTimer);
    if (preview && preview.marker === marker) return;
    hidePreview();
    if (open && open.trigger === marker) return;
    var note = document.getElementById(marker.getAttribute("data-note"));
    if (!note) return;
    var box = element("div", "cite-preview");
    box.setAttribute("role", "tooltip");
    box.id = "cite-preview";
    var cards = note.querySelectorAll(".card");
    for (var i = 0; i < cards.length && i < 3; i++) {
      var marks = cards[i].querySelectorAll("mark");
      var words = [];
      for (var j = 0; j < marks.length; j++) words.push(marks[j].textContent);
      var line = element("p");
      line.appendChild(element("strong", "", cards[i].querySelector(".outlet").textContent));
      if (words.length) {  // the quoted words isolated: a Persian quote in an English line, or the reverse
        line.appendChild(document.createTextNode(": “"));
        line.appendChild(element("bdi", "", words.join(" … ")));
        line.appendChild(document.createTextNode("”"));
      }
      box.appendChild(line);
    }
    if (!cards.length) box.appendChild(element("p", "", note.querySelector(".note-body").textContent.trim().slice(0, 200)));
    if (cards.length > 3) {  // the count in the page language's digits (Persian ones on a Persian page)
      var more = (cards.length - 3).toLocaleString(document.documentElement.lang || undefined);
      box.appendChild(element("p", "hint", say("more", "and %(num)s more").replace("%(num)s", more)));
    }
    box.appendChild(element("p", "hint", say("preview-hint", "Click or press Enter for the full sources")));
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", laterHide);
    (document.querySelector("main") || document.body).appendChild(box);  // inside a landmark, as axe asks
    var r = marker.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = r.bottom + window.scrollY + 6 + "px";
    box.marker = marker;
    preview = box;
  }

  function laterHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePreview, 250);
  }

  if (canHover) {
    document.addEventListener("mouseover", function (event) {
      var marker = event.target.closest && event.target.closest("a.cite-ref");
      if (marker) showPreview(marker);
    });
    document.addEventListener("mouseout", function (event) {
      var marker = event.target.closest && event.target.closest("a.cite-ref");
      if (marker) laterHide();
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("a.cite-ref")) showPreview(event.target);
    });
    document.addEventListener("focusout", function (event) {
      if (event.target.matches && event.target.matches("a.cite-ref")) hidePreview();
    });
  }

  var triggers = document.querySelectorAll(TRIGGERS);
  for (var i = 0; i < triggers.length; i++) triggers[i].setAttribute("aria-expanded", "false");
  sync();
})();
