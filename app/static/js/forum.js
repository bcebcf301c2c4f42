// Progressive enhancement for the forum: everything here also works without JavaScript.
(function () {
  "use strict";

  function csrfToken(form) {
    var field = form.querySelector("input[name$='csrf_token']");
    return field ? field.value : "";
  }

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  // "Helpful" without reloading the page.
  document.querySelectorAll("form[data-helpful-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = form.querySelector("input[name='helpful']");
      var button = form.querySelector("button");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (data) {
        value.value = data.helpful ? "0" : "1";
        button.setAttribute("aria-pressed", data.helpful ? "true" : "false");
        var counter = document.querySelector("[data-helpful-count='" + data.answer + "']");
        if (counter) { counter.textContent = data.count_text; }
      }).catch(function () { form.submit(); });
    });
  });

  // Urgent help: the contacts for the chosen reason appear at once, without a round trip.
  document.querySelectorAll("[data-urgent-fields]").forEach(function (fields) {
    var urgent = fields.querySelector("input[name='urgent']");
    var reason = fields.querySelector("select[name='urgent_reason']");
    var button = fields.querySelector("[data-show-help]");
    if (button) { button.hidden = true; }
    function showHelp() {
      fields.querySelectorAll("[data-urgent-reason]").forEach(function (block) {
        block.hidden = block.getAttribute("data-urgent-reason") !== reason.value;
      });
    }
    reason.addEventListener("change", function () {
      if (reason.value) { urgent.checked = true; }
      // violence, abuse or trafficking: a private consultation is preselected, as without script
      var form = fields.closest("form");
      var privately = form && form.querySelector("input[name='visibility'][value='private']");
      if (privately && reason.value === "violence") { privately.checked = true; }
      showHelp();
    });
    urgent.addEventListener("change", function () {
      if (!urgent.checked) { reason.value = ""; showHelp(); } else { reason.focus(); }
    });
  });

  var ask = document.querySelector("form[data-preview-url]");
  if (!ask) { return; }

  // Live preview of the Markdown, rendered by the server's one renderer.
  var body = ask.querySelector("textarea[name='body']");
  var title = ask.querySelector("input[name='title']");
  var preview = document.getElementById("live-preview");
  var previewBody = preview.querySelector(".post-body");
  var updatePreview = debounce(function () {
    if (!body.value.trim()) { preview.hidden = true; return; }
    var data = new FormData();
    data.append("body", body.value);
    data.append("title", title.value);
    fetch(ask.dataset.previewUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(ask), "Accept": "application/json" }
    }).then(function (r) { return r.json(); }).then(function (result) {
      previewBody.innerHTML = result.html;  // cleaned by the server's bleach allowlist
      preview.hidden = false;
    }).catch(function () {});
  }, 400);
  body.addEventListener("input", updatePreview);

  // Similar questions while the title is typed.
  var similar = document.getElementById("similar");
  var list = similar.querySelector("ul");
  var findSimilar = debounce(function () {
    if (title.value.trim().length < 10) { similar.hidden = true; return; }
    var url = similar.dataset.similarUrl + "?title=" + encodeURIComponent(title.value);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (result) {
        list.textContent = "";
        result.questions.forEach(function (item) {
          var li = document.createElement("li");
          var kind = document.createElement("span");
          kind.className = "mark mark-similar mark-similar-" + item.kind;
          kind.textContent = item.label;
          var a = document.createElement("a");
          a.href = item.url;
          a.textContent = item.title;
          li.appendChild(kind);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(a);
          list.appendChild(li);
        });
        similar.hidden = result.questions.length === 0;
      }).catch(function () {});
  }, 350);
  title.addEventListener("input", findSimilar);
})();
