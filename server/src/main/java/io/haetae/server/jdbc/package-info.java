/**
 * Database helpers every module's repositories share: {@link io.haetae.server.jdbc.BulkInsert}
 * writes many rows at once (binary COPY on PostgreSQL, a JDBC batch elsewhere).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.haetae.server.jdbc;
