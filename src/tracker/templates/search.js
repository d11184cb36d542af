// Search the pledges of this site: the index is JSON inside the page; nothing is fetched.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var rows = JSON.parse(document.getElementById("search-index").textContent);
  var folded = rows.map(function (r) {
    return (r[0] + " " + r[1] + " " + r[3] + " " + r[5]).toLowerCase();
  });
  function show() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { count.textContent = rows.length + " pledges"; return; }
    var found = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = folded[i];
      if (!words.every(function (w) { return text.indexOf(w) !== -1; })) { continue; }
      found++;
      if (found > 200) { continue; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = rows[i][4];
      link.textContent = rows[i][1];
      var id = document.createElement("div");
      id.className = "id muted";
      id.textContent = rows[i][0] + " · " + rows[i][2] + " · " + rows[i][3];
      item.appendChild(link);
      item.appendChild(id);
      list.appendChild(item);
    }
    count.textContent = found + (found === 1 ? " pledge" : " pledges") + (found > 200 ? " (the first 200 shown)" : "");
  }
  box.addEventListener("input", show);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { box.value = query; }
  show();
})();
