// SMD's one first-party script. Everything works without it; it moves
// focus to an error summary after a failed submit, as GOV.UK and KERN
// recommend, so that screen-reader users hear the problem at once, and
// warns before a session ends for inactivity.
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
  // Before the session ends for inactivity, say so and offer to extend it
  // (WCAG 2.2.1): two minutes before the end (a third of the time when the
  // timeout is short). The extend button posts to /sitzung; with this
  // script it does so in the background and the page stays as it is.
  var dialog = document.getElementById('smd-session');
  if (dialog && typeof dialog.showModal === 'function') {
    var idle = parseInt(dialog.getAttribute('data-idle'), 10) || 0;
    var lead = idle > 360 ? 120 : Math.floor(idle / 3);
    var timer;
    var schedule = function () {
      clearTimeout(timer);
      if (idle > 0) {
        timer = setTimeout(function () { if (!dialog.open) { dialog.showModal(); } }, (idle - lead) * 1000);
      }
    };
    var form = dialog.querySelector('form');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { 'X-SMD-Fetch': '1' } })
        .then(function (res) {
          if (res.ok) { dialog.close(); schedule(); } else { form.submit(); }
        }, function () { form.submit(); });
    });
    schedule();
  }
}());
