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
})();
