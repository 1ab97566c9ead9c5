package io.github.pcrupgrade.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one Jackson configuration of the documents: versions as their strings, times as ISO-8601,
 * absent optionals left out, unknown properties and unknown enum values rejected on input. Prefer
 * {@link JsonDocuments}, which also checks the schema version and turns Jackson's errors into
 * typed ones.
 */
public final class Json {

  private Json() {}

  /** Reads a version type from its string form; a malformed one is a format error. */
  private static final class VersionDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parse;

    VersionDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        @SuppressWarnings("unchecked")
        T unexpected = (T) ctxt.handleUnexpectedToken(handledType(), p);
        return unexpected;
      }
      String text = p.getText();
      try {
        return parse.apply(text);
      } catch (PcrUpgradeException e) {
        throw ctxt.weirdStringException(text, handledType(), e.getMessage());
      }
    }
  }

  /**
   * A new mapper: pretty output, ISO dates, unknown properties rejected on input.
   *
   * @return a mapper of its own on every call, so configuring it changes no other; thread-safe
   *     once configured, as every Jackson mapper
   */
  public static ObjectMapper mapper() {
    SimpleModule versions = new SimpleModule("pcr-upgrade-versions");
    versions.addSerializer(ReleaseSeries.class, ToStringSerializer.instance);
    versions.addSerializer(BinaryVersion.class, ToStringSerializer.instance);
    versions.addSerializer(ClusterVersion.class, ToStringSerializer.instance);
    versions.addDeserializer(ReleaseSeries.class,
        new VersionDeserializer<>(ReleaseSeries.class, ReleaseSeries::parse));
    versions.addDeserializer(BinaryVersion.class,
        new VersionDeserializer<>(BinaryVersion.class, BinaryVersion::parse));
    versions.addDeserializer(ClusterVersion.class,
        new VersionDeserializer<>(ClusterVersion.class, ClusterVersion::parse));
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(versions)
        // Records are mapped by their components; derived is-methods (isEmpty, isError) are not
        // part of any schema.
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // A number or a boolean where a string is expected is a wrong type, not a string.
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .build();
  }
}
