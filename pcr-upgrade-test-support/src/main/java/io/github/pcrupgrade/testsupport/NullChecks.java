package io.github.pcrupgrade.testsupport;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks the JDK's null convention on public constructors, public static methods and public
 * instance methods by reflection: for each reference parameter, a call with {@code null} there and
 * valid sample values elsewhere must throw a {@link NullPointerException} whose message is the
 * parameter's name (as {@code Objects.requireNonNull(x, "x")} gives; for an instance method of one
 * parameter, the name of the property it sets is accepted too: {@code clock} for a builder's
 * {@code clock(Clock c)}, {@code binary} for {@code withBinary(newBinary)}). Needs classes
 * compiled with {@code -parameters}.
 *
 * <p>Samples: the caller's valid arguments for a member ({@link #withArguments}), for a record's
 * canonical constructor the components of the caller's sample of that record, the caller's
 * samples of its domain types, then built-in ones (strings, collections, empty optionals, times,
 * the first enum constant), records built from samples of their components, a sealed type's first
 * samplable permitted subtype, and interfaces as proxies that return defaults.
 *
 * <p>Receivers of instance methods: a fresh one from the caller's factory for each call ({@link
 * #withReceivers}; a builder is mutable), else the sample of the type when it is a record, an
 * enum or one of the caller's domain samples. Abstract methods (a port's contract for its
 * implementers), {@code equals} and the methods of an interface without a receiver are not
 * checked.
 *
 * <p>An executable whose all-valid call already throws, or whose type has no receiver, cannot be
 * checked this way; it is reported in {@link Report#unchecked()} so a test can list what
 * hand-written tests must cover.
 */
public final class NullChecks {

  /** What a run found. */
  public record Report(List<String> checked, List<String> failures, List<String> unchecked) {
    /** Copies the lists. */
    public Report {
      checked = List.copyOf(checked);
      failures = List.copyOf(failures);
      unchecked = List.copyOf(unchecked);
    }
  }

  private final Function<Class<?>, Object> domainSamples;
  private final Set<String> nullable;
  private final Function<Class<?>, Supplier<?>> receivers;
  private final Map<String, List<Object>> arguments;

  /**
   * @param domainSamples a sample of a domain type, or null when it has none
   * @param nullable parameters documented as nullable, as {@code Type#member(parameter)}
   *     ({@code member} is {@code new} for constructors)
   */
  public NullChecks(Function<Class<?>, Object> domainSamples, Set<String> nullable) {
    this(domainSamples, nullable, type -> null, Map.of());
  }

  private NullChecks(Function<Class<?>, Object> domainSamples, Set<String> nullable,
      Function<Class<?>, Supplier<?>> receivers, Map<String, List<Object>> arguments) {
    this.domainSamples = Objects.requireNonNull(domainSamples, "domainSamples");
    this.nullable = Set.copyOf(nullable);
    this.receivers = Objects.requireNonNull(receivers, "receivers");
    this.arguments = Map.copyOf(arguments);
  }

  /**
   * These checks, with receivers for instance methods.
   *
   * @param receivers for a type, a factory that gives a fresh, valid receiver on every call (a
   *     builder is mutable: never share one), or null when the caller has none
   * @return a copy that also checks the instance methods of the types given receivers
   */
  public NullChecks withReceivers(Function<Class<?>, Supplier<?>> receivers) {
    return new NullChecks(domainSamples, nullable, receivers, arguments);
  }

  /**
   * These checks, with the valid arguments of members whose parameters the samples cannot fill
   * validly (a parser wants a parseable text, a constructor consistent values).
   *
   * @param arguments for {@code Type#member}, the arguments of one valid call (a list that may hold
   *     null where the parameter is nullable); used for each overload of that arity whose
   *     parameter types accept them
   * @return a copy that uses them
   */
  public NullChecks withArguments(Map<String, List<Object>> arguments) {
    Map<String, List<Object>> copy = new java.util.HashMap<>();
    arguments.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableList(
        new ArrayList<>(v))));
    return new NullChecks(domainSamples, nullable, receivers, copy);
  }

  /**
   * The top-level and nested classes of package {@code pkg} found where {@code anchor} was loaded
   * from (a classes directory or a jar), excluding subpackages.
   *
   * @param anchor a class of the module to scan
   * @param pkg the package's name
   * @return the classes, sorted by name
   */
  public static List<Class<?>> classesOf(Class<?> anchor, String pkg) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(pkg, "pkg");
    try {
      java.nio.file.Path root = java.nio.file.Path.of(
          anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      String dir = pkg.replace('.', '/');
      List<String> names = new ArrayList<>();
      if (java.nio.file.Files.isDirectory(root)) {
        try (var files = java.nio.file.Files.list(root.resolve(dir))) {
          files.map(f -> f.getFileName().toString()).forEach(names::add);
        }
      } else {
        try (var jar = new java.util.jar.JarFile(root.toFile())) {
          jar.stream().map(java.util.jar.JarEntry::getName)
              .filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
              .map(n -> n.substring(dir.length() + 1)).forEach(names::add);
        }
      }
      List<Class<?>> out = new ArrayList<>();
      for (String n : new TreeSet<>(names)) {
        if (n.endsWith(".class") && !n.equals("package-info.class")
            && !n.equals("module-info.class")) {
          out.add(Class.forName(pkg + "." + n.substring(0, n.length() - ".class".length()),
              false, anchor.getClassLoader()));
        }
      }
      return out;
    } catch (java.io.IOException | java.net.URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the classes of " + pkg + ": " + e, e);
    }
  }

  /**
   * Checks every public constructor, public static method and (where a receiver exists) public
   * instance method of the public types given.
   */
  public Report check(Collection<Class<?>> types) {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (Class<?> type : types) {
      if (!isPublic(type)) {
        continue;
      }
      List<Executable> executables = new ArrayList<>();
      if (!Modifier.isAbstract(type.getModifiers()) && !type.isEnum()) {
        executables.addAll(List.of(type.getConstructors()));
      }
      List<Method> instanceMethods = new ArrayList<>();
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
          continue;
        }
        if (Modifier.isStatic(m.getModifiers())) {
          if (!(type.isEnum() && m.getName().equals("valueOf"))) {
            executables.add(m);
          }
        } else if (!Modifier.isAbstract(m.getModifiers()) && !isEquals(m)
            && hasReferenceParameter(m)) {
          instanceMethods.add(m);
        }
      }
      for (Executable e : executables) {
        check(type, e, null, checked, failures, unchecked);
      }
      if (instanceMethods.isEmpty()) {
        continue;
      }
      Supplier<?> receiver = receiverOf(type);
      if (receiver == null) {
        if (!type.isInterface()) {
          unchecked.add(simpleName(type) + ": no receiver for its instance methods "
              + instanceMethods.stream().map(Method::getName).distinct().sorted().toList());
        }
        continue;
      }
      instanceMethods.sort(java.util.Comparator.comparing(Method::toString));
      for (Method m : instanceMethods) {
        check(type, m, receiver, checked, failures, unchecked);
      }
    }
    return new Report(checked, failures, unchecked);
  }

  private Supplier<?> receiverOf(Class<?> type) {
    Supplier<?> given = receivers.apply(type);
    if (given != null) {
      return given;
    }
    if (type.isRecord() || type.isEnum() || domainSamples.apply(type) != null) {
      Object sample = sample(type, 0);
      return sample == null ? null : () -> sample;
    }
    return null;
  }

  private static boolean isEquals(Method m) {
    return m.getName().equals("equals") && m.getParameterCount() == 1
        && m.getParameterTypes()[0] == Object.class;
  }

  private static boolean hasReferenceParameter(Executable e) {
    return java.util.Arrays.stream(e.getParameterTypes()).anyMatch(t -> !t.isPrimitive());
  }

  private static String simpleName(Class<?> type) {
    return type.getName().substring(type.getPackageName().length() + 1);
  }

  private void check(Class<?> type, Executable e, Supplier<?> receiver, List<String> checked,
      List<String> failures, List<String> unchecked) {
    Parameter[] params = e.getParameters();
    if (!hasReferenceParameter(e)) {
      return;
    }
    String name = simpleName(type) + "#" + (e instanceof Constructor ? "new" : e.getName());
    Object[] valid = givenArguments(name, params);
    if (valid == null) {
      valid = componentsOfSample(type, e);
    }
    if (valid == null) {
      valid = new Object[params.length];
      for (int i = 0; i < params.length; i++) {
        valid[i] = sample(params[i].getType(), 0);
        if (valid[i] == null) {
          unchecked.add(name + ": no sample of " + params[i].getType().getSimpleName());
          return;
        }
      }
    }
    Throwable validCall = invoke(e, receiver, valid);
    if (validCall != null) {
      unchecked.add(name + ": the sample call throws " + validCall);
      return;
    }
    for (int i = 0; i < params.length; i++) {
      Parameter p = params[i];
      if (p.getType().isPrimitive() || nullable.contains(name + "(" + p.getName() + ")")) {
        continue;
      }
      if (!p.isNamePresent()) {
        failures.add(name + ": compiled without -parameters");
        return;
      }
      Object[] args = valid.clone();
      args[i] = null;
      Throwable thrown = invoke(e, receiver, args);
      if (!(thrown instanceof NullPointerException)
          || !namesParameter(e, p, thrown.getMessage())) {
        failures.add(name + "(" + p.getName() + "): null gives "
            + (thrown == null ? "no exception" : thrown.toString()));
      } else {
        checked.add(name + "(" + p.getName() + ")");
      }
    }
  }

  /**
   * Whether {@code message} names parameter {@code p}: its name, or, for an instance method of one
   * parameter, the property the method sets as its caller wrote it ({@code clock} for {@code
   * clock(Clock c)}, {@code binary} for {@code withBinary(BinaryVersion newBinary)}).
   */
  private static boolean namesParameter(Executable e, Parameter p, String message) {
    if (p.getName().equals(message)) {
      return true;
    }
    if (!(e instanceof Method m) || Modifier.isStatic(m.getModifiers())
        || m.getParameterCount() != 1 || message == null) {
      return false;
    }
    String property = m.getName();
    if (property.startsWith("with") && property.length() > 4
        && Character.isUpperCase(property.charAt(4))) {
      property = Character.toLowerCase(property.charAt(4)) + property.substring(5);
    }
    return message.equals(property);
  }

  private Object[] givenArguments(String name, Parameter[] params) {
    List<Object> given = arguments.get(name);
    if (given == null || given.size() != params.length) {
      return null;
    }
    for (int i = 0; i < params.length; i++) {
      Object a = given.get(i);
      Class<?> t = params[i].getType();
      if (a == null ? t.isPrimitive() : !box(t).isInstance(a)) {
        return null;
      }
    }
    return given.toArray();
  }

  /**
   * For a record's canonical constructor, the components of the caller's sample of the record: a
   * valid call whatever rules the constructor enforces across its components.
   */
  private Object[] componentsOfSample(Class<?> type, Executable e) {
    Object sample = type.isRecord() && e instanceof Constructor ? domainSamples.apply(type) : null;
    if (sample == null) {
      return null;
    }
    RecordComponent[] rc = type.getRecordComponents();
    if (!java.util.Arrays.equals(e.getParameterTypes(),
        java.util.Arrays.stream(rc).map(RecordComponent::getType).toArray())) {
      return null;
    }
    Object[] values = new Object[rc.length];
    try {
      for (int i = 0; i < rc.length; i++) {
        values[i] = rc[i].getAccessor().invoke(sample);
      }
    } catch (ReflectiveOperationException x) {
      return null;
    }
    return values;
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    return t == boolean.class ? Boolean.class : t == int.class ? Integer.class
        : t == long.class ? Long.class : t == double.class ? Double.class
        : t == float.class ? Float.class : t == short.class ? Short.class
        : t == byte.class ? Byte.class : Character.class;
  }

  /** Calls {@code e} on a fresh receiver (none for a constructor or static method). */
  private static Throwable invoke(Executable e, Supplier<?> receiver, Object[] args) {
    Object target = null;
    if (receiver != null) {
      try {
        target = Objects.requireNonNull(receiver.get(), "the receiver factory gave null");
      } catch (RuntimeException x) {
        return new IllegalStateException("the receiver factory throws " + x, x);
      }
    }
    try {
      if (e instanceof Constructor<?> c) {
        c.newInstance(args);
      } else {
        ((Method) e).invoke(target, args);
      }
      return null;
    } catch (InvocationTargetException x) {
      return x.getCause();
    } catch (ReflectiveOperationException | IllegalArgumentException x) {
      return x;
    }
  }

  private Object sample(Class<?> t, int depth) {
    Object domain = domainSamples.apply(t);
    if (domain != null) {
      return domain;
    }
    if (t == boolean.class || t == Boolean.class) {
      return false;
    }
    if (t == int.class || t == Integer.class) {
      return 1;
    }
    if (t == long.class || t == Long.class) {
      return 1L;
    }
    if (t == double.class || t == Double.class) {
      return 1.0;
    }
    if (t == String.class || t == CharSequence.class) {
      return "a";
    }
    if (t == List.class || t == Collection.class || t == Iterable.class) {
      return List.of();
    }
    if (t == Set.class) {
      return Set.of();
    }
    if (t == SortedSet.class) {
      return new TreeSet<>();
    }
    if (t == Map.class) {
      return Map.of();
    }
    if (t == Optional.class) {
      return Optional.empty();
    }
    if (t == OptionalInt.class) {
      return OptionalInt.empty();
    }
    if (t == OptionalLong.class) {
      return OptionalLong.empty();
    }
    if (t == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (t == Instant.class) {
      return Instant.EPOCH;
    }
    if (t == Clock.class) {
      return Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    }
    if (t.isArray()) {
      return Array.newInstance(t.getComponentType(), 0);
    }
    if (t.isEnum()) {
      Object[] constants = t.getEnumConstants();
      return constants.length == 0 ? null : constants[0];
    }
    if (depth > 6) {
      return null;
    }
    if (t.isRecord()) {
      RecordComponent[] rc = t.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      Object[] args = new Object[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        args[i] = sample(types[i], depth + 1);
        if (args[i] == null) {
          return null;
        }
      }
      try {
        Constructor<?> c = t.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
      } catch (ReflectiveOperationException | RuntimeException x) {
        return null;
      }
    }
    if (t.isSealed()) {
      for (Class<?> permitted : t.getPermittedSubclasses()) {
        Object s = sample(permitted, depth + 1);
        if (s != null) {
          return s;
        }
      }
      return null;
    }
    if (t.isInterface()) {
      return Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t},
          (proxy, method, args) -> switch (method.getName()) {
            case "toString" -> "sample " + t.getSimpleName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? null : defaultValue(method.getReturnType());
          });
    }
    return null;
  }

  private static Object defaultValue(Class<?> t) {
    if (t == boolean.class) {
      return false;
    }
    if (t == int.class || t == long.class || t == short.class || t == byte.class) {
      return t == long.class ? (Object) 0L : (Object) 0;
    }
    if (t == double.class) {
      return 0.0;
    }
    return null;
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isAnnotation() && !type.isAnonymousClass() && !type.isSynthetic();
  }
}
