// Narrows the partner check boxes to the names that match what is typed (kanji, kana or the
// English name, in any case).
// Progressive enhancement: without this script the filter stays hidden and every box is shown.
(function () {
  "use strict";
  function folded(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (ch) {
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
      var query = folded(input.value.trim());
      var matching = 0;
      var ticked = 0;
      items.forEach(function (item) {
        var chosen = item.querySelector("input").checked;
        var match = folded(item.dataset.names).indexOf(query) !== -1;
        item.hidden = !(match || chosen || !query);
        if (match) matching += 1;
        if (chosen) ticked += 1;
      });
      picker.querySelectorAll(".partner-picker__group").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      status.textContent = query ? status.dataset.statusTemplate.replace("{n}", String(matching)).replace("{k}", String(ticked)) : "";
    });
  });
})();
