// The self-check form: hides the questions the chosen size class is not asked (the server
// scores only those it asks, so without this script every question is simply shown).
(function () {
  'use strict';
  function apply() {
    var size = document.getElementById('size');
    if (!size) return;
    var option = size.options[size.selectedIndex];
    var rank = option && option.getAttribute('data-rank') !== null ? Number(option.getAttribute('data-rank')) : 99;
    document.querySelectorAll('fieldset.question').forEach(function (q) {
      q.hidden = Number(q.getAttribute('data-min-rank')) > rank;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var size = document.getElementById('size');
    if (size) size.addEventListener('change', apply);
    apply();
  });
})();
