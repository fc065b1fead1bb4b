// Community sites on an OpenStreetMap map (Leaflet); the markers come from the page as JSON.
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
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
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
