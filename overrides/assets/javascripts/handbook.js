// Interactive checklists, print and reset buttons. Ticks live in this browser's localStorage,
// keyed by checklist id and item key (a hash of the item's text), so reordering items or adding
// others keeps every tick where it belongs. Nothing is sent anywhere.
(function () {
  "use strict";
  var PREFIX = "rm-check:";

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null; // private mode or storage disabled: boxes still tick, they just don't persist
    }
  }

  function keyOf(box) {
    var list = box.closest("[data-checklist]");
    return PREFIX + list.getAttribute("data-checklist") + ":" + box.getAttribute("data-item");
  }

  function bindBoxes(store) {
    document.querySelectorAll(".rm-checks input[type=checkbox]").forEach(function (box) {
      if (store) box.checked = store.getItem(keyOf(box)) === "1";
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(keyOf(box), "1");
        else store.removeItem(keyOf(box));
      });
    });
  }

  function bindButtons(store) {
    document.querySelectorAll(".rm-print").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".rm-reset").forEach(function (button) {
      button.addEventListener("click", function () {
        document.querySelectorAll(".rm-checks input[type=checkbox]").forEach(function (box) {
          box.checked = false;
          if (store) store.removeItem(keyOf(box));
        });
        var status = button.parentNode.querySelector(".rm-status");
        if (status) status.textContent = button.getAttribute("data-done");
      });
    });
  }

  function init() {
    // document$ may emit more than once for the same page; bind each page only once.
    if (document.body.hasAttribute("data-rm-ready")) return;
    document.body.setAttribute("data-rm-ready", "");
    var store = storage();
    bindBoxes(store);
    bindButtons(store);
  }

  // Material publishes document$ for every page load (also with instant navigation).
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
