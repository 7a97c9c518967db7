package io.haetae.engine.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes SBOM bytes whatever Unicode encoding they came in. JSON must be UTF-8 (RFC 8259), yet
 * real SBOMs arrive with a UTF-8 byte-order mark or as UTF-16 (PowerShell's default output;
 * the openmrs SBOM in the corpus is UTF-16LE with a BOM), so we accept those too.
 */
final class SbomText {

  private SbomText() {}

  /** The text, without byte-order mark; a byte sequence that is not valid text is rejected. */
  static String decode(byte[] content, String source) throws SbomException {
    var charset = charsetOf(content);
    int skip = bomLength(content);
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, skip, content.length - skip))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SbomException(source, null, "not valid " + charset.name() + " text");
    }
  }

  /** The first non-whitespace character of the text, or 0 for blank text; for format sniffing. */
  static char firstSignificant(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) return text.charAt(i);
    }
    return 0;
  }

  private static Charset charsetOf(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) return StandardCharsets.UTF_16BE;
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) return StandardCharsets.UTF_16LE;
    // Without a BOM, UTF-16 shows as a zero byte beside the first ASCII character ('{' or '<').
    if (b.length >= 2 && b[0] == 0 && b[1] != 0) return StandardCharsets.UTF_16BE;
    if (b.length >= 2 && b[0] != 0 && b[1] == 0) return StandardCharsets.UTF_16LE;
    return StandardCharsets.UTF_8;
  }

  private static int bomLength(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) return 3;
    if (b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
        || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) return 2;
    return 0;
  }
}
