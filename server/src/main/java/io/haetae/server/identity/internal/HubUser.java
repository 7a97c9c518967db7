package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;

/**
 * A person signed in to the pages, by password or by OpenID Connect. Serializable: the session
 * that holds it is stored in the database and read by any node.
 */
interface HubUser extends java.io.Serializable {

  String email();

  Caller caller();

  /** The same person acting with what the store says now (role, organisation, sectors). */
  HubUser withCaller(Caller caller);
}
