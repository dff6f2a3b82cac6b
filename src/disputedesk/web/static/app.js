// DisputeDesk: small progressive enhancements; every page works without them.
(function () {
  // Show times in the viewer's zone: remember the browser's time zone for the server.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=" + tz) === -1) {
      document.cookie = "tz=" + tz + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* keep UTC */ }

  // A form sent back with a message keeps what was typed: the server names the form (its action)
  // and the values sent; fields the page left empty get them again, and the form is opened.
  document.addEventListener("DOMContentLoaded", function () {
    var posted = document.getElementById("posted-form");
    if (!posted) return;
    var p;
    try { p = JSON.parse(posted.textContent); } catch (e) { return; }
    document.querySelectorAll("form").forEach(function (f) {
      if (f.getAttribute("action") !== p.action) return;
      Object.keys(p.values || {}).forEach(function (name) {
        var el = f.elements.namedItem(name);
        var v = p.values[name];
        if (!el || !("value" in el) || el.length !== undefined && el.tagName !== "SELECT") return;
        if (typeof v !== "string" || /^(file|password|hidden|checkbox|radio)$/.test(el.type)) return;
        el.value = v;
      });
      for (var d = f.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    });
  });

  document.addEventListener("change", function (ev) {
    if (ev.target.classList && ev.target.classList.contains("autosubmit")) ev.target.form.submit();
  });

  // A refused request (4xx/5xx) must not fail silently: show the server's message (an error
  // fragment, e.g. a share link without the right to import) where the answer would have gone.
  document.addEventListener("htmx:beforeSwap", function (ev) {
    if (ev.detail.xhr && ev.detail.xhr.status >= 400) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });

  // Upload progress bar for the evidence upload form.
  document.addEventListener("htmx:xhr:progress", function (ev) {
    var bar = document.getElementById("upload-progress");
    if (bar && ev.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round((ev.detail.loaded / ev.detail.total) * 100);
    }
  });
  document.addEventListener("htmx:afterRequest", function (ev) {
    var bar = document.getElementById("upload-progress");
    if (bar) bar.hidden = true;
    // After an upload: clear the chosen files and show the new count and list at once.
    var form = ev.detail && ev.detail.elt;
    if (form && form.id === "upload-form" && ev.detail.successful) {
      form.reset();
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          ["evidence-count", "evidence-table"].forEach(function (id) {
            var fresh = doc.getElementById(id), old = document.getElementById(id);
            if (fresh && old) old.replaceWith(fresh);
          });
        });
    }
  });
})();
