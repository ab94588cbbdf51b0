// Only in `./handbook edit` (macros/commands/edit.py): the editor's test backend works on the
// browser's private folder (origin private file system). Before the editor starts, that folder is
// filled with what the local server offers: each module as the form shows it (ours with the
// fork's changes over it), the settings and the pictures in docs/. Every file the editor then writes or deletes is sent
// back to the server, which keeps only what differs from ours, in curriculum/local/.
(() => {
  "use strict";
  const FOLDER = "sveltia-cms-test";  // the test backend's folder name in Sveltia CMS
  let root = null;

  async function fill() {
    const opfs = await navigator.storage.getDirectory();
    await opfs.removeEntry(FOLDER, { recursive: true }).catch(() => undefined);
    root = await opfs.getDirectoryHandle(FOLDER, { create: true });
    const files = await (await fetch("/api/files")).json();
    const pictures = Object.entries(files.base64).map(([path, data]) =>
      [path, Uint8Array.from(atob(data), (c) => c.charCodeAt(0))]);
    for (const [path, content] of [...Object.entries(files.text), ...pictures]) {
      const parts = path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(content);
      await writable.close();
    }
  }

  // What the server says after a save (the file it wrote, and what ./handbook check finds) is
  // shown at the bottom of the page: the editor itself never sees it (it ignores a failed close).
  function tell(text, problem) {
    let box = document.getElementById("handbook-report");
    if (!box) {
      box = document.createElement("pre");
      box.id = "handbook-report";
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:100000;margin:0;padding:.5rem 1rem;" +
        "max-height:30vh;overflow:auto;white-space:pre-wrap;font:14px/1.4 sans-serif;background:#fff;color:#1a1a1a";
      box.tabIndex = 0;
      document.body.append(box);
    }
    box.setAttribute("role", problem ? "alert" : "status");
    box.style.borderTop = "3px solid " + (problem ? "#b00020" : "#1d5c63");
    box.textContent = text;
  }

  async function send(method, parts, body) {
    const response = await fetch("/api/files/" + parts.map(encodeURIComponent).join("/"), { method, body });
    const text = await response.text();
    tell(text, !response.ok || text.includes("\n"));
    if (!response.ok) throw new Error(text);
  }

  function watch() {
    // Without `move` Sveltia writes each file in place, so a closed file is a saved file.
    delete FileSystemFileHandle.prototype.move;
    const create = FileSystemFileHandle.prototype.createWritable;
    FileSystemFileHandle.prototype.createWritable = async function (...args) {
      const handle = this;
      const stream = await create.apply(handle, args);
      const close = stream.close.bind(stream);
      stream.close = async () => {
        await close();
        const parts = root && await root.resolve(handle);
        if (parts) await send("PUT", parts, await (await handle.getFile()).arrayBuffer());
      };
      return stream;
    };
    const remove = FileSystemDirectoryHandle.prototype.removeEntry;
    FileSystemDirectoryHandle.prototype.removeEntry = async function (name, options) {
      const parts = root && await root.resolve(this);
      await remove.call(this, name, options);
      if (parts) await send("DELETE", [...parts, name]);
    };
  }

  window.handbookBeforeEditor = async () => {
    await fill();
    watch();
  };
})();
