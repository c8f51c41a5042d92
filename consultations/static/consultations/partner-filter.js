// Narrows the partner check boxes to the names that match what is typed (kanji or hiragana).
// Progressive enhancement: without this script the filter stays hidden and every box is shown.
(function () {
  "use strict";
  function hiragana(text) {
    return text.normalize("NFKC").replace(/[\u30a1-\u30f6]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) - 0x60);
    });
  }
  document.querySelectorAll(".partner-picker").forEach(function (picker) {
    var filter = picker.querySelector("[data-partner-filter]");
    var input = filter.querySelector("input");
    var status = filter.querySelector("[role=status]");
    var items = Array.prototype.slice.call(picker.querySelectorAll("li[data-names]"));
    filter.hidden = false;
    input.addEventListener("input", function () {
      var query = hiragana(input.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var ticked = item.querySelector("input").checked;
        var match = !query || ticked || hiragana(item.dataset.names).indexOf(query) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      picker.querySelectorAll(".partner-picker__group").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      status.textContent = query ? status.dataset.statusTemplate.replace("{n}", String(shown)) : "";
    });
  });
})();
