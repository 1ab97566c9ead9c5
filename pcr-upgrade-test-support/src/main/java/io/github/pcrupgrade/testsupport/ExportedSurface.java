package io.github.pcrupgrade.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds where a module's exported API names a type of one of its packages that are not exported:
 * a public or protected member of a public type in an exported package whose signature (generic
 * type arguments included) mentions such a type. A user on the module path cannot name it, and on
 * the class path it makes an internal type part of the API. Reads the exports from the compiled
 * {@code module-info.class} next to the anchor class.
 */
public final class ExportedSurface {

  private final Path root;
  private final Set<String> exported;
  private final Set<String> hidden;
  private final ClassLoader loader;

  private ExportedSurface(Path root, Set<String> exported, Set<String> hidden,
      ClassLoader loader) {
    this.root = root;
    this.exported = exported;
    this.hidden = hidden;
    this.loader = loader;
  }

  /**
   * The surface of the module whose classes {@code anchor} was loaded from.
   *
   * @param anchor any class of the module, compiled with its {@code module-info.java}
   * @return the module's exported and non-exported packages
   */
  public static ExportedSurface of(Class<?> anchor) {
    Objects.requireNonNull(anchor, "anchor");
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      ModuleDescriptor module;
      try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
        module = ModuleDescriptor.read(in);
      }
      Set<String> exported = new TreeSet<>();
      module.exports().forEach(e -> exported.add(e.source()));
      Set<String> all = new TreeSet<>();
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .map(f -> root.relativize(f.getParent() == null ? root : f.getParent()))
            .filter(d -> !d.toString().isEmpty())
            .forEach(d -> all.add(d.toString().replace(root.getFileSystem().getSeparator(), ".")));
      }
      all.removeAll(exported);
      return new ExportedSurface(root, Set.copyOf(exported), Set.copyOf(all),
          anchor.getClassLoader());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the module of " + anchor.getName() + ": " + e,
          e);
    }
  }

  /**
   * The packages this module exports.
   *
   * @return the exported package names
   */
  public Set<String> exported() {
    return exported;
  }

  /**
   * The packages this module has but does not export.
   *
   * @return the non-exported package names; empty when every package is exported
   */
  public Set<String> hidden() {
    return hidden;
  }

  /**
   * Every public or protected member of a public type of an exported package whose signature
   * names a type of a non-exported package, one line each as {@code Type#member: hidden type}.
   *
   * @return the leaks, sorted; empty when the exported API names no hidden type
   */
  public List<String> leaks() {
    List<String> out = new ArrayList<>();
    for (String pkg : exported) {
      for (Class<?> type : NullChecks.classesOf(classIn(pkg), pkg)) {
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        checkType(type.getGenericSuperclass(), type.getName() + " extends", out);
        for (Type t : type.getGenericInterfaces()) {
          checkType(t, type.getName() + " implements", out);
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          checkExecutable(c, out);
        }
        for (Method m : type.getDeclaredMethods()) {
          if (!m.isSynthetic() && !m.isBridge()) {
            checkExecutable(m, out);
          }
        }
        for (Field f : type.getDeclaredFields()) {
          if (visible(f)) {
            checkType(f.getGenericType(), type.getName() + "#" + f.getName(), out);
          }
        }
      }
    }
    return List.copyOf(new TreeSet<>(out));
  }

  private Class<?> classIn(String pkg) {
    try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
      String name = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
          .findFirst().orElseThrow();
      return Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()),
          false, loader);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list package " + pkg + ": " + e, e);
    }
  }

  private void checkExecutable(Executable e, List<String> out) {
    if (!visible(e)) {
      return;
    }
    String where = e.getDeclaringClass().getName() + "#" + (e instanceof Constructor ? "new" : e.getName());
    if (e instanceof Method m) {
      checkType(m.getGenericReturnType(), where, out);
    }
    for (Type t : e.getGenericParameterTypes()) {
      checkType(t, where, out);
    }
    for (Type t : e.getGenericExceptionTypes()) {
      checkType(t, where, out);
    }
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod) || Modifier.isProtected(mod);
  }

  private void checkType(Type t, String where, List<String> out) {
    if (t == null) {
      return;
    }
    if (t instanceof Class<?> c) {
      Class<?> base = c;
      while (base.isArray()) {
        base = base.getComponentType();
      }
      if (hidden.contains(base.getPackageName())) {
        out.add(where + ": " + base.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      checkType(p.getRawType(), where, out);
      Arrays.stream(p.getActualTypeArguments()).forEach(a -> checkType(a, where, out));
    } else if (t instanceof GenericArrayType a) {
      checkType(a.getGenericComponentType(), where, out);
    } else if (t instanceof WildcardType w) {
      Arrays.stream(w.getUpperBounds()).forEach(b -> checkType(b, where, out));
      Arrays.stream(w.getLowerBounds()).forEach(b -> checkType(b, where, out));
    } else if (t instanceof TypeVariable<?>) {
      // bounds of a type variable are checked where it is declared, not at every use
      return;
    }
  }
}
