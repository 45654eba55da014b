// Draws every chart on the page with the ECharts build served by this app.
//
// A chart is an element with a `data-echarts` attribute holding an ECharts option as JSON (built with
// charming on the server or in the wasm bundle). When the attribute changes — a what-if slider after
// hydration, a client-side navigation — the chart is redrawn. Points whose data carry a `url` open
// that page when clicked.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var palette = {
    light: { text: '#1f2933', axis: '#9aa5b1', split: '#e4e7eb' },
    dark: { text: '#e4e7eb', axis: '#7b8794', split: '#323f4b' },
  };

  function scheme() {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function themed(option) {
    var colors = palette[scheme()];
    option.backgroundColor = 'transparent';
    option.textStyle = Object.assign({ color: colors.text, fontFamily: 'system-ui, sans-serif' }, option.textStyle || {});
    ['xAxis', 'yAxis'].forEach(function (key) {
      [].concat(option[key] || []).forEach(function (axis) {
        axis.axisLine = Object.assign({ lineStyle: { color: colors.axis } }, axis.axisLine || {});
        axis.axisLabel = Object.assign({ color: colors.text }, axis.axisLabel || {});
        axis.nameTextStyle = Object.assign({ color: colors.text }, axis.nameTextStyle || {});
        axis.splitLine = Object.assign({ lineStyle: { color: colors.split } }, axis.splitLine || {});
      });
    });
    [].concat(option.legend || []).forEach(function (legend) {
      legend.textStyle = Object.assign({ color: colors.text }, legend.textStyle || {});
    });
    [].concat(option.radar || []).forEach(function (radar) {
      radar.axisName = Object.assign({ color: colors.text }, radar.axisName || {});
      radar.splitLine = Object.assign({ lineStyle: { color: colors.split } }, radar.splitLine || {});
      radar.axisLine = Object.assign({ lineStyle: { color: colors.axis } }, radar.axisLine || {});
    });
    return option;
  }

  function draw(element) {
    if (!window.echarts) return;
    var text = element.getAttribute('data-echarts');
    if (!text) return;
    var option;
    try {
      option = JSON.parse(text);
    } catch (error) {
      console.warn('chart option is not JSON', error);
      return;
    }
    var chart = window.echarts.getInstanceByDom(element);
    if (!chart) {
      chart = window.echarts.init(element, null, { renderer: 'svg' });
      chart.on('click', function (params) {
        var url = params && params.data && params.data.url;
        if (typeof url === 'string' && url.charAt(0) === '/') window.location.assign(url);
      });
    }
    chart.setOption(themed(option), true);
    element.setAttribute('data-drawn', 'true');
    // The figures table starts open (it is the content without JavaScript); fold it once, now that
    // the chart shows the same figures.
    var figure = element.closest('figure');
    var details = figure && figure.querySelector('details.chart-data');
    if (details && !details.hasAttribute('data-folded')) {
      details.open = false;
      details.setAttribute('data-folded', 'true');
    }
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-echarts]').forEach(draw);
  }

  function start() {
    drawAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === 'attributes') {
          draw(mutation.target);
        } else {
          mutation.addedNodes.forEach(function (node) {
            if (node.nodeType !== 1) return;
            if (node.hasAttribute('data-echarts')) draw(node);
            drawAll(node);
          });
        }
      });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-echarts'] });
    window.addEventListener('resize', function () {
      document.querySelectorAll('[data-echarts]').forEach(function (element) {
        var chart = window.echarts && window.echarts.getInstanceByDom(element);
        if (chart) chart.resize();
      });
    });
    if (window.matchMedia) {
      window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () { drawAll(document); });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
