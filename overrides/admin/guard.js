// The editor page's first script (macros/site/admin.py). Sveltia CMS fetches its interface
// texts and a version check from unpkg.com: those are answered from this folder, and any other
// request to a host that is neither this site nor the repository's API is refused, so the page
// asks no one else (the Content-Security-Policy would block it too; this keeps the console clean).
// Then the configuration generated from our models (config.json) starts the editor.
(() => {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  // On a first visit the editor's own interface speaks the handbook's language, whatever the
  // browser's is (Sveltia keeps its settings in localStorage; its settings page can change it).
  const lang = document.documentElement.lang;
  if (lang && lang !== "en" && localStorage.getItem("sveltia-cms.prefs") === null) {
    localStorage.setItem("sveltia-cms.prefs", JSON.stringify({ locale: lang }));
  }
  const version = "0.221.1";  // macros/site/editor_files.py SVELTIA
  const locales = `https://unpkg.com/@sveltia/cms@${version}/locales/`;
  const here = (path) => new URL(path, document.baseURI).href;
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.href.startsWith(locales)) {
      return original(here("locales/" + url.href.slice(locales.length)), init);
    }
    if (url.hostname === "unpkg.com" && url.pathname.endsWith("/package.json")) {
      return Promise.resolve(new Response(JSON.stringify({ version }), { headers: { "Content-Type": "application/json" } }));
    }
    if (url.origin === location.origin || url.origin === "https://api.github.com") {
      return original(input, init);
    }
    return Promise.reject(new TypeError(`not asked: ${url.origin}`));
  };
  // Sveltia's viewport says maximum-scale=1, which stops readers zooming on a phone (WCAG 1.4.4,
  // axe meta-viewport): whatever it writes there, the limit is taken out again.
  const zoomable = () => {
    for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
      const content = meta.getAttribute("content") || "";
      const allowed = content.split(",").map((s) => s.trim()).filter((s) => s && !/^(maximum-scale|user-scalable)=/.test(s));
      if (allowed.join(", ") !== content) meta.setAttribute("content", allowed.join(", "));
    }
  };
  new MutationObserver(zoomable).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["content"] });
  window.addEventListener("DOMContentLoaded", async () => {
    if (window.handbookBeforeEditor) await window.handbookBeforeEditor();
    const config = await (await original(here("config.json"))).json();
    window.CMS.init({ config });
  });
})();
