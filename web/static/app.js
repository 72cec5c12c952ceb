// Starts the rasa-webchat widget with the settings the server put in #webchat's data-widget.
(function () {
  "use strict";
  var root = document.getElementById("webchat");
  var settings = JSON.parse(root.getAttribute("data-widget"));
  window.WebChat.default({
    socketUrl: settings.socketUrl,
    socketPath: "/socket.io/",
    title: settings.title,
    subtitle: settings.subtitle,
    // Without an initPayload the widget sends a null message when it connects.
    initPayload: settings.initPayload,
    inputTextFieldHint: "Type your answer…",
    showMessageDate: false,
    // The widget's default "typing" pause grows with the text, up to 3 s a message; keep it short.
    customMessageDelay: function (text) { return Math.min(600, 150 + text.length * 2); },
    params: { storage: "session" },
    customComponent: window.SourcingAdvisorCard
  }, root);
  // The server closes a socket that sends more than 64 KB at once, and answers any text over 2,000
  // characters with a request to shorten it. A paste is cut at 16,000 characters here (at most 48 KB),
  // so a visitor who pastes a whole document hears that request instead of losing the connection.
  var MAX_TYPED = 16000;
  new MutationObserver(function () {
    var box = root.querySelector(".rw-new-message");
    if (box && box.maxLength !== MAX_TYPED) { box.maxLength = MAX_TYPED; }
  }).observe(root, { childList: true, subtree: true });
})();
