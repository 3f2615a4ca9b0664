// danvan: small progressive enhancements, no inline scripts (CSP script-src 'self').
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
// Unit picker: arrow-down from the search box moves focus into the results list.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (!(target instanceof HTMLElement)) return;
  var picker = target.closest("[data-picker]");
  if (!picker) return;
  var links = Array.prototype.slice.call(picker.querySelectorAll(".picker-results a"));
  if (!links.length) return;
  var index = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown") { event.preventDefault(); links[Math.min(index + 1, links.length - 1)].focus(); }
  if (event.key === "ArrowUp") { event.preventDefault(); if (index <= 0) { picker.querySelector("input").focus(); } else { links[index - 1].focus(); } }
});
// Search pickers (core/pickers.py): arrow-down from the search box moves to the chosen match, or the first; the
// arrow keys then move between the matches as radio buttons do.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.key !== "ArrowDown" || !(target instanceof HTMLInputElement) || target.type !== "search") return;
  var picker = target.closest("[data-search-picker]");
  if (!picker) return;
  var radio = picker.querySelector("input[type=radio]:checked") || picker.querySelector("input[type=radio]");
  if (radio) { event.preventDefault(); radio.focus(); }
});
// Case intake: show the petitioners' block or the denouncer's (vault) block for the chosen kind of petition.
// Without JavaScript both stay visible and the server refuses what does not fit the kind.
(function () {
  function applyKind(form) {
    var select = form.querySelector("select[name=kind]");
    if (!select) return;
    var kind = select.value;
    form.querySelectorAll("[data-kind-only]").forEach(function (block) {
      block.hidden = block.getAttribute("data-kind-only") !== kind;
    });
    form.querySelectorAll("[data-kind-except]").forEach(function (block) {
      block.hidden = block.getAttribute("data-kind-except") === kind;
    });
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.name === "kind" && target.form && target.form.classList.contains("intake-form")) {
      applyKind(target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.intake-form").forEach(applyKind);
  });
})();
// Back-office menu: a <details> folded behind "Menu" on phones. Browsers that cannot show a closed <details>'s
// content through CSS (::details-content) get it opened here on wide screens.
(function () {
  var wide = window.matchMedia("(min-width: 768px)");
  var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function apply() {
    if (supported) return;
    document.querySelectorAll("details[data-site-menu]").forEach(function (menu) { menu.open = wide.matches; });
  }
  document.addEventListener("DOMContentLoaded", apply);
  if (wide.addEventListener) wide.addEventListener("change", apply);
})();
// Tables as cards on phones (app.css, table.cards): each cell shows its column's heading as a label. Cells the
// template already labels (data-label="…") keep theirs; the others take the text of their column's <th>.
(function () {
  function label(table) {
    var headings = [];
    table.querySelectorAll("thead tr:last-child th").forEach(function (th) {
      var span = parseInt(th.getAttribute("colspan") || "1", 10);
      for (var i = 0; i < span; i++) headings.push(th.textContent.trim());
    });
    if (!headings.length) return;
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && headings[column] !== undefined && !(cell.colSpan > 1)) {
          cell.setAttribute("data-label", headings[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  }
  function labelAll(root) { (root || document).querySelectorAll("table.cards").forEach(label); }
  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { labelAll(event.target); });
})();
