package dev.ciclo.core.data;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Provenance;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a folder of audio files (or any files) into a dataset whose labels and groups come from
 * the file names, by a regular expression with named groups: {@code label} (required),
 * {@code group} (optional; else each file is its own group) and any others, which become
 * metadata. The {@link #FSDD} pattern reads the Free Spoken Digit Dataset's
 * {@code {digit}_{speaker}_{index}.wav}.
 *
 * <p>Decoding is not done here: the host passes the loader (for example
 * {@code dev.ciclo.augment.audio.Wav::read} from {@code lifecycle-augment}), so core needs no
 * audio code. Files are read in file-name order, so the dataset and its fingerprint are the same
 * on every machine.
 *
 * <pre>{@code
 * Dataset<AudioClip, String> fsdd = AudioFolderReader.read(dir.resolve("recordings"),
 *     AudioFolderReader.FSDD, Wav::read);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class AudioFolderReader {
  /**
   * FSDD's file names: {@code 7_jackson_32.wav} gives label {@code 7}, group {@code jackson} and
   * metadata {@code index=32}.
   */
  public static final Pattern FSDD =
      Pattern.compile("(?<label>[0-9])_(?<group>[A-Za-z]+)_(?<index>[0-9]+)\\.wav");

  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private AudioFolderReader() {}

  /**
   * Reads every {@code *.wav} file of a folder (not its subfolders).
   *
   * @param folder the folder
   * @param pattern the file-name pattern; must match whole names and have a {@code label} group
   * @param loader reads one file into an input; its exceptions are reported with the file
   * @param <X> the input type
   * @return the dataset: ids are file names without extension, provenance {@code audio-folder}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the folder does not exist or holds no {@code .wav} file,
   *     the pattern has no {@code label} group, or a file name does not match (naming it)
   * @throws CicloException if the folder or a file cannot be read, naming it, with the cause
   */
  public static <X> Dataset<X, String> read(
      Path folder, Pattern pattern, Function<? super Path, ? extends X> loader) {
    return read(folder, "*.wav", pattern, loader);
  }

  /**
   * Reads the files of a folder that match a glob.
   *
   * @param folder the folder
   * @param glob which files to read, for example {@code "*.wav"}
   * @param pattern the file-name pattern; must match whole names and have a {@code label} group
   * @param loader reads one file into an input
   * @param <X> the input type
   * @return the dataset
   * @throws IllegalArgumentException as for {@link #read(Path, Pattern, Function)}
   * @throws CicloException if the folder or a file cannot be read, naming it
   */
  public static <X> Dataset<X, String> read(Path folder, String glob, Pattern pattern,
      Function<? super Path, ? extends X> loader) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(glob, "glob");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(loader, "loader");
    List<String> names = new ArrayList<>();
    Matcher gm = GROUP_NAME.matcher(pattern.pattern());
    while (gm.find()) {
      names.add(gm.group(1));
    }
    if (!names.contains("label")) {
      throw new IllegalArgumentException("pattern must have a named group 'label' but was "
          + pattern.pattern());
    }
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("audio folder " + folder + " does not exist or is not"
          + " a folder");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, glob)) {
      ds.forEach(p -> {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      });
    } catch (IOException e) {
      throw new CicloException("cannot list audio folder " + folder + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("audio folder " + folder + " has no file matching "
          + glob);
    }
    files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<Example<X, String>> out = new ArrayList<>(files.size());
    for (Path f : files) {
      String name = f.getFileName().toString();
      Matcher m = pattern.matcher(name);
      if (!m.matches()) {
        throw new IllegalArgumentException("file " + f + " does not match the file-name pattern "
            + pattern.pattern());
      }
      Map<String, String> meta = new LinkedHashMap<>();
      for (String g : names) {
        if (!g.equals("label") && !g.equals("group") && m.group(g) != null) {
          meta.put(g, m.group(g));
        }
      }
      meta.put("file", name);
      int dot = name.lastIndexOf('.');
      String id = dot > 0 ? name.substring(0, dot) : name;
      String group = names.contains("group") && m.group("group") != null ? m.group("group") : id;
      X input;
      try {
        input = Objects.requireNonNull(loader.apply(f), "the loader returned null");
      } catch (RuntimeException e) {
        throw new CicloException("cannot load audio file " + f + ": " + e.getMessage(), e);
      }
      out.add(new Example<>(id, input, m.group("label"), group, Set.of(), meta));
    }
    return Dataset.of(folder.getFileName().toString(), out,
        new Provenance("audio-folder", folder.toString(), files.size(),
            List.of("file names parsed by " + pattern.pattern())));
  }
}
