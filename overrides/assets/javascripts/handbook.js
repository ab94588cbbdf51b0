// Interactive checklists, fill-in fields, print, reset and export buttons. Everything stays in this
// browser: ticks and typed text live in localStorage, the export is a file made here. Nothing is sent.
// Ticks are keyed by checklist id and item key (a hash of the item's text), so reordering items or
// adding others keeps every tick where it belongs. Fields are keyed by their form, which carries a
// hash of the template: when a template changes, its fields start empty instead of showing stale text.
(function () {
  "use strict";
  var PREFIX = "rm-check:";
  var FIELD_PREFIX = "rm-field:";

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

  function fieldKey(field) {
    return FIELD_PREFIX + field.getAttribute("data-form") + ":" + field.getAttribute("data-field");
  }

  function boxes() {
    return document.querySelectorAll(".rm-checks input[type=checkbox]");
  }

  function fields() {
    return document.querySelectorAll("[data-field]");
  }

  // Print shows a textarea's text in a plain block (a textarea would cut it off), or ruled lines when empty.
  function mirror(field) {
    var notes = field.closest(".rm-notes");
    if (!notes) return;
    notes.querySelector(".rm-typed").textContent = field.value;
    notes.classList.toggle("rm-filled", field.value.trim() !== "");
  }

  function bindBoxes(store) {
    boxes().forEach(function (box) {
      if (store) box.checked = store.getItem(keyOf(box)) === "1";
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(keyOf(box), "1");
        else store.removeItem(keyOf(box));
      });
    });
  }

  function bindFields(store) {
    fields().forEach(function (field) {
      if (store) field.value = store.getItem(fieldKey(field)) || "";
      mirror(field);
      field.addEventListener("input", function () {
        mirror(field);
        if (!store) return;
        if (field.value) store.setItem(fieldKey(field), field.value);
        else store.removeItem(fieldKey(field));
      });
    });
  }

  function reset(store) {
    boxes().forEach(function (box) {
      box.checked = false;
      if (store) store.removeItem(keyOf(box));
    });
    fields().forEach(function (field) {
      field.value = "";
      mirror(field);
      if (store) store.removeItem(fieldKey(field));
    });
  }

  function headingText(h) {
    var copy = h.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  // The page's ticks and fields as Markdown, grouped under the headings they stand under.
  function asMarkdown() {
    var article = document.querySelector("article") || document.body;
    var out = ["# " + headingText(article.querySelector("h1")), ""];
    var pending = null;
    article.querySelectorAll("h2, h3, .rm-checks input[type=checkbox], [data-field]").forEach(function (el) {
      if (/^H[23]$/.test(el.tagName)) { pending = "#" + "#".repeat(Number(el.tagName[1]) - 1) + " " + headingText(el); return; }
      if (pending) { out.push(pending, ""); pending = null; }
      if (el.type === "checkbox") {
        out.push("- [" + (el.checked ? "x" : " ") + "] " + el.labels[0].textContent.trim());
      } else {
        var value = el.value.trim();
        out.push("**" + el.getAttribute("data-label") + ":** " + (value.indexOf("\n") < 0 ? value : "\n\n" + value), "");
      }
    });
    return out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function bindButtons(store) {
    document.querySelectorAll(".rm-print").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".rm-reset").forEach(function (button) {
      button.addEventListener("click", function () {
        reset(store);
        var status = button.parentNode.querySelector(".rm-status");
        if (status) status.textContent = button.getAttribute("data-done");
      });
    });
    document.querySelectorAll(".rm-export").forEach(function (button) {
      button.addEventListener("click", function () { download(button.getAttribute("data-file"), asMarkdown()); });
    });
  }

  function init() {
    // document$ may emit more than once for the same page; bind each page only once.
    if (document.body.hasAttribute("data-rm-ready")) return;
    document.body.setAttribute("data-rm-ready", "");
    var store = storage();
    bindBoxes(store);
    bindFields(store);
    bindButtons(store);
  }

  // Material publishes document$ for every page load (also with instant navigation).
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
