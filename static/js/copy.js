// Copy buttons: <button data-copy="ID" data-status="ID" hidden>. Without JavaScript the button
// stays hidden and the text remains selectable.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallbackCopy(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source) {
      return;
    }
    function report(copied) {
      if (status) {
        status.textContent = copied ? "已复制到剪贴板" : "无法自动复制，已选中文字，请按 Ctrl+C 复制";
      }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { report(true); },
          function () { report(fallbackCopy(source)); }
        );
      } else {
        report(fallbackCopy(source));
      }
    });
  });
})();
