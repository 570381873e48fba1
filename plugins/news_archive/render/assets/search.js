/* news-archive: faceted search over the Pagefind index.
 *
 * The search page is a plain GET form (q, sort, one checkbox per facet value), so its state
 * always lives in the URL: a search can be bookmarked and shared, and the page works as a
 * form without this script. The script runs Pagefind in the page, shows results and keeps the
 * facet counts up to date. Material's instant navigation swaps pages without reloading, so
 * initialisation hangs on Material's document$ observable when it exists.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  /* How long typing pauses before the words are searched. The index chunks of the words are
     fetched from the first keystroke on (Pagefind's preload), so the pause is short. */
  var TYPING_PAUSE = 100;
  var FACET_LIMIT = 12;
  var EXCERPT_WORDS = 30; /* Pagefind's own excerpt length */
  var MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
  var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  /* Pagefind, loaded, by what it searches: "recent" (the newest shard) or "all" (every shard
     merged in). Two instances of the module (imported under two addresses), so that a search
     of the newest articles stays one whatever was searched before: Pagefind stays loaded
     while Material's instant navigation swaps pages, and a merged shard cannot be let go. */
  var indexes = {};
  /* Set once an index being updated (under `mkdocs serve`) is up to date: Pagefind is then
     imported anew, under another address, since a module keeps the index it loaded. */
  var fresh = "";
  var INDEX_CHECK_MS = 2000;
  /* The Pagefind instances (by key, as indexes) that have run a search: see warmUp(). */
  var warmed = {};

  function start() {
    var form = document.querySelector("form[data-na-search]");
    if (form && !form.naSearch) {
      form.naSearch = new SearchPage(form);
      form.naSearch.init();
    }
  }

  /* An address that holds a search starts loading Pagefind as soon as this script runs,
     before the theme is ready. The bare search page shows its counts from the page itself
     and starts Pagefind (its worker, metadata and WebAssembly, most of the page's weight) only when the
     reader reaches for the form: a visit that only looks costs about what any other page
     does, the same at any size of archive (issue 24). */
  var early = document.querySelector("form[data-na-search]");
  if (early && (window.location.search || early.hasAttribute("data-preload"))) load(early, "recent").catch(function () { /* the search says so when it runs */ });
  var REACHING = ["focusin", "pointerdown", "touchstart", "keydown"];

  function SearchPage(form) {
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.sort = form.querySelector("select[name=sort]");
    this.status = form.querySelector("[data-status]");
    this.list = form.querySelector("[data-results]");
    this.more = form.querySelector("[data-more]");
    this.scopeBox = form.querySelector("[data-scope]");
    this.indexNote = form.querySelector("[data-index-note]");
    this.shards = (form.getAttribute("data-shards") || "").split(" ").filter(Boolean).map(function (shard) {
      return new URL(shard, window.location.href).pathname;
    });
    /* Each shard's value of the "shard" filter, the newest's first, then in data-shards' order. */
    this.shardNames = [form.getAttribute("data-shard") || "newest"].concat(
      (form.getAttribute("data-shard-names") || "").split(" ").filter(Boolean));
    /* The newest shard's oldest year: a year up to it needs the older shards. */
    this.since = Number(form.getAttribute("data-since")) || 0;
    this.facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (set) {
      var lazy = set.hasAttribute("data-lazy");
      var counts = set.getAttribute("data-counts");
      return {
        /* The empty page's counts, from the build (null when it did not count this facet):
           for years, the whole archive's; for others, the newest shard's. */
        initial: counts ? JSON.parse(counts) : null,
        name: set.getAttribute("data-facet"),
        box: set.querySelector("[data-options]"),
        values: Number(set.getAttribute("data-values")) || 0,
        lazy: lazy,
        loaded: !lazy,
        expanded: false
      };
    });
    this.active = form.querySelector("[data-active]");
    /* The date range: two months (YYYY-MM), either may be left empty. */
    this.fromBox = form.querySelector("input[name=from]");
    this.toBox = form.querySelector("input[name=to]");
    this.range = { from: "", to: "" };
    /* The newest shard's oldest month: a range reaching it needs the older shards. */
    this.sinceMonth = form.getAttribute("data-since-month") || "";
    this.hint = form.querySelector("[data-hint]");
    this.filtersBox = form.querySelector("[data-filters]");
    this.filtersCount = form.querySelector("[data-filters-count]");
    this.generation = 0;
    this.results = [];
    this.shown = 0;
    this.timer = null;
  }

  SearchPage.prototype.init = function () {
    var self = this;
    this.matchBoxes = this.form.querySelectorAll("input[name=match]");
    /* Words a quick reader typed before this script ran are kept, and searched, where the
       address holds none (reading it would empty the box). */
    var typed = this.input.value;
    this.readAddress();
    if (typed.trim() && !new URLSearchParams(window.location.search).has("q")) this.input.value = typed;
    /* The filters fold behind their toggle on a phone only; a wide screen shows them open. */
    if (this.filtersBox && window.matchMedia) {
      var wide = window.matchMedia("(min-width: 45em)");
      this.filtersBox.open = wide.matches;
      wide.addEventListener("change", function (event) { if (event.matches) self.filtersBox.open = true; });
    }
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.update("submit");
    });
    this.input.addEventListener("input", function () {
      /* The results shown are of other words until those typed are searched. */
      self.list.setAttribute("aria-busy", "true");
      self.preload();
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.update("typing"); }, TYPING_PAUSE);
    });
    this.sort.addEventListener("change", function () { self.update(); });
    this.form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.name === "from" || box.name === "to") {
        self.update();
        return;
      }
      if (box.name === "match") {
        self.match = box.value === "all" ? "all" : "any";
        self.update();
        return;
      }
      if (box.type !== "checkbox") return;
      var values = self.selected[box.name] || (self.selected[box.name] = []);
      var at = values.indexOf(box.value);
      if (box.checked && at < 0) values.push(box.value);
      if (!box.checked && at >= 0) values.splice(at, 1);
      self.update();
    });
    this.more.addEventListener("click", function () { self.showMore().then(function () { self.remember(); }); });
    /* Back from an article brings the reader to the result they left, with as many results
       shown: kept per address for the tab's session (the theme's instant loading keeps only
       the scroll position, before the results are back). */
    this.list.addEventListener("click", function () { self.remember(); });
    window.addEventListener("pagehide", function () { if (self.form.isConnected) self.remember(); });
    /* Each search is an entry of the history, so Back and Forward step through searches. */
    var popped = function () {
      if (!self.form.isConnected) {
        window.removeEventListener("popstate", popped);
        return;
      }
      if (window.location.pathname !== self.path) return;
      self.readAddress();
      self.run(self.recall());
    };
    window.addEventListener("popstate", popped);
    if (this.scopeBox) {
      this.scopeBox.querySelector("[data-scope-widen]").addEventListener("click", function () {
        self.scope = "all";
        self.update();
      });
    }
    var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var returning = window.history.state !== null || (entry && entry.type === "back_forward");
    var saved = returning ? this.recall() : null;
    this.watchIndex();
    this.run(saved);
    /* The pointer over the box comes a few hundred milliseconds before the click into it:
       Pagefind loads meanwhile. (Not over the whole form: a reader scrolling past the
       filters has not reached for anything yet.) */
    var reached = function () {
      REACHING.forEach(function (type) { self.form.removeEventListener(type, reached); });
      self.input.removeEventListener("pointerover", reached);
      self.ready().catch(function () { /* the search says so when it runs */ });
      self.warmUp();
    };
    REACHING.forEach(function (type) { self.form.addEventListener(type, reached, { passive: true }); });
    this.input.addEventListener("pointerover", reached, { passive: true });
    if (this.form.hasAttribute("data-preload")) reached();
  };

  /* Pagefind's first search in a page runs cold, several times as long as the next one,
     whatever its words: its WebAssembly and its scripts are compiled as they first run. So
     when the reader reaches for the form of a page opened without words, and has not typed
     within a typing pause of Pagefind's loading, it searches once for a year, a word of many articles of the
     newest shard (their byline's date): the shard's oldest, which the shard holds in part
     (a lighter search than its newest, as warm after), or the newest year of an index in one
     part. With the filter tables the first search counts, and one result's text: those
     paths are then warm for the reader's words. What it fetches does not grow with the
     archive: the chunk of the newest shard's index that holds the year, the tables of the
     facets with few values (which the reader's first search fetches anyway) and one
     result's text. */
  SearchPage.prototype.warmUp = function () {
    var key = this.wide() ? "all" : "recent";
    var year = this.since ? String(this.since) : this.newestYear();
    if (warmed[key] || key !== "recent" || !year || this.input.value.trim() || this.chosen()) return;
    warmed[key] = true;
    var self = this;
    this.ready().then(function () {
      return new Promise(function (resolve) { setTimeout(resolve, TYPING_PAUSE); });
    }).then(function () {
      /* Words typed meanwhile: their own search comes first, Pagefind does one at a time. */
      if (self.input.value.trim() || self.chosen() || !self.form.isConnected) return null;
      return self.pagefind.search(year, { filters: self.filters() });
    }).then(function (search) {
      return search && search.results.length ? search.results[0].data() : null;
    }).catch(function () { /* the reader's search says so */ });
  };

  SearchPage.prototype.newestYear = function () {
    var years = this.facets.filter(function (facet) { return facet.name === "year"; })[0];
    var values = years && years.initial ? Object.keys(years.initial).map(Number).filter(Boolean) : [];
    return values.length ? String(Math.max.apply(null, values)) : "";
  };

  /* Under `mkdocs serve` the index is finished after the pages, and search/index-status.json
     says so meanwhile (`mkdocs build` publishes it up to date): the note shows while it is
     being updated, and the search runs again once it is up to date. */
  SearchPage.prototype.watchIndex = function () {
    var address = this.form.getAttribute("data-index-status");
    if (!address || !this.indexNote || !window.fetch) return;
    var self = this;
    fetch(address, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (status) {
      if (!self.form.isConnected) return;
      if (status && status.updating) {
        self.indexNote.hidden = false;
        if (self.unavailable) self.say("Results show once the index is written.");
        setTimeout(function () { self.watchIndex(); }, INDEX_CHECK_MS);
      } else if (!self.indexNote.hidden) {
        self.indexNote.hidden = true;
        self.reload();
      } else {
        /* Up to date, and maybe only just: a page that opened while the index was being
           written may have failed to load it. */
        self.settled = true;
        if (self.unavailable) self.retry();
      }
    }, function () { /* no answer (the server stopped): the note stays as it is */ });
  };

  /* Forget the Pagefind loaded (or that failed to load) and search again in a fresh one. */
  SearchPage.prototype.reload = function () {
    indexes = {};
    warmed = {};
    fresh = String(Date.now());
    this.run();
  };

  /* Once: an index that is up to date but failed to load, loaded again (a browser keeps a
     module that failed to load as failed, hence a fresh address). */
  SearchPage.prototype.retry = function () {
    if (this.retried) return;
    this.retried = true;
    this.reload();
  };

  /* The search the address describes, into the form. */
  SearchPage.prototype.readAddress = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.path = window.location.pathname;
    this.lastChange = null;
    this.input.value = params.get("q") || "";
    this.sort.value = params.get("sort") || "";
    /* match=all (from "most often named with" lists) asks for articles that have every chosen
       value of a filter, such as two actors, rather than any of them. */
    this.match = params.get("match") === "all" ? "all" : "any";
    /* The first search covers the newest shard of the index (bounded bytes, however large
       the archive); scope=all, or the reader's click, merges the older shards in. */
    this.scope = params.get("scope") === "all" ? "all" : "recent";
    this.selected = {};
    this.facets.forEach(function (facet) {
      self.selected[facet.name] = params.getAll(facet.name);
      if (self.selected[facet.name].length) facet.loaded = true;
    });
    if (this.fromBox) {
      this.fromBox.value = MONTH.test(params.get("from") || "") ? params.get("from") : "";
      this.toBox.value = MONTH.test(params.get("to") || "") ? params.get("to") : "";
    }
    this.readRange();
    this.showMatch();
  };

  /* The range in the two month fields, in order; a value that is not a month is left out. */
  SearchPage.prototype.readRange = function () {
    if (!this.fromBox) return;
    var from = this.fromBox.value.trim();
    var to = this.toBox.value.trim();
    from = MONTH.test(from) ? from : "";
    to = MONTH.test(to) ? to : "";
    if (from && to && from > to) {
      var first = to;
      to = from;
      from = first;
      this.fromBox.value = from;
      this.toBox.value = to;
    }
    this.range = { from: from, to: to };
  };

  SearchPage.prototype.hasRange = function () {
    return Boolean(this.range.from || this.range.to);
  };

  /* Every month of the range, as Pagefind's "month" filter values: a range is the articles of
     any of its months, so that its count is exact in every shard. An open end stops at the
     archive's first or last month (the fields' min and max). */
  SearchPage.prototype.rangeMonths = function () {
    var first = this.range.from || minMonth(this.fromBox.min, this.range.to);
    var last = this.range.to || maxMonth(this.toBox.max, this.range.from);
    var months = [];
    var year = Number(first.slice(0, 4));
    var month = Number(first.slice(5, 7));
    for (var at = first; at <= last; at = monthOf(year, month)) {
      months.push(at);
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return months.length ? months : [first];
  };

  function monthOf(year, month) {
    return String(year).padStart(4, "0") + "-" + String(month).padStart(2, "0");
  }

  function minMonth(a, b) {
    if (!MONTH.test(a || "")) return b;
    return a < b ? a : b;
  }

  function maxMonth(a, b) {
    if (!MONTH.test(a || "")) return b;
    return a > b ? a : b;
  }

  function monthName(value) {
    return MONTH_NAMES[Number(value.slice(5, 7)) - 1] + " " + value.slice(0, 4);
  }

  SearchPage.prototype.memoryKey = function () {
    return "na-search:" + window.location.pathname + window.location.search;
  };

  SearchPage.prototype.remember = function () {
    try {
      window.sessionStorage.setItem(this.memoryKey(), JSON.stringify({ shown: this.shown, y: window.scrollY }));
    } catch (error) { /* storage refused: Back shows the first results */ }
  };

  /* What the reader had shown at this entry of the history, when they come back to it. */
  SearchPage.prototype.recall = function () {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(this.memoryKey()) || "null");
      return saved && typeof saved.shown === "number" ? saved : null;
    } catch (error) {
      return null;
    }
  };

  SearchPage.prototype.showMatch = function () {
    var match = this.match;
    Array.prototype.forEach.call(this.matchBoxes, function (box) { box.checked = box.value === match; });
  };

  /* Whether this search covers every shard: the address alone says so (scope=all, or a
     year that only the older shards hold), so that it gives the same count however reached. */
  SearchPage.prototype.wide = function () {
    if (!this.shards.length) return false;
    if (this.scope === "all") return true;
    if (this.hasRange() && (!this.range.from || this.range.from <= this.sinceMonth)) return true;
    var since = this.since;
    return (this.selected.year || []).some(function (year) { return Number(year) <= since; });
  };

  /* While the reader types, Pagefind fetches the index chunks of the words (and the filter
     tables the search will count), so that the search after the pause has them. */
  SearchPage.prototype.preload = function () {
    var query = this.input.value.trim();
    var self = this;
    if (!query) return;
    this.ready().then(function () {
      return self.pagefind.preload(query, { filters: self.filters() });
    }).catch(function () { /* the search itself says so */ });
  };

  /* The Pagefind this search needs, loaded: the newest shard, or every shard (the index comes
     in shards by date, the newest in pagefind/, the older ones merged in). */
  SearchPage.prototype.ready = function () {
    var key = this.wide() ? "all" : "recent";
    var self = this;
    if (!indexes[key] && key === "all") this.say("Loading the whole archive…");
    return load(this.form, key).then(function (pagefind) { self.pagefind = pagefind; });
  };

  function load(form, key) {
    if (indexes[key]) return indexes[key];
    var script = new URL(form.getAttribute("data-pagefind"), window.location.href).href;
    var root = new URL(form.getAttribute("data-site-root"), window.location.href).pathname;
    var shards = (form.getAttribute("data-shards") || "").split(" ").filter(Boolean).map(function (shard) {
      return new URL(shard, window.location.href).pathname;
    });
    var address = key === "all" ? script + "?whole" : script;
    if (fresh) address += (key === "all" ? "&" : "?") + "fresh=" + fresh;
    indexes[key] = import(address).then(function (pagefind) {
      return pagefind.options({ baseUrl: root }).then(function () {
        if (key !== "all") return null;
        return Promise.all(shards.map(function (shard) { return pagefind.mergeIndex(shard, { baseUrl: root }); }));
      }).then(function () { return pagefind.init(); }).then(function () { return pagefind; });
    });
    indexes[key].catch(function () { delete indexes[key]; });
    return indexes[key];
  }

  SearchPage.prototype.showScope = function () {
    if (!this.scopeBox) return;
    var whole = this.wide();
    this.scopeBox.hidden = false;
    this.scopeBox.querySelector("[data-scope-recent]").hidden = whole;
    this.scopeBox.querySelector("[data-scope-all]").hidden = !whole;
  };

  /* A new search is a new entry of the history; typing goes on in the same one. */
  SearchPage.prototype.update = function (change) {
    var params = new URLSearchParams();
    var query = this.input.value.trim();
    if (query) params.set("q", query);
    if (this.sort.value) params.set("sort", this.sort.value);
    if (this.match === "all") params.set("match", "all");
    if (this.scope === "all" && this.shards.length) params.set("scope", "all");
    this.readRange();
    if (this.range.from) params.set("from", this.range.from);
    if (this.range.to) params.set("to", this.range.to);
    var self = this;
    this.facets.forEach(function (facet) {
      self.selected[facet.name].forEach(function (value) { params.append(facet.name, value); });
    });
    var search = params.toString();
    var address = window.location.pathname + (search ? "?" + search : "");
    if (address !== window.location.pathname + window.location.search) {
      if (change === "typing" && this.lastChange === "typing") {
        window.history.replaceState(window.history.state, "", address);
      } else {
        this.remember();
        window.history.pushState(null, "", address);
      }
    }
    this.lastChange = change || null;
    this.run();
  };

  /* Pagefind fetches a facet's filter table only when a search names that facet, and counts
     only the facets it has fetched. Facets with few values are named from the start (with
     "none of nothing", which keeps every result); a facet with thousands of values, whose
     table is large, is named once the reader asks for it or has chosen one of its values. */
  SearchPage.prototype.filters = function () {
    var filters = {};
    var self = this;
    this.facets.forEach(function (facet) {
      var values = self.selected[facet.name];
      if (values.length) filters[facet.name] = self.match === "all" ? { all: values.slice() } : { any: values.slice() };
      else if (facet.loaded) filters[facet.name] = { none: [] };
    });
    if (this.hasRange()) filters.month = { any: this.rangeMonths() };
    return filters;
  };

  SearchPage.prototype.chosen = function () {
    var self = this;
    return this.hasRange() || this.facets.some(function (facet) { return self.selected[facet.name].length > 0; });
  };

  /* ``saved``: what the reader had shown at this address, to show again. */
  SearchPage.prototype.run = function (saved) {
    var generation = ++this.generation;
    var self = this;
    this.showScope();
    var counts = this.initialCounts();
    if (counts) {
      /* Pagefind loads once the reader reaches for the form (see init). */
      this.showEmpty(counts);
      return Promise.resolve();
    }
    return this.ready().then(function () {
      self.unavailable = false;
      if (generation === self.generation) return self.runReady(saved, generation);
    }, function (error) {
      self.unavailable = true;
      if (generation !== self.generation) return;
      if (self.settled && !self.retried) return self.retry();
      self.list.removeAttribute("aria-busy");
      self.say(self.indexNote && !self.indexNote.hidden
        ? "Results show once the index is written."
        : "Search is not available: " + error.message);
    });
  };

  SearchPage.prototype.runReady = function (saved, generation) {
    var self = this;
    var query = this.input.value.trim();
    var filters = this.filters();
    var options = { filters: filters };
    if (this.sort.value === "newest") options.sort = { date: "desc" };
    if (this.sort.value === "oldest") options.sort = { date: "asc" };
    /* With no word and no value chosen the page shows counts and no result. A search for
       nothing fetches every chunk of the word index to list every page; filters() counts
       each value from the filter tables alone (every facet's, folded ones too), with the
       same counts. */
    if (!query && !this.chosen()) {
      return this.pagefind.filters().then(function (counts) {
        if (generation === self.generation) self.showEmpty(counts || {});
      });
    }
    /* Words typed since this search began are searched after the pause: its results would
       be drawn, and their texts fetched, only to be replaced. */
    var current = function () { return generation === self.generation && query === self.input.value.trim(); };
    return this.search(query || null, options).then(function (search) {
      if (!search || !current()) return null;
      return self.predict(query || null, search).then(function (counts) { return [search, counts]; });
    }).then(function (done) {
      if (!done || !current()) return;
      var search = done[0];
      self.renderFacets(done[1]);
      var shown = self.renderResults(search.results, saved ? saved.shown : PAGE_SIZE);
      var count = search.results.length;
      self.showHint(count === 0, query);
      self.say(count === 0 ? "No article matches." : count === 1 ? "1 article matches." : count.toLocaleString("en") + " articles match.");
      return shown.then(function () {
        if (generation !== self.generation) return;
        if (query === self.input.value.trim()) self.list.removeAttribute("aria-busy");
        if (saved) window.scrollTo(window.scrollX, saved.y);
      });
    });
  };

  /* The empty page's counts when the build wrote them into the page for every facet shown
     with counts: then the empty page needs no Pagefind (whose filters() would fetch every
     filter's table). Null when it does. */
  SearchPage.prototype.initialCounts = function () {
    if (this.input.value.trim() || this.chosen() || this.wide()) return null;
    var counts = {};
    var known = this.facets.every(function (facet) {
      if (facet.loaded) counts[facet.name] = facet.initial;
      return !facet.loaded || facet.initial;
    });
    return known ? counts : null;
  };

  SearchPage.prototype.showEmpty = function (counts) {
    this.renderFacets(counts);
    this.renderResults([]);
    this.showHint(false, "");
    this.list.removeAttribute("aria-busy");
    this.say("Type a word, or choose an actor, a place, a tag, a source, a year or dates.");
  };

  /* Each count says how many results a click on it gives. Pagefind counts, for each value,
     the results that have it: right for a value of another filter, or of one whose values
     must all match. But where a filter's ticked values are alternatives, ticking one more
     adds the articles that have it and none of the ticked ones: the results plus those the
     search without this filter finds with it, less those it has among the results. */
  SearchPage.prototype.predict = function (query, search) {
    var counts = search.filters || {};
    if (this.match === "all") return Promise.resolve(counts);
    var self = this;
    var total = search.results.length;
    var chosen = this.facets.filter(function (facet) { return facet.loaded && self.selected[facet.name].length; });
    return Promise.all(chosen.map(function (facet) {
      var filters = self.filters();
      filters[facet.name] = { none: [] };
      var others = query || self.hasRange() || self.facets.some(function (other) {
        return other !== facet && self.selected[other.name].length > 0;
      });
      var without = others ? self.search(query, { filters: filters }) : self.pagefind.filters().then(function (all) { return { filters: all }; });
      return without.then(function (wider) {
        var widerCounts = (wider && wider.filters && wider.filters[facet.name]) || {};
        var own = counts[facet.name] || {};
        var predicted = {};
        Object.keys(widerCounts).forEach(function (value) {
          predicted[value] = self.selected[facet.name].indexOf(value) >= 0
            ? own[value] || 0 : total + widerCounts[value] - (own[value] || 0);
        });
        return [facet.name, predicted];
      });
    })).then(function (pairs) {
      var result = Object.assign({}, counts);
      pairs.forEach(function (pair) { result[pair[0]] = pair[1]; });
      return result;
    });
  };

  /* Pagefind orders the results of merged shards by score, which mixes shards when the
     score is a position by date. Shards hold articles by date (the newest in the first), so
     a date-ordered search asks each loaded shard in turn and puts the answers end to end. */
  SearchPage.prototype.search = function (query, options) {
    var loaded = this.wide() ? this.shardNames.slice() : [this.shardNames[0]];
    if (!options.sort || loaded.length < 2) return this.pagefind.search(query, options);
    if (options.sort.date === "asc") loaded.reverse();
    var pagefind = this.pagefind;
    return Promise.all(loaded.map(function (name) {
      var filters = Object.assign({}, options.filters, { shard: name });
      return pagefind.search(query, { filters: filters, sort: options.sort });
    })).then(function (searches) {
      if (searches.some(function (search) { return !search; })) return null;
      var counts = {};
      searches.forEach(function (search) {
        Object.keys(search.filters || {}).forEach(function (name) {
          var values = counts[name] || (counts[name] = {});
          Object.keys(search.filters[name]).forEach(function (value) {
            values[value] = (values[value] || 0) + search.filters[name][value];
          });
        });
      });
      return {
        results: [].concat.apply([], searches.map(function (search) { return search.results; })),
        filters: counts
      };
    });
  };

  /* When nothing matches, what the reader can do about it. */
  SearchPage.prototype.showHint = function (none, query) {
    if (!this.hint) return;
    var ways = [];
    if (query && query.split(/\s+/).length > 1) ways.push("fewer words");
    else if (query) ways.push("another spelling or a shorter word");
    if (this.chosen()) ways.push(this.match === "all" ? "fewer filters, or \u201ceither\u201d of a filter's values" : "fewer filters");
    if (!this.wide() && this.shards.length) ways.push("the whole archive (the button above)");
    this.hint.textContent = ways.length ? "Try " + ways.join("; or ") + "." : "";
    this.hint.hidden = !none || !ways.length;
  };

  /* The values chosen, as buttons that remove them, and a button that removes them all. */
  SearchPage.prototype.renderActive = function () {
    if (!this.active) return;
    var self = this;
    this.active.textContent = "";
    var chosen = 0;
    this.facets.forEach(function (facet) {
      self.selected[facet.name].forEach(function (value) {
        chosen += 1;
        var button = document.createElement("button");
        button.type = "button";
        var legend = facet.box.closest("fieldset").querySelector("legend");
        button.textContent = (legend ? legend.textContent + ": " : "") + value + " \u00d7";
        button.setAttribute("aria-label", "Remove " + value);
        button.addEventListener("click", function () {
          var values = self.selected[facet.name];
          var at = values.indexOf(value);
          if (at >= 0) values.splice(at, 1);
          self.update();
        });
        self.active.appendChild(button);
      });
    });
    if (this.hasRange()) {
      chosen += 1;
      var range = document.createElement("button");
      range.type = "button";
      var from = this.range.from, to = this.range.to;
      var dates = from && to ? monthName(from) + " \u2013 " + monthName(to)
        : from ? "from " + monthName(from) : "to " + monthName(to);
      range.textContent = "Dates: " + dates + " \u00d7";
      range.setAttribute("aria-label", "Remove the dates");
      range.addEventListener("click", function () {
        self.clearRange();
        self.update();
      });
      this.active.appendChild(range);
    }
    if (chosen > 1) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "na-active__clear";
      clear.textContent = "Clear all";
      clear.addEventListener("click", function () {
        self.facets.forEach(function (facet) { self.selected[facet.name] = []; });
        self.clearRange();
        self.update();
      });
      this.active.appendChild(clear);
    }
    this.active.hidden = chosen === 0;
  };

  SearchPage.prototype.clearRange = function () {
    if (!this.fromBox) return;
    this.fromBox.value = "";
    this.toBox.value = "";
    this.readRange();
  };

  SearchPage.prototype.say = function (text) {
    this.status.textContent = text;
  };

  SearchPage.prototype.renderFacets = function (counts) {
    var self = this;
    /* Facets are redrawn after every search: keep the keyboard focus on the same checkbox. */
    var focused = document.activeElement;
    var refocus = focused && focused.type === "checkbox" && this.form.contains(focused)
      ? { name: focused.name, value: focused.value } : null;
    this.facets.forEach(function (facet) {
      facet.box.textContent = "";
      if (!facet.loaded) {
        var load = document.createElement("button");
        load.type = "button";
        load.className = "na-facet__toggle";
        load.textContent = "Show the " + facet.values.toLocaleString("en") + " with counts";
        load.addEventListener("click", function () {
          facet.loaded = true;
          self.run();
        });
        facet.box.appendChild(load);
        return;
      }
      var available = Object.assign({}, counts[facet.name] || {});
      var selected = self.selected[facet.name];
      /* Years the newest shard does not hold whole are offered too: ticking one searches the
         whole archive, whose count for it is known on the empty page only. */
      if (facet.name === "year" && !self.wide()) {
        var empty = !self.input.value.trim() && !self.chosen();
        Object.keys(facet.initial || {}).forEach(function (year) {
          if (Number(year) <= self.since) available[year] = empty ? facet.initial[year] : null;
        });
      }
      var values = Object.keys(available).filter(function (value) {
        return available[value] > 0 || available[value] === null || selected.indexOf(value) >= 0;
      });
      selected.forEach(function (value) { if (values.indexOf(value) < 0) values.push(value); });
      values.sort(function (a, b) {
        var chosen = (selected.indexOf(b) >= 0) - (selected.indexOf(a) >= 0);
        if (chosen) return chosen;
        if (facet.name === "year") return b.localeCompare(a);
        return (available[b] || 0) - (available[a] || 0) || a.localeCompare(b);
      });
      var shown = facet.expanded ? values : values.slice(0, FACET_LIMIT);
      shown.forEach(function (value, index) {
        var id = "na-facet-" + facet.name + "-" + index;
        var row = document.createElement("div");
        row.className = "na-facet__option";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.name = facet.name;
        box.value = value;
        box.checked = selected.indexOf(value) >= 0;
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = value + " ";
        if (available[value] !== null) {
          var count = document.createElement("span");
          count.className = "na-badge";
          count.textContent = String(available[value] || 0);
          label.appendChild(count);
        }
        row.appendChild(box);
        row.appendChild(label);
        facet.box.appendChild(row);
      });
      if (values.length > FACET_LIMIT) {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "na-facet__toggle";
        toggle.textContent = facet.expanded ? "Show fewer" : "Show all " + values.length;
        toggle.addEventListener("click", function () {
          facet.expanded = !facet.expanded;
          self.renderFacets(counts);
        });
        facet.box.appendChild(toggle);
      }
      facet.box.closest("fieldset").hidden = values.length === 0 && !facet.lazy;
    });
    this.renderActive();
    if (this.filtersCount) {
      var chosen = this.facets.reduce(function (sum, facet) { return sum + self.selected[facet.name].length; }, this.hasRange() ? 1 : 0);
      this.filtersCount.textContent = chosen ? " (" + chosen + ")" : "";
    }
    if (refocus) {
      var again = Array.prototype.find.call(this.form.querySelectorAll("input[type=checkbox]"), function (box) {
        return box.name === refocus.name && box.value === refocus.value;
      });
      if (again) again.focus();
    }
  };

  SearchPage.prototype.renderResults = function (results, count) {
    this.results = results;
    this.shown = 0;
    this.list.textContent = "";
    return this.showMore(count);
  };

  SearchPage.prototype.showMore = function (count) {
    var self = this;
    var batch = this.results.slice(this.shown, this.shown + Math.max(count || PAGE_SIZE, PAGE_SIZE));
    var generation = this.generation;
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (generation !== self.generation) return;
      pages.forEach(function (page) { self.list.appendChild(renderResult(page)); });
    });
  };

  function renderResult(page) {
    var meta = page.meta || {};
    var item = document.createElement("li");
    item.className = "na-item";
    var article = document.createElement("article");
    var heading = document.createElement("h2");
    heading.className = "na-item__title";
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = meta.title || page.url;
    heading.appendChild(link);
    article.appendChild(heading);
    var line = document.createElement("p");
    line.className = "na-item__meta";
    line.textContent = [meta.date, meta.source].filter(Boolean).join(" · ");
    article.appendChild(line);
    var excerpt = document.createElement("p");
    excerpt.className = "na-item__summary";
    if (!appendOwnWords(excerpt, page) && page.excerpt) appendExcerpt(excerpt, page.excerpt);
    if (excerpt.firstChild) article.appendChild(excerpt);
    item.appendChild(article);
    return item;
  }

  /* An article's page is indexed with its byline, its terms and the other spellings of its
     terms (so that "Daesh" finds it), but an excerpt quotes only its text: the words between
     the anchors #na-article-text and #na-article-spellings, around the first match among
     them, or the text's first words when only a name or a spelling matched. */
  function appendOwnWords(target, page) {
    var anchors = page.anchors || [];
    var at = function (id) {
      var anchor = anchors.filter(function (a) { return a.id === id; })[0];
      return anchor ? anchor.location : null;
    };
    var start = at("na-article-text");
    if (start === null || typeof page.content !== "string") return false;
    var words = page.content.indexOf("\u200B") >= 0 ? page.content.split("\u200B") : page.content.split(/[\r\n\s]+/g);
    var end = at("na-article-spellings");
    if (end === null || end > words.length) end = words.length;
    var hits = (page.locations || []).filter(function (location) { return location >= start && location < end; });
    var from = hits.length ? Math.max(start, hits[0] - Math.floor(EXCERPT_WORDS / 3)) : start;
    from = Math.max(start, Math.min(from, end - EXCERPT_WORDS));
    var to = Math.min(end, from + EXCERPT_WORDS);
    if (to <= from) return false;
    if (from > start) target.appendChild(document.createTextNode("… "));
    for (var index = from; index < to; index++) {
      var text = (index > from ? " " : "");
      if (hits.indexOf(index) >= 0) {
        if (text) target.appendChild(document.createTextNode(text));
        var mark = document.createElement("mark");
        mark.textContent = words[index];
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(text + words[index]));
      }
    }
    if (to < end) target.appendChild(document.createTextNode(" …"));
    return true;
  }

  /* Pagefind's excerpt is escaped text with <mark> around matches: keep only those marks. */
  function appendExcerpt(target, excerpt) {
    var parts = excerpt.split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      var text = document.createElement("textarea");
      text.innerHTML = part; /* decodes entities without running anything */
      var node = document.createTextNode(text.value);
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        target.appendChild(mark);
      } else {
        target.appendChild(node);
      }
    });
  }

  /* Last, once SearchPage is whole: loaded after the page (instant.js loads this script
     where a page has the search form), document$ hands over the page at once. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
