// Charts of the situation rooms (Apache ECharts). Data comes from the element's data-*
// attributes, which the page also shows as a table; no inline script (CSP).
(function () {
  'use strict';

  function list(el, name) {
    var v = el.getAttribute('data-' + name);
    return v ? v.split(',') : [];
  }

  function numbers(el, name) {
    return list(el, name).map(Number);
  }

  function option(el) {
    var kind = el.getAttribute('data-chart');
    var base = { tooltip: { trigger: 'axis' }, grid: { left: 40, right: 10, top: 30, bottom: 40, containLabel: true },
      legend: { top: 0 }, xAxis: { type: 'category', data: list(el, 'x') }, yAxis: { type: 'value', minInterval: 1 } };
    if (kind === 'trend') {
      base.series = [
        { name: el.getAttribute('data-name-critical'), type: 'line', data: numbers(el, 'critical'), color: '#7a0019' },
        { name: el.getAttribute('data-name-high'), type: 'line', data: numbers(el, 'high'), color: '#c2410c' }];
    } else if (kind === 'bars') {
      base.series = [{ name: el.getAttribute('data-name'), type: 'bar', data: numbers(el, 'values'), color: '#3f6212' }];
    } else if (kind === 'compare') {
      base.series = [
        { name: el.getAttribute('data-name'), type: 'bar', data: numbers(el, 'values'), color: '#c2410c' },
        { name: el.getAttribute('data-name2'), type: 'bar', data: numbers(el, 'values2'), color: '#6b7280' }];
    }
    return base;
  }

  function draw() {
    if (typeof echarts === 'undefined') return;
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      if (el.getAttribute('data-drawn')) return;
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option(el));
      el.setAttribute('data-drawn', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
