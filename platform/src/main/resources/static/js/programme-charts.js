// The programme dashboard: reduction and behaviours by month, reduction by category, and each province on the map.
(function () {
  var monthly = document.getElementById('monthly-chart');
  if (monthly && typeof Chart !== 'undefined') {
    var months = JSON.parse(monthly.dataset.series || '[]');
    new Chart(monthly, {
      data: {
        labels: months.map(function (m) { return m.key; }),
        datasets: [
          { type: 'bar', label: monthly.dataset.labelKg, yAxisID: 'kg', backgroundColor: '#66bb6a',
            data: months.map(function (m) { return m.gramsRestated / 1000; }) },
          { type: 'line', label: monthly.dataset.labelBehaviours, yAxisID: 'count', borderColor: '#1565c0',
            data: months.map(function (m) { return m.behaviours; }) }
        ]
      },
      options: { maintainAspectRatio: false, scales: {
        kg: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: monthly.dataset.labelKg } },
        count: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          title: { display: true, text: monthly.dataset.labelBehaviours } } } }
    });
    monthly.dataset.loaded = 'true';
  }
  var categories = document.getElementById('category-chart');
  if (categories && typeof Chart !== 'undefined') {
    var lines = JSON.parse(categories.dataset.series || '[]');
    new Chart(categories, {
      type: 'doughnut',
      data: { labels: lines.map(function (l) { return l.name || l.key; }),
        datasets: [{ data: lines.map(function (l) { return l.gramsRestated / 1000; }),
          backgroundColor: ['#2e7d32', '#66bb6a', '#1565c0', '#42a5f5', '#ef6c00', '#ffa726', '#8e24aa'] }] },
      options: { maintainAspectRatio: false }
    });
  }
  var map = document.getElementById('province-map');
  if (map && typeof L !== 'undefined') {
    var markers = JSON.parse(map.dataset.markers || '[]');
    var leaflet = L.map(map).setView([34, 106], 4);
    window.LctMaps.base(leaflet);
    var largest = Math.max.apply(null, markers.map(function (m) { return m.grams; }).concat([1]));
    markers.forEach(function (m) {
      var label = document.createElement('span');
      label.textContent = (m.name || m.code) + ' · ' + (m.grams / 1000).toFixed(1) + ' kg CO2e';
      // Labelled on the map, not only on hover: a phone has no hover.
      L.circleMarker([m.lat, m.lon], { radius: 4 + 26 * Math.sqrt(Math.max(0, m.grams) / largest), color: '#2e7d32',
        fillColor: '#66bb6a', fillOpacity: 0.6 }).addTo(leaflet).bindTooltip(label, { permanent: true, direction: 'top' });
    });
    map.dataset.loaded = 'true';
  }
})();
