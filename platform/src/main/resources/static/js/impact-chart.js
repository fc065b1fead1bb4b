// The public impact chart: monthly behaviours and reduction (kg CO2e), drawn from the impact API.
(function () {
  var canvas = document.getElementById('impact-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  fetch(canvas.dataset.source, { headers: { 'Accept': 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (impact) {
      var months = impact.monthly.map(function (m) { return m.month; });
      canvas.dataset.loaded = 'true';
      new Chart(canvas, {
        data: {
          labels: months,
          datasets: [
            { type: 'bar', label: canvas.dataset.labelReduction, yAxisID: 'kg', backgroundColor: '#66bb6a',
              data: impact.monthly.map(function (m) { return m.directReductionGrams / 1000; }) },
            { type: 'line', label: canvas.dataset.labelBehaviours, yAxisID: 'count', borderColor: '#1565c0',
              data: impact.monthly.map(function (m) { return m.behaviours; }) }
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
    });
})();
