package io.github.pcrupgrade.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;

/** The one Jackson configuration of the CLI: versions as their strings, times as ISO-8601. */
public final class Json {

  private Json() {}

  /** A new mapper: pretty output, ISO dates, unknown properties rejected on input. */
  public static ObjectMapper mapper() {
    SimpleModule versions = new SimpleModule("pcr-upgrade-versions");
    versions.addSerializer(ReleaseSeries.class, ToStringSerializer.instance);
    versions.addSerializer(BinaryVersion.class, ToStringSerializer.instance);
    versions.addSerializer(ClusterVersion.class, ToStringSerializer.instance);
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
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .build();
  }
}
