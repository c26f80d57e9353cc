(function () {
  'use strict';
  var severity = document.getElementById('filter-severity');
  var rule = document.getElementById('filter-rule');
  var search = document.getElementById('filter-search');
  var count = document.getElementById('shown-count');
  var none = document.getElementById('no-findings');
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var methods = Array.prototype.slice.call(document.querySelectorAll('#method-table tbody tr'));
  var texts = findings.map(function (f) { return f.textContent.toLowerCase(); });
  var methodTexts = methods.map(function (m) { return m.textContent.toLowerCase(); });
  function apply() {
    var s = severity.value;
    var r = rule.value;
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function (f, i) {
      var visible = (!s || f.getAttribute('data-severity') === s) &&
        (!r || f.getAttribute('data-rule') === r) &&
        (!q || texts[i].indexOf(q) !== -1);
      f.hidden = !visible;
      if (visible) { shown += 1; }
    });
    methods.forEach(function (m, i) {
      m.hidden = q !== '' && methodTexts[i].indexOf(q) === -1;
    });
    count.textContent = String(shown);
    none.hidden = shown !== 0;
  }
  severity.addEventListener('change', apply);
  rule.addEventListener('change', apply);
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(document.querySelectorAll('button.rule-filter'), function (b) {
    b.addEventListener('click', function () {
      rule.value = b.getAttribute('data-rule');
      severity.value = '';
      apply();
      document.getElementById('findings').scrollIntoView();
    });
  });
  apply();
}());
