// Shuttle's pages work without this file; it only makes the live stream resume where it left.
//
// The browser's EventSource resumes by itself after a dropped connection, sending
// Last-Event-ID. But when the server answers a reconnection with an error, the htmx sse
// extension opens a new EventSource on the page's original URL (?after=<head when the page
// loaded>), which would replay events the page already shows. So remember the last event id
// seen and open new streams after it.
(function () {
  "use strict";
  var last = null;
  document.addEventListener("htmx:sseMessage", function (event) {
    var message = event.detail;
    if (message && message.lastEventId) {
      last = message.lastEventId;
    }
  });
  document.addEventListener("htmx:sseOpen", function () {
    var state = document.getElementById("live-state");
    if (state) { state.textContent = "Live: new events appear here as they happen."; }
  });
  document.addEventListener("htmx:sseError", function () {
    var state = document.getElementById("live-state");
    if (state) { state.textContent = "Live updates interrupted; reconnecting…"; }
  });
  if (window.htmx) {
    window.htmx.createEventSource = function (url) {
      if (last !== null && /^[0-9]+$/.test(last)) {
        url = url.replace(/([?&]after=)[0-9]+/, "$1" + last);
      }
      return new EventSource(url, { withCredentials: true });
    };
  }
})();
