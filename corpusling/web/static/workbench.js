// corpusling workbench: the little the pages need besides HTML links.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // the context page: bring the hit to the middle of the window
  var hit = document.getElementById("hit");
  if (hit && !window.location.hash) {
    hit.scrollIntoView({block: "center"});
  }
  // forms: leave empty fields out of the URL, so that a view's address holds only what was chosen
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "") {
          field.removeAttribute("name");
        }
      });
    });
  });
});
