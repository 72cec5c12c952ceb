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
    params: { storage: "session" },
    customComponent: window.SourcingAdvisorCard
  }, root);
})();
