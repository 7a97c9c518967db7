/** Layout, shared fragments and error handling used by every module's pages and APIs. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.haetae.server.web;
