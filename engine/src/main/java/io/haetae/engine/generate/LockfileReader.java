package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;

/** Reads one kind of lockfile or package database. One implementation per format. */
public interface LockfileReader {

  /** Whether this reader handles the file at this path (by name; GoModules also looks beside it). */
  boolean reads(Path file);

  /** The packages the file pins; a broken file is an {@link SbomException} naming file and line or field. */
  Lockfile read(Path file, byte[] content) throws SbomException;
}
