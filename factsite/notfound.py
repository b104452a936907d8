"""What the 404 page needs to work at any depth of the site.

GitHub Pages serves `/repo/404.html` for a missing address at any depth
(`/repo/sources/nope.html`), so the page's links cannot be relative. When the site's
URL is known (`site.yml` `url`, or `--site-url` as the Pages workflow passes it), its
links start from that URL's path (`/repo/`), which works on any host. When it is not,
the page has no stylesheet link (plain HTML reads right anywhere) and a small inline
script, allowed by its hash in the Content-Security-Policy, finds the site's root by
asking the server for the stylesheet one folder up at a time, then loads it from there
and points the links there (without JavaScript they are right at the top level).
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlsplit

from markupsafe import Markup

# tries /a/b/, /a/, / for /a/b/missing.html: the first folder holding our stylesheet is the root
PROBE = r"""(function () {
  "use strict";
  var parts = location.pathname.split("/");
  parts.pop();
  var tries = [];
  for (var i = parts.length; i >= 1; i--) tries.push(parts.slice(0, i).join("/") + "/");
  function fix(base) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = base + "static/site.css";
    document.head.appendChild(sheet);
    var links = document.querySelectorAll("a[href]");
    for (var j = 0; j < links.length; j++) {
      var href = links[j].getAttribute("href");  // relative from the root, as written for depth 0
      if (!/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) links[j].href = base + href;
    }
  }
  (function next(k) {
    if (k >= tries.length || location.protocol === "file:") return;
    fetch(tries[k] + "static/site.css", { method: "HEAD" }).then(function (r) {
      if (r.ok) fix(tries[k]); else next(k + 1);
    }, function () { next(k + 1); });
  })(0);
})();"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def site_base(url: str) -> str | None:
    """The path the site is served under ("/repo/"), from its URL; None if unknown."""
    if not url:
        return None
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def not_found_context(config) -> dict:
    """The template context of 404.html: `base` when the site's path is known, else
    the inline script with its hash."""
    base = site_base(config.url)
    if base is not None:
        return {"base": base}
    return {"base": None, "inline_script": Markup(PROBE), "csp_script": _hash(PROBE)}
