// MIPAS knowledge-base widget: lists a topic's articles from the MIPAS API in a partner's page.
// No inline code, no styles of its own, no third-party requests; text is set, never parsed as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = script.src.replace(/\/api\/static\/widget\.js(\?.*)?$/, "");
  var languages = ["lt", "en", "ru"];

  function language(box) {
    var asked = (box.getAttribute("data-lang") || "").toLowerCase();
    if (languages.indexOf(asked) !== -1) return asked;
    var browser = (navigator.language || "").slice(0, 2).toLowerCase();
    return languages.indexOf(browser) !== -1 ? browser : "";
  }

  function show(box, articles) {
    var list = document.createElement("ul");
    list.className = "mipas-widget-list";
    articles.forEach(function (article) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = article.url;
      link.textContent = article.title;
      link.lang = article.language;
      item.appendChild(link);
      if (article.summary) {
        var summary = document.createElement("p");
        summary.textContent = article.summary;
        summary.lang = article.language;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    box.insertBefore(list, box.firstChild);
  }

  function load(box) {
    var query = ["limit=" + encodeURIComponent(box.getAttribute("data-limit") || "5")];
    var topic = box.getAttribute("data-topic");
    if (topic) query.push("topic=" + encodeURIComponent(topic));
    var lang = language(box);
    if (lang) query.push("lang=" + lang);
    fetch(root + "/api/v1/articles?" + query.join("&"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (page) { if (page.items.length) show(box, page.items); })
      .catch(function () { /* the link to MIPAS stays */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".mipas-widget"), load);
})();
