// ASA Console: small enhancements only; every page works without JavaScript.
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
