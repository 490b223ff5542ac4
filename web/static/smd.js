// SMD's one first-party script. Everything works without it; it only moves
// focus to an error summary after a failed submit, as GOV.UK and KERN
// recommend, so that screen-reader users hear the problem at once.
(function () {
  'use strict';
  var summary = document.querySelector('[data-smd-focus]');
  if (summary) {
    summary.focus();
  }
  // Summary links focus the field itself rather than only scrolling to it.
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('.smd-error-summary a[href^="#"]');
    if (!a) { return; }
    var field = document.getElementById(a.getAttribute('href').slice(1));
    if (field) {
      e.preventDefault();
      field.focus();
    }
  });
}());
