// Similar existing items while a question or a consultation is being written: after a pause in typing,
// fetch /search/similar (an HTML fragment) and show it in the polite live region. Without JavaScript the
// <noscript> link opens the same search as a page of its own.
(function () {
  "use strict";
  var DELAY = 500; // ms after the last keystroke
  var MAX_CHARS = 300; // a GET request line must stay short: title first, then the start of the body
  var MIN_CHARS = 2;

  function init(region) {
    var results = region.querySelector("[data-similar-results]");
    var fields = region.dataset.similarFields.split(" ")
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    var timer = null;
    var controller = null;
    var last = "";

    function text() {
      return fields.map(function (f) { return f.value.trim(); }).join("\n").slice(0, MAX_CHARS).trim();
    }

    function run() {
      var current = text();
      if (current === last) { return; }
      last = current;
      if (controller) { controller.abort(); }
      if (current.length < MIN_CHARS) { results.innerHTML = ""; return; }
      controller = new AbortController();
      var params = new URLSearchParams({ "for": region.dataset.similarFor, text: current, fragment: "1" });
      fetch(region.dataset.similarUrl + "?" + params.toString(), {
        signal: controller.signal,
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
      })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { results.innerHTML = html; })
        .catch(function () { /* aborted by newer typing, or offline: keep what is shown */ });
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(run, DELAY);
      });
    });
    if (text().length >= MIN_CHARS) { run(); } // a form sent back with errors keeps its text
  }

  document.querySelectorAll("[data-similar]").forEach(init);
})();
