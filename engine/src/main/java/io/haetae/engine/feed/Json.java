package io.haetae.engine.feed;

import io.haetae.engine.advisory.OsvTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A node of a source document with its JSON pointer, so every check names where it failed. */
record Json(JsonNode node, String pointer) {

  static Json root(JsonNode node) {
    return new Json(node, "");
  }

  Json field(String name) {
    return new Json(node == null ? null : node.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
  }

  boolean isPresent() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  Json requireObject() {
    if (!isPresent() || !node.isObject()) throw invalid("expected an object");
    return this;
  }

  String text() {
    if (!isPresent()) return null;
    if (!node.isString()) throw invalid("expected a string, found " + node.getNodeType());
    var value = node.stringValue().strip();
    return value.isEmpty() ? null : value;
  }

  String requiredText() {
    var value = text();
    if (value == null) throw invalid(isPresent() ? "must not be blank" : "is required");
    return value;
  }

  boolean bool() {
    return isPresent() && node.isBoolean() && node.booleanValue();
  }

  Instant timestamp() {
    var text = text();
    if (text == null) return null;
    return OsvTimestamp.parse(text).orElseThrow(() -> invalid("not a timestamp: '" + text + "'"));
  }

  Instant requiredTimestamp() {
    if (!isPresent()) throw invalid("is required");
    return timestamp();
  }

  List<Json> items() {
    if (!isPresent()) return List.of();
    if (!node.isArray()) throw invalid("expected an array, found " + node.getNodeType());
    var items = new ArrayList<Json>(node.size());
    for (int i = 0; i < node.size(); i++) items.add(new Json(node.get(i), pointer + "/" + i));
    return items;
  }

  List<String> texts() {
    return items().stream().map(Json::text).filter(t -> t != null).toList();
  }

  Invalid invalid(String reason) {
    return new Invalid(pointer, reason);
  }
}
