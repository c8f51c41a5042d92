// A form that came back with errors: start keyboard and screen-reader users at the list of errors.
// Loaded with `defer`, so the document is parsed when this runs.
const summary = document.querySelector(".error-summary");
if (summary) {
  summary.focus();
}
