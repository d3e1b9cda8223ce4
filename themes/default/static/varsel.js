// Expiry without waiting for a rebuild: every notice carries its publish
// window (data-publish-from / data-publish-until, RFC 3339). A notice whose
// window has closed is hidden (a notice is never hidden for opening "too
// early": the build decided it is published, and client clocks lag); one
// whose start has passed is shown as
// ongoing. Checked on load and every minute. `?now=<RFC 3339>` sets the
// page clock (for tests and previews), or else `<meta name="varsel-now">`
// (which only `varsel serve` adds, for a preview at a fixed moment); it then
// runs on from that instant.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="varsel-now"]');
  var param = new URLSearchParams(window.location.search).get("now") ||
    (meta && meta.getAttribute("content"));
  var forced = param ? Date.parse(param) : NaN;
  var offset = isNaN(forced) ? 0 : forced - Date.now();

  function now() {
    return Date.now() + offset;
  }

  function time(el, name) {
    var value = el.getAttribute(name);
    return value ? Date.parse(value) : NaN;
  }

  function check() {
    var t = now();
    var notices = document.querySelectorAll("[data-notice]");
    var visible = 0;
    for (var i = 0; i < notices.length; i++) {
      var el = notices[i];
      var until = time(el, "data-publish-until");
      var closed = !isNaN(until) && t >= until;
      el.hidden = closed;
      if (!closed) {
        visible++;
      }
      var start = time(el, "data-start");
      if (!closed && el.getAttribute("data-status") === "upcoming" && !isNaN(start) && t >= start) {
        el.setAttribute("data-status", "ongoing");
        el.classList.remove("notice-upcoming");
        el.classList.add("notice-ongoing");
        var label = el.querySelector("[data-status-label]");
        if (label) {
          label.textContent = label.getAttribute("data-ongoing-label");
          label.className = "status status-ongoing";
        }
      }
    }
    var expired = document.querySelector("[data-expired-message]");
    if (expired) {
      expired.hidden = visible > 0;
    }
    var empty = document.querySelector("[data-empty-state]");
    if (empty && notices.length > 0) {
      empty.hidden = visible > 0;
    }
    var sections = document.querySelectorAll("section[aria-labelledby^='h-']");
    for (var j = 0; j < sections.length; j++) {
      var inside = sections[j].querySelectorAll("[data-notice]");
      if (inside.length === 0) {
        continue;
      }
      var shown = 0;
      for (var k = 0; k < inside.length; k++) {
        if (!inside[k].hidden) {
          shown++;
        }
      }
      sections[j].hidden = shown === 0;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
  window.setInterval(check, 60 * 1000);
})();
