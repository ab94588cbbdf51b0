// Material's bundle (114 KB) and the handbook's scripts start after the page is first painted: a
// phone shows the text before it downloads and runs them. Everything on a page reads without them;
// they add the search, the colour-scheme toggle, the table of contents that follows the reader and
// the checklists' memory. The scripts run in the order overrides/main.html lists them, as the tags
// they replace would ("module:" before an address: a module). Material starts on DOMContentLoaded, which has passed by then: once every
// script has run, the event is sent again (the handbook's own script is safe to start twice).
// Then <html data-rm-scripts> says that they have run (tests wait for it, not for the load event).
(function () {
  "use strict";
  var sources = (document.currentScript.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
  var pending = sources.length;

  function settled() {
    pending -= 1;
    if (pending > 0) return;
    if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
    document.documentElement.setAttribute("data-rm-scripts", "");
  }

  function load() {
    if (pending === 0) {
      pending = 1;
      settled();
    }
    sources.forEach(function (source) {
      var script = document.createElement("script");
      if (source.indexOf("module:") === 0) {
        script.type = "module";
        source = source.slice("module:".length);
      }
      script.src = source;
      script.async = false; // in the listed order
      script.addEventListener("load", settled);
      script.addEventListener("error", settled);
      document.body.appendChild(script);
    });
  }

  // The browser reports the first paint with text once the screen shows it (a frame callback alone
  // can come long before that on a busy phone). A page in a background tab paints nothing until it
  // is shown: its scripts load at once. Where paints are not reported, after the next frame; and
  // should none be reported, five seconds after the page has loaded.
  var started = false;
  function once() {
    if (!started) {
      started = true;
      load();
    }
  }
  var reported = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes || [];
  if (document.visibilityState === "hidden") {
    once();
  } else if (reported.indexOf("paint") >= 0) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        once();
      }
    }).observe({ type: "paint", buffered: true });
    window.addEventListener("load", function () { setTimeout(once, 5000); });
  } else {
    requestAnimationFrame(function () { setTimeout(once, 0); });
  }
})();
