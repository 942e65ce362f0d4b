// Check-in: scan the QR code of a personal link with the phone's camera. Progressive enhancement: only where the
// browser has the BarcodeDetector API and a camera; everywhere else the button stays hidden and nothing changes.
(function () {
  "use strict";
  var button = document.getElementById("scan-qr");
  var panel = document.getElementById("qr-scanner");
  var form = document.getElementById("qr-lookup");
  if (!button || !panel || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var video = document.getElementById("qr-video");
  var status = document.getElementById("qr-status");
  var stream = null;
  var timer = null;

  function stop() {
    if (timer) { window.clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    panel.hidden = true;
    button.focus();
  }

  function tokenOf(text) {
    try {
      var match = new URL(text, window.location.href).pathname.match(/\/r\/([A-Za-z0-9_-]{20,64})\/?/);
      return match ? match[1] : null;
    } catch (error) {
      return null;
    }
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) { return; }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
        stream = media;
        video.srcObject = media;
        panel.hidden = false;
        status.textContent = panel.dataset.looking;
        video.play();
        timer = window.setInterval(function () {
          detector.detect(video).then(function (codes) {
            for (var i = 0; i < codes.length; i++) {
              var token = tokenOf(codes[i].rawValue);
              if (token) {
                form.elements.token.value = token;
                stop();
                form.submit();
                return;
              }
            }
            if (codes.length) { status.textContent = panel.dataset.notPersonal; }
          });
        }, 300);
      }).catch(function () {
        status.textContent = panel.dataset.noCamera;
        panel.hidden = false;
      });
    });
    document.getElementById("qr-stop").addEventListener("click", stop);
  });
})();
