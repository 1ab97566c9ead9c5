package io.github.pcrupgrade.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the first property a document has that its record type does not, before binding: Jackson
 * reports an unknown property of a record only after constructing it, so a misspelt required
 * property would otherwise be reported as missing rather than as the typo it is.
 */
final class KnownProperties {

  /** An unknown property: where it is (a JSON pointer), its name, and the names known there. */
  record Unknown(String pointer, String name, List<String> known) {}

  private KnownProperties() {}

  static Optional<Unknown> firstUnknown(Type type, JsonNode node, String pointer) {
    Class<?> raw = raw(type);
    if (node == null || raw == null) {
      return Optional.empty();
    }
    if ((raw == Optional.class || Collection.class.isAssignableFrom(raw))
        && type instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[0];
      if (raw == Optional.class) {
        return firstUnknown(element, node, pointer);
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          Optional<Unknown> u = firstUnknown(element, node.get(i), pointer + "/" + i);
          if (u.isPresent()) {
            return u;
          }
        }
      }
      return Optional.empty();
    }
    if (!raw.isRecord() || !node.isObject()) {
      return Optional.empty();
    }
    RecordComponent[] components = raw.getRecordComponents();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      Optional<RecordComponent> component = Arrays.stream(components)
          .filter(c -> c.getName().equals(name)).findFirst();
      if (component.isEmpty()) {
        return Optional.of(new Unknown(pointer + "/" + escape(name), name, List.copyOf(new TreeSet<>(
            Arrays.stream(components).map(RecordComponent::getName).toList()))));
      }
      Optional<Unknown> u = firstUnknown(component.get().getGenericType(), node.get(name),
          pointer + "/" + escape(name));
      if (u.isPresent()) {
        return u;
      }
    }
    return Optional.empty();
  }

  /** A property name as a JSON pointer segment (RFC 6901). */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
  }
}
