// An organiser's daily chart: reduction (kg), behaviours and active participants, from the series in the page.
(function () {
  var canvas = document.getElementById('group-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  var series = JSON.parse(canvas.dataset.series || '[]');
  canvas.dataset.loaded = 'true';
  new Chart(canvas, {
    data: {
      labels: series.map(function (d) { return d.day; }),
      datasets: [
        { type: 'bar', label: canvas.dataset.labelKg, yAxisID: 'kg', backgroundColor: '#66bb6a',
          data: series.map(function (d) { return d.grams / 1000; }) },
        { type: 'line', label: canvas.dataset.labelBehaviours, yAxisID: 'count', borderColor: '#1565c0', pointRadius: 0,
          data: series.map(function (d) { return d.behaviours; }) },
        { type: 'line', label: canvas.dataset.labelActive, yAxisID: 'count', borderColor: '#ef6c00', pointRadius: 0,
          data: series.map(function (d) { return d.activeParticipants; }) }
      ]
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        kg: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'kg CO2e' } },
        count: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
              title: { display: true, text: canvas.dataset.labelBehaviours } }
      }
    }
  });
})();
