// Community sites on a map (Leaflet, base layer from maps.js); the markers come from the page as JSON.
(function () {
  var element = document.getElementById('community-map');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var markers = JSON.parse(element.dataset.markers || '[]');
  if (markers.length === 0) {
    element.hidden = true;
    return;
  }
  var map = L.map(element);
  window.LctMaps.base(map);
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement('a');
    link.href = '/communities/' + m.id;
    link.textContent = m.name;
    var popup = document.createElement('div');
    popup.appendChild(link);
    if (m.address) {
      popup.appendChild(document.createElement('br'));
      popup.appendChild(document.createTextNode(m.address));
    }
    L.marker([m.lat, m.lon]).addTo(map).bindPopup(popup);
    bounds.push([m.lat, m.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
})();
