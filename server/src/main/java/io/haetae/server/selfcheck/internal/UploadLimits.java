package io.haetae.server.selfcheck.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the public self-check accepts (docs/self-check.md): at most {@code maxFiles} files of
 * {@code maxFile} each and {@code maxTotal} together; a zip at most {@code zipEntries} entries
 * expanding to {@code zipExpanded} in all and never more than {@code zipRatio} times its size.
 */
@ConfigurationProperties("haetae.self-check.uploads")
record UploadLimits(DataSize maxFile, DataSize maxTotal, Integer maxFiles, Integer zipEntries, DataSize zipExpanded,
    Integer zipRatio) {

  UploadLimits {
    if (maxFile == null) maxFile = DataSize.ofMegabytes(10);
    if (maxTotal == null) maxTotal = DataSize.ofMegabytes(30);
    if (maxFiles == null) maxFiles = 20;
    if (zipEntries == null) zipEntries = 10_000;
    if (zipExpanded == null) zipExpanded = DataSize.ofMegabytes(100);
    if (zipRatio == null) zipRatio = 100;
  }

  static UploadLimits defaults() {
    return new UploadLimits(null, null, null, null, null, null);
  }
}
