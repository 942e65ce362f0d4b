// Progressive enhancement of conditional questions (the server decides again on submit: surveys/conditions.py).
// A field with data-show-if="q12" and data-show-values="yes|4" is shown only while question q12 is shown and
// one of its checked answers is among the values. Without JavaScript every question is shown with its hint.
(function () {
  "use strict";
  var form = document.querySelector(".survey-form");
  if (!form) return;
  function wrapper(el) { return el.closest(".kern-fieldset, .kern-form-input"); }
  function conditional() { return Array.prototype.slice.call(form.querySelectorAll("[data-show-if]")); }
  function checkedValues(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      var box = wrapper(input);
      if (box && box.hidden) return;
      if ((input.type === "radio" || input.type === "checkbox") && input.checked) values.push(input.value);
    });
    return values;
  }
  function update() {
    conditional().forEach(function (el) {
      var wanted = el.dataset.showValues.split("|");
      var shown = checkedValues(el.dataset.showIf).some(function (v) { return wanted.indexOf(v) !== -1; });
      wrapper(el).hidden = !shown;
    });
  }
  form.addEventListener("change", function () { update(); update(); });
  update(); update();
})();
