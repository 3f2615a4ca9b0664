/* The public map of reports: GeoJSON from the API (the list's filters), markers linking to each report. */
(function () {
  "use strict";
  var el = document.getElementById("reports-map");
  if (!el || !window.L) { if (el) el.hidden = true; return; }
  var css = document.querySelector("link[href*='leaflet.css']");
  if (css) window.L.Icon.Default.imagePath = css.href.replace(/leaflet\.css.*$/, "images/");
  var map = window.L.map(el).setView([16.0, 106.5], 5);
  var tiles = el.getAttribute("data-tile-url");
  if (tiles) window.L.tileLayer(tiles, {maxZoom: 19, attribution: el.getAttribute("data-tile-attribution") || ""}).addTo(map);
  else el.classList.add("no-tiles");
  fetch(el.getAttribute("data-url"), {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = window.L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return window.L.circleMarker(latlng, {radius: 7, weight: 2, color: feature.properties.status === "open" ? "#c0392b" : "#2e7d32"});
        },
        onEachFeature: function (feature, marker) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.code + " – " + feature.properties.category_name;
          marker.bindPopup(link);
        }
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), {maxZoom: 16, padding: [20, 20]});
    })
    .catch(function () { el.hidden = true; });
})();
