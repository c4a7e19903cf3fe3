// The page's own script: proves the joined bundle ran by leaving a mark on the page.
MediaDemo.ready(function () {
  var target = document.getElementById('greeting');
  var message = MediaDemo.greeting('mediasync');
  if (target) {
    target.textContent = message;
  }
  window.mediasyncDemo = { joined: true, message: message };
  document.documentElement.setAttribute('data-mediasync', 'ready');
});
