// factsite search: Pagefind's index (pagefind/, written at build time), loaded on first use.
// Each result links to the claim or source paragraph its first matching words are in.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input) return;
  var here = location.pathname.replace(/[^/]*$/, ""); // the site's root: search.html is at the top
  var engine = null, asked = 0;
  var strings = input.closest(".search");

  // a status line in the page's language: the template's string with its %(name)s filled in
  function say(name, values) {
    return strings.getAttribute("data-t-" + name).replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", location.href).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: here }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: rebuilt as nodes
  function excerpt(html) {
    var out = document.createElement("p");
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // the claim or paragraph holding the first match: the last anchor before it
  function target(data) {
    var first = data.locations && data.locations.length ? data.locations[0] : 0;
    var best = null;
    (data.anchors || []).forEach(function (a) {
      if (a.location <= first && /^(p\d+|[a-z0-9].*)$/.test(a.id) && (!best || a.location >= best.location)) best = a;
    });
    return data.url + (best ? "#" + best.id : "");
  }

  function show(term, results, total) {
    list.textContent = "";
    results.forEach(function (data) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = target(data);
      link.textContent = (data.meta && data.meta.title) || data.url;
      var head = document.createElement("p");
      head.className = "search-title";
      head.appendChild(link);
      if (data.meta && data.meta.kind) {
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = " · " + data.meta.kind;
        head.appendChild(kind);
      }
      li.appendChild(head);
      li.appendChild(excerpt(data.excerpt || ""));
      list.appendChild(li);
    });
    status.textContent = total === 0 ? say("nothing", {term: term})
      : say(total === 1 ? "one" : "many", {num: total, term: term})
        + (total > results.length ? say("first", {num: results.length}) : ".");
  }

  function search() {
    var term = input.value.trim();
    var mine = ++asked;
    if (!term) {
      list.textContent = "";
      status.textContent = say("prompt", {});
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(term, {}, 250);
    }).then(function (found) {
      if (found === null || mine !== asked) return null; // a newer search replaced this one
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (data) {
        if (mine === asked) show(term, data, found.results.length);
      });
    }).catch(function () {
      status.textContent = say("failed", {});
    });
  }

  input.disabled = false;
  status.textContent = say("prompt", {});
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", search);
})();
