// DisputeDesk: small progressive enhancements; every page works without them.
(function () {
  // Show times in the viewer's zone: remember the browser's time zone for the server.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=" + tz) === -1) {
      document.cookie = "tz=" + tz + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* keep UTC */ }

  document.addEventListener("change", function (ev) {
    if (ev.target.classList && ev.target.classList.contains("autosubmit")) ev.target.form.submit();
  });

  // Upload progress bar for the evidence upload form.
  document.addEventListener("htmx:xhr:progress", function (ev) {
    var bar = document.getElementById("upload-progress");
    if (bar && ev.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round((ev.detail.loaded / ev.detail.total) * 100);
    }
  });
  document.addEventListener("htmx:afterRequest", function () {
    var bar = document.getElementById("upload-progress");
    if (bar) bar.hidden = true;
  });
})();
