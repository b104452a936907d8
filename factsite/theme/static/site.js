// factsite: opens a citation's provenance in a panel beside its marker.
// Without JavaScript the markers are plain links to the footnotes, which hold the same content.
(function () {
  "use strict";
  var open = null; // {panel, marker}

  function close(returnFocus) {
    if (!open) return;
    var marker = open.marker;
    open.panel.remove();
    marker.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) marker.focus();
  }

  function show(marker) {
    var note = document.getElementById(marker.getAttribute("data-note"));
    if (!note) return;
    var panel = document.createElement("div");
    panel.className = "cite-panel";
    panel.id = "panel-" + marker.id;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Source for citation " + marker.textContent.replace(/\D+/g, ""));
    panel.tabIndex = -1;
    var body = note.querySelector(".note-body");
    panel.appendChild(body.cloneNode(true));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "close";
    button.setAttribute("aria-label", "Close");
    button.textContent = "×";
    button.addEventListener("click", function () { close(true); });
    panel.insertBefore(button, panel.firstChild);
    // beside the marker: right after the claim it belongs to
    var claim = marker.closest("p, li, blockquote") || marker.parentNode;
    claim.parentNode.insertBefore(panel, claim.nextSibling);
    marker.setAttribute("aria-expanded", "true");
    marker.setAttribute("aria-controls", panel.id);
    open = { panel: panel, marker: marker };
    panel.focus();
  }

  document.addEventListener("click", function (event) {
    var marker = event.target.closest && event.target.closest("a.cite-ref");
    if (marker) {
      event.preventDefault();
      var same = open && open.marker === marker;
      close(false);
      if (!same) show(marker);
      else marker.focus();
      return;
    }
    if (open && !open.panel.contains(event.target)) close(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  });

  var markers = document.querySelectorAll("a.cite-ref");
  for (var i = 0; i < markers.length; i++) markers[i].setAttribute("aria-expanded", "false");
})();
