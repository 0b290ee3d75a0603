// ASA Console: small enhancements only; every page works without JavaScript.
document.documentElement.classList.add('js');

document.addEventListener('htmx:responseError', function (event) {
  // A failed partial request: tell the person instead of silently doing nothing.
  var target = event.detail.target;
  if (target) {
    var alert = document.createElement('div');
    alert.className = 'alert alert-error';
    alert.setAttribute('role', 'alert');
    alert.textContent = 'The console could not load this part of the page. Reload the page and try again.';
    target.prepend(alert);
  }
});

document.addEventListener('DOMContentLoaded', function () {
  // On narrow screens the navigation folds behind the Menu button (without script it simply stays open).
  var button = document.querySelector('.menu-button');
  var nav = document.getElementById('site-nav');
  if (button && nav) {
    button.hidden = false;
    nav.classList.add('collapsed');
    button.addEventListener('click', function () {
      var open = nav.classList.toggle('collapsed') === false;
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
});

// A destructive form without htmx asks first; with htmx, hx-confirm does the same for the partial request.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var submitter = event.submitter;
  var question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
  if (question && !form.hasAttribute('hx-post') && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

// A table wider than its box scrolls inside it; make such a box reachable by keyboard and name it for screen readers.
function markScrollingTables(root) {
  (root || document).querySelectorAll('.table-box').forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      var caption = box.querySelector('caption');
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', caption ? caption.textContent.trim() : 'Table');
    }
  });
}
document.addEventListener('DOMContentLoaded', function () { markScrollingTables(document); });
window.addEventListener('resize', function () { markScrollingTables(document); });
document.addEventListener('htmx:afterSettle', function (event) { markScrollingTables(event.detail.elt); });
