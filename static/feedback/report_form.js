/* The citizen's report form: category, commune picker, map pin (Leaflet; a bare coordinate picker without
   tiles), nearby reports, proof of work, and a draft kept in localStorage if the network drops. No inline code
   (CSP): everything reads data-* attributes and the JSON of #pow-challenge. */
(function () {
  "use strict";
  var DRAFT_KEY = "danvan.feedback.draft";
  var DRAFT_FIELDS = ["description", "unit_code", "unit_label", "latitude", "longitude", "address_text",
                      "citizen_name", "citizen_phone", "citizen_email"];

  if (document.querySelector("[data-feedback-sent]")) {
    try { localStorage.removeItem(DRAFT_KEY); } catch (e) { /* private mode */ }
    return;
  }
  var form = document.getElementById("report-form");
  if (!form) return;

  function field(name) { return form.elements.namedItem(name); }
  function debounce(fn, ms) {
    var timer = null;
    return function () { var args = arguments; clearTimeout(timer); timer = setTimeout(function () { fn.apply(null, args); }, ms); };
  }

  /* --- Draft --- */
  function saveDraft() {
    var draft = {};
    DRAFT_FIELDS.forEach(function (name) { var el = field(name); if (el) draft[name] = el.value; });
    var chosen = form.querySelector("input[name=category]:checked");
    draft.category = chosen ? chosen.value : "";
    var anon = field("is_anonymous");
    draft.is_anonymous = anon ? anon.checked : false;
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify(draft)); } catch (e) { /* full or private */ }
  }
  function restoreDraft() {
    var draft;
    try { draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { draft = null; }
    if (!draft || field("description").value) return;
    DRAFT_FIELDS.forEach(function (name) { var el = field(name); if (el && draft[name]) el.value = draft[name]; });
    if (draft.category) {
      var radio = document.getElementById("category-" + draft.category);
      if (radio) radio.checked = true;
    }
    if (draft.is_anonymous && field("is_anonymous")) field("is_anonymous").checked = true;
    if (draft.unit_label) showChosen(draft.unit_label);
    var clear = document.getElementById("draft-clear");
    if (clear) clear.hidden = false;
  }
  form.addEventListener("input", debounce(saveDraft, 400));
  form.addEventListener("change", saveDraft);
  var clearLink = document.getElementById("draft-clear");
  if (clearLink) {
    clearLink.addEventListener("click", function (event) {
      event.preventDefault();
      try { localStorage.removeItem(DRAFT_KEY); } catch (e) { /* ignore */ }
      form.reset();
      clearLink.hidden = true;
    });
  }

  /* --- Anonymous --- */
  function syncAnonymous() {
    var chosen = form.querySelector("input[name=category]:checked");
    var anon = field("is_anonymous");
    if (!anon) return;
    var allowed = !chosen || chosen.getAttribute("data-anonymous") === "1";
    anon.disabled = !allowed;
    if (!allowed) anon.checked = false;
    var contact = document.getElementById("contact-fields");
    if (contact) contact.hidden = anon.checked;
  }

  /* --- Commune picker --- */
  var communeInput = document.getElementById("commune-q");
  var communeResults = document.getElementById("commune-results");
  function showChosen(label) {
    var chosen = document.getElementById("commune-chosen");
    if (!chosen) return;
    chosen.textContent = "";
    if (label) {
      chosen.appendChild(document.createTextNode("Đã chọn: "));
      var strong = document.createElement("strong");
      strong.textContent = label;
      chosen.appendChild(strong);
    }
  }
  if (communeInput && communeResults) {
    communeInput.addEventListener("input", debounce(function () {
      var q = communeInput.value.trim();
      if (q.length < 2) { communeResults.innerHTML = ""; return; }
      fetch(form.getAttribute("data-commune-url") + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.text(); })
        .then(function (html) { communeResults.innerHTML = html; })
        .catch(function () { /* offline: keep typing */ });
    }, 250));
    communeResults.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-code]");
      if (!button) return;
      field("unit_code").value = button.getAttribute("data-code");
      field("unit_label").value = button.getAttribute("data-label");
      communeInput.value = button.getAttribute("data-label");
      showChosen(button.getAttribute("data-label"));
      communeResults.innerHTML = "";
      var lat = parseFloat(button.getAttribute("data-lat")), lng = parseFloat(button.getAttribute("data-lng"));
      if (map && !isNaN(lat) && !isNaN(lng) && !field("latitude").value) map.setView([lat, lng], 15);
      saveDraft();
    });
  }

  /* --- Map pin --- */
  var map = null, marker = null;
  var mapEl = document.getElementById("report-map");
  function readPoint() {
    var lat = parseFloat(field("latitude").value), lng = parseFloat(field("longitude").value);
    return isNaN(lat) || isNaN(lng) ? null : [lat, lng];
  }
  function placeMarker(point) {
    if (!map) return;
    if (marker) marker.setLatLng(point); else marker = window.L.marker(point).addTo(map);
  }
  function setPoint(lat, lng) {
    field("latitude").value = lat.toFixed(6);
    field("longitude").value = lng.toFixed(6);
    placeMarker([lat, lng]);
    saveDraft();
    checkNearby();
  }
  if (mapEl && window.L) {
    window.L.Icon.Default.imagePath = mapEl.ownerDocument.querySelector("link[href*='leaflet.css']").href.replace(/leaflet\.css.*$/, "images/");
    var start = readPoint();
    map = window.L.map(mapEl, {attributionControl: true}).setView(start || [16.0, 106.5], start ? 16 : 5);
    var tiles = form.getAttribute("data-tile-url");
    if (tiles) {
      window.L.tileLayer(tiles, {maxZoom: 19, attribution: form.getAttribute("data-tile-attribution") || ""}).addTo(map);
    } else {
      mapEl.classList.add("no-tiles");
    }
    if (start) placeMarker(start);
    map.on("click", function (event) { setPoint(event.latlng.lat, event.latlng.lng); });
  }
  ["latitude", "longitude"].forEach(function (name) {
    field(name).addEventListener("change", function () {
      var point = readPoint();
      if (point) { placeMarker(point); if (map) map.setView(point, Math.max(map.getZoom(), 15)); checkNearby(); }
    });
  });
  var locate = document.getElementById("use-location");
  if (locate) {
    if (!navigator.geolocation) locate.hidden = true;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        setPoint(pos.coords.latitude, pos.coords.longitude);
        if (map) map.setView([pos.coords.latitude, pos.coords.longitude], 16);
      });
    });
  }

  /* --- Nearby reports --- */
  var nearbyBox = document.getElementById("nearby");
  var dismissed = "";
  function checkNearby() {
    var chosen = form.querySelector("input[name=category]:checked");
    var point = readPoint();
    if (!nearbyBox || !chosen || !point) return;
    var query = "category=" + encodeURIComponent(chosen.value) + "&lat=" + point[0] + "&lng=" + point[1];
    if (query === dismissed) return;
    fetch(form.getAttribute("data-nearby-url") + "?" + query, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) { nearbyBox.innerHTML = html; nearbyBox.setAttribute("data-query", query); })
      .catch(function () { /* offline */ });
  }
  if (nearbyBox) {
    nearbyBox.addEventListener("click", function (event) {
      if (event.target && event.target.id === "nearby-dismiss") {
        dismissed = nearbyBox.getAttribute("data-query") || "";
        nearbyBox.innerHTML = "";
        var submit = document.getElementById("report-submit");
        if (submit) submit.focus();
      }
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "category") { syncAnonymous(); checkNearby(); }
    if (event.target && event.target.name === "is_anonymous") syncAnonymous();
  });

  /* --- Proof of work --- */
  var powStatus = document.getElementById("pow-status");
  var powData = document.getElementById("pow-challenge");
  var solved = !powData;
  var waitingSubmit = false;
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function solve(challenge) {
    var subtle = window.crypto && window.crypto.subtle;
    var encoder = window.TextEncoder ? new TextEncoder() : null;
    var n = 0, max = challenge.maxnumber;
    function done(number) {
      var payload = {algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
                     salt: challenge.salt, signature: challenge.signature};
      field("altcha").value = btoa(JSON.stringify(payload));
      solved = true;
      if (powStatus) powStatus.textContent = "Đã xác minh.";
      if (waitingSubmit) form.requestSubmit ? form.requestSubmit() : form.submit();
    }
    if (subtle && encoder) {
      var step = function () {
        var batch = [];
        for (var i = 0; i < 500 && n <= max; i++, n++) batch.push(n);
        Promise.all(batch.map(function (k) { return subtle.digest("SHA-256", encoder.encode(challenge.salt + k)); }))
          .then(function (hashes) {
            for (var j = 0; j < hashes.length; j++) if (hex(hashes[j]) === challenge.challenge) { done(batch[j]); return; }
            if (n <= max) setTimeout(step, 0);
          });
      };
      step();
    } else if (window.danvanSha256) {
      var slow = function () {
        for (var i = 0; i < 2000 && n <= max; i++, n++) {
          if (window.danvanSha256(challenge.salt + n) === challenge.challenge) { done(n); return; }
        }
        if (n <= max) setTimeout(slow, 0);
      };
      slow();
    }
  }
  if (powData) solve(JSON.parse(powData.textContent));

  /* --- Submit --- */
  var offline = document.getElementById("offline-status");
  form.addEventListener("submit", function (event) {
    saveDraft();
    if (!navigator.onLine) {
      event.preventDefault();
      if (offline) offline.hidden = false;
      return;
    }
    if (!solved) {
      event.preventDefault();
      waitingSubmit = true;
      if (powStatus) powStatus.textContent = "Đang xác minh chống gửi tự động, phản ánh sẽ được gửi ngay sau đó…";
    }
  });
  window.addEventListener("online", function () { if (offline) offline.hidden = true; });

  restoreDraft();
  syncAnonymous();
  checkNearby();
})();
