// SPDX-License-Identifier: MIT
// Draws report.html from the JSON in #clv-report-data (docs/report-data.md). Every text comes
// from the data through textContent, never innerHTML. When every chart has settled, <body>
// gets data-charts-ok (charts drawn with marks), data-charts-expected, data-errors and
// data-report-done="1"; the browser test reads those.
(function () {
  "use strict";

  var ACTUAL_COLOR = "#1f4e89";
  var MODEL_COLOR = "#e07a1f";
  var ACCENT_COLOR = "#2a9d8f";
  var SERIES_SCALE = { domain: ["Actual", "Model"], range: [ACTUAL_COLOR, MODEL_COLOR] };
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
  var FULL_WIDTH = 940;
  var HALF_WIDTH = 340;

  var data = JSON.parse(document.getElementById("clv-report-data").textContent);
  var chartPromises = [];

  // ---- formatting ---------------------------------------------------------------------------

  function formatNumber(value, digits) {
    return new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(value);
  }
  function formatCount(value) { return formatNumber(value, 0); }
  function formatMoney(value) {
    var digits = Math.abs(value) >= 1000 ? 0 : 2;
    return data.currency + formatNumber(value, digits);
  }
  function formatPercent(value) { return formatNumber(100 * value, 1) + " %"; }
  function formatPrecise(value) {
    return Math.abs(value) >= 1000 ? formatNumber(value, 1) : Number(value.toPrecision(4)).toString();
  }
  function formatMetric(metric) {
    switch (metric.format) {
      case "count": return formatCount(metric.value);
      case "money": return formatMoney(metric.value);
      case "percent": return formatPercent(metric.value);
      default: return formatPrecise(metric.value);
    }
  }

  // ---- DOM helpers --------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function table(headers, rows, numericColumns) {
    var wrapper = element("div", "table-wrapper");
    var node = element("table");
    var head = node.createTHead().insertRow();
    headers.forEach(function (header, column) {
      var cell = element("th", numericColumns.indexOf(column) >= 0 ? "number" : "", header);
      head.appendChild(cell);
    });
    var body = node.createTBody();
    rows.forEach(function (row) {
      var line = body.insertRow();
      row.forEach(function (value, column) {
        var cell = line.insertCell();
        cell.textContent = value;
        if (numericColumns.indexOf(column) >= 0) cell.className = "number";
      });
    });
    wrapper.appendChild(node);
    return wrapper;
  }

  function unavailable(what) {
    return element("p", "unavailable", what + " is not available in this analysis.");
  }

  // ---- charts -------------------------------------------------------------------------------

  var chartConfig = {
    font: FONT,
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, gridColor: "#e8ebef",
            domainColor: "#9aa3ad", tickColor: "#9aa3ad", labelColor: "#39424e",
            titleColor: "#1b2430" },
    legend: { labelFontSize: 11, titleFontSize: 12, orient: "top", title: null },
    title: { fontSize: 13, fontWeight: 600, anchor: "start", color: "#1b2430" },
    range: { heatmap: { scheme: "blues" } }
  };

  // Adds a chart to `parent` and records its promise; a chart counts as drawn when its SVG
  // holds at least one mark group.
  function chart(parent, spec) {
    var container = element("div", "chart");
    parent.appendChild(container);
    spec.$schema = "https://vega.github.io/schema/vega-lite/v5.json";
    spec.config = chartConfig;
    spec.background = "white";
    var options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      tooltip: { theme: "light" }
    };
    var promise = vegaEmbed(container, spec, options).then(function () {
      var svg = container.querySelector("svg");
      var marks = svg ? svg.querySelectorAll("g.role-mark").length : 0;
      if (!svg || marks === 0 || !(svg.getBoundingClientRect().width > 0)) {
        throw new Error("chart drew nothing: " + (spec.description || "unnamed"));
      }
      container.setAttribute("data-chart-rendered", "1");
    }).catch(function (error) {
      window.clvErrors.push("chart failed: " + error);
      container.appendChild(element("p", "unavailable", "This chart could not be drawn."));
      throw error;
    });
    chartPromises.push(promise);
  }

  function lineTooltip(valueTitle) {
    return [
      { field: "period", title: "Period" },
      { field: "series", title: "Series" },
      { field: "value", title: valueTitle, format: ",.1f" }
    ];
  }

  // Actual against model over time, with a dashed rule after the last calibration period.
  function trackingSpec(description, actualField, expectedField, yTitle) {
    var tracking = data.tracking;
    var values = [];
    var calibrationIndex = null;
    tracking.points.forEach(function (point, i) {
      values.push({ index: i + 1, period: point.period, series: "Actual", value: point[actualField] });
      values.push({ index: i + 1, period: point.period, series: "Model", value: point[expectedField] });
      if (point.period === tracking.calibration_end_period) calibrationIndex = i + 1;
    });
    var layers = [{
      data: { values: values },
      mark: { type: "line", strokeWidth: 2, point: { size: 18, filled: true } },
      encoding: {
        x: { field: "index", type: "quantitative", title: capitalize(tracking.period_unit) +
             "s since the start", axis: { tickMinStep: 1 } },
        y: { field: "value", type: "quantitative", title: yTitle },
        color: { field: "series", type: "nominal", scale: SERIES_SCALE },
        strokeDash: { field: "series", type: "nominal",
                      scale: { domain: ["Actual", "Model"], range: [[1, 0], [6, 3]] },
                      legend: null },
        tooltip: lineTooltip(yTitle)
      }
    }];
    if (calibrationIndex !== null) {
      var marker = { data: { values: [{ index: calibrationIndex + 0.5 }] } };
      layers.push(Object.assign({}, marker, {
        mark: { type: "rule", strokeDash: [4, 4], color: "#6b7480" },
        encoding: { x: { field: "index", type: "quantitative" } }
      }));
      layers.push(Object.assign({}, marker, {
        mark: { type: "text", text: "calibration end", align: "left", dx: 4, dy: 4,
                baseline: "top", color: "#4b5563", fontSize: 11 },
        encoding: { x: { field: "index", type: "quantitative" }, y: { value: 0 } }
      }));
    }
    return { description: description, width: FULL_WIDTH, height: 240, layer: layers };
  }

  function heatmapSpec(description, heatmap, scheme, format, rowsUpward) {
    var rowOrder = heatmap.row_labels.slice();
    if (rowsUpward) rowOrder.reverse();
    return {
      description: description,
      width: { step: Math.max(10, Math.min(32, Math.floor(HALF_WIDTH / heatmap.column_labels.length))) },
      height: { step: Math.max(8, Math.min(22, Math.floor(360 / heatmap.row_labels.length))) },
      data: { values: heatmap.cells },
      mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
      encoding: {
        x: { field: "column", type: "ordinal", sort: heatmap.column_labels,
             title: heatmap.column_title, axis: { labelAngle: -45 } },
        y: { field: "row", type: "ordinal", sort: rowOrder, title: heatmap.row_title },
        color: { field: "value", type: "quantitative", title: heatmap.value_title,
                 scale: { scheme: scheme }, legend: { orient: "right", format: format } },
        tooltip: [
          { field: "row", title: heatmap.row_title },
          { field: "column", title: heatmap.column_title },
          { field: "value", title: heatmap.value_title, format: format },
          { field: "customers", title: "Customers", format: "," }
        ]
      }
    };
  }

  function histogramSpec(histogram) {
    var bins = histogram.bins.map(function (bin, i) {
      var last = i === histogram.bins.length - 1;
      var open = last && histogram.last_bin_open;
      var width = i > 0 ? bin.lower - histogram.bins[i - 1].lower : bin.upper - bin.lower;
      return {
        lower: bin.lower,
        upper: open ? bin.lower + width : bin.upper,
        range: open ? data.currency + formatNumber(bin.lower, 2) + " and more"
                    : data.currency + formatNumber(bin.lower, 2) + " to " +
                      data.currency + formatNumber(bin.upper, 2),
        customers: bin.customers
      };
    });
    return {
      description: "CLV distribution",
      width: FULL_WIDTH, height: 240,
      data: { values: bins },
      mark: { type: "bar", color: ACTUAL_COLOR, binSpacing: 1 },
      encoding: {
        x: { field: "lower", type: "quantitative", bin: { binned: true },
             title: histogram.value_title + " (" + data.currency + ")" },
        x2: { field: "upper" },
        y: { field: "customers", type: "quantitative", title: "Customers" },
        tooltip: [
          { field: "range", title: histogram.value_title },
          { field: "customers", title: "Customers", format: "," }
        ]
      }
    };
  }

  function concentrationSpec(concentration) {
    return {
      description: "CLV concentration curve",
      width: HALF_WIDTH + 60, height: 300,
      layer: [
        {
          data: { values: [{ share: 0 }, { share: 1 }] },
          mark: { type: "line", color: "#9aa3ad", strokeDash: [4, 4] },
          encoding: { x: { field: "share", type: "quantitative" },
                      y: { field: "share", type: "quantitative" } }
        },
        {
          data: { values: concentration.points },
          mark: { type: "area", color: ACCENT_COLOR, opacity: 0.15, line: { color: ACCENT_COLOR,
                  strokeWidth: 2 }, point: { size: 12, color: ACCENT_COLOR } },
          encoding: {
            x: { field: "customer_share", type: "quantitative", title: "Top share of customers",
                 axis: { format: "%" } },
            y: { field: "value_share", type: "quantitative", title: "Share of total CLV",
                 axis: { format: "%" } },
            tooltip: [
              { field: "customer_share", title: "Top customers", format: ".0%" },
              { field: "value_share", title: "Share of CLV", format: ".1%" }
            ]
          }
        },
        {
          data: { values: [{ customer_share: 0.2, value_share: concentration.top20_share }] },
          mark: { type: "point", filled: true, size: 70, color: MODEL_COLOR },
          encoding: { x: { field: "customer_share", type: "quantitative" },
                      y: { field: "value_share", type: "quantitative" } }
        },
        {
          data: { values: [{ customer_share: 0.2, value_share: concentration.top20_share,
                             label: "top 20 % hold " + formatPercent(concentration.top20_share) }] },
          mark: { type: "text", align: "left", dx: 8, dy: 10, fontSize: 12, fontWeight: 600,
                  color: "#1b2430" },
          encoding: { x: { field: "customer_share", type: "quantitative" },
                      y: { field: "value_share", type: "quantitative" },
                      text: { field: "label" } }
        }
      ]
    };
  }

  function holdoutSpec(rows) {
    var values = [];
    rows.forEach(function (row) {
      values.push({ frequency: row.calibration_frequency, series: "Actual", value: row.actual_mean,
                    customers: row.customers });
      values.push({ frequency: row.calibration_frequency, series: "Model",
                    value: row.expected_mean, customers: row.customers });
    });
    var order = rows.map(function (row) { return row.calibration_frequency; });
    return {
      description: "Holdout purchases by calibration frequency",
      width: FULL_WIDTH, height: 260,
      data: { values: values },
      mark: { type: "line", strokeWidth: 2, point: { size: 40, filled: true } },
      encoding: {
        x: { field: "frequency", type: "ordinal", sort: order, axis: { labelAngle: 0 },
             title: "Repeat purchases in the calibration period" },
        y: { field: "value", type: "quantitative",
             title: "Mean purchases per customer in the holdout" },
        color: { field: "series", type: "nominal", scale: SERIES_SCALE },
        strokeDash: { field: "series", type: "nominal",
                      scale: { domain: ["Actual", "Model"], range: [[1, 0], [6, 3]] },
                      legend: null },
        tooltip: [
          { field: "frequency", title: "Calibration frequency" },
          { field: "series", title: "Series" },
          { field: "value", title: "Mean holdout purchases", format: ".2f" },
          { field: "customers", title: "Customers", format: "," }
        ]
      }
    };
  }

  function segmentSpec(segments) {
    var customers = 0;
    var value = 0;
    segments.forEach(function (row) { customers += row.customers; value += row.total_clv; });
    var values = [];
    segments.forEach(function (row) {
      values.push({ segment: row.name, measure: "Share of customers",
                    share: customers > 0 ? row.customers / customers : 0 });
      values.push({ segment: row.name, measure: "Share of total CLV",
                    share: value > 0 ? row.total_clv / value : 0 });
    });
    return {
      description: "Segments",
      width: FULL_WIDTH - 200, height: { step: 16 },
      data: { values: values },
      mark: { type: "bar" },
      encoding: {
        y: { field: "segment", type: "nominal", sort: segments.map(function (s) { return s.name; }),
             title: null },
        yOffset: { field: "measure", type: "nominal" },
        x: { field: "share", type: "quantitative", title: null, axis: { format: "%" } },
        color: { field: "measure", type: "nominal",
                 scale: { range: [ACTUAL_COLOR, ACCENT_COLOR] } },
        tooltip: [
          { field: "segment", title: "Segment" },
          { field: "measure", title: "Measure" },
          { field: "share", title: "Share", format: ".1%" }
        ]
      }
    };
  }

  function capitalize(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // ---- sections -----------------------------------------------------------------------------

  function modelTables(model, title) {
    var part = element("div", "model");
    part.appendChild(element("h3", "", title + ": " + model.name));
    part.appendChild(table(
        ["Parameter", "Estimate", "Standard error", "Meaning"],
        model.parameters.map(function (p) {
          return [p.name, formatPrecise(p.estimate),
                  p.standard_error === null ? "not available" : formatPrecise(p.standard_error),
                  p.meaning];
        }), [1, 2]));
    var fit = model.diagnostics;
    var rows = [
      ["Log-likelihood", formatPrecise(fit.log_likelihood)],
      ["AIC", formatPrecise(fit.aic)],
      ["BIC", formatPrecise(fit.bic)],
      ["Optimiser", fit.termination + " after " + formatCount(fit.iterations) + " iterations"],
      ["Customers fitted", formatCount(fit.customers)]
    ];
    if (fit.holdout_mae !== null) rows.push(["Holdout MAE per customer", formatPrecise(fit.holdout_mae)]);
    if (fit.holdout_rmse !== null) rows.push(["Holdout RMSE per customer", formatPrecise(fit.holdout_rmse)]);
    part.appendChild(table(["Diagnostic", "Value"], rows, [1]));
    return part;
  }

  // The candidates of an automatic choice, side by side, and the sentence saying why.
  function modelChoice(body) {
    var choice = data.model_choice;
    if (choice.reason) body.appendChild(element("p", "choice", "Chosen: " + choice.reason + "."));
    if (choice.holdout) body.appendChild(element("p", "choice", capitalize(choice.holdout) + "."));
    if (choice.candidates.length === 0) return;
    function optional(value, format) { return value === null ? "\u2013" : format(value); }
    body.appendChild(table(
        ["Candidate", "Log-likelihood", "BIC", "Holdout MAE", "Holdout RMSE", "Aggregate error",
         "Optimiser"],
        choice.candidates.map(function (c) {
          return [c.name + (c.chosen ? " (chosen)" : ""),
                  optional(c.log_likelihood, formatPrecise), optional(c.bic, formatPrecise),
                  optional(c.holdout_mae, formatPrecise), optional(c.holdout_rmse, formatPrecise),
                  optional(c.aggregate_error_share, formatPercent), c.termination];
        }), [1, 2, 3, 4, 5]));
  }

  function buildModels(body) {
    if (!data.purchase_model && !data.spend_model) { body.appendChild(unavailable("The fitted model")); return; }
    modelChoice(body);
    var grid = element("div", "two-columns");
    if (data.purchase_model) grid.appendChild(modelTables(data.purchase_model, "Purchase model"));
    if (data.spend_model) grid.appendChild(modelTables(data.spend_model, "Spend model"));
    body.appendChild(grid);
  }

  function buildTracking(body) {
    if (data.tracking.points.length === 0) { body.appendChild(unavailable("Tracking")); return; }
    chart(body, trackingSpec("Repeat transactions per period", "actual_purchases",
                             "expected_purchases", "Repeat transactions per " + data.tracking.period_unit));
    chart(body, trackingSpec("Cumulative repeat transactions", "cumulative_actual",
                             "cumulative_expected", "Cumulative repeat transactions"));
  }

  function buildHoldout(body) {
    if (data.holdout_by_frequency.length === 0) { body.appendChild(unavailable("The holdout comparison")); return; }
    chart(body, holdoutSpec(data.holdout_by_frequency));
  }

  function buildGrids(body) {
    var grid = element("div", "two-columns");
    var parts = [
      [data.expected_purchases_grid, "Expected purchases", "blues", ".2f"],
      [data.p_alive_grid, "P(alive)", "viridis", ".0%"]
    ];
    parts.forEach(function (part) {
      var cell = element("div", "");
      cell.appendChild(element("h3", "", part[1]));
      grid.appendChild(cell);
      if (part[0].cells.length === 0) cell.appendChild(unavailable(part[1]));
      else chart(cell, heatmapSpec(part[1] + " by frequency and recency", part[0], part[2], part[3], true));
    });
    body.appendChild(grid);
  }

  function buildHistogram(body) {
    if (data.clv_histogram.bins.length === 0) { body.appendChild(unavailable("The CLV distribution")); return; }
    chart(body, histogramSpec(data.clv_histogram));
  }

  function buildConcentration(body) {
    var concentration = data.clv_concentration;
    if (concentration.points.length === 0) { body.appendChild(unavailable("The concentration curve")); return; }
    var grid = element("div", "two-columns wide-left");
    var left = element("div", "");
    grid.appendChild(left);
    chart(left, concentrationSpec(concentration));
    var facts = element("div", "facts");
    [["Top 20 % of customers hold", formatPercent(concentration.top20_share)],
     ["Gini coefficient", formatNumber(concentration.gini, 3)]].forEach(function (fact) {
      var box = element("div", "fact");
      box.appendChild(element("div", "fact-value", fact[1]));
      box.appendChild(element("div", "fact-label", fact[0]));
      facts.appendChild(box);
    });
    grid.appendChild(facts);
    body.appendChild(grid);
  }

  function buildSegments(body) {
    if (data.segments.length === 0) { body.appendChild(unavailable("Segmentation")); return; }
    body.appendChild(table(
        ["Segment", "Customers", "Mean expected purchases", "Mean P(alive)", "Mean CLV",
         "Total CLV", "Rule"],
        data.segments.map(function (s) {
          return [s.name, formatCount(s.customers), formatNumber(s.mean_expected_purchases, 2),
                  formatPercent(s.mean_p_alive), formatMoney(s.mean_clv), formatMoney(s.total_clv),
                  s.description];
        }), [1, 2, 3, 4, 5]));
    chart(body, segmentSpec(data.segments));
  }

  function buildCohorts(body) {
    if (data.cohort_retention.cells.length === 0) { body.appendChild(unavailable("Cohort retention")); return; }
    chart(body, heatmapSpec("Cohort retention", data.cohort_retention, "greens", ".0%", false));
  }

  function buildTopCustomers(body) {
    if (data.top_customers.length === 0) { body.appendChild(unavailable("The customer ranking")); return; }
    body.appendChild(table(
        ["#", "Customer", "Frequency", "Recency", "Age (T)", "Mean spend", "Expected purchases",
         "P(alive)", "CLV"],
        data.top_customers.map(function (c, i) {
          return [String(i + 1), c.customer_id, formatCount(c.frequency), formatNumber(c.recency, 1),
                  formatNumber(c.age, 1), formatMoney(c.monetary_value),
                  formatNumber(c.expected_purchases, 2), formatPercent(c.p_alive), formatMoney(c.clv)];
        }), [0, 2, 3, 4, 5, 6, 7, 8]));
  }

  function buildMetrics(body) {
    if (data.metrics.length === 0) { body.appendChild(unavailable("Business metrics")); return; }
    body.appendChild(table(["Metric", "Value", "Definition"],
        data.metrics.map(function (m) { return [m.name, formatMetric(m), m.note]; }), [1]));
  }

  var unit = data.time_unit;
  var sections = [
    { id: "model", title: "Fitted model", build: buildModels,
      read: "The purchase model describes how often customers buy and how quickly they drop " +
            "out; the spend model describes how much they spend per purchase. A standard error " +
            "much smaller than its estimate means the data pin the parameter down well. Lower " +
            "AIC and BIC mean a better trade-off between fit and complexity when comparing " +
            "models on the same data; the optimiser line should read \u201cconverged\u201d." },
    { id: "tracking", title: "Tracking: actual against model", build: buildTracking,
      read: "The solid line counts the repeat purchases the whole customer base actually made in " +
            "each period; the dashed line is what the model expects. Left of the calibration " +
            "end the model was fitted to these data, so close agreement is expected; to the right " +
            "the model forecasts purchases it has not seen, and agreement there is the real test. " +
            "The cumulative chart shows whether small weekly differences add up to a drift." },
    { id: "holdout", title: "Holdout comparison by frequency", build: buildHoldout,
      read: "Customers are grouped by how many repeat purchases they made in the calibration " +
            "period. For each group the chart compares the mean number of purchases they actually " +
            "made in the holdout period with the model's prediction. Lines that lie on top of each " +
            "other mean the model ranks light and heavy buyers correctly." },
    { id: "frequency-recency", title: "Frequency and recency", build: buildGrids,
      read: "Each cell gathers the customers with a given number of repeat purchases (rows) and " +
            "time of last purchase (columns, in " + unit + " since their first purchase). Darker " +
            "cells expect more purchases or are more likely to be still active. Frequent buyers " +
            "who have not bought for a long time (top left) have probably left; frequent and " +
            "recent buyers (top right) are the most valuable." },
    { id: "clv-distribution", title: "Distribution of CLV", build: buildHistogram,
      read: "How many customers fall in each range of predicted lifetime value. Most customer " +
            "bases have many customers of low value and a long tail of a few very valuable ones; " +
            "the last bar gathers the tail so that it does not squeeze the rest of the chart." },
    { id: "concentration", title: "Concentration of value", build: buildConcentration,
      read: "Customers are ranked from the most to the least valuable. The curve shows which " +
            "share of the total CLV the top x % of customers hold; the dashed diagonal is a base " +
            "in which everyone is worth the same. The further the curve bows above the diagonal, " +
            "the more the business depends on few customers. The Gini coefficient summarises " +
            "this: 0 is perfect equality, 1 means one customer holds all the value." },
    { id: "segments", title: "Segments", build: buildSegments,
      read: "Customers grouped by their predicted behaviour. Compare each segment's share of " +
            "customers with its share of total CLV: a segment whose value share is much larger " +
            "than its customer share deserves retention effort; a large segment of low value and " +
            "low P(alive) is unlikely to repay spending on it." },
    { id: "cohorts", title: "Cohort retention", build: buildCohorts,
      read: "Each row is a cohort of customers acquired in the same period; each column counts " +
            "periods since acquisition. A cell is the share of the cohort that bought in that " +
            "period. Reading down a column compares cohorts at the same age: darker cells for " +
            "recent cohorts mean retention is improving." },
    { id: "top-customers", title: "Top customers", build: buildTopCustomers,
      read: "The customers with the highest predicted lifetime value. Frequency counts repeat " +
            "purchases, recency and age are in " + unit + " since the first purchase. A high CLV " +
            "with a falling P(alive) marks a valuable customer who may be slipping away." },
    { id: "metrics", title: "Business metrics", build: buildMetrics,
      read: "Descriptive figures computed directly from the purchase log, without any model: " +
            "revenue, order value, purchase frequency, retention and the simple CLV formulas. " +
            "They are a sanity check for the model-based numbers above." }
  ];

  // ---- page ---------------------------------------------------------------------------------

  function buildHeader() {
    document.getElementById("report-title").textContent = data.title;
    var subtitle = [];
    if (data.data_source) subtitle.push("Data: " + data.data_source);
    if (data.purchase_model) subtitle.push("Model: " + data.purchase_model.name);
    if (data.generated_at) subtitle.push("Generated " + data.generated_at);
    document.getElementById("report-subtitle").textContent = subtitle.join(" \u00b7 ");
    var cards = [
      ["Customers", formatCount(data.headline.customers)],
      ["Expected purchases, " + data.headline.horizon, formatCount(data.headline.expected_purchases)],
      ["Total CLV", formatMoney(data.headline.total_clv)]
    ];
    if (data.clv_concentration.points.length > 0) {
      cards.push(["CLV held by the top 20 %", formatPercent(data.clv_concentration.top20_share)]);
    }
    var headline = document.getElementById("headline");
    cards.forEach(function (card) {
      var box = element("div", "card");
      box.appendChild(element("div", "card-value", card[1]));
      box.appendChild(element("div", "card-label", card[0]));
      headline.appendChild(box);
    });
    if (data.notes.length > 0) {
      var notes = element("ul", "notes");
      data.notes.forEach(function (note) { notes.appendChild(element("li", "", note)); });
      headline.parentNode.insertBefore(notes, headline.nextSibling);
    }
  }

  function buildSections() {
    var contents = document.getElementById("contents");
    var main = document.getElementById("sections");
    sections.forEach(function (section, i) {
      var link = element("a", "", (i + 1) + ". " + section.title);
      link.href = "#" + section.id;
      contents.appendChild(link);
      var node = element("section", "section");
      node.id = section.id;
      node.appendChild(element("h2", "", (i + 1) + ". " + section.title));
      var read = element("p", "how-to-read");
      read.appendChild(element("strong", "", "How to read this. "));
      read.appendChild(document.createTextNode(section.read));
      node.appendChild(read);
      main.appendChild(node);
      try {
        section.build(node);
      } catch (error) {
        window.clvErrors.push("section " + section.id + ": " + error);
        node.appendChild(element("p", "unavailable", "This section could not be drawn."));
      }
    });
  }

  function buildFooter() {
    document.getElementById("footer").textContent =
        "Made by clv. Charts drawn with Vega " + vega.version + ", Vega-Lite " + vegaLite.version +
        " and vega-embed " + vegaEmbed.version + " (BSD-3-Clause, UW Interactive Data Lab), " +
        "inlined so that this file needs no network.";
  }

  function finish(results) {
    var drawn = results.filter(function (r) { return r.status === "fulfilled"; }).length;
    var body = document.body;
    body.setAttribute("data-charts-ok", String(drawn));
    body.setAttribute("data-charts-expected", String(results.length));
    body.setAttribute("data-errors", String(window.clvErrors.length));
    var resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    body.setAttribute("data-resource-requests", resources.join(" "));
    if (window.clvErrors.length > 0) {
      var banner = document.getElementById("error-banner");
      banner.hidden = false;
      banner.textContent = "Some parts of this report failed: " + window.clvErrors.join("; ");
      body.setAttribute("data-error-messages", window.clvErrors.join(" | "));
    }
    body.setAttribute("data-report-done", "1");
  }

  try {
    buildHeader();
    buildSections();
    buildFooter();
  } catch (error) {
    window.clvErrors.push("page: " + error);
  }
  Promise.allSettled(chartPromises).then(finish);
})();
