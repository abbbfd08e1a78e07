// Vươn Lên, dashboards: draws with Chart.js the figures the page also shows as tables.
// The data is in <script type="application/json" id="dashboard-data"> ({{ data|json_script }}):
// {charts: [{key, title, type, labels, series: [{label, data}], horizontal?, stacked?, percent?}]},
// one <canvas data-chart="key"> per chart. Without JavaScript the tables stay, with the same numbers.
(function () {
  "use strict";

  var PALETTE = ["#0b5ed7", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997", "#ffc107", "#6c757d"];

  function colour(index) {
    return PALETTE[index % PALETTE.length];
  }

  function numberFormat() {
    var language = document.documentElement.lang || "vi";
    try {
      return new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    } catch (error) {
      return new Intl.NumberFormat("vi", { maximumFractionDigits: 1 });
    }
  }

  function config(chart, format, canvasWidth) {
    var many = chart.series.length > 1;
    var doughnut = chart.type === "doughnut";
    var datasets = chart.series.map(function (series, index) {
      return {
        label: series.label,
        data: series.data,
        backgroundColor: doughnut
          ? chart.labels.map(function (_label, i) { return chart.colours ? chart.colours[i] : colour(i); })
          : colour(index),
        borderColor: doughnut ? "#fff" : colour(index),
        borderWidth: chart.type === "line" ? 2 : 1,
        cubicInterpolationMode: "monotone",
        fill: false
      };
    });
    var valueAxis = {
      beginAtZero: true,
      stacked: !!chart.stacked,
      ticks: {
        precision: 0,
        callback: function (value) { return format.format(value) + (chart.percent ? " %" : ""); }
      }
    };
    if (chart.percent) valueAxis.max = 100;
    var horizontal = !!chart.horizontal;
    // Long names (target groups, units) are shortened on the axis; the tooltip and the table
    // under the chart give them whole.
    var longest = canvasWidth < 500 ? 18 : 34;
    var labelAxis = {
      stacked: !!chart.stacked,
      ticks: {
        autoSkip: false,
        callback: function (value) {
          var text = String(this.getLabelForValue(value));
          return text.length > longest ? text.slice(0, longest - 1) + "…" : text;
        }
      }
    };
    // Horizontal bars need room per label: the taller the list, the narrower the ratio.
    var ratio = doughnut ? 1.6 : horizontal ? Math.max(0.6, 2.2 - 0.09 * chart.labels.length) : 1.8;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return {
      type: chart.type,
      data: { labels: chart.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: ratio,
        animation: reduceMotion ? false : undefined,
        plugins: {
          legend: { display: many || doughnut, position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? chart.labels[items[0].dataIndex] : "";
              },
              label: function (context) {
                var value = doughnut ? context.parsed : horizontal ? context.parsed.x : context.parsed.y;
                return context.dataset.label + ": " + format.format(value) + (chart.percent ? " %" : "");
              }
            }
          }
        },
        scales: doughnut ? {} : horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    };
  }

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var format = numberFormat();
    (data.charts || []).forEach(function (chart) {
      var canvas = document.querySelector('canvas[data-chart="' + chart.key + '"]');
      if (!canvas || !chart.labels.length) return;
      new window.Chart(canvas, config(chart, format, canvas.parentElement.clientWidth));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
