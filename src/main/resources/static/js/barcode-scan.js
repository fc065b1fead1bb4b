// Scans a product barcode with the phone's camera where the browser has the Barcode Detection API; the typed field
// always works, and stays the only way where the API or the camera is not available.
(function () {
  const start = document.getElementById('scan-start');
  const stop = document.getElementById('scan-stop');
  const scanner = document.getElementById('scanner');
  const video = document.getElementById('scan-video');
  const field = document.getElementById('gtin');
  const unavailable = document.getElementById('scan-unavailable');
  if (!start || !('BarcodeDetector' in window) || !navigator.mediaDevices) {
    return;
  }
  start.hidden = false;
  let stream = null;
  let running = false;

  function end() {
    running = false;
    if (stream) {
      stream.getTracks().forEach((t) => t.stop());
      stream = null;
    }
    scanner.hidden = true;
  }

  start.addEventListener('click', async () => {
    try {
      const detector = new window.BarcodeDetector({formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'itf']});
      stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
      video.srcObject = stream;
      scanner.hidden = false;
      await video.play();
      running = true;
      const tick = async () => {
        if (!running) {
          return;
        }
        try {
          const codes = await detector.detect(video);
          const found = codes.find((c) => /^\d{8,14}$/.test(c.rawValue));
          if (found) {
            field.value = found.rawValue;
            end();
            field.form.submit();
            return;
          }
        } catch (e) {
          // A frame that could not be read: try the next one.
        }
        requestAnimationFrame(tick);
      };
      tick();
    } catch (e) {
      end();
      unavailable.hidden = false;
      field.focus();
    }
  });
  stop.addEventListener('click', end);
})();
