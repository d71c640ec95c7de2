// Progress of an Excel import (imports/detail.html): polls the job's JSON endpoint and
// reloads the page once the worker is done. A static file: the CSP forbids inline scripts.
(function () {
  "use strict";
  var timer = null;

  function poll(box) {
    var url = box.getAttribute("data-kt-import-progress");
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-kt-progress-text]");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (!data.running) {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.max = data.total_rows || 1;
          bar.value = data.rows_done;
        }
        if (text) text.textContent = data.rows_done + " / " + data.total_rows + " dòng";
      })
      .catch(function () {});
  }

  function start() {
    if (timer) {
      window.clearInterval(timer);
      timer = null;
    }
    var box = document.querySelector("[data-kt-import-progress]");
    if (!box) return;
    timer = window.setInterval(function () {
      if (!document.body.contains(box)) {
        window.clearInterval(timer);
        timer = null;
        return;
      }
      poll(box);
    }, 1500);
  }

  document.addEventListener("turbo:load", start);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
