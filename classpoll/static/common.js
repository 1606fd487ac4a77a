// Shared by the poll's pages: JSON requests, text-only rendering, option letters.
"use strict";
window.Poll = (function () {
  function cookie(name) {
    const m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }
  async function request(method, url, body) {
    const headers = {"Accept": "application/json"};
    const xsrf = cookie("_xsrf"); // only on a JupyterHub service
    if (xsrf) headers["X-XSRFToken"] = xsrf;
    const init = {method: method, headers: headers, credentials: "same-origin"};
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(url, init);
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    if (!res.ok) {
      const err = new Error((data && data.error) || ("The server answered " + res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }
  // Every text from the server goes in with textContent: never parsed as HTML.
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function letter(i) { return String.fromCharCode(65 + i); }
  return {request: request, el: el, letter: letter};
})();
