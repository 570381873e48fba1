/* Instant loading for every page of the archive, not only for the pages a sitemap lists.
 *
 * Material's instant loading takes over a click only when the link's address is listed in
 * the site's sitemap.xml, which every reader downloads on a first visit. The archive keeps
 * that file to the home page (core/publishing/sitemap.py), so that no reader downloads the addresses of
 * the whole archive, and this script hands every other link to a page of the site to
 * Material, through the location subject Material exports, as Material's own click handler
 * does: Material fetches the page, swaps it in and keeps scroll positions in the history.
 * Files (feeds, data), other sites, links within the same page and clicks meant for another
 * tab are left to the browser. Without JavaScript, links are ordinary links.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || location.protocol === "file:") return;
  // This file is published at assets/news-archive/instant.js: the site's root is two up.
  var root = new URL("../../", script.src);

  function pageAddress(event) {
    if (event.defaultPrevented || event.button !== 0) return null;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    if (!(event.target instanceof Element)) return null;
    var link = event.target.closest("a[href]");
    if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download")) {
      return null;
    }
    var url = new URL(link.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    // The archive's pages are folders; anything else is a file (a feed, data, an image).
    if (!url.pathname.endsWith("/")) return null;
    // The home page is in sitemap.xml: Material takes it. A link within this page, or to it
    // with another query, is the browser's (Material would not load the page again).
    if (url.pathname === root.pathname || url.pathname === location.pathname) return null;
    return url;
  }

  document.addEventListener("click", function (event) {
    var url = pageAddress(event);
    if (url === null || !window.location$) return;
    event.preventDefault();
    history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
    history.pushState(null, "", url);
    window.location$.next(url);
  });
})();

/* On a phone the tabs are a bar that scrolls sideways (archive.css, when they hold the whole
 * navigation): the tab of the page shown is brought into view, on a page Material loads in
 * place as on the first. Without JavaScript the bar starts at its first tab.
 */
(function () {
  "use strict";
  if (!window.document$) return;
  window.document$.subscribe(function () {
    var item = document.querySelector(".md-tabs__item--active");
    var list = item && item.parentElement;
    if (!list || list.scrollWidth <= list.clientWidth) return;
    var offset = item.getBoundingClientRect().left - list.getBoundingClientRect().left;
    list.scrollLeft += offset - (list.clientWidth - item.offsetWidth) / 2;
  });
})();

/* The search page's script and the maps' are loaded by the pages that use them, not by
 * every page: on a first visit, by this script as the page opens; on a page Material loads in
 * place (which runs no script of the page's end), when Material says the page is shown. Each
 * is loaded once and then follows Material's pages itself (search.js, map.js). They are
 * published beside this file, and only when the site has search or maps.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  // Read now: the element's address resolves against the page's, which instant loading changes.
  var here = script.src;
  var needs = [["form[data-na-search]", "search.js"], ["[data-na-map]", "map.js"]];
  var loaded = {};
  function load() {
    needs.forEach(function (need) {
      if (loaded[need[1]] || !document.querySelector(need[0])) return;
      loaded[need[1]] = true;
      var tag = document.createElement("script");
      tag.src = new URL(need[1], here).href;
      document.body.appendChild(tag);
    });
  }
  load();
  if (window.document$) window.document$.subscribe(load);
})();

/* The header's search box stays while Material swaps pages in place (the header is not
 * swapped), but its relative address would then be read from the new page's: under a
 * sub-path, from an article to a list, it would lead above the site. Written out whole once.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.na-header-search");
  if (form) form.setAttribute("action", form.action);
})();
