// Scans a product barcode with the phone's camera: with the browser's Barcode Detection API where it has one, and
// otherwise with ZXing (@zxing/browser, served from /js/vendor/, loaded only when the camera is asked for). The typed
// field always works, and stays the only way where no camera is available.
(function () {
  const start = document.getElementById('scan-start');
  const stop = document.getElementById('scan-stop');
  const scanner = document.getElementById('scanner');
  const video = document.getElementById('scan-video');
  const field = document.getElementById('gtin');
  const unavailable = document.getElementById('scan-unavailable');
  if (!start || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  const native = 'BarcodeDetector' in window;
  start.hidden = false;
  let stream = null;
  let controls = null;
  let running = false;

  function end() {
    running = false;
    if (controls) {
      controls.stop();
      controls = null;
    }
    if (stream) {
      stream.getTracks().forEach((t) => t.stop());
      stream = null;
    }
    scanner.hidden = true;
  }

  function found(value) {
    field.value = value;
    end();
    field.form.submit();
  }

  function loadZxing() {
    if (window.ZXingBrowser) {
      return Promise.resolve(window.ZXingBrowser);
    }
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = start.dataset.zxing;
      script.onload = () => (window.ZXingBrowser ? resolve(window.ZXingBrowser) : reject(new Error('zxing')));
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  async function scanNatively() {
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
        const code = codes.find((c) => /^\d{8,14}$/.test(c.rawValue));
        if (code) {
          found(code.rawValue);
          return;
        }
      } catch (e) {
        // A frame that could not be read: try the next one.
      }
      requestAnimationFrame(tick);
    };
    tick();
  }

  async function scanWithZxing() {
    const zxing = await loadZxing();
    const reader = new zxing.BrowserMultiFormatOneDReader();
    scanner.hidden = false;
    controls = await reader.decodeFromConstraints({video: {facingMode: 'environment'}}, video, (result) => {
      // Frames without a barcode come with an error and no result: the reader keeps looking.
      if (result && /^\d{8,14}$/.test(result.getText())) {
        found(result.getText());
      }
    });
  }

  start.addEventListener('click', async () => {
    unavailable.hidden = true;
    try {
      await (native ? scanNatively() : scanWithZxing());
    } catch (e) {
      end();
      unavailable.hidden = false;
      field.focus();
    }
  });
  stop.addEventListener('click', end);
})();
