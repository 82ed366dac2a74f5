package dev.ciclo.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Workspace folders and atomic writes")
class WorkspaceTest {
  @TempDir Path dir;

  @Test
  @DisplayName("opening creates runs/, models/, logs/ and reports/; reopening keeps files")
  void opens() throws IOException {
    Workspace ws = Workspace.open(dir.resolve("ws"));
    for (Path p : new Path[] {ws.runs(), ws.models(), ws.logs(), ws.reports()}) {
      assertTrue(Files.isDirectory(p), p.toString());
    }
    AtomicFiles.writeString(ws.reports().resolve("r.txt"), "kept");
    assertEquals("kept", Files.readString(Workspace.open(dir.resolve("ws")).reports()
        .resolve("r.txt")));
    Files.writeString(dir.resolve("file"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Workspace.open(dir.resolve("file")));
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }

  @Test
  @DisplayName("a write that fails half-way leaves the old file whole and no temporary file")
  void failedWriteKeepsOld() throws IOException {
    Path f = dir.resolve("a/data.txt");
    AtomicFiles.writeString(f, "old content");
    CicloException e = assertThrows(CicloException.class, () -> AtomicFiles.write(f, out -> {
      out.write("new con".getBytes());
      throw new IOException("disk full");
    }));
    assertTrue(e.getMessage().contains("cannot write " + f.toAbsolutePath() + ": disk full"),
        e.getMessage());
    assertEquals("old content", Files.readString(f));
    try (var files = Files.list(f.getParent())) {
      assertEquals(1, files.count());
    }
    AtomicFiles.writeString(f, "new content");
    assertEquals("new content", Files.readString(f));
  }
}
