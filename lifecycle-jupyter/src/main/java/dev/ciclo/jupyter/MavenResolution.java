package dev.ciclo.jupyter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;

/**
 * Resolves {@code group:artifact[:extension[:classifier]]:version} with its runtime dependencies
 * as Maven does: Maven Resolver, the local repository, and the remote repositories, mirrors and
 * server credentials of the user's Maven settings (Maven Central unless a mirror says
 * otherwise). Offline mode in the settings is honoured.
 *
 * <p>Which settings: {@code $CICLO_MAVEN_SETTINGS} when set, else {@code ~/.m2/settings.xml};
 * the global {@code $MAVEN_HOME/conf/settings.xml} under it when present. The local repository
 * is {@code -Dmaven.repo.local}, else the settings' {@code <localRepository>}, else
 * {@code ~/.m2/repository}.
 *
 * <p>Not thread-safe: the kernel calls it from its one cell thread.
 */
final class MavenResolution {
  private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final Path localRepository;
  private final List<RemoteRepository> remotes;
  private final RepositorySystem system;
  private final RepositorySystemSession session;

  private MavenResolution(Settings settings, Path localRepository) {
    this.localRepository = localRepository;
    this.system = new RepositorySystemSupplier().get();
    DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
    for (Mirror m : settings.getMirrors()) {
      mirrors.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(),
          m.getMirrorOfLayouts());
    }
    DefaultAuthenticationSelector auth = new DefaultAuthenticationSelector();
    for (Server s : settings.getServers()) {
      if (s.getUsername() != null) {
        auth.add(s.getId(), new AuthenticationBuilder().addUsername(s.getUsername())
            .addPassword(s.getPassword()).build());
      }
    }
    RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setMirrorSelector(mirrors)
        .setAuthenticationSelector(auth)
        .setOffline(settings.isOffline())
        .setSystemProperties(System.getProperties())
        .setSystemProperty("java.version", System.getProperty("java.version"));
    this.session = builder.build();
    List<RemoteRepository> declared = new ArrayList<>();
    declared.add(new RemoteRepository.Builder("central", "default", CENTRAL)
        .setSnapshotPolicy(new RepositoryPolicy(false, null, null)).build());
    List<String> active = settings.getActiveProfiles();
    for (Profile p : settings.getProfiles()) {
      boolean on = active.contains(p.getId())
          || p.getActivation() != null && p.getActivation().isActiveByDefault();
      if (on) {
        for (Repository r : p.getRepositories()) {
          declared.add(new RemoteRepository.Builder(r.getId(), r.getLayout(), r.getUrl()).build());
        }
      }
    }
    this.remotes = system.newResolutionRepositories(session, declared);
  }

  /**
   * Reads the user's Maven settings as described in the class comment.
   *
   * @param env the environment ({@code System.getenv()} in the kernel; a map in tests)
   * @param userHome the user's home folder
   * @return a resolver over those settings
   * @throws IllegalArgumentException if a settings file cannot be parsed, naming it
   */
  static MavenResolution fromEnvironment(Map<String, String> env, Path userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(userHome, "userHome");
    Path user = env.containsKey("CICLO_MAVEN_SETTINGS")
        ? Path.of(env.get("CICLO_MAVEN_SETTINGS"))
        : userHome.resolve(".m2/settings.xml");
    String mavenHome = env.getOrDefault("MAVEN_HOME", System.getProperty("maven.home"));
    Path global = mavenHome == null ? null : Path.of(mavenHome, "conf", "settings.xml");
    DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
    if (Files.isRegularFile(user)) {
      request.setUserSettingsFile(user.toFile());
    } else if (env.containsKey("CICLO_MAVEN_SETTINGS")) {
      throw new IllegalArgumentException(
          "CICLO_MAVEN_SETTINGS names " + user + ", which is not a file");
    }
    if (global != null && Files.isRegularFile(global)) {
      request.setGlobalSettingsFile(global.toFile());
    }
    Properties sys = new Properties();
    sys.putAll(System.getProperties());
    sys.setProperty("user.home", userHome.toString());
    env.forEach((k, v) -> sys.setProperty("env." + k, v));
    request.setSystemProperties(sys);
    Settings settings;
    try {
      settings = new DefaultSettingsBuilderFactory().newInstance().build(request)
          .getEffectiveSettings();
    } catch (SettingsBuildingException e) {
      throw new IllegalArgumentException("cannot read the Maven settings " + user + ": "
          + e.getMessage(), e);
    }
    String local = System.getProperty("maven.repo.local");
    Path localRepo = local != null ? Path.of(local)
        : settings.getLocalRepository() != null ? Path.of(settings.getLocalRepository())
        : userHome.resolve(".m2/repository");
    return new MavenResolution(settings, localRepo);
  }

  /**
   * Resolves an artifact and its compile and runtime dependencies, as Maven resolves them for a
   * project that depends on it, except that the artifact's own dependency management applies
   * to the whole tree (so the versions are those it was built and tested with): its optional
   * dependencies are left out.
   *
   * @param coordinates {@code group:artifact[:extension[:classifier]]:version}
   * @return the files, the artifact's first
   * @throws IllegalArgumentException if the coordinates are malformed or something cannot be
   *     resolved; the message names what and where it was looked for
   */
  List<Path> resolve(String coordinates) {
    DefaultArtifact artifact;
    try {
      artifact = new DefaultArtifact(coordinates.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "%maven expects group:artifact:version but was '" + coordinates.strip() + "'", e);
    }
    try {
      // The artifact's own dependencies as a project's: its dependency management applies to
      // the whole tree, as when it was built, but its optional dependencies and its test and
      // provided ones are left out, as Maven leaves them out of a project that depends on it
      // (as the root of the request, examples would bring Spark and Kafka: 316 files, 468 MB).
      ArtifactDescriptorResult descriptor = system.readArtifactDescriptor(session,
          new ArtifactDescriptorRequest(artifact, remotes, null));
      List<Dependency> dependencies = descriptor.getDependencies().stream()
          .filter(d -> !d.isOptional() && RUNTIME_SCOPES.contains(d.getScope()))
          .collect(Collectors.toList());
      CollectRequest collect = new CollectRequest(dependencies,
          descriptor.getManagedDependencies(), remotes);
      collect.setRootArtifact(descriptor.getArtifact());
      DependencyRequest request = new DependencyRequest(collect,
          DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
      List<Path> files = new ArrayList<>();
      files.add(system.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null))
          .getArtifact().getPath());
      system.resolveDependencies(session, request).getArtifactResults().stream()
          .map(r -> r.getArtifact().getPath())
          .forEach(files::add);
      return files;
    } catch (ArtifactDescriptorException | ArtifactResolutionException
        | DependencyResolutionException e) {
      throw new IllegalArgumentException("%maven " + coordinates.strip()
          + ": cannot resolve it from the local repository " + localRepository
          + " or from " + remotes.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
              .collect(Collectors.joining(", ")) + ": " + rootMessage(e), e);
    }
  }

  /**
   * IJava's {@code %loadFromPOM}: the dependencies of a project's POM, resolved as Maven
   * resolves the project's class path: its parents (from the repositories, or beside it by
   * {@code relativePath}), properties and dependency management apply, and the repositories it
   * declares are searched too. Only dependencies of the given scopes are taken, with their
   * runtime dependencies.
   *
   * @param pom the {@code pom.xml}
   * @param scopes the scopes to take, such as {@code compile}, {@code runtime}; {@code test}
   *     takes the test class path
   * @return the files, in resolution order
   * @throws IllegalArgumentException if the POM cannot be read or something cannot be resolved
   */
  List<Path> resolvePom(Path pom, java.util.Set<String> scopes) {
    Map<String, Path> poms = new java.util.HashMap<>();
    String self = localPoms(pom.toAbsolutePath().normalize(), poms, 0);
    WorkspaceReader reader = new WorkspaceReader() {
      private final WorkspaceRepository repository = new WorkspaceRepository("pom-files");

      @Override
      public WorkspaceRepository getRepository() {
        return repository;
      }

      @Override
      public java.io.File findArtifact(org.eclipse.aether.artifact.Artifact a) {
        Path p = "pom".equals(a.getExtension()) ? poms.get(a.getGroupId() + ":"
            + a.getArtifactId() + ":" + a.getBaseVersion()) : null;
        return p == null ? null : p.toFile();
      }

      @Override
      public List<String> findVersions(org.eclipse.aether.artifact.Artifact a) {
        String prefix = a.getGroupId() + ":" + a.getArtifactId() + ":";
        return poms.keySet().stream().filter(k -> k.startsWith(prefix))
            .map(k -> k.substring(prefix.length())).collect(Collectors.toList());
      }
    };
    DefaultRepositorySystemSession s = new DefaultRepositorySystemSession(session);
    s.setWorkspaceReader(reader);
    String[] gav = self.split(":");
    DefaultArtifact project = new DefaultArtifact(gav[0], gav[1], "pom", gav[2]);
    try {
      ArtifactDescriptorResult d = system.readArtifactDescriptor(s,
          new ArtifactDescriptorRequest(project, remotes, null));
      Map<String, RemoteRepository> byId = new java.util.LinkedHashMap<>();
      remotes.forEach(r -> byId.put(r.getId(), r));
      d.getRepositories().forEach(r -> byId.putIfAbsent(r.getId(), r));
      List<RemoteRepository> repositories =
          system.newResolutionRepositories(s, new ArrayList<>(byId.values()));
      List<Dependency> dependencies = d.getDependencies().stream()
          .filter(x -> scopes.contains(x.getScope().isEmpty() ? JavaScopes.COMPILE
              : x.getScope()))
          .collect(Collectors.toList());
      CollectRequest collect = new CollectRequest(dependencies, d.getManagedDependencies(),
          repositories);
      collect.setRootArtifact(d.getArtifact());
      DependencyRequest request = new DependencyRequest(collect, scopes.contains(JavaScopes.TEST)
          ? DependencyFilterUtils.classpathFilter(JavaScopes.TEST)
          : DependencyFilterUtils.classpathFilter(JavaScopes.COMPILE, JavaScopes.RUNTIME));
      return system.resolveDependencies(s, request).getArtifactResults().stream()
          .map(r -> r.getArtifact().getPath())
          .collect(Collectors.toList());
    } catch (ArtifactDescriptorException | DependencyResolutionException e) {
      throw new IllegalArgumentException("%loadFromPOM " + pom + ": cannot resolve its"
          + " dependencies from the local repository " + localRepository + " or from "
          + remotes.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
              .collect(Collectors.joining(", ")) + ": " + rootMessage(e), e);
    }
  }

  /**
   * Reads a POM's coordinates and those of the parents found beside it by
   * {@code relativePath} (default {@code ../pom.xml}) into {@code poms}.
   *
   * @return the POM's {@code group:artifact:version}
   */
  private static String localPoms(Path pom, Map<String, Path> poms, int depth) {
    if (!Files.isRegularFile(pom)) {
      throw new IllegalArgumentException("%loadFromPOM " + pom + ": no such file");
    }
    org.w3c.dom.Element project;
    try {
      javax.xml.parsers.DocumentBuilderFactory f =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      project = f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
        | java.io.IOException e) {
      throw new IllegalArgumentException("%loadFromPOM " + pom + ": not a readable POM: "
          + e.getMessage(), e);
    }
    org.w3c.dom.Element parent = child(project, "parent");
    String group = text(project, "groupId", parent);
    String artifact = text(project, "artifactId", null);
    String version = text(project, "version", parent);
    if (group == null || artifact == null || version == null) {
      throw new IllegalArgumentException("%loadFromPOM " + pom + ": the POM names no groupId,"
          + " artifactId and version (nor a parent that gives them)");
    }
    String gav = group + ":" + artifact + ":" + version;
    poms.put(gav, pom);
    if (parent != null && depth < 10) {
      org.w3c.dom.Element rel = child(parent, "relativePath");
      String relative = rel == null ? "../pom.xml" : rel.getTextContent().strip();
      if (!relative.isEmpty()) {
        Path p = pom.getParent().resolve(relative).normalize();
        p = Files.isDirectory(p) ? p.resolve("pom.xml") : p;
        String wanted = text(parent, "groupId", null) + ":" + text(parent, "artifactId", null)
            + ":" + text(parent, "version", null);
        if (Files.isRegularFile(p)) {
          Map<String, Path> found = new java.util.HashMap<>();
          try {
            if (localPoms(p, found, depth + 1).equals(wanted)) {
              poms.putAll(found);
            }
          } catch (IllegalArgumentException e) {
            // not the parent: Maven then looks in the repositories, and so does the resolver
          }
        }
      }
    }
    return gav;
  }

  private static org.w3c.dom.Element child(org.w3c.dom.Element e, String name) {
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element c && name.equals(c.getTagName())) {
        return c;
      }
    }
    return null;
  }

  private static String text(org.w3c.dom.Element e, String name, org.w3c.dom.Element fallback) {
    org.w3c.dom.Element c = child(e, name);
    if (c != null) {
      return c.getTextContent().strip();
    }
    return fallback == null ? null : text(fallback, name, null);
  }

  private static final java.util.Set<String> RUNTIME_SCOPES =
      java.util.Set.of("", JavaScopes.COMPILE, JavaScopes.RUNTIME, JavaScopes.SYSTEM);

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  /** The local repository in use. */
  Path localRepository() {
    return localRepository;
  }
}
