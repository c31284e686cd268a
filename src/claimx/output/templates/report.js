// claimx report filters: without JavaScript the form stays hidden and everything is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var fold = function (s) { return (s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); };
  var has = function (keys, want) { return !want || keys === undefined || keys.indexOf(want) >= 0; };
  function apply() {
    var type = form.elements.namedItem("type").value, lang = form.elements.namedItem("lang").value;
    var entity = fold(form.elements.entity.value), source = fold(form.elements.source.value);
    var floor = parseFloat(form.elements.confidence.value) || 0, shown = 0, total = 0;
    form.elements.shown.value = floor.toFixed(2);
    if (type || lang || entity || source || floor > 0) {  // a match may be among the items folded away
      document.querySelectorAll("details.more").forEach(function (d) { d.open = true; });
    }
    document.querySelectorAll("[data-f]").forEach(function (el) {
      var d = el.dataset;
      el.hidden = !((!type || !d.type || d.type === type) && has(d.entities, entity) && has(d.sources, source)
        && (!lang || d.langs === undefined || d.langs.split("|").indexOf(lang) >= 0)
        && (d.confidence === undefined || parseFloat(d.confidence) >= floor));
    });
    document.querySelectorAll("article[data-f]").forEach(function (card) {
      var rows = card.querySelectorAll(".tl-row[data-f]");
      if (rows.length && !card.hidden) { card.hidden = !Array.prototype.some.call(rows, function (r) { return !r.hidden; }); }
      total += 1; shown += card.hidden ? 0 : 1;
    });
    document.querySelectorAll("section[data-section]").forEach(function (sec) {
      var cards = sec.querySelectorAll("article[data-f]");
      var none = sec.querySelector(".none");
      if (none) { none.hidden = !cards.length || Array.prototype.some.call(cards, function (c) { return !c.hidden; }); }
    });
    document.getElementById("filter-status").textContent = shown === total ? "" : shown + " of " + total + " shown";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  apply();
})();
