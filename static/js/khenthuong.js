// Behaviour of the project's own pages, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts (docs/operations.md § Security). Loaded once; Turbo keeps it.
(function () {
  "use strict";
  if (window.khenthuongLoaded) return;
  window.khenthuongLoaded = true;

  // <a data-kt-back href="fallback">: go back one page when there is one to go back to.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-kt-back]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // <button data-kt-print>: print the page (the printable report).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-kt-print]");
    if (!button) return;
    event.preventDefault();
    window.print();
  });
})();
