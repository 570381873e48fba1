/* news-archive: maps drawn with Leaflet, which the site serves itself (assets/news-archive/vendor/).
 *
 * A map is a <div data-na-map="places|place"> whose data attributes say what to draw: the
 * tile URL template and its credit, and either the address of the places' GeoJSON or one
 * place's coordinates. Leaflet is fetched only when a page has a map, from the folder next to
 * this script, so it works under any sub-path. Material's instant navigation swaps pages
 * without reloading, so drawing hangs on Material's document$ observable when it exists, and
 * maps whose page has gone are removed.
 *
 * A map is drawn still: its view is set before its markers are added, without animation, and
 * only then does the container say how many places it shows (data-places-shown), so a reader
 * (or a test) that acts on that attribute finds every marker where it stays. Readers who ask
 * their system for reduced motion get no zoom, fade or cluster animation at all.
 *
 * Names come from contributed files: they only ever reach the page as text (textContent,
 * title), never as HTML. Markers are plain elements styled by CSS, not images, so they show
 * on a plain background when the tile server cannot be reached.
 */
(function () {
  "use strict";

  var SCRIPT = (document.currentScript && document.currentScript.src) || window.location.href;
  var loading = null;
  var drawn = [];
  var still = Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  function vendor(path) {
    return new URL("vendor/" + path, SCRIPT).href;
  }

  function start() {
    drawn = drawn.filter(function (entry) {
      if (document.body.contains(entry.container)) return true;
      entry.map.remove();
      return false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-na-map]"), function (container) {
      if (container.naMap) return;
      container.naMap = true;
      leaflet()
        .then(function () {
          if (!document.body.contains(container)) return;
          var map = draw(container);
          drawn.push({ container: container, map: map });
        })
        .catch(function (error) {
          say(container, "The map could not be shown (" + error.message + ").");
        });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  /* Leaflet, then the clustering plugin that extends it; their stylesheets go last in the
     head, so that they win over the theme's general rules. */
  function leaflet() {
    if (!loading) {
      ["leaflet/leaflet.css", "leaflet.markercluster/MarkerCluster.css",
        "leaflet.markercluster/MarkerCluster.Default.css"].forEach(function (path) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = vendor(path);
        document.head.appendChild(link);
      });
      loading = script(vendor("leaflet/leaflet.js")).then(function () {
        return script(vendor("leaflet.markercluster/leaflet.markercluster.js"));
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(element);
    });
  }

  function draw(container) {
    var kind = container.getAttribute("data-na-map");
    var map = L.map(container, {
      scrollWheelZoom: kind === "places",
      worldCopyJump: true,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still
    });
    var tiles = container.getAttribute("data-tiles");
    if (tiles) {
      /* The credit is the site's own setting (HTML, as tile servers word it), not content. */
      var layer = L.tileLayer(tiles, { attribution: container.getAttribute("data-attribution") || "", maxZoom: 18 }).addTo(map);
      /* Offline, or with the tile server out of reach, the map would be a grey box: say why. */
      layer.once("tileerror", function () {
        var note = document.createElement("p");
        note.className = "na-map__offline";
        note.setAttribute("role", "status");
        note.textContent = "The map's background could not be loaded (offline, or its tile " +
          "server cannot be reached): places stand on a plain ground." +
          (kind === "places" ? " Every place is also listed below." : "");
        container.insertAdjacentElement("afterend", note);
      });
    }
    if (kind === "place") {
      var center = [Number(container.getAttribute("data-lat")), Number(container.getAttribute("data-lon"))];
      marker(center, container.getAttribute("data-name") || "", 1, 1).addTo(map);
      map.setView(center, 6);
    } else {
      map.setView([20, 0], 2);
      places(container, map);
    }
    return map;
  }

  function places(container, map) {
    var root = new URL(container.getAttribute("data-site-root"), window.location.href);
    var source = new URL(container.getAttribute("data-places"), window.location.href);
    fetch(source.href)
      .then(function (response) {
        if (!response.ok) throw new Error("no places at " + source.pathname);
        return response.json();
      })
      .then(function (collection) {
        var features = (collection && collection.features) || [];
        var largest = features.reduce(function (most, feature) {
          return Math.max(most, Number(feature.properties.articles) || 0);
        }, 1);
        var group = L.markerClusterGroup({
          iconCreateFunction: clusterIcon,
          showCoverageOnHover: false,
          animate: !still
        });
        var bounds = L.latLngBounds([]);
        features.forEach(function (feature) {
          var point = feature.geometry.coordinates; /* GeoJSON: [longitude, latitude] */
          var properties = feature.properties;
          var articles = Number(properties.articles) || 0;
          var place = marker([point[1], point[0]], String(properties.name), articles, largest);
          place.bindPopup(popup(String(properties.name), articles, page(root, properties.path)));
          group.addLayer(place);
          bounds.extend(place.getLatLng());
        });
        /* The view first, at once: markers added to a map still moving into place would be
           clustered again, moved or replaced when it stops, under a reader's pointer. */
        if (features.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7, animate: false });
        map.addLayer(group);
        container.setAttribute("data-places-shown", String(features.length));
      })
      .catch(function (error) {
        say(container, "The places could not be loaded (" + error.message + ").");
      });
  }

  /* A round marker whose size grows with the square root of its article count, so that its
     area is proportional to the count. The name is the marker's title, set as a property. */
  function marker(latlng, name, articles, largest) {
    var size = Math.round(14 + 22 * Math.sqrt(articles / largest));
    var icon = L.divIcon({ className: "na-map__marker", iconSize: [size, size] });
    return L.marker(latlng, { icon: icon, title: name, keyboard: true, riseOnHover: true, articles: articles });
  }

  function popup(name, articles, href) {
    var box = document.createElement("div");
    box.className = "na-map__popup";
    var heading = document.createElement("strong");
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = name;
      heading.appendChild(link);
    } else {
      heading.textContent = name;
    }
    box.appendChild(heading);
    var count = document.createElement("span");
    count.className = "na-map__count";
    count.textContent = articles === 1 ? "1 article" : articles.toLocaleString("en") + " articles";
    box.appendChild(count);
    return box;
  }

  /* A place page's address inside the site; anything that would leave it is dropped. */
  function page(root, path) {
    var target = new URL(String(path), root);
    return target.origin === root.origin && target.pathname.indexOf(root.pathname) === 0 ? target.href : null;
  }

  /* A cluster shows how many places it holds; its title adds their articles. */
  function clusterIcon(cluster) {
    var places = cluster.getChildCount();
    var articles = cluster.getAllChildMarkers().reduce(function (sum, child) {
      return sum + (child.options.articles || 0);
    }, 0);
    var inner = document.createElement("div");
    inner.title = places + " places, " + articles.toLocaleString("en") + " articles: zoom in";
    var count = document.createElement("span");
    count.className = "na-map__cluster-count";
    count.textContent = String(places);
    inner.appendChild(count);
    var size = places < 10 ? "small" : places < 100 ? "medium" : "large";
    return L.divIcon({ html: inner, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }

  function say(container, text) {
    var note = document.createElement("p");
    note.className = "na-map__note";
    note.textContent = text;
    container.appendChild(note);
  }
})();
