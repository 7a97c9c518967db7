/** Boards: an organisation's own findings, and the national situation for operators. */
package io.haetae.server.oversight;
