package dev.ciclo.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the columns of a CSV file mean: which are numeric, categorical or text features, which is
 * the target, and optionally which is the example id and which the group (what must not be split
 * across train and test, such as a speaker or a patient). Columns of the file that the schema
 * does not name are ignored.
 *
 * <pre>{@code
 * CsvSchema schema = CsvSchema.builder()
 *     .numeric("age", "income").categorical("city").text("comment")
 *     .target("churned").id("customer").group("household").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvSchema {
  /** What a column holds. */
  public enum Role {
    /** A number; every cell must parse as a finite decimal. */
    NUMERIC,
    /** A category, kept as text and one-hot encoded by {@link TabularRow#features()}. */
    CATEGORICAL,
    /** Free text. */
    TEXT,
    /** The label; every cell must be non-empty. */
    TARGET,
    /** The example's id; every cell must be non-empty. */
    ID,
    /** The example's group; every cell must be non-empty. */
    GROUP
  }

  private final Map<String, Role> columns;
  private final char delimiter;

  private CsvSchema(Builder b) {
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
    this.delimiter = b.delimiter;
  }

  /**
   * A builder: no columns, delimiter ','.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The columns the schema names, in the order declared, with their roles.
   *
   * @return an unmodifiable map
   */
  public Map<String, Role> columns() {
    return columns;
  }

  /**
   * The field delimiter.
   *
   * @return the delimiter
   */
  public char delimiter() {
    return delimiter;
  }

  String columnOf(Role role) {
    for (Map.Entry<String, Role> e : columns.entrySet()) {
      if (e.getValue() == role) {
        return e.getKey();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "CsvSchema" + columns;
  }

  /** Configures a {@link CsvSchema}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Role> columns = new LinkedHashMap<>();
    private char delimiter = ',';

    private Builder() {}

    /**
     * Declares numeric feature columns.
     *
     * @param names column names, not blank, not declared before
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or already declared
     */
    public Builder numeric(String... names) {
      return add(Role.NUMERIC, names);
    }

    /**
     * Declares categorical feature columns.
     *
     * @param names column names, not blank, not declared before
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or already declared
     */
    public Builder categorical(String... names) {
      return add(Role.CATEGORICAL, names);
    }

    /**
     * Declares free-text columns.
     *
     * @param names column names, not blank, not declared before
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or already declared
     */
    public Builder text(String... names) {
      return add(Role.TEXT, names);
    }

    /**
     * Declares the target column. Required.
     *
     * @param name the column
     * @return this builder
     * @throws IllegalArgumentException if blank, already declared, or a target was declared
     */
    public Builder target(String name) {
      return single(Role.TARGET, name);
    }

    /**
     * Declares the id column. Default: none; ids are then {@code line-N}.
     *
     * @param name the column
     * @return this builder
     * @throws IllegalArgumentException if blank, already declared, or an id was declared
     */
    public Builder id(String name) {
      return single(Role.ID, name);
    }

    /**
     * Declares the group column. Default: none; every example is then its own group.
     *
     * @param name the column
     * @return this builder
     * @throws IllegalArgumentException if blank, already declared, or a group was declared
     */
    public Builder group(String name) {
      return single(Role.GROUP, name);
    }

    /**
     * The field delimiter. Default ','.
     *
     * @param delimiter any character but '"', '\r' or '\n'
     * @return this builder
     * @throws IllegalArgumentException if it is one of those
     */
    public Builder delimiter(char delimiter) {
      if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
        throw new IllegalArgumentException("delimiter must not be a quote or line break but was "
            + (int) delimiter);
      }
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Makes the schema.
     *
     * @return the schema
     * @throws IllegalStateException if no target was declared
     */
    public CsvSchema build() {
      if (!columns.containsValue(Role.TARGET)) {
        throw new IllegalStateException("the schema needs a target column: call target(name)");
      }
      return new CsvSchema(this);
    }

    private Builder single(Role role, String name) {
      if (columns.containsValue(role)) {
        throw new IllegalArgumentException("a " + role.name().toLowerCase(java.util.Locale.ROOT)
            + " column was already declared; cannot also declare '" + name + "'");
      }
      return add(role, name);
    }

    private Builder add(Role role, String... names) {
      Objects.requireNonNull(names, "names");
      List<String> ok = new ArrayList<>();
      for (String n : names) {
        Objects.requireNonNull(n, "column name");
        if (n.isBlank()) {
          throw new IllegalArgumentException("column name must not be blank");
        }
        if (columns.containsKey(n) || ok.contains(n)) {
          throw new IllegalArgumentException("column '" + n + "' is already declared as "
              + columns.getOrDefault(n, role));
        }
        ok.add(n);
      }
      ok.forEach(n -> columns.put(n, role));
      return this;
    }
  }
}
