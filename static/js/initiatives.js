// Vươn Lên, initiative forms: show only what applies (the server checks everything again).
// - the kind select offers the kinds of the chosen domain ("Other" fits any);
// - "other kind" shows only when the kind is "Other";
// - a step entry shows the document reference on step 5 and the review fields on step 7.
(function () {
  "use strict";

  function toggle(element, shown) {
    if (element) element.classList.toggle("d-none", !shown);
  }

  function setUpKinds() {
    var kind = document.querySelector("select[data-kind-domains]");
    var domain = document.getElementById("id_domain");
    if (!kind || !domain) return;
    var domains = JSON.parse(kind.getAttribute("data-kind-domains"));
    var other = document.querySelector("[data-kind-other]");
    function update() {
      var chosen = domain.value;
      kind.querySelectorAll("optgroup").forEach(function (group) {
        var fits = Array.prototype.some.call(group.querySelectorAll("option"), function (option) {
          return !chosen || domains[option.value] === chosen;
        });
        group.hidden = !fits;
        group.disabled = !fits;
      });
      if (chosen && domains[kind.value] && domains[kind.value] !== chosen) kind.value = "";
      toggle(other, kind.value === "other");
    }
    domain.addEventListener("change", update);
    kind.addEventListener("change", update);
    update();
  }

  function setUpSteps() {
    var step = document.getElementById("id_step");
    if (!step) return;
    function update() {
      document.querySelectorAll("[data-step-only]").forEach(function (element) {
        toggle(element, element.getAttribute("data-step-only") === step.value);
      });
    }
    step.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpKinds();
    setUpSteps();
  });
})();
