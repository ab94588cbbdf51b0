// The search index is the largest file of the site, and most readers never search: it is fetched
// when a reader starts to search (focus or click on the search field, or a search shortcut), not
// with every page. Material's bundle creates its search worker and requests the index as soon as a
// page loads; this file, run before the bundle (after-paint.js), holds both back until then. Nothing else changes:
// the worker and the index are Material's own, fetched from this site.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER = /\/workers\/search\.[^/]*\.js(?:[?#]|$)/;
  var waiting = [];
  var wanted = false;

  function want() {
    if (wanted) return;
    wanted = true;
    var start = waiting;
    waiting = [];
    start.forEach(function (go) { go(); });
  }

  function whenWanted(go) {
    if (wanted) go(); else waiting.push(go);
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.rmSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.rmSearchIndex) return send.apply(request, args);
    whenWanted(function () { send.apply(request, args); });
  };

  // The worker: a stand-in that starts the real one on the first sign of a search, with every
  // listener and message it was given meanwhile.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!WORKER.test(String(url))) return new RealWorker(url, options);
    var listeners = [], queue = [], real = null;
    whenWanted(function () {
      real = new RealWorker(url, options);
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      queue.forEach(function (message) { real.postMessage(message); });
      queue = [];
    });
    return {
      addEventListener: function (type, listener, opts) {
        listeners.push([type, listener, opts]);
        if (real) real.addEventListener(type, listener, opts);
      },
      removeEventListener: function (type, listener, opts) {
        listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
        if (real) real.removeEventListener(type, listener, opts);
      },
      postMessage: function (message) {
        if (real) real.postMessage(message); else queue.push(message);
      },
      terminate: function () { if (real) real.terminate(); }
    };
  };

  function isSearch(target) {
    return target instanceof Element && target.closest("label[for=__search], .md-search, [data-md-toggle=search]");
  }
  document.addEventListener("focusin", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("pointerdown", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("click", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("change", function (e) { if (e.target && e.target.id === "__search") want(); }, true);
  document.addEventListener("keydown", function (e) {
    // Material's shortcuts open the search with f, s or /; typing into a form field is not one.
    var field = e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable]");
    if (!field && ["f", "s", "/"].indexOf(e.key.toLowerCase()) >= 0) want();
  }, true);
  // This file runs after the first paint (after-paint.js): a reader may have opened the search already.
  var toggle = document.getElementById("__search");
  if ((toggle && toggle.checked) || isSearch(document.activeElement)) want();
})();
