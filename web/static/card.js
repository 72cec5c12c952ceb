// The recommendation card: renders the {"recommendation": ...} payload the advisor sends.
//
// rasa-webchat calls `customComponent` as a React component but its bundle does not export React,
// so the card builds React elements itself: plain objects tagged with Symbol.for("react.element"),
// the form React 16 (the widget's version) renders. Text goes in as children, which React escapes.
(function () {
  "use strict";
  var ELEMENT = Symbol.for("react.element");

  function h(type, className) {
    var children = Array.prototype.slice.call(arguments, 2);
    return {
      $$typeof: ELEMENT, type: type, key: null, ref: null, _owner: null,
      props: { className: className, children: children.length === 1 ? children[0] : children }
    };
  }

  function list(className, items) {
    return h("ul", className, (items || []).map(function (item, index) {
      var element = h("li", null, String(item));
      element.key = String(index);
      return element;
    }));
  }

  window.SourcingAdvisorCard = function (props) {
    var advice = props && props.recommendation;
    if (!advice) { return null; }
    var confidence = Math.round(Number(advice.confidence) * 100);
    return h("div", "advice-card",
      h("div", "advice-card__label", "Recommendation"),
      h("div", "advice-card__strategy", String(advice.title || advice.strategy)),
      h("div", "advice-card__confidence", confidence + "% confident"),
      h("div", "advice-card__heading", "Top reasons"),
      list("advice-card__reasons", (advice.reasons || []).slice(0, 3)),
      h("div", "advice-card__heading", "Next steps"),
      list("advice-card__steps", advice.next_steps));
  };
})();
