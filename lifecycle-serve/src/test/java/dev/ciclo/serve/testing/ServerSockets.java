package dev.ciclo.serve.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server process holds of the connections to one of its ports, counted from outside its
 * code in {@code /proc} (Linux): its sockets, and the kernel's table of the port's connections.
 */
public final class ServerSockets {
  private ServerSockets() {}

  /**
   * The sockets of process {@code pid} whose local port is {@code port}, the listening one
   * aside: the server's side of the connections it accepted (connections still in the kernel's
   * accept backlog belong to no process and are not counted).
   *
   * @param pid the server's process
   * @param port its port
   * @return how many
   * @throws IOException if {@code /proc} cannot be read
   */
  public static int held(long pid, int port) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", "" + pid, "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // not a socket of the process any more
        }
      }
    }
    return (int) entries(pid, port).values().stream().filter(inodes::contains).count();
  }

  /**
   * The TCP connections whose local port is {@code port}, as process {@code pid} sees them: the
   * inode of each by its remote address (inode 0 for those no process holds: in the accept
   * backlog, or closing). Keyed, since the kernel may list a connection twice when the table
   * changes while it is read.
   *
   * @param pid a process in the server's network namespace
   * @param port the server's port
   * @return the inodes by remote address
   * @throws IOException if {@code /proc} cannot be read
   */
  public static Map<String, String> entries(long pid, int port) throws IOException {
    Map<String, String> inodes = new HashMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc", "" + pid, "net", table));
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        String[] f = line.trim().split("\\s+");
        int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
        boolean listening = f[3].equals("0A");
        if (local == port && !listening) {
          inodes.put(f[2], f[9]);
        }
      }
    }
    return inodes;
  }
}
