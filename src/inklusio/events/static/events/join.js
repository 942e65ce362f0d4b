// The join page sends its form by itself, so a person lands in the room at once. Only a real visit does:
// not a prerender (it waits until the page is shown), and not a way back from the room (the back button would
// otherwise send the person straight into the room again): then the page waits for its button.
(function () {
  "use strict";
  var form = document.querySelector("form[data-join-form]");
  if (!form) return;
  var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  if (navigation && navigation.type === "back_forward") return;
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) form.dataset.sent = "1"; // restored from the back/forward cache
  });
  function send() {
    if (form.dataset.sent) return;
    form.dataset.sent = "1";
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", function onVisible() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", onVisible);
        send();
      }
    });
  }
})();
