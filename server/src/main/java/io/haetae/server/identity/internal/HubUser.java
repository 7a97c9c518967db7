package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;

/** A person signed in to the pages, by password or by OpenID Connect. */
interface HubUser {

  String email();

  Caller caller();
}
