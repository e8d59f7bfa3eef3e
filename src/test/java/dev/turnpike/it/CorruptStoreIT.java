package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, durability: a corrupted store file (its first 8 KB zeroed, or cut to half its length)
 * is refused at start with a message naming the file, and left as it was: never silently replaced
 * by an empty store that would lose every API.
 */
class CorruptStoreIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  private Path storeWithOneApi(Path data) throws Exception {
    TurnpikeProcess tp = TurnpikeProcess.start(data);
    try {
      Sdk.connect(tp).createRestApi(r -> r.name("precious"));
      tp.stop();
    } finally {
      tp.close();
    }
    Path file = data.resolve("store").resolve("turnpike.mv.db");
    assertThat(file).exists();
    return file;
  }

  /** {@code corrupted}: the bytes the file must still hold after the refusal, or null. */
  private static void assertRefusedNaming(Path data, Path file, byte @Nullable [] corrupted)
      throws Exception {
    IllegalStateException e =
        catchThrowableOfType(
            IllegalStateException.class, () -> TurnpikeProcess.start(data).close());
    assertThat(e).as("a start on the corrupted store must fail").isNotNull();
    assertThat(e.getMessage())
        .contains("turnpike exited with 1")
        .contains("the store file " + file + " cannot be opened: it may be damaged");
    if (corrupted != null) {
      assertThat(Files.readAllBytes(file)).as("the file is left as it was").isEqualTo(corrupted);
    }
  }

  @Test
  void zeroedHeader_issue22_refusedAtStartNamingTheFile() throws Exception {
    Path data = tmp.resolve("zeroed");
    Path file = storeWithOneApi(data);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(new byte[8192]);
    }
    assertRefusedNaming(data, file, Files.readAllBytes(file));
  }

  @Test
  void truncatedToHalf_issue22_refusedAtStartNamingTheFile() throws Exception {
    Path data = tmp.resolve("truncated");
    Path file = storeWithOneApi(data);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    // H2 opens a truncated file, rolls back to its last whole chunk and writes to it before the
    // schema check refuses it: the file is not replaced, but not byte for byte as it was either.
    assertRefusedNaming(data, file, null);
  }
}
