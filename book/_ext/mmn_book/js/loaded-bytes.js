// Bytes a loaded page fetched, by URL path (the page itself included): a function for page.evaluate.
() => {
  const out = {}, add = (url, size) => { out[new URL(url, location.href).pathname] = size; };
  const nav = performance.getEntriesByType('navigation')[0];
  add(location.href, nav ? nav.decodedBodySize : document.documentElement.outerHTML.length);
  for (const r of performance.getEntriesByType('resource')) add(r.name, r.decodedBodySize);
  return out;
}
